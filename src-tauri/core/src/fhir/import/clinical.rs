//! The clinical resources as Charta's own forms: Condition → problem, AllergyIntolerance →
//! allergy (or "no known allergies"), MedicationRequest / MedicationStatement → a reported
//! medication, Immunization → a historical dose or refusal. A resource the mapping cannot
//! place in a chart list is kept (in the chart's import document) with the reason.

use super::fields::Fields;
use crate::chart::allergies::{AllergyDraft, AllergyKind, AllergyStatus, Criticality, Severity};
use crate::chart::problems::{ProblemDraft, ProblemStatus};
use crate::fhir::{CVX, ICD10CM, RXNORM, SNOMED};
use crate::immunizations::{ImmunizationDraft, ImmunizationKind};
use crate::medications::{MedicationStatus, ReportedMedicationDraft};
use serde_json::Value;

/// A medication from another system: always recorded as reported (this practice did not
/// sign it), with the status it had there.
pub(super) struct ImportedMedication {
    pub draft: ReportedMedicationDraft,
    pub rxcui: Option<String>,
    pub status: MedicationStatus,
    pub end_date: Option<chrono::NaiveDate>,
    pub ended_reason: Option<String>,
}

/// What one resource becomes.
pub(super) enum Mapped {
    Problem(ProblemDraft),
    Allergy(AllergyDraft),
    NoKnownAllergies {
        drugs_only: bool,
    },
    Medication(Box<ImportedMedication>),
    Immunization(ImmunizationDraft),
    Family(crate::chart::histories::FamilyHistoryDraft),
    Surgical(crate::chart::histories::SurgicalHistoryDraft),
    Screening(crate::reminders::ScreeningProcedureDraft),
    Social(
        crate::chart::histories::SocialKind,
        Box<crate::chart::histories::SocialHistoryDraft>,
    ),
    /// A file (a scanned document, a letter's PDF) for the chart's documents.
    Document(Box<super::documents::ImportedDocument>),
    /// An appointment for the practice's book.
    Appointment(Box<super::appointments::ImportedAppointment>),
    /// Not part of the chart lists: kept in the import document, with why.
    Kept(String),
    /// Left out on purpose (entered in error, refuted), with why.
    Skipped(String),
}

const ALLERGY_CLINICAL: [&str; 3] = ["active", "inactive", "resolved"];
const CONDITION_CLINICAL: [&str; 6] = [
    "active",
    "recurrence",
    "relapse",
    "inactive",
    "remission",
    "resolved",
];

fn verification_skip(f: &mut Fields<'_>, codes: &[&str]) -> Option<Mapped> {
    match f.status("verificationStatus", codes) {
        Some("entered-in-error") => Some(Mapped::Skipped("entered in error".into())),
        Some("refuted") => Some(Mapped::Skipped("refuted".into())),
        _ => None,
    }
}

/// A Condition from the problem list, or a visit diagnosis when `diagnoses_as_problems`
/// (an old system with no problem list of its own; Charta has no visit to file it under).
pub(super) fn condition(f: &mut Fields<'_>, diagnoses_as_problems: bool) -> Mapped {
    if let Some(skip) = verification_skip(
        f,
        &[
            "unconfirmed",
            "provisional",
            "differential",
            "confirmed",
            "refuted",
            "entered-in-error",
        ],
    ) {
        return skip;
    }
    let category = f
        .array("category")
        .iter()
        .filter_map(|c| c.get("coding")?.as_array()?.first()?.get("code")?.as_str())
        .next()
        .unwrap_or("problem-list-item");
    if category == "encounter-diagnosis" && !diagnoses_as_problems {
        return Mapped::Kept(
            "a visit diagnosis (Charta files diagnoses under its own visits)".into(),
        );
    }
    let code = f.coded_in("code", ICD10CM).map(|(c, _)| c.to_string());
    let snomed = f.coded_in("code", SNOMED).map(|(c, _)| c.to_string());
    let Some(description) = f.concept_text("code") else {
        f.issue(
            "code",
            "has no text or display; Charta needs the problem's name",
        );
        return Mapped::Skipped(String::new());
    };
    let clinical = f.status("clinicalStatus", &CONDITION_CLINICAL);
    let abatement = f.date("abatementDateTime");
    let status = match clinical {
        Some("inactive") => ProblemStatus::Inactive,
        Some("remission") | Some("resolved") => ProblemStatus::Resolved,
        Some(_) => ProblemStatus::Active,
        None if abatement.is_some() => ProblemStatus::Resolved,
        None => ProblemStatus::Active,
    };
    let onset = f
        .date("onsetDateTime")
        .or_else(|| f.date("onsetPeriod.start"))
        .unwrap_or_default();
    let mut comment = f.notes("note");
    if let (None, Some(s)) = (&code, snomed) {
        comment.push(format!("SNOMED CT {s}"));
    }
    Mapped::Problem(ProblemDraft {
        code,
        description,
        status,
        onset,
        resolved: if status == ProblemStatus::Resolved {
            abatement.unwrap_or_default()
        } else {
            String::new()
        },
        comment: comment.join("\n"),
    })
}

pub(super) fn allergy(f: &mut Fields<'_>) -> Mapped {
    if let Some(skip) = verification_skip(
        f,
        &["unconfirmed", "confirmed", "refuted", "entered-in-error"],
    ) {
        return skip;
    }
    let clinical = f.status("clinicalStatus", &ALLERGY_CLINICAL);
    if let Some((code, _)) = f.coded_in("code", SNOMED) {
        let drugs_only = match code {
            "716186003" => Some(false),
            "409137002" => Some(true),
            _ => None,
        };
        if let Some(drugs_only) = drugs_only {
            return if clinical == Some("active") || clinical.is_none() {
                Mapped::NoKnownAllergies { drugs_only }
            } else {
                Mapped::Skipped("a withdrawn \"no known allergies\" statement".into())
            };
        }
    }
    let substance_code = f
        .coded_in("code", "urn:charta:allergen")
        .map(|(c, _)| c.to_string());
    let substance = match f.concept_text("code") {
        Some(s) => s,
        None => {
            f.issue("code", "has no text or display; Charta needs the substance");
            String::new()
        }
    };
    let kind = match f.code("type", &["allergy", "intolerance"]) {
        Some("intolerance") => AllergyKind::Intolerance,
        _ => AllergyKind::Allergy,
    };
    let criticality = match f.code("criticality", &["low", "high", "unable-to-assess"]) {
        Some("low") => Criticality::Low,
        Some("high") => Criticality::High,
        _ => Criticality::UnableToAssess,
    };
    let status = match clinical {
        Some("inactive") => AllergyStatus::Inactive,
        Some("resolved") => AllergyStatus::Resolved,
        _ => AllergyStatus::Active,
    };
    let mut reactions = Vec::new();
    let mut severity = None;
    for (i, r) in f.array("reaction").iter().enumerate() {
        for m in r
            .get("manifestation")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let words = m.get("text").and_then(Value::as_str).or_else(|| {
                m.get("coding")?
                    .as_array()?
                    .first()?
                    .get("display")?
                    .as_str()
            });
            if let Some(w) = words {
                reactions.push(w.trim().to_string());
            }
        }
        let found = match r.get("severity") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => match s.as_str() {
                "mild" => Some(Severity::Mild),
                "moderate" => Some(Severity::Moderate),
                "severe" => Some(Severity::Severe),
                other => {
                    let message = format!("\"{other}\" is not one of mild, moderate, severe");
                    f.issue(&format!("reaction[{i}].severity"), message);
                    None
                }
            },
            Some(_) => {
                f.issue(&format!("reaction[{i}].severity"), "must be a string");
                None
            }
        };
        severity = severity.or(found);
    }
    let mut comment = f.notes("note");
    let others: Vec<String> = f
        .codings("code")
        .iter()
        .skip(1)
        .filter(|c| !c.display.is_empty())
        .map(|c| c.display.to_string())
        .collect();
    if !others.is_empty() && substance_code.is_none() {
        comment.push(format!("Also coded as: {}", others.join(", ")));
    }
    Mapped::Allergy(AllergyDraft {
        substance_code,
        substance,
        kind,
        reaction: reactions.join(", "),
        severity,
        criticality,
        status,
        onset: f.date("onsetDateTime").unwrap_or_default(),
        comment: comment.join("\n"),
    })
}

/// A MedicationRequest or MedicationStatement, as a medication the patient is (or was) on.
pub(super) fn medication(f: &mut Fields<'_>, statement: bool) -> Mapped {
    let status = if statement {
        f.code(
            "status",
            &[
                "active",
                "completed",
                "entered-in-error",
                "intended",
                "stopped",
                "on-hold",
                "unknown",
                "not-taken",
            ],
        )
    } else {
        f.code(
            "status",
            &[
                "active",
                "on-hold",
                "cancelled",
                "completed",
                "entered-in-error",
                "stopped",
                "draft",
                "unknown",
            ],
        )
    };
    let status = match status {
        Some("entered-in-error") => return Mapped::Skipped("entered in error".into()),
        Some("draft") => return Mapped::Skipped("an unsigned draft in the old system".into()),
        Some("not-taken") => return Mapped::Kept("a medication the patient is not taking".into()),
        Some("completed") => MedicationStatus::Completed,
        Some("stopped") | Some("cancelled") => MedicationStatus::Stopped,
        _ => MedicationStatus::Active,
    };
    if f.at("medicationReference").is_some() && f.at("medicationCodeableConcept").is_none() {
        return Mapped::Kept("names its drug by a Medication reference".into());
    }
    let Some(name) = f.concept_text("medicationCodeableConcept") else {
        f.issue(
            "medicationCodeableConcept",
            "is missing or has no text; Charta needs the drug's name",
        );
        return Mapped::Skipped(String::new());
    };
    let rxcui = f
        .coded_in("medicationCodeableConcept", RXNORM)
        .map(|(c, _)| c.to_string());
    let dosage_path = if statement {
        "dosage"
    } else {
        "dosageInstruction"
    };
    let how_taken = f
        .array(dosage_path)
        .iter()
        .filter_map(|d| d.get("text").and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join("; ");
    let start = if statement {
        f.date("effectivePeriod.start")
            .or_else(|| f.date("effectiveDateTime"))
    } else {
        f.date("dispenseRequest.validityPeriod.start")
            .or_else(|| f.date("authoredOn"))
    };
    let end = if statement {
        f.date("effectivePeriod.end")
    } else {
        f.date("dispenseRequest.validityPeriod.end")
    };
    let full_date = |d: Option<String>| d.and_then(|d| d.parse::<chrono::NaiveDate>().ok());
    let reported_by = if statement {
        f.text("informationSource.display").map(str::to_string)
    } else {
        f.text("requester.display")
            .map(|r| format!("prescribed by {r}"))
    };
    // MedicationStatement.statusReason is a list; MedicationRequest's is one concept.
    let ended_reason = (status == MedicationStatus::Stopped).then(|| {
        let reason = if statement {
            f.array("statusReason")
                .first()
                .and_then(|r| r.get("text")?.as_str().map(str::to_string))
        } else {
            f.concept_text("statusReason")
        };
        reason.unwrap_or_else(|| "stopped in the previous system".to_string())
    });
    Mapped::Medication(Box::new(ImportedMedication {
        draft: ReportedMedicationDraft {
            product_code: None,
            name,
            how_taken,
            reported_by: reported_by.unwrap_or_else(|| "imported record".to_string()),
            start_date: full_date(start),
        },
        rxcui,
        status,
        end_date: full_date(end),
        ended_reason,
    }))
}

fn route_code(route: &str) -> Option<&'static str> {
    let r = route.trim().to_lowercase();
    match r.as_str() {
        "im" | "intramuscular" | "intramuscular use" => Some("IM"),
        "sc" | "subcutaneous" | "subcutaneous use" => Some("SC"),
        "id" | "intradermal" | "intradermal use" => Some("ID"),
        "po" | "oral" | "oral use" => Some("PO"),
        "in" | "nasal" | "intranasal" | "nasal use" => Some("IN"),
        _ => None,
    }
}

pub(super) fn immunization(f: &mut Fields<'_>) -> Mapped {
    let status = f.code("status", &["completed", "entered-in-error", "not-done"]);
    let kind = match status {
        Some("entered-in-error") => return Mapped::Skipped("entered in error".into()),
        Some("not-done") => ImmunizationKind::Refused,
        _ => ImmunizationKind::Historical,
    };
    let cvx = match f.coded_in("vaccineCode", CVX) {
        Some((code, _)) => code.to_string(),
        None => {
            let words = f.concept_text("vaccineCode").unwrap_or_default();
            return Mapped::Kept(format!("a vaccine without a CVX code ({words})"));
        }
    };
    let given_on = f
        .required_text("occurrenceDateTime", "Charta needs the date of the dose")
        .and_then(|d| d.split('T').next())
        .unwrap_or_default()
        .to_string();
    let route = f.concept_text("route").unwrap_or_default();
    let given_by_name = f
        .array("performer")
        .iter()
        .find_map(|p| p.get("actor")?.get("display")?.as_str())
        .unwrap_or_default()
        .to_string();
    let dose_number = f
        .array("protocolApplied")
        .iter()
        .find_map(|p| p.get("doseNumberPositiveInt")?.as_u64())
        .and_then(|n| u32::try_from(n).ok());
    let vis_date = f
        .array("education")
        .iter()
        .find_map(|e| e.get("publicationDate")?.as_str())
        .and_then(|d| d.split('T').next())
        .unwrap_or_default()
        .to_string();
    let refusal_reason = if kind == ImmunizationKind::Refused {
        f.concept_text("statusReason")
            .unwrap_or_else(|| "declined (reason not recorded)".to_string())
    } else {
        String::new()
    };
    Mapped::Immunization(ImmunizationDraft {
        kind,
        cvx,
        given_on,
        dose_number,
        lot: f.text("lotNumber").unwrap_or_default().to_string(),
        expires_on: f.date("expirationDate").unwrap_or_default(),
        manufacturer: f
            .text("manufacturer.display")
            .unwrap_or_default()
            .to_string(),
        site: f.concept_text("site").unwrap_or_default(),
        route: route_code(&route).unwrap_or_default().to_string(),
        given_by_name,
        source_note: f
            .concept_text("reportOrigin")
            .unwrap_or_else(|| "imported record".to_string()),
        vis_date,
        refusal_reason,
    })
}
