//! FHIR R4 export of the practice's electronic health information (45 CFR 170.315(b)(10)):
//! one chart as a collection Bundle, the whole practice as bulk-data NDJSON. Every table of a
//! chart maps to a resource, superseded and entered-in-error rows included (the export is the
//! whole record, not the chart's current view); signatures, amendments and entered-in-error
//! marks travel as Provenance.

mod build;
mod bundle;
mod clinical;
mod correspondence;
mod encounters;
pub mod import;
mod observations;
mod outside_visits;
mod people;
mod practice_export;
mod readable;
mod series;
#[cfg(test)]
mod snapshot_tests;

pub use practice_export::{ExportProgress, PracticeExport, TypeCount};

use crate::access::Access;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::permissions::Operation;
use crate::store;
use crate::store::record_rows::{RecordTable, StoredRow};
use crate::AsUser;
use build::{is_empty, list, obj};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::{Map, Value};
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
    // `concat`, not `format!`: references are the export's most common strings, and
    // `format!` calls were 7% of a 700-visit chart's export in a profile.
    obj! { "reference": [kind, "/", id].concat() }
}

pub(crate) fn user_ref(row: &StoredRow, column: &str) -> Option<Value> {
    row.text(column).map(|id| reference("Practitioner", id))
}

/// A CodeableConcept with one coding (when there is a code) and the text as shown.
pub(crate) fn coded(system: &str, code: Option<&str>, display: &str) -> Value {
    match code {
        Some(code) => obj! {
            "coding": list![obj! { "system": system, "code": code, "display": display }],
            "text": display,
        },
        None => text_concept(display),
    }
}

pub(crate) fn text_concept(text: &str) -> Value {
    obj! { "text": text }
}

/// A CodeableConcept from one of HL7's terminology code systems.
pub(crate) fn hl7_concept(code_system: &str, code: &str) -> Value {
    obj! { "coding": list![obj! {
        "system": ["http://terminology.hl7.org/CodeSystem/", code_system].concat(),
        "code": code,
    }] }
}

/// An Annotation, when there is text.
pub(crate) fn note(text: Option<&str>) -> Value {
    match text {
        Some(t) => list![obj! { "text": t }],
        None => Value::Null,
    }
}

/// One of Charta's own extensions.
pub(crate) fn extension(name: &str, value_kind: &str, value: impl Into<Value>) -> Value {
    let value = value.into();
    if is_empty(&value) {
        return Value::Null;
    }
    let mut map = Map::new();
    map.insert(
        "url".into(),
        Value::String([EXTENSION_BASE, "/", name].concat()),
    );
    map.insert(value_kind.into(), value);
    Value::Object(map)
}

/// Base64 for attachments.
pub(crate) fn base64(bytes: &[u8]) -> String {
    data_encoding::BASE64.encode(bytes)
}

/// A visit note's `DocumentReference.content`: the text, as a plain-text attachment.
pub(crate) fn visit_note_content(text: &str) -> Value {
    build::list![build::obj! { "attachment": build::obj! {
        "contentType": "text/plain",
        "data": base64(text.as_bytes()),
        "title": "Visit note",
    } }]
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
        let mut out = Vec::new();
        self.push_resources(&mut out);
        out
    }

    /// [`Self::resources`], each put in `out` as soon as it is made.
    pub(crate) fn push_resources(&self, out: &mut dyn Sink) {
        let Some(patient) = self.rows(RecordTable::Patient).first() else {
            return;
        };
        let Some(pid) = patient.text("id") else {
            return;
        };
        out.push(people::patient(patient, self.rows(RecordTable::Phones)));
        encounters::push_visits(self, pid, out);
        outside_visits::push_all(self, pid, out);
        clinical::push_all(self, pid, out);
        observations::push_all(self, pid, out);
        correspondence::push_all(self, pid, out);
    }
}

/// Where the mappers put each resource as they finish it: a list (the practice's NDJSON export
/// files them by type) or, for one chart, straight into the Bundle's text
/// ([`bundle::BundleText`]), so no chart-sized tree of values is ever built, copied or freed.
pub(crate) trait Sink {
    fn push(&mut self, resource: Value);
    /// How many resources it holds so far.
    fn count(&self) -> usize;
}

impl Sink for Vec<Value> {
    fn push(&mut self, resource: Value) {
        Vec::push(self, resource);
    }

    fn count(&self) -> usize {
        self.len()
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
    Ok(out)
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
    obj! {
        "resourceType": "Provenance",
        "id": id,
        "target": list![target],
        "recorded": at,
        "activity": obj! { "coding": list![obj! { "system": system, "code": code }] },
        "reason": reason.map(|r| list![obj! { "text": r }]),
        "agent": list![obj! { "who": who.unwrap_or_else(|| obj! { "display": "unknown" }) }],
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Activity {
    Signed,
    Amended,
    EnteredInError,
}

/// The NULLIFY Provenance of a row marked entered in error (its `entered_in_error_*` columns).
pub(crate) fn push_entered_in_error(row: &StoredRow, kind: &str, id: &str, out: &mut dyn Sink) {
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

impl AsUser<'_> {
    /// The patient with chart number `mrn`, for an export. The refusal comes before the
    /// lookup, so who may not export learns nothing of the register.
    pub(crate) fn export_patient_of_mrn(
        &mut self,
        mrn: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<PatientId> {
        self.require(Operation::ExportRecords, "export_patient_fhir", now)?;
        self.db
            .read(|c| store::record_rows::patient_by_mrn(c, mrn))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "patient",
                id: format!("MRN {mrn}"),
            })
    }

    /// [`Self::export_patient_fhir`] for chart number `mrn` (the command line's `--patient`).
    pub fn export_patient_fhir_by_mrn(
        &mut self,
        mrn: i64,
        now: DateTime<Utc>,
    ) -> CoreResult<String> {
        let patient = self.export_patient_of_mrn(mrn, now)?;
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
        let bundle = self.export_patient_into(patient, bundle::BundleText::new(), now)?;
        bundle.finish(&format!("export-{patient}"), &store::instant_to_sql(now))
    }

    /// The practice's resources and then the chart's, put in `sink` as they are made, read
    /// and audited (`export_patient_fhir`) in one transaction: the Bundle and the readable
    /// record are the same export.
    pub(crate) fn export_patient_into<S: Sink>(
        &mut self,
        patient: PatientId,
        mut sink: S,
        now: DateTime<Utc>,
    ) -> CoreResult<S> {
        let access = self.require_for_patient(
            Operation::ExportRecords,
            "export_patient_fhir",
            patient,
            now,
        )?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let record = PatientRecord::read(tx, patient)?;
            for resource in practice_resources(tx)? {
                sink.push(resource);
            }
            record.push_resources(&mut sink);
            let event = actor
                .event(now, "export_patient_fhir", Outcome::Ok)
                .patient(patient)
                .entity("patient", patient)
                .emergency(access == Access::Emergency)
                .detail(format!("{} resources", sink.count()));
            audit::append(tx, &event)
        })?;
        Ok(sink)
    }
}
