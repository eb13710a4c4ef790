//! The result-files screen behind the door (`ImportResults`): the held queue and the latest
//! files, a held file opened (what it says), refusing one with a reason, the physicians a file
//! can be given to; and the results folder the admin sets (`EditPracticeSettings`).

use super::hl7::oru;
use super::{
    FileObservation, FileOrder, HeldResultFile, LabReportPatient, PhysicianChoice, ResultFileRow,
    ResultFiles,
};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::Hl7ImportId;
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use crate::store::hl7_imports::{ImportRow, ImportStatus};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

const RECENT_FILES: u32 = 50;
const HELD_FILES: u32 = 500;

fn file_row(conn: &Connection, r: &ImportRow) -> CoreResult<ResultFileRow> {
    let patient = match r.patient {
        Some(p) => store::hl7_imports::patient_by_id(conn, p)?.map(|c| LabReportPatient {
            id: c.id,
            mrn: c.mrn,
            name: if c.restricted {
                "Restricted chart".into()
            } else {
                format!("{}, {}", c.family_name, c.given_name)
            },
            date_of_birth: c.date_of_birth,
            restricted: c.restricted,
        }),
        None => None,
    };
    Ok(ResultFileRow {
        id: r.id,
        file_name: r.file_name.clone(),
        status: r.status.as_sql().to_string(),
        why: r.why.clone(),
        file_patient: r.file_patient.clone(),
        patient,
        received_at: r.received_at,
        received_by_name: r.received_by_name.clone(),
        decided_at: r.matched_at.or(r.refused_at),
        decided_by_name: r.decided_by_name.clone(),
    })
}

fn not_found(id: Hl7ImportId) -> CoreError {
    CoreError::NotFound {
        entity: "result file",
        id: id.to_string(),
    }
}

impl AsUser<'_> {
    /// The result-files screen: the folder, the held queue (oldest first) and the latest
    /// matched or refused files (audited `view_result_files`).
    pub fn result_files(&mut self, now: DateTime<Utc>) -> CoreResult<ResultFiles> {
        self.require(Operation::ImportResults, "view_result_files", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let held = store::hl7_imports::list(tx, ImportStatus::Held, HELD_FILES)?;
            let mut recent = store::hl7_imports::list(tx, ImportStatus::Matched, RECENT_FILES)?;
            recent.extend(store::hl7_imports::list(
                tx,
                ImportStatus::Refused,
                RECENT_FILES,
            )?);
            recent.sort_by(|a, b| {
                b.matched_at
                    .or(b.refused_at)
                    .cmp(&a.matched_at.or(a.refused_at))
            });
            recent.truncate(RECENT_FILES as usize);
            let event = actor
                .event(now, "view_result_files", Outcome::Ok)
                .detail(format!("{} held", held.len()));
            audit::append(tx, &event)?;
            Ok(ResultFiles {
                folder: store::hl7_imports::folder(tx)?.filter(|f| !f.is_empty()),
                held: held
                    .iter()
                    .map(|r| file_row(tx, r))
                    .collect::<CoreResult<_>>()?,
                recent: recent
                    .iter()
                    .map(|r| file_row(tx, r))
                    .collect::<CoreResult<_>>()?,
            })
        })
    }

    /// One result file opened: why it waits and what it says (audited `view_held_result`).
    pub fn held_result_file(
        &mut self,
        id: Hl7ImportId,
        now: DateTime<Utc>,
    ) -> CoreResult<HeldResultFile> {
        self.require(Operation::ImportResults, "view_held_result", now)?;
        let zone = practice_zone(self.db)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let row = store::hl7_imports::get(tx, id)?.ok_or_else(|| not_found(id))?;
            let parsed = oru::read(&row.raw_text, zone).ok();
            let mut needs_physician = false;
            let (mrn, family_name, given_name, date_of_birth, sex, orders) = match parsed {
                Some(m) => {
                    // The human must pick a physician when the file names none Charta knows.
                    if row.status == ImportStatus::Held {
                        for o in &m.orders {
                            if super::matching::physician_from_file(tx, o.ordering.as_ref())?
                                .is_none()
                            {
                                needs_physician = true;
                            }
                        }
                    }
                    let orders = m
                        .orders
                        .iter()
                        .map(|o| FileOrder {
                            panel_name: o.panel_name.clone(),
                            panel_code: o.panel_code.clone(),
                            collected_at: o.collected_at,
                            ordering_provider: o
                                .ordering
                                .as_ref()
                                .map(|p| format!("{} {}", p.id, p.name()).trim().to_string()),
                            observations: o
                                .observations
                                .iter()
                                .map(|x| FileObservation {
                                    code: x.code.clone(),
                                    name: x.name.clone(),
                                    value: x.value.clone(),
                                    unit: x.unit.clone(),
                                    range: x.ref_text.clone(),
                                    lab_flag: x.lab_flag.clone(),
                                    status: x.status,
                                })
                                .collect(),
                        })
                        .collect();
                    let p = m.patient;
                    (
                        p.mrn,
                        p.family_name,
                        p.given_name,
                        p.date_of_birth,
                        p.sex,
                        orders,
                    )
                }
                None => (
                    None,
                    String::new(),
                    String::new(),
                    None,
                    String::new(),
                    Vec::new(),
                ),
            };
            let mut event = actor
                .event(now, "view_held_result", Outcome::Ok)
                .entity("hl7_import", id);
            if let Some(p) = row.patient {
                event = event.patient(p);
            }
            audit::append(tx, &event)?;
            Ok(HeldResultFile {
                row: file_row(tx, &row)?,
                mrn,
                family_name,
                given_name,
                date_of_birth,
                sex,
                orders,
                needs_physician,
                raw_text: row.raw_text.clone(),
            })
        })
    }

    /// Refuses a held file with a reason (`ImportResults`; audited `refuse_result_file`). The
    /// file stays readable; nothing is imported from it.
    pub fn refuse_result_file(
        &mut self,
        id: Hl7ImportId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<ResultFileRow> {
        self.require(Operation::ImportResults, "refuse_result_file", now)?;
        let reason = reason.trim();
        if reason.chars().count() < 3 {
            return Err(CoreError::invalid("reason", "Say why the file is refused"));
        }
        if reason.chars().count() > 500 {
            return Err(CoreError::invalid(
                "reason",
                "Keep the reason under 500 characters",
            ));
        }
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let row = store::hl7_imports::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if row.status != ImportStatus::Held {
                return Err(CoreError::invalid(
                    "reason",
                    format!(
                        "This file is already {}; only a held file can be refused",
                        row.status.as_sql()
                    ),
                ));
            }
            store::hl7_imports::set_refused(tx, id, reason, by, now)?;
            let event = actor
                .event(now, "refuse_result_file", Outcome::Ok)
                .entity("hl7_import", id)
                .detail(format!("{}: {reason}", row.file_name));
            audit::append(tx, &event)?;
            let row = store::hl7_imports::get(tx, id)?.ok_or_else(|| not_found(id))?;
            file_row(tx, &row)
        })
    }

    /// The physicians a held file's reports can be given to (no patient data: not audited).
    pub fn results_physicians(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<PhysicianChoice>> {
        self.require(Operation::ImportResults, "view_result_files", now)?;
        let list = self.db.read(store::hl7_imports::physicians)?;
        Ok(list
            .into_iter()
            .map(|(id, name, _)| PhysicianChoice { id, name })
            .collect())
    }

    /// Sets the folder result files are picked up from (`EditPracticeSettings`; "" stops
    /// watching). It must be an existing folder.
    pub fn set_results_folder(
        &mut self,
        path: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Option<String>> {
        self.require(Operation::EditPracticeSettings, "set_results_folder", now)?;
        let path = path.trim();
        if !path.is_empty() {
            let p = std::path::Path::new(path);
            if !p.is_absolute() {
                return Err(CoreError::invalid(
                    "path",
                    "Give the folder's full path (from /)",
                ));
            }
            if !p.is_dir() {
                return Err(CoreError::invalid(
                    "path",
                    "No folder is there; create it first",
                ));
            }
        }
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            store::hl7_imports::set_folder(tx, path, by, now)?;
            let event = actor
                .event(now, "set_results_folder", Outcome::Ok)
                .detail(if path.is_empty() { "no folder" } else { path });
            audit::append(tx, &event)?;
            Ok((!path.is_empty()).then(|| path.to_string()))
        })
    }

    /// The results folder (for whoever imports results or sets it; no patient data).
    pub fn results_folder(&mut self, now: DateTime<Utc>) -> CoreResult<Option<String>> {
        if !self.actor.can(Operation::EditPracticeSettings) {
            self.require(Operation::ImportResults, "view_result_files", now)?;
        }
        Ok(self
            .db
            .read(store::hl7_imports::folder)?
            .filter(|f| !f.is_empty()))
    }
}
