//! Issue 7's story in the real app: a physician charts a whole visit by keyboard — template,
//! SOAP note with a smart phrase, a diagnosis found by typing and put on the problem list,
//! vitals (an impossible value refused at its field), an allergy — signs it, cannot edit the
//! signed note and amends it; after a restart the summary shows all of it. A nurse records
//! vitals but has no Sign; the front desk sees no clinical tab and a direct command is refused
//! and audited.

use super::{choose, click, fill_new_patient, log_in, log_out, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{
    save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text, Driver,
};
use std::time::{Duration, Instant};

const FAMILY: &str = "Ostrander";

/// Scrolls the field matching `css` into the middle of the window, clears it and types `text`
/// (WebKitWebDriver refuses to clear a field below the fold).
/// Sends keys to the element matching `css` without clearing it first.
async fn keys(client: &Client, css: &str, text: &str) -> Result<(), String> {
    wait_for(client, css)
        .await?
        .send_keys(text)
        .await
        .map_err(|e| format!("type into {css}: {e}"))
}

async fn value_of(client: &Client, css: &str) -> Result<String, String> {
    Ok(wait_for(client, css)
        .await?
        .prop("value")
        .await
        .map_err(|e| e.to_string())?
        .unwrap_or_default())
}

/// Waits until the field matching `css` holds `part`.
async fn wait_for_value(client: &Client, css: &str, part: &str) -> Result<(), String> {
    let deadline = Instant::now() + charta_tests::UI_TIMEOUT;
    loop {
        let value = value_of(client, css).await?;
        if value.contains(part) {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err(format!("{css} never held {part:?}; it holds {value:?}"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn count(client: &Client, css: &str) -> Result<usize, String> {
    Ok(client
        .find_all(Locator::Css(css))
        .await
        .map_err(|e| e.to_string())?
        .len())
}

async fn open_patient(client: &Client, query: &str) -> Result<(), String> {
    type_into(client, &testid("patient-search"), query).await?;
    wait_for_text(client, &testid("search-result"), &FAMILY.to_uppercase()).await?;
    keys(client, &testid("patient-search"), ENTER).await?;
    wait_for_text(client, &testid("patient-banner"), &FAMILY.to_uppercase()).await
}

pub async fn physician_charts_a_visit(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    fill_new_patient(
        client,
        &[
            ("familyName", FAMILY),
            ("givenName", "Wren"),
            ("dateOfBirth", "06/02/1961"),
            ("phones.0.number", "(555) 301-7788"),
        ],
    )
    .await?;
    choose(client, "sexAtBirth", "female").await?;
    click(client, &testid("save-patient")).await?;
    wait_for_text(client, &testid("patient-banner"), "OSTRANDER").await?;
    // A new chart lands on the summary; nobody has asked about allergies yet.
    wait_for(client, &testid("chart-summary")).await?;
    wait_for(
        client,
        "[data-testid=\"allergy-badge\"][data-state=\"notAsked\"]",
    )
    .await?;
    checks.axe(client, "chart summary (new patient)").await?;

    // A visit from the chronic follow-up template.
    click(client, &testid("tab-visits")).await?;
    click(client, &testid("new-visit")).await?;
    wait_for(client, &testid("new-visit-form")).await?;
    click(
        client,
        "[data-testid=\"visit-type\"] option[value=\"office\"]",
    )
    .await?;
    type_into(
        client,
        &testid("visit-reason"),
        "Blood pressure and diabetes review",
    )
    .await?;
    let template = wait_for(
        client,
        "[data-testid=\"visit-template\"] option:nth-child(n+2)",
    )
    .await?;
    let mut chosen = false;
    for option in client
        .find_all(Locator::Css("[data-testid=\"visit-template\"] option"))
        .await
        .map_err(|e| e.to_string())?
    {
        if option.text().await.unwrap_or_default().contains("Chronic") {
            option.click().await.map_err(|e| e.to_string())?;
            chosen = true;
        }
    }
    drop(template);
    if !chosen {
        return Err("no chronic follow-up template offered".into());
    }
    checks.axe(client, "new visit").await?;
    keys(client, &testid("visit-reason"), ENTER).await?;
    let subjective = testid("note-subjective");
    wait_for(client, &subjective).await?;
    // The template's text is there; the smart phrase expands in place and its first blank
    // takes what is typed next.
    let from_template = value_of(client, &subjective).await?;
    if from_template.trim().is_empty() {
        return Err("the template did not fill the subjective section".into());
    }
    keys(client, &subjective, &format!("{ENTER}.htn ")).await?;
    wait_for_value(client, &subjective, "Hypertension follow-up").await?;
    keys(client, &subjective, "135/85").await?;
    wait_for_value(client, &subjective, "Home BP readings average 135/85").await?;
    let text = value_of(client, &subjective).await?;
    if text.contains(".htn") {
        return Err(format!("the phrase was not replaced: {text:?}"));
    }
    type_into(
        client,
        &testid("note-assessment"),
        "Type 2 diabetes with CKD; BP above goal.",
    )
    .await?;
    type_into(
        client,
        &testid("note-plan"),
        "Increase lisinopril. Recheck in 3 months.",
    )
    .await?;
    wait_for_text(client, &testid("draft-status"), "Saved").await?;

    // The diagnosis found by typing, then put on the problem list in one action.
    type_into(client, &testid("diagnosis-search"), "diab typ 2 kidn").await?;
    wait_for_text(client, &testid("diagnosis-result"), "E11.2").await?;
    keys(client, &testid("diagnosis-search"), ENTER).await?;
    wait_for_text(client, &testid("visit-diagnosis"), "E11.2").await?;
    click(client, &testid("add-to-problems")).await?;
    wait_for(client, &testid("on-problem-list")).await?;
    checks.axe(client, "visit editor").await?;

    // Vitals: an impossible systolic is refused at its field and nothing is saved.
    type_into(client, &testid("vitals-systolic"), "400").await?;
    type_into(client, &testid("vitals-diastolic"), "85").await?;
    type_into(client, &testid("vitals-pulse"), "76").await?;
    type_into(client, &testid("vitals-weight"), "82").await?;
    click(client, &testid("save-vitals")).await?;
    wait_for_text(client, &testid("error-systolic"), "400").await?;
    checks.axe(client, "vitals (field error)").await?;
    type_into(client, &testid("vitals-systolic"), "138").await?;
    click(client, &testid("save-vitals")).await?;
    wait_for(client, &testid("vitals-saved")).await?;
    save_screenshot(client, "visit-editor").await;

    // Sign: the note locks, an amendment keeps the original.
    click(client, &testid("sign-note")).await?;
    wait_for(client, &testid("signed-note")).await?;
    wait_for_text(client, &testid("signed-note"), "135/85").await?;
    let editable = client
        .execute(
            "return [...document.querySelectorAll('[data-testid^=\"note-\"]')]\
             .filter(e => e.matches('textarea') && !e.disabled).length;",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    if editable.as_u64() != Some(0) {
        return Err(format!(
            "a signed note still has editable sections: {editable}"
        ));
    }
    if count(client, &testid("sign-note")).await? != 0 {
        return Err("a signed note still offers Sign".into());
    }
    click(client, &testid("amend-note")).await?;
    type_into(
        client,
        &testid("amendment-text"),
        "Home BP log reviewed: 142/88 average.",
    )
    .await?;
    type_into(
        client,
        &testid("amendment-reason"),
        "Wrong reading transcribed",
    )
    .await?;
    click(client, &testid("save-amendment")).await?;
    wait_for_text(client, &testid("amendment-row"), "142/88").await?;
    wait_for_text(client, &testid("signed-note"), "135/85").await?;
    checks.axe(client, "signed note with amendment").await?;

    // An allergy, coded from the catalogue; the banner says so at once.
    click(client, &testid("tab-allergies")).await?;
    click(client, &testid("add-allergy")).await?;
    type_into(client, &testid("allergy-substance"), "penicillin").await?;
    wait_for_text(client, &testid("allergen-result"), "enicillin").await?;
    click(client, &testid("allergen-result")).await?;
    wait_for(client, &testid("allergy-coded")).await?;
    type_into(client, &testid("allergy-reaction"), "Hives").await?;
    click(client, &testid("save-allergy")).await?;
    wait_for_text(client, &testid("allergy-row"), "Hives").await?;
    wait_for(
        client,
        "[data-testid=\"allergy-badge\"][data-state=\"allergies\"]",
    )
    .await?;
    checks.axe(client, "allergies").await?;
    Ok(())
}

/// After a restart the summary shows the visit, the problem, the vitals and the allergy.
pub async fn summary_after_restart(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "drreyes", DEMO_PASSWORD).await?;
    open_patient(client, "ostr wren").await?;
    wait_for(client, &testid("chart-summary")).await?;
    wait_for_text(client, &testid("summary-problem"), "E11.2").await?;
    wait_for_text(client, &testid("summary-allergy"), "enicillin").await?;
    wait_for_text(client, &testid("summary-vital"), "138").await?;
    wait_for_text(
        client,
        &testid("summary-visit"),
        "Blood pressure and diabetes review",
    )
    .await?;
    save_screenshot(client, "chart-summary").await;
    checks.axe(client, "chart summary").await?;
    log_out(client, checks).await
}

/// The nurse records vitals and drafts, but has no Sign.
pub async fn nurse_has_no_sign(client: &Client, checks: &ScreenChecks) -> Result<(), String> {
    log_in(client, "nurse", DEMO_PASSWORD).await?;
    open_patient(client, "ostr wren").await?;
    click(client, &testid("tab-vitals")).await?;
    click(client, &testid("record-vitals")).await?;
    type_into(client, &testid("vitals-pulse"), "80").await?;
    click(client, &testid("save-vitals")).await?;
    wait_for_text(client, &testid("vitals-row"), "80").await?;
    save_screenshot(client, "vitals").await;
    checks.axe(client, "vitals (nurse)").await?;
    click(client, &testid("tab-visits")).await?;
    click(client, &testid("visit-row")).await?;
    wait_for(client, &testid("signed-note")).await?;
    click(client, &testid("close-visit")).await?;
    click(client, &testid("new-visit")).await?;
    type_into(client, &testid("visit-reason"), "Phone triage: cough").await?;
    click(
        client,
        "[data-testid=\"visit-type\"] option[value=\"telephone\"]",
    )
    .await?;
    let provider = "[data-testid=\"visit-provider\"] option:nth-child(2)";
    click(client, provider).await?;
    click(client, &testid("start-visit")).await?;
    type_into(
        client,
        &testid("note-subjective"),
        "Dry cough for 3 days, no fever.",
    )
    .await?;
    wait_for_text(client, &testid("draft-status"), "Saved").await?;
    if count(client, &testid("sign-note")).await? != 0 {
        return Err("the nurse is offered Sign".into());
    }
    if count(client, &testid("nav-cosign")).await? != 0 {
        return Err("the nurse is offered the co-sign queue".into());
    }
    log_out(client, checks).await
}

/// The front desk opens demographics only; a direct command for the summary is refused, and
/// the admin's report shows the refusal.
pub async fn front_desk_sees_no_clinical_tab(
    client: &Client,
    checks: &ScreenChecks,
) -> Result<(), String> {
    log_in(client, "desk", DEMO_PASSWORD).await?;
    open_patient(client, "ostr wren").await?;
    for tab in [
        "tab-summary",
        "tab-visits",
        "tab-medications",
        "tab-problems",
        "tab-allergies",
        "tab-vitals",
        "tab-histories",
    ] {
        if count(client, &testid(tab)).await? != 0 {
            return Err(format!("the front desk can see {tab}"));
        }
    }
    if count(client, &testid("allergy-badge")).await? != 0 {
        return Err("the front desk sees the allergy badge".into());
    }
    checks.axe(client, "chart (front desk)").await?;
    let answer = client
        .execute_async(
            "const done = arguments[arguments.length - 1];\
             const invoke = window.__TAURI_INTERNALS__.invoke;\
             invoke('search_patients', { request: { query: 'ostrander wren' } })\
               .then((page) => invoke('chart_summary', { patientId: page.hits[0].patient.id }))\
               .then(() => done('allowed'), (e) => done(e && e.code ? e.code : String(e)));",
            vec![],
        )
        .await
        .map_err(|e| e.to_string())?;
    if answer.as_str() != Some("forbidden") {
        return Err(format!(
            "a direct chart_summary by the front desk answered {answer}"
        ));
    }
    log_out(client, checks).await?;
    log_in(client, "admin", DEMO_PASSWORD).await?;
    click(client, &testid("nav-audit")).await?;
    choose(client, "outcome", "denied").await?;
    wait_for_text(client, &testid("audit-row"), "opened the chart summary").await?;
    wait_for_text(client, &testid("audit-row"), "desk").await?;
    // The physician's charting reads as sentences too.
    choose(client, "outcome", "").await?;
    choose(client, "action", "sign_note").await?;
    wait_for_text(client, &testid("audit-row"), "signed visit note").await?;
    save_screenshot(client, "audit-chart").await;
    Ok(())
}

/// The whole story over two app runs on the demo practice.
pub async fn chart_story(driver: &Driver, db: &str, checks: &ScreenChecks) -> Result<(), String> {
    super::with_app(driver, &["--db", db], "chart", async |client| {
        physician_charts_a_visit(client, checks).await?;
        log_out(client, checks).await
    })
    .await?;
    super::with_app(driver, &["--db", db], "chart-restart", async |client| {
        summary_after_restart(client, checks).await?;
        nurse_has_no_sign(client, checks).await?;
        front_desk_sees_no_clinical_tab(client, checks).await
    })
    .await
}
