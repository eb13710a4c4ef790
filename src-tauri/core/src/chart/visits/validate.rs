//! The checks on what a user typed for a visit: the reason, the start time, the note's
//! sections and an amendment's text. Each refusal names its field.

use super::{SoapNote, VisitDraft};
use crate::error::{CoreError, CoreResult, FieldError};
use chrono::{DateTime, Duration, Utc};

pub const MAX_REASON_CHARS: usize = 200;
/// Per section: several pages of typing, far beyond a real note, small enough to stay fast.
pub const MAX_SECTION_CHARS: usize = 20_000;

/// A start request's reason and instant, checked.
pub(crate) struct ValidStart {
    pub reason: String,
    pub started_at: DateTime<Utc>,
}

pub(crate) fn start(draft: &VisitDraft, now: DateTime<Utc>) -> CoreResult<ValidStart> {
    let mut errors = Vec::new();
    let reason = draft.reason.trim().to_string();
    if reason.is_empty() {
        errors.push(FieldError::new("reason", "Say why the patient is seen"));
    } else if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(FieldError::new(
            "reason",
            format!("Keep the reason under {MAX_REASON_CHARS} characters; the note holds the rest"),
        ));
    }
    let started_at = draft.started_at.unwrap_or(now);
    if started_at > now + Duration::days(1) {
        errors.push(FieldError::new(
            "startedAt",
            "A visit cannot start more than a day from now",
        ));
    }
    if errors.is_empty() {
        Ok(ValidStart { reason, started_at })
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// Every section within [`MAX_SECTION_CHARS`]; the text is kept as typed (a draft is what
/// the user sees, spaces included).
pub(crate) fn note(note: &SoapNote) -> CoreResult<()> {
    let sections = [
        ("subjective", &note.subjective),
        ("objective", &note.objective),
        ("assessment", &note.assessment),
        ("plan", &note.plan),
    ];
    let errors: Vec<FieldError> = sections
        .iter()
        .filter(|(_, text)| text.chars().count() > MAX_SECTION_CHARS)
        .map(|(field, _)| {
            FieldError::new(
                *field,
                format!("This section is longer than {MAX_SECTION_CHARS} characters; shorten it"),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

/// An amendment's text: required, trimmed, within a section's length.
pub(crate) fn amendment_text(text: &str) -> CoreResult<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(CoreError::invalid("text", "Write the amendment"));
    }
    if t.chars().count() > MAX_SECTION_CHARS {
        return Err(CoreError::invalid(
            "text",
            format!("Keep the amendment under {MAX_SECTION_CHARS} characters"),
        ));
    }
    Ok(t.to_string())
}
