//! `charta-admin import-csv`: another EMR's patient list or appointment list (CSV) in, dry
//! run or import, from the command line, through the same checked, audited door as the
//! admin's Import records screen.

use super::{anchor, open_as};
use chrono::Utc;
use std::path::PathBuf;

pub(crate) struct ImportCsv {
    db: PathBuf,
    user: String,
    dry_run: bool,
    date_format: Option<charta_core::csv_import::DateFormat>,
    file: PathBuf,
    /// The file lists appointments, not patients.
    appointments: bool,
    /// Appointments only: book colliding rows anyway, for this reason.
    overbook: Option<String>,
}

pub(crate) fn parse_import_csv(args: &[String]) -> Result<ImportCsv, String> {
    use charta_core::csv_import::DateFormat;
    let (mut db, mut user, mut dry_run, mut date_format, mut file) =
        (None, None, false, None, None);
    let (mut appointments, mut overbook) = (false, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "import-csv" => {}
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--dry-run" => dry_run = true,
            "--appointments" => appointments = true,
            "--overbook" => overbook = Some(value()?),
            "--date-format" => {
                date_format = Some(match value()?.as_str() {
                    "iso" => DateFormat::Iso,
                    "mdy" => DateFormat::MonthDayYear,
                    "dmy" => DateFormat::DayMonthYear,
                    "dmy-dots" => DateFormat::DayMonthYearDots,
                    other => {
                        return Err(format!(
                            "--date-format is iso, mdy, dmy or dmy-dots, not {other:?}"
                        ))
                    }
                })
            }
            flag if flag.starts_with("--") => {
                return Err(format!("import-csv does not take {flag}"))
            }
            path if file.is_none() => file = Some(PathBuf::from(path)),
            _ => return Err("import-csv takes one FILE".into()),
        }
    }
    match (db, user, file) {
        _ if overbook.is_some() && !appointments => Err("--overbook is for --appointments".into()),
        (Some(db), Some(user), Some(file)) => Ok(ImportCsv {
            db,
            user,
            dry_run,
            date_format,
            file,
            appointments,
            overbook,
        }),
        _ => Err("import-csv needs --db PATH, --user NAME and a FILE".into()),
    }
}

pub(crate) fn import_csv(import: &ImportCsv) -> Result<(), String> {
    use charta_core::csv_import::{CsvOptions, RowOutcome};
    if import.appointments {
        return import_appointments(import);
    }
    let (mut chart, actor) = open_as(&import.db, &import.user)?;
    let options = CsvOptions {
        mapping: None,
        date_format: import.date_format,
    };
    let result = chart.as_user(&actor).import_patients_csv(
        &import.file,
        &options,
        import.dry_run,
        uuid::Uuid::new_v4(),
        Utc::now(),
    );
    anchor(&chart, &import.db)?;
    let r = result.map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (h, c) in r.headers.iter().zip(&r.mapping) {
        out.push(format!("column {h:?} -> {}", c.label()));
    }
    out.push(match r.date_format {
        Some(f) => format!("birth dates read like {}", f.example()),
        None => format!(
            "birth dates fit {} formats: choose one with --date-format",
            r.date_formats.len()
        ),
    });
    for (h, shape) in &r.phone_shapes {
        out.push(format!("phones in {h:?} look like {shape}"));
    }
    for row in &r.rows {
        let what = match row.outcome {
            RowOutcome::WouldCreate => "would be created",
            RowOutcome::Created => "created",
            RowOutcome::PossibleDuplicate => "possible duplicate, not imported",
            RowOutcome::Invalid => "not imported: errors",
        };
        let mrn = row.mrn.map(|m| format!(" chart {m}")).unwrap_or_default();
        out.push(format!(
            "line {}: {}: {what}{mrn} {}",
            row.row, row.name, row.detail
        ));
        for e in &row.errors {
            out.push(format!(
                "    line {} column {:?}: {}",
                e.row, e.column, e.message
            ));
        }
    }
    out.push(format!(
        "{}{} rows: {} {}, {} possible duplicates, {} invalid",
        if r.dry_run {
            "DRY RUN (nothing changed): "
        } else {
            ""
        },
        r.rows.len(),
        r.created,
        if r.dry_run {
            "would be created"
        } else {
            "created"
        },
        r.duplicates,
        r.invalid
    ));
    eprintln!("{}", out.join("\n"));
    if r.invalid > 0 {
        return Err(format!(
            "{} rows have errors and were not imported",
            r.invalid
        ));
    }
    Ok(())
}

fn import_appointments(import: &ImportCsv) -> Result<(), String> {
    use charta_core::csv_import::{AppointmentRowOutcome as O, CsvAppointmentOptions};
    let (mut chart, actor) = open_as(&import.db, &import.user)?;
    let options = CsvAppointmentOptions {
        mapping: None,
        date_format: import.date_format,
        overbook_reason: import.overbook.clone(),
    };
    let result = chart.as_user(&actor).import_appointments_csv(
        &import.file,
        &options,
        import.dry_run,
        uuid::Uuid::new_v4(),
        Utc::now(),
    );
    anchor(&chart, &import.db)?;
    let r = result.map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (h, c) in r.headers.iter().zip(&r.mapping) {
        out.push(format!("column {h:?} -> {}", c.label()));
    }
    out.extend(r.missing_columns.iter().cloned());
    out.push(match r.date_format {
        Some(f) => format!("dates read like {}", f.example()),
        None => format!(
            "dates fit {} formats: choose one with --date-format",
            r.date_formats.len()
        ),
    });
    for row in &r.rows {
        let what = match row.outcome {
            O::WouldBook => "would be booked",
            O::Booked => "booked",
            O::WouldRecord => "would be kept as history",
            O::Recorded => "kept as history",
            O::AlreadyBooked => "already booked",
            O::Collides => "not booked:",
            O::Skipped => "skipped",
            O::Invalid => "not imported: errors",
        };
        out.push(format!(
            "line {}: {} {} with {}: {what} {}",
            row.row, row.patient, row.starts, row.provider, row.detail
        ));
        for e in &row.errors {
            out.push(format!(
                "    line {} column {:?}: {}",
                e.row, e.column, e.message
            ));
        }
    }
    out.push(format!(
        "{}{} rows: {} {}, {} {}, {} already booked, {} colliding, {} skipped, {} invalid",
        if r.dry_run {
            "DRY RUN (nothing changed): "
        } else {
            ""
        },
        r.rows.len(),
        r.booked,
        if r.dry_run {
            "would be booked"
        } else {
            "booked"
        },
        r.recorded,
        if r.dry_run {
            "would be kept as history"
        } else {
            "kept as history"
        },
        r.already_booked,
        r.collides,
        r.skipped,
        r.invalid
    ));
    eprintln!("{}", out.join("\n"));
    if r.invalid + r.collides > 0 {
        return Err(format!(
            "{} rows have errors or collide and were not imported",
            r.invalid + r.collides
        ));
    }
    Ok(())
}
