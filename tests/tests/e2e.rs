//! Real-app tests: the built `charta` binary driven through tauri-driver + WebKitWebDriver:
//! first-run setup, users, the patient register, auto-lock, the audit report (`e2e/first_run.rs`) and the chart
//! (`e2e/chart.rs`), the front desk's schedule (`e2e/schedule.rs`) and prescribing with its
//! safety checks (`e2e/prescriptions.rs`) and a practice report opening a chart
//! (`e2e/reports.rs`). Every screen
//! the stories pass is checked with axe-core and for primary actions hidden under sticky bars,
//! in a 1280×800 window (`screens` holds the screens only these checks visit).
//!
//! They need a display and the drivers, so they are ignored by a plain `cargo test`; `.ci/run`
//! runs them under Xvfb with `cargo test -p charta-tests --test e2e -- --ignored`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{save_screenshot, testid, wait_for, wait_for_text, Driver};

#[path = "e2e/chart.rs"]
mod chart;
#[path = "e2e/documents.rs"]
mod documents;
#[path = "e2e/first_run.rs"]
mod first_run;
#[path = "e2e/growth.rs"]
mod growth;
#[path = "e2e/messages.rs"]
mod messages;
#[path = "e2e/prescriptions.rs"]
mod prescriptions;
#[path = "e2e/records.rs"]
mod records;
#[path = "e2e/records_import.rs"]
mod records_import;
#[path = "e2e/reminders.rs"]
mod reminders;
#[path = "e2e/reports.rs"]
mod reports;
#[path = "e2e/results.rs"]
mod results;
#[path = "e2e/schedule.rs"]
mod schedule;
#[path = "e2e/screens.rs"]
mod screens;

const PORT: u16 = 4544;

/// The tauri-driver port: `CHARTA_E2E_PORT` lets two stories run side by side.
fn port() -> u16 {
    std::env::var("CHARTA_E2E_PORT")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(PORT)
}
/// The window size the screens are judged at (a common small laptop screen).
const WINDOW: (u32, u32) = (1280, 800);
use charta_core::workstation::DEMO_PASSWORD;
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

async fn type_into(client: &Client, css: &str, text: &str) -> Result<(), String> {
    let field = wait_for(client, css).await?;
    field
        .clear()
        .await
        .map_err(|e| format!("clear {css}: {e}"))?;
    field
        .send_keys(text)
        .await
        .map_err(|e| format!("type into {css}: {e}"))
}

async fn click(client: &Client, css: &str) -> Result<(), String> {
    wait_for(client, css)
        .await?
        .click()
        .await
        .map_err(|e| format!("click {css}: {e}"))
}

/// Picks the option with `value` in the select named `name`.
async fn choose(client: &Client, name: &str, value: &str) -> Result<(), String> {
    click(
        client,
        &format!("select[name=\"{name}\"] option[value=\"{value}\"]"),
    )
    .await
}

async fn field_value(client: &Client, name: &str) -> Result<String, String> {
    let field = wait_for(client, &format!("[name=\"{name}\"]")).await?;
    Ok(field
        .prop("value")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default())
}

/// Types `query` into the search box and waits for a result row containing `expect`.
async fn search_finds(client: &Client, query: &str, expect: &str) -> Result<(), String> {
    type_into(client, &testid("patient-search"), query).await?;
    wait_for_text(client, &testid("search-result"), expect)
        .await
        .map_err(|e| format!("searching {query:?}: {e}"))
}

async fn fill_new_patient(client: &Client, fields: &[(&str, &str)]) -> Result<(), String> {
    click(client, &testid("new-patient")).await?;
    wait_for(client, &testid("patient-form")).await?;
    for (name, value) in fields {
        type_into(client, &format!("[name=\"{name}\"]"), value).await?;
    }
    Ok(())
}

/// Runs `story` on a fresh app window; on failure the error names a screenshot of the window.
async fn with_app<F>(driver: &Driver, args: &[&str], name: &str, story: F) -> Result<(), String>
where
    F: for<'c> AsyncFnOnce(&'c Client) -> Result<(), String>,
{
    let client = driver.launch(args).await?;
    let result = match fit_window(&client).await {
        Ok(()) => story(&client).await,
        Err(e) => Err(e),
    };
    let result = match result {
        Ok(()) => Ok(()),
        Err(e) => match save_screenshot(&client, name).await {
            Some(path) => Err(format!("{e}\n(screenshot: {})", path.display())),
            None => Err(e),
        },
    };
    client.close().await.map_err(|e| e.to_string())?;
    result
}

/// Makes the page 1280×800 (the window is opened 1280×820 and Xvfb's screen may differ) and
/// checks that it is: the sticky-bar checks mean nothing at another size.
async fn fit_window(client: &Client) -> Result<(), String> {
    let inner = async || -> Result<(u64, u64), String> {
        let size = client
            .execute("return [window.innerWidth, window.innerHeight];", vec![])
            .await
            .map_err(|e| e.to_string())?;
        let dim = |i: usize| size.get(i).and_then(|v| v.as_u64()).unwrap_or(0);
        Ok((dim(0), dim(1)))
    };
    let (width, height) = WINDOW;
    let (w, h) = inner().await?;
    // The outer window may carry decorations; grow it by whatever the page lacks.
    let (outer_w, outer_h) = client.get_window_size().await.map_err(|e| e.to_string())?;
    let want_w = u64::from(width) + outer_w.saturating_sub(w);
    let want_h = u64::from(height) + outer_h.saturating_sub(h);
    client
        .set_window_size(want_w as u32, want_h as u32)
        .await
        .map_err(|e| format!("cannot size the window: {e}"))?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        let now = inner().await?;
        if now == (u64::from(width), u64::from(height)) {
            return Ok(());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!(
                "the page is {}×{}, not {width}×{height}",
                now.0, now.1
            ));
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

async fn log_out(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("user-menu")).await?;
    wait_for(client, &testid("log-out")).await?;
    checks.axe(client, "user menu").await?;
    checks
        .unobscured(client, "user menu", &testid("log-out"), false)
        .await?;
    click(client, &testid("log-out")).await?;
    wait_for(client, &testid("login-form")).await.map(drop)
}

async fn log_in(client: &Client, username: &str, password: &str) -> Result<(), String> {
    let form = testid("login-form");
    type_into(client, &format!("{form} [name=\"username\"]"), username).await?;
    type_into(client, &format!("{form} [name=\"password\"]"), password).await?;
    click(client, &format!("{form} {}", testid("log-in"))).await?;
    wait_for(client, &testid("current-user")).await.map(drop)
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn the_real_app_sets_up_registers_finds_locks_audits_and_keeps_patients() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let empty_db = dir.path().join("empty.db").display().to_string();
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = async {
        first_run::setup_staff_register_lock_audit_restart(&driver, &empty_db, &checks).await?;
        with_app(&driver, &["--db", &demo_db], "bad-form", async |client| {
            first_run::bad_form_changes_nothing(client, &checks).await
        })
        .await?;
        with_app(&driver, &["--db", &demo_db], "restricted", async |client| {
            screens::restricted_chart_lock_and_menu(client, &checks).await
        })
        .await?;
        chart::chart_story(&driver, &demo_db, &checks).await
    }
    .await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn the_front_desk_runs_the_schedule_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = schedule::schedule_story(&driver, &demo_db, &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn a_physician_prescribes_is_warned_overrides_and_prints_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = prescriptions::prescriptions_story(&driver, &demo_db, &checks).await;
    finish_story(driver, result, &checks);
}

/// Ends a story on the demo practice: stops the driver and fails with what the story and
/// axe-core found.
fn finish_story(driver: Driver, result: Result<(), String>, checks: &ScreenChecks) {
    drop(driver);
    eprintln!("screens checked: {}", checks.screens().join(", "));
    for note in checks.notes() {
        eprintln!("axe-core (moderate or minor, not failed on):\n{note}");
    }
    match (result, checks.verdict()) {
        (Ok(()), Ok(())) => {}
        (Err(e), Ok(())) | (Ok(()), Err(e)) => panic!("{e}"),
        (Err(e), Err(found)) => panic!("{e}\n(before that) {found}"),
    }
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn a_result_file_reaches_the_inbox_and_is_signed_off_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = results::results_story(&driver, &demo_db, dir.path(), &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn a_52_year_olds_summary_shows_colorectal_screening_due_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = reminders::reminders_story(&driver, &demo_db, &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn a_two_year_olds_growth_chart_plots_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = growth::growth_story(&driver, &demo_db, &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn a_practice_report_lists_a_patient_and_opens_the_chart_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = reports::reports_story(&driver, &demo_db, &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn a_phone_note_reaches_the_physician_who_answers_it_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = messages::messages_story(&driver, &demo_db, dir.path(), &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn the_admin_exports_the_practice_and_a_chart_as_valid_fhir_in_the_real_app() {
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = records::records_story(&driver, &demo_db, dir.path(), &checks).await;
    finish_story(driver, result, &checks);
}

#[tokio::test(flavor = "current_thread")]
#[ignore = "needs tauri-driver, WebKitWebDriver and a display; run by .ci/run"]
async fn the_admin_imports_a_synthea_bundle_after_a_dry_run_and_the_chart_shows_it_in_the_real_app()
{
    let dir = tempfile::tempdir().expect("temp dir");
    let driver = Driver::start(port()).expect("tauri-driver");
    let demo_db = dir.path().join("demo.db").display().to_string();
    let checks = ScreenChecks::new();
    let result = records_import::import_story(&driver, &demo_db, dir.path(), &checks).await;
    finish_story(driver, result, &checks);
}
