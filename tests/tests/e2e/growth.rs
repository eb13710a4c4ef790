//! Issue 10's growth story in the real app, on the demo practice: Dr Reyes registers a boy
//! born two years ago, records his weight and height on two dates through the Vitals tab
//! (one before his second birthday, one after), opens the growth chart, and finds each point's
//! percentile row on its reference (WHO 2006 before 2, CDC 2000 after) with the plot drawn
//! on its canvas; the printable page carries his identifiers. After the app closes, the rows
//! are checked against the percentiles charta-core computes.

use super::{choose, fill_new_patient, log_in, log_out};
use charta_core::growth::GrowthMeasure;
use charta_core::workstation::{Workstation, DEMO_PASSWORD};
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{
    save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text, Driver,
};
use chrono::{Duration, Months, NaiveDate, Utc};
use std::path::Path;

const FAMILY: &str = "Lindqvist";
const GIVEN: &str = "Milo";

/// Born two years and ten days ago (UTC): today he is past 24 months, 90 days ago he was not.
fn born() -> NaiveDate {
    let today = Utc::now().date_naive();
    today.checked_sub_months(Months::new(24)).unwrap_or(today) - Duration::days(10)
}

/// Scrolls the element to the middle of the window, then clicks it (the growth chart runs
/// below the fold of a 1280×800 window).
async fn click(client: &Client, css: &str) -> Result<(), String> {
    let el = wait_for(client, css).await?;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&el).map_err(|e| e.to_string())?],
        )
        .await
        .map_err(|e| format!("scroll to {css}: {e}"))?;
    el.click().await.map_err(|e| format!("click {css}: {e}"))
}

async fn count(client: &Client, css: &str) -> Result<usize, String> {
    Ok(client
        .find_all(Locator::Css(css))
        .await
        .map_err(|e| e.to_string())?
        .len())
}

/// The growth rows shown: (text, data-percentile).
async fn rows(client: &Client) -> Result<Vec<(String, String)>, String> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('[data-testid=\"growth-row\"]')]
               .map((r) => [r.textContent, r.dataset.percentile]);",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(found
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|r| {
            let s = |i: usize| r.get(i).and_then(|v| v.as_str()).unwrap_or("").to_string();
            (s(0), s(1))
        })
        .collect())
}

/// How many pixels of the plot's canvas are painted (uPlot draws on a canvas).
async fn painted(client: &Client, plot: &str) -> Result<u64, String> {
    let n = client
        .execute(
            &format!(
                "const c = document.querySelector('{plot} canvas');
                 if (!c || !c.width) return 0;
                 const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
                 return n;"
            ),
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    Ok(n.as_u64().unwrap_or(0))
}

async fn record(client: &Client, kg: &str, cm: &str, taken: &str, n: usize) -> Result<(), String> {
    click(client, &testid("record-vitals")).await?;
    type_into(client, &testid("vitals-weight"), kg).await?;
    type_into(client, &testid("vitals-height"), cm).await?;
    if !taken.is_empty() {
        type_into(client, &testid("vitals-taken-at"), taken).await?;
    }
    click(client, &testid("save-vitals")).await?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while count(client, &testid("vitals-row")).await? < n {
        if std::time::Instant::now() > deadline {
            return Err(format!("the vitals list did not reach {n} rows"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    Ok(())
}

async fn plots_the_child(client: &Client, checks: &ScreenChecks) -> Result<Vec<String>, String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    let dob = born();
    fill_new_patient(
        client,
        &[
            ("familyName", FAMILY),
            ("givenName", GIVEN),
            ("dateOfBirth", &dob.format("%m/%d/%Y").to_string()),
        ],
    )
    .await?;
    choose(client, "sexAtBirth", "male").await?;
    click(client, &testid("save-patient")).await?;
    wait_for_text(client, &testid("patient-banner"), "LINDQVIST").await?;
    click(client, &testid("tab-vitals")).await?;
    wait_for(client, &testid("vitals-view")).await?;
    let earlier = Utc::now().date_naive() - Duration::days(90);
    record(client, "11.6", "84", &format!("{earlier} 10:00"), 1).await?;
    record(client, "12.6", "88", "", 2).await?;

    click(client, &testid("growth-chart-toggle")).await?;
    wait_for(client, &testid("growth-row")).await?;
    wait_for_text(client, &testid("growth-reference"), "CDC 2000, 2–20 years").await?;
    let after = rows(client).await?;
    if after.len() != 1 || !after[0].0.contains("12.6 kg") {
        return Err(format!("the CDC weight rows: {after:?}"));
    }
    click(client, &testid("growth-reference-who")).await?;
    wait_for_text(client, &testid("growth-reference"), "WHO 2006, 0–2 years").await?;
    wait_for_text(client, &testid("growth-row"), "11.6 kg").await?;
    let before = rows(client).await?;
    let plot = testid("growth-plot");
    wait_for(client, &format!("{plot}[data-drawn=\"true\"]")).await?;
    let pixels = painted(client, &plot).await?;
    if pixels < 2_000 {
        return Err(format!(
            "the growth plot's canvas has {pixels} painted pixels"
        ));
    }
    checks.axe(client, "growth chart").await?;
    save_screenshot(client, "growth-chart").await;

    click(client, &testid("growth-measure-lengthHeightForAge")).await?;
    wait_for_text(client, &testid("growth-row"), "cm").await?;

    click(client, &testid("growth-print")).await?;
    wait_for_text(client, &testid("growth-print-patient"), FAMILY).await?;
    wait_for(
        client,
        &format!("{}[data-drawn=\"true\"]", testid("growth-print-plot")),
    )
    .await?;
    let panels = count(client, &testid("growth-print-panel")).await?;
    if panels < 4 {
        return Err(format!("the print page has {panels} panels"));
    }
    save_screenshot(client, "growth-print").await;
    click(client, &testid("growth-print-back")).await?;
    wait_for(client, &testid("vitals-view")).await?;
    Ok(vec![
        before.first().map(|r| r.1.clone()).unwrap_or_default(),
        after.first().map(|r| r.1.clone()).unwrap_or_default(),
    ])
}

/// The weight percentiles shown (WHO row, CDC row) are charta-core's.
fn rows_are_the_cores(db: &str, shown: &[String]) -> Result<(), String> {
    let now = Utc::now();
    let mut ws = Workstation::log_in(Path::new(db), "drreyes", DEMO_PASSWORD, now)
        .map_err(|e| format!("log in to check: {e}"))?;
    let chart = ws
        .run(now, |u| {
            let page = u.search_patients(
                &charta_core::patient::SearchRequest::new("lindqvist milo"),
                now,
            )?;
            let patient = page.hits.first().map(|h| h.patient.id).ok_or_else(|| {
                charta_core::CoreError::invalid("patient", "Milo Lindqvist not found")
            })?;
            u.growth_chart(patient, now)
        })
        .map_err(|e| format!("reading the growth chart: {e}"))?;
    let weights: Vec<String> = chart
        .points
        .iter()
        .filter(|p| p.measure == GrowthMeasure::WeightForAge)
        .map(|p| format!("{:.1}", p.percentile))
        .collect();
    if weights != shown {
        return Err(format!("shown {shown:?}, core {weights:?}"));
    }
    let refs: Vec<&str> = chart
        .points
        .iter()
        .filter(|p| p.measure == GrowthMeasure::WeightForAge)
        .map(|p| p.reference.as_str())
        .collect();
    if refs != ["WHO 2006", "CDC 2000"] {
        return Err(format!("references {refs:?}"));
    }
    let _ = ws.log_out(now);
    Ok(())
}

pub async fn growth_story(driver: &Driver, db: &str, checks: &ScreenChecks) -> Result<(), String> {
    let mut shown = Vec::new();
    super::with_app(driver, &["--db", db], "growth", async |client| {
        shown = plots_the_child(client, checks).await?;
        log_out(client, checks).await
    })
    .await?;
    rows_are_the_cores(db, &shown)
}
