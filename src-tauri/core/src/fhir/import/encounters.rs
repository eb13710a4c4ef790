//! Encounters as outside visits: another system's visits (Synthea's, an old EMR's, Charta's own
//! exported visits) filed read-only in the chart with their date, class, type, reason,
//! clinician and place; the text of the DocumentReferences whose `context.encounter` points at
//! one as its note (amendments after the note, as Charta exports them); the Conditions whose
//! `encounter` points at one as its diagnoses, in the encounter's rank order.

use super::fields::{date_part, instant, without_semantic_tag, Fields};
use super::read::Names;
use crate::chart::outside_visits::{OutsideDiagnosisDraft, OutsideVisitDraft, VisitClass};
use crate::fhir::{EXTENSION_BASE, ICD10CM, SNOMED};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::collections::HashMap;

/// Charta's extension on an Encounter it exports for an outside visit: where it was recorded.
pub(crate) const RECORDED_ELSEWHERE: &str = "recordedElsewhere";
/// What an export writes as the class of a visit whose class Charta does not name.
pub(crate) const NULL_FLAVOR: &str = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";

/// Encounter.status (R4).
const STATUSES: [&str; 9] = [
    "planned",
    "arrived",
    "triaged",
    "in-progress",
    "onleave",
    "finished",
    "cancelled",
    "entered-in-error",
    "unknown",
];

/// What one Encounter becomes.
pub(super) enum Visit {
    Filed(Box<Gathering>),
    /// Not a visit that took place (or not one Charta can file): kept in the document, with why.
    Kept(String),
    /// Left out on purpose, with why (empty: an issue says what is wrong).
    Skipped(String),
}

/// One part of a visit's note: a DocumentReference's text.
pub(super) struct Piece {
    text: String,
    date: String,
    /// The reason, when it is an amendment (appended to the note).
    amendment: Option<String>,
    order: usize,
}

/// What one DocumentReference of a filed visit becomes.
pub(super) enum Note {
    Piece(Piece),
    Kept(String),
    Skipped(String),
}

/// What one Condition of a filed visit becomes.
pub(super) enum Diagnosis {
    Filed(OutsideDiagnosisDraft),
    Skipped(String),
    /// It names nothing (no text, no display): the caller says what that means.
    Unnamed,
}

/// An outside visit being put together: the encounter's own facts, then its notes and
/// diagnoses as the chart's other resources are read.
pub(super) struct Gathering {
    draft: OutsideVisitDraft,
    /// Each of its Conditions' rank (`Encounter.diagnosis`), by reference.
    ranks: Vec<(String, u32)>,
    notes: Vec<Piece>,
    diagnoses: Vec<(u32, usize, OutsideDiagnosisDraft)>,
}

impl Gathering {
    pub fn add_note(&mut self, piece: Piece) {
        self.notes.push(piece);
    }

    /// A diagnosis of the Condition reached by any of `names` (`Condition/id`, its fullUrl).
    pub fn add_diagnosis(&mut self, dx: OutsideDiagnosisDraft, names: &[&str], order: usize) {
        let rank = self
            .ranks
            .iter()
            .find(|(r, _)| {
                names
                    .iter()
                    .filter(|n| !n.is_empty())
                    .any(|n| n == r || r.ends_with(&format!("/{n}")))
            })
            .map_or(u32::MAX, |(_, rank)| *rank);
        self.diagnoses.push((rank, order, dx));
    }

    /// The visit as filed: its note the notes' text in order (the note, then amendments by
    /// date), its diagnoses in rank order, then as the file listed them.
    pub fn finish(mut self) -> OutsideVisitDraft {
        self.notes.sort_by(|a, b| {
            let key = |p: &Piece| {
                (
                    p.amendment.is_some(),
                    p.amendment.is_some().then(|| p.date.clone()),
                    p.order,
                )
            };
            key(a).cmp(&key(b))
        });
        let mut note = String::new();
        for p in &self.notes {
            if !note.is_empty() {
                note.push_str("\n\n");
            }
            if let Some(reason) = &p.amendment {
                let heading = match (p.date.is_empty(), reason.is_empty()) {
                    (false, false) => format!("Amendment, {}: {reason}", p.date),
                    (false, true) => format!("Amendment, {}", p.date),
                    (true, false) => format!("Amendment: {reason}"),
                    (true, true) => "Amendment".to_string(),
                };
                note.push_str(&heading);
                note.push('\n');
            }
            note.push_str(&p.text);
        }
        self.draft.note = note;
        self.diagnoses
            .sort_by_key(|(rank, order, _)| (*rank, *order));
        self.draft.diagnoses = self.diagnoses.into_iter().map(|(_, _, d)| d).collect();
        self.draft
    }
}

/// The filed visits, by every reference that reaches them (`Encounter/id`, the entry's
/// `fullUrl`, an absolute URL ending in `Encounter/id`), and the encounters left out (entered
/// in error, cancelled) with the reason, so their notes and diagnoses are left out with them.
#[derive(Default)]
pub(super) struct VisitIndex(HashMap<String, Slot>);

#[derive(Clone)]
enum Slot {
    Filed(usize),
    LeftOut(String),
}

impl VisitIndex {
    pub fn insert(&mut self, name: &str, full_url: Option<&str>, at: usize) {
        self.put(name, full_url, Slot::Filed(at));
    }

    /// An encounter left out for `reason` (its notes and diagnoses follow it).
    pub fn left_out(&mut self, name: &str, full_url: Option<&str>, reason: &str) {
        self.put(name, full_url, Slot::LeftOut(reason.to_string()));
    }

    fn put(&mut self, name: &str, full_url: Option<&str>, slot: Slot) {
        self.0.insert(name.to_string(), slot.clone());
        if let Some(url) = full_url {
            self.0.insert(url.to_string(), slot);
        }
    }

    fn find(&self, reference: &str) -> Option<&Slot> {
        self.0.get(reference).or_else(|| {
            let at = reference.rfind("Encounter/")?;
            self.0.get(&reference[at..])
        })
    }

    fn note_slot(&self, f: &Fields<'_>) -> Option<&Slot> {
        f.at("context.encounter")?
            .as_array()?
            .iter()
            .filter_map(|e| e.get("reference")?.as_str())
            .find_map(|r| self.find(r))
    }

    /// The filed visit a DocumentReference's `context.encounter` points at.
    pub fn of_note(&self, f: &Fields<'_>) -> Option<usize> {
        match self.note_slot(f)? {
            Slot::Filed(at) => Some(*at),
            Slot::LeftOut(_) => None,
        }
    }

    /// Why the encounter a DocumentReference belongs to was left out, if it was.
    pub fn note_left_out(&self, f: &Fields<'_>) -> Option<&str> {
        match self.note_slot(f)? {
            Slot::LeftOut(reason) => Some(reason),
            Slot::Filed(_) => None,
        }
    }

    /// The encounter a Condition was diagnosed at: one whose `encounter` points at it and
    /// whose category is a visit diagnosis (or none); a problem-list entry noted at a visit
    /// stays a problem only.
    fn diagnosis_slot(&self, f: &Fields<'_>) -> Option<&Slot> {
        let slot = self.find(f.at("encounter.reference")?.as_str()?)?;
        let codes: Vec<&str> = f
            .at("category")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("coding")?.as_array())
            .flatten()
            .filter_map(|c| c.get("code")?.as_str())
            .collect();
        (codes.is_empty() || codes.contains(&"encounter-diagnosis")).then_some(slot)
    }

    /// The filed visit a Condition was diagnosed at.
    pub fn of_diagnosis(&self, f: &Fields<'_>) -> Option<usize> {
        match self.diagnosis_slot(f)? {
            Slot::Filed(at) => Some(*at),
            Slot::LeftOut(_) => None,
        }
    }

    /// Why the encounter a visit diagnosis was made at was left out, if it was.
    pub fn diagnosis_left_out(&self, f: &Fields<'_>) -> Option<&str> {
        match self.diagnosis_slot(f)? {
            Slot::LeftOut(reason) => Some(reason),
            Slot::Filed(_) => None,
        }
    }
}

/// A CodeableConcept's words: its text, else its first display (without SNOMED CT's tag).
pub(super) fn words(concept: &Value) -> Option<String> {
    let text = concept
        .get("text")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| {
            concept
                .get("coding")?
                .as_array()?
                .iter()
                .find_map(|c| c.get("display")?.as_str().filter(|d| !d.trim().is_empty()))
        })?;
    let text = without_semantic_tag(text.trim());
    (!text.is_empty()).then(|| text.to_string())
}

/// A reference's name: its display, else the name of what it points at in the files.
fn named(reference: Option<&Value>, names: &Names) -> Option<String> {
    let r = reference?;
    if let Some(d) = r.get("display").and_then(Value::as_str) {
        let d = d.trim();
        if !d.is_empty() {
            return Some(d.to_string());
        }
    }
    names.of(r.get("reference")?.as_str()?).map(str::to_string)
}

/// The distinct non-empty items, joined.
fn joined(items: impl IntoIterator<Item = String>, with: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    for item in items {
        if !item.is_empty() && !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen.join(with)
}

/// A dateTime element as an instant: a full dateTime with its zone, or a date (a year or a
/// month means its first day), taken at noon UTC so the day reads the same in any zone.
fn when(f: &mut Fields<'_>, path: &str) -> Option<DateTime<Utc>> {
    let text = f.text(path)?;
    let partial = || {
        let date = date_part(text).filter(|_| !text.contains('T'))?;
        let full = match date.len() {
            4 => format!("{date}-01-01"),
            7 => format!("{date}-01"),
            _ => date,
        };
        let day = NaiveDate::parse_from_str(&full, "%Y-%m-%d").ok()?;
        Some(day.and_hms_opt(12, 0, 0)?.and_utc())
    };
    let found = instant(text).or_else(partial);
    if found.is_none() {
        f.issue(
            path,
            format!("\"{text}\" is not a FHIR dateTime (a date, or a date and time with its zone)"),
        );
    }
    found
}

/// Charta's own extension `name` on the resource.
fn own_extension<'a>(f: &Fields<'a>, name: &str) -> Option<&'a Value> {
    let url = format!("{EXTENSION_BASE}/{name}");
    f.at("extension")?
        .as_array()?
        .iter()
        .find(|e| e.get("url").and_then(Value::as_str) == Some(url.as_str()))
}

/// An Encounter as an outside visit. `from_charta`: the file is Charta's own export, whose
/// visits in progress are unsigned notes; `source` is where the patient's record came from.
pub(super) fn encounter(
    f: &mut Fields<'_>,
    names: &Names,
    from_charta: bool,
    source: &str,
) -> Visit {
    match f.code("status", &STATUSES) {
        Some("entered-in-error") => return Visit::Skipped("entered in error".into()),
        Some("cancelled") => return Visit::Skipped("cancelled".into()),
        Some("planned") => return Visit::Kept("a visit not yet held".into()),
        Some("in-progress") if from_charta => {
            return Visit::Kept("a visit whose note was never signed".into())
        }
        Some(_) => {}
        None if f.at("status").is_some() => return Visit::Skipped(String::new()),
        None => return Visit::Kept("a visit without a status".into()),
    }
    if f.at("period.start").is_none() {
        return Visit::Kept("a visit without a start date".into());
    }
    let issues = f.issues.len();
    let started_at = when(f, "period.start");
    let ended_at = when(f, "period.end");
    let class = match (f.text("class.system"), f.text("class.code")) {
        (Some(NULL_FLAVOR), _) | (_, None) => VisitClass::Other,
        (_, Some(code)) => VisitClass::from_act_code(code.trim()),
    };
    let visit_type = f.array("type").iter().find_map(words).unwrap_or_default();
    let reason = joined(f.array("reasonCode").iter().filter_map(words), "; ");
    let clinician = joined(
        f.array("participant")
            .iter()
            .filter_map(|p| named(p.get("individual"), names)),
        ", ",
    );
    let place = named(f.at("serviceProvider"), names)
        .or_else(|| {
            f.array("location")
                .iter()
                .find_map(|l| named(l.get("location"), names))
        })
        .unwrap_or_default();
    let source = own_extension(f, RECORDED_ELSEWHERE)
        .and_then(|e| e.get("valueString")?.as_str())
        .map_or_else(|| source.to_string(), str::to_string);
    let ranks = f
        .array("diagnosis")
        .iter()
        .enumerate()
        .filter_map(|(i, d)| {
            let reference = d.get("condition")?.get("reference")?.as_str()?;
            let rank = d
                .get("rank")
                .and_then(Value::as_u64)
                .and_then(|r| u32::try_from(r).ok())
                .unwrap_or(u32::try_from(i).unwrap_or(u32::MAX));
            Some((reference.to_string(), rank))
        })
        .collect();
    let Some(started_at) = started_at.filter(|_| f.issues.len() == issues) else {
        return Visit::Skipped(String::new());
    };
    Visit::Filed(Box::new(Gathering {
        draft: OutsideVisitDraft {
            started_at,
            ended_at,
            visit_class: class,
            visit_type,
            reason,
            clinician,
            place,
            note: String::new(),
            source,
            diagnoses: Vec::new(),
        },
        ranks,
        notes: Vec::new(),
        diagnoses: Vec::new(),
    }))
}

/// A DocumentReference of a filed visit as part of its note: its plain text (base64 data),
/// an amendment when it appends to another (Charta's amendments); a note in another form (a
/// PDF, a link) stays in the document. `order` is its place in the file.
pub(super) fn note(f: &mut Fields<'_>, order: usize) -> Note {
    match f.code("status", &["current", "superseded", "entered-in-error"]) {
        Some("entered-in-error") => return Note::Skipped("entered in error".into()),
        Some("superseded") => return Note::Skipped("a note replaced by a later one".into()),
        None if f.at("status").is_some() => return Note::Skipped(String::new()),
        _ => {}
    }
    let mut text = None;
    for (i, content) in f.array("content").iter().enumerate() {
        let Some(attachment) = content.get("attachment") else {
            continue;
        };
        let plain = attachment
            .get("contentType")
            .and_then(Value::as_str)
            .is_some_and(|t| t.trim().to_ascii_lowercase().starts_with("text/plain"));
        let Some(data) = attachment
            .get("data")
            .and_then(Value::as_str)
            .filter(|_| plain)
        else {
            continue;
        };
        let compact: String = data.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        match data_encoding::BASE64.decode(compact.as_bytes()) {
            Ok(bytes) => {
                text = Some(String::from_utf8_lossy(&bytes).trim().to_string());
                break;
            }
            Err(_) => {
                f.issue(
                    &format!("content[{i}].attachment.data"),
                    "is not base64 (RFC 4648); the note's text cannot be read",
                );
                return Note::Skipped(String::new());
            }
        }
    }
    let Some(text) = text else {
        return Note::Kept("a visit note that is not plain text".into());
    };
    if text.is_empty() {
        return Note::Skipped("an empty note".into());
    }
    let appends = f
        .array("relatesTo")
        .iter()
        .any(|r| r.get("code").and_then(Value::as_str) == Some("appends"));
    let amendment = (appends || f.text("docStatus") == Some("amended")).then(|| {
        let description = f.text("description").unwrap_or_default().trim();
        description
            .strip_prefix("Amendment:")
            .unwrap_or(description)
            .trim()
            .to_string()
    });
    let date = f.text("date").and_then(date_part).unwrap_or_default();
    Note::Piece(Piece {
        text,
        date,
        amendment,
        order,
    })
}

/// A Condition of a filed visit as one of its diagnoses, coded as the other system coded it
/// (ICD-10-CM first, then SNOMED CT, then any coding); refuted and entered-in-error ones are
/// left out.
pub(super) fn diagnosis(f: &mut Fields<'_>) -> Diagnosis {
    match f.status(
        "verificationStatus",
        &[
            "unconfirmed",
            "provisional",
            "differential",
            "confirmed",
            "refuted",
            "entered-in-error",
        ],
    ) {
        Some("entered-in-error") => return Diagnosis::Skipped("entered in error".into()),
        Some("refuted") => return Diagnosis::Skipped("refuted".into()),
        _ => {}
    }
    let codings = f.codings("code");
    let coded = [ICD10CM, SNOMED]
        .iter()
        .find_map(|system| {
            codings
                .iter()
                .find(|c| c.system == *system && !c.code.is_empty())
        })
        .or_else(|| {
            codings
                .iter()
                .find(|c| !c.system.is_empty() && !c.code.is_empty())
        });
    let (code_system, code) = match coded {
        Some(c) => (Some(c.system.to_string()), Some(c.code.to_string())),
        None => (None, None),
    };
    match f.concept_text("code") {
        Some(description) => Diagnosis::Filed(OutsideDiagnosisDraft {
            code_system,
            code,
            description,
        }),
        None => Diagnosis::Unnamed,
    }
}

#[cfg(test)]
#[path = "encounters_tests.rs"]
mod tests;
