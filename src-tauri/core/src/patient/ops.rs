//! Registering, opening and editing patients, with the duplicate check.

use super::{shown_detail, validate_draft, Patient, PatientDraft, PatientSummary, ValidPatient};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::permissions::{allows, roles_allowed, Operation};
use crate::practice::practice_today;
use crate::store;
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum DuplicateReason {
    SameFamilyNameAndBirthDate,
    SamePhone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateCandidate {
    pub patient: PatientSummary,
    pub reasons: Vec<DuplicateReason>,
}

/// The answer to a registration: either the new patient, or the people it may duplicate
/// (nothing was saved; submit again with `allow_duplicates` to register anyway).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "outcome")]
pub enum RegisterOutcome {
    Registered { patient: Box<Patient> },
    PossibleDuplicates { candidates: Vec<DuplicateCandidate> },
}

impl AsUser<'_> {
    /// Registers a new patient under `id`. Unless `allow_duplicates`, first looks for people
    /// already registered with the same family name and birth date or a shared phone, and
    /// answers with them instead of saving.
    pub fn register_patient(
        &mut self,
        draft: &PatientDraft,
        allow_duplicates: bool,
        id: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<RegisterOutcome> {
        self.require(Operation::RegisterPatient, "register_patient", now)?;
        let today = practice_today(self.db, now)?;
        let valid = validate_draft(draft, today)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !allow_duplicates {
                let candidates = duplicates(tx, &valid, None, today)?;
                if !candidates.is_empty() {
                    // Showing other people's charts is a read of them: the row names each.
                    let shown: Vec<PatientId> = candidates.iter().map(|c| c.patient.id).collect();
                    let event = actor
                        .event(now, "duplicate_check", Outcome::Ok)
                        .detail(shown_detail(&shown));
                    audit::append(tx, &event)?;
                    return Ok(RegisterOutcome::PossibleDuplicates { candidates });
                }
            }
            let mrn = store::patients::next_mrn(tx)?;
            store::patients::insert(tx, id, mrn, &valid, now)?;
            let patient = store::patients::get(tx, id, today)?.ok_or_else(|| {
                CoreError::Corrupt("a patient just registered could not be read back".into())
            })?;
            let detail = if allow_duplicates {
                "registered despite possible duplicates"
            } else {
                ""
            };
            let event = actor
                .event(now, "register_patient", Outcome::Ok)
                .entity("patient", id)
                .patient(id)
                .detail(detail);
            audit::append(tx, &event)?;
            Ok(RegisterOutcome::Registered {
                patient: Box::new(patient),
            })
        })
    }

    /// The patient's whole record; the read is audited.
    pub fn patient(&mut self, id: PatientId, now: DateTime<Utc>) -> CoreResult<Patient> {
        let access =
            self.require_for_patient(Operation::ViewDemographics, "view_patient", id, now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let patient =
                store::patients::get(tx, id, today)?.ok_or_else(|| CoreError::NotFound {
                    entity: "patient",
                    id: id.to_string(),
                })?;
            let event = actor
                .event(now, "view_patient", Outcome::Ok)
                .entity("patient", id)
                .patient(id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(patient)
        })
    }

    /// Saves edited demographics. `expected_version` is the version the form was opened at;
    /// if someone saved in between, nothing is written and the answer is a conflict. The
    /// replaced version is kept.
    pub fn update_patient(
        &mut self,
        id: PatientId,
        expected_version: u32,
        draft: &PatientDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Patient> {
        let access =
            self.require_for_patient(Operation::EditDemographics, "update_patient", id, now)?;
        let today = practice_today(self.db, now)?;
        let valid = validate_draft(draft, today)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::patients::update(tx, id, expected_version, &valid, now)? {
                return Err(CoreError::Conflict { entity: "patient" });
            }
            let event = actor
                .event(now, "update_patient", Outcome::Ok)
                .entity("patient", id)
                .patient(id)
                .emergency(access == Access::Emergency)
                .detail(format!("version {} replaced", expected_version));
            audit::append(tx, &event)?;
            store::patients::get(tx, id, today)?.ok_or_else(|| CoreError::NotFound {
                entity: "patient",
                id: id.to_string(),
            })
        })
    }

    /// Marks a chart restricted (or not): a restricted chart opens only through emergency access.
    /// Changing the flag of a chart that is already restricted needs that emergency access
    /// too; otherwise lifting it would make every later read of the chart an ordinary one.
    pub fn set_restricted(
        &mut self,
        id: PatientId,
        restricted: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let access =
            match self.require_for_patient(Operation::RestrictChart, "restrict_chart", id, now) {
                // The usual answer tells the user to open emergency access, which this user
                // cannot: say who can.
                Err(CoreError::Restricted(_)) if !self.actor.can(Operation::EmergencyAccess) => {
                    return Err(CoreError::Restricted(format!(
                        "This chart is restricted; changing that needs emergency access to it, \
                     which only a {} can open",
                        who_may_lift_a_restriction()
                    )));
                }
                other => other?,
            };
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::patients::set_restricted(tx, id, restricted)? {
                return Err(CoreError::NotFound {
                    entity: "patient",
                    id: id.to_string(),
                });
            }
            let detail = if restricted {
                "restricted"
            } else {
                "unrestricted"
            };
            let event = actor
                .event(now, "restrict_chart", Outcome::Ok)
                .entity("patient", id)
                .patient(id)
                .emergency(access == Access::Emergency)
                .detail(detail);
            audit::append(tx, &event).map(|_| ())
        })
    }

    /// Earlier versions of a patient's demographics, oldest first, as (version, JSON, replaced at).
    pub fn patient_revisions(
        &mut self,
        id: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<(u32, String, String)>> {
        let access =
            self.require_for_patient(Operation::ViewDemographics, "view_patient_history", id, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let event = actor
                .event(now, "view_patient_history", Outcome::Ok)
                .patient(id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            store::patients::revisions(tx, id)
        })
    }
}

/// The roles that may both restrict charts and open emergency access, as words.
fn who_may_lift_a_restriction() -> String {
    let labels: Vec<&str> = roles_allowed(Operation::RestrictChart)
        .into_iter()
        .filter(|r| allows(*r, Operation::EmergencyAccess))
        .map(|r| r.label())
        .collect();
    labels.join(" or ")
}

impl ChartDb {
    /// How many patients are registered: the register's size, shown in the app's info; no
    /// one patient's data, so it needs no permission or audit row.
    pub fn patient_count(&self) -> CoreResult<u64> {
        self.read(store::patients::count)
    }
}

pub(crate) fn duplicates(
    conn: &Connection,
    valid: &ValidPatient,
    except: Option<PatientId>,
    today: NaiveDate,
) -> CoreResult<Vec<DuplicateCandidate>> {
    let phone_keys: Vec<String> = valid
        .phones
        .iter()
        .map(|p| text::phone_key(&p.number))
        .collect();
    let found = store::patients::possible_duplicates(
        conn,
        &valid.family_name,
        valid.date_of_birth,
        &phone_keys,
        except,
        today,
    )?;
    Ok(found
        .into_iter()
        .map(|(patient, same_name, same_phone)| {
            let mut reasons = Vec::new();
            if same_name {
                reasons.push(DuplicateReason::SameFamilyNameAndBirthDate);
            }
            if same_phone {
                reasons.push(DuplicateReason::SamePhone);
            }
            DuplicateCandidate { patient, reasons }
        })
        .collect())
}
