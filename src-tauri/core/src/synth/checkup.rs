//! Generated check-up data for a charted synthetic practice: each adult's lab reports over the
//! last years (check-up panels on past office visits, a diabetic's HbA1c every few months, a
//! warfarin user's INR; see `labs.rs`), each judged through `labs::catalogue::judge`, the older
//! ones signed off by the physician and the last week's waiting in the physicians' inboxes;
//! and everyone's immunizations (the child schedule with realistic gaps, adults' influenza,
//! Tdap, zoster, pneumococcal, COVID-19, RSV, a few refusals; see `vaccines.rs`). Children's
//! growth is in their vitals, written by the charting (`synth::chart`). Deterministic from the
//! seed and the chart; written in large transactions, one audit row each.

mod labs;
mod scenarios;
mod screenings;
#[cfg(test)]
mod tests;
mod tests_table;
mod vaccines;

pub use labs::LAB_YEARS;
pub use scenarios::{CheckupScenarios, CHECKUP_DIABETIC, CHECKUP_TODDLER, CHECKUP_UNSCREENED};
pub use tests_table::{TestDef, TESTS};
pub use vaccines::VACCINES;

use super::{ChartProviders, Rng};
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::{ImmunizationId, LabReportId, LabResultId, PatientId, UserId, VisitId};
use crate::immunizations::{ImmunizationKind, NewImmunization};
use crate::labs::{catalogue, LabValue, NewLabReport, NewLabResult, ReportSource, ResultStatus};
use crate::patient::SexAtBirth;
use crate::store::chart_seed::{self, SeedPatient};
use crate::store::checkup_seed as seed;
use crate::store::medication_seed::{self, ChartVisit};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// Patients per transaction.
const BATCH: usize = 500;
/// Reports received in the last this many days are still unreviewed (in the inbox).
pub const INBOX_DAYS: i64 = 7;
/// The laboratory the generated results come from (fictional).
const LAB: &str = "Prairie State Clinical Laboratory";

/// What [`ChartDb::add_generated_checkup`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GeneratedCheckup {
    pub patients: u32,
    pub lab_reports: u64,
    pub lab_results: u64,
    /// Reports left unreviewed (in a physician's inbox).
    pub unreviewed: u64,
    pub immunizations: u64,
    pub refusals: u64,
    /// Patients with an HbA1c / a creatinine / an LDL, in chart-number order.
    pub with_hba1c: Vec<PatientId>,
    pub with_creatinine: Vec<PatientId>,
    pub with_ldl: Vec<PatientId>,
    /// Living patients under 19 with three or more growth points (height and weight).
    pub children: Vec<PatientId>,
    /// Living patients 18 and older.
    pub adults: Vec<PatientId>,
}

impl ChartDb {
    /// Gives every charted patient generated lab results and immunizations (see the module
    /// comment). Public like [`ChartDb::add_generated_medications`], for the demo and the
    /// benchmark; run it after the charting and the medication lists (labs sit on the
    /// generated visits, follow the generated problems, and a warfarin user gets INRs).
    /// Refused once any lab report or immunization exists, so generated results never mix
    /// into a real chart. Audited `add_generated_checkup`, one row per transaction.
    pub fn add_generated_checkup(
        &mut self,
        seed: u64,
        providers: &ChartProviders,
        now: DateTime<Utc>,
    ) -> CoreResult<GeneratedCheckup> {
        let staff = Staff::new(providers)?;
        if self.read(seed::any_checkup_data)? {
            return Err(CoreError::Forbidden(
                "Generated check-up data goes only into a practice without results or immunizations"
                    .into(),
            ));
        }
        let patients = self.read(chart_seed::patients)?;
        let judging = tests_table::prepare();
        let mut result = GeneratedCheckup::default();
        let mut next_id: u128 = 0;
        for (batch_no, batch) in patients.chunks(BATCH).enumerate() {
            self.write(|tx| {
                let mut w = Writer {
                    tx,
                    staff: &staff,
                    judging: &judging,
                    now,
                    next_id,
                    out: GeneratedCheckup::default(),
                };
                for (i, p) in batch.iter().enumerate() {
                    let index = (batch_no * BATCH + i) as u64;
                    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xC2B2_AE3D_27D4_EB4F));
                    let ctx = Context::load(tx, p)?;
                    w.patient(&mut rng, &ctx)?;
                }
                let event = AuditEvent::new(now, None, "setup", "add_generated_checkup", Outcome::Ok)
                    .detail(format!(
                        "check-up data for {} synthetic patients: {} lab reports, {} results, {} immunizations",
                        batch.len(),
                        w.out.lab_reports,
                        w.out.lab_results,
                        w.out.immunizations
                    ));
                crate::audit::append(tx, &event)?;
                next_id = w.next_id;
                result.merge(w.out);
                Ok(())
            })?;
            result.patients += batch.len() as u32;
            self.checkpoint()?;
        }
        Ok(result)
    }
}

impl ChartDb {
    /// The sampling lists of [`GeneratedCheckup`] read back from a practice generated earlier
    /// (charta-bench's `--reuse`); the counts are left at zero.
    pub fn kept_checkup_lists(&self, today: NaiveDate) -> CoreResult<GeneratedCheckup> {
        let years = |n: u32| {
            today
                .checked_sub_months(chrono::Months::new(n * 12))
                .unwrap_or(NaiveDate::MIN)
        };
        let lists = self.read(|c| seed::kept_lists(c, years(19), years(18)))?;
        let [a1c, creatinine, ldl, children, adults] = lists.map(|ids| {
            ids.iter()
                .filter_map(|id| PatientId::parse(id))
                .collect::<Vec<_>>()
        });
        Ok(GeneratedCheckup {
            with_hba1c: a1c,
            with_creatinine: creatinine,
            with_ldl: ldl,
            children,
            adults,
            ..GeneratedCheckup::default()
        })
    }
}

impl GeneratedCheckup {
    fn merge(&mut self, o: GeneratedCheckup) {
        self.lab_reports += o.lab_reports;
        self.lab_results += o.lab_results;
        self.unreviewed += o.unreviewed;
        self.immunizations += o.immunizations;
        self.refusals += o.refusals;
        self.with_hba1c.extend(o.with_hba1c);
        self.with_creatinine.extend(o.with_creatinine);
        self.with_ldl.extend(o.with_ldl);
        self.children.extend(o.children);
        self.adults.extend(o.adults);
    }
}

/// Who orders, reviews and gives: the physicians (a report reaches its visit's physician or the
/// patient's own) and the nurse (enters results, gives vaccines; a physician without one).
pub(crate) struct Staff {
    pub physicians: Vec<String>,
    pub nurse: String,
}

impl Staff {
    pub fn new(providers: &ChartProviders) -> CoreResult<Staff> {
        let first = providers.physicians.first().ok_or_else(|| {
            CoreError::invalid("physicians", "Generated results need a physician")
        })?;
        Ok(Staff {
            physicians: providers.physicians.iter().map(|u| u.to_string()).collect(),
            nurse: providers.nurse.unwrap_or(*first).to_string(),
        })
    }
}

/// What the generator knows of one patient's chart.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub patient: SeedPatient,
    pub visits: Vec<ChartVisit>,
    pub diabetic: bool,
    pub diabetes_onset: Option<DateTime<Utc>>,
    pub hypertensive: bool,
    pub kidney: bool,
    pub lipids: bool,
    pub hypothyroid: bool,
    pub obese: bool,
    pub copd: bool,
    pub warfarin_since: Option<NaiveDate>,
    /// The physician the patient sees most.
    pub physician: Option<String>,
}

impl Context {
    pub fn load(tx: &rusqlite::Connection, p: &SeedPatient) -> CoreResult<Context> {
        let pid = p.id.to_string();
        let problems = medication_seed::problems(tx, &pid)?;
        let active = |code: &str| {
            problems
                .iter()
                .find(|x| x.code == code && x.resolved.is_none())
                .map(|x| x.created_at)
        };
        let visits = medication_seed::visits(tx, &pid)?;
        let mut seen: Vec<(&str, u32)> = Vec::new();
        for v in &visits {
            match seen.iter_mut().find(|(who, _)| *who == v.provider) {
                Some((_, n)) => *n += 1,
                None => seen.push((&v.provider, 1)),
            }
        }
        let physician = seen
            .iter()
            .max_by_key(|(_, n)| *n)
            .map(|(who, _)| who.to_string());
        Ok(Context {
            patient: p.clone(),
            diabetes_onset: active("E11.9"),
            diabetic: active("E11.9").is_some(),
            hypertensive: active("I10").is_some(),
            kidney: active("N18.30").is_some(),
            lipids: active("E78.5").is_some(),
            hypothyroid: active("E03.9").is_some(),
            obese: active("E66.9").is_some(),
            copd: active("J44.9").is_some(),
            warfarin_since: seed::warfarin_since(tx, &pid)?,
            physician,
            visits,
        })
    }

    fn sex(&self) -> SexAtBirth {
        if self.patient.female {
            SexAtBirth::Female
        } else {
            SexAtBirth::Male
        }
    }
}

/// Ids are sequential per kind, so a generated practice is the same on every run.
const REPORT: u128 = 0x1AB0;
const RESULT: u128 = 0x1AB5;
const IMMUNIZATION: u128 = 0x1A2E;

const REVIEW_COMMENTS: &[&str] = &[
    "Discussed with the patient; repeat in three months.",
    "Letter sent; recheck at the next visit.",
    "Mildly out of range, not clinically significant.",
    "Called the patient; medication adjusted.",
];
const SITES: &[&str] = &["left deltoid", "right deltoid"];
const INFANT_SITES: &[&str] = &["left vastus lateralis", "right vastus lateralis"];

pub(crate) struct Writer<'a> {
    pub tx: &'a rusqlite::Connection,
    pub staff: &'a Staff,
    pub judging: &'a [tests_table::Judging],
    pub now: DateTime<Utc>,
    pub next_id: u128,
    pub out: GeneratedCheckup,
}

impl Writer<'_> {
    fn id(&mut self, kind: u128) -> u128 {
        self.next_id += 1;
        (kind << 112) | self.next_id
    }

    fn patient(&mut self, rng: &mut Rng, ctx: &Context) -> CoreResult<()> {
        let today = self.now.date_naive();
        let p = &ctx.patient;
        let age = (today - p.date_of_birth).num_days() as f64 / 365.25;
        let living = p.deceased_on.is_none();
        let pid = p.id.to_string();
        let mut has = (false, false, false);
        for planned in labs::plan(rng, ctx, self.now) {
            let (a1c, creatinine, ldl) = self.report(rng, ctx, &planned, None)?;
            has = (has.0 || a1c, has.1 || creatinine, has.2 || ldl);
        }
        if has.0 {
            self.out.with_hba1c.push(p.id);
        }
        if has.1 {
            self.out.with_creatinine.push(p.id);
        }
        if has.2 {
            self.out.with_ldl.push(p.id);
        }
        let first_contact = ctx.visits.first().map(|v| v.started_at);
        for dose in vaccines::plan(rng, ctx, today) {
            self.immunization(rng, ctx, &dose, first_contact)?;
        }
        if living && age >= 18.0 {
            self.out.adults.push(p.id);
        }
        if living && age < 19.0 && seed::growth_points(self.tx, &pid)? >= 3 {
            self.out.children.push(p.id);
        }
        Ok(())
    }

    /// Writes one planned report (judged, reviewed unless recent or `review` says otherwise);
    /// returns whether it holds an HbA1c, a creatinine, an LDL.
    pub(crate) fn report(
        &mut self,
        rng: &mut Rng,
        ctx: &Context,
        planned: &labs::PlannedReport,
        review: Option<bool>,
    ) -> CoreResult<(bool, bool, bool)> {
        let p = &ctx.patient;
        let sex = ctx.sex();
        let age_days = (planned.collected_at.date_naive() - p.date_of_birth).num_days();
        let collected = planned.collected_at;
        let received = (collected + Duration::hours(4 + rng.below(24) as i64))
            .min(self.now - Duration::minutes(10))
            .max(collected);
        let responsible = planned
            .physician
            .as_ref()
            .filter(|who| self.staff.physicians.contains(who))
            .or(ctx
                .physician
                .as_ref()
                .filter(|who| self.staff.physicians.contains(who)))
            .unwrap_or(&self.staff.physicians[0])
            .clone();
        let mut results = Vec::with_capacity(planned.values.len() + 1);
        let mut values = planned.values.clone();
        let egfr_panel = [tests_table::CMP.0, tests_table::BMP.0].contains(&planned.panel_code);
        if egfr_panel {
            let creatinine = values.iter().find(|(c, _)| *c == tests_table::CREATININE);
            let age = (age_days / 365).max(0) as u32;
            if let Some(egfr) =
                creatinine.and_then(|(_, v)| crate::labs::egfr::ckd_epi_2021(*v, age, sex))
            {
                values.push((tests_table::EGFR, egfr.round().clamp(2.0, 200.0)));
            }
        }
        for (loinc, value) in &values {
            let Some(j) = self.judging.iter().find(|j| j.def.loinc == *loinc) else {
                continue;
            };
            let unit = j
                .test
                .units
                .iter()
                .find(|u| u.unit.eq_ignore_ascii_case(j.def.unit))
                .map(|u| u.unit.clone())
                .unwrap_or_else(|| j.def.unit.to_string());
            let v = LabValue::Number(*value);
            let judged = catalogue::judge(&j.test, &v, Some(&unit), Some(sex), Some(age_days));
            results.push(NewLabResult {
                id: LabResultId::from_u128(self.id(RESULT)),
                loinc: loinc.to_string(),
                name: j.test.name.clone(),
                value: v,
                unit: Some(unit),
                canonical_value: judged.canonical_value,
                canonical_unit: judged.canonical_unit,
                ref_low: judged.ref_low,
                ref_high: judged.ref_high,
                ref_text: None,
                flag: judged.flag,
                lab_flag: None,
                status: ResultStatus::Final,
                comment: None,
                supersedes: None,
            });
        }
        let panel_name = match tests_table::def(planned.panel_code) {
            Some(_) => self
                .judging
                .iter()
                .find(|j| j.def.loinc == planned.panel_code)
                .map(|j| j.test.name.clone())
                .unwrap_or_else(|| planned.panel_fallback.to_string()),
            None => tests_table::panel_name(planned.panel_code, planned.panel_fallback),
        };
        let report = NewLabReport {
            id: LabReportId::from_u128(self.id(REPORT)),
            patient: p.id,
            source: ReportSource::Manual,
            panel_code: Some(planned.panel_code.to_string()),
            panel_name,
            responsible: UserId::parse(&responsible),
            collected_at: collected,
            received_at: received,
            performing_lab: Some(LAB.into()),
            status: ResultStatus::Final,
            hl7_import: None,
            placer_order: None,
            entered_by: UserId::parse(&self.staff.nurse)
                .ok_or_else(|| CoreError::Corrupt("generator nurse id".into()))?,
            entered_at: received,
            results,
        };
        crate::store::lab_results::insert_report(self.tx, &report)?;
        self.out.lab_reports += 1;
        self.out.lab_results += report.results.len() as u64;
        let recent = self.now - received < Duration::days(INBOX_DAYS);
        if review.unwrap_or(!recent) {
            let abnormal = report.results.iter().any(|r| r.flag.is_abnormal())
                || values
                    .iter()
                    .any(|(c, v)| out_of_fallback_range(c, *v, sex));
            let comment = if abnormal {
                Some(*rng.pick(REVIEW_COMMENTS))
            } else if rng.chance(150) {
                Some("Normal; letter sent.")
            } else {
                None
            };
            let at = (received + Duration::hours(2 + rng.below(60) as i64))
                .min(self.now - Duration::hours(1))
                .max(received);
            seed::review(self.tx, &report.id.to_string(), &responsible, at, comment)?;
        } else {
            self.out.unreviewed += 1;
        }
        let holds = |code: &str| report.results.iter().any(|r| r.loinc == code);
        Ok((
            holds(tests_table::HBA1C),
            holds(tests_table::CREATININE),
            holds(tests_table::LDL),
        ))
    }

    pub(crate) fn immunization(
        &mut self,
        rng: &mut Rng,
        ctx: &Context,
        dose: &vaccines::PlannedDose,
        first_contact: Option<DateTime<Utc>>,
    ) -> CoreResult<()> {
        let Some(&(cvx, name, mvx, route)) = vaccines::vaccine(dose.cvx) else {
            return Err(CoreError::Corrupt(format!(
                "generator CVX {} not in its table",
                dose.cvx
            )));
        };
        let p = &ctx.patient;
        let nurse = UserId::parse(&self.staff.nurse)
            .ok_or_else(|| CoreError::Corrupt("generator nurse id".into()))?;
        let at = Utc.from_utc_datetime(&dose.on.and_hms_opt(15, 0, 0).unwrap_or_default())
            + Duration::minutes(rng.below(240) as i64);
        let at = at.min(self.now - Duration::minutes(5));
        let before_chart = first_contact.is_none_or(|f| dose.on < f.date_naive());
        let kind = if dose.refusal.is_some() {
            ImmunizationKind::Refused
        } else if before_chart {
            ImmunizationKind::Historical
        } else {
            ImmunizationKind::Given
        };
        let visit = ctx
            .visits
            .iter()
            .find(|v| v.started_at.date_naive() == dose.on)
            .and_then(|v| VisitId::parse(&v.id));
        let age_days = (dose.on - p.date_of_birth).num_days();
        let given = kind == ImmunizationKind::Given;
        let entry = NewImmunization {
            id: ImmunizationId::from_u128(self.id(IMMUNIZATION)),
            patient: p.id,
            visit: if kind == ImmunizationKind::Historical {
                None
            } else {
                visit
            },
            cvx: cvx.into(),
            vaccine: name.into(),
            kind,
            given_on: dose.on,
            dose_number: dose.dose_number.filter(|n| (1..=20).contains(n)),
            lot: given.then(|| format!("{}{:04}", &mvx[..1], rng.below(10_000))),
            expires_on: given.then(|| dose.on + Duration::days(240 + rng.below(400) as i64)),
            manufacturer: (kind != ImmunizationKind::Refused).then(|| mvx.to_string()),
            site: (given && route != "PO").then(|| {
                let sites = if age_days < 3 * 365 {
                    INFANT_SITES
                } else {
                    SITES
                };
                rng.pick(sites).to_string()
            }),
            route: (kind != ImmunizationKind::Refused).then(|| route.to_string()),
            given_by: given.then_some(nurse),
            given_by_name: (kind == ImmunizationKind::Historical)
                .then(|| "Previous provider".into()),
            vis_date: None,
            refusal_reason: dose.refusal.map(str::to_string),
            source_note: (kind == ImmunizationKind::Historical).then(|| {
                if age_days < 7 {
                    "Birth hospital record".to_string()
                } else {
                    "State immunization registry".to_string()
                }
            }),
            recorded_by: nurse,
            recorded_at: match (kind, first_contact) {
                (ImmunizationKind::Historical, Some(f)) => f.max(at),
                _ => at,
            },
        };
        crate::store::immunizations::insert(self.tx, &entry)?;
        self.out.immunizations += 1;
        if kind == ImmunizationKind::Refused {
            self.out.refusals += 1;
        }
        Ok(())
    }
}

/// Whether a value is outside the generator's own range (used only to word a generated review
/// comment while the catalogue's judgement may be missing).
fn out_of_fallback_range(loinc: &str, v: f64, sex: SexAtBirth) -> bool {
    let Some(d) = tests_table::def(loinc) else {
        return false;
    };
    let (low, high) = if sex == SexAtBirth::Female {
        d.women
    } else {
        d.men
    };
    low.is_some_and(|l| v < l) || high.is_some_and(|h| v > h)
}
