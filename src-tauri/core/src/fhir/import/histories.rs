//! FamilyMemberHistory, surgical Procedures and social-history Observations as the chart's
//! family, surgical and social histories, through the histories form's own checks: a
//! relative's condition (ICD-10-CM when coded, age at onset), a past operation (what, when),
//! smoking, alcohol, substance use and occupation (the latest of each). A version Charta's export marks as replaced is
//! left out (its successor is in the file); screening procedures are `screenings.rs`'s, and
//! other procedures (Synthea's care steps) stay in the document.

use super::clinical::Mapped;
use super::fields::{date_part, without_semantic_tag, Fields};
use crate::chart::histories::{
    FamilyHistoryDraft, SocialHistoryDraft, SocialKind, SurgicalHistoryDraft, RELATIVES,
};
use crate::fhir::{EXTENSION_BASE, ICD10CM, LOINC, SNOMED};
use serde_json::Value;

/// SNOMED CT "Surgical procedure", the category that makes a Procedure surgical history.
pub(super) const SURGICAL: &str = "387713003";

/// A v3-RoleCode relationship as one of the form's relatives.
fn relative_of(code: Option<&str>, display: Option<&str>) -> &'static str {
    if let Some(r) = display.and_then(|d| {
        let d = d.trim().to_lowercase().replace([' ', '-'], "_");
        RELATIVES.iter().copied().find(|r| *r == d)
    }) {
        return r;
    }
    match code.unwrap_or_default() {
        "MTH" | "NMTH" => "mother",
        "FTH" | "NFTH" => "father",
        "SIS" | "NSIS" => "sister",
        "BRO" | "NBRO" => "brother",
        "DAU" | "DAUC" => "daughter",
        "SON" | "SONC" => "son",
        "MGRMTH" => "maternal_grandmother",
        "MGRFTH" => "maternal_grandfather",
        "PGRMTH" => "paternal_grandmother",
        "PGRFTH" => "paternal_grandfather",
        "AUNT" | "MAUNT" | "PAUNT" => "aunt",
        "UNCLE" | "MUNCLE" | "PUNCLE" => "uncle",
        "COUSN" | "MCOUSN" | "PCOUSN" => "cousin",
        "HSIB" | "HSIS" | "HBRO" => "half_sibling",
        _ => "other",
    }
}

/// Whether Charta's export marks this version as replaced by a later one.
fn superseded(f: &Fields<'_>) -> bool {
    let url = format!("{EXTENSION_BASE}/supersededAt");
    f.at("extension")
        .and_then(Value::as_array)
        .is_some_and(|x| {
            x.iter()
                .any(|e| e.get("url").and_then(Value::as_str) == Some(url.as_str()))
        })
}

/// A FamilyMemberHistory's conditions, one family history entry each.
pub(super) fn family(f: &mut Fields<'_>) -> Vec<Mapped> {
    match f.text("status") {
        Some("entered-in-error") => return vec![Mapped::Skipped("entered in error".into())],
        _ if superseded(f) => return vec![Mapped::Skipped("a version replaced later".into())],
        _ => {}
    }
    let codings = f.codings("relationship");
    let first = codings.first();
    let display = first
        .map(|c| c.display)
        .filter(|d| !d.is_empty())
        .or_else(|| f.text("relationship.text"));
    let relative = relative_of(first.map(|c| c.code), display);
    let conditions = f.array("condition");
    if conditions.is_empty() {
        return vec![Mapped::Kept("a relative without a condition".into())];
    }
    let mut out = Vec::new();
    for (i, c) in conditions.iter().enumerate() {
        let code = |system: &str| {
            c.get("code")
                .and_then(|c| c.get("coding"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|x| x.get("system").and_then(Value::as_str) == Some(system))
        };
        let icd = code(ICD10CM)
            .and_then(|x| x.get("code"))
            .and_then(Value::as_str);
        let text = c
            .get("code")
            .and_then(|c| c.get("text"))
            .and_then(Value::as_str)
            .or_else(|| {
                code(ICD10CM)
                    .or_else(|| code(SNOMED))
                    .and_then(|x| x.get("display"))
                    .and_then(Value::as_str)
            })
            .map(|t| without_semantic_tag(t).to_string())
            .unwrap_or_default();
        let onset = match c.get("onsetAge").and_then(|a| a.get("value")) {
            None => String::new(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                f.issue(
                    &format!("condition[{i}].onsetAge.value"),
                    "must be a number",
                );
                String::new()
            }
        };
        let comment = c
            .get("note")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|n| n.get("text").and_then(Value::as_str))
            .collect::<Vec<_>>()
            .join("\n");
        out.push(Mapped::Family(FamilyHistoryDraft {
            relative: relative.to_string(),
            condition: text,
            code: icd.unwrap_or_default().to_string(),
            onset_age: onset,
            comment,
        }));
    }
    out
}

/// A surgical Procedure as a past operation; any other procedure (not a screening) stays in
/// the document.
pub(super) fn surgery(f: &mut Fields<'_>) -> Mapped {
    let surgical = f
        .codings("category")
        .iter()
        .any(|c| c.system == SNOMED && c.code == SURGICAL);
    if !surgical {
        return Mapped::Kept(String::new());
    }
    match f.text("status") {
        Some("entered-in-error") => return Mapped::Skipped("entered in error".into()),
        Some("not-done") => return Mapped::Skipped("not done".into()),
        _ if superseded(f) => return Mapped::Skipped("a version replaced later".into()),
        _ => {}
    }
    let procedure = f
        .concept_text("code")
        .map(|t| without_semantic_tag(&t).to_string())
        .unwrap_or_default();
    let performed = f
        .text("performedDateTime")
        .or_else(|| f.text("performedPeriod.start"))
        .and_then(date_part)
        .unwrap_or_default();
    Mapped::Surgical(SurgicalHistoryDraft {
        procedure,
        performed_on: performed,
        comment: f.notes("note").join("\n"),
    })
}

/// The LOINC question of each social history Charta records (as its export writes them).
const SOCIAL_CODES: [(&str, SocialKind); 4] = [
    ("72166-2", SocialKind::Smoking),
    ("11331-6", SocialKind::Alcohol),
    ("11343-1", SocialKind::Substance),
    ("11341-5", SocialKind::Occupation),
];

/// SNOMED CT smoking answers as the form's statuses (Synthea and Charta write these).
fn smoking_status(code: &str) -> Option<&'static str> {
    Some(match code {
        "266919005" => "never",
        "8517006" => "former",
        "449868002" | "77176002" | "428071000124103" => "current_every_day",
        "428041000124106" | "230059006" => "current_some_days",
        "266927001" => "unknown",
        _ => return None,
    })
}

/// Which social history an Observation answers, if any.
pub(super) fn social_kind(f: &mut Fields<'_>) -> Option<SocialKind> {
    let (code, _) = f.coded_in("code", LOINC)?;
    SOCIAL_CODES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, k)| *k)
}

/// A social history Observation as the form's answer: the status, the figures Charta's
/// export writes in its note ("packs a day: 1; years: 20; quit: 2010"), the rest as detail.
pub(super) fn social(f: &mut Fields<'_>, kind: SocialKind) -> Mapped {
    match f.text("status") {
        Some("entered-in-error" | "cancelled") => {
            return Mapped::Skipped("entered in error".into())
        }
        _ if superseded(f) => return Mapped::Skipped("a version replaced later".into()),
        _ => {}
    }
    let answer = f.codings("valueCodeableConcept");
    let status = match kind {
        SocialKind::Smoking => answer.iter().find_map(|c| smoking_status(c.code)),
        _ => None,
    }
    .map(str::to_string)
    .or_else(|| {
        let text = f.concept_text("valueCodeableConcept")?;
        let key = text.trim().to_lowercase().replace([' ', '-'], "_");
        kind.statuses()
            .iter()
            .find(|s| **s == key)
            .map(|s| s.to_string())
    });
    let Some(status) = status else {
        return Mapped::Kept(format!("a {} answer the form does not list", kind.as_str()));
    };
    let mut d = SocialHistoryDraft {
        status,
        as_of: f
            .text("effectiveDateTime")
            .and_then(date_part)
            .unwrap_or_default(),
        ..SocialHistoryDraft::default()
    };
    let mut detail = Vec::new();
    for note in f.notes("note") {
        for part in note.split("; ") {
            match part.split_once(": ") {
                Some(("packs a day", v)) => d.packs_per_day = v.to_string(),
                Some(("years", v)) => d.years = v.to_string(),
                Some(("drinks a week", v)) => d.drinks_per_week = v.to_string(),
                Some(("AUDIT-C", v)) => d.audit_c = v.to_string(),
                Some(("quit", v)) => d.quit_date = v.to_string(),
                // Charta computes pack-years itself.
                Some(("pack-years", _)) => {}
                _ => detail.push(part.to_string()),
            }
        }
    }
    d.detail = detail.join("; ");
    Mapped::Social(kind, Box::new(d))
}
