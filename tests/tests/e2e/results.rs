//! Issue 10's results story in the real app, on the demo practice: drreyes finds a demo
//! patient with the search box and reads the chart number and birth date it shows, a synthetic
//! ORU^R01 file for that patient (a high glucose) is written to a temp folder and imported on
//! Result files → the inbox shows it flagged abnormal with the value → she signs it off with a
//! comment → Notify patient → the letter shows the value in plain words → Print records it.

use super::{click, log_in, type_into, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::Client;
use charta_tests::{save_screenshot, testid, wait_for, wait_for_text, Driver};

const COMMENT: &str = "Glucose high: repeat fasting in 3 months";
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

async fn text_of(client: &Client, css: &str) -> Result<String, String> {
    wait_for(client, css)
        .await?
        .text()
        .await
        .map_err(|e| format!("text of {css}: {e}"))
}

/// "14 Mar 1980 (46 y)" → "19800314".
fn hl7_date(shown: &str) -> Result<String, String> {
    let parts: Vec<&str> = shown.split_whitespace().collect();
    let (Some(d), Some(m), Some(y)) = (parts.first(), parts.get(1), parts.get(2)) else {
        return Err(format!("no date in {shown:?}"));
    };
    let month = MONTHS
        .iter()
        .position(|x| x == m)
        .ok_or_else(|| format!("no month in {shown:?}"))?
        + 1;
    let day: u32 = d.parse().map_err(|_| format!("no day in {shown:?}"))?;
    Ok(format!("{y}{month:02}{day:02}"))
}

/// The demo patient the story uses, as the search box shows them.
struct Found {
    mrn: String,
    born: String,
}

async fn find_patient(client: &Client) -> Result<Found, String> {
    type_into(client, &testid("patient-search"), "ibsen walter").await?;
    wait_for_text(client, &testid("search-result"), "IBSEN").await?;
    let mrn = text_of(client, &format!("{} .mrn", testid("search-result"))).await?;
    let born = text_of(client, &format!("{} .dob", testid("search-result"))).await?;
    let mrn = mrn.trim_start_matches("Chart #").trim().to_string();
    Ok(Found {
        mrn,
        born: hl7_date(&born)?,
    })
}

fn oru_file(found: &Found) -> String {
    [
        "MSH|^~\\&|LABSYS|ACME LAB|CHARTA|DEMO|20261125083000-0500||ORU^R01^ORU_R01|E2E0001|P|2.5.1".to_string(),
        format!("PID|1||{}^^^DEMO^MR||Ibsen^Walter||{}|M", found.mrn, found.born),
        "OBR|1|E2E-ORD-1||2345-7^Glucose^LN|||20261124071500-0500|||||||||^Reyes^Ana||||||20261125080000-0500|||F".to_string(),
        "OBX|1|NM|2345-7^Glucose [Mass/volume] in Serum or Plasma^LN||182|mg/dL|70-99|H|||F".to_string(),
        "NTE|1|L|Fasting specimen".to_string(),
    ]
    .join("\r")
}

async fn import_the_file(client: &Client, path: &str, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("nav-result-files")).await?;
    type_into(client, &testid("result-file-path"), path).await?;
    click(client, &testid("result-file-import")).await?;
    wait_for_text(client, &testid("result-file-outcome"), "Imported").await?;
    checks.axe(client, "result-files").await?;
    save_screenshot(client, "results-files").await;
    Ok(())
}

/// The inbox row of the imported file: the demo practice's inbox holds other reports too (a
/// critical one sorts first), so every action below is scoped to this row.
async fn ibsens_row(client: &Client) -> Result<String, String> {
    wait_for_text(client, &testid("inbox-row"), "Ibsen").await?;
    let rows = client
        .find_all(charta_tests::fantoccini::Locator::Css(&testid("inbox-row")))
        .await
        .map_err(|e| e.to_string())?;
    for row in rows {
        let text = row.text().await.map_err(|e| e.to_string())?;
        if !text.contains("Ibsen") {
            continue;
        }
        let flag = row.attr("data-flag").await.map_err(|e| e.to_string())?;
        if flag.as_deref() != Some("abnormal") {
            return Err(format!(
                "the imported result is flagged {flag:?}, not abnormal"
            ));
        }
        if !text.contains("182 mg/dL") {
            return Err(format!("the inbox row does not show the value: {text:?}"));
        }
        let report = row.attr("data-report").await.map_err(|e| e.to_string())?;
        return report
            .map(|id| format!("[data-report=\"{id}\"]"))
            .ok_or_else(|| "the inbox row names no report".to_string());
    }
    Err("no inbox row shows Ibsen".into())
}

async fn sign_off_and_notify(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    click(client, &testid("nav-results-inbox")).await?;
    let row = ibsens_row(client).await?;
    let inside = |id: &str| format!("{row} {}", testid(id));
    let nav = text_of(client, &testid("nav-results-inbox")).await?;
    if !nav.chars().any(|c| c.is_ascii_digit()) {
        return Err(format!("the nav label shows no count: {nav:?}"));
    }
    checks.axe(client, "results-inbox").await?;
    save_screenshot(client, "results-inbox").await;
    type_into(client, &inside("inbox-comment"), COMMENT).await?;
    wait_for(client, &inside("inbox-comment"))
        .await?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &inside("inbox-signed"), COMMENT).await?;
    click(client, &inside("inbox-notify")).await?;
    wait_for_text(client, &testid("results-letter-sheet"), "182 mg/dL").await?;
    wait_for_text(
        client,
        &testid("results-letter-sheet"),
        "higher than the usual range",
    )
    .await?;
    wait_for_text(client, &testid("results-letter-sheet"), COMMENT).await?;
    checks.axe(client, "results-letter").await?;
    // The print dialog would block the driver: stand in for it (afterprint ends the print).
    client
        .execute(
            "window.print = () => { window.__printed = true; window.dispatchEvent(new Event('afterprint')); };",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    click(client, &testid("letter-print")).await?;
    wait_for(client, &testid("letter-printed")).await?;
    let printed = client
        .execute("return window.__printed === true;", vec![])
        .await
        .map_err(|e| e.to_string())?;
    if printed.as_bool() != Some(true) {
        return Err("Print did not open the print dialog".into());
    }
    save_screenshot(client, "results-letter").await;
    click(client, &testid("letter-back")).await?;
    wait_for(client, &testid("inbox-letter-printed"))
        .await
        .map(drop)
}

pub async fn results_story(
    driver: &Driver,
    db: &str,
    dir: &std::path::Path,
    checks: &ScreenChecks,
) -> Result<(), String> {
    super::with_app(driver, &["--db", db], "results", async |client| {
        log_in(client, "drreyes", DEMO_PASSWORD).await?;
        let found = find_patient(client).await?;
        let path = dir.join("glucose.hl7");
        std::fs::write(&path, oru_file(&found)).map_err(|e| e.to_string())?;
        wait_for(client, &testid("patient-search"))
            .await?
            .clear()
            .await
            .map_err(|e| e.to_string())?;
        import_the_file(client, &path.display().to_string(), checks).await?;
        sign_off_and_notify(client, checks).await?;
        Ok(())
    })
    .await
}
