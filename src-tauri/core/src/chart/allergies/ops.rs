//! The allergy operations behind the checked door: record, update, enter in error, list,
//! history, "no known allergies" and the banner's badge.

use super::{
    substance_key, validate, Allergy, AllergyBadge, AllergyChange, AllergyDraft, AllergyList,
    AllergySnapshot, AllergyStatus, AllergyVersion,
};
use crate::access::{Access, AsUser};
use crate::allergens::{self, AllergenHit};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{AllergyId, AllergyStatementId, PatientId, UserId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use crate::store::allergies::{NKA, NKDA};
use chrono::{DateTime, Utc};
use rusqlite::Connection;

fn not_found(id: AllergyId) -> CoreError {
    CoreError::NotFound {
        entity: "allergy",
        id: id.to_string(),
    }
}

/// Refuses a second active allergy to the same substance (coded or the same free text).
fn refuse_duplicate(
    conn: &Connection,
    patient: PatientId,
    s: &AllergySnapshot,
    except: Option<AllergyId>,
) -> CoreResult<()> {
    if s.status != AllergyStatus::Active {
        return Ok(());
    }
    let key = substance_key(s);
    let duplicate = store::allergies::list(conn, patient)?.into_iter().any(|a| {
        Some(a.id) != except
            && a.entered_in_error.is_none()
            && a.fields.status == AllergyStatus::Active
            && substance_key(&a.fields) == key
    });
    if duplicate {
        let field = if s.coded() {
            "substanceCode"
        } else {
            "substance"
        };
        return Err(CoreError::invalid(
            field,
            format!(
                "{} is already recorded as an active allergy; edit that entry instead",
                s.substance
            ),
        ));
    }
    Ok(())
}

/// An active allergy answers "any allergies?": it withdraws "no known allergies", and a drug
/// allergy also "no known drug allergies". Returns how many statements it withdrew.
fn withdraw_contradicted(
    conn: &Connection,
    patient: PatientId,
    s: &AllergySnapshot,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<usize> {
    if s.status != AllergyStatus::Active {
        return Ok(0);
    }
    let kinds: &[&str] = if s.category.is_drug() {
        &[NKA, NKDA]
    } else {
        &[NKA]
    };
    store::allergies::withdraw_statements(conn, patient, kinds, by, now)
}

fn withdrawn_detail(n: usize) -> &'static str {
    if n > 0 {
        "withdrew a no-known-allergies statement"
    } else {
        ""
    }
}

impl AsUser<'_> {
    /// Catalogue substances for the allergy picker. Reference data: checked (clinical users
    /// only) but not audited, since it reads nothing about a patient.
    pub fn allergens_search(
        &mut self,
        query: &str,
        limit: usize,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<AllergenHit>> {
        self.require(Operation::ViewClinical, "search_allergens", now)?;
        Ok(allergens::search(query, limit))
    }

    /// Records a new allergy or intolerance under `id`.
    pub fn record_allergy(
        &mut self,
        patient: PatientId,
        draft: &AllergyDraft,
        id: AllergyId,
        now: DateTime<Utc>,
    ) -> CoreResult<Allergy> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_allergy", patient, now)?;
        let today = practice_today(self.db, now)?;
        let s = validate(draft, today)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            refuse_duplicate(tx, patient, &s, None)?;
            store::allergies::insert(tx, id, patient, &s, by, now)?;
            store::allergies::append_history(tx, id, 1, AllergyChange::Created, &s, by, now, None)?;
            let withdrawn = withdraw_contradicted(tx, patient, &s, by, now)?;
            let event = actor
                .event(now, "record_allergy", Outcome::Ok)
                .patient(patient)
                .entity("allergy", id)
                .emergency(access == Access::Emergency)
                .detail(withdrawn_detail(withdrawn));
            audit::append(tx, &event)?;
            store::allergies::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }

    /// Saves an edited allergy opened at `expected_version`; a conflict if someone saved in
    /// between. The replaced version stays in the history.
    pub fn update_allergy(
        &mut self,
        id: AllergyId,
        expected_version: u32,
        draft: &AllergyDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Allergy> {
        let patient = self.allergy_patient(id)?;
        let access =
            self.require_for_patient(Operation::EditClinical, "update_allergy", patient, now)?;
        let today = practice_today(self.db, now)?;
        let s = validate(draft, today)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let current = store::allergies::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if current.entered_in_error.is_some() {
                return Err(CoreError::invalid(
                    "substance",
                    "This allergy was entered in error and can no longer be edited; record it anew",
                ));
            }
            refuse_duplicate(tx, patient, &s, Some(id))?;
            if !store::allergies::update(tx, id, expected_version, &s, by, now)? {
                return Err(CoreError::Conflict { entity: "allergy" });
            }
            let version = expected_version + 1;
            store::allergies::append_history(
                tx,
                id,
                version,
                AllergyChange::Updated,
                &s,
                by,
                now,
                None,
            )?;
            let withdrawn = withdraw_contradicted(tx, patient, &s, by, now)?;
            let event = actor
                .event(now, "update_allergy", Outcome::Ok)
                .patient(patient)
                .entity("allergy", id)
                .emergency(access == Access::Emergency)
                .detail(format!(
                    "version {expected_version} replaced{}{}",
                    if withdrawn > 0 { "; " } else { "" },
                    withdrawn_detail(withdrawn)
                ));
            audit::append(tx, &event)?;
            store::allergies::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }

    /// Marks an allergy entered in error with the reason; it stays readable, apart from the
    /// patient's allergies.
    pub fn allergy_entered_in_error(
        &mut self,
        id: AllergyId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Allergy> {
        let patient = self.allergy_patient(id)?;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "allergy_entered_in_error",
            patient,
            now,
        )?;
        let why = reason(why, "reason")?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let current = store::allergies::get(tx, id)?.ok_or_else(|| not_found(id))?;
            if !store::allergies::mark_entered_in_error(tx, id, &why, by, now)? {
                return Err(CoreError::invalid(
                    "reason",
                    "This allergy is already marked entered in error",
                ));
            }
            store::allergies::append_history(
                tx,
                id,
                current.version + 1,
                AllergyChange::EnteredInError,
                &current.fields,
                by,
                now,
                Some(&why),
            )?;
            let event = actor
                .event(now, "allergy_entered_in_error", Outcome::Ok)
                .patient(patient)
                .entity("allergy", id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            store::allergies::get(tx, id)?.ok_or_else(|| not_found(id))
        })
    }

    /// The patient's allergies, grouped, with every "no known allergies" statement.
    pub fn allergies(&mut self, patient: PatientId, now: DateTime<Utc>) -> CoreResult<AllergyList> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_allergies", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let mut list = AllergyList {
                state: store::allergies::state(tx, patient)?,
                active: Vec::new(),
                inactive: Vec::new(),
                entered_in_error: Vec::new(),
                statements: store::allergies::statements(tx, patient)?,
            };
            for a in store::allergies::list(tx, patient)? {
                if a.entered_in_error.is_some() {
                    list.entered_in_error.push(a);
                } else if a.fields.status == AllergyStatus::Active {
                    list.active.push(a);
                } else {
                    list.inactive.push(a);
                }
            }
            let event = actor
                .event(now, "view_allergies", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// Every kept version of one allergy, oldest first.
    pub fn allergy_history(
        &mut self,
        id: AllergyId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<AllergyVersion>> {
        let patient = self.allergy_patient(id)?;
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_allergies", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let versions = store::allergies::history(tx, id)?;
            let event = actor
                .event(now, "view_allergies", Outcome::Ok)
                .patient(patient)
                .entity("allergy", id)
                .emergency(access == Access::Emergency)
                .detail("history");
            audit::append(tx, &event)?;
            Ok(versions)
        })
    }

    /// Records "no known drug allergies" (`drugs_only`) or "no known allergies". Refused while
    /// an active allergy of that scope exists; replaces the patient's earlier open statements.
    pub fn record_no_known_allergies(
        &mut self,
        patient: PatientId,
        drugs_only: bool,
        id: AllergyStatementId,
        now: DateTime<Utc>,
    ) -> CoreResult<AllergyList> {
        let access = self.require_for_patient(
            Operation::EditClinical,
            "record_no_known_allergies",
            patient,
            now,
        )?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let contradicting = store::allergies::list(tx, patient)?.into_iter().find(|a| {
                a.entered_in_error.is_none()
                    && a.fields.status == AllergyStatus::Active
                    && (!drugs_only || a.fields.category.is_drug())
            });
            if let Some(a) = contradicting {
                return Err(CoreError::invalid(
                    "noKnownAllergies",
                    format!(
                        "{} is recorded as an active allergy; mark it inactive or entered in error first",
                        a.fields.substance
                    ),
                ));
            }
            store::allergies::withdraw_statements(tx, patient, &[NKA, NKDA], by, now)?;
            store::allergies::insert_statement(tx, id, patient, drugs_only, by, now)?;
            let event = actor
                .event(now, "record_no_known_allergies", Outcome::Ok)
                .patient(patient)
                .entity("allergy_statement", id)
                .emergency(access == Access::Emergency)
                .detail(if drugs_only {
                    "no known drug allergies"
                } else {
                    "no known allergies"
                });
            audit::append(tx, &event)?;
            Ok(())
        })?;
        self.allergies(patient, now)
    }

    /// What the banner's badge shows. A read of the patient's allergies, so it is audited as
    /// `view_allergies` (detail "banner"); one small indexed query.
    pub fn allergy_state(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<AllergyBadge> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_allergies", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let badge = AllergyBadge {
                state: store::allergies::state(tx, patient)?,
                substances: store::allergies::badge_substances(tx, patient)?,
            };
            let event = actor
                .event(now, "view_allergies", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency)
                .detail("banner");
            audit::append(tx, &event)?;
            Ok(badge)
        })
    }

    /// The patient an allergy belongs to (so the door can check that chart).
    fn allergy_patient(&mut self, id: AllergyId) -> CoreResult<PatientId> {
        self.db
            .read(|c| store::allergies::patient_of(c, id))?
            .ok_or_else(|| not_found(id))
    }
}
