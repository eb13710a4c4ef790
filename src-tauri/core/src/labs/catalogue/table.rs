//! The embedded catalogue (`assets/labs/catalogue.tsv`, `ranges.tsv`, `panels.tsv`), parsed
//! once. The tables are reference data compiled into the binary and checked by tests, so a
//! malformed row is a build-time mistake: it is skipped rather than taking the app down, and
//! the catalogue tests fail on it.

use super::{LabPanel, LabTest, LabUnit, ReferenceRange};
use crate::patient::SexAtBirth;
use crate::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

pub(super) const TESTS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/labs/catalogue.tsv"
));
pub(super) const RANGES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/labs/ranges.tsv"
));
pub(super) const PANELS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/labs/panels.tsv"
));

struct Catalogue {
    tests: Vec<LabTest>,
    panels: Vec<LabPanel>,
    by_loinc: HashMap<String, usize>,
    by_panel: HashMap<String, usize>,
    /// Rows that did not parse (the tests assert there are none).
    #[cfg_attr(not(test), allow(dead_code))]
    rejected: Vec<String>,
}

fn number(cell: &str) -> Result<Option<f64>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<f64>()
        .map(Some)
        .map_err(|_| format!("not a number: {cell:?}"))
}

fn whole(cell: &str) -> Result<Option<i64>, String> {
    if cell.is_empty() {
        return Ok(None);
    }
    cell.parse::<i64>()
        .map(Some)
        .map_err(|_| format!("not a whole number: {cell:?}"))
}

fn opt(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_string())
}

fn unit(part: &str) -> Result<LabUnit, String> {
    let (name, rest) = part
        .rsplit_once('=')
        .ok_or_else(|| format!("unit without a factor: {part:?}"))?;
    let (factor, offset) = rest.split_once('+').unwrap_or((rest, "0"));
    let to_canonical: f64 = factor
        .parse()
        .map_err(|_| format!("bad factor in {part:?}"))?;
    let offset: f64 = offset
        .parse()
        .map_err(|_| format!("bad offset in {part:?}"))?;
    Ok(LabUnit {
        unit: name.to_string(),
        to_canonical,
        offset,
    })
}

fn words(texts: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in texts {
        for w in fold(t).split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() && !out.iter().any(|o| o == w) {
                out.push(w.to_string());
            }
        }
    }
    out
}

fn test_row(line: &str) -> Result<LabTest, String> {
    let c: Vec<&str> = line.split('\t').collect();
    let [loinc, short, name, canonical, decimals, units, expected, plo, phi, keywords, _origin, source] =
        c[..]
    else {
        return Err(format!("{} columns", c.len()));
    };
    let units = units
        .split(';')
        .filter(|p| !p.is_empty())
        .map(unit)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(LabTest {
        loinc: loinc.to_string(),
        name: name.to_string(),
        short_name: short.to_string(),
        canonical_unit: opt(canonical),
        units,
        ranges: Vec::new(),
        expected_text: opt(expected),
        decimals: decimals
            .parse()
            .map_err(|_| format!("decimals {decimals:?}"))?,
        plausible_low: number(plo)?,
        plausible_high: number(phi)?,
        source: source.to_string(),
        keywords: words(&[short, name, keywords, loinc]),
    })
}

fn range_row(line: &str) -> Result<(String, ReferenceRange), String> {
    let c: Vec<&str> = line.split('\t').collect();
    let [loinc, sex, min_age, max_age, low, high, clow, chigh, source] = c[..] else {
        return Err(format!("{} columns", c.len()));
    };
    let sex = match sex {
        "" => None,
        "male" => Some(SexAtBirth::Male),
        "female" => Some(SexAtBirth::Female),
        other => return Err(format!("sex {other:?}")),
    };
    Ok((
        loinc.to_string(),
        ReferenceRange {
            sex,
            min_age_days: whole(min_age)?,
            max_age_days: whole(max_age)?,
            low: number(low)?,
            high: number(high)?,
            critical_low: number(clow)?,
            critical_high: number(chigh)?,
            source: source.to_string(),
        },
    ))
}

fn panel_row(line: &str) -> Result<LabPanel, String> {
    let c: Vec<&str> = line.split('\t').collect();
    let [code, _origin, short, name, tests, keywords] = c[..] else {
        return Err(format!("{} columns", c.len()));
    };
    Ok(LabPanel {
        code: code.to_string(),
        name: name.to_string(),
        short_name: short.to_string(),
        tests: tests.split_whitespace().map(str::to_string).collect(),
        keywords: words(&[short, name, keywords, code]),
    })
}

fn rows(table: &'static str) -> impl Iterator<Item = (usize, &'static str)> {
    table
        .lines()
        .enumerate()
        .skip(1)
        .filter(|(_, l)| !l.is_empty())
}

fn parse() -> Catalogue {
    let mut rejected = Vec::new();
    let mut tests: Vec<LabTest> = Vec::new();
    for (n, line) in rows(TESTS) {
        match test_row(line) {
            Ok(t) => tests.push(t),
            Err(e) => rejected.push(format!("catalogue.tsv:{}: {e}", n + 1)),
        }
    }
    let by_loinc: HashMap<String, usize> = tests
        .iter()
        .enumerate()
        .map(|(i, t)| (t.loinc.clone(), i))
        .collect();
    for (n, line) in rows(RANGES) {
        match range_row(line) {
            Ok((loinc, range)) => match by_loinc.get(&loinc) {
                Some(&i) => tests[i].ranges.push(range),
                None => rejected.push(format!("ranges.tsv:{}: unknown test {loinc}", n + 1)),
            },
            Err(e) => rejected.push(format!("ranges.tsv:{}: {e}", n + 1)),
        }
    }
    let mut panels = Vec::new();
    for (n, line) in rows(PANELS) {
        match panel_row(line) {
            Ok(p) => panels.push(p),
            Err(e) => rejected.push(format!("panels.tsv:{}: {e}", n + 1)),
        }
    }
    let by_panel = panels
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.clone(), i))
        .collect();
    Catalogue {
        tests,
        panels,
        by_loinc,
        by_panel,
        rejected,
    }
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(parse)
}

pub(super) fn test(loinc: &str) -> Option<&'static LabTest> {
    let c = catalogue();
    c.by_loinc.get(loinc.trim()).map(|&i| &c.tests[i])
}

pub(super) fn panel(code: &str) -> Option<&'static LabPanel> {
    let c = catalogue();
    c.by_panel.get(code.trim()).map(|&i| &c.panels[i])
}

pub(super) fn tests() -> &'static [LabTest] {
    &catalogue().tests
}

pub(super) fn panels() -> &'static [LabPanel] {
    &catalogue().panels
}

/// Rows of the embedded tables that did not parse (empty for a good build).
#[cfg(test)]
pub(super) fn rejected() -> &'static [String] {
    &catalogue().rejected
}
