//! Laboratory Observations as Charta's lab reports from elsewhere (`outside`: they count for
//! reminders and trends and reach nobody's inbox, as a result the practice was told about).
//! Results are grouped by the DiagnosticReport that lists them, else by when they were
//! collected; each value is read through the lab catalogue exactly as a typed result is. A
//! result the catalogue cannot read (a test it does not hold, a unit it does not know) is kept
//! in the chart's document instead, so an old system's odd result never blocks the patient.

use super::fields::{instant, Fields};
use super::read::Located;
use crate::fhir::LOINC;
use crate::ids::LabReportId;
use crate::labs::validate::{self, Patient};
use crate::labs::{catalogue, LabReportDraft, LabResultDraft, ReportSource};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// What became of one Observation.
pub(super) enum Filed {
    /// Added to its report.
    Added,
    /// Not a test of the catalogue: the caller decides (a vital sign, or kept).
    NotLab,
    /// Kept in the document, for this reason.
    Kept(String),
    /// Left out, for this reason.
    Skipped(&'static str),
    /// An issue was recorded on the fields.
    Invalid,
}

/// One report being gathered: when collected, where, its rows and the resources they came from.
pub(super) struct Gathered {
    pub collected_at: DateTime<Utc>,
    pub performing_lab: String,
    pub rows: Vec<LabResultDraft>,
    pub from: Vec<String>,
    /// The DiagnosticReport's `conclusion`, as the lab report's comment.
    pub comment: Option<String>,
}

/// The lab reports of one chart being gathered.
pub(super) struct LabSets {
    /// Observation id → the DiagnosticReport listing it.
    report_of: HashMap<String, String>,
    /// By report (a DiagnosticReport id, or a collection instant).
    pub reports: BTreeMap<String, Gathered>,
    /// DiagnosticReport id → how many results it lists, and how many were filed.
    listed: HashMap<String, (usize, usize)>,
    /// DiagnosticReport id → its conclusion, when the lab report's comment can hold it.
    conclusions: HashMap<String, String>,
}

/// What a lab report's comment holds (the form's limit).
const MAX_CONCLUSION: usize = 2000;

/// The id a reference names: `Observation/abc`, `urn:uuid:abc` or a full URL ending in it.
fn referenced_id(reference: &str) -> &str {
    reference.rsplit(['/', ':']).next().unwrap_or(reference)
}

impl LabSets {
    /// Notes which DiagnosticReport lists each result.
    pub fn new(records: &[Located]) -> LabSets {
        let mut report_of = HashMap::new();
        let mut listed = HashMap::new();
        let mut conclusions = HashMap::new();
        for r in records.iter().filter(|r| r.kind() == "DiagnosticReport") {
            let Some(id) = r.resource.get("id").and_then(Value::as_str) else {
                continue;
            };
            if let Some(said) = r.resource.get("conclusion").and_then(Value::as_str) {
                let said = said.trim();
                if !said.is_empty() && said.chars().count() <= MAX_CONCLUSION {
                    conclusions.insert(id.to_string(), said.to_string());
                }
            }
            let members = r.resource.get("result").and_then(Value::as_array);
            listed.insert(id.to_string(), (members.map_or(0, Vec::len), 0));
            for m in members.into_iter().flatten() {
                if let Some(reference) = m.get("reference").and_then(Value::as_str) {
                    report_of.insert(referenced_id(reference).to_string(), id.to_string());
                }
            }
        }
        LabSets {
            report_of,
            reports: BTreeMap::new(),
            listed,
            conclusions,
        }
    }

    /// Whether a DiagnosticReport says nothing the lab report made of it does not: every
    /// result it lists was filed, its conclusion (if any) is the report's comment, and it has
    /// no coded conclusion or form of its own.
    pub fn filed_whole(&self, report: &Value) -> bool {
        let Some(id) = report.get("id").and_then(Value::as_str) else {
            return false;
        };
        let own_words = ["conclusionCode", "presentedForm"]
            .iter()
            .any(|k| report.get(*k).is_some_and(|v| !v.is_null()))
            || (report.get("conclusion").is_some_and(|v| !v.is_null())
                && !self.conclusions.contains_key(id));
        let said_wrong = matches!(
            report.get("status").and_then(Value::as_str),
            Some("entered-in-error" | "cancelled")
        );
        !own_words
            && !said_wrong
            && self
                .listed
                .get(id)
                .is_some_and(|(listed, filed)| *listed > 0 && listed == filed)
    }

    /// Files one Observation if it is a test of the catalogue; `patient` (when the Patient
    /// resource reads) is whom the value is judged for.
    pub fn add(&mut self, f: &mut Fields<'_>, patient: Option<Patient>) -> Filed {
        let Some((code, _)) = f.coded_in("code", LOINC) else {
            return Filed::NotLab;
        };
        let Some(test) = catalogue::test(code) else {
            return Filed::NotLab;
        };
        if matches!(f.text("status"), Some("entered-in-error" | "cancelled")) {
            return Filed::Skipped("entered in error or cancelled");
        }
        let (value, unit) = if let Some(v) = f.number("valueQuantity.value") {
            let unit = f
                .text("valueQuantity.unit")
                .or_else(|| f.text("valueQuantity.code"))
                .map(str::to_string);
            (format!("{v}"), unit)
        } else if let Some(text) = f.text("valueString") {
            (text.to_string(), None)
        } else if let Some(text) = f.concept_text("valueCodeableConcept") {
            (text, None)
        } else {
            return Filed::Skipped("a lab result without a value");
        };
        let Some(when) = f.required_text("effectiveDateTime", "Charta needs when it was collected")
        else {
            return Filed::Invalid;
        };
        let Some(at) = instant(when) else {
            f.issue(
                "effectiveDateTime",
                format!("\"{when}\" is not a FHIR dateTime"),
            );
            return Filed::Invalid;
        };
        let row = LabResultDraft {
            loinc: test.loinc.clone(),
            value,
            unit,
            comment: f.notes("note").join("\n"),
        };
        // Judged alone first: a row the catalogue refuses is kept, not the patient's error.
        if let Some(who) = patient {
            let alone = draft_of(vec![row.clone()]);
            if let Err(e) =
                validate::results(&alone, LabReportId::from_u128(0), who, at.date_naive())
            {
                let said: Vec<String> =
                    e.field_errors().iter().map(|e| e.message.clone()).collect();
                return Filed::Kept(format!(
                    "a result Charta's catalogue cannot read ({})",
                    said.join("; ")
                ));
            }
        }
        let id = f.text("id").unwrap_or_default().to_string();
        let key = self
            .report_of
            .get(&id)
            .cloned()
            .unwrap_or_else(|| at.to_rfc3339());
        let performer = f
            .array("performer")
            .iter()
            .find_map(|p| p.get("display").and_then(Value::as_str))
            .unwrap_or_default()
            .to_string();
        let comment = self.conclusions.get(&key).cloned();
        let report = self.reports.entry(key).or_insert_with(|| Gathered {
            collected_at: at,
            performing_lab: performer,
            rows: Vec::new(),
            from: Vec::new(),
            comment,
        });
        if report.rows.iter().any(|r| r.loinc == row.loinc) {
            return Filed::Kept("the same test twice in one report".into());
        }
        report.rows.push(row);
        report.from.push(f.name.clone());
        if let Some((_, filed)) = self.report_of.get(&id).and_then(|r| self.listed.get_mut(r)) {
            *filed += 1;
        }
        Filed::Added
    }
}

/// A report of results from elsewhere, as `validate::results` reads it.
pub(super) fn draft_of(rows: Vec<LabResultDraft>) -> LabReportDraft {
    LabReportDraft {
        source: ReportSource::Outside,
        panel_code: None,
        collected_at: String::new(),
        responsible_id: None,
        performing_lab: String::new(),
        comment: String::new(),
        results: rows,
    }
}

/// Whom an imported patient's values are judged for, when the registration reads.
pub(super) fn judged_for(
    date_of_birth: &str,
    sex: Option<crate::patient::SexAtBirth>,
) -> Option<Patient> {
    use crate::patient::SexAtBirth;
    let born = NaiveDate::parse_from_str(date_of_birth, "%Y-%m-%d").ok()?;
    Some(Patient {
        born,
        sex: sex.filter(|s| *s != SexAtBirth::Unknown),
    })
}
