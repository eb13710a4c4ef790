//! Appointments from another EMR's CSV export: each row's patient found by chart number or by
//! name and birth date, its provider, type and room by name, its time read in the practice's
//! zone. Coming appointments are booked through the desk's own rules (a collision is the
//! row's refusal unless the admin gives an overbook reason); past ones are kept as history
//! with the outcome the earlier system recorded. A dry run first, one transaction per row.

use super::appointment_columns::{AppointmentColumn, StatusWord};
use super::appointment_rows::{column_of_field, wanted, Book, Cells};
use super::{date_formats_of, mapping_of, read, CellError, DateFormat};
use crate::access::Actor;
use crate::audit::Outcome;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::fhir::import::IdSpace;
use crate::ids::{AppointmentId, PatientId};
use crate::patient::shown_detail;
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::schedule::appointments::{book_in, record_past_in, PastImport, PastOutcome};
use crate::schedule::time::{local_date, practice_zone};
use crate::schedule::{AppointmentStatus, CancelKind};
use crate::store;
use crate::AsUser;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use uuid::Uuid;

pub use super::appointment_columns::guess_appointment;

/// What the admin chose on the preview; `None` means "as detected".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvAppointmentOptions {
    /// One per column of the file, in order.
    pub mapping: Option<Vec<AppointmentColumn>>,
    pub date_format: Option<DateFormat>,
    /// Book rows that collide with the book (or fall outside availability) anyway, for this
    /// reason, audited as overbooking. `None` (or blank): such a row is refused.
    pub overbook_reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AppointmentRowOutcome {
    WouldBook,
    Booked,
    /// A past appointment kept as history (attended, no-show, cancelled).
    WouldRecord,
    Recorded,
    /// The book already holds it (this file imported before).
    AlreadyBooked,
    /// Refused by the booking rules: what it collides with is the detail.
    Collides,
    /// Not imported, for the reason in the detail (cancelled, or past with no outcome).
    Skipped,
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvAppointmentRow {
    pub row: u32,
    /// "Family, Given (chart N)" once found; the row's own text otherwise.
    pub patient: String,
    pub mrn: Option<u32>,
    /// The start in the practice's zone, "2026-12-04 09:00".
    pub starts: String,
    pub provider: String,
    pub outcome: AppointmentRowOutcome,
    pub detail: String,
    pub errors: Vec<CellError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvAppointmentReport {
    pub dry_run: bool,
    pub headers: Vec<String>,
    pub mapping: Vec<AppointmentColumn>,
    pub date_format: Option<DateFormat>,
    pub date_formats: Vec<DateFormat>,
    pub rows: Vec<CsvAppointmentRow>,
    /// What the mapping lacks; while any, no row is read.
    pub missing_columns: Vec<String>,
    pub booked: u32,
    pub recorded: u32,
    pub already_booked: u32,
    pub collides: u32,
    pub skipped: u32,
    pub invalid: u32,
}

/// What happens to one row inside `tx`.
#[allow(clippy::too_many_arguments)]
fn import_row(
    tx: &Connection,
    actor: &Actor,
    book: &Book,
    c: &Cells<'_>,
    options: &CsvAppointmentOptions,
    date_format: Option<DateFormat>,
    dry_run: bool,
    source: &str,
    ids: &IdSpace,
    now: DateTime<Utc>,
    shown: &mut Vec<PatientId>,
) -> CoreResult<CsvAppointmentRow> {
    use AppointmentRowOutcome::*;
    let w = match wanted(tx, book, c, date_format)? {
        Ok(w) => w,
        Err((described, errors)) => {
            return Ok(CsvAppointmentRow {
                row: c.row,
                patient: described,
                mrn: None,
                starts: String::new(),
                provider: c.value(AppointmentColumn::Provider).to_string(),
                outcome: Invalid,
                detail: String::new(),
                errors,
            })
        }
    };
    shown.push(w.patient.id);
    let line = |outcome, detail: String, errors| CsvAppointmentRow {
        row: c.row,
        patient: format!(
            "{}, {} (chart {})",
            w.patient.family_name, w.patient.given_name, w.patient.mrn
        ),
        mrn: Some(w.patient.mrn),
        starts: w.starts_local.format("%Y-%m-%d %H:%M").to_string(),
        provider: w.provider.clone(),
        outcome,
        detail,
        errors,
    };
    if store::appointments::exists_at(tx, w.patient.id, w.draft.provider_id, w.draft.starts_at)? {
        return Ok(line(
            AlreadyBooked,
            "already in the book; not imported again".into(),
            vec![],
        ));
    }
    let key = format!(
        "{}|{}|{}",
        w.patient.id, w.draft.provider_id, w.draft.starts_at
    );
    let id = AppointmentId::from_u128(ids.derive(&["csv-appointment", &key]));
    let past = local_date(book.zone, w.draft.starts_at) < book.today;
    let refused = |e: Vec<FieldError>| {
        let errors = e
            .into_iter()
            .map(|f| c.error(column_of_field(&f.field, c), f.message))
            .collect();
        Ok(line(Invalid, String::new(), errors))
    };
    let status_error = |message: &str| {
        Ok(line(
            Invalid,
            String::new(),
            vec![c.error(AppointmentColumn::Status, message)],
        ))
    };
    if past {
        let outcome = match w.status {
            _ if c.index(AppointmentColumn::Status).is_none() => {
                return Ok(line(
                    Skipped,
                    "in the past; map the status column to keep past visits as history".into(),
                    vec![],
                ))
            }
            StatusWord::Booked | StatusWord::Confirmed => {
                return Ok(line(
                    Skipped,
                    "in the past and never closed in the earlier system; not imported".into(),
                    vec![],
                ))
            }
            StatusWord::Attended => PastOutcome::Attended,
            StatusWord::NoShow => PastOutcome::NoShow,
            StatusWord::CancelledByPatient => PastOutcome::Cancelled(CancelKind::Patient, None),
            StatusWord::CancelledByPractice => PastOutcome::Cancelled(CancelKind::Practice, None),
        };
        return match record_past_in(
            tx,
            actor,
            &w.draft,
            outcome,
            PastImport::Csv(source),
            id,
            now,
        ) {
            Ok(a) => Ok(line(
                if dry_run { WouldRecord } else { Recorded },
                format!("history: {}", a.status.label()),
                vec![],
            )),
            Err(CoreError::Invalid(e)) => refused(e),
            Err(other) => Err(other),
        };
    }
    match w.status {
        StatusWord::CancelledByPatient | StatusWord::CancelledByPractice => {
            return Ok(line(Skipped, "cancelled in the earlier system; not booked".into(), vec![]))
        }
        StatusWord::Attended | StatusWord::NoShow => {
            return status_error("This appointment is still to come: it can be booked or confirmed, not attended or missed")
        }
        StatusWord::Booked | StatusWord::Confirmed => {}
    }
    let mut draft = w.draft.clone();
    draft.overbook_reason = options.overbook_reason.clone();
    let booked = match book_in(tx, actor, &draft, Some(source), id, now) {
        Ok(a) => a,
        Err(CoreError::Invalid(e)) if e.iter().any(|f| f.field == "collisions") => {
            let said: Vec<String> = e.into_iter().map(|f| f.message).collect();
            return Ok(line(Collides, said.join("; "), vec![]));
        }
        Err(CoreError::Invalid(e)) => return refused(e),
        Err(other) => return Err(other),
    };
    if w.status == StatusWord::Confirmed {
        if !store::appointment_changes::set_status(
            tx,
            id,
            booked.version,
            AppointmentStatus::Confirmed,
            booked.room_id,
            actor.user_id(),
            now,
        )? {
            return Err(CoreError::Conflict {
                entity: "appointment",
            });
        }
        store::appointments::record_history(tx, id, "status", actor.user_id(), now, source)?;
    }
    let detail = match &booked.overbook_reason {
        Some(reason) => format!("overbooked: {reason}"),
        None if w.status == StatusWord::Confirmed => "confirmed".to_string(),
        None => String::new(),
    };
    Ok(line(
        if dry_run { WouldBook } else { Booked },
        detail,
        vec![],
    ))
}

impl AsUser<'_> {
    /// Imports appointments from a CSV file (admin, `ImportRecords`), or with `dry_run` shows
    /// the preview and what the import would do, changing nothing.
    pub fn import_appointments_csv(
        &mut self,
        file: &Path,
        options: &CsvAppointmentOptions,
        dry_run: bool,
        namespace: Uuid,
        now: DateTime<Utc>,
    ) -> CoreResult<CsvAppointmentReport> {
        use AppointmentColumn::*;
        let action = if dry_run {
            "import_csv_appointments_dry_run"
        } else {
            "import_csv_appointments"
        };
        self.require(Operation::ImportRecords, action, now)?;
        let (headers, rows) = read(file)?;
        let mapping = mapping_of(options.mapping.as_deref(), &headers, guess_appointment)?;
        let has = |c| mapping.contains(&c);
        let mut missing = Vec::new();
        let by_name = has(FamilyName) && has(GivenName) && has(DateOfBirth);
        if !(has(ChartNumber) || by_name) {
            missing.push("Choose the column that holds the chart number, or the family name, given name and date of birth".to_string());
        }
        for needed in [StartTime, Provider, AppointmentType] {
            if !has(needed) {
                missing.push(format!(
                    "Choose the column that holds the {}",
                    needed.label()
                ));
            }
        }
        let rows = if missing.is_empty() { rows } else { Vec::new() };
        let values = |c: AppointmentColumn| {
            let i = mapping.iter().position(|m| *m == c);
            rows.iter()
                .filter_map(move |(_, cells)| i.and_then(|i| cells.get(i)).map(String::as_str))
        };
        // The appointment dates and birth dates of one file share a format; a start cell may
        // hold the date too ("2026-12-04 09:00").
        let date_cells: Vec<&str> = values(Date)
            .chain(values(DateOfBirth))
            .chain(values(StartTime).filter_map(|v| v.split_once(['T', ' ']).map(|(d, _)| d)))
            .collect();
        let date_formats = date_formats_of(date_cells.iter().copied());
        let date_format = options.date_format.or(match date_formats.as_slice() {
            [one] => Some(*one),
            _ => None,
        });
        let (zone, today) = (self.db.read(practice_zone)?, practice_today(self.db, now)?);
        let book = self.db.read(|conn| Book::read(conn, zone, today))?;
        let ids = IdSpace(namespace);
        let actor = self.actor;
        let mut shown = Vec::new();
        let cells_of = |row: u32, cells| Cells {
            row,
            cells,
            headers: &headers,
            mapping: &mapping,
        };
        let source = |row: u32| format!("imported from line {row} of {}", file.display());
        let out: Vec<CsvAppointmentRow> = if dry_run {
            // One rolled-back transaction: each row sees the rows before it, so a file that
            // double-books itself says so.
            self.db.rehearse(|tx| {
                rows.iter()
                    .map(|(row, cells)| {
                        let c = cells_of(*row, cells.as_slice());
                        import_row(
                            tx,
                            actor,
                            &book,
                            &c,
                            options,
                            date_format,
                            true,
                            &source(*row),
                            &ids,
                            now,
                            &mut shown,
                        )
                    })
                    .collect::<CoreResult<Vec<_>>>()
            })?
        } else {
            let mut out = Vec::with_capacity(rows.len());
            for (row, cells) in &rows {
                let c = cells_of(*row, cells.as_slice());
                out.push(self.db.write(|tx| {
                    import_row(
                        tx,
                        actor,
                        &book,
                        &c,
                        options,
                        date_format,
                        false,
                        &source(*row),
                        &ids,
                        now,
                        &mut shown,
                    )
                })?);
            }
            out
        };
        if !shown.is_empty() {
            shown.sort();
            shown.dedup();
            let event = actor
                .event(now, "import_csv_match", Outcome::Ok)
                .detail(shown_detail(&shown));
            self.db.audit(&event)?;
        }
        let count = |o: &[AppointmentRowOutcome]| {
            u32::try_from(out.iter().filter(|r| o.contains(&r.outcome)).count()).unwrap_or(u32::MAX)
        };
        use AppointmentRowOutcome as O;
        let report = CsvAppointmentReport {
            dry_run,
            booked: count(&[O::WouldBook, O::Booked]),
            recorded: count(&[O::WouldRecord, O::Recorded]),
            already_booked: count(&[O::AlreadyBooked]),
            collides: count(&[O::Collides]),
            skipped: count(&[O::Skipped]),
            invalid: count(&[O::Invalid]),
            headers,
            mapping,
            date_format,
            date_formats,
            rows: out,
            missing_columns: missing,
        };
        let event = actor.event(now, action, Outcome::Ok).detail(format!(
            "{} rows of {}: {} booked, {} kept as history, {} already booked, {} colliding, {} skipped, {} invalid{}",
            report.rows.len(),
            file.display(),
            report.booked,
            report.recorded,
            report.already_booked,
            report.collides,
            report.skipped,
            report.invalid,
            if dry_run { " (dry run)" } else { "" }
        ));
        self.db.audit(&event)?;
        Ok(report)
    }
}
