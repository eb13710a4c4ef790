//! The records export's operations: `export_patient_heavy` (one 700-visit chart as a FHIR
//! Bundle, p50/p95/p99) and `export_practice` (every chart as NDJSON once: wall time,
//! resources per second, and the process's peak and per-batch resident memory, to show the
//! export streams rather than holding the practice); `import_fhir` (Synthea patients, one
//! Bundle each, imported into an empty practice: per patient p50/p95/p99 and patients/s).

use super::{time, Report};
use charta_core::{Actor, ChartDb, CoreError, PatientId};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// A line of /proc/self/status in kB (VmRSS, VmHWM); 0 where there is none.
fn status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

pub fn records_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    admin: &Actor,
    heavy: &[PatientId],
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    if report.wants(&["export_patient_heavy"]) && !heavy.is_empty() {
        let samples = report.options.samples.min(100);
        let mut micros = Vec::with_capacity(samples);
        let mut bytes = 0;
        for id in heavy.iter().cycle().take(samples) {
            micros.push(time(|| {
                db.as_user(admin).export_patient_fhir(*id, now).map(|b| {
                    bytes = b.len();
                })
            })?);
        }
        report.print("export_patient_heavy", micros);
        if !report.options.json {
            let _ = writeln!(
                report.out,
                "  (a 700-visit chart's Bundle is {:.1} MB of JSON)",
                bytes as f64 / 1e6
            );
        }
        db.checkpoint()?;
    }
    if report.wants(&["export_practice"]) {
        // Reset the peak (Linux: "5" clears VmHWM) so it measures the export alone.
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let rss_before = status_kb("VmRSS:");
        let mut rss_batches = Vec::new();
        let out = dir.join("fhir-export");
        let start = Instant::now();
        let export = db
            .as_user(admin)
            .export_practice_fhir(&out, now, &mut |_, _| rss_batches.push(status_kb("VmRSS:")))?;
        let micros = start.elapsed().as_secs_f64() * 1e6;
        let peak = status_kb("VmHWM:");
        report.print_once("export_practice", micros);
        let bytes: u64 = std::fs::read_dir(&out)?
            .filter_map(|e| e.ok()?.metadata().ok())
            .map(|m| m.len())
            .sum();
        let middle = rss_batches.get(rss_batches.len() / 2).copied().unwrap_or(0);
        let last = rss_batches.last().copied().unwrap_or(0);
        let line = format!(
            "  ({} charts, {} resources, {:.0} resources/s, {:.1} GB written; resident memory {} MB before, {} MB half way, {} MB at the end, peak {} MB)",
            export.patients,
            export.resources,
            export.resources as f64 / (micros / 1e6),
            bytes as f64 / 1e9,
            rss_before / 1024,
            middle / 1024,
            last / 1024,
            peak / 1024
        );
        if report.options.json {
            let _ = writeln!(
                report.out,
                "{{\"op\": \"export_practice_detail\", \"patients\": {}, \"resources\": {}, \"bytes\": {bytes}, \"rss_before_kb\": {rss_before}, \"rss_middle_kb\": {middle}, \"rss_end_kb\": {last}, \"peak_kb\": {peak}}}",
                export.patients, export.resources
            );
        } else {
            let _ = writeln!(report.out, "{line}");
        }
        let _ = std::fs::remove_dir_all(&out);
        db.checkpoint()?;
    }
    if report.wants(&["import_fhir"]) {
        import_fhir(report, dir, now)?;
    }
    Ok(())
}

/// The Synthea fixtures, each copied under new names and identifiers (distinct people, so
/// the duplicate rules do not match them), imported one Bundle at a time.
fn import_fhir(report: &mut Report<'_>, dir: &Path, now: DateTime<Utc>) -> Result<(), CoreError> {
    use std::io::Read;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fhir/synthea");
    let mut bundles = Vec::new();
    for n in [1, 2] {
        let mut text = String::new();
        flate2::read::GzDecoder::new(std::fs::File::open(
            fixtures.join(format!("patient-{n}.json.gz")),
        )?)
        .read_to_string(&mut text)?;
        bundles.push(text);
    }
    let copies = report.options.samples.clamp(10, 200);
    let folder = dir.join("synthea-import");
    std::fs::create_dir_all(&folder)?;
    let mut files = Vec::new();
    for i in 0..copies {
        let mut bundle: serde_json::Value = serde_json::from_str(&bundles[i % bundles.len()])
            .map_err(|e| CoreError::Corrupt(e.to_string()))?;
        for entry in bundle["entry"].as_array_mut().into_iter().flatten() {
            let r = &mut entry["resource"];
            if r["resourceType"] == "Patient" {
                r["identifier"] =
                    serde_json::json!([{ "system": "urn:bench", "value": i.to_string() }]);
                r["name"][0]["family"] = serde_json::json!(format!("Benchcopy{i}"));
                r["telecom"] = serde_json::json!([]);
            }
        }
        let path = folder.join(format!("patient-{i}.json"));
        std::fs::write(&path, bundle.to_string())?;
        files.push(path);
    }
    let mut db = ChartDb::open_in_memory()?;
    let staff = charta_core::testing::staffed_practice(&mut db, now)?;
    let mut micros = Vec::with_capacity(files.len());
    let mut resources = 0u64;
    let start = Instant::now();
    for (i, f) in files.iter().enumerate() {
        micros.push(time(|| {
            db.as_user(&staff.admin)
                .import_fhir(
                    &[f],
                    false,
                    uuid::Uuid::from_u128(i as u128),
                    now,
                    &mut |_| {},
                )
                .map(|r| resources += u64::from(r.resources))
        })?);
    }
    let seconds = start.elapsed().as_secs_f64();
    report.print("import_fhir", micros);
    if !report.options.json {
        let _ = writeln!(
            report.out,
            "  ({copies} Synthea patients, {resources} resources: {:.1} patients/s, {:.0} resources/s)",
            copies as f64 / seconds,
            resources as f64 / seconds
        );
    }
    let _ = std::fs::remove_dir_all(&folder);
    Ok(())
}
