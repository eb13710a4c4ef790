//! The compiled-in LMS tables of `assets/growth/` (see its README), parsed once, and their
//! lookup by age (or length) with linear interpolation between rows.

use super::lms::Lms;
use crate::error::{CoreError, CoreResult};
use std::sync::OnceLock;

macro_rules! asset {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/growth/",
            $name
        ))
    };
}

pub(super) const WHO_WFA: &str = asset!("who-wfa.tsv");
pub(super) const WHO_LHFA: &str = asset!("who-lhfa.tsv");
pub(super) const WHO_BMI: &str = asset!("who-bmi.tsv");
pub(super) const WHO_WFL: &str = asset!("who-wfl.tsv");
pub(super) const CDC_WTAGE: &str = asset!("cdc-wtage.tsv");
pub(super) const CDC_STATAGE: &str = asset!("cdc-lenage.tsv");
pub(super) const CDC_BMIAGE: &str = asset!("cdc-bmiage.tsv");
pub(super) const CDC_HCAGEINF: &str = asset!("cdc-hcageinf.tsv");

/// One table: for each sex (index 0 male, 1 female, the CDC's codes 1 and 2) its rows by x
/// (age in days for WHO, age in months for CDC, length in cm for weight-for-length),
/// ascending.
#[derive(Debug)]
pub struct Table {
    rows: [Vec<(f64, Lms)>; 2],
}

impl Table {
    /// Parses a TSV whose first five columns are sex, x, L, M, S (a header line first).
    pub fn parse(name: &str, text: &str) -> CoreResult<Table> {
        let bad = |line: usize, why: &str| {
            CoreError::Corrupt(format!("growth table {name}, line {}: {why}", line + 1))
        };
        let mut rows: [Vec<(f64, Lms)>; 2] = [Vec::new(), Vec::new()];
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.is_empty() {
                continue;
            }
            let cells: Vec<&str> = line.split('\t').collect();
            if cells.len() < 5 {
                return Err(bad(i, "fewer than five columns"));
            }
            let sex = match cells[0] {
                "1" => 0,
                "2" => 1,
                _ => return Err(bad(i, "sex is neither 1 nor 2")),
            };
            let num = |c: &str| -> CoreResult<f64> {
                c.parse::<f64>()
                    .ok()
                    .filter(|v| v.is_finite())
                    .ok_or_else(|| bad(i, "not a number"))
            };
            let x = num(cells[1])?;
            let lms = Lms {
                l: num(cells[2])?,
                m: num(cells[3])?,
                s: num(cells[4])?,
            };
            if let Some((last, _)) = rows[sex].last() {
                if x <= *last {
                    return Err(bad(i, "rows out of order"));
                }
            }
            rows[sex].push((x, lms));
        }
        if rows.iter().any(Vec::is_empty) {
            return Err(CoreError::Corrupt(format!(
                "growth table {name} lacks a sex"
            )));
        }
        Ok(Table { rows })
    }

    /// The LMS at `x` for `sex` (0 male, 1 female), interpolated linearly between the rows
    /// around it; `None` outside the table.
    pub fn at(&self, sex: usize, x: f64) -> Option<Lms> {
        let rows = self.rows.get(sex)?;
        let (first, last) = (rows.first()?, rows.last()?);
        if !(x >= first.0 && x <= last.0) {
            return None;
        }
        let i = rows.partition_point(|(rx, _)| *rx <= x);
        if i == 0 {
            return Some(first.1);
        }
        let (x0, a) = rows[i - 1];
        if x0 == x || i == rows.len() {
            return Some(a);
        }
        let (x1, b) = rows[i];
        Some(a.lerp(&b, (x - x0) / (x1 - x0)))
    }

    /// The first and last x of the table for `sex`.
    pub fn span(&self, sex: usize) -> Option<(f64, f64)> {
        let rows = self.rows.get(sex)?;
        Some((rows.first()?.0, rows.last()?.0))
    }
}

/// Every table the charts use, parsed on first use.
#[derive(Debug)]
pub struct Tables {
    pub who_wfa: Table,
    pub who_lhfa: Table,
    pub who_bmi: Table,
    pub who_wfl: Table,
    pub cdc_wtage: Table,
    pub cdc_statage: Table,
    pub cdc_bmiage: Table,
    pub cdc_hcageinf: Table,
}

static TABLES: OnceLock<Result<Tables, String>> = OnceLock::new();

/// The parsed tables (a malformed compiled-in table is an error, never a panic).
pub fn tables() -> CoreResult<&'static Tables> {
    let parsed = TABLES.get_or_init(|| {
        let load = |name: &str, text: &str| Table::parse(name, text).map_err(|e| e.to_string());
        Ok(Tables {
            who_wfa: load("who-wfa", WHO_WFA)?,
            who_lhfa: load("who-lhfa", WHO_LHFA)?,
            who_bmi: load("who-bmi", WHO_BMI)?,
            who_wfl: load("who-wfl", WHO_WFL)?,
            cdc_wtage: load("cdc-wtage", CDC_WTAGE)?,
            cdc_statage: load("cdc-lenage", CDC_STATAGE)?,
            cdc_bmiage: load("cdc-bmiage", CDC_BMIAGE)?,
            cdc_hcageinf: load("cdc-hcageinf", CDC_HCAGEINF)?,
        })
    });
    parsed.as_ref().map_err(|e| CoreError::Corrupt(e.clone()))
}
