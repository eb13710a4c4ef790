//! Issue 3's story in the real app: first-run setup, the admin adds a front desk user, who
//! registers and finds a patient, cannot reach the admin's screens, and is locked out by
//! inactivity; the audit report shows it all; a restart keeps the patient; a bad form changes
//! nothing.

use super::*;

/// Issue 3's story: first-run setup, the admin adds a front desk user, who registers and finds
/// a patient, cannot reach the admin's screens, and is locked out by inactivity; the admin
/// sees all of it in the audit report; after a restart the patient is still there.
pub(super) async fn setup_staff_register_lock_audit_restart(
    driver: &Driver,
    db: &str,
    checks: &ScreenChecks,
) -> Result<(), String> {
    // Long enough that a loaded machine's slow steps (axe-core on the audit report) do not
    // lock the admin out mid-story; short enough to wait for once (UI_TIMEOUT is 20 s).
    let args = ["--db", db, "--no-demo", "--lock-after-seconds", "15"];
    with_app(driver, &args, "setup", async |client| {
        set_up_practice(client, checks).await?;
        add_front_desk_user(client, checks).await?;
        screens::practice_settings(client, checks).await?;
        screens::change_password(client, checks).await?;
        log_out(client, checks).await?;
        checks.axe(client, "login").await?;
        checks
            .unobscured(client, "login", &testid("log-in"), false)
            .await?;
        log_in(client, "desk", DESK_PASSWORD).await?;
        register_and_find(client, checks).await?;
        screens::duplicate_warning_in_view(client, checks).await?;
        no_admin_screens(client).await?;
        // Left alone, the screen locks and hides the chart.
        wait_for(client, &testid("lock-screen")).await?;
        wait_for_text(client, &testid("locked-by"), "Lee Desk").await?;
        save_screenshot(client, "lock").await;
        checks.axe(client, "lock screen").await?;
        checks
            .unobscured(client, "lock screen", &testid("unlock"), false)
            .await?;
        // The admin takes over from the lock screen and reads the audit report.
        click(client, &testid("switch-user")).await?;
        wait_for(client, &testid("switch-form")).await?;
        checks.axe(client, "lock screen (switch user)").await?;
        type_into(
            client,
            &format!("{} [name=\"username\"]", testid("switch-form")),
            "boss",
        )
        .await?;
        type_into(
            client,
            &format!("{} [name=\"password\"]", testid("switch-form")),
            ADMIN_PASSWORD,
        )
        .await?;
        click(
            client,
            &format!("{} {}", testid("switch-form"), testid("log-in")),
        )
        .await?;
        audit_report_shows_the_story(client, checks).await
    })
    .await?;
    with_app(driver, &args, "restart", async |client| {
        log_in(client, "desk", DESK_PASSWORD).await?;
        search_finds(client, "zab it", "ZABALA").await
    })
    .await
}

const ADMIN_PASSWORD: &str = "correct horse battery";
const DESK_PASSWORD: &str = "counter shift 2026";

async fn set_up_practice(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    wait_for(client, &testid("setup-form")).await?;
    checks.axe(client, "setup").await?;
    checks
        .unobscured(client, "setup", &testid("set-up"), true)
        .await?;
    // Sent empty, the form shows its field errors (checked too) and keeps nothing half-made.
    click(client, &testid("set-up")).await?;
    wait_for(client, &testid("error-practice.name")).await?;
    checks.axe(client, "setup (field errors)").await?;
    for (name, value) in [
        ("practice.name", "Riverside Family Practice"),
        ("practice.timeZone", "America/Chicago"),
        ("admin.username", "boss"),
        ("admin.displayName", "Pat Boss"),
        ("password", ADMIN_PASSWORD),
        ("passwordRepeat", ADMIN_PASSWORD),
    ] {
        type_into(
            client,
            &format!("{} [name=\"{name}\"]", testid("setup-form")),
            value,
        )
        .await?;
    }
    click(client, &testid("set-up")).await?;
    let key = wait_for(client, &testid("recovery-key")).await?;
    let text = key.text().await.map_err(|e| e.to_string())?;
    if text.chars().filter(|c| c.is_ascii_alphanumeric()).count() < 26 {
        return Err(format!("no recovery key shown: {text:?}"));
    }
    checks.axe(client, "recovery key").await?;
    checks
        .unobscured(client, "recovery key", &testid("recovery-key-done"), false)
        .await?;
    click(client, &testid("recovery-key-done")).await?;
    wait_for_text(
        client,
        &testid("practice-name"),
        "Riverside Family Practice",
    )
    .await?;
    checks.axe(client, "home (admin)").await
}

async fn add_front_desk_user(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("nav-users")).await?;
    wait_for(client, &testid("user-row")).await?;
    checks.axe(client, "users").await?;
    click(client, &testid("add-user")).await?;
    let form = testid("user-form");
    wait_for(client, &form).await?;
    checks.axe(client, "user form").await?;
    checks
        .unobscured(client, "user form", &testid("save-user"), true)
        .await?;
    type_into(client, &format!("{form} [name=\"username\"]"), "desk").await?;
    type_into(
        client,
        &format!("{form} [name=\"displayName\"]"),
        "Lee Desk",
    )
    .await?;
    click(client, &format!("{form} [name=\"role-frontDesk\"]")).await?;
    type_into(
        client,
        &format!("{form} [name=\"password\"]"),
        DESK_PASSWORD,
    )
    .await?;
    click(client, &testid("save-user")).await?;
    wait_for_text(client, &testid("user-row"), "Lee Desk").await
}

/// The front desk sees the register, never the admin's screens.
async fn no_admin_screens(client: &Client) -> Result<(), String> {
    for nav in ["nav-users", "nav-audit", "nav-settings"] {
        let found = client
            .find_all(Locator::Css(&testid(nav)))
            .await
            .map_err(|e| e.to_string())?;
        if !found.is_empty() {
            return Err(format!("the front desk can see {nav}"));
        }
    }
    Ok(())
}

async fn audit_report_shows_the_story(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    click(client, &testid("nav-audit")).await?;
    for expected in [
        "register_patient",
        "view_patient",
        "search_patients",
        "lock",
        "login",
    ] {
        wait_for_text(client, &testid("audit-row"), expected).await?;
    }
    wait_for_text(client, &testid("audit-row"), "desk").await?;
    // The admin's own first steps are further back than the report's first page: the filter.
    choose(client, "action", "create_user").await?;
    wait_for_text(client, &testid("audit-row"), "create_user").await?;
    choose(client, "action", "").await?;
    wait_for_text(client, &testid("audit-row"), "search_patients").await?;
    save_screenshot(client, "audit").await;
    checks.axe(client, "audit report").await?;
    // Nobody was refused anything in this story: switching to the admin must not re-open the
    // front desk's chart under the admin's name.
    for row in client
        .find_all(Locator::Css(&testid("audit-row")))
        .await
        .map_err(|e| e.to_string())?
    {
        let text = row.text().await.map_err(|e| e.to_string())?;
        if text.contains("denied") {
            return Err(format!("unexpected denial in the audit log: {text}"));
        }
    }
    click(client, &testid("verify-audit")).await?;
    wait_for_text(client, &testid("chain-check"), "verify").await?;
    // The admin backs up now; the copy is verified before it is reported.
    click(client, &testid("nav-backups")).await?;
    wait_for(client, &testid("backup-explain")).await?;
    checks.axe(client, "backups").await?;
    checks
        .unobscured(client, "backups", &testid("back-up-now"), false)
        .await?;
    screens::failed_backup_marked(client, checks).await?;
    click(client, &testid("back-up-now")).await?;
    wait_for_text(client, &testid("backup-done"), "verified").await?;
    screens::wait_gone(client, &testid("nav-backups-failed")).await?;
    wait_for_text(client, &testid("backup-row"), "verified").await?;
    save_screenshot(client, "backups").await;
    checks.axe(client, "backups (after a backup)").await?;
    // Restoring asks once, inline; cancelling leaves everything as it was.
    click(client, &testid("restore-backup")).await?;
    wait_for(client, &testid("restore-confirm")).await?;
    checks.axe(client, "backups (restore confirmation)").await?;
    checks
        .unobscured(
            client,
            "backups (restore confirmation)",
            &testid("restore-now"),
            false,
        )
        .await?;
    click(client, &testid("restore-cancel")).await
}

async fn register_and_find(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("new-patient")).await?;
    wait_for(client, &testid("patient-form")).await?;
    checks.axe(client, "register (empty)").await?;
    screens::form_reachable(client, checks, "register (empty)").await?;
    fill_new_patient(
        client,
        &[
            ("familyName", "Zabala"),
            ("givenName", "Itziar"),
            ("dateOfBirth", "03/14/1980"),
            ("phones.0.number", "(555) 201-3344"),
        ],
    )
    .await?;
    choose(client, "sexAtBirth", "female").await?;
    click(client, &testid("save-patient")).await?;
    wait_for_text(client, &testid("patient-banner"), "ZABALA").await?;
    wait_for_text(client, &testid("patient-banner"), "1001").await?;
    checks.axe(client, "chart").await?;
    checks
        .unobscured(client, "chart", &testid("edit-demographics"), false)
        .await?;

    // Back to search, then every kind of search finds her.
    let search = wait_for(client, &testid("patient-search")).await?;
    search.send_keys(ESCAPE).await.ok();
    for query in [
        "zab",
        "Zabala, It",
        "itz zab",
        "03/14/1980",
        "1980-03-14",
        "14.03.1980",
        "555 201 3344",
        "201-3344",
        "1001",
        "Zavala",
    ] {
        search_finds(client, query, "ZABALA").await?;
    }
    checks.axe(client, "search results").await?;
    // Enter opens the selected result.
    search_finds(client, "zabala", "ZABALA").await?;
    wait_for(client, &testid("patient-search"))
        .await?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("patient-banner"), "Itziar").await?;
    save_screenshot(client, "chart").await;
    Ok(())
}

pub(super) async fn bad_form_changes_nothing(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    wait_for(client, &testid("demo-login-hint")).await?;
    checks.axe(client, "login (demo)").await?;
    log_in(client, "desk", DEMO_PASSWORD).await?;
    wait_for_text(client, &testid("demo-ribbon"), "DEMO").await?;
    // The demo practice answers a search (and the picture is kept for the README).
    search_finds(client, "smi jo", "SMITH").await?;
    save_screenshot(client, "search").await;
    fill_new_patient(
        client,
        &[
            ("familyName", "Quillfeather"),
            ("dateOfBirth", "01/01/2099"),
            ("phones.0.number", "55-CALL"),
        ],
    )
    .await?;
    click(client, &testid("save-patient")).await?;
    wait_for_text(client, &testid("error-dateOfBirth"), "future").await?;
    wait_for_text(client, &testid("error-givenName"), "required").await?;
    wait_for_text(client, &testid("error-sexAtBirth"), "Choose").await?;
    wait_for(client, &testid("error-phones.0.number")).await?;
    checks.axe(client, "register (field errors)").await?;
    checks
        .unobscured(
            client,
            "register (field errors)",
            &testid("save-patient"),
            false,
        )
        .await?;
    // The form keeps what was typed.
    for (name, typed) in [
        ("familyName", "Quillfeather"),
        ("dateOfBirth", "01/01/2099"),
    ] {
        let value = field_value(client, name).await?;
        if value != typed {
            return Err(format!("the form lost what was typed in {name}: {value:?}"));
        }
    }

    // Nothing was saved.
    click(client, &testid("back-to-search")).await?;
    type_into(client, &testid("patient-search"), "Quillfeather").await?;
    wait_for(client, &testid("search-empty")).await?;
    let rows = client
        .find_all(Locator::Css(&testid("search-result")))
        .await
        .map_err(|e| e.to_string())?;
    if !rows.is_empty() {
        return Err("a rejected form must not register anyone".into());
    }
    Ok(())
}
