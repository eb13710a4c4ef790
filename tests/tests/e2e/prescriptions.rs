//! Issue 9's story in the real app, on the demo practice: a physician prescribes warfarin to
//! Walter Ibsen, who takes ibuprofen → the interaction alert shows its source (the rule
//! table's citation) → she overrides it with a reason and signs → prints, and the PDF copy kept
//! in the chart holds the right text (read back through charta-core after the app closes); a
//! penicillin-allergic patient (Paula Brennan) prescribed amoxicillin is warned; a nurse drafts
//! but cannot sign, not even by calling the command directly.

use super::{choose, click, log_in, log_out, ENTER};
use charta_core::workstation::{Workstation, DEMO_PASSWORD};
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{
    save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text, Driver,
};
use std::path::Path;
use std::time::{Duration, Instant};

const OVERRIDE_REASON: &str = "Benefit outweighs risk; INR weekly, ibuprofen to stop";

/// The citation of one rule of the interaction table, as the alert must show it.
fn citation_of(rule: &str) -> Result<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/interactions/rules.tsv");
    let table = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut lines = table.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let column = header
        .iter()
        .position(|h| *h == "citation")
        .ok_or("rules.tsv has no citation column")?;
    lines
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|f| f.first() == Some(&rule))
        .and_then(|f| f.get(column).map(|c| c.to_string()))
        .ok_or_else(|| format!("rules.tsv has no rule {rule}"))
}

async fn count(client: &Client, css: &str) -> Result<usize, String> {
    Ok(client
        .find_all(Locator::Css(css))
        .await
        .map_err(|e| e.to_string())?
        .len())
}

/// Opens the patient's chart from the header search and goes to the Medications tab.
async fn open_medications(client: &Client, query: &str, family: &str) -> Result<(), String> {
    type_into(client, &testid("patient-search"), query).await?;
    wait_for_text(client, &testid("search-result"), family).await?;
    wait_for(client, &testid("patient-search"))
        .await?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("patient-banner"), family).await?;
    click(client, &testid("tab-medications")).await?;
    wait_for(client, &testid("med-active")).await.map(drop)
}

/// Picks the product from the drug box by typing, then fills a 30-day once-daily sig.
async fn fill_prescription(client: &Client, query: &str, expect: &str) -> Result<(), String> {
    click(client, &testid("prescribe-open")).await?;
    type_into(client, &testid("drug-search"), query).await?;
    wait_for_text(client, &testid("drug-hit-0"), expect).await?;
    click(client, &testid("drug-hit-0")).await?;
    wait_for_text(client, &testid("rx-product"), expect).await?;
    type_into(client, &testid("sig-dose"), "1").await?;
    choose(client, "sig.frequency", "onceDaily").await?;
    type_into(client, &testid("sig-duration"), "30").await?;
    wait_for_text(client, &testid("sig-preview"), "once daily for 30 days").await?;
    type_into(client, &testid("rx-quantity"), "30").await?;
    type_into(client, &testid("rx-refills"), "0").await
}

/// The alerts the panel shows: (text, source, severity).
async fn alerts(client: &Client) -> Result<Vec<(String, String, String)>, String> {
    let found = client
        .execute(
            "return [...document.querySelectorAll('[data-testid^=\"alert-\"]')]
               .filter((e) => /^alert-\\d+$/.test(e.dataset.testid))
               .map((e) => {
                 const i = e.dataset.testid.slice(6);
                 const part = (name) => (document.querySelector(`[data-testid=\"${name}-${i}\"]`) || {}).textContent || '';
                 return [e.textContent, part('alert-source'), part('alert-severity')];
               });",
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
            (s(0), s(1), s(2))
        })
        .collect())
}

/// Warfarin for a patient on ibuprofen: the interaction alert with its source, an override
/// with a reason, the signed prescription printed.
async fn physician_overrides_and_prints(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    open_medications(client, "ibsen walter", "IBSEN").await?;
    wait_for_text(client, &testid("med-active"), "buprofen").await?;
    checks.axe(client, "medications").await?;
    fill_prescription(client, "warfarin 5", "warfarin sodium 5").await?;
    checks.axe(client, "prescribe").await?;
    click(client, &testid("rx-check-sign")).await?;
    wait_for(client, &testid("alert-panel")).await?;
    let shown = alerts(client).await?;
    let citation = citation_of("warfarin-nsaids")?;
    let Some(index) = shown
        .iter()
        .position(|(text, _, _)| text.to_lowercase().contains("ibuprofen"))
    else {
        return Err(format!("no alert names ibuprofen: {shown:?}"));
    };
    let (_, source, severity) = &shown[index];
    if !source.contains(citation.trim()) {
        return Err(format!(
            "the warfarin–NSAID alert's source is {source:?}, not the rule's citation {citation:?}"
        ));
    }
    if !severity.to_lowercase().contains("major") {
        return Err(format!(
            "the warfarin–NSAID alert is {severity:?}, not major"
        ));
    }
    checks.axe(client, "alert panel").await?;
    save_screenshot(client, "rx-alert").await;
    // Signing waits for a reason on every interrupting alert.
    for i in 0..shown.len() {
        let field = testid(&format!("override-reason-{i}"));
        if count(client, &field).await? > 0 {
            type_into(client, &field, OVERRIDE_REASON).await?;
        }
    }
    click(client, &testid("alert-sign-anyway")).await?;
    wait_for(client, &testid("med-signed-notice")).await?;
    wait_for_text(client, &testid("med-active"), "warfarin").await?;
    let print = client
        .execute(
            "const row = [...document.querySelectorAll('[data-testid^=\"med-row-\"]')]
               .find((r) => r.textContent.toLowerCase().includes('warfarin'));
             return row ? row.dataset.testid.slice('med-row-'.length) : '';",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    let id = print.as_str().unwrap_or_default().to_string();
    if id.is_empty() {
        return Err("the signed warfarin has no row on the active list".into());
    }
    // Signing puts the focus on the new prescription's Print button: Enter prints.
    let print_button = format!("med-print-{id}");
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let focused = client
            .execute(
                "return document.activeElement ? document.activeElement.dataset.testid || '' : '';",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        if focused.as_str() == Some(print_button.as_str()) {
            break;
        }
        if Instant::now() > deadline {
            return Err(format!(
                "after signing the focus is on {focused}, not {print_button}"
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    client
        .active_element()
        .await
        .map_err(|e| e.to_string())?
        .send_keys(ENTER)
        .await
        .map_err(|e| e.to_string())?;
    wait_for_text(client, &testid("rx-print-drug"), "warfarin").await?;
    wait_for_text(
        client,
        &testid("rx-print-sig"),
        "Take 1 tablet by mouth once daily",
    )
    .await?;
    wait_for_text(client, &testid("rx-print-quantity"), "thirty").await?;
    wait_for_text(client, &testid("rx-print-patient"), "Ibsen").await?;
    wait_for(client, &testid("rx-print-saved")).await?;
    if count(client, &testid("rx-print-dea")).await? != 0 {
        return Err("a warfarin prescription shows the prescriber's DEA number".into());
    }
    checks.axe(client, "prescription print").await?;
    save_screenshot(client, "rx-print").await;
    click(client, &testid("rx-print-back")).await?;
    wait_for(client, &testid("med-active")).await.map(drop)
}

/// Amoxicillin for a penicillin-allergic patient: the allergy alert; cancelling leaves a draft.
async fn allergic_patient_is_warned(client: &Client) -> Result<(), String> {
    open_medications(client, "brennan paula", "BRENNAN").await?;
    fill_prescription(client, "amoxicillin 500 tab", "amoxicillin 500").await?;
    click(client, &testid("rx-check-sign")).await?;
    wait_for(client, &testid("alert-panel")).await?;
    let shown = alerts(client).await?;
    if !shown.iter().any(|(text, source, severity)| {
        text.to_lowercase().contains("penicillin")
            && !source.trim().is_empty()
            && severity.to_lowercase().contains("major")
    }) {
        return Err(format!(
            "no major, cited penicillin-allergy alert: {shown:?}"
        ));
    }
    click(client, &testid("alert-cancel")).await?;
    // Unsigned, the prescription waits as a draft.
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    while count(client, &testid("alert-panel")).await? != 0 {
        if Instant::now() > deadline {
            return Err("the alert panel stayed after Cancel".into());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// The nurse drafts (no Sign anywhere) and a direct sign command is refused.
async fn nurse_cannot_sign(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "nurse", DEMO_PASSWORD).await?;
    open_medications(client, "brennan paula", "BRENNAN").await?;
    wait_for(client, &testid("med-drafts")).await?;
    if count(client, &testid("rx-check-sign")).await? != 0
        || count(client, "[data-testid^=\"med-sign-\"]").await? != 0
    {
        return Err("the nurse is offered Sign".into());
    }
    click(client, &testid("prescribe-open")).await?;
    wait_for(client, &testid("rx-save-draft")).await?;
    if count(client, &testid("rx-check-sign")).await? != 0 {
        return Err("the nurse's prescribe form offers Check and sign".into());
    }
    checks.axe(client, "medications (nurse)").await?;
    let answer = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             const invoke = window.__TAURI_INTERNALS__.invoke;\
             invoke('search_patients', { request: { query: 'brennan paula' } })\
               .then((page) => invoke('medication_list', { patientId: page.hits[0].patient.id }))\
               .then((list) => invoke('sign_prescription', { id: list.drafts[0].id, expectedVersion: list.drafts[0].version, overrides: [] }))\
               .then(() => done('allowed'), (e) => done(e && e.code ? e.code : String(e)));",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    if answer.as_str() != Some("forbidden") {
        return Err(format!(
            "a nurse's direct sign_prescription answered {answer}"
        ));
    }
    Ok(())
}

/// The PDF copy the print kept, read through charta-core as the physician.
fn pdf_copy_holds_the_prescription(db: &str) -> Result<(), String> {
    let now = chrono::Utc::now();
    let mut ws = Workstation::log_in(Path::new(db), "drreyes", DEMO_PASSWORD, now)
        .map_err(|e| format!("log in to read the copy: {e}"))?;
    let text = ws
        .run(now, |u| {
            let page = u.search_patients(
                &charta_core::patient::SearchRequest::new("ibsen walter"),
                now,
            )?;
            let patient = page.hits.first().map(|h| h.patient.id).ok_or_else(|| {
                charta_core::CoreError::invalid("patient", "Walter Ibsen not found")
            })?;
            let copies = u.printed_copies(patient, now)?;
            let copy = copies
                .iter()
                .find(|c| c.kind == "prescription")
                .ok_or_else(|| {
                    charta_core::CoreError::invalid("copy", "no prescription copy kept")
                })?;
            u.printed_copy_pdf(copy.id, now)
        })
        .map_err(|e| format!("reading the PDF copy: {e}"))?;
    let flat = super::documents::pdf_text(&text)?;
    for expect in [
        "warfarin",
        "Take 1 tablet by mouth once daily for 30 days",
        "30 (thirty)",
        "Ibsen",
        "1234567893",
    ] {
        if !flat.contains(expect) {
            return Err(format!("the PDF copy lacks {expect:?}: {flat}"));
        }
    }
    if flat.contains("BR1234563") {
        return Err("the warfarin PDF shows the DEA number".into());
    }
    let _ = ws.log_out(now);
    Ok(())
}

pub async fn prescriptions_story(
    driver: &Driver,
    db: &str,
    checks: &ScreenChecks,
) -> Result<(), String> {
    super::with_app(driver, &["--db", db], "prescriptions", async |client| {
        physician_overrides_and_prints(client, checks).await?;
        allergic_patient_is_warned(client).await?;
        log_out(client, checks).await?;
        nurse_cannot_sign(client, checks).await?;
        log_out(client, checks).await
    })
    .await?;
    pdf_copy_holds_the_prescription(db)
}
