//! The prescriber's operations on the generated medication lists: `prescribe_checked` (draft
//! and sign, with every safety check, for a patient taking 15 medications with 5 allergies),
//! `drug_search` (the prescribing box's queries) and `med_list` (the list of a random patient
//! with a history). An operation whose body is not built yet prints "<op>: not built".

use super::{time, Report};
use charta_core::ids::MedicationId;
use charta_core::medications::{AlertOverride, PrescriptionDraft, Route, Sig, SigFrequency};
use charta_core::synth::{GeneratedMedications, Rng};
use charta_core::{Actor, ChartDb, CoreError};
use chrono::{DateTime, Utc};
use std::io::Write;
use std::time::Instant;

/// What a prescriber types into the drug box: prefixes, a strength, a brand, a form.
const DRUG_QUERIES: &[&str] = &["amox", "lisin 10", "coumadin", "metf er", "atorv"];

/// Whether the error is a stub's "not built yet".
fn not_built(e: &CoreError) -> bool {
    matches!(e, CoreError::Forbidden(why) if why.ends_with("is not built yet"))
}

/// `(product code, dose, frequency, days, quantity)`: everyday prescriptions, several of
/// which meet an interaction, a duplicate or an allergy on a long list.
const PRESCRIPTIONS: &[(&str, f64, SigFrequency, Option<u32>, f64)] = &[
    (
        "rx:308192",
        1.0,
        SigFrequency::ThreeTimesDaily,
        Some(10),
        30.0,
    ),
    ("rx:855332", 1.0, SigFrequency::OnceDaily, None, 30.0),
    ("rx:198014", 1.0, SigFrequency::TwiceDaily, Some(10), 20.0),
    ("rx:198335", 1.0, SigFrequency::TwiceDaily, Some(3), 6.0),
    ("rx:314076", 1.0, SigFrequency::OnceDaily, None, 90.0),
    ("rx:312615", 2.0, SigFrequency::OnceDaily, Some(5), 10.0),
    ("rx:312938", 1.0, SigFrequency::OnceDaily, None, 90.0),
    ("rx:1648755", 1.0, SigFrequency::TwiceDaily, Some(5), 10.0),
];

fn draft(i: usize) -> PrescriptionDraft {
    let (code, dose, frequency, days, quantity) = PRESCRIPTIONS[i % PRESCRIPTIONS.len()];
    let unit = if code == "rx:1648755" {
        "capsule"
    } else {
        "tablet"
    };
    PrescriptionDraft {
        product_code: code.into(),
        sig: Sig {
            dose,
            dose_unit: unit.into(),
            route: Route::Oral,
            frequency,
            prn: false,
            prn_indication: String::new(),
            duration_days: days,
            extra: String::new(),
        },
        quantity,
        quantity_unit: unit.into(),
        refills: 0,
        dispense_as_written: false,
        note_to_pharmacist: String::new(),
        indication: String::new(),
        visit_id: None,
        start_date: None,
    }
}

pub fn medication_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    meds: &GeneratedMedications,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let samples = report.options.samples;
    prescribe_checked(report, db, doc, meds, now)?;
    db.checkpoint()?;

    let mut micros = Vec::with_capacity(samples);
    for q in DRUG_QUERIES.iter().cycle().take(samples) {
        match time(|| db.as_user(doc).drug_search(q, 20, now)) {
            Ok(us) => micros.push(us),
            Err(e) if not_built(&e) => break,
            Err(e) => return Err(e),
        }
    }
    if micros.is_empty() {
        let _ = writeln!(report.out, "drug_search: not built");
    } else {
        report.print("drug_search", micros);
    }

    med_list(report, db, doc, meds, seed, now)
}

/// `med_list`: the list of a random patient with a history.
pub fn med_list(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    meds: &GeneratedMedications,
    seed: u64,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let samples = report.options.samples;
    if meds.listed.is_empty() {
        let _ = writeln!(
            report.out,
            "(no patient with a medication list: med_list skipped)"
        );
        return Ok(());
    }
    let mut rng = Rng::new(seed ^ 0x3ED1_C1DE);
    let mut micros = Vec::with_capacity(samples);
    for _ in 0..samples {
        let patient = meds.listed[rng.below(meds.listed.len() as u64) as usize];
        match time(|| db.as_user(doc).medication_list(patient, now)) {
            Ok(us) => micros.push(us),
            Err(e) if not_built(&e) => break,
            Err(e) => return Err(e),
        }
    }
    if micros.is_empty() {
        let _ = writeln!(report.out, "med_list: not built");
    } else {
        report.print("med_list", micros);
    }
    db.checkpoint()?;
    Ok(())
}

/// Each sample drafts a prescription for one of the patients with 15 active medications and
/// 5 allergies and signs it with an override for every alert that interrupts; the time is
/// the draft plus the signature (which re-runs every check). The overrides are learnt from
/// `check_prescription` between the two, untimed, and the new prescription is stopped
/// afterwards, untimed, so every sample meets a list of 15.
fn prescribe_checked(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    meds: &GeneratedMedications,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    if meds.checked.is_empty() {
        let _ = writeln!(
            report.out,
            "(no patient with 15 active medications and 5 allergies at this size: prescribe_checked skipped)"
        );
        return Ok(());
    }
    let samples = report.options.samples;
    let mut micros = Vec::with_capacity(samples);
    for i in 0..samples {
        let patient = meds.checked[i % meds.checked.len()];
        let id = MedicationId::from_u128(0xBE4C_3ED1_0000_0000 + i as u128);
        let d = draft(i);
        let outcome = (|| -> Result<f64, CoreError> {
            let start = Instant::now();
            let drafted = db.as_user(doc).draft_prescription(patient, &d, id, now)?;
            let drafting = start.elapsed().as_secs_f64() * 1e6;
            let check = db.as_user(doc).check_prescription(id, now)?;
            let overrides: Vec<AlertOverride> = check
                .alerts
                .iter()
                .filter(|a| a.severity.interrupts())
                .map(|a| AlertOverride {
                    key: a.key.clone(),
                    reason: "Benefit outweighs the risk; monitoring arranged".into(),
                    title: String::new(),
                    severity: None,
                })
                .collect();
            let signing = time(|| {
                db.as_user(doc)
                    .sign_prescription(id, drafted.version, &overrides, now)
            })?;
            match db
                .as_user(doc)
                .discontinue_medication(id, "Benchmark sample", now)
            {
                Ok(_) => {}
                Err(e) if not_built(&e) => {}
                Err(e) => return Err(e),
            }
            Ok(drafting + signing)
        })();
        match outcome {
            Ok(us) => micros.push(us),
            Err(e) if not_built(&e) => {
                let _ = writeln!(report.out, "prescribe_checked: not built");
                return Ok(());
            }
            Err(e) => return Err(e),
        }
    }
    report.print("prescribe_checked", micros);
    Ok(())
}
