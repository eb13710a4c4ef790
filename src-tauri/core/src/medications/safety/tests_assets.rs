//! The compiled tables themselves: every row parsed, every code in the vocabulary, every
//! rule cited, ids unique, and the compiled tables in step with the authored ones.

use super::tables::{tables, ALLERGY, CAUTIONS, DUPLICATES, GROUPS, RULES};
use crate::allergens::{self, AllergenCategory};
use std::collections::HashSet;

macro_rules! authored {
    ($file:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/interactions/",
            $file
        ))
    };
}

const AUTHORED_RULES: &str = authored!("rules.tsv");

/// (authored, compiled, the columns that hold codes) for each table.
const PAIRS: [(&str, &str, &[usize]); 5] = [
    (authored!("groups.tsv"), GROUPS, &[2]),
    (AUTHORED_RULES, RULES, &[1, 2]),
    (authored!("allergy.tsv"), ALLERGY, &[1, 2]),
    (authored!("duplicates.tsv"), DUPLICATES, &[1]),
    (authored!("cautions.tsv"), CAUTIONS, &[2]),
];

fn data_lines(table: &str) -> usize {
    table.lines().skip(1).filter(|l| !l.is_empty()).count()
}

fn assert_drug_codes<'a>(what: &str, codes: impl IntoIterator<Item = &'a &'static str>) {
    for code in codes {
        let row = allergens::get(code)
            .unwrap_or_else(|| panic!("{what}: {code} is not in the vocabulary"));
        assert!(
            matches!(
                row.category,
                AllergenCategory::Drug | AllergenCategory::DrugClass
            ),
            "{what}: {code} is not a drug or class"
        );
    }
}

#[test]
fn every_compiled_row_parses() {
    let t = tables();
    assert_eq!(t.rules.len(), data_lines(RULES));
    assert_eq!(t.allergy.len(), data_lines(ALLERGY));
    assert_eq!(t.duplicates.len(), data_lines(DUPLICATES));
    assert_eq!(t.cautions.len(), data_lines(CAUTIONS));
    assert_eq!(t.groups.len(), data_lines(GROUPS));
    assert_eq!(
        data_lines(RULES),
        data_lines(AUTHORED_RULES),
        "run assets/interactions/rebuild.py"
    );
    assert!(t.rules.len() >= 15 + 30, "the ONC list and the other rules");
}

#[test]
fn every_code_of_every_table_is_in_the_vocabulary() {
    let t = tables();
    for r in &t.rules {
        assert_drug_codes(r.id, &r.left);
        assert_drug_codes(r.id, &r.right);
    }
    for row in &t.allergy {
        if let Some((allergen, drug)) = &row.sides {
            for code in allergen {
                assert!(allergens::get(code).is_some(), "{}: {code} unknown", row.id);
            }
            assert_drug_codes(row.id, drug);
        }
    }
    for row in &t.duplicates {
        if let Some(members) = &row.members {
            assert_drug_codes(row.id, members);
        }
    }
    for c in &t.cautions {
        assert_drug_codes(c.id, &c.drugs);
    }
    for (id, members) in &t.groups {
        assert_drug_codes(id, members);
    }
}

#[test]
fn every_rule_cites_a_source_and_says_what_to_do() {
    let t = tables();
    for r in &t.rules {
        for (what, text) in [
            ("citation", r.citation),
            ("effect", r.effect),
            ("mechanism", r.mechanism),
            ("action", r.action),
        ] {
            assert!(text.trim().len() > 3, "{}: {what} is empty", r.id);
        }
    }
    for a in &t.allergy {
        assert!(
            a.citation.len() > 10 && !a.note.is_empty() && !a.action.is_empty(),
            "{}",
            a.id
        );
    }
    for d in &t.duplicates {
        assert!(d.citation.len() > 10 && !d.note.is_empty(), "{}", d.id);
    }
    for c in &t.cautions {
        assert!(
            c.citation.len() > 10 && !c.note.is_empty() && !c.action.is_empty(),
            "{}",
            c.id
        );
    }
}

#[test]
fn ids_are_unique_in_each_table() {
    let t = tables();
    let unique = |ids: Vec<&str>| ids.iter().collect::<HashSet<_>>().len() == ids.len();
    assert!(unique(t.rules.iter().map(|r| r.id).collect()));
    assert!(unique(t.allergy.iter().map(|r| r.id).collect()));
    assert!(unique(t.duplicates.iter().map(|r| r.id).collect()));
    assert!(unique(t.cautions.iter().map(|r| r.id).collect()));
    assert!(unique(t.groups.iter().map(|g| g.0).collect()));
}

#[test]
fn cautions_for_one_drug_never_overlap() {
    let t = tables();
    for (i, a) in t.cautions.iter().enumerate() {
        for b in &t.cautions[i + 1..] {
            if a.kind != b.kind || a.unit != b.unit || a.drugs.is_disjoint(&b.drugs) {
                continue;
            }
            let (a0, a1) = (a.from.unwrap_or(f64::MIN), a.below.unwrap_or(f64::MAX));
            let (b0, b1) = (b.from.unwrap_or(f64::MIN), b.below.unwrap_or(f64::MAX));
            assert!(a1 <= b0 || b1 <= a0, "{} and {} overlap", a.id, b.id);
        }
    }
}

/// What rebuild.py does to a code cell: groups replaced by their members, sorted, each once.
fn expand(cell: &str, groups: &std::collections::HashMap<&str, Vec<&str>>) -> String {
    if cell == "*" {
        return cell.to_string();
    }
    let mut codes: Vec<&str> = cell
        .split(' ')
        .flat_map(|c| groups.get(c).cloned().unwrap_or_else(|| vec![c]))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    codes.join(" ")
}

#[test]
fn the_compiled_tables_are_the_authored_ones_with_groups_expanded() {
    let groups: std::collections::HashMap<&str, Vec<&str>> = authored!("groups.tsv")
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('\t').collect();
            Some((*cells.first()?, cells.get(2)?.split(' ').collect()))
        })
        .collect();
    for (authored, compiled, code_columns) in PAIRS {
        let a: Vec<&str> = authored.lines().collect();
        let c: Vec<&str> = compiled.lines().collect();
        assert_eq!(a.len(), c.len(), "run assets/interactions/rebuild.py");
        assert_eq!(a[0], c[0], "headers differ");
        for (ra, rc) in a.iter().zip(&c).skip(1) {
            let mut cells: Vec<String> = ra.split('\t').map(str::to_string).collect();
            for &i in code_columns {
                cells[i] = expand(&cells[i], &groups);
            }
            assert_eq!(cells.join("\t"), *rc, "run assets/interactions/rebuild.py");
        }
    }
}
