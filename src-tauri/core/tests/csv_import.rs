//! Patients from another EMR's CSV: the column mapping guessed from the header, the date
//! format detected (and refused when ambiguous until chosen), phone shapes, a dry run that
//! changes nothing, field errors by row and column, the duplicate rules, who may import.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::AuditQuery;
use charta_core::csv_import::{CsvImportReport, CsvOptions, DateFormat, PatientColumn, RowOutcome};
use charta_core::patient::SearchRequest;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, CoreError, PatientId};
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

/// An admin's import (or dry run) of `path`, ids from `seed`.
fn run(
    db: &mut ChartDb,
    staff: &Staff,
    path: &Path,
    options: &CsvOptions,
    dry_run: bool,
    seed: u128,
) -> CsvImportReport {
    db.as_user(&staff.admin)
        .import_patients_csv(path, options, dry_run, Uuid::from_u128(seed), test_now())
        .unwrap()
}

fn file(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("patients.csv");
    std::fs::write(&path, text).unwrap();
    path
}

const US_EXPORT: &str = "\
Last Name,First Name,DOB,Sex,Cell,Email,Address,City,State,Zip,Insurance
Okonkwo,Adaeze,03/14/1980,F,(555) 201-3344,ada@example.com,\"12 Elm St, Apt 4\",Springfield,IL,62701,Acme
Lindqvist,Per,12/01/1975,M,(555) 777-1212,,9 Oak Ave,Springfield,IL,62702,
Moreau,Claire,13/40/1990,F,(555) 310-2020,,,,,,
,Nameless,01/02/2000,U,,,,,,,
Haddad,Sami,07/04/1968,maybe,(555) 404-5050,,,,,,
";

#[test]
fn a_us_export_is_mapped_previewed_dry_run_and_imported_with_errors_by_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), US_EXPORT);
    let (mut db, staff) = practice();
    let dry = run(&mut db, &staff, &path, &CsvOptions::default(), true, 1);
    use PatientColumn::*;
    assert_eq!(
        dry.mapping,
        [
            FamilyName,
            GivenName,
            DateOfBirth,
            SexAtBirth,
            MobilePhone,
            Email,
            AddressLine1,
            City,
            Region,
            PostalCode,
            Ignore
        ]
    );
    assert_eq!(
        dry.date_format,
        Some(DateFormat::MonthDayYear),
        "13/40 fits no format, 03/14 only US"
    );
    assert_eq!(
        dry.phone_shapes,
        [("Cell".to_string(), "(999) 999-9999".to_string())]
    );
    assert_eq!(dry.created, 2, "{dry:#?}");
    assert_eq!(dry.invalid, 3);
    let errors = |row: u32| {
        dry.rows
            .iter()
            .find(|r| r.row == row)
            .unwrap()
            .errors
            .clone()
    };
    assert_eq!(errors(4)[0].column, "DOB");
    assert!(
        errors(4)[0].message.contains("13/40/1990"),
        "{:?}",
        errors(4)
    );
    assert_eq!(errors(5)[0].column, "Last Name");
    assert_eq!(errors(6)[0].column, "Sex");
    assert_eq!(db.patient_count().unwrap(), 0, "a dry run changes nothing");

    let real = run(&mut db, &staff, &path, &CsvOptions::default(), false, 1);
    assert_eq!(real.created, 2);
    assert_eq!(db.patient_count().unwrap(), 2);
    let page = db
        .as_user(&staff.front_desk)
        .search_patients(&SearchRequest::new("okonkwo"), test_now())
        .unwrap();
    let ada = db
        .as_user(&staff.front_desk)
        .patient(page.hits[0].patient.id, test_now())
        .unwrap();
    assert_eq!(ada.date_of_birth.to_string(), "1980-03-14");
    assert_eq!(ada.address.line1, "12 Elm St, Apt 4");
    assert_eq!(ada.phones[0].number, "(555) 201-3344");

    // The same file again: the people are there now, so the duplicate rules hold them back.
    let again = run(&mut db, &staff, &path, &CsvOptions::default(), false, 2);
    assert_eq!(again.duplicates, 2);
    assert_eq!(again.created, 0);
    assert_eq!(db.patient_count().unwrap(), 2);
}

#[test]
fn ambiguous_dates_wait_for_the_admin_to_choose_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "surname;forename;birth\nDubois;Anne;03/04/1980\n",
    );
    let text = std::fs::read_to_string(&path).unwrap().replace(';', ",");
    std::fs::write(&path, text).unwrap();
    let (mut db, staff) = practice();
    let dry = run(&mut db, &staff, &path, &CsvOptions::default(), true, 1);
    assert_eq!(dry.date_format, None);
    assert_eq!(
        dry.date_formats,
        [DateFormat::MonthDayYear, DateFormat::DayMonthYear]
    );
    assert!(dry.rows[0].errors[0]
        .message
        .contains("choose the file's date format"));
    let chosen = CsvOptions {
        mapping: None,
        date_format: Some(DateFormat::DayMonthYear),
    };
    let real = run(&mut db, &staff, &path, &chosen, false, 1);
    assert_eq!(real.rows[0].outcome, RowOutcome::Created);
    assert_eq!(real.rows[0].date_of_birth, "1980-04-03");
}

#[test]
fn a_mapping_must_name_the_columns_registration_needs_and_only_the_admin_imports() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "Col A,Col B\nx,y\n");
    let (mut db, staff) = practice();
    let report = run(&mut db, &staff, &path, &CsvOptions::default(), true, 1);
    assert_eq!(
        report.headers,
        ["Col A", "Col B"],
        "the columns, to map by hand"
    );
    assert_eq!(
        report.missing_columns.len(),
        3,
        "{:?}",
        report.missing_columns
    );
    assert!(
        report.rows.is_empty(),
        "no row is read before the mapping names them"
    );
    let mapped = CsvOptions {
        mapping: Some(vec![PatientColumn::FamilyName, PatientColumn::GivenName]),
        date_format: None,
    };
    let report = run(&mut db, &staff, &path, &mapped, true, 1);
    assert_eq!(
        report.missing_columns,
        ["Choose the column that holds the date of birth"]
    );
    let denied = db.as_user(&staff.front_desk).import_patients_csv(
        &path,
        &CsvOptions::default(),
        true,
        Uuid::from_u128(1),
        test_now(),
    );
    assert!(matches!(denied, Err(CoreError::Forbidden(_))));
}

#[test]
fn a_patient_already_registered_is_held_back_by_the_duplicate_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "Last Name,First Name,DOB\nSmith,Jon,1980-03-14\n",
    );
    let (mut db, staff) = practice();
    db.as_user(&staff.front_desk)
        .register_patient(
            &person("Smith", "John", "1980-03-14", "(555) 201-3344"),
            false,
            PatientId::from_u128(9),
            test_now(),
        )
        .unwrap();
    let report = run(&mut db, &staff, &path, &CsvOptions::default(), false, 1);
    assert_eq!(report.rows[0].outcome, RowOutcome::PossibleDuplicate);
    // Naming John Smith's chart is a read of it, audited even in a dry run.
    let shown = |db: &mut ChartDb| {
        let q = AuditQuery {
            action: Some("duplicate_check".into()),
            ..Default::default()
        };
        db.as_user(&staff.admin)
            .audit_report(&q, test_now() + chrono::Duration::hours(1))
            .unwrap()
            .entries
            .len()
    };
    let before = shown(&mut db);
    run(&mut db, &staff, &path, &CsvOptions::default(), true, 2);
    assert_eq!(shown(&mut db), before + 1);
    assert!(
        report.rows[0].detail.contains("John Smith"),
        "{}",
        report.rows[0].detail
    );
    assert_eq!(db.patient_count().unwrap(), 1);
}
