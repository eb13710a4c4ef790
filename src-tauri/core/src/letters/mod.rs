//! Letters and referrals: the practice's templates (referral, work or school note, results
//! letter, generic) whose `{{…}}` fields the chart fills — problems, medications, allergies,
//! recent results — a letter the physician reads, edits and signs, stored in the chart with
//! its PDF copy on the practice letterhead and never rewritten (a wrong one is marked entered
//! in error), and the referral a referral letter makes: tracked sent → appointment made →
//! report received → closed, every change kept, and an overdue one in the physician's inbox.
//! Tables: `migrations/0011_letters/letters.sql`.

pub mod pdf;
pub mod render;
mod types;

pub use types::*;

use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{LetterId, LetterTemplateId, ReferralId};
use crate::medications::print::ops::{full_name, letterhead};
use crate::permissions::Operation;
use crate::practice::practice_today;
use crate::store;
use crate::store::letters::{NewLetter, NewReferral};
use crate::PatientId;
use chrono::{DateTime, Duration, Utc};
use pdf::{letter_pdf, LetterPage};

const MAX_SUBJECT: usize = 200;
const MAX_BODY: usize = 20_000;
const MAX_RECIPIENT: usize = 500;
const MAX_SHORT: usize = 1000;

fn not_found(entity: &'static str, id: impl ToString) -> CoreError {
    CoreError::NotFound {
        entity,
        id: id.to_string(),
    }
}

fn text_errors(errors: &mut Vec<FieldError>, field: &str, text: &str, max: usize, missing: &str) {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(field, missing));
    } else if text.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("Keep it under {max} characters"),
        ));
    }
}

/// A template field left in the text the signer must fill in or remove.
fn unfilled(errors: &mut Vec<FieldError>, field: &str, text: &str) {
    if let Some(start) = text.find("{{") {
        let rest = &text[start..];
        let end = rest.find("}}").map_or(rest.len(), |e| e + 2);
        errors.push(FieldError::new(
            field,
            format!("Fill in or remove {} before signing", &rest[..end]),
        ));
    }
}

/// The fields a template may use.
pub fn letter_fields() -> Vec<LetterField> {
    render::FIELDS
        .iter()
        .map(|(name, meaning)| LetterField {
            name: (*name).to_string(),
            meaning: (*meaning).to_string(),
        })
        .collect()
}

impl AsUser<'_> {
    /// The practice's letter templates (for writing letters or editing the templates).
    pub fn letter_templates(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<LetterTemplate>> {
        if !self.actor.can(Operation::EditTemplates) {
            self.require(Operation::WriteLetters, "view_letter_templates", now)?;
        }
        self.db.read(store::letters::templates)
    }

    /// Saves a template (`EditTemplates`): new under `id`, or the template with that id.
    /// Audited `save_letter_template`.
    pub fn save_letter_template(
        &mut self,
        id: LetterTemplateId,
        draft: &LetterTemplateDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<LetterTemplate> {
        self.require(Operation::EditTemplates, "save_letter_template", now)?;
        let mut errors = Vec::new();
        text_errors(
            &mut errors,
            "name",
            &draft.name,
            120,
            "Give the template a name",
        );
        text_errors(
            &mut errors,
            "subject",
            &draft.subject,
            MAX_SUBJECT,
            "Give it a subject",
        );
        text_errors(
            &mut errors,
            "body",
            &draft.body,
            MAX_BODY,
            "Write the letter's text",
        );
        for (field, text) in [("subject", &draft.subject), ("body", &draft.body)] {
            let unknown = render::unknown_fields(text);
            if !unknown.is_empty() {
                let known: Vec<String> = render::FIELDS
                    .iter()
                    .map(|(n, _)| format!("{{{{{n}}}}}"))
                    .collect();
                errors.push(FieldError::new(
                    field,
                    format!(
                        "Charta does not know {}; use {}",
                        unknown
                            .iter()
                            .map(|u| format!("{{{{{u}}}}}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        known.join(", ")
                    ),
                ));
            }
        }
        let actor = self.actor;
        self.db.write(|tx| {
            if store::letters::template_name_taken(tx, draft.name.trim(), id)? {
                errors.push(FieldError::new("name", "Another template has this name"));
            }
            if !errors.is_empty() {
                return Err(CoreError::Invalid(errors));
            }
            store::letters::save_template(tx, id, draft, actor.user_id(), now)?;
            let event = actor
                .event(now, "save_letter_template", Outcome::Ok)
                .entity("letter_template", id)
                .detail(draft.name.trim());
            audit::append(tx, &event)?;
            store::letters::template(tx, id)?.ok_or_else(|| not_found("letter template", id))
        })
    }

    /// A template filled from the patient's chart, to read and edit before signing
    /// (`WriteLetters`; it reads the chart, so audited `draft_letter`).
    pub fn draft_letter(
        &mut self,
        request: &LetterRequest,
        now: DateTime<Utc>,
    ) -> CoreResult<LetterText> {
        let access = self.require_for_patient(
            Operation::WriteLetters,
            "draft_letter",
            request.patient_id,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let template = store::letters::template(tx, request.template_id)?
                .filter(|t| t.active)
                .ok_or_else(|| {
                    CoreError::invalid(
                        "templateId",
                        "Choose one of the practice's letter templates",
                    )
                })?;
            let patient = store::patients::get(tx, request.patient_id, today)?
                .ok_or_else(|| not_found("patient", request.patient_id))?;
            let facts = render::facts(
                tx,
                &patient,
                actor.display_name(),
                &request.recipient,
                &request.reason,
                today,
                now,
            )?;
            let event = actor
                .event(now, "draft_letter", Outcome::Ok)
                .patient(request.patient_id)
                .entity("letter_template", template.id)
                .emergency(access == Access::Emergency)
                .detail(template.kind.label());
            audit::append(tx, &event)?;
            Ok(LetterText {
                template_id: Some(template.id),
                kind: template.kind,
                recipient: request.recipient.trim().to_string(),
                subject: facts.fill(&template.subject),
                body: facts.fill(&template.body),
            })
        })
    }

    /// Signs a letter (`WriteLetters`): stored in the chart with its PDF copy, and for a
    /// referral letter the referral it makes, in one transaction. Audited `sign_letter`.
    pub fn sign_letter(
        &mut self,
        letter: &LetterToSign,
        id: LetterId,
        referral_id: ReferralId,
        now: DateTime<Utc>,
    ) -> CoreResult<Letter> {
        let access = self.require_for_patient(
            Operation::WriteLetters,
            "sign_letter",
            letter.patient_id,
            now,
        )?;
        let today = practice_today(self.db, now)?;
        let t = &letter.text;
        let mut errors = Vec::new();
        if matches!(t.kind, LetterKind::Referral | LetterKind::Generic)
            || !t.recipient.trim().is_empty()
        {
            text_errors(
                &mut errors,
                "recipient",
                &t.recipient,
                MAX_RECIPIENT,
                "Say whom the letter is to",
            );
        }
        text_errors(
            &mut errors,
            "subject",
            &t.subject,
            MAX_SUBJECT,
            "Give it a subject",
        );
        text_errors(&mut errors, "body", &t.body, MAX_BODY, "Write the letter");
        unfilled(&mut errors, "subject", &t.subject);
        unfilled(&mut errors, "body", &t.body);
        match (&letter.referral, t.kind) {
            (Some(r), LetterKind::Referral) => {
                text_errors(
                    &mut errors,
                    "referral.specialty",
                    &r.specialty,
                    120,
                    "Say which specialty (\"Cardiology\")",
                );
                text_errors(
                    &mut errors,
                    "referral.reason",
                    &r.reason,
                    MAX_SHORT,
                    "Say why the patient is referred",
                );
                if r.expected_by < today {
                    errors.push(FieldError::new(
                        "referral.expectedBy",
                        "The report cannot be expected in the past",
                    ));
                } else if r.expected_by > today + Duration::days(366) {
                    errors.push(FieldError::new(
                        "referral.expectedBy",
                        "Expect the report within a year",
                    ));
                }
            }
            (None, LetterKind::Referral) => errors.push(FieldError::new(
                "referral.specialty",
                "A referral letter needs the specialty, the reason and when the report is expected",
            )),
            (Some(_), _) => errors.push(FieldError::new(
                "kind",
                "Only a referral letter makes a referral",
            )),
            (None, _) => {}
        }
        if !errors.is_empty() {
            return Err(CoreError::Invalid(errors));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            if let Some(template) = t.template_id {
                if store::letters::template(tx, template)?.is_none() {
                    return Err(CoreError::invalid(
                        "templateId",
                        "Choose one of the practice's letter templates",
                    ));
                }
            }
            let patient = store::patients::get(tx, letter.patient_id, today)?
                .ok_or_else(|| not_found("patient", letter.patient_id))?;
            let (practice_name, practice_lines) = letterhead(tx)?;
            let signer = format!("{}, Physician", actor.display_name());
            let patient_name = full_name(&patient);
            let pdf = letter_pdf(&LetterPage {
                letter_id: id.to_string(),
                practice_name: &practice_name,
                practice_lines: &practice_lines,
                date: today,
                recipient: t.recipient.trim(),
                patient_name: &patient_name,
                patient_mrn: patient.mrn,
                patient_date_of_birth: patient.date_of_birth,
                subject: t.subject.trim(),
                body: t.body.trim(),
                signer: &signer,
                signed_at: now,
            });
            store::letters::insert_letter(
                tx,
                &NewLetter {
                    id,
                    patient: letter.patient_id,
                    template: t.template_id,
                    kind: t.kind,
                    recipient: t.recipient.trim(),
                    subject: t.subject.trim(),
                    body: t.body.trim(),
                    by: actor.user_id(),
                    at: now,
                    pdf: &pdf,
                },
            )?;
            if let Some(r) = &letter.referral {
                store::letters::insert_referral(
                    tx,
                    &NewReferral {
                        id: referral_id,
                        patient: letter.patient_id,
                        letter: id,
                        specialty: r.specialty.trim(),
                        referred_to: t.recipient.trim().lines().next().unwrap_or("").trim(),
                        reason: r.reason.trim(),
                        physician: actor.user_id(),
                        expected_by: r.expected_by,
                        at: now,
                    },
                )?;
            }
            let event = actor
                .event(now, "sign_letter", Outcome::Ok)
                .patient(letter.patient_id)
                .entity("letter", id)
                .emergency(access == Access::Emergency)
                .detail(t.kind.label());
            audit::append(tx, &event)?;
            store::letters::letter(tx, id)?.ok_or_else(|| not_found("letter", id))
        })
    }

    /// The patient's signed letters, newest first (`ViewClinical`; audited `view_letters`).
    pub fn patient_letters(
        &mut self,
        patient_id: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Letter>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_letters", patient_id, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let letters = store::letters::letters_of_patient(tx, patient_id)?;
            let event = actor
                .event(now, "view_letters", Outcome::Ok)
                .patient(patient_id)
                .entity("patient", patient_id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(letters)
        })
    }

    /// A signed letter's PDF copy (`ViewClinical`; audited `open_letter`).
    pub fn letter_pdf(&mut self, id: LetterId, now: DateTime<Utc>) -> CoreResult<Vec<u8>> {
        let patient = self
            .db
            .read(|c| store::letters::letter_patient(c, id))?
            .ok_or_else(|| not_found("letter", id))?;
        let access =
            self.require_for_patient(Operation::ViewClinical, "open_letter", patient, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let pdf = store::letters::letter_pdf(tx, id)?.ok_or_else(|| not_found("letter", id))?;
            let event = actor
                .event(now, "open_letter", Outcome::Ok)
                .patient(patient)
                .entity("letter", id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(pdf)
        })
    }

    /// Marks a signed letter entered in error with the reason; it stays readable
    /// (`WriteLetters`; audited `letter_entered_in_error`).
    pub fn letter_entered_in_error(
        &mut self,
        id: LetterId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Letter> {
        let patient = self
            .db
            .read(|c| store::letters::letter_patient(c, id))?
            .ok_or_else(|| not_found("letter", id))?;
        let access = self.require_for_patient(
            Operation::WriteLetters,
            "letter_entered_in_error",
            patient,
            now,
        )?;
        let reason = reason.trim();
        let mut errors = Vec::new();
        text_errors(
            &mut errors,
            "reason",
            reason,
            MAX_SHORT,
            "Say why the letter is in error",
        );
        if !errors.is_empty() {
            return Err(CoreError::Invalid(errors));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::letters::mark_letter_entered_in_error(tx, id, actor.user_id(), now, reason)?
            {
                return Err(CoreError::invalid(
                    "reason",
                    "This letter is already marked entered in error",
                ));
            }
            let event = actor
                .event(now, "letter_entered_in_error", Outcome::Ok)
                .patient(patient)
                .entity("letter", id)
                .emergency(access == Access::Emergency)
                .detail(reason);
            audit::append(tx, &event)?;
            store::letters::letter(tx, id)?.ok_or_else(|| not_found("letter", id))
        })
    }

    /// The patient's referrals with their history (`ViewClinical`; audited `view_referrals`).
    pub fn patient_referrals(
        &mut self,
        patient_id: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Referral>> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_referrals", patient_id, now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let referrals = store::letters::referrals_of_patient(tx, patient_id, today)?;
            let event = actor
                .event(now, "view_referrals", Outcome::Ok)
                .patient(patient_id)
                .entity("patient", patient_id)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(referrals)
        })
    }

    /// Moves a referral on (appointment made, report received with the filed report, closed)
    /// or back; every change is kept (`EditClinical`; audited `update_referral`).
    pub fn update_referral(
        &mut self,
        id: ReferralId,
        update: &ReferralUpdate,
        now: DateTime<Utc>,
    ) -> CoreResult<Referral> {
        let patient = self
            .db
            .read(|c| store::letters::referral_patient(c, id))?
            .ok_or_else(|| not_found("referral", id))?;
        let access =
            self.require_for_patient(Operation::EditClinical, "update_referral", patient, now)?;
        let today = practice_today(self.db, now)?;
        let note = update.note.trim();
        if note.chars().count() > MAX_SHORT {
            return Err(CoreError::invalid(
                "note",
                format!("Keep the note under {MAX_SHORT} characters"),
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            let current = store::letters::referral(tx, id, today)?
                .ok_or_else(|| not_found("referral", id))?;
            if current.status == update.status {
                return Err(CoreError::invalid(
                    "status",
                    format!("The referral is already {}", update.status.label()),
                ));
            }
            if let Some(d) = update.document_id {
                if !store::documents::is_patients(tx, d, patient)? {
                    return Err(CoreError::invalid(
                        "documentId",
                        "Choose a document filed in this patient's chart",
                    ));
                }
            }
            store::letters::add_change(
                tx,
                id,
                update.status,
                note,
                update.document_id,
                actor.user_id(),
                now,
            )?;
            let event = actor
                .event(now, "update_referral", Outcome::Ok)
                .patient(patient)
                .entity("referral", id)
                .emergency(access == Access::Emergency)
                .detail(update.status.label());
            audit::append(tx, &event)?;
            store::letters::referral(tx, id, today)?.ok_or_else(|| not_found("referral", id))
        })
    }
}
