//! The committed reference tables in `assets/` are whole and as their rebuild scripts wrote
//! them: a damaged or hand-edited table fails here, before any search is built on it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// Billable ICD-10-CM codes in the FY2026 tabular list (April 1, 2026) of simple-icd-10-cm 1.5.0.
const ICD10CM_BILLABLE_CODES: usize = 74_719;

const ICD10CM_COLUMNS: [&str; 7] = [
    "code",
    "description",
    "chapter",
    "block",
    "category",
    "inclusion_terms",
    "includes",
];

fn asset(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/icd10cm")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The rows of a TSV file after its header, which must be `columns`; every row has as many fields.
fn tsv(text: &str, columns: &[&str]) -> Vec<Vec<String>> {
    assert!(!text.contains('\r'), "the table has CR line endings");
    assert!(
        text.ends_with('\n'),
        "the table does not end with a newline"
    );
    let mut lines = text.lines();
    let header: Vec<&str> = lines
        .next()
        .expect("the table is empty")
        .split('\t')
        .collect();
    assert_eq!(header, columns, "the table's header changed");
    lines
        .enumerate()
        .map(|(i, line)| {
            let fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
            assert_eq!(
                fields.len(),
                columns.len(),
                "line {} has {} fields: {line:?}",
                i + 2,
                fields.len()
            );
            fields
        })
        .collect()
}

fn icd10cm() -> Vec<Vec<String>> {
    tsv(&asset("icd10cm-2026.tsv"), &ICD10CM_COLUMNS)
}

/// Letter, two letters or digits, then optionally a dot and one to four letters or digits.
fn has_icd10cm_shape(code: &str) -> bool {
    let b = code.as_bytes();
    let alnum = |c: &u8| c.is_ascii_digit() || c.is_ascii_uppercase();
    let head = b.len() >= 3 && b[0].is_ascii_uppercase() && b[1..3].iter().all(alnum);
    head && match b.len() {
        3 => true,
        5..=8 => b[3] == b'.' && b[4..].iter().all(alnum),
        _ => false,
    }
}

#[test]
fn the_icd10cm_shape_check_accepts_codes_and_refuses_near_misses() {
    for good in ["I10", "E11.21", "S72.001A", "T36.0X1A", "C7A.010", "U07.1"] {
        assert!(has_icd10cm_shape(good), "{good} is a valid shape");
    }
    for bad in [
        "",
        "I1",
        "i10",
        "1I0",
        "E11.",
        "E1121",
        "E11.21ABC",
        "E11-21",
        "E11.2 ",
    ] {
        assert!(!has_icd10cm_shape(bad), "{bad:?} is not a valid shape");
    }
}

#[test]
fn the_icd10cm_table_has_one_row_per_billable_code() {
    assert_eq!(
        icd10cm().len(),
        ICD10CM_BILLABLE_CODES,
        "rows lost or added: rebuild with assets/icd10cm/rebuild.py"
    );
}

#[test]
fn icd10cm_codes_are_unique_and_sorted() {
    let rows = icd10cm();
    let mut seen = HashSet::new();
    for row in &rows {
        assert!(seen.insert(row[0].as_str()), "{} appears twice", row[0]);
    }
    for pair in rows.windows(2) {
        assert!(
            pair[0][0] < pair[1][0],
            "{} comes before {}: the table is not sorted by code",
            pair[0][0],
            pair[1][0]
        );
    }
}

#[test]
fn every_icd10cm_row_has_a_well_formed_code_a_description_and_its_place_in_the_tree() {
    for row in icd10cm() {
        let (code, description, chapter, block, category) =
            (&row[0], &row[1], &row[2], &row[3], &row[4]);
        assert!(has_icd10cm_shape(code), "{code:?} is not an ICD-10-CM code");
        assert!(!description.trim().is_empty(), "{code} has no description");
        assert_eq!(
            description.trim(),
            description,
            "{code}'s description has stray spaces"
        );
        assert_eq!(
            category,
            &code[..3],
            "{code} is filed under category {category}"
        );
        let chapter: u8 = chapter
            .parse()
            .unwrap_or_else(|_| panic!("{code}'s chapter {chapter:?} is not a number"));
        assert!(
            (1..=22).contains(&chapter),
            "{code} is in chapter {chapter}"
        );
        // A block is "A00-A09" or a lone category ("B20"); its range holds the category, where
        // a category with a letter in third place sorts with its digits ("C4A" in C43-C44).
        let (first, last) = block.split_once('-').unwrap_or((block, block));
        assert!(
            first <= category.as_str() && category[..2] <= last[..2],
            "{code} is filed under block {block}"
        );
        for terms in [&row[5], &row[6]] {
            assert!(
                terms.is_empty() || terms.split(" | ").all(|t| !t.trim().is_empty()),
                "{code} has an empty synonym in {terms:?}"
            );
        }
    }
}

#[test]
fn well_known_codes_are_billable_with_their_descriptions() {
    let rows = icd10cm();
    let by_code: HashMap<&str, &Vec<String>> = rows.iter().map(|r| (r[0].as_str(), r)).collect();
    for (code, description) in [
        ("E11.21", "Type 2 diabetes mellitus with diabetic nephropathy"),
        ("E11.9", "Type 2 diabetes mellitus without complications"),
        ("I10", "Essential (primary) hypertension"),
        ("J44.9", "Chronic obstructive pulmonary disease, unspecified"),
        ("N39.0", "Urinary tract infection, site not specified"),
        ("Z00.00", "Encounter for general adult medical examination without abnormal findings"),
        // The 7th character, with its meaning appended, as the package builds it.
        (
            "S72.001A",
            "Fracture of unspecified part of neck of right femur, initial encounter for closed fracture",
        ),
        // The placeholder X pads a short code to six characters before the 7th.
        (
            "T36.0X1A",
            "Poisoning by penicillins, accidental (unintentional), initial encounter",
        ),
    ] {
        let row = by_code
            .get(code)
            .unwrap_or_else(|| panic!("{code} is missing"));
        assert_eq!(row[1], description, "{code}'s description");
    }
    // Not billable: categories with subcodes, and codes that need a 7th character.
    for code in ["E11", "E11.2", "S72.001", "T36.0X1", "I10-I1A"] {
        assert!(!by_code.contains_key(code), "{code} is not a billable code");
    }
    let e11_21 = &by_code["E11.21"];
    assert_eq!(
        (e11_21[2].as_str(), e11_21[3].as_str(), e11_21[4].as_str()),
        ("4", "E08-E13", "E11")
    );
    assert!(
        e11_21[5].contains("Kimmelstiel-Wilson disease"),
        "E11.21's inclusion terms: {:?}",
        e11_21[5]
    );
    assert!(
        by_code["I10"][6].contains("high blood pressure"),
        "I10's includes note: {:?}",
        by_code["I10"][6]
    );
}

#[test]
fn every_chapter_block_and_category_of_a_code_has_a_heading() {
    let text = asset("icd10cm-2026-headings.tsv");
    let headings: HashSet<(String, String)> = tsv(&text, &["kind", "code", "description"])
        .into_iter()
        .map(|h| {
            assert!(
                !h[2].is_empty(),
                "heading {} {} has no description",
                h[0],
                h[1]
            );
            (h[0].clone(), h[1].clone())
        })
        .collect();
    let count = |kind: &str| headings.iter().filter(|(k, _)| k == kind).count();
    assert_eq!(
        (count("chapter"), count("block"), count("category")),
        (22, 297, 1_918)
    );
    for row in icd10cm() {
        for (kind, code) in [
            ("chapter", &row[2]),
            ("block", &row[3]),
            ("category", &row[4]),
        ] {
            assert!(
                headings.contains(&(kind.to_owned(), code.clone())),
                "{} names {kind} {code}, which has no heading",
                row[0]
            );
        }
    }
}

// The allergen catalogue (assets/allergens): allergens.tsv is rebuilt from the authored
// source.tsv plus the DrugBank open vocabulary's synonyms and brands.

fn allergen_asset(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/allergens")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_allergen_catalogue_has_one_row_per_authored_source_row_with_unique_codes_and_classed_drugs()
{
    let source = tsv(
        &allergen_asset("source.tsv"),
        &["code", "name", "classes", "ingredients", "synonyms"],
    );
    let table = tsv(
        &allergen_asset("allergens.tsv"),
        &[
            "code",
            "name",
            "category",
            "classes",
            "ingredients",
            "synonyms",
            "brands",
        ],
    );
    assert_eq!(table.len(), source.len(), "row counts differ: rebuild");
    let codes: Vec<&str> = table.iter().map(|r| r[0].as_str()).collect();
    let unique: HashSet<&str> = codes.iter().copied().collect();
    assert_eq!(unique.len(), codes.len(), "a code is repeated");
    let categories: HashMap<&str, &str> = table
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    for (row, src) in table.iter().zip(&source) {
        assert_eq!(
            (&row[0], &row[1]),
            (&src[0], &src[1]),
            "out of step with source.tsv"
        );
        let prefix = row[0].split(':').next().unwrap();
        let expected = match prefix {
            "drug" => "drug",
            "class" => "drug_class",
            "food" => "food",
            "env" => "environment",
            other => panic!("unknown code prefix {other} in {}", row[0]),
        };
        assert_eq!(row[2], expected, "{}", row[0]);
        // Every authored parent is among the written classes, and every class exists.
        let classes: Vec<&str> = row[3].split_whitespace().collect();
        for parent in src[2].split_whitespace() {
            assert!(
                classes.contains(&parent),
                "{} lost its class {parent}",
                row[0]
            );
        }
        for c in &classes {
            assert!(categories.contains_key(c), "{}: unknown class {c}", row[0]);
        }
        for i in row[4].split_whitespace() {
            assert_eq!(
                categories.get(i),
                Some(&"drug"),
                "{}: ingredient {i}",
                row[0]
            );
        }
        if row[2] == "drug" {
            assert!(
                classes.iter().any(|c| c.starts_with("class:")),
                "{} has no drug class",
                row[0]
            );
        }
    }
    let count = |c: &str| table.iter().filter(|r| r[2] == c).count();
    assert!(count("drug") >= 200, "{} drugs", count("drug"));
    assert!(count("drug_class") >= 15);
    assert!(count("food") >= 9 && count("environment") >= 9);
    for must in [
        "class:penicillins",
        "class:cephalosporins",
        "class:carbapenems",
        "class:sulfonamide-antibiotics",
        "class:macrolides",
        "class:fluoroquinolones",
        "class:tetracyclines",
        "class:nsaids",
        "class:opioids",
        "class:ace-inhibitors",
        "class:statins",
        "class:iodinated-contrast",
        "class:local-anaesthetics-amide",
        "class:local-anaesthetics-ester",
        "class:anticonvulsants-aromatic",
        "food:peanut",
        "food:sesame",
        "env:latex",
        "env:bee-venom",
    ] {
        assert!(unique.contains(must), "{must} missing");
    }
    let amoxicillin = table.iter().find(|r| r[0] == "drug:amoxicillin").unwrap();
    assert_eq!(amoxicillin[3], "class:penicillins class:beta-lactams");
}

// The formulary (assets/formulary): formulary.tsv is rebuilt from the authored source.tsv,
// the drug vocabulary's classes (assets/allergens) and DrugBank's brands and synonyms.

fn formulary_asset(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../assets/formulary")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

#[test]
fn the_formulary_matches_its_authored_source_row_for_row_with_classes_from_the_vocabulary() {
    let source = tsv(
        &formulary_asset("source.tsv"),
        &[
            "code",
            "origin",
            "name",
            "ingredients",
            "strength",
            "dose_form",
            "dose_unit",
            "route",
            "schedule",
            "brands",
        ],
    );
    let table = tsv(
        &formulary_asset("formulary.tsv"),
        &[
            "code",
            "rxcui",
            "name",
            "ingredients",
            "strength",
            "dose_form",
            "dose_unit",
            "route",
            "classes",
            "schedule",
            "brands",
        ],
    );
    let vocabulary = tsv(
        &allergen_asset("allergens.tsv"),
        &[
            "code",
            "name",
            "category",
            "classes",
            "ingredients",
            "synonyms",
            "brands",
        ],
    );
    let classes_of: HashMap<&str, (&str, &str)> = vocabulary
        .iter()
        .map(|r| (r[0].as_str(), (r[2].as_str(), r[3].as_str())))
        .collect();
    assert_eq!(table.len(), source.len(), "row counts differ: rebuild");
    assert!(table.len() >= 400, "{} products", table.len());
    let codes: HashSet<&str> = table.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(codes.len(), table.len(), "a code is repeated");
    for (row, src) in table.iter().zip(&source) {
        let code = &row[0];
        assert_eq!(code, &src[0], "out of step with source.tsv");
        assert_eq!(
            (&row[2], &row[4], &row[5], &row[6], &row[7], &row[9]),
            (&src[2], &src[4], &src[5], &src[6], &src[7], &src[8]),
            "{code}: a field differs from source.tsv"
        );
        match src[1].as_str() {
            "synthea" => assert_eq!(Some(row[1].as_str()), code.strip_prefix("rx:"), "{code}"),
            "authored" => {
                assert!(row[1].is_empty() && code.starts_with("charta:"), "{code}")
            }
            other => panic!("{code}: origin {other}"),
        }
        assert!(row[1].chars().all(|c| c.is_ascii_digit()), "{code}: rxcui");
        let ingredients: Vec<&str> = src[3].split(';').map(str::trim).collect();
        assert_eq!(row[3], ingredients.join(";"), "{code}: ingredients");
        let mut expected: Vec<&str> = Vec::new();
        for i in &ingredients {
            let ingredient = i.split('=').next().unwrap();
            let (category, classes) = classes_of
                .get(ingredient)
                .unwrap_or_else(|| panic!("{code}: unknown ingredient {ingredient}"));
            assert_eq!(*category, "drug", "{code}: {ingredient}");
            for c in classes.split_whitespace() {
                if !expected.contains(&c) {
                    expected.push(c);
                }
            }
        }
        assert!(!expected.is_empty(), "{code} has no class");
        assert_eq!(row[8], expected.join(" "), "{code}: classes");
        assert!(
            ["", "CII", "CIII", "CIV", "CV"].contains(&row[9].as_str()),
            "{code}: schedule"
        );
        let brands: Vec<&str> = row[10].split('|').filter(|b| !b.is_empty()).collect();
        let authored: Vec<&str> = src[9].split('|').filter(|b| !b.is_empty()).collect();
        assert!(
            brands.starts_with(&authored),
            "{code}: authored brands lost"
        );
    }
    let doses = tsv(
        &formulary_asset("doses.tsv"),
        &[
            "ingredient",
            "route",
            "unit",
            "adult_usual",
            "adult_max_per_day",
            "child_max_per_kg_per_day",
            "child_max_per_day",
            "source",
        ],
    );
    let mut keys = HashSet::new();
    for d in &doses {
        assert_eq!(
            classes_of.get(d[0].as_str()).map(|c| c.0),
            Some("drug"),
            "{}",
            d[0]
        );
        assert!(
            keys.insert((d[0].clone(), d[1].clone())),
            "{} {} twice",
            d[0],
            d[1]
        );
        for n in &d[4..7] {
            assert!(n.is_empty() || n.parse::<f64>().is_ok(), "{}: {n}", d[0]);
        }
        assert!(!d[7].is_empty(), "{}: no source", d[0]);
    }
    assert!(doses.len() >= 150, "{} dose limits", doses.len());
}
