//! Starting a visit, reading visits, saving drafts, signing, amending and marking a visit
//! entered in error — each through the checked door, each audited with its effect.

use super::summary::not_found;
use super::{validate, DraftSaved, SoapNote, Visit, VisitDraft, VisitSummary};
use crate::access::{Access, Actor, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::common;
use crate::error::{CoreError, CoreResult};
use crate::ids::{AmendmentId, PatientId, UserId, VisitId};
use crate::permissions::{Operation, Role};
use crate::store;
use crate::store::visits::{NewVisit, VisitState};
use chrono::{DateTime, Utc};

const LOCKED: &str = "This note is signed and locked; add an amendment to correct it";
const IN_ERROR: &str = "This visit was marked entered in error; it is kept as it was";

impl AsUser<'_> {
    /// Starts a visit under `id`. The provider is the actor when not given and the actor is a
    /// physician; with a template the note starts from the template's text.
    pub fn start_visit(
        &mut self,
        patient: PatientId,
        draft: &VisitDraft,
        id: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<Visit> {
        let access =
            self.require_for_patient(Operation::EditClinical, "start_visit", patient, now)?;
        let actor = self.actor;
        self.db
            .write(|tx| write_started_visit(tx, actor, access, patient, draft, id, now))
    }

    /// The patient's visits, newest first; the read is audited.
    pub fn visits(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<VisitSummary>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_visits", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let list = store::visits::list(tx, patient)?;
            let event = actor
                .event(now, "view_visits", Outcome::Ok)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(list)
        })
    }

    /// One visit with its note and amendments; the read is audited.
    pub fn visit(&mut self, visit: VisitId, now: DateTime<Utc>) -> CoreResult<Visit> {
        let (state, access) = self.open_visit(Operation::ViewClinical, "view_visit", visit, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let v = store::visits::get(tx, visit)?.ok_or_else(|| not_found(visit))?;
            let event = actor
                .event(now, "view_visit", Outcome::Ok)
                .entity("visit", visit)
                .patient(state.patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(v)
        })
    }

    /// Saves the draft note if nobody saved since `expected_draft_version` (else a conflict,
    /// nothing written). A signed note is refused: it is corrected by amendment.
    pub fn save_draft(
        &mut self,
        visit: VisitId,
        expected_draft_version: u32,
        note: &SoapNote,
        now: DateTime<Utc>,
    ) -> CoreResult<DraftSaved> {
        let (state, access) = self.open_visit(Operation::EditClinical, "save_draft", visit, now)?;
        refuse_closed(&state)?;
        validate::note(note)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let by = actor.user_id();
            if !store::visits::save_draft(tx, visit, expected_draft_version, note, by, now)? {
                return Err(why_not_written(tx, visit)?);
            }
            let event = actor
                .event(now, "save_draft", Outcome::Ok)
                .entity("visit", visit)
                .patient(state.patient)
                .emergency(access == Access::Emergency)
                .detail(format!("version {}", expected_draft_version + 1));
            audit::append(tx, &event)?;
            Ok(DraftSaved {
                draft_version: expected_draft_version + 1,
                saved_at: now,
            })
        })
    }

    /// Signs the note as it stands at `expected_draft_version`; from then on it is frozen. A
    /// physician signing a nurse's draft is the co-signature.
    pub fn sign_note(
        &mut self,
        visit: VisitId,
        expected_draft_version: u32,
        now: DateTime<Utc>,
    ) -> CoreResult<Visit> {
        let (state, access) = self.open_visit(Operation::SignNote, "sign_note", visit, now)?;
        if state.signed {
            return Err(CoreError::invalid("note", "This note is already signed"));
        }
        refuse_closed(&state)?;
        if state.draft_version != expected_draft_version {
            return Err(CoreError::Conflict {
                entity: "visit note",
            });
        }
        if state.note_empty {
            return Err(CoreError::invalid(
                "note",
                "Nothing to sign: all four sections are empty",
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::visits::sign(tx, visit, expected_draft_version, actor.user_id(), now)? {
                return Err(why_not_written(tx, visit)?);
            }
            let event = actor
                .event(now, "sign_note", Outcome::Ok)
                .entity("visit", visit)
                .patient(state.patient)
                .emergency(access == Access::Emergency)
                .detail(format!("version {expected_draft_version}"));
            audit::append(tx, &event)?;
            store::visits::get(tx, visit)?.ok_or_else(|| not_found(visit))
        })
    }

    /// Adds an amendment under a signed note; the original stays as signed.
    pub fn amend_note(
        &mut self,
        visit: VisitId,
        reason: &str,
        text: &str,
        id: AmendmentId,
        now: DateTime<Utc>,
    ) -> CoreResult<Visit> {
        let (state, access) = self.open_visit(Operation::EditClinical, "amend_note", visit, now)?;
        if state.in_error {
            return Err(CoreError::invalid("note", IN_ERROR));
        }
        if !state.signed {
            return Err(CoreError::invalid(
                "note",
                "Only a signed note takes amendments; edit the draft instead",
            ));
        }
        let reason = common::reason(reason, "reason");
        let text = validate::amendment_text(text);
        let (reason, text) = match (reason, text) {
            (Ok(r), Ok(t)) => (r, t),
            (r, t) => {
                let errors = [r.err(), t.err()]
                    .into_iter()
                    .flatten()
                    .flat_map(|e| e.field_errors().to_vec())
                    .collect();
                return Err(CoreError::Invalid(errors));
            }
        };
        let actor = self.actor;
        self.db.write(|tx| {
            store::visits::add_amendment(tx, id, visit, actor.user_id(), now, &reason, &text)?;
            let event = actor
                .event(now, "amend_note", Outcome::Ok)
                .entity("visit", visit)
                .patient(state.patient)
                .emergency(access == Access::Emergency)
                .detail(format!("amendment {id}"));
            audit::append(tx, &event)?;
            store::visits::get(tx, visit)?.ok_or_else(|| not_found(visit))
        })
    }

    /// Marks a visit entered in error with the reason; it stays readable. A signed note needs
    /// a physician (the signature's authority), a draft anyone who may chart.
    pub fn visit_entered_in_error(
        &mut self,
        visit: VisitId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Visit> {
        let signed = self
            .db
            .read(|c| store::visits::state(c, visit))?
            .is_some_and(|s| s.signed);
        let operation = if signed {
            Operation::SignNote
        } else {
            Operation::EditClinical
        };
        let (state, access) = self.open_visit(operation, "visit_entered_in_error", visit, now)?;
        if state.in_error {
            return Err(CoreError::invalid(
                "reason",
                "This visit is already marked entered in error",
            ));
        }
        let reason = common::reason(reason, "reason")?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::visits::mark_in_error(tx, visit, actor.user_id(), now, &reason)? {
                return Err(CoreError::Conflict { entity: "visit" });
            }
            let event = actor
                .event(now, "visit_entered_in_error", Outcome::Ok)
                .entity("visit", visit)
                .patient(state.patient)
                .emergency(access == Access::Emergency)
                .detail(&reason);
            audit::append(tx, &event)?;
            store::visits::get(tx, visit)?.ok_or_else(|| not_found(visit))
        })
    }

    /// The door for one visit: the permission (a denial audited with the patient), the
    /// restricted-chart check, and where the visit stands.
    pub(super) fn open_visit(
        &mut self,
        operation: Operation,
        action: &str,
        visit: VisitId,
        now: DateTime<Utc>,
    ) -> CoreResult<(VisitState, Access)> {
        let Some(state) = self.db.read(|c| store::visits::state(c, visit))? else {
            // Someone without the right learns nothing, not even that the id is unknown.
            self.require(operation, action, now)?;
            return Err(not_found(visit));
        };
        let access = self.require_for_patient(operation, action, state.patient, now)?;
        Ok((state, access))
    }
}

fn refuse_closed(state: &VisitState) -> CoreResult<()> {
    if state.in_error {
        return Err(CoreError::invalid("note", IN_ERROR));
    }
    if state.signed {
        return Err(CoreError::invalid("note", LOCKED));
    }
    Ok(())
}

/// Why a guarded UPDATE changed nothing: signed or marked in between, else a newer draft.
fn why_not_written(conn: &rusqlite::Connection, visit: VisitId) -> CoreResult<CoreError> {
    let state = store::visits::state(conn, visit)?.ok_or_else(|| not_found(visit))?;
    Ok(match refuse_closed(&state) {
        Err(e) => e,
        Ok(()) => CoreError::Conflict {
            entity: "visit note",
        },
    })
}

fn is_active_physician(conn: &rusqlite::Connection, user: UserId) -> CoreResult<bool> {
    Ok(store::users::get(conn, user)?
        .is_some_and(|u| u.active && u.roles.contains(&Role::Physician)))
}

/// The write of [`AsUser::start_visit`] inside the caller's transaction (after its door), so
/// that starting a visit from an appointment links both in one transaction.
pub(crate) fn write_started_visit(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    access: Access,
    patient: PatientId,
    draft: &VisitDraft,
    id: VisitId,
    now: DateTime<Utc>,
) -> CoreResult<Visit> {
    let valid = validate::start(draft, now)?;
    let provider = match draft.provider_id {
        Some(p) => p,
        None if actor.roles().contains(&Role::Physician) => actor.user_id(),
        None => {
            return Err(CoreError::invalid(
                "providerId",
                "Choose the physician responsible for this visit",
            ))
        }
    };
    if !is_active_physician(tx, provider)? {
        return Err(CoreError::invalid(
            "providerId",
            "The provider must be an active physician of the practice",
        ));
    }
    let note = match draft.template_id {
        None => SoapNote::default(),
        Some(t) => match store::visits::template_start(tx, t)? {
            Some((kind, false, note)) if kind == draft.visit_type => note,
            Some((_, false, _)) => {
                return Err(CoreError::invalid(
                    "templateId",
                    "This template is for another type of visit",
                ))
            }
            Some((_, true, _)) | None => {
                return Err(CoreError::invalid(
                    "templateId",
                    "This template is retired or gone; choose another",
                ))
            }
        },
    };
    store::visits::insert(
        tx,
        &NewVisit {
            id,
            patient,
            provider,
            started_at: valid.started_at,
            visit_type: draft.visit_type,
            reason: &valid.reason,
            template: draft.template_id,
            note: &note,
            created_at: now,
            created_by: actor.user_id(),
        },
    )?;
    let event = actor
        .event(now, "start_visit", Outcome::Ok)
        .entity("visit", id)
        .patient(patient)
        .emergency(access == Access::Emergency)
        .detail(draft.visit_type.as_str());
    audit::append(tx, &event)?;
    store::visits::get(tx, id)?.ok_or_else(|| not_found(id))
}
