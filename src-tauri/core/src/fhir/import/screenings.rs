//! Screening Procedures as the reminders' screening procedures, through the procedure form's
//! own checks: Charta's own export (category SNOMED CT 20135006 with its `screening`
//! extension: the kind, place, score, facility and result note as it wrote them) and other
//! systems' (Synthea's) by the SNOMED CT code of what was done, recorded as done outside.

use super::clinical::Mapped;
use super::fields::Fields;
use super::histories::SURGICAL;
use crate::fhir::{EXTENSION_BASE, SNOMED};
use crate::reminders::{ProcedurePlace, ScreeningProcedureDraft, ScreeningProcedureKind};
use serde_json::Value;

/// SNOMED CT "Screening procedure", the category Charta's export gives its screenings.
const SCREENING: &str = "20135006";

/// What another system did, by SNOMED CT code, where the code means exactly a screening the
/// reminders count (a code that only may be one, like a depression screening without its
/// score, stays in the document).
const BY_CODE: [(&str, ScreeningProcedureKind); 5] = [
    ("73761001", ScreeningProcedureKind::Colonoscopy),
    // Mammography; screening mammography.
    ("71651007", ScreeningProcedureKind::Mammogram),
    ("24623002", ScreeningProcedureKind::Mammogram),
    // Cytopathology, smear of genital source: Synthea's Pap smear.
    ("90226004", ScreeningProcedureKind::CervicalCytology),
    // Bone density scan.
    ("312681000", ScreeningProcedureKind::Dexa),
];

/// Procedure.status (R4).
const STATUSES: [&str; 8] = [
    "preparation",
    "in-progress",
    "not-done",
    "on-hold",
    "stopped",
    "completed",
    "entered-in-error",
    "unknown",
];

/// The (system, code) pairs of a concept, read without judging its shape: this only decides
/// whether the resource is a screening, and the mapping that takes it says what is wrong.
fn codes<'a>(f: &Fields<'a>, path: &str) -> Vec<(&'a str, &'a str)> {
    f.at(path)
        .and_then(|c| c.get("coding"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|c| {
            let text = |key: &str| c.get(key).and_then(Value::as_str).map(str::trim);
            Some((text("system")?, text("code")?))
        })
        .collect()
}

/// Charta's extension `name`, with its place in `extension` (for an issue's path).
fn extension<'a>(f: &Fields<'a>, name: &str) -> Option<(usize, &'a Value)> {
    let url = format!("{EXTENSION_BASE}/{name}");
    f.at("extension")?
        .as_array()?
        .iter()
        .enumerate()
        .find(|(_, e)| e.get("url").and_then(Value::as_str) == Some(url.as_str()))
}

/// The result note Charta's export folded into `outcome.text` ("score 7; note", "score 7",
/// or the note), unfolded so that the chart's next export writes the same text.
fn result_note(outcome: &str, score: Option<&str>) -> String {
    let Some(score) = score else {
        return outcome.to_string();
    };
    match outcome.strip_prefix(&format!("score {score}")) {
        Some("") => String::new(),
        Some(rest) => rest
            .strip_prefix("; ")
            .map_or_else(|| outcome.to_string(), str::to_string),
        None => outcome.to_string(),
    }
}

/// What Charta's export says in its extensions: the kind (none: one this build does not
/// record), where, and the PHQ-9 score. An issue is recorded for a malformed value.
struct Written {
    kind: Option<ScreeningProcedureKind>,
    place: ProcedurePlace,
    score: Option<String>,
}

fn written(f: &mut Fields<'_>, at: usize, screening: &Value) -> Option<Written> {
    let Some(code) = screening.get("valueCode").and_then(Value::as_str) else {
        f.issue(
            &format!("extension[{at}].valueCode"),
            "must be a code (a string)",
        );
        return None;
    };
    let kind = ScreeningProcedureKind::parse(code.trim());
    // Recorded by Charta, so it says where; a record that does not is not claimed as ours.
    let place = match extension(f, "place") {
        None => ProcedurePlace::Outside,
        Some((i, e)) => match e.get("valueCode").and_then(Value::as_str) {
            Some("here") => ProcedurePlace::Here,
            Some("outside") => ProcedurePlace::Outside,
            other => {
                let found = other.map_or_else(|| "a value".to_string(), |o| format!("\"{o}\""));
                f.issue(
                    &format!("extension[{i}].valueCode"),
                    format!("{found} is not one of here, outside"),
                );
                return None;
            }
        },
    };
    let score = match extension(f, "score") {
        None => None,
        Some((i, e)) => match e.get("valueInteger") {
            Some(Value::Number(n)) if n.is_i64() => Some(n.to_string()),
            _ => {
                f.issue(
                    &format!("extension[{i}].valueInteger"),
                    "must be an integer",
                );
                return None;
            }
        },
    };
    Some(Written { kind, place, score })
}

/// A Procedure that is a screening, as the procedure form's draft; `None` when it is not one
/// (a surgical procedure, a care step), for the other mappings to place.
pub(super) fn screening(f: &mut Fields<'_>) -> Option<Mapped> {
    let category = codes(f, "category");
    let in_category = |code: &str| category.iter().any(|(s, c)| *s == SNOMED && *c == code);
    if in_category(SURGICAL) {
        return None;
    }
    let charta = match extension(f, "screening") {
        Some((at, e)) if in_category(SCREENING) => Some((at, e)),
        _ => None,
    };
    let by_code = codes(f, "code")
        .into_iter()
        .filter(|(system, _)| *system == SNOMED)
        .find_map(|(_, code)| BY_CODE.iter().find(|(c, _)| *c == code).map(|(_, k)| *k));
    if charta.is_none() && by_code.is_none() {
        return None;
    }
    // Read again, now with its issues: the resource is this mapping's.
    f.codings("category");
    match f.code("status", &STATUSES) {
        Some("completed") => {}
        Some("entered-in-error") => return Some(Mapped::Skipped("entered in error".into())),
        Some(other) => {
            return Some(Mapped::Skipped(format!(
                "a screening procedure not completed ({other})"
            )))
        }
        None if f.at("status").is_some() => return Some(Mapped::Skipped(String::new())),
        None => {
            return Some(Mapped::Skipped(
                "a screening procedure without a status".into(),
            ))
        }
    }
    let issues = f.issues.len();
    let (procedure, place, score, note) = match charta {
        Some((at, e)) => {
            let Some(w) = written(f, at, e) else {
                return Some(Mapped::Skipped(String::new()));
            };
            let Some(kind) = w.kind else {
                return Some(Mapped::Kept(
                    "a screening procedure Charta does not record".into(),
                ));
            };
            let outcome = f.text("outcome.text").unwrap_or_default();
            let note = result_note(outcome, w.score.as_deref());
            (kind, w.place, w.score.unwrap_or_default(), note)
        }
        None => {
            let mut note: Vec<String> = f.concept_text("outcome").into_iter().collect();
            note.extend(f.notes("note"));
            let kind = by_code?;
            (
                kind,
                ProcedurePlace::Outside,
                String::new(),
                note.join("\n"),
            )
        }
    };
    let path = if f.at("performedDateTime").is_some() {
        "performedDateTime"
    } else {
        "performedPeriod.start"
    };
    let performed = f.date(path);
    let facility = f.text("location.display").unwrap_or_default().to_string();
    if f.issues.len() > issues {
        return Some(Mapped::Skipped(String::new()));
    }
    Some(Mapped::Screening(ScreeningProcedureDraft {
        procedure: Some(procedure),
        performed_on: performed.unwrap_or_default(),
        place,
        facility,
        score,
        result_note: note,
    }))
}

#[cfg(test)]
mod tests {
    use super::{result_note, screening, Mapped};
    use crate::fhir::import::fields::Fields;
    use crate::reminders::{ProcedurePlace, ScreeningProcedureDraft, ScreeningProcedureKind};
    use serde_json::{json, Value};

    fn map(v: &Value) -> (Option<Mapped>, Vec<String>) {
        let mut f = Fields::new(v, "Procedure/x".into());
        let m = screening(&mut f);
        (m, f.issues.iter().map(|i| i.path.clone()).collect())
    }

    fn draft(v: &Value) -> ScreeningProcedureDraft {
        match map(v) {
            (Some(Mapped::Screening(d)), issues) if issues.is_empty() => d,
            (_, issues) => panic!("not a screening draft: {v} ({issues:?})"),
        }
    }

    fn skipped(v: &Value) -> String {
        match map(v).0 {
            Some(Mapped::Skipped(why)) => why,
            _ => panic!("not skipped: {v}"),
        }
    }

    fn charta(extra: Value) -> Value {
        let mut v = json!({
            "resourceType": "Procedure", "status": "completed",
            "extension": [
                { "url": "https://charta.invalid/fhir/StructureDefinition/screening", "valueCode": "phq9" },
                { "url": "https://charta.invalid/fhir/StructureDefinition/place", "valueCode": "here" },
                { "url": "https://charta.invalid/fhir/StructureDefinition/score", "valueInteger": 7 },
            ],
            "category": { "coding": [{ "system": "http://snomed.info/sct", "code": "20135006" }] },
            "code": { "text": "phq9" },
            "performedDateTime": "2025-03-04",
            "outcome": { "text": "score 7; mild (finding)" },
        });
        if let (Some(v), Some(extra)) = (v.as_object_mut(), extra.as_object()) {
            v.extend(extra.clone());
        }
        v
    }

    #[test]
    fn charta_s_own_screening_comes_back_as_it_was_recorded() {
        assert_eq!(
            draft(&charta(json!({}))),
            ScreeningProcedureDraft {
                procedure: Some(ScreeningProcedureKind::Phq9),
                performed_on: "2025-03-04".into(),
                place: ProcedurePlace::Here,
                facility: String::new(),
                score: "7".into(),
                result_note: "mild (finding)".into(),
            }
        );
        let outside = charta(json!({
            "extension": [
                { "url": "https://charta.invalid/fhir/StructureDefinition/screening", "valueCode": "colonoscopy" },
                { "url": "https://charta.invalid/fhir/StructureDefinition/place", "valueCode": "outside" },
            ],
            "location": { "display": "Lakeside Endoscopy" },
            "outcome": { "text": "score 2; no polyps" },
        }));
        let d = draft(&outside);
        assert_eq!(d.procedure, Some(ScreeningProcedureKind::Colonoscopy));
        assert_eq!(d.place, ProcedurePlace::Outside);
        assert_eq!(d.facility, "Lakeside Endoscopy");
        assert_eq!(d.score, "");
        assert_eq!(
            d.result_note, "score 2; no polyps",
            "no score: the text is the note"
        );
    }

    #[test]
    fn the_outcome_text_unfolds_into_the_note_the_export_folded_in() {
        assert_eq!(result_note("score 7; mild", Some("7")), "mild");
        assert_eq!(result_note("score 7", Some("7")), "");
        assert_eq!(result_note("score 7; score 7", Some("7")), "score 7");
        assert_eq!(result_note("score 17; x", Some("1")), "score 17; x");
        assert_eq!(result_note("normal", None), "normal");
    }

    #[test]
    fn another_system_s_screenings_are_known_by_their_snomed_code_and_done_outside() {
        for (code, kind) in [
            ("73761001", ScreeningProcedureKind::Colonoscopy),
            ("71651007", ScreeningProcedureKind::Mammogram),
            ("24623002", ScreeningProcedureKind::Mammogram),
            ("90226004", ScreeningProcedureKind::CervicalCytology),
            ("312681000", ScreeningProcedureKind::Dexa),
        ] {
            let d = draft(&json!({
                "resourceType": "Procedure", "status": "completed",
                "code": { "coding": [{ "system": "http://snomed.info/sct", "code": code }] },
                "performedPeriod": { "start": "2019-06-01T09:30:00+00:00" },
            }));
            assert_eq!(d.procedure, Some(kind), "{code}");
            assert_eq!(d.place, ProcedurePlace::Outside);
            assert_eq!(d.performed_on, "2019-06-01");
        }
    }

    #[test]
    fn care_steps_and_surgery_are_not_screenings() {
        let care = json!({ "resourceType": "Procedure", "status": "completed",
            "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "430193006" }] } });
        assert!(map(&care).0.is_none());
        let surgical = json!({ "resourceType": "Procedure", "status": "completed",
            "category": { "coding": [{ "system": "http://snomed.info/sct", "code": "387713003" }] },
            "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "73761001" }] } });
        assert!(map(&surgical).0.is_none(), "the surgical category wins");
    }

    #[test]
    fn entered_in_error_and_unfinished_screenings_are_left_out_with_the_reason() {
        let with = |status: &str| {
            json!({ "resourceType": "Procedure", "status": status,
                "code": { "coding": [{ "system": "http://snomed.info/sct", "code": "73761001" }] },
                "performedDateTime": "2020-01-01" })
        };
        assert_eq!(skipped(&with("entered-in-error")), "entered in error");
        assert_eq!(
            skipped(&with("not-done")),
            "a screening procedure not completed (not-done)"
        );
        assert_eq!(
            skipped(&charta(json!({ "status": "entered-in-error" }))),
            "entered in error"
        );
        let (_, issues) = map(&with("finished"));
        assert_eq!(issues, ["status"]);
    }

    #[test]
    fn malformed_values_are_issues_at_their_path() {
        let (_, issues) = map(&charta(json!({ "performedDateTime": "2025-02-30" })));
        assert_eq!(issues, ["performedDateTime"]);
        let bad_score = charta(json!({
            "extension": [
                { "url": "https://charta.invalid/fhir/StructureDefinition/screening", "valueCode": "phq9" },
                { "url": "https://charta.invalid/fhir/StructureDefinition/score", "valueInteger": "seven" },
            ],
        }));
        assert_eq!(map(&bad_score).1, ["extension[1].valueInteger"]);
        let unknown = charta(json!({
            "extension": [
                { "url": "https://charta.invalid/fhir/StructureDefinition/screening", "valueCode": "retinal_photo" },
            ],
        }));
        assert!(matches!(map(&unknown).0, Some(Mapped::Kept(_))));
    }
}
