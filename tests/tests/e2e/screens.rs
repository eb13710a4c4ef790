//! The screens the stories would not otherwise visit, for the axe-core and sticky-bar checks:
//! practice settings, change password, the duplicate warning at 1280×800, the long patient
//! form scrolled both ways, a restricted chart's emergency-access prompt, the demo lock screen
//! and the admin's nav and notice line after a failed backup.

use super::{choose, click, fill_new_patient, log_in, search_finds, type_into, ENTER, ESCAPE};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{save_screenshot, testid, wait_for, wait_for_text};
use std::time::{Duration, Instant};

pub async fn practice_settings(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("nav-settings")).await?;
    wait_for(client, &testid("practice-form")).await?;
    checks.axe(client, "practice settings").await?;
    checks
        .unobscured(client, "practice settings", &testid("save-practice"), true)
        .await
}

/// A backup into a folder nobody can write fails in the background; every admin screen then
/// says so (nav marker and notice line). Leaves the Backups screen open with the folder empty.
pub async fn failed_backup_marked(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    let folder = r#"input[name="backupDir"]"#;
    type_into(client, folder, "/proc/charta-cannot-write-here").await?;
    click(client, &testid("back-up-now")).await?;
    wait_for_text(client, &testid("backup-error"), "failed").await?;
    click(client, &testid("nav-users")).await?;
    wait_for(client, &testid("nav-backups-failed")).await?;
    wait_for(client, &testid("backup-failed-notice")).await?;
    save_screenshot(client, "backup-failed").await;
    checks.axe(client, "users (last backup failed)").await?;
    click(client, &testid("nav-backups")).await?;
    wait_for(client, folder)
        .await?
        .clear()
        .await
        .map_err(|e| format!("clear {folder}: {e}"))
}

pub async fn change_password(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("user-menu")).await?;
    click(client, &testid("change-password")).await?;
    wait_for(client, &testid("password-form")).await?;
    checks.axe(client, "change password").await?;
    checks
        .unobscured(client, "change password", &testid("save-password"), false)
        .await?;
    // Sent empty: the core refuses the empty new password, under its field.
    click(client, &testid("save-password")).await?;
    wait_for(client, &testid("error-newPassword")).await?;
    checks.axe(client, "change password (field errors)").await
}

/// Finding 13: registering someone who may already be registered shows the warning where the
/// user is looking — its "Register anyway" is in the 1280×800 window, not under the sticky
/// action bar, without the user scrolling — and it works.
pub async fn duplicate_warning_in_view(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    fill_new_patient(
        client,
        &[
            ("familyName", "Zabala"),
            ("givenName", "Itziar"),
            ("dateOfBirth", "03/14/1980"),
        ],
    )
    .await?;
    choose(client, "sexAtBirth", "female").await?;
    click(client, &testid("save-patient")).await?;
    wait_for(client, &testid("duplicate-warning")).await?;
    let screen = "register (duplicate warning)";
    checks.axe(client, screen).await?;
    checks
        .unobscured(client, screen, &testid("register-anyway"), false)
        .await?;
    click(client, &testid("register-anyway")).await?;
    wait_for_text(client, &testid("patient-banner"), "1002").await
}

/// The long patient form at 1280×800: tabbing down to its last field or back up to its first
/// never leaves the field under the sticky action bar or the sticky patient banner, and the
/// save button is in view wherever the form is scrolled.
pub async fn form_reachable(
    client: &Client,
    checks: &ScreenChecks,
    screen: &str,
) -> Result<(), String> {
    scroll_to(client, false).await?;
    checks
        .unobscured(client, screen, &testid("save-patient"), false)
        .await?;
    checks
        .unobscured(client, screen, "[name=\"status\"]", true)
        .await?;
    scroll_to(client, true).await?;
    checks
        .unobscured(client, screen, &testid("save-patient"), false)
        .await?;
    checks
        .unobscured(client, screen, "[name=\"familyName\"]", true)
        .await?;
    scroll_to(client, false).await
}

/// Scrolls the page to its end (`bottom`) or its top.
async fn scroll_to(client: &Client, bottom: bool) -> Result<(), String> {
    let script = if bottom {
        "window.scrollTo(0, document.documentElement.scrollHeight);"
    } else {
        "window.scrollTo(0, 0);"
    };
    client
        .execute(script, vec![])
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}

/// A physician restricts a chart, opens it again through the emergency-access prompt, edits
/// it and locks the screen (the demo lock screen still says DEMO); then the front desk meets
/// the same chart's prompt without the emergency button.
pub async fn restricted_chart_lock_and_menu(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    search_finds(client, "smi jo", "SMITH").await?;
    press(client, &testid("patient-search"), ENTER).await?;
    wait_for(client, &testid("patient-banner")).await?;
    click(client, &testid("restrict-chart")).await?;
    wait_until_checked(client, &testid("restrict-chart")).await?;

    click(client, &testid("back-to-search")).await?;
    search_finds(client, "smi jo", "SMITH").await?;
    press(client, &testid("patient-search"), ENTER).await?;
    wait_for(client, &testid("restricted-chart")).await?;
    checks.axe(client, "emergency access").await?;
    checks
        .unobscured(
            client,
            "emergency access",
            &testid("emergency-access"),
            false,
        )
        .await?;
    type_into(
        client,
        "[name=\"reason\"]",
        "Patient on the phone with chest pain",
    )
    .await?;
    click(client, &testid("emergency-access")).await?;
    wait_for(client, &testid("emergency-banner")).await?;
    checks.axe(client, "chart (emergency access)").await?;

    // A physician lands on the summary; demographics are a tab away.
    click(client, &testid("tab-demographics")).await?;
    click(client, &testid("edit-demographics")).await?;
    wait_for(client, &testid("patient-form")).await?;
    checks.axe(client, "chart (editing demographics)").await?;
    form_reachable(client, checks, "chart (editing demographics)").await?;
    press(client, "[name=\"familyName\"]", ESCAPE).await?;
    wait_for(client, &testid("edit-demographics")).await?;

    click(client, &testid("lock-now")).await?;
    wait_for(client, &testid("lock-screen")).await?;
    checks.axe(client, "lock screen (demo)").await?;
    checks
        .unobscured(client, "lock screen (demo)", &testid("demo-ribbon"), false)
        .await?;
    type_into(client, "[name=\"unlockPassword\"]", DEMO_PASSWORD).await?;
    click(client, &testid("unlock")).await?;
    // The chart stays mounted under the lock screen: unlocked is when the lock screen goes.
    wait_gone(client, &testid("lock-screen")).await?;

    // The front desk may not open it at all: the prompt says who can.
    click(client, &testid("user-menu")).await?;
    click(client, &testid("menu-switch-user")).await?;
    let form = testid("switch-form");
    type_into(client, &format!("{form} [name=\"username\"]"), "desk").await?;
    type_into(
        client,
        &format!("{form} [name=\"password\"]"),
        DEMO_PASSWORD,
    )
    .await?;
    click(client, &format!("{form} {}", testid("log-in"))).await?;
    wait_for_text(client, &testid("current-user"), "Front").await?;
    search_finds(client, "smi jo", "SMITH").await?;
    press(client, &testid("patient-search"), ENTER).await?;
    wait_for_text(client, &testid("restricted-chart"), "Only a physician").await?;
    checks.axe(client, "emergency access (front desk)").await
}

async fn press(client: &Client, css: &str, key: &str) -> Result<(), String> {
    wait_for(client, css)
        .await?
        .send_keys(key)
        .await
        .map_err(|e| format!("pressing a key in {css}: {e}"))
}

pub async fn wait_gone(client: &Client, css: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let found = client
            .find_all(Locator::Css(css))
            .await
            .map_err(|e| e.to_string())?;
        if found.is_empty() {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{css} did not go away"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn wait_until_checked(client: &Client, css: &str) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let checked = wait_for(client, css)
            .await?
            .prop("checked")
            .await
            .map_err(|e| e.to_string())?;
        if checked.as_deref() == Some("true") {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{css} was never checked"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
