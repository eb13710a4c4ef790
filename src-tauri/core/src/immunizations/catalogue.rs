//! The CVX catalogue compiled in from `assets/cvx/cvx.tsv`: every vaccine's CDC code, names,
//! status, manufacturers, brands and the forecast series it counts toward; and its search.

use crate::text::fold;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use ts_rs::TS;

/// The table, compiled in: reference data, the same on every workstation.
pub(super) const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/cvx/cvx.tsv"
));
const HEADER: &str = "cvx\tname\tdescription\tstatus\tmvx\tseries\tbrands\taliases\torigin";

/// One vaccine of the catalogue.
#[derive(Debug)]
pub struct Vaccine {
    pub cvx: &'static str,
    /// CDC's short description ("Tdap", "zoster recombinant").
    pub name: &'static str,
    pub description: &'static str,
    /// Still made and used in the United States (CDC status "Active").
    pub active: bool,
    /// MVX manufacturer codes.
    pub manufacturers: Vec<&'static str>,
    pub series: Vec<&'static str>,
    pub brands: Vec<&'static str>,
    aliases: Vec<&'static str>,
    words: Vec<String>,
}

/// A vaccine as the entry form's search shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct VaccineHit {
    pub cvx: String,
    pub name: String,
    pub description: String,
    pub active: bool,
    pub manufacturers: Vec<String>,
    pub brands: Vec<String>,
    /// The forecast series it counts toward (labels, as the forecast shows them).
    pub series: Vec<String>,
}

struct Catalogue {
    rows: Vec<Vaccine>,
    by_code: HashMap<&'static str, usize>,
}

fn list(cell: &'static str, sep: char) -> Vec<&'static str> {
    cell.split(sep).filter(|s| !s.is_empty()).collect()
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .map(fold)
        .filter(|w| !w.is_empty())
}

/// A malformed row is skipped rather than failing every lookup: the asset's tests
/// (`tests.rs`) fail the build on a damaged file, not the clinic.
fn parse() -> Catalogue {
    let mut rows = Vec::new();
    let mut lines = TABLE.lines();
    if lines.next() == Some(HEADER) {
        for line in lines {
            let cells: Vec<&'static str> = line.split('\t').collect();
            let [cvx, name, description, status, mvx, series, brands, aliases, _origin] = cells[..]
            else {
                continue;
            };
            let active = match status {
                "active" => true,
                "inactive" => false,
                _ => continue,
            };
            let brands = list(brands, '|');
            let aliases = list(aliases, '|');
            let mut w: Vec<String> = words(name).chain(words(description)).collect();
            for b in brands.iter().chain(aliases.iter()) {
                w.extend(words(b));
            }
            w.sort();
            w.dedup();
            rows.push(Vaccine {
                cvx,
                name,
                description,
                active,
                manufacturers: list(mvx, ' '),
                series: list(series, ' '),
                brands,
                aliases,
                words: w,
            });
        }
    }
    let by_code = rows.iter().enumerate().map(|(i, v)| (v.cvx, i)).collect();
    Catalogue { rows, by_code }
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(parse)
}

/// Every vaccine, in code order.
pub fn all() -> &'static [Vaccine] {
    &catalogue().rows
}

/// The vaccine with this CVX code (leading zeros as CDC writes them: "03", "115").
pub fn get(cvx: &str) -> Option<&'static Vaccine> {
    let c = catalogue();
    c.by_code.get(cvx.trim()).map(|&i| &c.rows[i])
}

impl Vaccine {
    pub fn hit(&self) -> VaccineHit {
        VaccineHit {
            cvx: self.cvx.to_string(),
            name: self.name.to_string(),
            description: self.description.to_string(),
            active: self.active,
            manufacturers: self.manufacturers.iter().map(|s| s.to_string()).collect(),
            brands: self.brands.iter().map(|s| s.to_string()).collect(),
            series: self
                .series
                .iter()
                .map(|s| super::schedule::label_of(s).to_string())
                .collect(),
        }
    }

    /// How well the query's words fit: lower is better; `None` when some word fits nothing.
    fn rank(&self, query: &[String]) -> Option<u32> {
        let mut score = 0;
        for q in query {
            if self.words.iter().any(|w| w == q) {
                continue;
            }
            if self.words.iter().any(|w| w.starts_with(q.as_str())) {
                score += 1;
            } else {
                return None;
            }
        }
        let exact_name = fold(self.name) == query.join(" ");
        let brand = self
            .brands
            .iter()
            .chain(self.aliases.iter())
            .any(|b| fold(b) == query.join(" "));
        if !exact_name && !brand {
            score += 2;
        }
        if !self.active {
            score += 10;
        }
        Some(score)
    }
}

/// Vaccines for the entry form: every query word starts a word of the code's names, brands or
/// aliases ("flu", "tdap", "shingrix", "mmr"), or the query is the code itself. Active ones
/// first, then the closest names.
pub fn search(query: &str, limit: usize) -> Vec<&'static Vaccine> {
    let q: Vec<String> = words(query).collect();
    if q.is_empty() {
        return Vec::new();
    }
    if let Some(v) = get(query) {
        return vec![v];
    }
    let mut hits: Vec<(u32, usize, &'static Vaccine)> = all()
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.rank(&q).map(|r| (r, i, v)))
        .collect();
    hits.sort_by_key(|&(r, i, _)| (r, i));
    hits.into_iter().take(limit).map(|(_, _, v)| v).collect()
}
