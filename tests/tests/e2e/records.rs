//! Issue 12's export story in the real app, on the demo practice: the admin opens Export
//! records, exports the whole practice into a new folder (progress, then the files by type),
//! is refused a second export into the same folder with the reason under the field, exports
//! one chart by its number; the files are owner-only, hold what the manifest says, and the
//! chart's Bundle validates as FHIR R4 with @medplum/core (tests/fhir/validate-fhir.mjs).

use super::{click, log_in, ENTER};
use charta_core::workstation::DEMO_PASSWORD;
use charta_tests::axe::ScreenChecks;
use charta_tests::{
    save_screenshot, testid, type_visible as type_into, wait_for, wait_for_text,
    wait_for_text_within,
};
use std::path::Path;
use std::time::Duration;

/// The export writes every chart: longer than a screen's usual wait.
const EXPORT_TIMEOUT: Duration = Duration::from_secs(240);

fn validates(paths: &[&Path]) -> Result<String, String> {
    let (ok, text) = charta_tests::validate_fhir(paths)?;
    if ok {
        Ok(text)
    } else {
        Err(format!(
            "the export does not validate:\n{}",
            text.lines().take(40).collect::<Vec<_>>().join("\n")
        ))
    }
}

pub async fn records_story(
    driver: &charta_tests::Driver,
    db: &str,
    dir: &Path,
    checks: &ScreenChecks,
) -> Result<(), String> {
    let practice = dir.join("ehi-export");
    let single = dir.join("transfers");
    super::with_app(driver, &["--db", db], "records", async |client| {
        log_in(client, "admin", DEMO_PASSWORD).await?;
        click(client, &testid("nav-records")).await?;
        wait_for(client, &testid("records-export")).await?;
        checks.axe(client, "export records").await?;
        type_into(
            client,
            &testid("export-dir"),
            &practice.display().to_string(),
        )
        .await?;
        wait_for(client, &testid("export-dir"))
            .await?
            .send_keys(ENTER)
            .await
            .map_err(|e| e.to_string())?;
        wait_for_text_within(client, &testid("export-result"), "Exported", EXPORT_TIMEOUT).await?;
        wait_for_text(client, &testid("export-type-Patient"), "Patient.ndjson").await?;
        save_screenshot(client, "records-export").await;
        // The same folder again: refused, the reason under the field.
        click(client, &testid("export-practice")).await?;
        wait_for_text(client, &testid("export-error"), "already exists").await?;
        // One chart by its number.
        let first = std::fs::read_to_string(practice.join("Patient.ndjson"))
            .map_err(|e| format!("Patient.ndjson: {e}"))?;
        let patient: serde_json::Value = serde_json::from_str(first.lines().next().unwrap_or("{}"))
            .map_err(|e| e.to_string())?;
        let mrn = patient["identifier"][0]["value"]
            .as_str()
            .unwrap_or("")
            .to_string();
        type_into(client, &testid("export-mrn"), &mrn).await?;
        type_into(
            client,
            &testid("export-patient-dir"),
            &single.display().to_string(),
        )
        .await?;
        click(client, &testid("export-patient")).await?;
        wait_for_text(
            client,
            &testid("export-patient-result"),
            &format!("patient-{mrn}.json"),
        )
        .await
    })
    .await?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for entry in std::fs::read_dir(&practice).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let mode = std::fs::metadata(&path)
                .map_err(|e| e.to_string())?
                .permissions()
                .mode();
            if mode & 0o077 != 0 {
                return Err(format!(
                    "{} is readable by others ({mode:o})",
                    path.display()
                ));
            }
        }
    }
    // The whole practice's files were written as the manifest says; the chart's Bundle
    // validates resource by resource (charta-tests' fhir_validation validates a whole
    // generated practice's export; 260,000 resources here would cost CI a minute and a half).
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(practice.join("manifest.json")).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    for item in manifest["output"].as_array().cloned().unwrap_or_default() {
        let file = practice.join(item["url"].as_str().unwrap_or(""));
        let lines = std::fs::read_to_string(&file)
            .map_err(|e| e.to_string())?
            .lines()
            .count();
        if Some(lines as u64) != item["count"].as_u64() {
            return Err(format!(
                "{} holds {lines} lines, the manifest says {}",
                file.display(),
                item["count"]
            ));
        }
    }
    let report = validates(&[&single])?;
    for line in report.lines().filter(|l| l.starts_with("fhir-validate:")) {
        eprintln!("{line}");
    }
    Ok(())
}
