//! The one-screen chart summary a physician lands on: allergies, active problems, this year's
//! diagnoses, the last vitals with their trend, histories, recent visits and unsigned notes,
//! read in one audited transaction where every query is a short index range on the patient.

use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::chart::allergies::AllergyState;
use crate::chart::common::VisitType;
use crate::error::CoreResult;
use crate::ids::{AllergyId, HistoryEntryId, OutsideVisitId, PatientId, ProblemId, VisitId};
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// How many rows each summary list shows; the counts say how many the full tab holds.
pub const RECENT_VISITS: u32 = 5;
pub const LIST_ROWS: u32 = 8;
pub const HISTORY_ROWS: u32 = 3;
/// "Current" diagnoses are those of the visits in this many days before now.
pub const CURRENT_DIAGNOSIS_DAYS: i64 = 365;

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartSummary {
    pub patient_id: PatientId,
    pub allergy_state: AllergyState,
    /// Active allergies and intolerances, high criticality first.
    pub allergies: Vec<SummaryAllergy>,
    pub allergy_count: u32,
    /// Active problems, newest onset first.
    pub problems: Vec<SummaryProblem>,
    pub problem_count: u32,
    /// Distinct diagnoses of the last twelve months' visits (those recorded elsewhere too),
    /// most recently seen first.
    pub diagnoses: Vec<SummaryDiagnosis>,
    pub diagnosis_count: u32,
    /// Each measurement's latest value (from the latest sets) with its previous one.
    pub vitals: Vec<SummaryVital>,
    pub vitals_count: u32,
    pub histories: SummaryHistories,
    /// The latest visits, newest first.
    pub visits: Vec<SummaryVisit>,
    pub visit_count: u32,
    /// The latest visits recorded in another system (brought in by an import), newest first;
    /// the screen shows them among the practice's own by date.
    pub outside_visits: Vec<SummaryOutsideVisit>,
    pub outside_visit_count: u32,
    /// Notes of this patient not yet signed (not entered in error).
    pub unsigned_notes: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryAllergy {
    pub id: AllergyId,
    pub substance: String,
    /// `false` for free text not matched to the catalogue.
    pub coded: bool,
    pub kind: String,
    pub reaction: String,
    pub criticality: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryProblem {
    pub id: ProblemId,
    pub code: Option<String>,
    pub description: String,
    /// As recorded: `2019`, `2019-04` or `2019-04-12`.
    pub onset: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryDiagnosis {
    /// The ICD-10-CM code; empty for a diagnosis recorded elsewhere in another coding or none.
    pub code: String,
    pub description: String,
    /// When the latest visit with this code started.
    #[ts(type = "string")]
    pub last_seen_at: DateTime<Utc>,
}

/// The measurements the summary shows, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum VitalKind {
    BloodPressure,
    Pulse,
    Weight,
    Bmi,
    Temperature,
    Spo2,
}

impl VitalKind {
    pub const ALL: [VitalKind; 6] = [
        VitalKind::BloodPressure,
        VitalKind::Pulse,
        VitalKind::Weight,
        VitalKind::Bmi,
        VitalKind::Temperature,
        VitalKind::Spo2,
    ];

    pub fn unit(self) -> &'static str {
        match self {
            VitalKind::BloodPressure => "mmHg",
            VitalKind::Pulse => "/min",
            VitalKind::Weight => "kg",
            VitalKind::Bmi => "kg/m²",
            VitalKind::Temperature => "°C",
            VitalKind::Spo2 => "%",
        }
    }
}

/// Whether the latest value went up, down or stayed against the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Trend {
    Up,
    Down,
    Same,
    /// Only one value recorded.
    First,
}

/// One measurement as stored canonically (blood pressure: systolic and diastolic).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VitalValue {
    pub value: f64,
    pub second: Option<f64>,
    #[ts(type = "string")]
    pub taken_at: DateTime<Utc>,
}

impl VitalValue {
    /// "128/82", "72", "81.4", "36.8".
    pub fn display(&self, kind: VitalKind) -> String {
        match (kind, self.second) {
            (VitalKind::BloodPressure, Some(d)) => format!("{:.0}/{:.0}", self.value, d),
            (VitalKind::Pulse | VitalKind::Spo2 | VitalKind::BloodPressure, _) => {
                format!("{:.0}", self.value)
            }
            _ => format!("{:.1}", self.value),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryVital {
    pub kind: VitalKind,
    pub unit: String,
    pub current: VitalValue,
    pub current_text: String,
    pub previous: Option<VitalValue>,
    pub previous_text: Option<String>,
    pub trend: Trend,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummarySocialEntry {
    pub id: HistoryEntryId,
    /// As stored, e.g. smoking `former`, alcohol `occasional`.
    pub status: String,
    pub detail: String,
    pub pack_years: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryFamilyEntry {
    pub id: HistoryEntryId,
    pub relative: String,
    pub condition: String,
    pub onset_age: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummarySurgicalEntry {
    pub id: HistoryEntryId,
    pub procedure: String,
    pub performed_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryHistories {
    pub smoking: Option<SummarySocialEntry>,
    pub alcohol: Option<SummarySocialEntry>,
    pub occupation: Option<SummarySocialEntry>,
    /// The first few current entries; the counts hold all of them.
    pub family: Vec<SummaryFamilyEntry>,
    pub family_count: u32,
    pub surgical: Vec<SummarySurgicalEntry>,
    pub surgical_count: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryVisit {
    pub id: VisitId,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub visit_type: VisitType,
    pub provider_name: String,
    pub reason: String,
    pub signed: bool,
}

/// A visit recorded elsewhere, as the summary lists it: when, what kind, why, and the
/// clinician and place as that system named them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SummaryOutsideVisit {
    pub id: OutsideVisitId,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    pub visit_type: String,
    pub reason: String,
    pub clinician: String,
    pub place: String,
}

/// Latest sets of vitals, newest first, as read; folded into per-measurement rows by
/// [`vital_rows`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VitalsSet {
    pub taken_at: DateTime<Utc>,
    pub systolic: Option<f64>,
    pub diastolic: Option<f64>,
    pub pulse: Option<f64>,
    pub weight_kg: Option<f64>,
    pub bmi: Option<f64>,
    pub temperature_c: Option<f64>,
    pub spo2: Option<f64>,
}

impl VitalsSet {
    fn value(&self, kind: VitalKind) -> Option<VitalValue> {
        let (value, second) = match kind {
            VitalKind::BloodPressure => (self.systolic?, self.diastolic),
            VitalKind::Pulse => (self.pulse?, None),
            VitalKind::Weight => (self.weight_kg?, None),
            VitalKind::Bmi => (self.bmi?, None),
            VitalKind::Temperature => (self.temperature_c?, None),
            VitalKind::Spo2 => (self.spo2?, None),
        };
        Some(VitalValue {
            value,
            second,
            taken_at: self.taken_at,
        })
    }
}

/// For each measurement, the newest value and the one before it (sets newest first).
pub(crate) fn vital_rows(sets: &[VitalsSet]) -> Vec<SummaryVital> {
    VitalKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let mut values = sets.iter().filter_map(|s| s.value(kind));
            let current = values.next()?;
            let previous = values.next();
            let trend = match previous {
                None => Trend::First,
                Some(p) => {
                    // Compared as displayed, so "81.4 → 81.4" never shows an arrow.
                    let key = |v: &VitalValue| {
                        let digits = if matches!(kind, VitalKind::Pulse | VitalKind::Spo2) {
                            0
                        } else {
                            1
                        };
                        let scale = 10f64.powi(digits);
                        (
                            (v.value * scale).round() as i64,
                            v.second.map(|s| (s * scale).round() as i64),
                        )
                    };
                    match key(&current).cmp(&key(&p)) {
                        std::cmp::Ordering::Greater => Trend::Up,
                        std::cmp::Ordering::Less => Trend::Down,
                        std::cmp::Ordering::Equal => Trend::Same,
                    }
                }
            };
            Some(SummaryVital {
                kind,
                unit: kind.unit().to_string(),
                current_text: current.display(kind),
                previous_text: previous.map(|p| p.display(kind)),
                current,
                previous,
                trend,
            })
        })
        .collect()
}

impl AsUser<'_> {
    /// The chart summary of one patient as of `now`; the read is audited.
    pub fn chart_summary(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<ChartSummary> {
        let access =
            self.require_for_patient(Operation::ViewClinical, "view_chart_summary", patient, now)?;
        let actor = self.actor;
        let since = now - Duration::days(CURRENT_DIAGNOSIS_DAYS);
        self.db.write_relaxed(|tx| {
            let summary = store::chart_summary::read(tx, patient, since)?;
            let event = actor
                .event(now, "view_chart_summary", Outcome::Ok)
                .entity("patient", patient)
                .patient(patient)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(summary)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, TimeZone};

    fn set(day: u32, systolic: Option<f64>, weight: Option<f64>) -> VitalsSet {
        VitalsSet {
            taken_at: Utc.with_ymd_and_hms(2026, 1, day, 9, 0, 0).unwrap(),
            systolic,
            diastolic: systolic.map(|s| s - 40.0),
            pulse: None,
            weight_kg: weight,
            bmi: None,
            temperature_c: None,
            spo2: None,
        }
    }

    #[test]
    fn each_measurement_is_compared_with_its_own_previous_value() {
        // Newest first: the latest set has no weight, so weight comes from the two older sets.
        let sets = [
            set(3, Some(130.0), None),
            set(2, Some(120.0), Some(80.0)),
            set(1, Some(130.0), Some(82.5)),
        ];
        let rows = vital_rows(&sets);
        let bp = rows
            .iter()
            .find(|r| r.kind == VitalKind::BloodPressure)
            .unwrap();
        assert_eq!(bp.trend, Trend::Up);
        assert_eq!(bp.current_text, "130/90");
        assert_eq!(bp.previous_text.as_deref(), Some("120/80"));
        let weight = rows.iter().find(|r| r.kind == VitalKind::Weight).unwrap();
        assert_eq!(weight.trend, Trend::Down);
        assert_eq!(weight.current.taken_at.day0(), 1);
        assert!(!rows.iter().any(|r| r.kind == VitalKind::Pulse));
    }

    #[test]
    fn a_single_value_has_no_trend_and_equal_values_are_the_same() {
        let rows = vital_rows(&[set(2, Some(120.0), Some(80.04)), set(1, None, Some(80.0))]);
        let bp = rows
            .iter()
            .find(|r| r.kind == VitalKind::BloodPressure)
            .unwrap();
        assert_eq!(bp.trend, Trend::First);
        let weight = rows.iter().find(|r| r.kind == VitalKind::Weight).unwrap();
        assert_eq!(weight.trend, Trend::Same);
    }
}
