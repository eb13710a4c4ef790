//! `charta-admin export-fhir` and `import-fhir`: the practice's records out as FHIR R4, an old
//! system's FHIR files in (dry run or import), from the command line, through the same
//! checked, audited door as the admin's screens.

use super::{anchor, open_as};
use charta_core::fhir::import::{ChartOutcome, ImportReport};
use chrono::Utc;
use std::path::PathBuf;

pub(crate) struct ExportFhir {
    db: PathBuf,
    user: String,
    out: PathBuf,
    /// One chart (a Bundle) instead of the whole practice (NDJSON).
    patient: Option<i64>,
    /// With `patient`: its readable PDF record as well.
    pdf: bool,
}

pub(crate) fn parse_export_fhir(args: &[String]) -> Result<ExportFhir, String> {
    let (mut db, mut user, mut out, mut patient, mut pdf) = (None, None, None, None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "export-fhir" => {}
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--pdf" => pdf = true,
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
        (Some(_), Some(_), Some(_)) if pdf && patient.is_none() => {
            Err("--pdf prints one chart: give --patient MRN".into())
        }
        (Some(db), Some(user), Some(out)) => Ok(ExportFhir {
            db,
            user,
            out,
            patient,
            pdf,
        }),
        _ => Err("export-fhir needs --db PATH, --user NAME and --out DIR".into()),
    }
}

pub(crate) fn export_fhir(export: &ExportFhir) -> Result<(), String> {
    let (mut chart, actor) = open_as(&export.db, &export.user)?;
    let started = std::time::Instant::now();
    let result = match export.patient {
        Some(mrn) => chart
            .as_user(&actor)
            .export_patient_fhir_to(mrn, &export.out, Utc::now())
            .and_then(|path| {
                let mut said = format!("wrote {}", path.display());
                if export.pdf {
                    let pdf = chart.as_user(&actor).patient_record_pdf_to(
                        mrn,
                        &export.out,
                        Utc::now(),
                    )?;
                    said.push_str(&format!(" and {}", pdf.display()));
                }
                Ok(said)
            }),
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

pub(crate) struct ImportFhir {
    db: PathBuf,
    user: String,
    dry_run: bool,
    files: Vec<PathBuf>,
}

pub(crate) fn parse_import_fhir(args: &[String]) -> Result<ImportFhir, String> {
    let (mut db, mut user, mut dry_run, mut files) = (None, None, false, Vec::new());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "import-fhir" => {}
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--dry-run" => dry_run = true,
            flag if flag.starts_with("--") => {
                return Err(format!("import-fhir does not take {flag}"))
            }
            file => files.push(PathBuf::from(file)),
        }
    }
    match (db, user) {
        (Some(db), Some(user)) if !files.is_empty() => Ok(ImportFhir {
            db,
            user,
            dry_run,
            files,
        }),
        _ => Err("import-fhir needs --db PATH, --user NAME and at least one FILE".into()),
    }
}

fn outcome_words(o: ChartOutcome) -> &'static str {
    match o {
        ChartOutcome::WouldCreate => "would be created",
        ChartOutcome::Created => "created",
        ChartOutcome::AlreadyImported => "already imported",
        ChartOutcome::PossibleDuplicate => "possible duplicate, not imported",
        ChartOutcome::Invalid => "not imported: errors",
    }
}

/// The report as the admin reads it: one line per chart, its issues under it, then totals.
fn describe(r: &ImportReport, seconds: f64) -> String {
    let mut out = Vec::new();
    for c in &r.charts {
        let mrn = c.mrn.map(|m| format!(" chart {m}")).unwrap_or_default();
        out.push(format!(
            "{} (born {}), {}: {}{mrn} {}",
            c.name,
            c.birth_date,
            c.resource,
            outcome_words(c.outcome),
            c.detail
        ));
        for i in &c.issues {
            out.push(format!("    {} {}: {}", i.resource, i.path, i.message));
        }
    }
    for i in &r.orphans {
        out.push(format!("skipped {} {}: {}", i.resource, i.path, i.message));
    }
    let tally = |t: &[charta_core::fhir::import::Tally]| {
        t.iter()
            .map(|t| format!("{}={}", t.name, t.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    out.push(format!("records: {}", tally(&r.records)));
    out.push(format!("kept as documents: {}", tally(&r.kept)));
    out.push(format!("not part of a chart: {}", tally(&r.outside)));
    out.push(format!(
        "{}{} files, {} resources, {} charts in {seconds:.1} s: {} {}, {} already imported, {} possible duplicates, {} invalid",
        if r.dry_run { "DRY RUN (nothing changed): " } else { "" },
        r.files,
        r.resources,
        r.charts.len(),
        r.created,
        if r.dry_run { "would be created" } else { "created" },
        r.already_imported,
        r.duplicates,
        r.invalid
    ));
    out.join("\n")
}

pub(crate) fn import_fhir(import: &ImportFhir) -> Result<(), String> {
    let (mut chart, actor) = open_as(&import.db, &import.user)?;
    let started = std::time::Instant::now();
    let result = chart.as_user(&actor).import_fhir(
        &import.files,
        import.dry_run,
        uuid::Uuid::new_v4(),
        Utc::now(),
        &mut |p| eprint!("\r{} of {} charts", p.done, p.total),
    );
    eprintln!();
    anchor(&chart, &import.db)?;
    let report = result.map_err(|e| e.to_string())?;
    eprintln!("{}", describe(&report, started.elapsed().as_secs_f64()));
    if report.invalid > 0 {
        return Err(format!(
            "{} charts have errors and were not imported",
            report.invalid
        ));
    }
    Ok(())
}
