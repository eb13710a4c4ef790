//! The demo's three check-up scenario patients, registered just before the prescribing story's
//! two (so Walter Ibsen and Paula Brennan keep the practice's last two chart numbers and these
//! three have the three before them, MRN 996 + N to 998 + N for an N-patient demo): Gregory Halvorsen, 52,
//! seen for an annual physical, never screened for colorectal cancer (no colonoscopy, FIT or
//! stool DNA anywhere in his chart); Maya Lindqvist, two, with every well-child visit from the
//! newborn visit to 24 months, her weight, length and head circumference along steady
//! percentiles and her vaccines on schedule; and Denise Caldwell, 61, with type 2 diabetes
//! whose HbA1c rose to 9.8 % three days ago — that report and the same day's metabolic panel
//! (a critical potassium) wait unreviewed in drreyes's inbox. Synthetic like every demo
//! patient and registered through the same path.

use super::labs::PlannedReport;
use super::tests_table as tt;
use super::vaccines::PlannedDose;
use super::{Context, Staff, Writer};
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::patient::{PatientStatus, SexAtBirth};
use crate::schedule::time::{local_date, practice_zone};
use crate::store::chart_seed::{self, SeedPatient, SeedProblem, SeedVisit, SeedVitals};
use crate::synth::chart::growth_curve;
use crate::synth::{ChartProviders, PracticeGenerator, Rng};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// `(family name, given name)`.
pub const CHECKUP_UNSCREENED: (&str, &str) = ("Halvorsen", "Gregory");
pub const CHECKUP_TODDLER: (&str, &str) = ("Lindqvist", "Maya");
pub const CHECKUP_DIABETIC: (&str, &str) = ("Caldwell", "Denise");

/// The check-up scenario patients as registered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckupScenarios {
    pub unscreened: PatientId,
    pub toddler: PatientId,
    pub diabetic: PatientId,
    /// Their chart numbers, in the order above.
    pub mrns: [u32; 3],
}

const VISIT: u128 = 0x5CE1;

impl ChartDb {
    /// Registers the three check-up scenario patients (see the module comment) and writes
    /// their visits, vitals, problems, lab reports and immunizations. Public like
    /// [`ChartDb::add_demo_scenarios`], for the demo; run after
    /// [`ChartDb::add_generated_checkup`] and before `add_demo_scenarios`; ids from `first_id`; the first physician is the one
    /// whose inbox gets the diabetic's results. Audited: the registration as
    /// `add_generated_patients`, the charts and results as `add_generated_charts` and
    /// `add_generated_checkup` in one transaction.
    pub fn add_checkup_scenarios(
        &mut self,
        providers: &ChartProviders,
        first_id: u128,
        now: DateTime<Utc>,
    ) -> CoreResult<CheckupScenarios> {
        let staff = Staff::new(providers)?;
        let zone = self.read(practice_zone)?;
        let today = local_date(zone, now);
        let years_ago = |y: i64, days: i64| today - Duration::days(y * 365 + y / 4 + days);
        let mut generator = PracticeGenerator::new(0x5CE7_C4EC);
        let templates = [
            generator.patient_draft(),
            generator.patient_draft(),
            generator.patient_draft(),
        ];
        let people = [
            (CHECKUP_UNSCREENED, SexAtBirth::Male, years_ago(52, 75)),
            (CHECKUP_TODDLER, SexAtBirth::Female, years_ago(2, 12)),
            (CHECKUP_DIABETIC, SexAtBirth::Female, years_ago(61, 200)),
        ];
        for ((name, sex, dob), mut draft) in people.into_iter().zip(templates) {
            draft.family_name = name.0.into();
            draft.given_name = name.1.into();
            draft.middle_name = String::new();
            draft.preferred_name = String::new();
            draft.sex_at_birth = Some(sex);
            draft.date_of_birth = dob.to_string();
            draft.status = PatientStatus::Active;
            draft.deceased_on = String::new();
            draft.email = format!(
                "{}.{}@example.com",
                name.1.to_lowercase(),
                name.0.to_lowercase()
            );
            generator.queue(draft);
        }
        let ids = self.add_generated_patients(&mut generator, 3, first_id, now)?;
        let [unscreened, toddler, diabetic] = ids.as_slice() else {
            return Err(CoreError::Corrupt(
                "check-up scenario patients not registered".into(),
            ));
        };
        let (unscreened, toddler, diabetic) = (*unscreened, *toddler, *diabetic);
        let patients = self.read(chart_seed::patients)?;
        let find = |id: PatientId| {
            patients
                .iter()
                .find(|p| p.id == id)
                .cloned()
                .ok_or_else(|| CoreError::Corrupt("check-up scenario patient not found".into()))
        };
        let (gregory, maya, denise) = (find(unscreened)?, find(toddler)?, find(diabetic)?);
        let judging = tt::prepare();
        self.write(|tx| {
            chart_seed::defer_foreign_keys(tx)?;
            let mut w = Writer {
                tx,
                staff: &staff,
                judging: &judging,
                now,
                next_id: first_id,
                out: Default::default(),
            };
            let mut rng = Rng::new(0x5CE7_C4EC);
            let mut s = Scenario {
                w: &mut w,
                staff: &staff,
                now,
            };
            s.unscreened(&mut rng, &gregory)?;
            s.toddler(&mut rng, &maya)?;
            s.diabetic(&mut rng, &denise)?;
            let event = AuditEvent::new(now, None, "setup", "add_generated_charts", Outcome::Ok)
                .detail("charting for the 3 demo check-up scenario patients".to_string());
            crate::audit::append(tx, &event)?;
            let event = AuditEvent::new(now, None, "setup", "add_generated_checkup", Outcome::Ok)
                .detail(format!(
                "check-up data for the 3 demo scenario patients: {} lab reports, {} immunizations",
                w.out.lab_reports, w.out.immunizations
            ));
            crate::audit::append(tx, &event)?;
            Ok(())
        })?;
        let mrn =
            |id: PatientId| self.read(|c| crate::store::medication_seed::mrn(c, &id.to_string()));
        Ok(CheckupScenarios {
            unscreened,
            toddler,
            diabetic,
            mrns: [mrn(unscreened)?, mrn(toddler)?, mrn(diabetic)?],
        })
    }
}

struct Scenario<'a, 'b> {
    w: &'a mut Writer<'b>,
    staff: &'a Staff,
    now: DateTime<Utc>,
}

/// 15:30 UTC (mid-morning in the practice's zone) on `day`.
fn morning(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(15, 30, 0).unwrap_or_default())
}

impl Scenario<'_, '_> {
    fn id(&mut self, kind: u128) -> String {
        self.w.next_id += 1;
        uuid::Uuid::from_u128((kind << 112) | self.w.next_id).to_string()
    }

    /// A signed office visit with one diagnosis and, when given, vitals.
    fn visit(
        &mut self,
        p: &SeedPatient,
        at: DateTime<Utc>,
        reason: &str,
        soap: [&str; 4],
        code: (&str, &str),
        vitals: Option<SeedVitals>,
    ) -> CoreResult<String> {
        let physician = self.staff.physicians[0].clone();
        let v = SeedVisit {
            id: self.id(VISIT),
            patient: p.id.to_string(),
            provider: physician.clone(),
            started_at: at,
            visit_type: "office",
            reason: reason.into(),
            soap: soap.map(str::to_string),
            saved_at: at + Duration::minutes(25),
            signed: Some((at + Duration::minutes(30), physician.clone())),
        };
        let dx = self.id(VISIT);
        chart_seed::diagnosis(self.w.tx, &dx, &v, code.0, code.1, 0, &physician)?;
        chart_seed::visit(self.w.tx, &v)?;
        if let Some(vitals) = vitals {
            let id = self.id(VISIT);
            chart_seed::vitals(self.w.tx, &id, &v, &self.staff.nurse, &vitals)?;
        }
        Ok(v.id)
    }

    fn adult_vitals(systolic: i64, height: f64, weight: f64) -> SeedVitals {
        SeedVitals {
            systolic: Some(systolic),
            diastolic: Some(systolic * 6 / 10 + 6),
            pulse: Some(72),
            respiration: Some(14),
            temperature_c: Some(36.7),
            spo2: Some(98),
            height_cm: Some(height),
            weight_kg: Some(weight),
            bmi: Some((weight / (height / 100.0).powi(2) * 10.0).round() / 10.0),
            head_circumference_cm: None,
        }
    }

    fn report(
        &mut self,
        rng: &mut Rng,
        ctx: &Context,
        panel: (&'static str, &'static str),
        at: DateTime<Utc>,
        values: &[(&'static str, f64)],
        reviewed: bool,
    ) -> CoreResult<()> {
        let planned = PlannedReport {
            panel_code: panel.0,
            panel_fallback: panel.1,
            collected_at: at,
            physician: Some(self.staff.physicians[0].clone()),
            values: values.to_vec(),
        };
        self.w.report(rng, ctx, &planned, Some(reviewed))?;
        Ok(())
    }

    fn unscreened(&mut self, rng: &mut Rng, p: &SeedPatient) -> CoreResult<()> {
        let at = morning(self.now.date_naive() - Duration::days(330));
        self.visit(
            p,
            at,
            "Annual physical",
            [
                "Here for an annual physical. Feels well; exercises twice a week. No change in bowel habits, no blood in the stool. Has never had a colonoscopy or a stool test.",
                "Well appearing. Heart regular, lungs clear, abdomen soft and non-tender.",
                "Encounter for general adult medical examination without abnormal findings.",
                "Fasting labs today. Discussed colorectal cancer screening options; he will think about it.",
            ],
            ("Z00.00", "Encounter for general adult medical examination without abnormal findings"),
            Some(Self::adult_vitals(128, 180.0, 86.0)),
        )?;
        let ctx = Context::load(self.w.tx, p)?;
        let t = at + Duration::minutes(20);
        self.report(
            rng,
            &ctx,
            (tt::CMP.0, tt::CMP.1),
            t,
            &[
                (tt::GLUCOSE, 94.0),
                (tt::BUN, 15.0),
                (tt::CREATININE, 0.98),
                (tt::SODIUM, 140.0),
                (tt::POTASSIUM, 4.3),
                (tt::CHLORIDE, 103.0),
                (tt::CO2, 26.0),
                (tt::CALCIUM, 9.4),
                (tt::PROTEIN, 7.0),
                (tt::ALBUMIN, 4.3),
                (tt::BILIRUBIN, 0.7),
                (tt::ALP, 72.0),
                (tt::ALT, 25.0),
                (tt::AST, 22.0),
            ],
            true,
        )?;
        self.report(
            rng,
            &ctx,
            (tt::LIPIDS.0, tt::LIPIDS.1),
            t,
            &[
                (tt::CHOLESTEROL, 198.0),
                (tt::TRIGLYCERIDES, 140.0),
                (tt::HDL, 46.0),
                (tt::LDL, 124.0),
            ],
            true,
        )?;
        let flu = self.now.date_naive() - Duration::days(60);
        self.w
            .immunization(rng, &ctx, &dose("140", flu, 1), Some(at))?;
        Ok(())
    }

    fn toddler(&mut self, rng: &mut Rng, p: &SeedPatient) -> CoreResult<()> {
        let mut growth = growth_curve(&mut Rng::new(0x6A0F), true, 166.0, false);
        let visits: [(i64, &str); 10] = [
            (4, "Newborn visit"),
            (30, "1-month well-child visit"),
            (61, "2-month well-child visit"),
            (122, "4-month well-child visit"),
            (183, "6-month well-child visit"),
            (274, "9-month well-child visit"),
            (365, "12-month well-child visit"),
            (456, "15-month well-child visit"),
            (548, "18-month well-child visit"),
            (730, "2-year well-child visit"),
        ];
        let mut first = None;
        for (days, reason) in visits {
            let day = p.date_of_birth + Duration::days(days);
            let age = days as f64 / 365.25;
            let weight = (growth.weight(rng, age) * 100.0).round() / 100.0;
            let height = (growth.height(age) * 10.0).round() / 10.0;
            let vitals = SeedVitals {
                pulse: Some(if age < 1.0 { 130 } else { 110 }),
                respiration: Some(if age < 1.0 { 32 } else { 26 }),
                temperature_c: Some(36.8),
                height_cm: Some(height),
                weight_kg: Some(weight),
                bmi: Some((weight / (height / 100.0).powi(2) * 10.0).round() / 10.0),
                head_circumference_cm: Some((growth.head(age) * 10.0).round() / 10.0),
                ..SeedVitals::default()
            };
            let at = morning(day);
            first = first.or(Some(at));
            self.visit(
                p,
                at,
                reason,
                [
                    "Here with her parents for a routine well-child visit. Feeding and sleeping well; no concerns today.",
                    "Alert and active. Growing along her curves. Heart regular, lungs clear, hips stable.",
                    "Encounter for routine child health examination without abnormal findings.",
                    "Vaccines per schedule today. Anticipatory guidance given. Next well-child visit per schedule.",
                ],
                ("Z00.129", "Encounter for routine child health examination without abnormal findings"),
                Some(vitals),
            )?;
        }
        let ctx = Context::load(self.w.tx, p)?;
        let on = |days: i64| p.date_of_birth + Duration::days(days);
        let mut n = std::collections::HashMap::new();
        let schedule: &[(&str, i64)] = &[
            ("08", 0),
            ("08", 30),
            ("116", 61),
            ("20", 61),
            ("49", 61),
            ("216", 61),
            ("10", 61),
            ("116", 122),
            ("20", 122),
            ("49", 122),
            ("216", 122),
            ("10", 122),
            ("08", 183),
            ("116", 183),
            ("20", 183),
            ("216", 183),
            ("10", 183),
            ("49", 365),
            ("216", 365),
            ("03", 365),
            ("21", 365),
            ("83", 365),
            ("20", 456),
            ("83", 548),
        ];
        for (cvx, days) in schedule {
            let k = n.entry(*cvx).or_insert(0u32);
            *k += 1;
            // The birth dose was given in hospital, before her first visit here.
            self.w
                .immunization(rng, &ctx, &dose(cvx, on(*days), *k), first)?;
        }
        let flu = self.now.date_naive() - Duration::days(50);
        self.w
            .immunization(rng, &ctx, &dose("140", flu, 1), first)?;
        Ok(())
    }

    fn diabetic(&mut self, rng: &mut Rng, p: &SeedPatient) -> CoreResult<()> {
        let physician = self.staff.physicians[0].clone();
        let today = self.now.date_naive();
        let problem = |id: String, code: &str, description: &str, onset: &str, at| SeedProblem {
            id,
            patient: p.id.to_string(),
            code: code.into(),
            description: description.into(),
            status: "active",
            onset: Some(onset.into()),
            resolved: None,
            created_at: at,
            created_by: physician.clone(),
        };
        let opened = morning(today - Duration::days(9 * 365));
        let onset = (today - Duration::days(9 * 365)).format("%Y").to_string();
        let id = self.id(VISIT);
        chart_seed::problem(
            self.w.tx,
            &problem(
                id,
                "E11.9",
                "Type 2 diabetes mellitus without complications",
                &onset,
                opened,
            ),
        )?;
        let id = self.id(VISIT);
        chart_seed::problem(
            self.w.tx,
            &problem(
                id,
                "I10",
                "Essential (primary) hypertension",
                &onset,
                opened,
            ),
        )?;
        // Follow-ups every six months, the HbA1c drifting up.
        let a1c = [(730, 7.6), (545, 8.1), (365, 8.6), (180, 8.9)];
        let mut last = None;
        for (days, _) in a1c {
            let at = morning(today - Duration::days(days));
            self.visit(
                p,
                at,
                "Follow-up of type 2 diabetes",
                [
                    "Here for follow-up of diabetes and blood pressure. Admits to missing metformin doses; diet has been hard.",
                    "BP 142/86. Feet: sensation intact to monofilament, no ulcers.",
                    "Type 2 diabetes mellitus without complications, not yet at goal. Essential hypertension.",
                    "Reinforced adherence; HbA1c and metabolic panel before the next visit.",
                ],
                ("E11.9", "Type 2 diabetes mellitus without complications"),
                Some(Self::adult_vitals(142, 163.0, 88.0)),
            )?;
            last = Some(at);
        }
        let ctx = Context::load(self.w.tx, p)?;
        for (days, value) in a1c {
            let at = morning(today - Duration::days(days)) + Duration::minutes(20);
            self.report(
                rng,
                &ctx,
                (tt::HBA1C, "HbA1c"),
                at,
                &[(tt::HBA1C, value)],
                true,
            )?;
        }
        let at = morning(today - Duration::days(365)) + Duration::minutes(25);
        self.report(rng, &ctx, (tt::UACR, "UACR"), at, &[(tt::UACR, 45.0)], true)?;
        // Three days ago: both unreviewed in the first physician's inbox.
        let at = morning(today - Duration::days(3)) - Duration::minutes(60);
        self.report(
            rng,
            &ctx,
            (tt::HBA1C, "HbA1c"),
            at,
            &[(tt::HBA1C, 9.8)],
            false,
        )?;
        self.report(
            rng,
            &ctx,
            (tt::BMP.0, tt::BMP.1),
            at,
            &[
                (tt::GLUCOSE, 286.0),
                (tt::BUN, 24.0),
                (tt::CREATININE, 1.12),
                (tt::SODIUM, 136.0),
                (tt::POTASSIUM, 6.6),
                (tt::CHLORIDE, 100.0),
                (tt::CO2, 22.0),
                (tt::CALCIUM, 9.6),
            ],
            false,
        )?;
        let flu = today - Duration::days(70);
        self.w.immunization(rng, &ctx, &dose("140", flu, 1), last)?;
        Ok(())
    }
}

fn dose(cvx: &'static str, on: NaiveDate, n: u32) -> PlannedDose {
    PlannedDose {
        cvx,
        on,
        dose_number: Some(n),
        refusal: None,
    }
}
