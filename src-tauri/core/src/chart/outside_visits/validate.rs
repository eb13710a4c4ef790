//! The checks an outside visit passes before an import files it: a start that is not in the
//! future, an end not before the start, and text within bounds (another system's record is
//! taken as it was written, not judged by Charta's own visit forms).

use super::OutsideVisitDraft;
use crate::error::{CoreError, CoreResult, FieldError};
use chrono::{DateTime, Duration, Utc};

/// The longest type, reason, clinician or place a visit may carry.
pub const MAX_LINE_CHARS: usize = 2_000;
/// The longest note (all of a visit's notes together).
pub const MAX_NOTE_CHARS: usize = 500_000;

/// Clocks disagree: a visit starting a few minutes "after" now is not the future.
const CLOCK_SLACK: Duration = Duration::minutes(5);

pub(crate) fn draft(d: &OutsideVisitDraft, now: DateTime<Utc>) -> CoreResult<()> {
    let mut errors = Vec::new();
    if d.started_at > now + CLOCK_SLACK {
        errors.push(FieldError::new(
            "startedAt",
            "This visit starts in the future; an outside visit is one that took place",
        ));
    }
    if d.ended_at.is_some_and(|end| end < d.started_at) {
        errors.push(FieldError::new(
            "endedAt",
            "The visit ends before it starts",
        ));
    }
    for (field, text) in [
        ("visitType", &d.visit_type),
        ("reason", &d.reason),
        ("clinician", &d.clinician),
        ("place", &d.place),
        ("source", &d.source),
    ] {
        if text.chars().count() > MAX_LINE_CHARS {
            errors.push(FieldError::new(
                field,
                format!("Keep this under {MAX_LINE_CHARS} characters"),
            ));
        }
    }
    if d.note.chars().count() > MAX_NOTE_CHARS {
        errors.push(FieldError::new(
            "note",
            format!("The visit's notes are over {MAX_NOTE_CHARS} characters"),
        ));
    }
    for (i, dx) in d.diagnoses.iter().enumerate() {
        let blank = dx.description.trim().is_empty();
        if blank || dx.description.chars().count() > MAX_LINE_CHARS {
            errors.push(FieldError::new(
                format!("diagnoses[{i}]"),
                "A diagnosis needs its name (under 2,000 characters)",
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CoreError::Invalid(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::outside_visits::{OutsideDiagnosisDraft, VisitClass};
    use chrono::TimeZone;

    fn visit() -> OutsideVisitDraft {
        OutsideVisitDraft {
            started_at: Utc.with_ymd_and_hms(2020, 5, 1, 9, 0, 0).unwrap(),
            ended_at: None,
            visit_class: VisitClass::Ambulatory,
            visit_type: "Check-up".into(),
            reason: String::new(),
            clinician: String::new(),
            place: String::new(),
            note: String::new(),
            source: "urn:x|1".into(),
            diagnoses: vec![OutsideDiagnosisDraft {
                code_system: None,
                code: None,
                description: "Cough".into(),
            }],
        }
    }

    fn fields(d: &OutsideVisitDraft) -> Vec<String> {
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        match draft(d, now) {
            Ok(()) => Vec::new(),
            Err(e) => e.field_errors().iter().map(|e| e.field.clone()).collect(),
        }
    }

    #[test]
    fn a_past_visit_passes_and_future_or_backwards_ones_do_not() {
        assert!(fields(&visit()).is_empty());
        let mut later = visit();
        later.started_at = Utc.with_ymd_and_hms(2027, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(fields(&later), ["startedAt"]);
        let mut backwards = visit();
        backwards.ended_at = Some(Utc.with_ymd_and_hms(2020, 4, 30, 9, 0, 0).unwrap());
        assert_eq!(fields(&backwards), ["endedAt"]);
        let mut unnamed = visit();
        unnamed.diagnoses[0].description = " ".into();
        assert_eq!(fields(&unnamed), ["diagnoses[0]"]);
    }
}
