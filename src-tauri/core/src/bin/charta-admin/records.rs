//! `charta-admin export-fhir`: the practice's records as FHIR R4 from the command line, through
//! the same checked, audited door as the admin's screen.

use super::{anchor, unlock, Credentials};
use charta_core::vault::keystore_path_for;
use charta_core::ChartDb;
use chrono::Utc;
use std::path::PathBuf;

pub(crate) struct ExportFhir {
    db: PathBuf,
    user: String,
    out: PathBuf,
    /// One chart (a Bundle) instead of the whole practice (NDJSON).
    patient: Option<i64>,
}

pub(crate) fn parse_export_fhir(args: &[String]) -> Result<ExportFhir, String> {
    let (mut db, mut user, mut out, mut patient) = (None, None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "export-fhir" => {}
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--patient" => {
                let text = value()?;
                let mrn = text
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or(format!(
                        "--patient needs a chart number (MRN), not {text:?}"
                    ))?;
                patient = Some(mrn);
            }
            other => return Err(format!("export-fhir does not take {other}")),
        }
    }
    match (db, user, out) {
        (Some(db), Some(user), Some(out)) => Ok(ExportFhir {
            db,
            user,
            out,
            patient,
        }),
        _ => Err("export-fhir needs --db PATH, --user NAME and --out DIR".into()),
    }
}

pub(crate) fn export_fhir(export: &ExportFhir) -> Result<(), String> {
    let who = unlock(
        &keystore_path_for(&export.db),
        &Credentials::User(export.user.clone()),
    )?;
    let mut chart = ChartDb::open_encrypted(&export.db, &who.key).map_err(|e| e.to_string())?;
    let user_id = who
        .user_id
        .ok_or("the keystore names no user for this login")?;
    let actor = chart.actor(user_id).map_err(|e| e.to_string())?;
    let started = std::time::Instant::now();
    let result = match export.patient {
        Some(mrn) => chart
            .as_user(&actor)
            .export_patient_fhir_to(mrn, &export.out, Utc::now())
            .map(|path| format!("wrote {}", path.display())),
        None => chart
            .as_user(&actor)
            .export_practice_fhir(&export.out, Utc::now(), &mut |done, total| {
                eprint!("\r{done} of {total} charts");
            })
            .map(|report| {
                let types: Vec<String> = report
                    .by_type
                    .iter()
                    .map(|t| format!("{}={}", t.resource_type, t.count))
                    .collect();
                format!(
                    "\nwrote {} resources of {} charts to {} in {:.1} s: {}",
                    report.resources,
                    report.patients,
                    report.dir,
                    started.elapsed().as_secs_f64(),
                    types.join(" ")
                )
            }),
    };
    // A refusal is audited too: anchor the head either way.
    anchor(&chart, &export.db)?;
    let summary = result.map_err(|e| e.to_string())?;
    eprintln!("{summary}");
    Ok(())
}
