//! The demo's two scenario patients for the prescribing story, found by name: Walter Ibsen
//! (an adult taking ibuprofen 400 mg, no anticoagulant: a warfarin prescription meets the
//! NSAID interaction) and Paula Brennan (an active, severe, coded penicillin allergy with
//! hives: amoxicillin is warned). Synthetic like every demo patient and registered through
//! the same path; each has one signed visit where the current list was made.

use super::catalogue as cat;
use super::patient::{Context, Ids, Plan, Planner, Staff, Written};
use super::Sigs;
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::patient::{PatientStatus, SexAtBirth};
use crate::schedule::time::practice_zone;
use crate::store::chart_seed::{self, SeedAllergy, SeedPatient, SeedVisit};
use crate::synth::{ChartProviders, PracticeGenerator, Rng};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// `(family name, given name)`.
pub const WALTER_IBSEN: (&str, &str) = ("Ibsen", "Walter");
pub const PAULA_BRENNAN: (&str, &str) = ("Brennan", "Paula");

/// The scenario patients as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoScenarios {
    pub walter: PatientId,
    pub walter_mrn: u32,
    pub paula: PatientId,
    pub paula_mrn: u32,
}

const SCENARIO_VISIT: u128 = 0x5CE0;

impl ChartDb {
    /// Registers the two scenario patients (see the module comment) and writes their visit,
    /// allergy statement or allergy, and medication list. Public like
    /// [`ChartDb::add_generated_medications`], for the demo; ids from `first_id`. Audited:
    /// the registration as `add_generated_patients`, the chart and list as
    /// `add_generated_charts` and `add_generated_medications` in one transaction.
    pub fn add_demo_scenarios(
        &mut self,
        providers: &ChartProviders,
        first_id: u128,
        now: DateTime<Utc>,
    ) -> CoreResult<DemoScenarios> {
        let staff = Staff::new(providers)?;
        let mut generator = PracticeGenerator::new(0x5CE7_A210);
        // Both addresses and phones are drawn before either draft is queued (a queued draft
        // is what the generator hands out next).
        let templates = [generator.patient_draft(), generator.patient_draft()];
        for ((name, sex, dob), mut draft) in [
            (WALTER_IBSEN, SexAtBirth::Male, (1961, 4, 12)),
            (PAULA_BRENNAN, SexAtBirth::Female, (1979, 9, 3)),
        ]
        .into_iter()
        .zip(templates)
        {
            draft.family_name = name.0.into();
            draft.given_name = name.1.into();
            draft.middle_name = String::new();
            draft.preferred_name = String::new();
            draft.sex_at_birth = Some(sex);
            draft.date_of_birth = NaiveDate::from_ymd_opt(dob.0, dob.1, dob.2)
                .unwrap_or_default()
                .to_string();
            draft.status = PatientStatus::Active;
            draft.deceased_on = String::new();
            draft.email = format!(
                "{}.{}@example.com",
                name.1.to_lowercase(),
                name.0.to_lowercase()
            );
            generator.queue(draft);
        }
        let ids = self.add_generated_patients(&mut generator, 2, first_id, now)?;
        let (walter, paula) = match ids.as_slice() {
            [w, p] => (*w, *p),
            _ => {
                return Err(CoreError::Corrupt(
                    "scenario patients not registered".into(),
                ))
            }
        };
        let zone = self.read(practice_zone)?;
        let patients = self.read(chart_seed::patients)?;
        let find = |id: PatientId| {
            patients
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .ok_or_else(|| CoreError::Corrupt("scenario patient not found".into()))
        };
        let (walter_p, paula_p) = (find(walter)?, find(paula)?);
        let physician = staff.physicians[0].clone();
        let knee = crate::icd10::search("M25.561", 5)?
            .into_iter()
            .find(|h| h.code == "M25.561")
            .map(|h| h.description)
            .unwrap_or_else(|| "Pain in right knee".into());
        let throat = crate::icd10::search("J02.9", 5)?
            .into_iter()
            .find(|h| h.code == "J02.9")
            .map(|h| h.description)
            .unwrap_or_else(|| "Acute pharyngitis, unspecified".into());
        let mut sigs = Sigs::default();
        self.write(|tx| {
            // A signed visit takes no new diagnoses: they go in first, checked at commit.
            chart_seed::defer_foreign_keys(tx)?;
            let mut next = Ids(first_id);
            let day = |days: i64| {
                let d = crate::schedule::time::local_date(zone, now) - Duration::days(days);
                Utc.from_utc_datetime(&d.and_hms_opt(15, 30, 0).unwrap_or_default())
            };
            let visit = |id: String, p: &SeedPatient, at: DateTime<Utc>, reason: &str, soap: [&str; 4]| SeedVisit {
                id,
                patient: p.id.to_string(),
                provider: physician.clone(),
                started_at: at,
                visit_type: "office",
                reason: reason.into(),
                soap: soap.map(str::to_string),
                saved_at: at + Duration::minutes(25),
                signed: Some((at + Duration::minutes(30), physician.clone())),
            };
            let w = visit(
                next.next(SCENARIO_VISIT),
                &walter_p,
                day(35),
                "Right knee pain",
                [
                    "Right knee pain for two weeks after a long hike, worse on stairs; no locking.",
                    "Mild effusion of the right knee, full range of motion, ligaments stable.",
                    "Right knee pain, likely overuse.",
                    "Ibuprofen 400 mg with food up to three times daily as needed; ice; recheck in six weeks.",
                ],
            );
            chart_seed::diagnosis(tx, &next.next(SCENARIO_VISIT), &w, "M25.561", &knee, 0, &physician)?;
            chart_seed::visit(tx, &w)?;
            chart_seed::no_known_drug_allergies(tx, &next.next(SCENARIO_VISIT), &w.patient, w.started_at, &staff.recorder)?;
            let pv = visit(
                next.next(SCENARIO_VISIT),
                &paula_p,
                day(90),
                "Sore throat",
                [
                    "Sore throat and fever for two days; known penicillin allergy (hives as a child).",
                    "Tonsils red with exudate; tender anterior nodes; rapid strep test positive.",
                    "Streptococcal pharyngitis.",
                    "Azithromycin for five days because of the penicillin allergy; fluids, rest.",
                ],
            );
            chart_seed::diagnosis(tx, &next.next(SCENARIO_VISIT), &pv, "J02.9", &throat, 0, &physician)?;
            chart_seed::visit(tx, &pv)?;
            chart_seed::allergy(
                tx,
                &SeedAllergy {
                    id: next.next(super::patient::ALLERGY),
                    patient: pv.patient.clone(),
                    code: Some("class:penicillins"),
                    substance: "Penicillins",
                    category: "drug_class",
                    reaction: "Hives",
                    severity: "severe",
                    criticality: "high",
                    at: pv.started_at,
                    by: staff.recorder.clone(),
                },
            )?;
            let event = AuditEvent::new(now, None, "setup", "add_generated_charts", Outcome::Ok)
                .detail("charting for the 2 demo scenario patients, 2 visits".to_string());
            crate::audit::append(tx, &event)?;

            let mut written = Written::default();
            let mut rng = Rng::new(0x5CE7_A210);
            let context = Context::load(tx, &walter_p)?;
            let mut planner = Planner::new(&mut rng, &context, &staff, &mut sigs, &mut next, zone, now);
            planner.prescribe(&cat::IBUPROFEN_400, 0, "right knee pain", None, None)?;
            planner.report(0, None, "glucosamine chondroitin", "1 tablet daily for the knees")?;
            let rows = std::mem::take(&mut planner.rows);
            drop(planner);
            plan(rows).write(tx, &context, &staff, &mut written)?;

            let context = Context::load(tx, &paula_p)?;
            let mut planner = Planner::new(&mut rng, &context, &staff, &mut sigs, &mut next, zone, now);
            planner.prescribe(&cat::AZITHROMYCIN, 0, "streptococcal pharyngitis", None, None)?;
            planner.report(0, Some("rx:311372"), "loratadine 10 mg", "1 tablet daily in allergy season")?;
            let rows = std::mem::take(&mut planner.rows);
            drop(planner);
            plan(rows).write(tx, &context, &staff, &mut written)?;

            let event = AuditEvent::new(now, None, "setup", "add_generated_medications", Outcome::Ok)
                .detail(format!(
                    "medication lists for the 2 demo scenario patients: {} entries, {} active",
                    written.medications, written.active
                ));
            crate::audit::append(tx, &event)?;
            Ok(())
        })?;
        let walter_mrn =
            self.read(|c| crate::store::medication_seed::mrn(c, &walter.to_string()))?;
        let paula_mrn = self.read(|c| crate::store::medication_seed::mrn(c, &paula.to_string()))?;
        Ok(DemoScenarios {
            walter,
            walter_mrn,
            paula,
            paula_mrn,
        })
    }
}

fn plan(rows: Vec<super::patient::Row>) -> Plan {
    Plan {
        rows,
        alerts: Vec::new(),
        reconciliation: None,
        extra_allergies: Vec::new(),
        polypharmacy: false,
        checked: false,
    }
}
