//! FHIR R4 export of the practice's electronic health information (45 CFR 170.315(b)(10)):
//! one chart as a collection Bundle, the whole practice as bulk-data NDJSON. Every table of a
//! chart maps to a resource, superseded and entered-in-error rows included (the export is the
//! whole record, not the chart's current view); signatures, amendments and entered-in-error
//! marks travel as Provenance.

mod clinical;
mod correspondence;
mod encounters;
pub mod import;
mod observations;
mod people;
mod practice_export;
mod readable;

pub use practice_export::{ExportProgress, PracticeExport, TypeCount};

use crate::access::Access;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::permissions::Operation;
use crate::store;
use crate::store::record_rows::{RecordTable, StoredRow};
use crate::AsUser;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// Charta has no FHIR server; full URLs are minted under a reserved name (RFC 6761).
pub const BASE_URL: &str = "https://charta.invalid/fhir";
pub const MRN_SYSTEM: &str = "urn:charta:mrn";
pub const ICD10CM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
pub const LOINC: &str = "http://loinc.org";
pub const RXNORM: &str = "http://www.nlm.nih.gov/research/umls/rxnorm";
pub const CVX: &str = "http://hl7.org/fhir/sid/cvx";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";
/// Charta's own extensions (values FHIR has no element for).
pub const EXTENSION_BASE: &str = "https://charta.invalid/fhir/StructureDefinition";

/// A resource's reference, `Type/id`.
pub(crate) fn reference(kind: &str, id: &str) -> Value {
    json!({ "reference": format!("{kind}/{id}") })
}

pub(crate) fn user_ref(row: &StoredRow, column: &str) -> Option<Value> {
    row.text(column).map(|id| reference("Practitioner", id))
}

/// A CodeableConcept with one coding (when there is a code) and the text as shown.
pub(crate) fn coded(system: &str, code: Option<&str>, display: &str) -> Value {
    match code {
        Some(code) => pruned(json!({
            "coding": [{ "system": system, "code": code, "display": nonempty(display) }],
            "text": nonempty(display),
        })),
        None => text_concept(display),
    }
}

pub(crate) fn text_concept(text: &str) -> Value {
    json!({ "text": text })
}

/// A CodeableConcept from one of HL7's terminology code systems.
pub(crate) fn hl7_concept(code_system: &str, code: &str) -> Value {
    json!({ "coding": [{
        "system": format!("http://terminology.hl7.org/CodeSystem/{code_system}"),
        "code": code,
    }] })
}

fn nonempty(text: &str) -> Value {
    if text.trim().is_empty() {
        Value::Null
    } else {
        Value::String(text.to_string())
    }
}

/// Drops nulls, empty strings, empty arrays and empty objects, recursively: FHIR forbids
/// empty elements, and most columns are optional.
pub(crate) fn pruned(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let kept: Map<String, Value> = map
                .into_iter()
                .map(|(k, v)| (k, pruned(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect();
            Value::Object(kept)
        }
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(pruned)
                .filter(|v| !is_empty(v))
                .collect(),
        ),
        other => other,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

/// An Annotation, when there is text.
pub(crate) fn note(text: Option<&str>) -> Value {
    match text {
        Some(t) => json!([{ "text": t }]),
        None => Value::Null,
    }
}

/// One of Charta's own extensions.
pub(crate) fn extension(name: &str, value_kind: &str, value: Value) -> Value {
    if is_empty(&value) {
        return Value::Null;
    }
    let mut map = Map::new();
    map.insert(
        "url".into(),
        Value::String(format!("{EXTENSION_BASE}/{name}")),
    );
    map.insert(value_kind.into(), value);
    Value::Object(map)
}

/// Base64 for attachments.
pub(crate) fn base64(bytes: &[u8]) -> String {
    data_encoding::BASE64.encode(bytes)
}

/// `rows` grouped by the value of `column` (a parent's id), each group in stored order: a
/// chart's diagnoses by visit, its results by report, read once instead of once per parent.
pub(crate) fn by_parent<'a>(
    rows: &'a [StoredRow],
    column: &str,
) -> std::collections::HashMap<&'a str, Vec<&'a StoredRow>> {
    let mut groups: std::collections::HashMap<&str, Vec<&StoredRow>> =
        std::collections::HashMap::new();
    for row in rows {
        if let Some(parent) = row.text(column) {
            groups.entry(parent).or_default().push(row);
        }
    }
    groups
}

/// Everything stored about one patient, table by table.
#[derive(Debug)]
pub(crate) struct PatientRecord {
    tables: BTreeMap<RecordTable, Vec<StoredRow>>,
}

impl PatientRecord {
    pub(crate) fn read(conn: &Connection, patient: PatientId) -> CoreResult<PatientRecord> {
        let mut tables = BTreeMap::new();
        for table in RecordTable::ALL {
            tables.insert(table, store::record_rows::of_patient(conn, table, patient)?);
        }
        Ok(PatientRecord { tables })
    }

    pub(crate) fn rows(&self, table: RecordTable) -> &[StoredRow] {
        self.tables.get(&table).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The chart's resources (not the practice's Organization and Practitioners).
    pub(crate) fn resources(&self) -> Vec<Value> {
        let Some(patient) = self.rows(RecordTable::Patient).first() else {
            return Vec::new();
        };
        let Some(pid) = patient.text("id") else {
            return Vec::new();
        };
        let mut out = vec![people::patient(patient, self.rows(RecordTable::Phones))];
        encounters::push_visits(self, pid, &mut out);
        clinical::push_all(self, pid, &mut out);
        observations::push_all(self, pid, &mut out);
        correspondence::push_all(self, pid, &mut out);
        out.into_iter().map(pruned).collect()
    }
}

/// The practice's Organization, its Practitioners and their roles.
pub(crate) fn practice_resources(conn: &Connection) -> CoreResult<Vec<Value>> {
    let mut out = Vec::new();
    if let Some(practice) = store::record_rows::practice(conn)?.first() {
        out.push(people::organization(practice));
    }
    for user in store::record_rows::users(conn)? {
        people::push_practitioner(&user, &mut out);
    }
    Ok(out.into_iter().map(pruned).collect())
}

/// A Provenance for `target`: a signature (LA), an amendment (APPEND) or an
/// entered-in-error mark (NULLIFY) by `who` at `at`.
pub(crate) fn provenance(
    id: String,
    target: Value,
    activity: Activity,
    at: &str,
    who: Option<Value>,
    reason: Option<&str>,
) -> Value {
    let (system, code) = match activity {
        Activity::Signed => (
            "http://terminology.hl7.org/CodeSystem/v3-DocumentCompletion",
            "LA",
        ),
        Activity::Amended => (
            "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
            "APPEND",
        ),
        Activity::EnteredInError => (
            "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
            "NULLIFY",
        ),
    };
    json!({
        "resourceType": "Provenance",
        "id": id,
        "target": [target],
        "recorded": at,
        "activity": { "coding": [{ "system": system, "code": code }] },
        "reason": reason.map(|r| json!([{ "text": r }])),
        "agent": [{ "who": who.unwrap_or_else(|| json!({ "display": "unknown" })) }],
    })
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Activity {
    Signed,
    Amended,
    EnteredInError,
}

/// The NULLIFY Provenance of a row marked entered in error (its `entered_in_error_*` columns).
pub(crate) fn push_entered_in_error(row: &StoredRow, kind: &str, id: &str, out: &mut Vec<Value>) {
    if let Some(at) = row.text("entered_in_error_at") {
        out.push(provenance(
            format!("eie-{id}"),
            reference(kind, id),
            Activity::EnteredInError,
            at,
            user_ref(row, "entered_in_error_by"),
            row.text("entered_in_error_reason"),
        ));
    }
}

/// The collection Bundle entry of a resource. Built by hand: `json!` would copy the resource
/// through `to_value` (half the time of a 700-visit chart's export).
fn entry(resource: Value) -> Value {
    let kind = resource["resourceType"].as_str().unwrap_or_default();
    let id = resource["id"].as_str().unwrap_or_default();
    let url = format!("{BASE_URL}/{kind}/{id}");
    let mut map = Map::new();
    map.insert("fullUrl".into(), Value::String(url));
    map.insert("resource".into(), resource);
    Value::Object(map)
}

impl AsUser<'_> {
    /// [`Self::export_patient_fhir`] for chart number `mrn` (the command line's `--patient`).
    /// The refusal comes before the lookup, so who may not export learns nothing of the register.
    pub fn export_patient_fhir_by_mrn(
        &mut self,
        mrn: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<String> {
        self.require(Operation::ExportRecords, "export_patient_fhir", now)?;
        let patient = self
            .db
            .read(|c| store::record_rows::patient_by_mrn(c, mrn))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "patient",
                id: format!("MRN {mrn}"),
            })?;
        self.export_patient_fhir(patient, now)
    }

    /// [`Self::export_patient_fhir_by_mrn`] written owner-only to `dir/patient-MRN.json` (or
    /// `patient-MRN-2.json` … when taken); answers the file's path.
    pub fn export_patient_fhir_to(
        &mut self,
        mrn: i64,
        dir: &std::path::Path,
        now: DateTime<Utc>,
    ) -> CoreResult<std::path::PathBuf> {
        if dir.as_os_str().is_empty() {
            return Err(CoreError::Invalid(vec![crate::error::FieldError::new(
                "dir",
                "Choose a folder to export into",
            )]));
        }
        let bundle = self.export_patient_fhir_by_mrn(mrn, now)?;
        crate::export::write_export(dir, &format!("patient-{mrn}"), "json", bundle.as_bytes())
    }

    /// One chart as a FHIR R4 collection Bundle (JSON text), with the practice and its
    /// practitioners. Admin only; audited `export_patient_fhir`; a restricted chart needs an
    /// emergency grant.
    pub fn export_patient_fhir(
        &mut self,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<String> {
        let access = self.require_for_patient(
            Operation::ExportRecords,
            "export_patient_fhir",
            patient,
            now,
        )?;
        let actor = self.actor;
        let resources = self.db.write_relaxed(|tx| {
            let record = PatientRecord::read(tx, patient)?;
            let mut resources = practice_resources(tx)?;
            resources.extend(record.resources());
            let event = actor
                .event(now, "export_patient_fhir", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{} resources", resources.len()));
            audit::append(tx, &event)?;
            Ok(resources)
        })?;
        let mut bundle = json!({
            "resourceType": "Bundle",
            "id": format!("export-{patient}"),
            "type": "collection",
            "timestamp": store::instant_to_sql(now),
        });
        bundle["entry"] = Value::Array(resources.into_iter().map(entry).collect());
        serde_json::to_string(&bundle).map_err(|e| {
            CoreError::Corrupt(format!("the export could not be written as JSON: {e}"))
        })
    }
}
