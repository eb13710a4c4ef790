//! The import through the door: one transaction, updates in place, the search words and
//! `store::drug_products::search`, the formulary's lookup, permissions and audit.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use super::tests::fixture;
use crate::audit::AuditQuery;
use crate::db::ChartDb;
use crate::ids::DrugImportId;
use crate::medications::formulary;
use crate::store::drug_products;
use crate::testing::{staffed_practice, test_now, Staff};
use chrono::Duration;

fn setup() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

fn counts(db: &ChartDb) -> (i64, i64, i64) {
    db.read(drug_products::counts).unwrap()
}

fn audit(db: &mut ChartDb, staff: &Staff) -> Vec<(String, String, String)> {
    let q = AuditQuery {
        limit: Some(500),
        ..Default::default()
    };
    db.as_user(&staff.admin)
        .audit_report(&q, test_now() + Duration::hours(2))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.action, e.outcome.as_str().to_string(), e.detail))
        .collect()
}

fn search(db: &ChartDb, query: &str) -> Vec<String> {
    let words: Vec<String> = drug_products::words(query).collect();
    db.read(|c| drug_products::search(c, &words, 20))
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn import(db: &mut ChartDb, staff: &Staff, dir: &str, n: u128) -> super::DrugImportReport {
    db.as_user(&staff.admin)
        .import_rxnorm(&fixture(dir), DrugImportId::from_u128(n), test_now())
        .unwrap()
}

#[test]
fn an_import_stores_every_product_with_its_words_its_log_row_and_its_audit() {
    let (mut db, staff) = setup();
    let report = import(&mut db, &staff, "small", 1);
    assert_eq!(
        (report.products, report.updated, report.skipped),
        (10, 0, 2)
    );
    assert_eq!(report.imported_by_name, "Test admin");
    assert!(report.lines > 100, "{}", report.lines);
    let (products, words, imports) = counts(&db);
    assert_eq!((products, imports), (10, 1));
    assert!(words > 50, "{words} search words");
    let listed = db.as_user(&staff.admin).drug_imports(test_now()).unwrap();
    assert_eq!(listed, vec![report.clone()]);
    let entries = audit(&mut db, &staff);
    let done = entries
        .iter()
        .find(|(a, _, _)| a == "import_drug_catalogue")
        .expect("the import is audited");
    assert_eq!(done.1, "ok");
    assert!(done.2.contains("10 products"), "{}", done.2);
    assert!(entries.iter().any(|(a, _, _)| a == "view_drug_imports"));
}

#[test]
fn importing_the_same_files_twice_updates_in_place_without_duplicates() {
    let (mut db, staff) = setup();
    import(&mut db, &staff, "small", 1);
    let before = counts(&db);
    let again = import(&mut db, &staff, "small", 2);
    assert_eq!((again.products, again.updated), (10, 10));
    let after = counts(&db);
    assert_eq!(
        (after.0, after.1),
        (before.0, before.1),
        "same products and words"
    );
    assert_eq!(after.2, 2, "both imports are kept in the log");
    let listed = db.as_user(&staff.admin).drug_imports(test_now()).unwrap();
    assert_eq!(listed[0].id, DrugImportId::from_u128(2), "newest first");
    assert_eq!(listed[0].updated, 10);
}

#[test]
fn a_changed_product_is_rewritten_with_its_new_words() {
    let (mut db, staff) = setup();
    import(&mut db, &staff, "small", 1);
    let dir = tempfile::tempdir().unwrap();
    for f in super::rrf::RrfFile::ALL {
        let text = std::fs::read_to_string(fixture("small").join(f.name())).unwrap();
        std::fs::write(
            dir.path().join(f.name()),
            text.replace("Zestril", "Qbrelis"),
        )
        .unwrap();
    }
    db.as_user(&staff.admin)
        .import_rxnorm(dir.path(), DrugImportId::from_u128(2), test_now())
        .unwrap();
    assert!(
        search(&db, "zestril").is_empty(),
        "the old brand's words are gone"
    );
    assert_eq!(search(&db, "qbrel").len(), 2, "generic and brand");
    let p = db
        .read(|c| drug_products::get(c, "rx:206765"))
        .unwrap()
        .unwrap();
    assert_eq!(p.brands, vec!["Qbrelis".to_string()]);
}

#[test]
fn a_malformed_file_imports_nothing_and_leaves_the_database_as_it_was() {
    let (mut db, staff) = setup();
    import(&mut db, &staff, "small", 1);
    let before = counts(&db);
    for (n, dir) in ["field_count", "rxcui", "empty_rxcui"].iter().enumerate() {
        let err = db
            .as_user(&staff.admin)
            .import_rxnorm(
                &fixture("malformed").join(dir),
                DrugImportId::from_u128(10 + n as u128),
                test_now(),
            )
            .unwrap_err();
        let e = &err.field_errors()[0];
        assert_eq!(e.field, "file");
        assert!(e.message.contains(" line "), "{}", e.message);
        assert_eq!(counts(&db), before, "{dir}: nothing half-imported");
    }
}

#[test]
fn imported_products_are_found_by_every_word_prefix_in_any_order() {
    let (mut db, staff) = setup();
    import(&mut db, &staff, "small", 1);
    assert_eq!(
        search(&db, "lisin"),
        vec![
            "lisinopril 10 mg oral tablet",
            "lisinopril 10 mg oral tablet [Zestril]"
        ]
    );
    assert_eq!(
        search(&db, "zest"),
        search(&db, "lisin"),
        "a brand finds the generic too"
    );
    assert_eq!(
        search(&db, "tab 875 amox"),
        vec!["amoxicillin 875 mg / clavulanate 125 mg oral tablet"]
    );
    assert_eq!(
        search(&db, "amox 5 ml"),
        vec!["amoxicillin 250 mg/5 mL oral suspension"]
    );
    assert_eq!(
        search(&db, "Ámox SUSP"),
        vec!["amoxicillin 250 mg/5 mL oral suspension"],
        "folded"
    );
    assert!(search(&db, "lisin capsule").is_empty());
    assert!(search(&db, "").is_empty());
    let words: Vec<String> = vec!["oral".into()];
    let limited = db.read(|c| drug_products::search(c, &words, 3)).unwrap();
    assert_eq!(limited.len(), 3, "at most the limit");
}

#[test]
fn the_formulary_lookup_finds_an_imported_product_by_its_code() {
    let (mut db, staff) = setup();
    import(&mut db, &staff, "small", 1);
    let p = db
        .read(|c| formulary::lookup(c, "rx:308182"))
        .unwrap()
        .expect("imported products are looked up");
    assert_eq!(p.rxcui.as_deref(), Some("308182"));
    let viewed = db
        .as_user(&staff.physician)
        .drug_product("rx:1049621", test_now())
        .unwrap();
    assert_eq!(viewed.ingredients[0].code, "drug:oxycodone");
}

#[test]
fn only_the_admin_imports_or_lists_imports_and_each_refusal_is_audited() {
    let (mut db, staff) = setup();
    for who in [&staff.physician, &staff.nurse, &staff.front_desk] {
        let err = db
            .as_user(who)
            .import_rxnorm(&fixture("small"), DrugImportId::from_u128(9), test_now())
            .unwrap_err();
        assert_eq!(err.code(), "forbidden", "{}", who.username());
        let err = db.as_user(who).drug_imports(test_now()).unwrap_err();
        assert_eq!(err.code(), "forbidden");
    }
    assert_eq!(counts(&db), (0, 0, 0), "nothing imported");
    let denied = audit(&mut db, &staff)
        .into_iter()
        .filter(|(a, o, _)| {
            (a == "import_drug_catalogue" || a == "view_drug_imports") && o == "denied"
        })
        .count();
    assert_eq!(denied, 6);
}

#[test]
fn a_generated_release_of_ten_thousand_products_imports_whole() {
    let dir = tempfile::tempdir().unwrap();
    let made = super::generated::write_release(dir.path(), 10_000).unwrap();
    let (mut db, staff) = setup();
    let report = db
        .as_user(&staff.admin)
        .import_rxnorm(dir.path(), DrugImportId::from_u128(1), test_now())
        .unwrap();
    assert_eq!(report.products, 10_000);
    assert_eq!((report.updated, report.skipped), (0, 0));
    assert_eq!(report.lines, made.lines);
    assert_eq!(counts(&db).0, 10_000);
    // Every generated clinical drug is found by its first ingredient's name.
    let words = vec!["lisinopril".to_string()];
    let hits = db.read(|c| drug_products::search(c, &words, 50)).unwrap();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|p| p.name.contains("lisinopril")));
    // Both plans (a rare word drives; every word common: read in name order) give what a
    // scan of every product gives.
    let (catalogue, _) = super::read_release(dir.path()).unwrap();
    let key = |name: &str| drug_products::words(name).collect::<Vec<_>>().join(" ");
    for query in [
        "lisin",
        "oral",
        "oral tab",
        "a",
        "pra lo",
        "brand10",
        "cream 10",
        "inhal 0 09",
        "zz",
    ] {
        let q: Vec<String> = drug_products::words(query).collect();
        let mut expected: Vec<(String, String)> = catalogue
            .products
            .iter()
            .filter(|b| {
                let words = drug_products::search_words(&b.product);
                q.iter()
                    .all(|w| words.iter().any(|x| x.starts_with(w.as_str())))
            })
            .map(|b| (key(&b.product.name), b.product.code.clone()))
            .collect();
        expected.sort();
        expected.truncate(20);
        let got: Vec<(String, String)> = db
            .read(|c| drug_products::search(c, &q, 20))
            .unwrap()
            .into_iter()
            .map(|p| (key(&p.name), p.code))
            .collect();
        assert_eq!(got, expected, "{query:?}");
    }
}
