//! The RRF reader, the strength and dose-form readings and the products built from the small
//! fixture release (no database).

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use super::dose_forms::{self, Counted};
use super::products::{build, Built, Catalogue};
use super::read_release;
use super::release::{self, parse_schedule, Rel, Tty};
use super::rrf::{for_each_record, RrfFile};
use super::strength::{self, find_in_name, readable_name};
use crate::error::CoreError;
use crate::medications::{ControlledSchedule, ProductSource, Route};
use std::io::Cursor;
use std::path::{Path, PathBuf};

pub(super) fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rxnorm")
        .join(name)
}

fn message(err: &CoreError) -> String {
    err.field_errors()
        .iter()
        .map(|e| format!("{}: {}", e.field, e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

fn small() -> Catalogue {
    read_release(&fixture("small")).unwrap().0
}

fn product(c: &Catalogue, rxcui: &str) -> Built {
    c.products
        .iter()
        .find(|b| b.product.rxcui.as_deref() == Some(rxcui))
        .cloned()
        .unwrap_or_else(|| panic!("no product {rxcui} among {:?}", names(c)))
}

fn names(c: &Catalogue) -> Vec<String> {
    c.products.iter().map(|b| b.product.name.clone()).collect()
}

#[test]
fn a_well_formed_line_gives_its_fields_and_blank_lines_are_passed_over() {
    let text = "1|a|b|c|d|e|f|g|h|i|j|k|l|\n\n2||||||||||||x|\r\n";
    let mut seen = Vec::new();
    let lines = for_each_record(RrfFile::Sat, Cursor::new(text), |n, f| {
        seen.push((n, f[0].to_string(), f[12].to_string()));
        Ok(())
    })
    .unwrap();
    assert_eq!(lines, 3);
    assert_eq!(
        seen,
        vec![(1, "1".into(), "l".into()), (3, "2".into(), "x".into())]
    );
}

#[test]
fn a_line_with_too_few_fields_is_refused_with_its_file_and_line_number() {
    let text = "1|a|b|c|d|e|f|g|h|i|j|k|l|\n1|a|b|\n";
    let err = for_each_record(RrfFile::Sat, Cursor::new(text), |_, _| Ok(())).unwrap_err();
    assert_eq!(
        message(&err),
        "file: RXNSAT.RRF line 2: expected 13 fields, found 3"
    );
}

#[test]
fn a_line_without_its_final_bar_is_refused() {
    let text = "1|a|b|c|d|e|f|g|h|i|j|k|l\n";
    let err = for_each_record(RrfFile::Sat, Cursor::new(text), |_, _| Ok(())).unwrap_err();
    assert!(
        message(&err).contains("RXNSAT.RRF line 1"),
        "{}",
        message(&err)
    );
    assert!(
        message(&err).contains("not ended by '|'"),
        "{}",
        message(&err)
    );
}

#[test]
fn a_line_that_is_not_utf8_is_refused_with_its_number() {
    let bytes: &[u8] = b"1|a|b|c|d|e|f|g|h|i|j|k|l|\n1|\xff|b|c|d|e|f|g|h|i|j|k|l|\n";
    let err = for_each_record(RrfFile::Sat, Cursor::new(bytes), |_, _| Ok(())).unwrap_err();
    assert_eq!(message(&err), "file: RXNSAT.RRF line 2: is not UTF-8 text");
}

#[test]
fn the_fixture_files_have_the_documented_field_counts() {
    for file in RrfFile::ALL {
        let text = std::fs::read_to_string(fixture("small").join(file.name())).unwrap();
        for (i, line) in text.lines().enumerate() {
            assert_eq!(
                line.matches('|').count(),
                file.fields(),
                "{} line {}",
                file.name(),
                i + 1
            );
        }
    }
}

#[test]
fn strengths_are_read_per_unit_per_millilitre_and_per_actuation() {
    let s = strength::parse("10 MG").unwrap();
    assert_eq!(
        (s.amount, s.unit.as_str(), s.display()),
        (10.0, "mg", "10 mg".into())
    );
    assert_eq!(s.per_dose_unit(Counted::Each), Some(10.0));
    let s = strength::parse("250 MG/5ML").unwrap();
    assert_eq!(s.display(), "250 mg/5 mL");
    assert_eq!(s.per_dose_unit(Counted::Millilitre), Some(50.0));
    assert_eq!(
        s.per_dose_unit(Counted::Each),
        None,
        "a liquid is not per tablet"
    );
    let s = strength::parse("0.09 MG/ACTUAT").unwrap();
    assert_eq!(s.display(), "0.09 mg/actuation");
    assert_eq!(s.per_dose_unit(Counted::Actuation), Some(0.09));
    let s = strength::parse("100 UNT/ML").unwrap();
    assert_eq!(
        (s.unit.as_str(), s.display()),
        ("unit", "100 units/mL".into())
    );
    assert_eq!(
        strength::parse("0.025 MG/HR")
            .unwrap()
            .per_dose_unit(Counted::Unmeasured),
        None
    );
    for bad in [
        "",
        "MG",
        "ten MG",
        "10 FURLONGS",
        "10 MG/0ML",
        "10 MG extra",
    ] {
        assert_eq!(strength::parse(bad), None, "{bad:?}");
    }
}

#[test]
fn a_component_name_splits_into_its_ingredient_and_strength() {
    let (name, s) = find_in_name("insulin glargine 100 UNT/ML").unwrap();
    assert_eq!((name, s.amount), ("insulin glargine", 100.0));
    let (name, s) = find_in_name("vitamin B 12 5 MG").unwrap();
    assert_eq!((name, s.display()), ("vitamin B 12", "5 mg".into()));
    assert!(find_in_name("lisinopril").is_none());
}

#[test]
fn names_read_in_lower_case_units_and_dose_forms_keeping_ingredient_and_brand_case() {
    assert_eq!(
        readable_name("lisinopril 10 MG Oral Tablet [Zestril]", &["Oral Tablet"]),
        "lisinopril 10 mg oral tablet [Zestril]"
    );
    assert_eq!(
        readable_name(
            "amoxicillin 250 MG/5ML Oral Suspension",
            &["Oral Suspension"]
        ),
        "amoxicillin 250 mg/5 mL oral suspension"
    );
    assert_eq!(
        readable_name(
            "{21 (methylPREDNISolone 4 MG Oral Tablet) } Pack",
            &["Pack", "Oral Tablet"]
        ),
        "{21 (methylPREDNISolone 4 mg oral tablet) } pack"
    );
    assert_eq!(
        readable_name(
            "niacin 500 MG Extended Release Oral Tablet",
            &["Extended Release Oral Tablet"]
        ),
        "niacin 500 mg extended release oral tablet"
    );
}

#[test]
fn common_dose_forms_map_to_a_charta_form_unit_and_route() {
    let cases = [
        ("Oral Tablet", "tablet", "tablet", Route::Oral),
        ("Oral Suspension", "oral suspension", "mL", Route::Oral),
        ("Metered Dose Inhaler", "inhaler", "puff", Route::Inhaled),
        ("Topical Cream", "cream", "application", Route::Topical),
        (
            "Injectable Solution",
            "injectable solution",
            "mL",
            Route::Other,
        ),
        ("Prefilled Syringe", "prefilled syringe", "mL", Route::Other),
        ("Pen Injector", "pen injector", "mL", Route::Subcutaneous),
        (
            "Ophthalmic Solution",
            "eye drops",
            "drop",
            Route::Ophthalmic,
        ),
        (
            "Transdermal System",
            "transdermal patch",
            "patch",
            Route::Transdermal,
        ),
    ];
    for (df, form, unit, route) in cases {
        let m = dose_forms::map(df);
        assert_eq!(
            (m.dose_form.as_str(), m.dose_unit.as_str(), m.route),
            (form, unit, route),
            "{df}"
        );
    }
    let unknown = dose_forms::map("Intrauterine System");
    assert_eq!(
        (
            unknown.dose_form.as_str(),
            unknown.dose_unit.as_str(),
            unknown.route
        ),
        ("intrauterine system", "dose", Route::Other),
        "an unknown form keeps its name and guesses no route"
    );
}

#[test]
fn dea_schedules_are_read_in_the_forms_labels_write_them() {
    assert_eq!(parse_schedule("CII"), Some(ControlledSchedule::CII));
    assert_eq!(parse_schedule("C-IV"), Some(ControlledSchedule::CIV));
    assert_eq!(parse_schedule("CIIIN"), Some(ControlledSchedule::CIII));
    assert_eq!(parse_schedule("V"), Some(ControlledSchedule::CV));
    assert_eq!(parse_schedule("CI"), None, "schedule I is not prescribable");
    assert_eq!(parse_schedule("unscheduled"), None);
}

#[test]
fn relations_are_read_in_either_direction_from_the_conso_rel_and_sat_files() {
    let dir = fixture("small");
    let open =
        |f: RrfFile| std::io::BufReader::new(std::fs::File::open(dir.join(f.name())).unwrap());
    let r = release::read(open(RrfFile::Conso), open(RrfFile::Rel), open(RrfFile::Sat)).unwrap();
    assert_eq!(r.concept(314076).unwrap().tty, Tty::Scd);
    assert_eq!(r.targets(Rel::ConsistsOf, 314076), &[316151]);
    assert_eq!(
        r.target_of(Rel::HasIngredient, 316151, Tty::In),
        Some(29046)
    );
    assert_eq!(r.target_of(Rel::HasDoseForm, 314076, Tty::Df), Some(317541));
    assert_eq!(
        r.source_of(Rel::HasTradename, 206765, Tty::Scd),
        Some(314076)
    );
    assert_eq!(
        r.strength.get(&315851).map(String::as_str),
        Some("50 MG/ML")
    );
    assert_eq!(r.schedule.get(&1049621), Some(&ControlledSchedule::CII));
    assert!(r.suppressed.contains(&311353) && r.suppressed.contains(&1116632));
    assert!(r.concept(311353).is_none(), "an obsolete drug is not kept");
    let lines: usize = RrfFile::ALL
        .iter()
        .map(|f| {
            std::fs::read_to_string(dir.join(f.name()))
                .unwrap()
                .lines()
                .count()
        })
        .sum();
    assert_eq!(r.lines, lines as u64);
}

#[test]
fn a_clinical_drug_gets_its_ingredient_strength_dose_form_and_brands() {
    let c = small();
    let p = product(&c, "314076").product;
    assert_eq!(p.code, "rx:314076");
    assert_eq!(p.name, "lisinopril 10 mg oral tablet");
    assert_eq!(p.strength, "10 mg");
    assert_eq!(
        (p.dose_form.as_str(), p.dose_unit.as_str(), p.route),
        ("tablet", "tablet", Route::Oral)
    );
    assert_eq!(p.ingredients.len(), 1);
    let i = &p.ingredients[0];
    assert_eq!(
        (i.code.as_str(), i.name.as_str(), i.amount, i.unit.as_str()),
        ("drug:lisinopril", "lisinopril", Some(10.0), "mg")
    );
    assert_eq!(p.classes, vec!["class:ace-inhibitors".to_string()]);
    assert_eq!(p.brands, vec!["Zestril".to_string()]);
    assert_eq!(p.source, ProductSource::RxnormImport);
    assert_eq!(p.controlled, None);
    assert_eq!(product(&c, "314076").tty, "SCD");
}

#[test]
fn a_branded_drug_takes_its_generics_content_and_its_own_brand() {
    let c = small();
    let b = product(&c, "206765");
    assert_eq!(b.tty, "SBD");
    let p = b.product;
    assert_eq!(p.name, "lisinopril 10 mg oral tablet [Zestril]");
    assert_eq!(p.brands, vec!["Zestril".to_string()]);
    assert_eq!(p.ingredients[0].code, "drug:lisinopril");
    assert_eq!(p.strength, "10 mg");
    assert_eq!(p.route, Route::Oral);
}

#[test]
fn a_suspension_is_dosed_in_millilitres_with_the_strength_as_its_name_writes_it() {
    let p = product(&small(), "308182").product;
    assert_eq!(p.name, "amoxicillin 250 mg/5 mL oral suspension");
    assert_eq!(p.strength, "250 mg/5 mL");
    assert_eq!((p.dose_unit.as_str(), p.route), ("mL", Route::Oral));
    assert_eq!(p.ingredients[0].amount, Some(50.0), "50 mg in each mL");
    assert_eq!(p.ingredients[0].code, "drug:amoxicillin");
    assert!(p.classes.contains(&"class:penicillins".to_string()));
}

#[test]
fn a_combination_lists_its_ingredients_in_the_order_of_its_name() {
    let p = product(&small(), "562508").product;
    let got: Vec<(&str, Option<f64>)> = p
        .ingredients
        .iter()
        .map(|i| (i.name.as_str(), i.amount))
        .collect();
    assert_eq!(
        got,
        vec![("amoxicillin", Some(875.0)), ("clavulanate", Some(125.0))]
    );
    assert_eq!(p.strength, "875 mg / 125 mg");
}

#[test]
fn an_inhaler_counts_puffs_and_an_insulin_pen_counts_units() {
    let c = small();
    let p = product(&c, "745679").product;
    assert_eq!(
        (p.dose_form.as_str(), p.dose_unit.as_str(), p.route),
        ("inhaler", "puff", Route::Inhaled)
    );
    assert_eq!(p.ingredients[0].amount, Some(0.09));
    let p = product(&c, "847232").product;
    assert_eq!(
        (p.dose_unit.as_str(), p.route),
        ("unit", Route::Subcutaneous)
    );
    assert_eq!(p.strength, "100 units/mL");
    assert_eq!(
        (p.ingredients[0].amount, p.ingredients[0].unit.as_str()),
        (Some(1.0), "unit")
    );
}

#[test]
fn a_dea_schedule_on_the_label_makes_the_product_controlled() {
    let p = product(&small(), "1049621").product;
    assert_eq!(p.controlled, Some(ControlledSchedule::CII));
    assert_eq!(p.ingredients[0].code, "drug:oxycodone");
    assert!(p.classes.contains(&"class:opioids".to_string()));
}

#[test]
fn an_ingredient_the_vocabulary_does_not_know_keeps_its_rxnorm_code() {
    assert!(
        super::vocabulary::drug_for("miltefosine").is_none(),
        "the fixture needs an ingredient outside the vocabulary"
    );
    let p = product(&small(), "1606349").product;
    assert_eq!(p.ingredients[0].code, "rxin:70876");
    assert!(p.classes.is_empty());
    assert_eq!(
        (p.dose_form.as_str(), p.ingredients[0].amount),
        ("capsule", Some(50.0))
    );
}

#[test]
fn a_pack_holds_its_components_ingredients() {
    let b = product(&small(), "762675");
    assert_eq!(b.tty, "GPCK");
    let p = b.product;
    assert_eq!(p.name, "{21 (methylprednisolone 4 mg oral tablet) } pack");
    assert_eq!(
        (p.dose_form.as_str(), p.dose_unit.as_str(), p.route),
        ("pack", "tablet", Route::Oral)
    );
    assert_eq!(p.ingredients.len(), 1);
    assert_eq!(
        (p.ingredients[0].code.as_str(), p.ingredients[0].amount),
        ("drug:methylprednisolone", Some(4.0))
    );
    assert_eq!(p.strength, "4 mg");
}

#[test]
fn suppressed_and_obsolete_drugs_are_left_out_and_counted() {
    let c = small();
    assert_eq!(c.products.len(), 10, "{:?}", names(&c));
    assert_eq!(c.skipped, 2);
    assert!(c
        .products
        .iter()
        .all(|b| !matches!(b.product.rxcui.as_deref(), Some("311353" | "1116632"))));
}

#[test]
fn ingredients_are_counted_once_each_as_matched_or_not() {
    let c = small();
    // lisinopril, amoxicillin, oxycodone, methylprednisolone; clavulanate, albuterol,
    // insulin glargine, miltefosine are not (yet) in the vocabulary.
    let total = c.ingredients_matched + c.ingredients_unmatched;
    assert_eq!(total, 8);
    assert!(c.ingredients_matched >= 4, "{}", c.ingredients_matched);
}

#[test]
fn each_malformed_fixture_is_refused_with_its_file_and_line() {
    let cases = [
        (
            "field_count",
            "RXNREL.RRF line 12: expected 16 fields, found 12",
        ),
        (
            "rxcui",
            "RXNCONSO.RRF line 30: RXCUI \"31a4076\" is not a number",
        ),
        ("empty_rxcui", "RXNSAT.RRF line 5: RXCUI is empty"),
    ];
    for (dir, expected) in cases {
        let err = read_release(&fixture("malformed").join(dir)).unwrap_err();
        assert_eq!(message(&err), format!("file: {expected}"), "{dir}");
    }
}

#[test]
fn a_missing_file_or_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["RXNCONSO.RRF", "RXNSAT.RRF"] {
        std::fs::copy(fixture("small").join(f), dir.path().join(f)).unwrap();
    }
    let err = read_release(dir.path()).unwrap_err();
    assert!(
        message(&err).starts_with("dir: RXNREL.RRF is missing from"),
        "{}",
        message(&err)
    );
    let err = read_release(&dir.path().join("nowhere")).unwrap_err();
    assert!(
        message(&err).contains("is not a folder"),
        "{}",
        message(&err)
    );
    let err = read_release(Path::new("")).unwrap_err();
    assert_eq!(err.field_errors()[0].field, "dir");
}

#[test]
fn the_files_are_found_in_the_rrf_folder_of_an_unpacked_release() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rrf")).unwrap();
    for f in RrfFile::ALL {
        std::fs::copy(
            fixture("small").join(f.name()),
            dir.path().join("rrf").join(f.name()),
        )
        .unwrap();
    }
    assert_eq!(read_release(dir.path()).unwrap().0.products.len(), 10);
}

#[test]
fn the_generated_release_parses_into_exactly_the_products_it_reports() {
    let dir = tempfile::tempdir().unwrap();
    let made = super::generated::write_release(dir.path(), 500).unwrap();
    assert_eq!(made.products, 500);
    let (c, lines) = read_release(dir.path()).unwrap();
    assert_eq!(c.products.len(), 500);
    assert_eq!(lines, made.lines);
    let count = |tty: &str| c.products.iter().filter(|b| b.tty == tty).count() as u32;
    assert_eq!(
        (count("SCD"), count("SBD"), count("GPCK")),
        (made.clinical, made.branded, made.packs)
    );
    let controlled = c
        .products
        .iter()
        .filter(|b| b.product.controlled.is_some())
        .count() as u32;
    assert_eq!(controlled, made.controlled);
    assert!(c.ingredients_matched > 0 && c.ingredients_unmatched > 0);
    assert_eq!(
        build(&release_of(dir.path())).products,
        c.products,
        "deterministic"
    );
}

fn release_of(dir: &Path) -> release::Release {
    let open =
        |f: RrfFile| std::io::BufReader::new(std::fs::File::open(dir.join(f.name())).unwrap());
    release::read(open(RrfFile::Conso), open(RrfFile::Rel), open(RrfFile::Sat)).unwrap()
}
