//! The history operations behind the checked door: record (a new entry or a new version of
//! one), enter in error, the current histories and every version of one.

use super::{
    validate, FamilyEntry, FamilyHistoryDraft, Histories, HistoryTable, HistoryVersions,
    SocialEntry, SocialHistoryDraft, SocialKind, SurgicalEntry, SurgicalHistoryDraft,
};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common::reason;
use crate::error::{CoreError, CoreResult};
use crate::ids::{HistoryEntryId, PatientId};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use crate::store::histories::NewEntry;
use chrono::{DateTime, Utc};
use rusqlite::Transaction;

fn entity(t: HistoryTable) -> &'static str {
    match t {
        HistoryTable::Social => "social_history",
        HistoryTable::Family => "family_history",
        HistoryTable::Surgical => "surgical_history",
    }
}

fn not_found(t: HistoryTable, id: HistoryEntryId) -> CoreError {
    CoreError::NotFound {
        entity: entity(t),
        id: id.to_string(),
    }
}

/// Supersedes `replaces` (which must be a current entry of this patient); a conflict when
/// someone replaced it or marked it in error since the form was opened.
fn supersede(
    tx: &Transaction<'_>,
    t: HistoryTable,
    patient: PatientId,
    replaces: Option<HistoryEntryId>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let Some(old) = replaces else {
        return Ok(());
    };
    match store::histories::entry_state(tx, t, old)? {
        Some((p, _)) if p != patient => Err(not_found(t, old)),
        None => Err(not_found(t, old)),
        Some(_) => {
            if store::histories::supersede(tx, t, old, now)? {
                Ok(())
            } else {
                Err(CoreError::Conflict {
                    entity: "history entry",
                })
            }
        }
    }
}

impl AsUser<'_> {
    /// Runs one history write and its `record_history` audit row in one transaction.
    fn history_write<T>(
        &mut self,
        access: Access,
        t: HistoryTable,
        new: NewEntry,
        write: impl FnOnce(&Transaction<'_>, &NewEntry) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let actor = self.actor;
        let (patient, id) = (new.patient, new.id);
        let now = new.at;
        self.db.write(|tx| {
            let value = write(tx, &new)?;
            let detail = match new.replaces {
                Some(old) => format!("{}; replaces {old}", entity(t)),
                None => entity(t).to_string(),
            };
            let event = actor
                .event(now, "record_history", Outcome::Ok)
                .patient(patient)
                .entity(entity(t), id)
                .emergency(access == Access::Emergency)
                .detail(detail);
            audit::append(tx, &event)?;
            Ok(value)
        })
    }

    fn new_entry(
        &self,
        patient: PatientId,
        replaces: Option<HistoryEntryId>,
        id: HistoryEntryId,
        now: DateTime<Utc>,
    ) -> NewEntry {
        NewEntry {
            id,
            patient,
            replaces,
            by: self.actor.user_id(),
            at: now,
        }
    }

    /// Records smoking, alcohol, substance use or occupation as of a date. It replaces the
    /// current entry of that kind; `replaces` names the entry the form was opened on (a
    /// conflict if another was recorded since), none for a first entry.
    pub fn record_social_history(
        &mut self,
        patient: PatientId,
        kind: SocialKind,
        draft: &SocialHistoryDraft,
        replaces: Option<HistoryEntryId>,
        id: HistoryEntryId,
        now: DateTime<Utc>,
    ) -> CoreResult<SocialEntry> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_history", patient, now)?;
        let today = practice_today(self.db, now)?;
        let valid = validate::social(kind, draft, today)?;
        let t = HistoryTable::Social;
        let new = self.new_entry(patient, replaces, id, now);
        self.history_write(access, t, new, |tx, new| {
            let current = store::histories::current_social_id(tx, patient, kind)?;
            if current != replaces {
                return Err(CoreError::Conflict {
                    entity: "history entry",
                });
            }
            supersede(tx, t, patient, replaces, now)?;
            store::histories::insert_social(tx, new, kind, &valid)?;
            store::histories::social_versions(tx, id)?
                .into_iter()
                .find(|e| e.meta.id == id)
                .ok_or_else(|| not_found(t, id))
        })
    }

    /// Records a relative's condition, or (with `replaces`) a new version of one.
    pub fn record_family_history(
        &mut self,
        patient: PatientId,
        draft: &FamilyHistoryDraft,
        replaces: Option<HistoryEntryId>,
        id: HistoryEntryId,
        now: DateTime<Utc>,
    ) -> CoreResult<FamilyEntry> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_history", patient, now)?;
        let valid = validate::family(draft)?;
        let t = HistoryTable::Family;
        let new = self.new_entry(patient, replaces, id, now);
        self.history_write(access, t, new, |tx, new| {
            supersede(tx, t, patient, replaces, now)?;
            store::histories::insert_family(tx, new, &valid)?;
            store::histories::family_versions(tx, id)?
                .into_iter()
                .find(|e| e.meta.id == id)
                .ok_or_else(|| not_found(t, id))
        })
    }

    /// Records a past operation, or (with `replaces`) a new version of one.
    pub fn record_surgical_history(
        &mut self,
        patient: PatientId,
        draft: &SurgicalHistoryDraft,
        replaces: Option<HistoryEntryId>,
        id: HistoryEntryId,
        now: DateTime<Utc>,
    ) -> CoreResult<SurgicalEntry> {
        let access =
            self.require_for_patient(Operation::EditClinical, "record_history", patient, now)?;
        let today = practice_today(self.db, now)?;
        let valid = validate::surgical(draft, today)?;
        let t = HistoryTable::Surgical;
        let new = self.new_entry(patient, replaces, id, now);
        self.history_write(access, t, new, |tx, new| {
            supersede(tx, t, patient, replaces, now)?;
            store::histories::insert_surgical(tx, new, &valid)?;
            store::histories::surgical_versions(tx, id)?
                .into_iter()
                .find(|e| e.meta.id == id)
                .ok_or_else(|| not_found(t, id))
        })
    }

    /// Marks a current history entry entered in error, with the reason; it stays readable
    /// among the versions.
    pub fn history_entered_in_error(
        &mut self,
        table: HistoryTable,
        id: HistoryEntryId,
        why: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let (patient, _) = self
            .db
            .read(|c| store::histories::entry_state(c, table, id))?
            .ok_or_else(|| not_found(table, id))?;
        let access = self.require_for_patient(
            Operation::EditClinical,
            "history_entered_in_error",
            patient,
            now,
        )?;
        let why = reason(why, "reason")?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::histories::mark_entered_in_error(tx, table, id, &why, actor.user_id(), now)?
            {
                return Err(CoreError::invalid(
                    "reason",
                    "Only the current version can be marked entered in error (it was replaced or is already marked)",
                ));
            }
            let event = actor
                .event(now, "history_entered_in_error", Outcome::Ok)
                .patient(patient)
                .entity(entity(table), id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(())
        })
    }

    /// The patient's current histories.
    pub fn histories(&mut self, patient: PatientId, now: DateTime<Utc>) -> CoreResult<Histories> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_histories", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let mut h = Histories {
                smoking: None,
                alcohol: None,
                substance: None,
                occupation: None,
                family: store::histories::current_family(tx, patient)?,
                surgical: store::histories::current_surgical(tx, patient)?,
            };
            for e in store::histories::current_social(tx, patient)? {
                let slot = match e.kind {
                    SocialKind::Smoking => &mut h.smoking,
                    SocialKind::Alcohol => &mut h.alcohol,
                    SocialKind::Substance => &mut h.substance,
                    SocialKind::Occupation => &mut h.occupation,
                };
                *slot = Some(e);
            }
            let event = actor
                .event(now, "view_histories", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(h)
        })
    }

    /// Every version of one history entry, newest first: for a social history all its
    /// kind's entries, for family and surgical history the chain the entry belongs to.
    pub fn history_versions(
        &mut self,
        table: HistoryTable,
        id: HistoryEntryId,
        now: DateTime<Utc>,
    ) -> CoreResult<HistoryVersions> {
        let (patient, _) = self
            .db
            .read(|c| store::histories::entry_state(c, table, id))?
            .ok_or_else(|| not_found(table, id))?;
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_histories", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let mut v = HistoryVersions::default();
            match table {
                HistoryTable::Social => v.social = store::histories::social_versions(tx, id)?,
                HistoryTable::Family => v.family = store::histories::family_versions(tx, id)?,
                HistoryTable::Surgical => v.surgical = store::histories::surgical_versions(tx, id)?,
            }
            let event = actor
                .event(now, "view_histories", Outcome::Ok)
                .patient(patient)
                .entity(entity(table), id)
                .emergency(access == Access::Emergency)
                .detail("versions");
            audit::append(tx, &event)?;
            Ok(v)
        })
    }
}
