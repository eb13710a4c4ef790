//! Issue 12's import story in the real app, on the demo practice: the admin opens Import
//! records, gives a Synthea Bundle (tests/fhir/synthea), runs the dry run (the patient would be
//! created; Import is only offered after it), imports; the physician finds the patient by name,
//! opens the chart and sees the imported problems, medications and allergies, and the
//! encounters as outside visits with their notes; the admin exports
//! that chart, and the file validates as FHIR R4 with @medplum/core; and its readable PDF
//! record. In between, the admin registers patients from another EMR's CSV after its preview
//! (a bad birth date refused at its column), then their appointments from the same EMR: the
//! preview names what a row collides with (a Saturday outside the provider's hours, a row the
//! file double-books), an overbook reason books them, a past no-show is kept as history; the
//! front desk opens the patient and sees the coming appointment and the no-show; the physician
//! finds the patient.

use super::{click, log_in, log_out, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::{save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The Synthea fixture, unpacked where the app can read it.
fn synthea_bundle(dir: &Path) -> Result<PathBuf, String> {
    let gz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fhir/synthea/patient-1.json.gz");
    let file = std::fs::File::open(&gz).map_err(|e| format!("{}: {e}", gz.display()))?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .map_err(|e| e.to_string())?;
    let mut bundle: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    add_consult_letter(&mut bundle)?;
    let path = dir.join("synthea-erdman.json");
    std::fs::write(&path, bundle.to_string()).map_err(|e| e.to_string())?;
    Ok(path)
}

/// The old system's scanned cardiology consult for the bundle's patient: a one-page PDF
/// inline, as another EMR's export carries a scanned document (Synthea writes none).
fn add_consult_letter(bundle: &mut serde_json::Value) -> Result<(), String> {
    let entries = bundle["entry"]
        .as_array_mut()
        .ok_or("the bundle has no entries")?;
    let patient = entries
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Patient")
        .and_then(|e| e["fullUrl"].as_str())
        .ok_or("the bundle has no patient")?
        .to_string();
    entries.push(serde_json::json!({ "resource": {
        "resourceType": "DocumentReference", "id": "scanned-consult", "status": "current",
        "subject": { "reference": patient },
        "type": { "coding": [{ "system": "http://loinc.org", "code": "11488-4",
                               "display": "Consult note" }] },
        "date": "2025-06-02T15:00:00Z",
        "description": "Cardiology consult (scanned)",
        "content": [{ "attachment": {
            "contentType": "application/pdf", "title": "consult.pdf", "creation": "2025-06-01",
            "data": data_encoding::BASE64.encode(&super::documents::scanned_pdf(&["Cardiology consult - synthetic"])),
        } }],
    } }));
    Ok(())
}

/// The old EMR's appointment list for Okonkwo Adaeze (registered from the patient CSV first):
/// a weekday twelve weeks ahead at 10:00 with Dr Reyes and the same again at 10:05 (the file
/// double-books her), a Saturday (outside every provider's hours) and last week's no-show.
fn appointments_csv(dir: &Path) -> Result<PathBuf, String> {
    use chrono::{Datelike, Duration, Weekday};
    let today = chrono::Local::now().date_naive();
    let ahead = |days: i64, weekday: Weekday| {
        (0..7)
            .map(|d| today + Duration::days(days + d))
            .find(|d| d.weekday() == weekday)
            .unwrap_or(today)
    };
    let us = |d: chrono::NaiveDate| d.format("%m/%d/%Y").to_string();
    let (wednesday, saturday) = (ahead(84, Weekday::Wed), ahead(84, Weekday::Sat));
    let past = today - Duration::days(7);
    let path = dir.join("old-emr-appointments.csv");
    std::fs::write(
        &path,
        format!(
            "Appt Date,Time,Length,Last Name,First Name,DOB,Provider,Visit Type,Status\n\
             {w},10:00 AM,15,Okonkwo,Adaeze,03/14/1980,Dr Maria Reyes,Follow-up,Booked\n\
             {w},10:05 AM,15,Okonkwo,Adaeze,03/14/1980,\"Reyes, Maria\",Follow-up,Booked\n\
             {s},10:00 AM,15,Okonkwo,Adaeze,03/14/1980,Reyes,Follow-up,Confirmed\n\
             {p},9:00 AM,15,Okonkwo,Adaeze,03/14/1980,Dr Wei Chen,Follow-up,No show\n",
            w = us(wednesday),
            s = us(saturday),
            p = us(past)
        ),
    )
    .map_err(|e| e.to_string())?;
    Ok(path)
}

pub async fn import_story(
    driver: &charta_tests::Driver,
    db: &str,
    dir: &Path,
    checks: &ScreenChecks,
) -> Result<(), String> {
    let bundle = synthea_bundle(dir)?;
    let csv = dir.join("old-emr-patients.csv");
    std::fs::write(
        &csv,
        "Last Name,First Name,DOB,Sex,Cell\n\
         Okonkwo,Adaeze,03/14/1980,F,(555) 201-3344\n\
         Moreau,Claire,13/40/1990,F,(555) 310-2020\n",
    )
    .map_err(|e| e.to_string())?;
    let appointments = appointments_csv(dir)?;
    let out = dir.join("imported-chart");
    super::with_app(driver, &["--db", db], "records-import", async |client| {
        log_in(client, "admin", DEMO_PASSWORD).await?;
        click(client, &testid("nav-records-import")).await?;
        wait_for(client, &testid("records-import")).await?;
        checks.axe(client, "import records").await?;
        type_into(
            client,
            &testid("import-files"),
            &bundle.display().to_string(),
        )
        .await?;
        let run = wait_for(client, &testid("import-run")).await?;
        if run
            .attr("disabled")
            .await
            .map_err(|e| e.to_string())?
            .is_none()
        {
            return Err("Import is offered before a dry run".into());
        }
        click(client, &testid("import-dry-run")).await?;
        wait_for_text(client, &testid("import-chart-0"), "Erdman").await?;
        wait_for_text(client, &testid("import-chart-0"), "Would be created").await?;
        save_screenshot(client, "records-import-dry-run").await;
        checks.axe(client, "import dry run").await?;
        click(client, &testid("import-run")).await?;
        wait_for(client, &testid("import-done")).await?;
        wait_for_text(client, &testid("import-chart-0"), "Created").await?;
        let mrn = wait_for(client, &testid("import-chart-0-mrn"))
            .await?
            .text()
            .await
            .map_err(|e| e.to_string())?
            .trim()
            .to_string();
        if mrn.is_empty() || !mrn.chars().all(|c| c.is_ascii_digit()) {
            return Err(format!("no chart number after the import: {mrn:?}"));
        }
        save_screenshot(client, "records-import-done").await;

        // Patients from another EMR's CSV: the preview, a row refused at its column, import.
        type_into(client, &testid("csv-file"), &csv.display().to_string()).await?;
        click(client, &testid("csv-preview")).await?;
        wait_for_text(client, &testid("csv-row-0"), "Would be registered").await?;
        wait_for_text(client, &testid("csv-row-1-errors"), "column \"DOB\"").await?;
        checks.axe(client, "CSV import preview").await?;
        save_screenshot(client, "records-import-csv").await;
        click(client, &testid("csv-run")).await?;
        wait_for_text(client, &testid("csv-done"), "Registered 1").await?;

        // Then that EMR's appointments of the patient: the preview names each collision.
        type_into(
            client,
            &testid("appt-csv-file"),
            &appointments.display().to_string(),
        )
        .await?;
        click(client, &testid("appt-csv-preview")).await?;
        wait_for_text(client, &testid("appt-csv-row-1"), "Not booked: collides").await?;
        wait_for_text(
            client,
            &testid("appt-csv-row-2"),
            "outside Dr Maria Reyes's hours",
        )
        .await?;
        wait_for_text(
            client,
            &testid("appt-csv-row-3"),
            "Would be kept as history",
        )
        .await?;
        checks.axe(client, "CSV appointment preview").await?;
        save_screenshot(client, "records-import-appointments").await;
        type_into(
            client,
            &testid("appt-csv-overbook"),
            "Booked so in the old system",
        )
        .await?;
        click(client, &testid("appt-csv-preview")).await?;
        wait_for_text(client, &testid("appt-csv-row-2"), "Would be booked").await?;
        click(client, &testid("appt-csv-run")).await?;
        wait_for_text(
            client,
            &testid("appt-csv-done"),
            "Booked 3 appointments, kept 1 as history",
        )
        .await?;
        save_screenshot(client, "records-import-appointments-done").await;
        log_out(client, checks).await?;

        // The front desk opens the patient: the coming appointments and the no-show are there.
        log_in(client, "desk", DEMO_PASSWORD).await?;
        type_into(client, &testid("patient-search"), "okonkwo adaeze").await?;
        wait_for_text(client, &testid("search-result"), "OKONKWO").await?;
        wait_for(client, &testid("patient-search"))
            .await?
            .send_keys(ENTER)
            .await
            .map_err(|e| e.to_string())?;
        wait_for_text(client, &testid("patient-no-shows"), "1 no-show").await?;
        wait_for_text(client, &testid("patient-upcoming-row"), "Maria Reyes").await?;
        save_screenshot(client, "records-import-appointments-patient").await;
        log_out(client, checks).await?;

        // The physician finds the imported patient by name and sees the imported lists.
        log_in(client, "drreyes", DEMO_PASSWORD).await?;
        type_into(client, &testid("patient-search"), "okonkwo adaeze").await?;
        wait_for_text(client, &testid("search-result"), "OKONKWO").await?;
        type_into(client, &testid("patient-search"), "erdman darrell").await?;
        wait_for_text(client, &testid("search-result"), "ERDMAN").await?;
        wait_for(client, &testid("patient-search"))
            .await?
            .send_keys(ENTER)
            .await
            .map_err(|e| e.to_string())?;
        wait_for_text(client, &testid("patient-banner"), "ERDMAN").await?;
        wait_for(client, &testid("chart-summary")).await?;
        wait_for_text(client, &testid("summary-allergy"), "atex").await?;
        wait_for_text(client, &testid("summary-medication"), "Penicillin V").await?;
        wait_for(client, &testid("summary-problem")).await?;
        // The summary's recent visits are the other system's, marked outside.
        let outside_row = format!("{}[data-outside=\"true\"]", testid("summary-visit"));
        wait_for_text(client, &outside_row, "outside").await?;
        save_screenshot(client, "records-import-chart").await;
        // The other system's encounters are outside visits among the chart's visits, found by
        // the chart search (a hit opens its visit) and opening read-only with its clinician
        // and note.
        type_into(client, &testid("chart-search"), "chief complaint").await?;
        wait_for_text(client, &testid("chart-hit"), "Outside visit").await?;
        click(client, &testid("chart-hit")).await?;
        wait_for(client, &testid("chart-panel-visits")).await?;
        wait_for(client, &testid("outside-visit-clinician")).await?;
        let note = wait_for(client, &testid("outside-visit-note"))
            .await?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        if note.trim().is_empty() {
            return Err("the outside visit opened without its note".into());
        }
        checks.axe(client, "an outside visit").await?;
        save_screenshot(client, "records-import-outside-visit").await;
        // The scanned consult is a document of the chart, and opens.
        click(client, &testid("tab-documents")).await?;
        wait_for_text(
            client,
            &testid("document-row"),
            "Cardiology consult (scanned)",
        )
        .await?;
        // (The first row is the import's own "not filed" record; open the consult by title.)
        let opened = client
            .execute(
                "const b = [...document.querySelectorAll('[data-testid=\"document-open\"]')]
                   .find((b) => b.textContent.includes(arguments[0]));
                 if (b) b.click();
                 return !!b;",
                vec![serde_json::json!("Cardiology consult (scanned)")],
            )
            .await
            .map_err(|e| e.to_string())?;
        if opened != serde_json::json!(true) {
            return Err("no open button for the scanned consult".into());
        }
        wait_for(
            client,
            "[data-testid=\"document-viewer\"][aria-label*=\"Cardiology consult\"]",
        )
        .await?;
        wait_for(client, "[data-testid=\"document-pages\"][data-drawn=\"1\"]").await?;
        save_screenshot(client, "records-import-document").await;
        click(client, &testid("document-close")).await?;
        log_out(client, checks).await?;

        // The admin exports that chart.
        log_in(client, "admin", DEMO_PASSWORD).await?;
        click(client, &testid("nav-records")).await?;
        type_into(client, &testid("export-mrn"), &mrn).await?;
        type_into(
            client,
            &testid("export-patient-dir"),
            &out.display().to_string(),
        )
        .await?;
        click(client, &testid("export-patient")).await?;
        wait_for_text(
            client,
            &testid("export-patient-result"),
            &format!("patient-{mrn}.json"),
        )
        .await?;
        // And its readable PDF record beside it.
        click(client, &testid("export-patient-pdf")).await?;
        wait_for_text(
            client,
            &testid("export-patient-result"),
            &format!("patient-{mrn}.pdf"),
        )
        .await
        .map(drop)
    })
    .await?;
    let pdf = std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .ok_or("no PDF record written")?;
    let bytes = std::fs::read(&pdf).map_err(|e| e.to_string())?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(format!("{} is not a PDF", pdf.display()));
    }
    let json = pdf.with_extension("json");
    let (ok, report) = charta_tests::validate_fhir(&[&json])?;
    if !ok {
        return Err(format!(
            "the imported chart's export does not validate:\n{}",
            report.lines().take(40).collect::<Vec<_>>().join("\n")
        ));
    }
    let text = std::fs::read_to_string(&json).map_err(|e| e.to_string())?;
    for expected in [
        "AllergyIntolerance",
        "MedicationStatement",
        "Condition",
        "Immunization",
        "Encounter",
    ] {
        if !text.contains(&format!("\"resourceType\":\"{expected}\"")) {
            return Err(format!("the exported chart has no {expected}"));
        }
    }
    Ok(())
}
