//! The compiled safety tables (`assets/interactions/compiled/`, written by
//! `assets/interactions/rebuild.py`), parsed once into rules with code → rule indexes.
//!
//! Groups are already expanded to their member codes (ingredients `drug:` and classes
//! `class:`), so a rule side is a plain set of codes a medication's substances are matched
//! against. A malformed row is skipped rather than failing every check: the tables are
//! validated by rebuild.py and by `tests_assets.rs`, so damage fails the build's tests.

use crate::medications::AlertSeverity;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

macro_rules! compiled {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/interactions/compiled/",
            $file
        ))
    };
}

pub(super) const RULES: &str = compiled!("rules.tsv");
pub(super) const ALLERGY: &str = compiled!("allergy.tsv");
pub(super) const DUPLICATES: &str = compiled!("duplicates.tsv");
pub(super) const CAUTIONS: &str = compiled!("cautions.tsv");
pub(super) const GROUPS: &str = compiled!("groups.tsv");

/// A drug–drug interaction rule: any code of `left` with any code of `right`.
#[derive(Debug)]
pub(super) struct Rule {
    pub id: &'static str,
    pub left: HashSet<&'static str>,
    pub right: HashSet<&'static str>,
    pub severity: AlertSeverity,
    pub effect: &'static str,
    pub mechanism: &'static str,
    pub action: &'static str,
    pub citation: &'static str,
}

/// A drug–allergy cross-reactivity row; rows are tried in table order and the first that
/// matches decides (so the specific "celecoxib is usually tolerated" precedes "NSAIDs
/// cross-react").
#[derive(Debug)]
pub(super) struct CrossReaction {
    pub id: &'static str,
    /// None: the same substance or class as the allergy (`*`).
    pub sides: Option<(HashSet<&'static str>, HashSet<&'static str>)>,
    /// None: a documented absence of cross-reactivity — matching it silences the alert.
    pub severity: Option<AlertSeverity>,
    pub note: &'static str,
    pub action: &'static str,
    pub citation: &'static str,
}

/// A duplicate-therapy row: two medications both matching `members` (None: the same
/// ingredient).
#[derive(Debug)]
pub(super) struct Duplication {
    pub id: &'static str,
    pub members: Option<HashSet<&'static str>>,
    pub severity: AlertSeverity,
    pub note: &'static str,
    pub citation: &'static str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CautionKind {
    Renal,
    Age,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CautionUnit {
    Egfr,
    Years,
    Months,
}

/// A renal or age caution: fires when the patient's value is in `[from, below)`.
#[derive(Debug)]
pub(super) struct Caution {
    pub id: &'static str,
    pub kind: CautionKind,
    pub drugs: HashSet<&'static str>,
    pub from: Option<f64>,
    pub below: Option<f64>,
    pub unit: CautionUnit,
    pub severity: AlertSeverity,
    pub note: &'static str,
    pub action: &'static str,
    pub citation: &'static str,
}

impl Caution {
    pub fn covers(&self, value: f64) -> bool {
        self.from.is_none_or(|f| value >= f) && self.below.is_none_or(|b| value < b)
    }
}

/// Which side of a rule a code is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Left,
    Right,
}

pub(super) struct Tables {
    pub rules: Vec<Rule>,
    /// Code → the rules (and the side) that name it.
    pub rules_by_code: HashMap<&'static str, Vec<(usize, Side)>>,
    pub allergy: Vec<CrossReaction>,
    pub duplicates: Vec<Duplication>,
    pub cautions: Vec<Caution>,
    /// Group id → its member codes; only the asset tests read it (the rules carry their
    /// groups expanded).
    #[cfg_attr(not(test), allow(dead_code))]
    pub groups: Vec<(&'static str, Vec<&'static str>)>,
}

fn codes(cell: &'static str) -> HashSet<&'static str> {
    cell.split(' ').filter(|c| !c.is_empty()).collect()
}

/// Data lines of a compiled table whose header is `header`, split into cells; none when
/// the header is not the expected one.
fn rows(table: &'static str, header: &str) -> Vec<Vec<&'static str>> {
    let mut lines = table.lines();
    if lines.next() != Some(header) {
        return Vec::new();
    }
    lines.map(|l| l.split('\t').collect()).collect()
}

fn number(cell: &str) -> Option<Option<f64>> {
    if cell.is_empty() {
        Some(None)
    } else {
        cell.parse().ok().map(Some)
    }
}

fn parse() -> Tables {
    let mut rules = Vec::new();
    let header = "id\tleft\tright\tseverity\teffect\tmechanism\taction\tcitation";
    for cells in rows(RULES, header) {
        let [id, left, right, severity, effect, mechanism, action, citation] = cells[..] else {
            continue;
        };
        let Some(severity) = AlertSeverity::parse(severity) else {
            continue;
        };
        rules.push(Rule {
            id,
            left: codes(left),
            right: codes(right),
            severity,
            effect,
            mechanism,
            action,
            citation,
        });
    }
    let mut rules_by_code: HashMap<&'static str, Vec<(usize, Side)>> = HashMap::new();
    for (i, rule) in rules.iter().enumerate() {
        for code in &rule.left {
            rules_by_code.entry(code).or_default().push((i, Side::Left));
        }
        for code in &rule.right {
            rules_by_code
                .entry(code)
                .or_default()
                .push((i, Side::Right));
        }
    }

    let mut allergy = Vec::new();
    let header = "id\tallergy\tcandidate\tseverity\tnote\taction\tcitation";
    for cells in rows(ALLERGY, header) {
        let [id, allergen, candidate, severity, note, action, citation] = cells[..] else {
            continue;
        };
        let severity = match severity {
            "none" => None,
            s => match AlertSeverity::parse(s) {
                Some(s) => Some(s),
                None => continue,
            },
        };
        let sides = (allergen != "*").then(|| (codes(allergen), codes(candidate)));
        allergy.push(CrossReaction {
            id,
            sides,
            severity,
            note,
            action,
            citation,
        });
    }

    let mut duplicates = Vec::new();
    for cells in rows(DUPLICATES, "id\tmembers\tseverity\tnote\tcitation") {
        let [id, members, severity, note, citation] = cells[..] else {
            continue;
        };
        let Some(severity) = AlertSeverity::parse(severity) else {
            continue;
        };
        duplicates.push(Duplication {
            id,
            members: (members != "*").then(|| codes(members)),
            severity,
            note,
            citation,
        });
    }

    let mut cautions = Vec::new();
    let header = "id\tkind\tdrugs\tfrom\tbelow\tunit\tseverity\tnote\taction\tcitation";
    for cells in rows(CAUTIONS, header) {
        let [id, kind, drugs, from, below, unit, severity, note, action, citation] = cells[..]
        else {
            continue;
        };
        let kind = match kind {
            "renal" => CautionKind::Renal,
            "age" => CautionKind::Age,
            _ => continue,
        };
        let unit = match unit {
            "egfr" => CautionUnit::Egfr,
            "years" => CautionUnit::Years,
            "months" => CautionUnit::Months,
            _ => continue,
        };
        let (Some(from), Some(below), Some(severity)) =
            (number(from), number(below), AlertSeverity::parse(severity))
        else {
            continue;
        };
        cautions.push(Caution {
            id,
            kind,
            drugs: codes(drugs),
            from,
            below,
            unit,
            severity,
            note,
            action,
            citation,
        });
    }

    let groups = rows(GROUPS, "id\tname\tmembers\tcitation")
        .into_iter()
        .filter_map(|cells| match cells[..] {
            [id, _, members, _] => Some((id, members.split(' ').collect())),
            _ => None,
        })
        .collect();

    Tables {
        rules,
        rules_by_code,
        allergy,
        duplicates,
        cautions,
        groups,
    }
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(parse)
}
