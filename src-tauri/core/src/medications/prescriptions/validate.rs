//! Checking what a prescriber or nurse typed, field by field (field names are the draft's
//! camelCase names, nested as `sig.dose`), and the pure rule that decides whether the alerts
//! of a prescription about to be signed are all answered by override reasons.

use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{MedicationId, PatientId, UserId};
use crate::medications::{
    formulary, sig, AlertOverride, ControlledSchedule, Medication, MedicationOrigin,
    MedicationStatus, PrescriptionDraft, Product, ReportedMedicationDraft, SafetyAlert,
    SafetyCheck, Sig,
};
use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::Connection;

/// The largest single dose accepted (in any dose unit: 1000 units of insulin, 1000 mL).
pub const MAX_DOSE: f64 = 1000.0;
/// The largest quantity dispensed at once.
pub const MAX_QUANTITY: f64 = 10_000.0;
/// Refills: at most 11 (a year of monthly fills); none for schedule II (21 CFR 1306.12).
pub const MAX_REFILLS: u32 = 11;
const MAX_DURATION_DAYS: u32 = 365;
const MAX_UNIT: usize = 40;
const MAX_SHORT_TEXT: usize = 200;
const MAX_LONG_TEXT: usize = 1000;
const MAX_OVERRIDE_REASON: usize = 500;
/// How far from today a start date may lie (a course is written for now, not next year).
const START_WINDOW_DAYS: u64 = 366;

/// A draft that passed: the product it names and the cleaned-up fields.
#[derive(Debug, Clone)]
pub(crate) struct ValidDraft {
    pub product: Product,
    pub sig: Sig,
    pub quantity: f64,
    pub quantity_unit: String,
    pub refills: u32,
    pub dispense_as_written: bool,
    pub note_to_pharmacist: String,
    pub indication: String,
    pub start_date: NaiveDate,
    /// The last day of the course, when the sig has a duration.
    pub end_date: Option<NaiveDate>,
}

fn too_long(errors: &mut Vec<FieldError>, field: &str, text: &str, max: usize) {
    if text.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("Keep this under {max} characters"),
        ));
    }
}

/// Checks the sig on its own; errors name `sig.<field>`.
fn check_sig(s: &Sig, errors: &mut Vec<FieldError>) -> Sig {
    let mut s = s.clone();
    s.dose_unit = s.dose_unit.trim().to_string();
    s.prn_indication = s.prn_indication.trim().to_string();
    s.extra = s.extra.trim().to_string();
    if !s.dose.is_finite() || s.dose <= 0.0 {
        errors.push(FieldError::new("sig.dose", "Enter a dose above zero"));
    } else if s.dose > MAX_DOSE {
        errors.push(FieldError::new(
            "sig.dose",
            format!("A single dose above {MAX_DOSE} is not plausible; check the dose"),
        ));
    }
    if s.dose_unit.is_empty() {
        errors.push(FieldError::new(
            "sig.doseUnit",
            "Say what the dose is counted in (tablet, mL, puff …)",
        ));
    }
    too_long(errors, "sig.doseUnit", &s.dose_unit, MAX_UNIT);
    if s.prn && s.prn_indication.is_empty() {
        errors.push(FieldError::new(
            "sig.prnIndication",
            "Say what it is taken as needed for (for pain, for wheeze …)",
        ));
    }
    if !s.prn {
        s.prn_indication.clear();
    }
    too_long(
        errors,
        "sig.prnIndication",
        &s.prn_indication,
        MAX_SHORT_TEXT,
    );
    if let Some(d) = s.duration_days {
        if d == 0 || d > MAX_DURATION_DAYS {
            errors.push(FieldError::new(
                "sig.durationDays",
                "Give a duration of 1 to 365 days, or none for an ongoing medication",
            ));
        }
    }
    too_long(errors, "sig.extra", &s.extra, MAX_LONG_TEXT);
    s
}

/// Checks a prescription draft against the catalogue (the product must exist) and the
/// practice's `today` (the start date defaults to it).
pub(crate) fn validate_draft(
    conn: &Connection,
    draft: &PrescriptionDraft,
    today: NaiveDate,
) -> CoreResult<ValidDraft> {
    let mut errors = Vec::new();
    let code = draft.product_code.trim();
    let product = if code.is_empty() {
        errors.push(FieldError::new("productCode", "Choose a product"));
        None
    } else {
        let p = formulary::lookup(conn, code)?;
        if p.is_none() {
            errors.push(FieldError::new(
                "productCode",
                "This product is not in the catalogue; search for it again",
            ));
        }
        p
    };
    let sig = check_sig(&draft.sig, &mut errors);
    let quantity_unit = draft.quantity_unit.trim().to_string();
    if quantity_unit.is_empty() {
        errors.push(FieldError::new(
            "quantityUnit",
            "Say what the quantity is counted in (tablet, mL, inhaler …)",
        ));
    }
    too_long(&mut errors, "quantityUnit", &quantity_unit, MAX_UNIT);
    if !draft.quantity.is_finite() || draft.quantity <= 0.0 {
        errors.push(FieldError::new("quantity", "Enter a quantity above zero"));
    } else if draft.quantity > MAX_QUANTITY {
        errors.push(FieldError::new(
            "quantity",
            format!("A quantity above {MAX_QUANTITY} is not plausible; check it"),
        ));
    } else if !errors
        .iter()
        .any(|e| e.field.starts_with("sig.") || e.field == "quantityUnit")
    {
        // Only a sound sig can say what quantity it needs.
        if let Err(e) = sig::check_quantity(&sig, draft.quantity, &quantity_unit) {
            errors.push(e);
        }
    }
    if draft.refills > MAX_REFILLS {
        errors.push(FieldError::new(
            "refills",
            format!("At most {MAX_REFILLS} refills"),
        ));
    } else if draft.refills > 0
        && product
            .as_ref()
            .is_some_and(|p| p.controlled == Some(ControlledSchedule::CII))
    {
        errors.push(FieldError::new(
            "refills",
            "A schedule II prescription cannot be refilled (21 CFR 1306.12); write a new one",
        ));
    }
    let note_to_pharmacist = draft.note_to_pharmacist.trim().to_string();
    too_long(
        &mut errors,
        "noteToPharmacist",
        &note_to_pharmacist,
        MAX_LONG_TEXT,
    );
    let indication = draft.indication.trim().to_string();
    too_long(&mut errors, "indication", &indication, MAX_SHORT_TEXT);
    let start_date = draft.start_date.unwrap_or(today);
    let earliest = today.checked_sub_days(Days::new(START_WINDOW_DAYS));
    let latest = today.checked_add_days(Days::new(START_WINDOW_DAYS));
    if earliest.is_some_and(|d| start_date < d) || latest.is_some_and(|d| start_date > d) {
        errors.push(FieldError::new("startDate", "Start within a year of today"));
    }
    let end_date = sig
        .duration_days
        .filter(|d| (1..=MAX_DURATION_DAYS).contains(d))
        .and_then(|d| start_date.checked_add_days(Days::new(u64::from(d) - 1)));
    match (errors.is_empty(), product) {
        (true, Some(product)) => Ok(ValidDraft {
            product,
            sig,
            quantity: draft.quantity,
            quantity_unit,
            refills: draft.refills,
            dispense_as_written: draft.dispense_as_written,
            note_to_pharmacist,
            indication,
            start_date,
            end_date,
        }),
        _ => Err(CoreError::Invalid(errors)),
    }
}

/// A reported medication that passed: the product when coded.
#[derive(Debug, Clone)]
pub(crate) struct ValidReported {
    pub product: Option<Product>,
    pub name: String,
    pub how_taken: String,
    pub reported_by: String,
    pub start_date: Option<NaiveDate>,
}

impl ValidReported {
    /// The active medication list entry this report becomes, written by `by` (`by_name`) at
    /// `now`: the form's and the FHIR import's one shape of a reported medication.
    pub(crate) fn into_medication(
        self,
        id: MedicationId,
        patient: PatientId,
        by: UserId,
        by_name: String,
        now: DateTime<Utc>,
    ) -> Medication {
        let product = self.product;
        Medication {
            id,
            patient_id: patient,
            origin: MedicationOrigin::Reported,
            status: MedicationStatus::Active,
            product_code: product.as_ref().map(|p| p.code.clone()),
            rxcui: product.as_ref().and_then(|p| p.rxcui.clone()),
            name: self.name,
            ingredient_codes: product
                .as_ref()
                .map(|p| p.ingredients.iter().map(|i| i.code.clone()).collect())
                .unwrap_or_default(),
            controlled: product.as_ref().and_then(|p| p.controlled),
            sig: None,
            sig_text: self.how_taken,
            quantity: None,
            quantity_unit: String::new(),
            refills: 0,
            dispense_as_written: false,
            note_to_pharmacist: String::new(),
            indication: String::new(),
            reported_by: self.reported_by,
            visit_id: None,
            start_date: self.start_date,
            end_date: None,
            written_by: by,
            written_by_name: by_name,
            written_at: now,
            signed_by: None,
            signed_by_name: None,
            signed_at: None,
            renews: None,
            replaces: None,
            ended_reason: None,
            ended_by_name: None,
            ended_at: None,
            overrides: Vec::new(),
            version: 1,
        }
    }
}

pub(crate) fn validate_reported(
    conn: &Connection,
    draft: &ReportedMedicationDraft,
    today: NaiveDate,
) -> CoreResult<ValidReported> {
    let mut errors = Vec::new();
    let code = draft
        .product_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let product = match code {
        Some(c) => {
            let p = formulary::lookup(conn, c)?;
            if p.is_none() {
                errors.push(FieldError::new(
                    "productCode",
                    "This product is not in the catalogue; search again or record it as free text",
                ));
            }
            p
        }
        None => None,
    };
    let name = match &product {
        Some(p) => p.name.clone(),
        None => draft.name.trim().to_string(),
    };
    if code.is_none() && name.is_empty() {
        errors.push(FieldError::new(
            "name",
            "Name the medication (as the patient says it) or pick it from the search",
        ));
    }
    too_long(&mut errors, "name", &name, MAX_SHORT_TEXT);
    let how_taken = draft.how_taken.trim().to_string();
    too_long(&mut errors, "howTaken", &how_taken, MAX_LONG_TEXT);
    let reported_by = draft.reported_by.trim().to_string();
    too_long(&mut errors, "reportedBy", &reported_by, MAX_SHORT_TEXT);
    if draft.start_date.is_some_and(|d| d > today) {
        errors.push(FieldError::new(
            "startDate",
            "A medication the patient takes started today or earlier",
        ));
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(ValidReported {
        product,
        name,
        how_taken,
        reported_by,
        start_date: draft.start_date,
    })
}

/// Pairs each alert with the override reason given for it, and refuses while an interrupting
/// alert has none (one field error on `overrides` per such alert, naming it). Overrides for
/// keys no alert has are ignored: the checks decide what needs answering, not the caller.
/// An alert repeated under the same key is answered (and kept) once.
pub(crate) fn answer_alerts(
    check: &SafetyCheck,
    overrides: &[AlertOverride],
) -> CoreResult<Vec<(SafetyAlert, Option<String>)>> {
    let mut errors = Vec::new();
    let mut answered: Vec<(SafetyAlert, Option<String>)> = Vec::with_capacity(check.alerts.len());
    for alert in &check.alerts {
        // One finding is kept once (the alerts' key is their identity in the table).
        if answered.iter().any(|(a, _)| a.key == alert.key) {
            continue;
        }
        let reason = overrides
            .iter()
            .filter(|o| o.key == alert.key)
            .map(|o| o.reason.trim())
            .find(|r| !r.is_empty())
            .map(str::to_string);
        match &reason {
            None if alert.severity.interrupts() => errors.push(FieldError::new(
                "overrides",
                format!("{} needs a reason to override", alert.title),
            )),
            Some(r) if r.chars().count() > MAX_OVERRIDE_REASON => errors.push(FieldError::new(
                "overrides",
                format!(
                    "Keep the reason to override {} under 500 characters",
                    alert.title
                ),
            )),
            _ => {}
        }
        answered.push((alert.clone(), reason));
    }
    if errors.is_empty() {
        Ok(answered)
    } else {
        Err(CoreError::Invalid(errors))
    }
}
