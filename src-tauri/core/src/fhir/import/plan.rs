//! One patient's resources mapped to what Charta would file: the registration, the list
//! entries, vitals sets, the resources kept as a document, and every issue found on the way.
//! Pure: nothing here reads or writes the database.

use super::clinical::{self, ImportedMedication, Mapped};
use super::fields::Fields;
use super::labs::{self, Filed, Gathered, LabSets};
use super::patient::{self, ImportedPatient};
use super::read::Chart;
use super::vitals::{is_vital, Added, Sets};
use super::ImportIssue;
use crate::chart::allergies::AllergyDraft;
use crate::chart::problems::ProblemDraft;
use crate::chart::vitals::VitalsInput;
use crate::immunizations::ImmunizationDraft;
use crate::medications::MedicationStatus;
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

pub(super) fn plan(chart: &Chart) -> Plan<'_> {
    let mut f = Fields::new(&chart.patient.resource, chart.patient.name());
    let patient = patient::map(&mut f);
    let mut issues = std::mem::take(&mut f.issues);
    // Charta's own export keeps the problem list apart from visit diagnoses (which belong to
    // its visits); other systems' diagnoses (Synthea has little else) become the problem
    // list, once per condition.
    let diagnoses_as_problems = patient.mrn.is_none();
    let mut items = Vec::new();
    let mut kept = Vec::new();
    let mut kept_counts: BTreeMap<String, u32> = BTreeMap::new();
    let mut skipped: BTreeMap<String, u32> = BTreeMap::new();
    let mut sets = Sets::default();
    let mut lab_sets = LabSets::new(&chart.records);
    let judged_for = labs::judged_for(&patient.draft.date_of_birth, patient.draft.sex_at_birth);
    let mut problem_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut allergy_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut active_meds: BTreeMap<String, usize> = BTreeMap::new();
    let mut social_at: BTreeMap<&'static str, usize> = BTreeMap::new();
    for r in &chart.records {
        let mut f = Fields::new(&r.resource, r.name());
        let kind = r.kind();
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
            _ => Mapped::Kept(String::new()),
        };
        let name = f.name.clone();
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
