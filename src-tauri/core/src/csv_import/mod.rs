//! Patients from another EMR's CSV export (its appointments: `appointments`): the columns
//! mapped (guessed from the header, or as the admin chose), birth dates read in the file's
//! detected format, a preview and a dry run (a rolled-back transaction) before anything is
//! written, field errors by row and column, the duplicate rules, one transaction per patient.

mod appointment_columns;
pub(crate) mod appointment_rows;
mod appointments;
mod columns;

pub use appointment_columns::{clock_time, AppointmentColumn};
pub use appointments::{
    guess_appointment, AppointmentRowOutcome, CsvAppointmentOptions, CsvAppointmentReport,
    CsvAppointmentRow,
};
pub use columns::{date_formats_of, guess, phone_shape, DateFormat, PatientColumn};

use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::fhir::import::IdSpace;
use crate::ids::PatientId;
use crate::patient::{
    duplicates, shown_detail, validate_draft, PatientDraft, PatientStatus, Phone, PhoneKind,
};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use crate::AsUser;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use uuid::Uuid;

/// A CSV of patients may be large, but it is read whole for the preview.
pub const MAX_CSV_BYTES: u64 = 64 * 1024 * 1024;

/// What the admin chose on the preview; `None` means "as detected".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvOptions {
    /// One per column of the file, in order.
    pub mapping: Option<Vec<PatientColumn>>,
    pub date_format: Option<DateFormat>,
}

/// A problem in one cell (or row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CellError {
    /// The file's line number (the header is line 1).
    pub row: u32,
    /// The column's header as the file has it ("" for the whole row).
    pub column: String,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum RowOutcome {
    WouldCreate,
    Created,
    PossibleDuplicate,
    Invalid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvRow {
    pub row: u32,
    pub name: String,
    pub date_of_birth: String,
    pub outcome: RowOutcome,
    pub mrn: Option<u32>,
    pub detail: String,
    pub errors: Vec<CellError>,
    /// Registered patients this row names as possible duplicates: a read of their charts.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) shown: Vec<PatientId>,
}

/// The preview, the dry run's report and the import's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvImportReport {
    pub dry_run: bool,
    pub headers: Vec<String>,
    /// The mapping used, one per column.
    pub mapping: Vec<PatientColumn>,
    /// The birth-date format used; every format the values fit in `date_formats`.
    pub date_format: Option<DateFormat>,
    pub date_formats: Vec<DateFormat>,
    /// Each phone column's usual shape ("(999) 999-9999"), by header.
    pub phone_shapes: Vec<(String, String)>,
    pub rows: Vec<CsvRow>,
    /// What the mapping lacks ("Choose the column that holds the family name"); while any,
    /// no row is read (the preview shows the columns to map).
    pub missing_columns: Vec<String>,
    pub created: u32,
    pub duplicates: u32,
    pub invalid: u32,
}

fn file_error(message: impl Into<String>) -> CoreError {
    CoreError::invalid("file", message)
}

/// A data row: its line number and its cells.
type Row = (u32, Vec<String>);

pub(super) fn read(path: &Path) -> CoreResult<(Vec<String>, Vec<Row>)> {
    let size = std::fs::metadata(path)
        .map_err(|e| file_error(format!("{}: cannot be read ({e})", path.display())))?
        .len();
    if size > MAX_CSV_BYTES {
        return Err(file_error(format!(
            "The file is {} MB; split it into files of at most {} MB",
            size / (1024 * 1024),
            MAX_CSV_BYTES / (1024 * 1024)
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| file_error(format!("{}: cannot be opened ({e})", path.display())))?;
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| file_error(format!("The header line cannot be read: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    if headers.iter().all(String::is_empty) {
        return Err(file_error("The file has no header line naming its columns"));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map(|p| p.line()).unwrap_or(0);
            file_error(format!("Line {line} cannot be read as CSV: {e}"))
        })?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows.push((
            u32::try_from(line).unwrap_or(u32::MAX),
            record.iter().map(str::to_string).collect(),
        ));
    }
    Ok((headers, rows))
}

/// A row as the registration form, with the cells that could not be read.
fn draft_of(
    row: u32,
    cells: &[String],
    headers: &[String],
    mapping: &[PatientColumn],
    date_format: Option<DateFormat>,
) -> (PatientDraft, Vec<CellError>) {
    use PatientColumn::*;
    let mut d = PatientDraft {
        family_name: String::new(),
        given_name: String::new(),
        middle_name: String::new(),
        preferred_name: String::new(),
        date_of_birth: String::new(),
        sex_at_birth: Some(crate::patient::SexAtBirth::Unknown),
        gender_identity: String::new(),
        pronouns: String::new(),
        phones: Vec::new(),
        email: String::new(),
        address: Default::default(),
        preferred_language: String::new(),
        emergency_contact: None,
        status: PatientStatus::Active,
        deceased_on: String::new(),
    };
    let mut errors = Vec::new();
    for (i, column) in mapping.iter().enumerate() {
        let value = cells.get(i).map(String::as_str).unwrap_or("").trim();
        let header = headers.get(i).cloned().unwrap_or_default();
        let phone = |kind| Phone {
            kind,
            number: value.to_string(),
        };
        match column {
            FamilyName => d.family_name = value.into(),
            GivenName => d.given_name = value.into(),
            MiddleName => d.middle_name = value.into(),
            PreferredName => d.preferred_name = value.into(),
            DateOfBirth => match date_format.and_then(|f| f.parse(value).map(|v| (f, v))) {
                Some((_, date)) => d.date_of_birth = date.to_string(),
                None if value.is_empty() => {}
                None => errors.push(CellError {
                    row,
                    column: header,
                    message: match date_format {
                        Some(f) => format!("\"{value}\" is not a date like {}", f.example()),
                        None => format!("\"{value}\": choose the file's date format"),
                    },
                }),
            },
            SexAtBirth => match columns::sex(value) {
                Some(s) => d.sex_at_birth = Some(s),
                None => errors.push(CellError {
                    row,
                    column: header,
                    message: format!("\"{value}\" is not a sex Charta knows (F, M, I or U)"),
                }),
            },
            MobilePhone if !value.is_empty() => d.phones.push(phone(PhoneKind::Mobile)),
            HomePhone if !value.is_empty() => d.phones.push(phone(PhoneKind::Home)),
            WorkPhone if !value.is_empty() => d.phones.push(phone(PhoneKind::Work)),
            Email => d.email = value.into(),
            AddressLine1 => d.address.line1 = value.into(),
            AddressLine2 => d.address.line2 = value.into(),
            City => d.address.city = value.into(),
            Region => d.address.region = value.into(),
            PostalCode => d.address.postal_code = value.into(),
            Country => d.address.country = value.into(),
            PreferredLanguage => d.preferred_language = value.into(),
            _ => {}
        }
    }
    (d, errors)
}

/// The admin's mapping, one field per column of the file, or each column's guess from its
/// header when there is none.
pub(super) fn mapping_of<C: Copy>(
    chosen: Option<&[C]>,
    headers: &[String],
    guess: impl Fn(&str) -> C,
) -> CoreResult<Vec<C>> {
    match chosen {
        Some(m) if m.len() == headers.len() => Ok(m.to_vec()),
        Some(m) => Err(CoreError::invalid(
            "mapping",
            format!(
                "The file has {} columns and the mapping {}; choose one field per column",
                headers.len(),
                m.len()
            ),
        )),
        None => Ok(headers.iter().map(|h| guess(h)).collect()),
    }
}

/// The column a registration field error belongs to.
fn column_of(
    field: &str,
    draft: &PatientDraft,
    headers: &[String],
    mapping: &[PatientColumn],
) -> String {
    use PatientColumn::*;
    let wanted: Vec<PatientColumn> = match field {
        "familyName" => vec![FamilyName],
        "givenName" => vec![GivenName],
        "middleName" => vec![MiddleName],
        "preferredName" => vec![PreferredName],
        "dateOfBirth" => vec![DateOfBirth],
        "sexAtBirth" => vec![SexAtBirth],
        "email" => vec![Email],
        "preferredLanguage" => vec![PreferredLanguage],
        f if f.starts_with("phones.") => {
            let n: usize = f
                .split('.')
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            match draft.phones.get(n).map(|p| p.kind) {
                Some(PhoneKind::Home) => vec![HomePhone],
                Some(PhoneKind::Work) => vec![WorkPhone],
                _ => vec![MobilePhone],
            }
        }
        f if f.starts_with("address") => {
            vec![
                AddressLine1,
                AddressLine2,
                City,
                Region,
                PostalCode,
                Country,
            ]
        }
        _ => vec![],
    };
    mapping
        .iter()
        .position(|c| wanted.contains(c))
        .and_then(|i| headers.get(i).cloned())
        .unwrap_or_else(|| field.to_string())
}

impl AsUser<'_> {
    /// Imports patients from a CSV file (admin, `ImportRecords`), or with `dry_run` shows the
    /// preview and what the import would do, changing nothing.
    pub fn import_patients_csv(
        &mut self,
        file: &Path,
        options: &CsvOptions,
        dry_run: bool,
        namespace: Uuid,
        now: DateTime<Utc>,
    ) -> CoreResult<CsvImportReport> {
        let action = if dry_run {
            "import_csv_dry_run"
        } else {
            "import_csv"
        };
        self.require(Operation::ImportRecords, action, now)?;
        let (headers, rows) = read(file)?;
        let mapping = mapping_of(options.mapping.as_deref(), &headers, guess)?;
        let missing: Vec<String> = [
            PatientColumn::FamilyName,
            PatientColumn::GivenName,
            PatientColumn::DateOfBirth,
        ]
        .into_iter()
        .filter(|needed| !mapping.contains(needed))
        .map(|needed| format!("Choose the column that holds the {}", needed.label()))
        .collect();
        let rows = if missing.is_empty() { rows } else { Vec::new() };
        let column_values = |c: PatientColumn| {
            let i = mapping.iter().position(|m| *m == c);
            rows.iter()
                .filter_map(move |(_, cells)| i.and_then(|i| cells.get(i)).map(String::as_str))
        };
        let date_formats = date_formats_of(column_values(PatientColumn::DateOfBirth));
        let date_format = options.date_format.or(match date_formats.as_slice() {
            [one] => Some(*one),
            _ => None,
        });
        let phone_shapes = mapping
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                matches!(
                    c,
                    PatientColumn::MobilePhone
                        | PatientColumn::HomePhone
                        | PatientColumn::WorkPhone
                )
            })
            .filter_map(|(i, c)| phone_shape(column_values(*c)).map(|s| (headers[i].clone(), s)))
            .collect();
        let today = practice_today(self.db, now)?;
        let ids = IdSpace(namespace);
        let actor = self.actor;
        let mut out = Vec::with_capacity(rows.len());
        let each = |tx: &rusqlite::Connection, row: u32, cells: &[String]| -> CoreResult<CsvRow> {
            let (draft, mut errors) = draft_of(row, cells, &headers, &mapping, date_format);
            let name = format!("{}, {}", draft.family_name, draft.given_name);
            let line = |outcome, mrn, detail: String, errors| CsvRow {
                row,
                name: name.clone(),
                date_of_birth: draft.date_of_birth.clone(),
                outcome,
                mrn,
                detail,
                errors,
                shown: Vec::new(),
            };
            let valid = match validate_draft(&draft, today) {
                Ok(v) => Some(v),
                Err(CoreError::Invalid(field_errors)) => {
                    for e in field_errors {
                        let column = column_of(&e.field, &draft, &headers, &mapping);
                        if !errors.iter().any(|x| x.column == column) {
                            errors.push(CellError {
                                row,
                                column,
                                message: e.message,
                            });
                        }
                    }
                    None
                }
                Err(other) => return Err(other),
            };
            let (Some(valid), true) = (valid, errors.is_empty()) else {
                return Ok(line(RowOutcome::Invalid, None, String::new(), errors));
            };
            let candidates = duplicates(tx, &valid, None, today)?;
            if let Some(first) = candidates.first() {
                let mut held = line(
                    RowOutcome::PossibleDuplicate,
                    Some(first.patient.mrn),
                    format!(
                        "may be {} {} (chart {}), already registered; not imported",
                        first.patient.given_name, first.patient.family_name, first.patient.mrn
                    ),
                    Vec::new(),
                );
                held.shown = candidates.iter().map(|c| c.patient.id).collect();
                return Ok(held);
            }
            let key = format!("{row}|{name}|{}", draft.date_of_birth);
            let id = PatientId::from_uuid(Uuid::from_u128(ids.derive(&["csv", &key])));
            let mrn = store::patients::next_mrn(tx)?;
            store::patients::insert(tx, id, mrn, &valid, now)?;
            audit::append(
                tx,
                &actor
                    .event(now, "import_csv_patient", Outcome::Ok)
                    .entity("patient", id)
                    .patient(id)
                    .detail(format!("line {row} of {}", file.display())),
            )?;
            let outcome = if dry_run {
                RowOutcome::WouldCreate
            } else {
                RowOutcome::Created
            };
            Ok(line(outcome, Some(mrn), String::new(), Vec::new()))
        };
        if dry_run {
            out = self.db.rehearse(|tx| {
                rows.iter()
                    .map(|(row, cells)| each(tx, *row, cells))
                    .collect::<CoreResult<Vec<_>>>()
            })?;
        } else {
            for (row, cells) in &rows {
                out.push(self.db.write(|tx| each(tx, *row, cells))?);
            }
        }
        // Naming a registered patient as a possible duplicate shows their chart: a read,
        // audited outside the dry run's rolled-back transaction.
        let shown: Vec<PatientId> = out.iter().flat_map(|r| r.shown.iter().copied()).collect();
        if !shown.is_empty() {
            let event = self
                .actor
                .event(now, "duplicate_check", Outcome::Ok)
                .detail(shown_detail(&shown));
            self.db.audit(&event)?;
        }
        let count = |o: RowOutcome| {
            u32::try_from(out.iter().filter(|r| r.outcome == o).count()).unwrap_or(u32::MAX)
        };
        let report = CsvImportReport {
            dry_run,
            created: count(if dry_run {
                RowOutcome::WouldCreate
            } else {
                RowOutcome::Created
            }),
            duplicates: count(RowOutcome::PossibleDuplicate),
            invalid: count(RowOutcome::Invalid),
            headers,
            mapping,
            date_format,
            date_formats,
            phone_shapes,
            rows: out,
            missing_columns: missing,
        };
        let event = self.actor.event(now, action, Outcome::Ok).detail(format!(
            "{} rows: {} {}, {} possible duplicates, {} invalid",
            report.rows.len(),
            report.created,
            if dry_run {
                "would be created"
            } else {
                "created"
            },
            report.duplicates,
            report.invalid
        ));
        self.db.audit(&event)?;
        Ok(report)
    }
}
