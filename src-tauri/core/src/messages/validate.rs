//! A new message checked field by field before anything is written: the recipient exists and
//! may read it (clinical content never goes to a role that may not see it), the patient and
//! medication are real and belong together, phone notes say who called and the number, and
//! the texts have sensible lengths.

use super::{MessageDraft, MessageKind, Recipient};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::permissions::{allows, Operation};
use crate::store;
use chrono::NaiveDate;
use rusqlite::Connection;

const MAX_SUBJECT: usize = 200;
const MAX_BODY: usize = 5000;
const MAX_CALLER: usize = 120;

/// The draft's texts, trimmed.
pub(super) struct Checked {
    pub subject: String,
    pub body: String,
    pub caller: Option<String>,
    pub callback_number: Option<String>,
}

/// A body trimmed and within bounds; `required` for a reply.
pub(super) fn checked_body(body: &str, required: bool) -> CoreResult<String> {
    let body = body.trim();
    if required && body.is_empty() {
        return Err(CoreError::invalid("body", "Write the reply"));
    }
    if body.chars().count() > MAX_BODY {
        return Err(CoreError::invalid(
            "body",
            format!("Keep the message under {MAX_BODY} characters"),
        ));
    }
    Ok(body.to_string())
}

/// Refuses clinical content for a recipient whose roles may not view the clinical record.
pub(super) fn recipient_may_read_clinical(conn: &Connection, to: Recipient) -> CoreResult<()> {
    let may = match to {
        Recipient::Role { role } => allows(role, Operation::ViewClinical),
        Recipient::User { id } => store::messages::active_user_roles(conn, id)?
            .is_some_and(|roles| roles.iter().any(|r| allows(*r, Operation::ViewClinical))),
    };
    if may {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "clinical",
            "The recipient may not read clinical content: send it to a nurse or physician, or leave clinical details out",
        ))
    }
}

fn digits(text: &str) -> usize {
    text.chars().filter(char::is_ascii_digit).count()
}

pub(super) fn checked_draft(
    conn: &Connection,
    draft: &MessageDraft,
    today: NaiveDate,
) -> CoreResult<Checked> {
    let mut errors = Vec::new();
    match draft.to {
        Recipient::User { id } => match store::messages::active_user_roles(conn, id)? {
            None => errors.push(FieldError::new(
                "to",
                "Choose an active user of the practice",
            )),
            Some(roles) if !roles.iter().any(|r| allows(*r, Operation::SendMessages)) => errors
                .push(FieldError::new(
                    "to",
                    "This user does not read practice messages",
                )),
            Some(_) => {}
        },
        Recipient::Role { role } if !allows(role, Operation::SendMessages) => errors.push(
            FieldError::new("to", "This role does not read practice messages"),
        ),
        Recipient::Role { .. } => {}
    }
    if draft.clinical && errors.is_empty() {
        if let Err(CoreError::Invalid(e)) = recipient_may_read_clinical(conn, draft.to) {
            errors.extend(e);
        }
    }
    if let Some(p) = draft.patient_id {
        if !store::messages::patient_exists(conn, p)? {
            errors.push(FieldError::new("patientId", "Choose a registered patient"));
        }
    }
    let subject = draft.subject.trim().to_string();
    if subject.is_empty() {
        errors.push(FieldError::new("subject", "Give it a subject"));
    } else if subject.chars().count() > MAX_SUBJECT {
        errors.push(FieldError::new(
            "subject",
            format!("Keep the subject under {MAX_SUBJECT} characters"),
        ));
    }
    let body = match checked_body(&draft.body, false) {
        Ok(b) => b,
        Err(CoreError::Invalid(e)) => {
            errors.extend(e);
            String::new()
        }
        Err(e) => return Err(e),
    };
    if draft.due_on.is_some_and(|d| d < today) {
        errors.push(FieldError::new("dueOn", "The due date has passed"));
    }
    let caller = draft.caller.trim();
    let callback = draft.callback_number.trim();
    if draft.kind == MessageKind::PhoneNote {
        if caller.is_empty() {
            errors.push(FieldError::new("caller", "Say who called"));
        }
        if !(7..=15).contains(&digits(callback)) {
            errors.push(FieldError::new(
                "callbackNumber",
                "Give the number to call back (7 to 15 digits)",
            ));
        }
    }
    if caller.chars().count() > MAX_CALLER {
        errors.push(FieldError::new(
            "caller",
            format!("Keep the caller under {MAX_CALLER} characters"),
        ));
    }
    if !callback.is_empty() && callback.chars().count() > 30 {
        errors.push(FieldError::new(
            "callbackNumber",
            "That is not a phone number",
        ));
    }
    match (draft.kind, draft.medication_id) {
        (MessageKind::RefillRequest, None) => errors.push(FieldError::new(
            "medicationId",
            "Choose the medication the patient asks to refill",
        )),
        (MessageKind::RefillRequest, Some(m)) => {
            let owner = store::messages::medication_patient(conn, m)?;
            if draft.patient_id.is_none() {
                errors.push(FieldError::new(
                    "patientId",
                    "A refill request is about a patient",
                ));
            } else if owner != draft.patient_id {
                errors.push(FieldError::new(
                    "medicationId",
                    "Choose one of this patient's medications",
                ));
            }
        }
        (_, Some(_)) => errors.push(FieldError::new(
            "medicationId",
            "Only a refill request names a medication",
        )),
        (_, None) => {}
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(Checked {
        subject,
        body,
        caller: (!caller.is_empty()).then(|| caller.to_string()),
        callback_number: (!callback.is_empty()).then(|| callback.to_string()),
    })
}
