//! The resources an import does not file (encounters, procedures, lab observations, notes,
//! care plans …), kept in the chart as one readable PDF document: a line per resource with
//! its date, what it is and its value, and clinical notes' text in full. Billing resources
//! (claims, coverage) are counted, not listed.

use crate::medications::print::pdf::Pages;
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

/// The PDF, and how many resources it lists (the rest are counted).
pub(super) fn kept_pdf(
    patient: &str,
    source: &str,
    kept: &[&Value],
    now: DateTime<Utc>,
) -> Vec<u8> {
    let title = format!("Imported records not filed in the chart: {patient}");
    let mut pages = Pages::new(title.clone());
    pages.line(&title, 14.0, true);
    pages.line(
        &format!(
            "From {source}, imported {}",
            now.format("%-d %b %Y %H:%M UTC")
        ),
        9.0,
        false,
    );
    pages.gap(8.0);
    let mut by_type: BTreeMap<&str, Vec<&Value>> = BTreeMap::new();
    for r in kept {
        let kind = r.get("resourceType").and_then(Value::as_str).unwrap_or("?");
        by_type.entry(kind).or_default().push(r);
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
    for (kind, mut resources) in by_type {
        if COUNTED_ONLY.contains(&kind) {
            continue;
        }
        resources.sort_by_key(|r| date_of(r));
        pages.gap(6.0);
        pages.line(&format!("{kind} ({})", resources.len()), 12.0, true);
        for r in resources {
            let mut line = format!("{}  {}", date_of(r), what(r));
            if let Some(v) = value(r) {
                line.push_str(&format!(": {v}"));
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
    pages.finish(&title, now)
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
