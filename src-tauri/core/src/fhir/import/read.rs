//! Reading the files of a FHIR import: Bundles (transaction, batch, collection, searchset)
//! and NDJSON, refused whole when a file is too big or not FHIR, and their resources sorted
//! into one chart per Patient (with the names of the practitioners, organisations and
//! locations the charts' encounters point at). An NDJSON resource is checked whole on the first pass but kept
//! only as its outline (type, id, patient reference) and where its line is; [`load`] reads a
//! chart's lines again when that chart's turn comes, so a bulk export of any size needs memory
//! for one chart at a time, not for the files.

use super::ImportIssue;
use crate::error::{CoreError, CoreResult, FieldError};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

/// A Bundle is read whole into memory, so it is capped; bulk exports use NDJSON.
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;
/// One NDJSON line is one resource; a scanned document's bytes fit well inside this.
pub const MAX_RESOURCE_BYTES: usize = 64 * 1024 * 1024;

/// One resource and where it came from ("bundle.json entry 12", "Condition.ndjson line 3").
pub(super) struct Located {
    /// The resource; `Null` for an NDJSON line not yet [`load`]ed.
    pub resource: Value,
    pub full_url: Option<String>,
    pub at: String,
    /// Where an NDJSON line is: the file (its index in the import's files), the byte offset
    /// and the length.
    pub line: Option<(usize, u64, usize)>,
    /// What sorting needs, kept apart so a line's resource can wait on disk: its type, id and
    /// the reference to its patient (the element and the reference).
    kind: String,
    id: Option<String>,
    reference: Option<(&'static str, String)>,
    /// A practitioner's, organisation's or location's name: what an encounter that points at
    /// it calls its clinician or place.
    label: Option<String>,
}

impl Located {
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// `Condition/abc`, or the kind and place when the resource has no id.
    pub fn name(&self) -> String {
        match &self.id {
            Some(id) => format!("{}/{id}", self.kind),
            None => format!("{} ({})", self.kind, self.at),
        }
    }
}

/// One patient's resources: the Patient first, then everything that points at it.
pub(super) struct Chart {
    pub patient: Located,
    pub records: Vec<Located>,
}

/// What the files hold, sorted.
pub(super) struct Sorted {
    pub charts: Vec<Chart>,
    /// Resources that are nobody's chart (practitioners, organisations, locations …), by type.
    pub outside: BTreeMap<String, u64>,
    /// Resources that point at a patient the files do not hold.
    pub orphans: Vec<ImportIssue>,
    /// The names of the practitioners, organisations and locations, by every reference that
    /// reaches them (`Practitioner/id`, the entry's `fullUrl`).
    pub names: Names,
}

/// Names of the files' practitioners, organisations and locations, by reference.
#[derive(Debug, Default)]
pub(super) struct Names(HashMap<String, String>);

impl Names {
    /// The name of what `reference` points at: `Practitioner/id`, a `fullUrl`, or an absolute
    /// URL ending in `Type/id`.
    pub fn of(&self, reference: &str) -> Option<&str> {
        self.0
            .get(reference)
            .or_else(|| {
                NAMED.iter().find_map(|kind| {
                    let at = reference.rfind(&format!("{kind}/"))?;
                    self.0.get(&reference[at..])
                })
            })
            .map(String::as_str)
    }
}

/// The resource types whose names an encounter shows.
const NAMED: [&str; 3] = ["Practitioner", "Organization", "Location"];

/// A practitioner's name as people say it ("Dr. Sarah Rossi"), an organisation's or a
/// location's `name`.
fn label_of(kind: &str, resource: &Value) -> Option<String> {
    if !NAMED.contains(&kind) {
        return None;
    }
    let name = resource.get("name")?;
    if let Some(text) = name.as_str() {
        return Some(text.trim().to_string()).filter(|t| !t.is_empty());
    }
    let first = name.as_array()?.first()?;
    if let Some(text) = first.get("text").and_then(Value::as_str) {
        return Some(text.trim().to_string()).filter(|t| !t.is_empty());
    }
    let words = |key: &str| -> Vec<&str> {
        first
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect()
    };
    let mut parts = words("prefix");
    parts.extend(words("given"));
    parts.extend(first.get("family").and_then(Value::as_str));
    let full = parts.join(" ").trim().to_string();
    (!full.is_empty()).then_some(full)
}

fn file_error(path: &Path, message: impl std::fmt::Display) -> CoreError {
    CoreError::Invalid(vec![FieldError::new(
        "files",
        format!("{}: {message}", display_name(path)),
    )])
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Every resource of every file, in file order: `.ndjson` files one resource per line, any
/// other file one JSON document (a Bundle or one resource). A file that cannot be read as FHIR refuses
/// the whole import (nothing can be said about the patients it would have held).
pub(super) fn read_files(paths: &[impl AsRef<Path>]) -> CoreResult<Vec<Located>> {
    if paths.is_empty() {
        return Err(CoreError::invalid(
            "files",
            "Choose at least one FHIR file (a Bundle .json or bulk .ndjson)",
        ));
    }
    let mut out = Vec::new();
    for (index, path) in paths.iter().enumerate() {
        read_file(path.as_ref(), index, &mut out)?;
    }
    Ok(out)
}

fn read_file(path: &Path, index: usize, out: &mut Vec<Located>) -> CoreResult<()> {
    let name = display_name(path);
    let file = File::open(path).map_err(|e| file_error(path, format!("cannot be opened ({e})")))?;
    let size = file
        .metadata()
        .map_err(|e| file_error(path, format!("cannot be read ({e})")))?
        .len();
    let mut reader = BufReader::new(file);
    let first = first_byte(&mut reader).map_err(|e| file_error(path, e))?;
    match first {
        None => Err(file_error(path, "is empty")),
        Some(_) if !is_ndjson(path) => {
            if size > MAX_BUNDLE_BYTES {
                return Err(file_error(
                    path,
                    format!(
                        "is {} MB; a Bundle may be at most {} MB (export large practices as NDJSON)",
                        size / (1024 * 1024),
                        MAX_BUNDLE_BYTES / (1024 * 1024)
                    ),
                ));
            }
            let mut text = String::new();
            reader
                .read_to_string(&mut text)
                .map_err(|e| file_error(path, format!("is not UTF-8 text ({e})")))?;
            let value: Value = serde_json::from_str(&text)
                .map_err(|e| file_error(path, format!("is not valid JSON: {e}")))?;
            drop(text);
            read_value(value, &name, out).map_err(|m| file_error(path, m))
        }
        Some(_) => read_ndjson(path, index, reader, &name, out),
    }
}

fn is_ndjson(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ndjson"))
}

fn first_byte(reader: &mut BufReader<File>) -> Result<Option<u8>, String> {
    loop {
        let buf = reader
            .fill_buf()
            .map_err(|e| format!("cannot be read ({e})"))?;
        if buf.is_empty() {
            return Ok(None);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => return Ok(Some(buf[i])),
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

fn read_ndjson(
    path: &Path,
    index: usize,
    mut reader: BufReader<File>,
    name: &str,
    out: &mut Vec<Located>,
) -> CoreResult<()> {
    let mut line = Vec::new();
    let mut number = 0usize;
    let mut offset = 0u64;
    loop {
        line.clear();
        number += 1;
        let starts = offset;
        let read = (&mut reader)
            .take(MAX_RESOURCE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| file_error(path, format!("cannot be read ({e})")))?;
        if read == 0 {
            return Ok(());
        }
        offset += read as u64;
        if line.len() > MAX_RESOURCE_BYTES {
            return Err(file_error(
                path,
                format!(
                    "line {number} is over {} MB; one resource may be at most that",
                    MAX_RESOURCE_BYTES / (1024 * 1024)
                ),
            ));
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let value: Value = serde_json::from_slice(&line)
            .map_err(|e| file_error(path, format!("line {number} is not valid JSON: {e}")))?;
        let at = format!("{name} line {number}");
        if value.get("resourceType").and_then(Value::as_str) == Some("Bundle") {
            read_value(value, &at, out).map_err(|m| file_error(path, m))?;
        } else {
            push_resource(value, None, at, out).map_err(|m| file_error(path, m))?;
            if let Some(last) = out.last_mut() {
                last.resource = Value::Null;
                last.line = Some((index, starts, line.len()));
            }
        }
    }
}

/// The import's NDJSON files opened again to read each chart's lines whole: each file at most
/// once per import (a chart's lines come from several files, and the charts from all of them).
pub(super) struct Reopened {
    paths: Vec<PathBuf>,
    files: Vec<Option<File>>,
}

impl Reopened {
    pub fn new(paths: Vec<PathBuf>) -> Self {
        let files = paths.iter().map(|_| None).collect();
        Reopened { paths, files }
    }

    fn file(&mut self, index: usize, at: &str) -> CoreResult<(&Path, &mut File)> {
        let path = self
            .paths
            .get(index)
            .ok_or_else(|| CoreError::Corrupt(format!("{at}: no such file in the import")))?;
        let slot = self
            .files
            .get_mut(index)
            .ok_or_else(|| CoreError::Corrupt(format!("{at}: no such file in the import")))?;
        let file = match slot {
            Some(f) => f,
            None => slot.insert(
                File::open(path)
                    .map_err(|e| file_error(path, format!("cannot be opened again ({e})")))?,
            ),
        };
        Ok((path.as_path(), file))
    }

    /// Reads a chart's NDJSON lines again, whole.
    pub fn load(&mut self, chart: &mut Chart) -> CoreResult<()> {
        for r in std::iter::once(&mut chart.patient).chain(chart.records.iter_mut()) {
            let Some((index, offset, len)) = r.line.take() else {
                continue;
            };
            let (path, file) = self.file(index, &r.at)?;
            let mut bytes = vec![0u8; len];
            file.seek(SeekFrom::Start(offset))
                .and_then(|_| file.read_exact(&mut bytes))
                .map_err(|e| file_error(path, format!("cannot be read again ({e})")))?;
            r.resource = serde_json::from_slice(&bytes).map_err(|e| {
                file_error(path, format!("{} changed during the import ({e})", r.at))
            })?;
        }
        Ok(())
    }
}

/// A Bundle's entries, or one bare resource.
fn read_value(value: Value, at: &str, out: &mut Vec<Located>) -> Result<(), String> {
    if value.get("resourceType").and_then(Value::as_str) != Some("Bundle") {
        return push_resource(value, None, at.to_string(), out);
    }
    let Value::Object(mut bundle) = value else {
        return Err("is not a JSON object".into());
    };
    let entries = match bundle.remove("entry") {
        None => return Ok(()),
        Some(Value::Array(entries)) => entries,
        Some(_) => return Err(format!("{at}: Bundle.entry must be an array")),
    };
    for (i, entry) in entries.into_iter().enumerate() {
        let place = format!("{at} entry {}", i + 1);
        let Value::Object(mut entry) = entry else {
            return Err(format!("{place}: Bundle.entry[{i}] must be an object"));
        };
        let full_url = match entry.remove("fullUrl") {
            None => None,
            Some(Value::String(u)) => Some(u),
            Some(_) => {
                return Err(format!(
                    "{place}: Bundle.entry[{i}].fullUrl must be a string"
                ))
            }
        };
        let Some(resource) = entry.remove("resource") else {
            return Err(format!("{place}: Bundle.entry[{i}].resource is missing"));
        };
        push_resource(resource, full_url, place, out)?;
    }
    Ok(())
}

fn push_resource(
    resource: Value,
    full_url: Option<String>,
    at: String,
    out: &mut Vec<Located>,
) -> Result<(), String> {
    let kind = match resource.get("resourceType") {
        Some(Value::String(k)) if !k.is_empty() => k.clone(),
        Some(_) => return Err(format!("{at}: resourceType must be a resource type's name")),
        None => return Err(format!("{at}: the resource has no resourceType")),
    };
    let id = match resource.get("id") {
        None => None,
        Some(Value::String(id)) => Some(id.clone()),
        Some(_) => return Err(format!("{at}: id must be a string")),
    };
    let reference = patient_reference(&resource).map(|(field, r)| (field, r.to_string()));
    let label = label_of(&kind, &resource);
    out.push(Located {
        resource,
        full_url,
        at,
        line: None,
        kind,
        id,
        reference,
        label,
    });
    Ok(())
}

/// Resources that describe the practice's world rather than one patient.
const DIRECTORY: [&str; 10] = [
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Location",
    "Medication",
    "Substance",
    "HealthcareService",
    "Endpoint",
    "Group",
    "Provenance",
];

/// The elements through which a resource names its patient.
const PATIENT_FIELDS: [&str; 5] = ["subject", "patient", "beneficiary", "for", "individual"];

/// The reference a resource makes to its patient, if any (an Appointment names them among
/// its participants).
pub(super) fn patient_reference(resource: &Value) -> Option<(&'static str, &str)> {
    PATIENT_FIELDS
        .iter()
        .find_map(|field| {
            resource
                .get(*field)
                .and_then(|r| r.get("reference"))
                .and_then(Value::as_str)
                .map(|r| (*field, r))
        })
        .or_else(|| {
            resource
                .get("participant")?
                .as_array()?
                .iter()
                .filter_map(|p| p.get("actor")?.get("reference")?.as_str())
                .find(|r| r.contains("Patient/"))
                .map(|r| ("participant", r))
        })
}

/// Sorts resources into charts: each Patient gets every resource whose subject (or
/// patient, beneficiary …) points at it, by `Patient/id`, by its entry's `fullUrl` or by an
/// absolute URL ending in `Patient/id`.
pub(super) fn sort(resources: Vec<Located>) -> Sorted {
    let mut charts: Vec<Chart> = Vec::new();
    let mut by_reference: HashMap<String, usize> = HashMap::new();
    let mut rest = Vec::new();
    for r in resources {
        if r.kind() != "Patient" {
            rest.push(r);
            continue;
        }
        let index = charts.len();
        if let Some(id) = &r.id {
            by_reference.insert(format!("Patient/{id}"), index);
        }
        if let Some(url) = &r.full_url {
            by_reference.insert(url.clone(), index);
        }
        charts.push(Chart {
            patient: r,
            records: Vec::new(),
        });
    }
    let mut outside: BTreeMap<String, u64> = BTreeMap::new();
    let mut orphans = Vec::new();
    let mut names = Names::default();
    for r in rest {
        if let Some(label) = &r.label {
            if let Some(id) = &r.id {
                names.0.insert(format!("{}/{id}", r.kind), label.clone());
            }
            if let Some(url) = &r.full_url {
                names.0.insert(url.clone(), label.clone());
            }
        }
        let Some((field, target)) = r.reference.as_ref().map(|(f, t)| (*f, t.as_str())) else {
            *outside.entry(r.kind().to_string()).or_default() += 1;
            continue;
        };
        if DIRECTORY.contains(&r.kind()) && field != "patient" && field != "subject" {
            *outside.entry(r.kind().to_string()).or_default() += 1;
            continue;
        }
        let found = by_reference.get(target).copied().or_else(|| {
            target
                .rfind("Patient/")
                .and_then(|at| by_reference.get(&target[at..]).copied())
        });
        match found {
            Some(index) => charts[index].records.push(r),
            None => orphans.push(ImportIssue::new(
                r.name(),
                field,
                format!("points at {target}, which is not in the files; it was not imported"),
            )),
        }
    }
    Sorted {
        charts,
        outside,
        orphans,
        names,
    }
}
