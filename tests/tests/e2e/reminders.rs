//! Issue 10's reminders story in the real app, on the demo practice: a physician registers a
//! 52-year-old woman with nothing on record, her chart summary shows colorectal screening due
//! (overdue) with its reason — age, sex, "no colonoscopy … on record" and the USPSTF source —
//! and "done elsewhere" with a date turns it up to date.

use super::{choose, click, fill_new_patient, log_in, log_out, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{save_screenshot, testid, wait_for, wait_for_text, Driver};
use std::time::{Duration, Instant};

const ROW: &str = "[data-testid=\"reminder-row\"][data-rule=\"colorectal\"]";

fn in_row(id: &str) -> String {
    format!("{ROW} [data-testid=\"{id}\"]")
}

async fn colorectal_due_then_done_elsewhere(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    // 52 on the day the story runs (December 2026) and for a good while after.
    fill_new_patient(
        client,
        &[
            ("familyName", "Quintero"),
            ("givenName", "Marisol"),
            ("dateOfBirth", "05/02/1974"),
            ("phones.0.number", "(555) 401-2299"),
        ],
    )
    .await?;
    choose(client, "sexAtBirth", "female").await?;
    click(client, &testid("save-patient")).await?;
    wait_for_text(client, &testid("patient-banner"), "QUINTERO").await?;
    wait_for(client, &testid("reminders-panel")).await?;
    let row = wait_for(client, ROW).await?;
    let status = row
        .attr("data-status")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default();
    if status != "due" && status != "overdue" {
        return Err(format!("colorectal screening shows {status:?}, not due"));
    }
    click(client, &in_row("reminder-expand")).await?;
    let why = in_row("reminder-why");
    wait_for_text(client, &why, "Age 52, sex female").await?;
    wait_for_text(client, &why, "no colonoscopy").await?;
    wait_for_text(client, &why, "uspreventiveservicestaskforce.org").await?;
    checks.axe(client, "reminders panel").await?;
    save_screenshot(client, "reminders-colorectal-due").await;

    click(client, &in_row("reminder-done-elsewhere")).await?;
    let date = wait_for(client, "[name=\"doneOn\"]").await?;
    date.send_keys("2026-09-15")
        .await
        .map_err(|e| format!("type the date: {e}"))?;
    let place = wait_for(client, "[name=\"place\"]").await?;
    place
        .send_keys("County Hospital")
        .await
        .map_err(|e| format!("type the place: {e}"))?;
    // Enter saves the inline form.
    place.send_keys(ENTER).await.map_err(|e| e.to_string())?;
    // Up to date now: the quiet panel hides it; "show all" lists it as done elsewhere.
    wait_gone(client, &testid("reminder-decision-form")).await?;
    let show_all = wait_for(client, &testid("reminders-show-all")).await?;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&show_all).map_err(|e| e.to_string())?],
        )
        .await
        .map_err(|e| format!("scroll to show all: {e}"))?;
    show_all
        .click()
        .await
        .map_err(|e| format!("click show all: {e}"))?;
    let done =
        "[data-testid=\"reminder-row\"][data-rule=\"colorectal\"][data-status=\"doneElsewhere\"]";
    wait_for(client, done).await?;
    wait_for_text(
        client,
        &format!("{done} [data-testid=\"reminder-status\"]"),
        "Up to date",
    )
    .await?;
    click(client, &format!("{done} [data-testid=\"reminder-expand\"]")).await?;
    wait_for_text(
        client,
        &format!("{done} [data-testid=\"reminder-why\"]"),
        "County Hospital",
    )
    .await?;
    checks.axe(client, "reminders panel (all)").await?;
    save_screenshot(client, "reminders-colorectal-done-elsewhere").await;
    log_out(client, checks).await
}

/// Waits until nothing matches `css` (the inline form closed after saving).
async fn wait_gone(client: &Client, css: &str) -> Result<(), String> {
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    while Instant::now() < deadline {
        let found = client
            .find_all(Locator::Css(css))
            .await
            .map_err(|e| e.to_string())?;
        if found.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("{css} is still shown"))
}

pub async fn reminders_story(
    driver: &Driver,
    db: &str,
    checks: &ScreenChecks,
) -> Result<(), String> {
    super::with_app(driver, &["--db", db], "reminders", async |client| {
        colorectal_due_then_done_elsewhere(client, checks).await
    })
    .await
}
