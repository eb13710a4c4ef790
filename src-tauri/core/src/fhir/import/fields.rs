//! Typed reads of one resource's elements for the import: each read either answers or
//! records an issue that names the resource and the element's path, so a malformed file
//! says exactly where it is wrong.

use super::ImportIssue;
use serde_json::Value;

/// One resource being mapped, collecting the issues found in it.
pub(super) struct Fields<'a> {
    pub value: &'a Value,
    pub name: String,
    pub issues: Vec<ImportIssue>,
}

/// A coding of a CodeableConcept.
pub(super) struct Coding<'a> {
    pub system: &'a str,
    pub code: &'a str,
    pub display: &'a str,
    /// Its path, `code.coding[1]`.
    pub path: String,
}

impl<'a> Fields<'a> {
    pub fn new(value: &'a Value, name: String) -> Self {
        Fields {
            value,
            name,
            issues: Vec::new(),
        }
    }

    pub fn issue(&mut self, path: &str, message: impl Into<String>) {
        self.issues
            .push(ImportIssue::new(self.name.clone(), path, message.into()));
    }

    /// The element at a dotted path of object keys (`reaction`, `period.start`).
    pub fn at(&self, path: &str) -> Option<&'a Value> {
        path.split('.')
            .try_fold(self.value, |v, key| v.get(key))
            .filter(|v| !v.is_null())
    }

    /// A string element; a value of another type is an issue.
    pub fn text(&mut self, path: &str) -> Option<&'a str> {
        match self.at(path) {
            None => None,
            Some(Value::String(s)) => Some(s.as_str()).filter(|s| !s.trim().is_empty()),
            Some(_) => {
                self.issue(path, "must be a string");
                None
            }
        }
    }

    pub fn required_text(&mut self, path: &str, why: &str) -> Option<&'a str> {
        let found = self.text(path);
        if found.is_none() && self.at(path).is_none() {
            self.issue(path, format!("is missing; {why}"));
        }
        found
    }

    pub fn array(&mut self, path: &str) -> &'a [Value] {
        match self.at(path) {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.issue(path, "must be an array");
                &[]
            }
        }
    }

    /// A code from a FHIR-defined value set: anything outside `allowed` is an issue.
    pub fn code(&mut self, path: &str, allowed: &[&str]) -> Option<&'a str> {
        let code = self.text(path)?;
        if allowed.contains(&code) {
            Some(code)
        } else {
            self.issue(
                path,
                format!("\"{code}\" is not one of {}", allowed.join(", ")),
            );
            None
        }
    }

    /// The codings of a CodeableConcept element.
    pub fn codings(&mut self, path: &str) -> Vec<Coding<'a>> {
        let Some(concept) = self.at(path) else {
            return Vec::new();
        };
        if !concept.is_object() {
            self.issue(path, "must be a CodeableConcept (an object)");
            return Vec::new();
        }
        let items: &'a [Value] = match concept.get("coding") {
            None => &[],
            Some(Value::Array(items)) => items,
            Some(_) => {
                self.issue(&format!("{path}.coding"), "must be an array");
                &[]
            }
        };
        let mut out = Vec::new();
        for (i, c) in items.iter().enumerate() {
            let at = format!("{path}.coding[{i}]");
            let field = |key: &str| c.get(key).and_then(Value::as_str).unwrap_or("");
            for key in ["system", "code", "display"] {
                if c.get(key).is_some_and(|v| !v.is_string()) {
                    self.issue(&format!("{at}.{key}"), "must be a string");
                }
            }
            out.push(Coding {
                system: field("system"),
                code: field("code").trim(),
                display: field("display").trim(),
                path: at,
            });
        }
        out
    }

    /// The code of a concept's coding in `system`.
    pub fn coded_in(&mut self, path: &str, system: &str) -> Option<(&'a str, String)> {
        self.codings(path)
            .into_iter()
            .find(|c| c.system == system && !c.code.is_empty())
            .map(|c| (c.code, format!("{}.code", c.path)))
    }

    /// The concept's words: its text, else its first coding's display (without SNOMED CT's
    /// semantic tag: "Latex (substance)" is "Latex" in the chart and in the catalogue).
    pub fn concept_text(&mut self, path: &str) -> Option<String> {
        if let Some(text) = self.text(&format!("{path}.text")) {
            return Some(without_semantic_tag(text.trim()).to_string());
        }
        self.codings(path)
            .into_iter()
            .find(|c| !c.display.is_empty())
            .map(|c| without_semantic_tag(c.display).to_string())
    }

    /// The first coding's code of a concept from one of HL7's status code systems.
    pub fn status(&mut self, path: &str, allowed: &[&str]) -> Option<&'a str> {
        let codings = self.codings(path);
        let first = codings.into_iter().find(|c| !c.code.is_empty())?;
        if allowed.contains(&first.code) {
            Some(first.code)
        } else {
            self.issue(
                &format!("{}.code", first.path),
                format!("\"{}\" is not one of {}", first.code, allowed.join(", ")),
            );
            None
        }
    }

    /// A date or dateTime element as its date part (`2019`, `2019-04`, `2019-04-12`).
    pub fn date(&mut self, path: &str) -> Option<String> {
        let text = self.text(path)?;
        match date_part(text) {
            Some(d) => Some(d),
            None => {
                self.issue(path, format!("\"{text}\" is not a FHIR date or dateTime"));
                None
            }
        }
    }

    /// The note's texts, one paragraph each.
    pub fn notes(&mut self, path: &str) -> Vec<String> {
        self.array(path)
            .iter()
            .filter_map(|n| n.get("text").and_then(Value::as_str))
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    }

    /// A number element (`valueQuantity.value`).
    pub fn number(&mut self, path: &str) -> Option<f64> {
        match self.at(path) {
            None => None,
            Some(Value::Number(n)) => n.as_f64(),
            Some(_) => {
                self.issue(path, "must be a number");
                None
            }
        }
    }
}

const SEMANTIC_TAGS: [&str; 10] = [
    " (disorder)",
    " (finding)",
    " (situation)",
    " (substance)",
    " (procedure)",
    " (organism)",
    " (product)",
    " (morphologic abnormality)",
    " (observable entity)",
    " (qualifier value)",
];

pub(super) fn without_semantic_tag(text: &str) -> &str {
    SEMANTIC_TAGS
        .iter()
        .find_map(|tag| text.strip_suffix(tag))
        .map(str::trim_end)
        .filter(|t| !t.is_empty())
        .unwrap_or(text)
}

/// The value (`kind`: `valueCode`, `valueString` …) of one of Charta's own extensions on a
/// resource.
pub(super) fn charta_extension<'a>(r: &'a Value, name: &str, kind: &str) -> Option<&'a str> {
    charta_extension_value(r, name, kind)?.as_str()
}

/// [`charta_extension`]'s value of any type (`valueInteger`, `valueBoolean` …).
pub(super) fn charta_extension_value<'a>(
    r: &'a Value,
    name: &str,
    kind: &str,
) -> Option<&'a Value> {
    let url = [crate::fhir::EXTENSION_BASE, "/", name].concat();
    r.get("extension")?
        .as_array()?
        .iter()
        .find(|e| e.get("url").and_then(Value::as_str) == Some(url.as_str()))?
        .get(kind)
}

/// The date part of a FHIR date or dateTime, checked for shape and calendar.
pub(super) fn date_part(text: &str) -> Option<String> {
    let text = text.trim();
    let date = text.split('T').next()?;
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && matches!(m.parse::<u32>(), Ok(1..=12)),
        [_, _, _] => chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
        _ => false,
    };
    (ok && (date.len() == text.len() || date.len() == 10)).then(|| date.to_string())
}

/// A dateTime as an instant (a date alone means midnight UTC).
pub(super) fn instant(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    let text = text.trim();
    if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(at.with_timezone(&chrono::Utc));
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc())
}

#[cfg(test)]
mod tests {
    use super::date_part;

    #[test]
    fn snomed_semantic_tags_are_dropped_from_names() {
        use super::without_semantic_tag as t;
        assert_eq!(t("Latex (substance)"), "Latex");
        assert_eq!(t("Chronic sinusitis (disorder)"), "Chronic sinusitis");
        assert_eq!(t("Hip (left)"), "Hip (left)");
        assert_eq!(t(" (finding)"), " (finding)");
    }

    #[test]
    fn date_parts_are_checked_for_shape_and_calendar() {
        assert_eq!(date_part("2019").as_deref(), Some("2019"));
        assert_eq!(date_part("2019-04").as_deref(), Some("2019-04"));
        assert_eq!(
            date_part("2013-07-02T12:48:59.525230+00:00").as_deref(),
            Some("2013-07-02")
        );
        assert_eq!(date_part("2019-02-30"), None);
        assert_eq!(date_part("2019-13"), None);
        assert_eq!(date_part("20x3-01-01"), None);
        assert_eq!(date_part("yesterday"), None);
    }
}
