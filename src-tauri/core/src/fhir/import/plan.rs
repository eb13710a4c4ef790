//! One patient's resources mapped to what Charta would file: the registration, the list
//! entries, vitals sets, outside visits (with their notes and diagnoses), the files of
//! DocumentReferences as documents, the resources kept as a document, and every issue found
//! on the way.
//! Pure: nothing here reads or writes the database.

use super::clinical::{self, ImportedMedication, Mapped};
use super::encounters::{self, Diagnosis, Gathering, Note, Visit, VisitIndex};
use super::fields::Fields;
use super::labs::{self, Filed, Gathered, LabSets};
use super::patient::{self, ImportedPatient};
use super::read::{Chart, Names};
use super::vitals::{is_vital, Added, Sets};
use super::ImportIssue;
use crate::chart::allergies::AllergyDraft;
use crate::chart::outside_visits::OutsideVisitDraft;
use crate::chart::problems::ProblemDraft;
use crate::chart::vitals::VitalsInput;
use crate::immunizations::ImmunizationDraft;
use crate::medications::MedicationStatus;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::BTreeMap;

pub(super) enum Record {
    Problem(ProblemDraft),
    Allergy(AllergyDraft),
    NoKnownAllergies {
        drugs_only: bool,
    },
    Medication(Box<ImportedMedication>),
    Immunization(ImmunizationDraft),
    Vitals(Box<VitalsInput>),
    LabReport(Box<Gathered>),
    Family(crate::chart::histories::FamilyHistoryDraft),
    Surgical(crate::chart::histories::SurgicalHistoryDraft),
    Screening(crate::reminders::ScreeningProcedureDraft),
    Social(
        crate::chart::histories::SocialKind,
        Box<crate::chart::histories::SocialHistoryDraft>,
    ),
    OutsideVisit(Box<OutsideVisitDraft>),
    Document(Box<super::documents::ImportedDocument>),
    /// Booked (or kept as history) once the patient is registered, if the book takes it.
    Appointment(Box<super::appointments::ImportedAppointment>),
}

impl Record {
    /// The report's name for this kind of record.
    pub fn label(&self) -> &'static str {
        match self {
            Record::Problem(_) => "problems",
            Record::Allergy(_) | Record::NoKnownAllergies { .. } => "allergies",
            Record::Medication(_) => "medications",
            Record::Immunization(_) => "immunizations",
            Record::Vitals(_) => "vitals sets",
            Record::LabReport(_) => "lab reports",
            Record::Family(_) => "family history",
            Record::Surgical(_) => "surgical history",
            Record::Screening(_) => "screening procedures",
            Record::Social(..) => "social history",
            Record::OutsideVisit(_) => "outside visits",
            Record::Document(_) => "documents",
            Record::Appointment(_) => "appointments",
        }
    }
}

/// A record and the resources it was made from (several Observations make one vitals set).
pub(super) struct Item {
    pub record: Record,
    pub from: Vec<String>,
}

pub(super) struct Plan<'a> {
    pub patient: ImportedPatient,
    pub resource: String,
    pub items: Vec<Item>,
    pub kept: Vec<&'a Value>,
    pub kept_counts: BTreeMap<String, u32>,
    pub skipped: BTreeMap<String, u32>,
    pub issues: Vec<ImportIssue>,
}

/// Counts a resource under its kind and, when there is one, the reason.
fn tally(counts: &mut BTreeMap<String, u32>, kind: &str, reason: &str) {
    let key = if reason.is_empty() {
        kind.to_string()
    } else {
        format!("{kind}: {reason}")
    };
    *counts.entry(key).or_default() += 1;
}

/// The chart's Encounters, first: a note or a diagnosis is filed under its visit only if the
/// visit is filed. Those that are not stay in the document (or are left out) as before.
fn visits<'a>(
    chart: &'a Chart,
    names: &Names,
    patient: &ImportedPatient,
    kept: &mut Vec<&'a Value>,
    kept_counts: &mut BTreeMap<String, u32>,
    skipped: &mut BTreeMap<String, u32>,
    issues: &mut Vec<ImportIssue>,
) -> (Vec<(Gathering, Vec<String>)>, VisitIndex) {
    let mut filed = Vec::new();
    let mut index = VisitIndex::default();
    // Charta's own export: a visit in progress there is an unsigned note.
    let from_charta = patient.mrn.is_some();
    for r in chart.records.iter().filter(|r| r.kind() == "Encounter") {
        let mut f = Fields::new(&r.resource, r.name());
        match encounters::encounter(&mut f, names, from_charta, &patient.source) {
            Visit::Filed(g) => {
                index.insert(&f.name, r.full_url.as_deref(), filed.len());
                filed.push((*g, vec![f.name.clone()]));
            }
            Visit::Kept(reason) => {
                kept.push(&r.resource);
                tally(kept_counts, "Encounter", &reason);
            }
            Visit::Skipped(reason) if reason.is_empty() => {}
            Visit::Skipped(reason) => {
                index.left_out(&f.name, r.full_url.as_deref(), &reason);
                tally(skipped, "Encounter", &reason);
            }
        }
        issues.append(&mut f.issues);
    }
    (filed, index)
}

/// A resource read by two mappings (a visit diagnosis that is also a problem) says each
/// issue once.
fn once_each(issues: &mut Vec<ImportIssue>) {
    let mut seen: Vec<ImportIssue> = Vec::new();
    issues.retain(|i| {
        let new = !seen.contains(i);
        if new {
            seen.push(i.clone());
        }
        new
    });
}

pub(super) fn plan<'a>(chart: &'a Chart, names: &Names, now: DateTime<Utc>) -> Plan<'a> {
    let mut f = Fields::new(&chart.patient.resource, chart.patient.name());
    let patient = patient::map(&mut f);
    let mut issues = std::mem::take(&mut f.issues);
    // Charta's own export keeps the problem list apart from visit diagnoses (which belong to
    // its visits); other systems' diagnoses (Synthea has little else) become the problem
    // list, once per condition — and, when they name their encounter, its diagnoses too.
    let diagnoses_as_problems = patient.mrn.is_none();
    let mut items = Vec::new();
    let mut kept = Vec::new();
    let mut kept_counts: BTreeMap<String, u32> = BTreeMap::new();
    let mut skipped: BTreeMap<String, u32> = BTreeMap::new();
    let (mut visits, visit_index) = visits(
        chart,
        names,
        &patient,
        &mut kept,
        &mut kept_counts,
        &mut skipped,
        &mut issues,
    );
    let mut sets = Sets::default();
    let mut lab_sets = LabSets::new(&chart.records);
    let judged_for = labs::judged_for(&patient.draft.date_of_birth, patient.draft.sex_at_birth);
    let mut problem_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut allergy_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut active_meds: BTreeMap<String, usize> = BTreeMap::new();
    let mut social_at: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut reports = Vec::new();
    for (order, r) in chart.records.iter().enumerate() {
        let mut f = Fields::new(&r.resource, r.name());
        let kind = r.kind();
        if kind == "Encounter" {
            continue;
        }
        // The note of an encounter left out (entered in error, cancelled) goes with it, and so
        // do Charta's own visit diagnoses; another system's diagnosis still tells the problem
        // list what the patient has.
        let left_out = match kind {
            "DocumentReference" => visit_index.note_left_out(&f),
            "Condition" if !diagnoses_as_problems => visit_index.diagnosis_left_out(&f),
            _ => None,
        };
        if let Some(reason) = left_out {
            let what = if kind == "Condition" {
                "a diagnosis"
            } else {
                "a note"
            };
            tally(
                &mut skipped,
                kind,
                &format!("{what} of an encounter {reason}"),
            );
            continue;
        }
        if let Some(at) = (kind == "DocumentReference")
            .then(|| visit_index.of_note(&f))
            .flatten()
        {
            match encounters::note(&mut f, order) {
                Note::Piece(piece) => visits[at].0.add_note(piece),
                // A visit's note that is a scanned PDF or image is a document of the chart.
                Note::Kept(reason) => match super::documents::document(&mut f) {
                    Mapped::Document(d) => items.push(Item {
                        record: Record::Document(d),
                        from: vec![f.name.clone()],
                    }),
                    _ => {
                        kept.push(&r.resource);
                        tally(&mut kept_counts, kind, &reason);
                    }
                },
                Note::Skipped(reason) if reason.is_empty() => {}
                Note::Skipped(reason) => tally(&mut skipped, kind, &reason),
            }
            issues.append(&mut f.issues);
            continue;
        }
        if let Some(at) = (kind == "Condition")
            .then(|| visit_index.of_diagnosis(&f))
            .flatten()
        {
            match encounters::diagnosis(&mut f) {
                Diagnosis::Filed(dx) => {
                    let url = r.full_url.as_deref().unwrap_or_default();
                    visits[at]
                        .0
                        .add_diagnosis(dx, &[f.name.as_str(), url], order);
                }
                Diagnosis::Skipped(reason) => {
                    tally(&mut skipped, kind, &reason);
                    issues.append(&mut f.issues);
                    continue;
                }
                // As a problem it is refused with the mapping's own words, below.
                Diagnosis::Unnamed if diagnoses_as_problems => {}
                Diagnosis::Unnamed => f.issue(
                    "code",
                    "has no text or display; Charta needs the diagnosis's name",
                ),
            }
            if !diagnoses_as_problems {
                issues.append(&mut f.issues);
                continue;
            }
        }
        // Judged once every result is read: filed whole as a lab report, or kept.
        if kind == "DiagnosticReport" {
            reports.push(r);
            continue;
        }
        if kind == "FamilyMemberHistory" {
            // One entry per condition of the relative.
            let name = f.name.clone();
            for m in super::histories::family(&mut f) {
                match m {
                    Mapped::Family(d) => items.push(Item {
                        record: Record::Family(d),
                        from: vec![name.clone()],
                    }),
                    Mapped::Kept(reason) => {
                        kept.push(&r.resource);
                        *kept_counts.entry(format!("{kind}: {reason}")).or_default() += 1;
                    }
                    Mapped::Skipped(reason) => {
                        *skipped.entry(format!("{kind}: {reason}")).or_default() += 1;
                    }
                    _ => {}
                }
            }
            issues.append(&mut f.issues);
            continue;
        }
        let mapped = match kind {
            "Condition" => clinical::condition(&mut f, diagnoses_as_problems),
            "AllergyIntolerance" => clinical::allergy(&mut f),
            "MedicationRequest" => clinical::medication(&mut f, false),
            "MedicationStatement" => clinical::medication(&mut f, true),
            "Immunization" => clinical::immunization(&mut f),
            "Procedure" => super::screenings::screening(&mut f)
                .unwrap_or_else(|| super::histories::surgery(&mut f)),
            "Observation" => match lab_sets.add(&mut f, judged_for) {
                Filed::Added | Filed::Invalid => {
                    issues.append(&mut f.issues);
                    continue;
                }
                Filed::Kept(reason) => Mapped::Kept(reason),
                Filed::Skipped(reason) => Mapped::Skipped(reason.into()),
                Filed::NotLab => match is_vital(&mut f) {
                    Some(code) => match sets.add(&mut f, code) {
                        Added::Filed | Added::Invalid => {
                            issues.append(&mut f.issues);
                            continue;
                        }
                        Added::Computed => Mapped::Skipped("BMI (Charta computes it)".into()),
                        Added::NoValue => Mapped::Skipped("a vital sign without a value".into()),
                        Added::EnteredInError => Mapped::Skipped("entered in error".into()),
                    },
                    None => match super::histories::social_kind(&mut f) {
                        Some(kind) => super::histories::social(&mut f, kind),
                        None => Mapped::Kept(String::new()),
                    },
                },
            },
            // Not a filed visit's note (those are above): its file, if it has one Charta keeps.
            "DocumentReference" => super::documents::document(&mut f),
            "Appointment" => super::appointments::appointment(&mut f, names, now),
            _ => Mapped::Kept(String::new()),
        };
        let name = f.name.clone();
        once_each(&mut f.issues);
        issues.append(&mut f.issues);
        let record = match mapped {
            Mapped::Kept(reason) => {
                kept.push(&r.resource);
                let key = if reason.is_empty() {
                    kind.to_string()
                } else {
                    format!("{kind}: {reason}")
                };
                *kept_counts.entry(key).or_default() += 1;
                continue;
            }
            Mapped::Skipped(reason) => {
                if !reason.is_empty() {
                    *skipped.entry(format!("{kind}: {reason}")).or_default() += 1;
                }
                continue;
            }
            Mapped::Problem(p) => {
                if diagnoses_as_problems {
                    let key = p
                        .code
                        .clone()
                        .unwrap_or_else(|| p.description.to_lowercase());
                    if let Some(&at) = problem_keys.get(&key) {
                        merge_problem(&mut items[at], p, name);
                        continue;
                    }
                    problem_keys.insert(key, items.len());
                }
                Record::Problem(p)
            }
            Mapped::Allergy(a) => {
                let key = format!("{}|{}", a.substance.to_lowercase(), a.kind.as_str());
                if let Some(&at) = allergy_keys.get(&key) {
                    items[at].from.push(name);
                    *skipped
                        .entry("AllergyIntolerance: the same substance twice".into())
                        .or_default() += 1;
                    continue;
                }
                allergy_keys.insert(key, items.len());
                Record::Allergy(a)
            }
            Mapped::NoKnownAllergies { drugs_only } => Record::NoKnownAllergies { drugs_only },
            Mapped::Medication(m) => {
                // Another system's repeated orders for a drug the patient is still on
                // (Synthea writes one per refill) are one entry on the active list.
                if diagnoses_as_problems && m.status == MedicationStatus::Active {
                    let key = m
                        .rxcui
                        .clone()
                        .unwrap_or_else(|| m.draft.name.to_lowercase());
                    if let Some(&at) = active_meds.get(&key) {
                        let item: &mut Item = &mut items[at];
                        item.from.push(name);
                        if let Record::Medication(kept) = &mut item.record {
                            kept.draft.start_date =
                                match (kept.draft.start_date, m.draft.start_date) {
                                    (Some(a), Some(b)) => Some(a.min(b)),
                                    (a, b) => a.or(b),
                                };
                        }
                        continue;
                    }
                    active_meds.insert(key, items.len());
                }
                Record::Medication(m)
            }
            Mapped::Immunization(i) => Record::Immunization(i),
            Mapped::Surgical(d) => Record::Surgical(d),
            Mapped::Screening(d) => Record::Screening(d),
            Mapped::Family(d) => Record::Family(d),
            Mapped::Document(d) => Record::Document(d),
            Mapped::Appointment(a) => Record::Appointment(a),
            Mapped::Social(kind, d) => {
                // The chart holds one current answer of each kind: the latest.
                if let Some(&at) = social_at.get(kind.as_str()) {
                    let item: &mut Item = &mut items[at];
                    *skipped
                        .entry(format!("Observation: an earlier {} answer", kind.as_str()))
                        .or_default() += 1;
                    if let Record::Social(_, held) = &mut item.record {
                        if d.as_of > held.as_of {
                            *held = d;
                            item.from = vec![name];
                        }
                    }
                    continue;
                }
                social_at.insert(kind.as_str(), items.len());
                Record::Social(kind, d)
            }
        };
        items.push(Item {
            record,
            from: vec![name],
        });
    }
    for r in reports {
        if lab_sets.filed_whole(&r.resource) {
            tally(
                &mut skipped,
                "DiagnosticReport",
                "its results filed as a lab report",
            );
        } else {
            kept.push(&r.resource);
            tally(&mut kept_counts, "DiagnosticReport", "");
        }
    }
    for (_, mut report) in lab_sets.reports {
        let from = std::mem::take(&mut report.from);
        items.push(Item {
            record: Record::LabReport(Box::new(report)),
            from,
        });
    }
    for (_, (set, from)) in sets.by_instant {
        items.push(Item {
            record: Record::Vitals(Box::new(set)),
            from,
        });
    }
    for (visit, from) in visits {
        items.push(Item {
            record: Record::OutsideVisit(Box::new(visit.finish())),
            from,
        });
    }
    Plan {
        patient,
        resource: chart.patient.name(),
        items,
        kept,
        kept_counts,
        skipped,
        issues,
    }
}

/// The same condition diagnosed again: one problem, from its first onset, in the state of
/// its latest diagnosis.
fn merge_problem(item: &mut Item, later: ProblemDraft, from: String) {
    item.from.push(from);
    let Record::Problem(p) = &mut item.record else {
        return;
    };
    if !later.onset.is_empty() && (p.onset.is_empty() || later.onset < p.onset) {
        p.onset = later.onset;
        return;
    }
    p.status = later.status;
    p.resolved = later.resolved;
}
