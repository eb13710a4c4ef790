//! Reading one result file behind the door (`ImportResults`): parse all of it first; a
//! malformed file is refused whole (its row kept, status refused, with the reason, and the
//! refusal audited — nothing else written); a duplicate is recognised by its sha256; else the
//! patient and physicians are matched and every report lands in one transaction, or the file
//! is held for a human.

use super::build::{self, Subject};
use super::hl7::oru::{self, OruMessage};
use super::matching::{self, PatientMatch};
use super::Hl7ImportOutcome;
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{Hl7ImportId, LabReportId, PatientId, UserId};
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use crate::store::hl7_imports::{Candidate, ImportStatus, NewImport};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

/// The file's text: UTF-8, else Latin-1 (every byte a character), so any file can be kept.
pub fn decode(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(t) => t.replace('\0', "\u{fffd}"),
        Err(_) => bytes
            .iter()
            .map(|&b| if b == 0 { '\u{fffd}' } else { b as char })
            .collect(),
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn file_name_checked(name: &str) -> CoreResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(CoreError::invalid("fileName", "Give the file's name"));
    }
    Ok(name.chars().take(255).collect())
}

/// Writes a read file's reports for a matched patient (inside the caller's transaction).
pub(super) fn write_reports(
    tx: &Connection,
    message: &OruMessage,
    import: Hl7ImportId,
    patient: &Candidate,
    physicians: &[UserId],
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<Vec<LabReportId>> {
    let subject = Subject {
        patient: patient.id,
        sex: build::sex_from_sql(&patient.sex),
        born: patient.date_of_birth,
    };
    let reports = build::reports(tx, message, import, subject, physicians, by, now)?;
    for r in &reports {
        store::lab_results::insert_report(tx, r)?;
    }
    Ok(reports.iter().map(|r| r.id).collect())
}

impl AsUser<'_> {
    /// Reads one ORU^R01 file (`ImportResults`): all of it or nothing. A malformed file is an
    /// invalid-input error (field `file`) naming the segment and line; nothing is written but
    /// the refused file's row and the refusal's audit row. A file already read (same sha256,
    /// matched or held) is a `Duplicate` and imports nothing.
    pub fn import_hl7(
        &mut self,
        file_name: &str,
        bytes: &[u8],
        id: Hl7ImportId,
        now: DateTime<Utc>,
    ) -> CoreResult<Hl7ImportOutcome> {
        self.require(Operation::ImportResults, "import_result_file", now)?;
        let file_name = file_name_checked(file_name)?;
        let text = decode(bytes);
        let sha = sha256_hex(bytes);
        let zone = practice_zone(self.db)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        let parsed = oru::read(&text, zone);
        let message = match parsed {
            Ok(m) => m,
            Err(e) => {
                let why = e.0;
                self.db.write(|tx| {
                    store::hl7_imports::insert(
                        tx,
                        &NewImport {
                            id,
                            file_name: &file_name,
                            sha256: &sha,
                            raw_text: &text,
                            status: ImportStatus::Refused,
                            why: Some(&why),
                            file_patient: "",
                            patient: None,
                            by,
                            at: now,
                        },
                    )?;
                    let event = actor
                        .event(now, "refuse_result_file", Outcome::Failed)
                        .entity("hl7_import", id)
                        .detail(format!("{file_name}: {why}"));
                    audit::append(tx, &event)?;
                    Ok(())
                })?;
                return Err(CoreError::invalid("file", why));
            }
        };
        self.db.write(|tx| {
            if let Some(earlier) = store::hl7_imports::find_live_by_sha(tx, &sha)? {
                let event = actor
                    .event(now, "import_result_file", Outcome::Ok)
                    .entity("hl7_import", earlier.id)
                    .detail(format!(
                        "{file_name}: the same file as {} (not imported again)",
                        earlier.file_name
                    ));
                let event = match earlier.patient {
                    Some(p) => event.patient(p),
                    None => event,
                };
                audit::append(tx, &event)?;
                return Ok(Hl7ImportOutcome::Duplicate {
                    import: earlier.id,
                    status: earlier.status.as_sql().to_string(),
                });
            }
            let described = message.patient.describe();
            let found = match matching::match_patient(tx, &message.patient)? {
                PatientMatch::Found(c) if c.restricted => Err(format!(
                    "MRN {} is a restricted chart: match it by hand with emergency access",
                    c.mrn
                )),
                PatientMatch::Found(c) => match matching::match_physicians(tx, &message, c.id)? {
                    Ok(physicians) => Ok((c, physicians)),
                    Err(why) => Err(why),
                },
                PatientMatch::Held(why) => Err(why),
            };
            match found {
                Ok((patient, physicians)) => {
                    store::hl7_imports::insert(
                        tx,
                        &NewImport {
                            id,
                            file_name: &file_name,
                            sha256: &sha,
                            raw_text: &text,
                            status: ImportStatus::Matched,
                            why: None,
                            file_patient: &described,
                            patient: Some(patient.id),
                            by,
                            at: now,
                        },
                    )?;
                    let reports = write_reports(tx, &message, id, &patient, &physicians, by, now)?;
                    let event = actor
                        .event(now, "import_result_file", Outcome::Ok)
                        .patient(patient.id)
                        .entity("hl7_import", id)
                        .detail(format!("{file_name}: {} report(s)", reports.len()));
                    audit::append(tx, &event)?;
                    Ok(Hl7ImportOutcome::Matched {
                        import: id,
                        patient: patient.id,
                        reports,
                    })
                }
                Err(why) => {
                    store::hl7_imports::insert(
                        tx,
                        &NewImport {
                            id,
                            file_name: &file_name,
                            sha256: &sha,
                            raw_text: &text,
                            status: ImportStatus::Held,
                            why: Some(&why),
                            file_patient: &described,
                            patient: None,
                            by,
                            at: now,
                        },
                    )?;
                    let event = actor
                        .event(now, "import_result_file", Outcome::Ok)
                        .entity("hl7_import", id)
                        .detail(format!("{file_name}: held — {why}"));
                    audit::append(tx, &event)?;
                    Ok(Hl7ImportOutcome::Held { import: id, why })
                }
            }
        })
    }

    /// Matches a held file by hand to `patient` (`ImportResults`; honours restricted charts),
    /// its reports given to `physician` when chosen, else to the file's own physicians.
    pub fn match_result_file(
        &mut self,
        import: Hl7ImportId,
        patient: PatientId,
        physician: Option<UserId>,
        now: DateTime<Utc>,
    ) -> CoreResult<Hl7ImportOutcome> {
        let access =
            self.require_for_patient(Operation::ImportResults, "match_result_file", patient, now)?;
        let zone = practice_zone(self.db)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let row = store::hl7_imports::get(tx, import)?.ok_or(CoreError::NotFound {
                entity: "result file",
                id: import.to_string(),
            })?;
            if row.status != ImportStatus::Held {
                return Err(CoreError::invalid(
                    "import",
                    format!(
                        "This file is already {}; only a held file can be matched",
                        row.status.as_sql()
                    ),
                ));
            }
            let message =
                oru::read(&row.raw_text, zone).map_err(|e| CoreError::invalid("file", e.0))?;
            let candidate =
                store::hl7_imports::patient_by_id(tx, patient)?.ok_or(CoreError::NotFound {
                    entity: "patient",
                    id: patient.to_string(),
                })?;
            let physicians = match physician {
                Some(chosen) => {
                    if !store::hl7_imports::physicians(tx)?
                        .iter()
                        .any(|(id, _, _)| *id == chosen)
                    {
                        return Err(CoreError::invalid("physician", "Pick an active physician"));
                    }
                    vec![chosen; message.orders.len()]
                }
                None => match matching::match_physicians(tx, &message, patient)? {
                    Ok(p) => p,
                    Err(why) => return Err(CoreError::invalid("physician", why)),
                },
            };
            if !store::hl7_imports::set_matched(tx, import, patient, physician, by, now)? {
                return Err(CoreError::invalid(
                    "import",
                    "This file was matched or refused meanwhile",
                ));
            }
            let reports = write_reports(tx, &message, import, &candidate, &physicians, by, now)?;
            let event = actor
                .event(now, "match_result_file", Outcome::Ok)
                .patient(patient)
                .entity("hl7_import", import)
                .emergency(access == crate::access::Access::Emergency)
                .detail(format!(
                    "{}: {} report(s); the file said {}",
                    row.file_name,
                    reports.len(),
                    row.file_patient
                ));
            audit::append(tx, &event)?;
            Ok(Hl7ImportOutcome::Matched {
                import,
                patient,
                reports,
            })
        })
    }
}
