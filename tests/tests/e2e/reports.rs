//! Issue 10's reports story in the real app, on the demo practice (its generated charts hold
//! hypertension diagnoses and blood pressures): Dr Reyes opens Reports, runs blood-pressure
//! control (CMS165), sees its table, chart, definition and a non-empty patient list, and opens
//! the first listed patient's chart with Enter — the chart's banner shows that patient. Then
//! the front desk sees only the operational reports.

use super::{click, log_in, log_out, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{save_screenshot, testid, wait_for, wait_for_text, Driver};

/// The first listed patient's chart number as the row shows it ("Chart #1042").
async fn first_listed_chart_number(client: &Client) -> Result<String, String> {
    let row = wait_for(client, &testid("report-patient-row")).await?;
    let text = row.text().await.map_err(|e| e.to_string())?;
    let at = text
        .find("Chart #")
        .ok_or_else(|| format!("the first listed patient has no chart number: {text:?}"))?;
    let digits: String = text[at + 7..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() {
        return Err(format!("no chart number in {text:?}"));
    }
    Ok(format!("Chart #{digits}"))
}

async fn physician_opens_a_chart_from_a_report(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    click(client, &testid("nav-reports")).await?;
    wait_for(client, &testid("report-kind-diabetesControl")).await?;
    click(client, &testid("report-kind-bloodPressureControl")).await?;
    wait_for_text(client, &testid("report-table"), "Below 140/90").await?;
    wait_for_text(client, &testid("report-source"), "CMS165").await?;
    wait_for(client, &testid("report-chart")).await?;
    let chart = first_listed_chart_number(client).await?;
    checks.axe(client, "practice report").await?;
    save_screenshot(client, "reports-blood-pressure-control").await;
    let row = wait_for(client, &testid("report-patient-row")).await?;
    row.send_keys(ENTER).await.map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("patient-banner"), &chart).await?;
    save_screenshot(client, "reports-opened-chart").await;
    log_out(client, checks).await
}

async fn desk_sees_only_operational_reports(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "desk", DEMO_PASSWORD).await?;
    click(client, &testid("nav-reports")).await?;
    wait_for(client, &testid("report-kind-noShowRate")).await?;
    let clinical = client
        .find_all(Locator::Css(&testid("report-kind-diabetesControl")))
        .await
        .map_err(|e| e.to_string())?;
    if !clinical.is_empty() {
        return Err("the front desk is offered a clinical report".into());
    }
    click(client, &testid("report-kind-noShowRate")).await?;
    wait_for_text(client, &testid("report-table"), "12 months").await?;
    save_screenshot(client, "reports-desk-no-shows").await;
    log_out(client, checks).await
}

pub async fn reports_story(driver: &Driver, db: &str, checks: &ScreenChecks) -> Result<(), String> {
    super::with_app(driver, &["--db", db], "reports", async |client| {
        physician_opens_a_chart_from_a_report(client, checks).await?;
        desk_sees_only_operational_reports(client, checks).await
    })
    .await
}
