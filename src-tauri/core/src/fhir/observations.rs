//! Observations: vital signs (LOINC, UCUM; blood pressure as a panel with its two
//! components), lab results with their DiagnosticReport, and social history.

use super::build::{list, obj, Obj};
use super::{
    coded, extension, hl7_concept, note, push_entered_in_error, reference, text_concept, user_ref,
    PatientRecord, Sink, LOINC, SNOMED, UCUM,
};
use crate::store::record_rows::{RecordTable, StoredRow};
use serde_json::Value;

pub(super) fn push_all(record: &PatientRecord, pid: &str, out: &mut dyn Sink) {
    for row in record.rows(RecordTable::Vitals) {
        push_vitals(row, pid, out);
    }
    let results = record.rows(RecordTable::LabResults);
    let by_report = super::by_parent(results, "report_id");
    for report in record.rows(RecordTable::LabReports) {
        let members = report
            .text("id")
            .and_then(|id| by_report.get(id))
            .map(Vec::as_slice)
            .unwrap_or_default();
        push_report(report, members, pid, out);
    }
    for row in results {
        push_result(row, pid, out);
    }
    for row in record.rows(RecordTable::SocialHistory) {
        push_social(row, pid, out);
    }
}

fn quantity(value: f64, unit: &str) -> Value {
    obj! { "value": value, "unit": unit, "system": UCUM, "code": unit }
}

/// A vital sign: (id suffix, LOINC, name, column, UCUM unit).
const VITALS: [(&str, &str, &str, &str, &str); 9] = [
    ("pulse", "8867-4", "Heart rate", "pulse", "/min"),
    ("resp", "9279-1", "Respiratory rate", "respiration", "/min"),
    ("temp", "8310-5", "Body temperature", "temperature_c", "Cel"),
    (
        "spo2",
        "59408-5",
        "Oxygen saturation by pulse oximetry",
        "spo2",
        "%",
    ),
    ("height", "8302-2", "Body height", "height_cm", "cm"),
    ("weight", "29463-7", "Body weight", "weight_kg", "kg"),
    ("bmi", "39156-5", "Body mass index", "bmi", "kg/m2"),
    (
        "head",
        "9843-4",
        "Head occipital-frontal circumference",
        "head_circumference_cm",
        "cm",
    ),
    (
        "pain",
        "72514-3",
        "Pain severity 0-10 verbal numeric rating",
        "pain_score",
        "{score}",
    ),
];

/// What every vital sign's Observation holds; the caller puts in its value.
fn vital_base(row: &StoredRow, id: &str, pid: &str, code: &str, name: &str) -> Obj {
    let erroneous = row.text("entered_in_error_at").is_some();
    let mut obs = Obj::default();
    obs.put("resourceType", "Observation");
    obs.put("id", id);
    obs.put(
        "status",
        if erroneous {
            "entered-in-error"
        } else {
            "final"
        },
    );
    obs.put(
        "category",
        list![hl7_concept("observation-category", "vital-signs")],
    );
    obs.put("code", coded(LOINC, Some(code), name));
    obs.put("subject", reference("Patient", pid));
    obs.put(
        "encounter",
        row.text("visit_id").map(|v| reference("Encounter", v)),
    );
    obs.put("effectiveDateTime", row.text("taken_at"));
    obs.put("issued", row.text("recorded_at"));
    obs.put("performer", list![user_ref(row, "recorded_by")]);
    obs
}

fn push_vitals(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(set) = row.text("id") else { return };
    if let (Some(sys), Some(dia)) = (row.real("systolic"), row.real("diastolic")) {
        let id = format!("{set}-bp");
        let mut bp = vital_base(row, &id, pid, "85354-9", "Blood pressure panel");
        bp.put(
            "component",
            list![
                obj! { "code": coded(LOINC, Some("8480-6"), "Systolic blood pressure"),
                "valueQuantity": quantity(sys, "mm[Hg]") },
                obj! { "code": coded(LOINC, Some("8462-4"), "Diastolic blood pressure"),
                "valueQuantity": quantity(dia, "mm[Hg]") },
            ],
        );
        bp.put(
            "note",
            note(row.text("bp_position").map(|p| match p {
                "standing" => "standing",
                "lying" => "lying",
                _ => "sitting",
            })),
        );
        push_vital_row(row, bp.into_value(), &id, out);
    }
    for (suffix, code, name, column, unit) in VITALS {
        let Some(value) = row.real(column) else {
            continue;
        };
        let id = [set, "-", suffix].concat();
        let mut obs = vital_base(row, &id, pid, code, name);
        obs.put("valueQuantity", quantity(value, unit));
        if column == "bmi" {
            obs.put(
                "derivedFrom",
                row.text("bmi_height_from")
                    .map(|h| list![reference("Observation", &format!("{h}-height"))]),
            );
        }
        push_vital_row(row, obs.into_value(), &id, out);
    }
}

fn push_vital_row(row: &StoredRow, obs: Value, id: &str, out: &mut dyn Sink) {
    out.push(obs);
    push_entered_in_error(row, "Observation", id, out);
}

fn result_status(status: Option<&str>, erroneous: bool) -> &'static str {
    if erroneous {
        return "entered-in-error";
    }
    match status {
        Some("preliminary") => "preliminary",
        Some("corrected") => "corrected",
        _ => "final",
    }
}

fn interpretation(flag: Option<&str>) -> Option<&'static str> {
    match flag? {
        "normal" => Some("N"),
        "low" => Some("L"),
        "high" => Some("H"),
        "critical_low" => Some("LL"),
        "critical_high" => Some("HH"),
        "abnormal" => Some("A"),
        _ => None,
    }
}

/// A report with its own results (`members`).
fn push_report(report: &StoredRow, members: &[&StoredRow], pid: &str, out: &mut dyn Sink) {
    let Some(id) = report.text("id") else { return };
    let members: Vec<Value> = members
        .iter()
        .filter_map(|r| r.text("id").map(|rid| reference("Observation", rid)))
        .collect();
    let erroneous = report.text("entered_in_error_at").is_some();
    out.push(obj! {
        "resourceType": "DiagnosticReport",
        "id": id,
        "extension": list![
            extension("source", "valueCode", report.text("source")),
            extension("reviewedAt", "valueDateTime", report.text("reviewed_at")),
            extension("placerOrder", "valueString", report.text("placer_order")),
        ],
        "status": result_status(report.text("status"), erroneous),
        "category": list![hl7_concept("v2-0074", "LAB")],
        "code": coded(LOINC, report.text("panel_code"), report.text("panel_name").unwrap_or("Lab report")),
        "subject": reference("Patient", pid),
        "effectiveDateTime": report.text("collected_at"),
        "issued": report.text("received_at"),
        "performer": list![
            report.text("performing_lab").map(|l| obj! { "display": l }),
            user_ref(report, "responsible_id"),
        ],
        "resultsInterpreter": list![user_ref(report, "reviewed_by")],
        "result": members,
        "conclusion": report.text("review_comment").or(report.text("comment")),
    });
    push_entered_in_error(report, "DiagnosticReport", id, out);
}

fn push_result(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let unit = row.text("unit");
    let value_quantity = row
        .real("value_num")
        .map(|v| obj! { "value": v, "unit": unit });
    let range_value = |column: &str| row.real(column).map(|v| obj! { "value": v, "unit": unit });
    let low = range_value("ref_low");
    let high = range_value("ref_high");
    let range_text = row.text("ref_text");
    let reference_range = (low.is_some() || high.is_some() || range_text.is_some())
        .then(|| list![obj! { "low": low, "high": high, "text": range_text }]);
    let erroneous = row.text("entered_in_error_at").is_some();
    out.push(obj! {
        "resourceType": "Observation",
        "id": id,
        "extension": list![
            extension("supersedes", "valueReference",
                row.text("supersedes").map(|s| reference("Observation", s))),
            extension("labFlag", "valueString", row.text("lab_flag")),
        ],
        "status": result_status(row.text("result_status"), erroneous),
        "category": list![hl7_concept("observation-category", "laboratory")],
        "code": coded(LOINC, row.text("loinc"), row.text("name").unwrap_or_default()),
        "subject": reference("Patient", pid),
        "effectiveDateTime": row.text("collected_at"),
        "valueQuantity": value_quantity,
        "valueString": row.text("value_text"),
        "interpretation": interpretation(row.text("flag"))
            .map(|c| list![hl7_concept("v3-ObservationInterpretation", c)]),
        "referenceRange": reference_range,
        "note": note(row.text("comment")),
    });
    push_entered_in_error(row, "Observation", id, out);
}

/// The social-history LOINC question for each kind Charta records.
fn social_code(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "smoking" => ("72166-2", "Tobacco smoking status"),
        "alcohol" => ("11331-6", "History of Alcohol use"),
        "substance" => ("11343-1", "History of Other nonmedical drug use"),
        _ => ("11341-5", "History of Occupation"),
    }
}

fn smoking_answer(status: &str) -> Option<(&'static str, &'static str)> {
    match status {
        "never" => Some(("266919005", "Never smoked tobacco")),
        "former" => Some(("8517006", "Ex-smoker")),
        "current_every_day" => Some(("449868002", "Smokes tobacco daily")),
        "current_some_days" => Some(("428041000124106", "Occasional tobacco smoker")),
        "unknown" => Some(("266927001", "Tobacco smoking consumption unknown")),
        _ => None,
    }
}

fn push_social(row: &StoredRow, pid: &str, out: &mut dyn Sink) {
    let Some(id) = row.text("id") else { return };
    let kind = row.text("kind").unwrap_or("occupation");
    let status = row.text("status").unwrap_or("unknown");
    let (code, name) = social_code(kind);
    let answer = match (kind, smoking_answer(status)) {
        ("smoking", Some((c, d))) => coded(SNOMED, Some(c), d),
        _ => text_concept(&status.replace('_', " ")),
    };
    let figures: Vec<String> = [
        ("packs a day", row.real("packs_per_day")),
        ("years", row.real("years")),
        ("pack-years", row.real("pack_years")),
        ("drinks a week", row.real("drinks_per_week")),
        ("AUDIT-C", row.real("audit_c")),
    ]
    .iter()
    .filter_map(|(label, v)| v.map(|v| format!("{label}: {v}")))
    .chain(row.text("quit_date").map(|q| format!("quit: {q}")))
    .chain(row.text("detail").map(str::to_string))
    .collect();
    let erroneous = row.text("entered_in_error_at").is_some();
    out.push(obj! {
        "resourceType": "Observation",
        "id": id,
        "extension": list![
            super::clinical::replaces(row, "Observation"),
            extension("supersededAt", "valueDateTime", row.text("superseded_at")),
        ],
        "status": if erroneous { "entered-in-error" } else { "final" },
        "category": list![hl7_concept("observation-category", "social-history")],
        "code": coded(LOINC, Some(code), name),
        "subject": reference("Patient", pid),
        "effectiveDateTime": row.text("as_of"),
        "issued": row.text("recorded_at"),
        "performer": list![user_ref(row, "recorded_by")],
        "valueCodeableConcept": answer,
        "note": (!figures.is_empty()).then(|| list![obj! { "text": figures.join("; ") }]),
    });
    push_entered_in_error(row, "Observation", id, out);
}
