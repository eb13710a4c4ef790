//! FHIR resources as a readable PDF: a section per resource type, a line per resource with
//! its date, what it is and its value, and clinical notes' text in full; billing resources
//! (claims, coverage) counted, not listed. It prints a chart's whole record (the export's
//! human-readable copy) and keeps what an import does not file.

use crate::error::{CoreError, CoreResult};
use crate::medications::print::pdf::Pages;
use crate::AsUser;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::BTreeMap;

/// Resources about money or logistics, not care.
const COUNTED_ONLY: [&str; 6] = [
    "Claim",
    "ExplanationOfBenefit",
    "Coverage",
    "SupplyDelivery",
    "Account",
    "Invoice",
];

const DATE_ELEMENTS: [&str; 12] = [
    "effectiveDateTime",
    "performedDateTime",
    "occurrenceDateTime",
    "authoredOn",
    "issued",
    "date",
    "recordedDate",
    "onsetDateTime",
    "created",
    "started",
    "sent",
    "effectivePeriod",
];

fn date_of(r: &Value) -> String {
    for key in DATE_ELEMENTS {
        if let Some(s) = r.get(key).and_then(Value::as_str) {
            return s.split('T').next().unwrap_or(s).to_string();
        }
    }
    for key in ["period", "performedPeriod", "effectivePeriod"] {
        if let Some(s) = r
            .get(key)
            .and_then(|p| p.get("start"))
            .and_then(Value::as_str)
        {
            return s.split('T').next().unwrap_or(s).to_string();
        }
    }
    String::new()
}

fn concept(c: &Value) -> Option<String> {
    c.get("text")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| {
            c.get("coding")?
                .as_array()?
                .iter()
                .find_map(|x| x.get("display").and_then(Value::as_str))
                .map(str::to_string)
        })
}

fn what(r: &Value) -> String {
    for key in [
        "code",
        "type",
        "vaccineCode",
        "medicationCodeableConcept",
        "category",
        "class",
    ] {
        let v = match r.get(key) {
            Some(Value::Array(items)) => items.first(),
            other => other,
        };
        if let Some(text) = v.and_then(concept) {
            return text;
        }
    }
    r.get("description")
        .or_else(|| r.get("title"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn value(r: &Value) -> Option<String> {
    if let Some(q) = r.get("valueQuantity") {
        let n = q.get("value")?;
        let unit = q
            .get("unit")
            .or(q.get("code"))
            .and_then(Value::as_str)
            .unwrap_or("");
        return Some(format!("{n} {unit}").trim().to_string());
    }
    if let Some(c) = r.get("valueCodeableConcept") {
        return concept(c);
    }
    if let Some(s) = r.get("valueString").and_then(Value::as_str) {
        return Some(s.to_string());
    }
    let parts: Vec<String> = r
        .get("component")?
        .as_array()?
        .iter()
        .filter_map(|c| Some(format!("{}: {}", concept(c.get("code")?)?, value(c)?)))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// A text attachment's words (Synthea and most EMRs send notes as base64 text/plain).
fn note_text(r: &Value) -> Option<String> {
    let attachment = r.get("content")?.as_array()?.first()?.get("attachment")?;
    let kind = attachment
        .get("contentType")
        .and_then(Value::as_str)
        .unwrap_or("");
    if !kind.starts_with("text/") {
        return None;
    }
    let bytes = decode_base64(attachment.get("data")?.as_str()?)?;
    String::from_utf8(bytes).ok()
}

fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' | b' ' => continue,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// The order sections print in (the chart's own order); other types follow by name.
const ORDER: [&str; 14] = [
    "AllergyIntolerance",
    "Condition",
    "MedicationStatement",
    "MedicationRequest",
    "Immunization",
    "Observation",
    "DiagnosticReport",
    "Encounter",
    "DocumentReference",
    "Procedure",
    "FamilyMemberHistory",
    "Appointment",
    "ServiceRequest",
    "Communication",
];

/// Types that say who, not what happened (printed in the heading, or not at all).
const NOT_LISTED: [&str; 6] = [
    "Patient",
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Provenance",
    "Location",
];

/// The PDF: `title` on every page, `lines` under it, then the resources by type.
pub(crate) fn resources_pdf(
    title: &str,
    lines: &[String],
    resources: &[&Value],
    now: DateTime<Utc>,
) -> Vec<u8> {
    let mut pages = Pages::new(title.to_string());
    pages.line(title, 14.0, true);
    for l in lines {
        pages.line(l, 9.0, false);
    }
    pages.gap(8.0);
    let mut by_type: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for r in resources {
        let kind = r.get("resourceType").and_then(Value::as_str).unwrap_or("?");
        if !NOT_LISTED.contains(&kind) {
            by_type.entry(kind).or_default().push(r);
        }
    }
    let counted: Vec<String> = by_type
        .iter()
        .filter(|(k, _)| COUNTED_ONLY.contains(k))
        .map(|(k, v)| format!("{} {k}", v.len()))
        .collect();
    if !counted.is_empty() {
        pages.line(
            &format!("Billing records, not listed: {}", counted.join(", ")),
            10.0,
            false,
        );
        pages.gap(6.0);
    }
    let mut kinds: Vec<&str> = by_type.keys().copied().collect();
    kinds.sort_by_key(|k| (ORDER.iter().position(|o| o == k).unwrap_or(ORDER.len()), *k));
    for kind in kinds {
        if COUNTED_ONLY.contains(&kind) {
            continue;
        }
        let Some(mut resources) = by_type.remove(kind) else {
            continue;
        };
        resources.sort_by_key(|r| date_of(r));
        pages.gap(6.0);
        pages.line(&format!("{kind} ({})", resources.len()), 12.0, true);
        for r in resources {
            let mut line = format!("{}  {}", date_of(r), what(r));
            if let Some(v) = value(r) {
                line.push_str(&format!(": {v}"));
            }
            if r.get("status").and_then(Value::as_str) == Some("entered-in-error")
                || r.pointer("/verificationStatus/coding/0/code")
                    .and_then(Value::as_str)
                    == Some("entered-in-error")
            {
                line.push_str("  [entered in error]");
            }
            pages.line(line.trim(), 9.0, false);
            if let Some(text) = note_text(r) {
                for l in text.lines().map(str::trim_end) {
                    if l.trim().is_empty() {
                        pages.gap(3.0);
                    } else {
                        pages.line_indented(l, 8.0, false, 14.0);
                    }
                }
                pages.gap(4.0);
            }
        }
    }
    pages.finish(title, now)
}

fn patient_lines(p: &Value) -> (String, Vec<String>) {
    let name = p.pointer("/name/0");
    let family = name
        .and_then(|n| n.get("family"))
        .and_then(Value::as_str)
        .unwrap_or("");
    let given: Vec<&str> = name
        .and_then(|n| n.get("given"))
        .and_then(Value::as_array)
        .map(|g| g.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let full = format!("{} {family}", given.join(" ")).trim().to_string();
    let text = |ptr: &str| {
        p.pointer(ptr)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut lines = vec![format!(
        "Born {}, {}, chart #{}",
        text("/birthDate"),
        text("/gender"),
        text("/identifier/0/value")
    )];
    let address: Vec<String> = [
        "/address/0/line/0",
        "/address/0/city",
        "/address/0/state",
        "/address/0/postalCode",
    ]
    .iter()
    .map(|ptr| text(ptr))
    .filter(|t| !t.is_empty())
    .collect();
    if !address.is_empty() {
        lines.push(address.join(", "));
    }
    let phones: Vec<String> = p
        .get("telecom")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|t| t.get("value").and_then(Value::as_str).map(str::to_string))
        .collect();
    if !phones.is_empty() {
        lines.push(phones.join(" · "));
    }
    if let Some(d) = p.get("deceasedDateTime").and_then(Value::as_str) {
        lines.push(format!("Died {d}"));
    }
    (full, lines)
}

impl AsUser<'_> {
    /// One chart's whole record as a readable PDF (the human-readable copy of the export):
    /// every list, every vitals reading and result, every visit with its signed note and
    /// amendments, entered-in-error entries marked. Admin only, audited like the export.
    pub fn patient_record_pdf(&mut self, mrn: i64, now: DateTime<Utc>) -> CoreResult<Vec<u8>> {
        let patient = self.export_patient_of_mrn(mrn, now)?;
        let all = self.export_patient_into(patient, Vec::new(), now)?;
        let resources: Vec<&Value> = all.iter().collect();
        let patient = resources
            .iter()
            .find(|r| r.get("resourceType").and_then(Value::as_str) == Some("Patient"))
            .ok_or_else(|| CoreError::Corrupt("the chart's Bundle has no Patient".into()))?;
        let practice = resources
            .iter()
            .find(|r| r.get("resourceType").and_then(Value::as_str) == Some("Organization"))
            .and_then(|o| o.get("name"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let (name, mut lines) = patient_lines(patient);
        lines.push(format!(
            "{practice} — the whole record, printed {}",
            now.format("%-d %b %Y %H:%M UTC")
        ));
        let title = format!("Health record of {name}");
        Ok(resources_pdf(&title, &lines, &resources, now))
    }

    /// [`Self::patient_record_pdf`] written to `dir/patient-MRN.pdf` (owner-only).
    pub fn patient_record_pdf_to(
        &mut self,
        mrn: i64,
        dir: &std::path::Path,
        now: DateTime<Utc>,
    ) -> CoreResult<std::path::PathBuf> {
        if dir.as_os_str().is_empty() {
            return Err(CoreError::invalid("dir", "Choose a folder to export into"));
        }
        let pdf = self.patient_record_pdf(mrn, now)?;
        crate::export::write_export(dir, &format!("patient-{mrn}"), "pdf", &pdf)
    }
}

#[cfg(test)]
mod tests {
    use super::decode_base64;

    #[test]
    fn base64_text_decodes() {
        assert_eq!(
            decode_base64("SGVsbG8sIGNoYXJ0IQ==").unwrap(),
            b"Hello, chart!"
        );
        assert_eq!(decode_base64("bm90ZQ").unwrap(), b"note");
        assert!(decode_base64("not*base64").is_none());
    }
}
