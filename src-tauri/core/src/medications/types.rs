//! The medication vocabulary every area speaks: products and their ingredients, structured
//! sigs, the medication list's entries, safety alerts and overrides. The UI gets them through
//! ts-rs; each area (formulary, safety, prescribing, import, print) builds on these.

use crate::ids::{AllergyId, FavouriteId, MedicationId, PatientId, UserId, VisitId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How a medication is given. Stored and sent as the camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Route {
    Oral,
    Sublingual,
    Buccal,
    Topical,
    Transdermal,
    Ophthalmic,
    Otic,
    Nasal,
    Inhaled,
    Rectal,
    Vaginal,
    Subcutaneous,
    Intramuscular,
    Intravenous,
    Other,
}

impl Route {
    pub const ALL: [Route; 15] = [
        Route::Oral,
        Route::Sublingual,
        Route::Buccal,
        Route::Topical,
        Route::Transdermal,
        Route::Ophthalmic,
        Route::Otic,
        Route::Nasal,
        Route::Inhaled,
        Route::Rectal,
        Route::Vaginal,
        Route::Subcutaneous,
        Route::Intramuscular,
        Route::Intravenous,
        Route::Other,
    ];

    /// As stored and in the asset tables.
    pub fn as_str(self) -> &'static str {
        match self {
            Route::Oral => "oral",
            Route::Sublingual => "sublingual",
            Route::Buccal => "buccal",
            Route::Topical => "topical",
            Route::Transdermal => "transdermal",
            Route::Ophthalmic => "ophthalmic",
            Route::Otic => "otic",
            Route::Nasal => "nasal",
            Route::Inhaled => "inhaled",
            Route::Rectal => "rectal",
            Route::Vaginal => "vaginal",
            Route::Subcutaneous => "subcutaneous",
            Route::Intramuscular => "intramuscular",
            Route::Intravenous => "intravenous",
            Route::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// US controlled-substance schedule (21 CFR 1308). A prescription for one prints the
/// prescriber's DEA number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub enum ControlledSchedule {
    CII,
    CIII,
    CIV,
    CV,
}

impl ControlledSchedule {
    pub const ALL: [ControlledSchedule; 4] = [
        ControlledSchedule::CII,
        ControlledSchedule::CIII,
        ControlledSchedule::CIV,
        ControlledSchedule::CV,
    ];

    /// As stored and printed: "CII".
    pub fn as_str(self) -> &'static str {
        match self {
            ControlledSchedule::CII => "CII",
            ControlledSchedule::CIII => "CIII",
            ControlledSchedule::CIV => "CIV",
            ControlledSchedule::CV => "CV",
        }
    }

    pub fn parse(text: &str) -> Option<ControlledSchedule> {
        ControlledSchedule::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One active ingredient of a product, with its amount in one dose unit of the product
/// (a tablet, a capsule, one mL of a liquid, one puff).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ingredient {
    /// The ingredient's code in the allergen/drug vocabulary (`drug:amoxicillin`), so the
    /// allergy and interaction checks match it; `rxin:<RxCUI>` for an imported ingredient the
    /// vocabulary does not know.
    pub code: String,
    pub name: String,
    /// Amount per dose unit, in `unit` (500 for "500 mg" per tablet; 80 for 400 mg/5 mL per mL).
    pub amount: Option<f64>,
    /// "mg", "mcg", "g", "unit", "mEq", "%" …
    pub unit: String,
}

/// Where a product came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ProductSource {
    /// Charta's authored formulary (`assets/formulary/`).
    Formulary,
    /// Imported by the practice from RxNorm release files.
    RxnormImport,
}

/// A prescribable product: one strength of one dose form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    /// Charta's key: `rx:<RxCUI>` when RxNorm-coded, else `charta:<slug>`.
    pub code: String,
    pub rxcui: Option<String>,
    /// As a prescriber reads it: "amoxicillin 500 mg oral capsule".
    pub name: String,
    pub ingredients: Vec<Ingredient>,
    /// As printed: "500 mg", "875 mg / 125 mg", "400 mg/5 mL".
    pub strength: String,
    /// "tablet", "extended-release tablet", "capsule", "oral suspension", "inhaler", "cream" …
    pub dose_form: String,
    /// What one dose is counted in: "tablet", "capsule", "mL", "puff", "drop", "application",
    /// "unit", "patch", "spray".
    pub dose_unit: String,
    pub route: Route,
    /// Drug-class codes (`class:ace-inhibitors`), from the vocabulary, closed transitively.
    pub classes: Vec<String>,
    pub controlled: Option<ControlledSchedule>,
    /// Brand names and synonyms that find it ("Coumadin", "Jantoven").
    pub brands: Vec<String>,
    pub source: ProductSource,
}

/// The most one ingredient may be given by one route in a day, and the usual dose, with the
/// source of the figures. Amounts are in `unit` (the ingredient's).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DoseLimit {
    pub ingredient: String,
    pub route: Route,
    pub unit: String,
    /// "10–40 mg once daily".
    pub adult_usual: String,
    pub adult_max_per_day: Option<f64>,
    /// Children, by weight: the most per kg per day, and the absolute cap per day.
    pub child_max_per_kg_per_day: Option<f64>,
    pub child_max_per_day: Option<f64>,
    /// Where the figures come from (label, reference).
    pub source: String,
}

/// How often a dose is taken. Stored as the camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SigFrequency {
    OnceDaily,
    TwiceDaily,
    ThreeTimesDaily,
    FourTimesDaily,
    Every4Hours,
    Every6Hours,
    Every8Hours,
    Every12Hours,
    EveryMorning,
    AtBedtime,
    EveryOtherDay,
    OnceWeekly,
    /// One dose only.
    Once,
}

/// A structured sig: what the patient takes, how, how often and for how long.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Sig {
    /// 1, 0.5, 2, 5 (mL) …
    pub dose: f64,
    /// The product's dose unit ("tablet", "mL", "puff" …).
    pub dose_unit: String,
    pub route: Route,
    pub frequency: SigFrequency,
    /// As needed; then `prn_indication` says for what ("for pain").
    pub prn: bool,
    pub prn_indication: String,
    /// Days of treatment; none = ongoing.
    pub duration_days: Option<u32>,
    /// Anything else the label says ("with food", "do not crush").
    pub extra: String,
}

/// What a prescriber writes: the product, the sig, the dispensing. Field names are the
/// camelCase field names the errors point at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrescriptionDraft {
    pub product_code: String,
    pub sig: Sig,
    pub quantity: f64,
    /// Usually the product's dose unit ("tablet", "mL"); "inhaler", "tube", "bottle" for a
    /// whole package.
    pub quantity_unit: String,
    pub refills: u32,
    pub dispense_as_written: bool,
    pub note_to_pharmacist: String,
    /// Why it is prescribed ("hypertension"), printed when the prescriber chooses.
    pub indication: String,
    /// The visit it was prescribed at, if any.
    pub visit_id: Option<VisitId>,
    pub start_date: Option<NaiveDate>,
}

/// A medication the patient reports taking, or one prescribed elsewhere: coded when it was
/// found in the formulary, free text (uncoded) otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReportedMedicationDraft {
    /// A product found by search, or none for free text.
    pub product_code: Option<String>,
    /// The free text ("turmeric capsules", "blood pressure pill from Dr. Lee") when uncoded;
    /// ignored when coded.
    pub name: String,
    /// How the patient takes it, in their words.
    pub how_taken: String,
    /// "patient", "hospital discharge", "Dr. Lee (cardiology)" …
    pub reported_by: String,
    pub start_date: Option<NaiveDate>,
}

/// Whether an entry was prescribed here or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MedicationOrigin {
    Prescribed,
    Reported,
}

/// Where a medication list entry stands. A prescription is a draft until a prescriber signs
/// it; signed content is never rewritten (renew and change make new prescriptions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MedicationStatus {
    Draft,
    Active,
    /// Stopped by a prescriber (or the patient, for a reported one) with a reason.
    Stopped,
    /// Replaced by a signed renewal or change.
    Superseded,
    /// The course ran out (end date passed).
    Completed,
    EnteredInError,
}

impl MedicationStatus {
    pub const ALL: [MedicationStatus; 6] = [
        MedicationStatus::Draft,
        MedicationStatus::Active,
        MedicationStatus::Stopped,
        MedicationStatus::Superseded,
        MedicationStatus::Completed,
        MedicationStatus::EnteredInError,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            MedicationStatus::Draft => "draft",
            MedicationStatus::Active => "active",
            MedicationStatus::Stopped => "stopped",
            MedicationStatus::Superseded => "superseded",
            MedicationStatus::Completed => "completed",
            MedicationStatus::EnteredInError => "enteredInError",
        }
    }

    pub fn parse(text: &str) -> Option<MedicationStatus> {
        MedicationStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
    }
}

/// One entry of a patient's medication list, as every screen shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Medication {
    pub id: MedicationId,
    pub patient_id: PatientId,
    pub origin: MedicationOrigin,
    pub status: MedicationStatus,
    /// None for an uncoded (free-text) reported medication.
    pub product_code: Option<String>,
    pub rxcui: Option<String>,
    /// The product's name when it was written (kept, even if the catalogue changes), or the
    /// free text.
    pub name: String,
    /// Ingredient codes the checks match (empty when uncoded).
    pub ingredient_codes: Vec<String>,
    pub controlled: Option<ControlledSchedule>,
    /// Structured sig (prescriptions; reported ones may have none).
    pub sig: Option<Sig>,
    /// The plain-language sig ("Take 1 tablet by mouth twice daily for 10 days"), or the
    /// patient's words for a reported one.
    pub sig_text: String,
    pub quantity: Option<f64>,
    pub quantity_unit: String,
    pub refills: u32,
    pub dispense_as_written: bool,
    pub note_to_pharmacist: String,
    pub indication: String,
    pub reported_by: String,
    pub visit_id: Option<VisitId>,
    pub start_date: Option<NaiveDate>,
    /// Last day of the course when the sig has a duration.
    pub end_date: Option<NaiveDate>,
    /// Who wrote it (the drafter: a nurse for a renewal draft, or the physician).
    pub written_by: UserId,
    pub written_by_name: String,
    #[ts(type = "string")]
    pub written_at: DateTime<Utc>,
    /// The prescriber who signed it.
    pub signed_by: Option<UserId>,
    pub signed_by_name: Option<String>,
    #[ts(type = "string | null")]
    pub signed_at: Option<DateTime<Utc>>,
    /// The prescription this one renews or changes.
    pub renews: Option<MedicationId>,
    pub replaces: Option<MedicationId>,
    /// Why it was stopped / entered in error, who and when.
    pub ended_reason: Option<String>,
    pub ended_by_name: Option<String>,
    #[ts(type = "string | null")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Alerts overridden when it was signed (shown on its history).
    pub overrides: Vec<AlertOverride>,
    pub version: u32,
}

/// A patient's medication list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MedicationList {
    pub patient_id: PatientId,
    /// Active prescriptions and reported medications, by name.
    pub active: Vec<Medication>,
    /// Unsigned prescriptions (drafts and renewal drafts waiting for a prescriber).
    pub drafts: Vec<Medication>,
    /// Stopped, superseded, completed and entered-in-error ones, newest first.
    pub past: Vec<Medication>,
    /// When the list was last reconciled, and by whom.
    pub last_reconciled: Option<ReconciliationSummary>,
}

/// Which check raised an alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AlertKind {
    DrugDrug,
    DrugAllergy,
    DuplicateTherapy,
    Dose,
    Renal,
    Age,
}

impl AlertKind {
    pub const ALL: [AlertKind; 6] = [
        AlertKind::DrugDrug,
        AlertKind::DrugAllergy,
        AlertKind::DuplicateTherapy,
        AlertKind::Dose,
        AlertKind::Renal,
        AlertKind::Age,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertKind::DrugDrug => "drugDrug",
            AlertKind::DrugAllergy => "drugAllergy",
            AlertKind::DuplicateTherapy => "duplicateTherapy",
            AlertKind::Dose => "dose",
            AlertKind::Renal => "renal",
            AlertKind::Age => "age",
        }
    }

    pub fn parse(text: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// How serious an alert is. Contraindicated and major alerts interrupt signing and need an
/// override reason; moderate and minor ones are shown without stopping the prescriber.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AlertSeverity {
    Minor,
    Moderate,
    Major,
    Contraindicated,
}

impl AlertSeverity {
    pub const ALL: [AlertSeverity; 4] = [
        AlertSeverity::Minor,
        AlertSeverity::Moderate,
        AlertSeverity::Major,
        AlertSeverity::Contraindicated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AlertSeverity::Minor => "minor",
            AlertSeverity::Moderate => "moderate",
            AlertSeverity::Major => "major",
            AlertSeverity::Contraindicated => "contraindicated",
        }
    }

    pub fn parse(text: &str) -> Option<AlertSeverity> {
        AlertSeverity::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether signing stops until the prescriber gives an override reason.
    pub fn interrupts(self) -> bool {
        matches!(self, AlertSeverity::Major | AlertSeverity::Contraindicated)
    }
}

/// One safety alert on a prescription about to be signed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SafetyAlert {
    /// Stable for the same finding on the same prescription ("ddi:<rule id>:<medication id>",
    /// "allergy:<allergy id>", "duplicate:<medication id>", "dose:<ingredient>",
    /// "renal:<caution id>", "age:<caution id>"): an override names the alert by it.
    pub key: String,
    pub kind: AlertKind,
    pub severity: AlertSeverity,
    /// One line: "Warfarin + ibuprofen (NSAID): bleeding".
    pub title: String,
    /// Mechanism and effect.
    pub detail: String,
    /// What to do.
    pub action: String,
    /// The citation the rule comes from.
    pub source: String,
    /// The rule's id in its asset table, when a table rule fired.
    pub rule_id: Option<String>,
    /// The active medication or allergy it is about.
    pub medication_id: Option<MedicationId>,
    pub allergy_id: Option<AllergyId>,
}

/// The checks' result for one prescription.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SafetyCheck {
    /// Most serious first.
    pub alerts: Vec<SafetyAlert>,
    /// Whether any alert interrupts (needs an override reason to sign).
    pub needs_override: bool,
}

/// A prescriber's reason for signing despite an alert; kept with the prescription and audited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AlertOverride {
    pub key: String,
    pub reason: String,
    /// Filled from the alert when stored (ignored on input).
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub severity: Option<AlertSeverity>,
}

/// What happened to one list entry at a reconciliation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ReconciliationAction {
    /// Still taken as listed.
    Confirmed,
    /// Taken differently: a note says how (a prescription's change is a new prescription).
    Changed,
    /// No longer taken: the entry is stopped with the note as the reason.
    Stopped,
}

/// One entry's decision in a reconciliation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReconciliationItem {
    pub medication_id: MedicationId,
    pub action: ReconciliationAction,
    pub note: String,
}

/// When and by whom a list was last reconciled.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReconciliationSummary {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub by_name: String,
    pub visit_id: Option<VisitId>,
    pub confirmed: u32,
    pub changed: u32,
    pub stopped: u32,
}

/// A practice favourite: a product with its default sig and dispensing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Favourite {
    pub id: FavouriteId,
    /// "Amoxicillin for otitis media (adult)".
    pub label: String,
    pub product: Product,
    pub sig: Sig,
    pub quantity: f64,
    pub quantity_unit: String,
    pub refills: u32,
    pub created_by_name: String,
}

/// A favourite as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FavouriteDraft {
    pub label: String,
    pub product_code: String,
    pub sig: Sig,
    pub quantity: f64,
    pub quantity_unit: String,
    pub refills: u32,
}

/// One version in a medication's history: who did what, when, with which alerts overridden.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MedicationHistoryEntry {
    pub version: u32,
    /// "drafted", "signed", "renewal drafted", "changed", "stopped", "superseded",
    /// "reconciled", "entered in error" …
    pub change: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub by_name: String,
    pub reason: Option<String>,
    pub sig_text: String,
    pub overrides: Vec<AlertOverride>,
}
