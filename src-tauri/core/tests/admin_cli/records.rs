//! `charta-admin export-fhir`, `import-fhir` and `import-csv` (patients and appointments) end
//! to end: what each prints, the files written, the exit codes.

use super::{admin, practice, text, PASSWORD};
use charta_core::testing::test_now;
use charta_core::vault::{keystore_path_for, Keystore};
use charta_core::ChartDb;
use std::path::{Path, PathBuf};

#[test]
fn export_fhir_writes_the_practice_or_one_chart_and_reports_what_went_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let (db_path, _) = practice(dir.path());
    {
        let key = Keystore::load(&keystore_path_for(&db_path))
            .unwrap()
            .unlock("admin", PASSWORD, test_now())
            .unwrap()
            .key;
        let mut db = ChartDb::open_encrypted(&db_path, &key).unwrap();
        db.add_generated_patients(
            &mut charta_core::synth::PracticeGenerator::new(4),
            12,
            1,
            test_now(),
        )
        .unwrap();
    }
    let password = [("CHARTA_PASSWORD", PASSWORD)];
    let db = db_path.to_str().unwrap();
    let all = dir.path().join("ehi");
    let out = admin(
        &[
            "export-fhir",
            "--db",
            db,
            "--user",
            "admin",
            "--out",
            all.to_str().unwrap(),
        ],
        &password,
        "",
    );
    assert!(out.status.success(), "export failed: {}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("of 12 charts"),
        "{}",
        text(&out.stderr)
    );
    let patients = std::fs::read_to_string(all.join("Patient.ndjson")).unwrap();
    assert_eq!(patients.lines().count(), 12);
    assert!(all.join("manifest.json").is_file());
    let first: serde_json::Value = serde_json::from_str(patients.lines().next().unwrap()).unwrap();
    let mrn = first["identifier"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();

    let one = dir.path().join("one");
    let out = admin(
        &[
            "export-fhir",
            "--db",
            db,
            "--user",
            "admin",
            "--out",
            one.to_str().unwrap(),
            "--patient",
            &mrn,
            "--pdf",
        ],
        &password,
        "",
    );
    assert!(out.status.success(), "export failed: {}", text(&out.stderr));
    let pdf = std::fs::read(one.join(format!("patient-{mrn}.pdf"))).unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "the readable record is a PDF");
    let bundle: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(one.join(format!("patient-{mrn}.json"))).unwrap(),
    )
    .unwrap();
    let mrns: Vec<_> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Patient")
        .map(|e| e["resource"]["identifier"][0]["value"].clone())
        .collect();
    assert_eq!(mrns, [serde_json::json!(mrn)]);

    // An unknown chart number, a second export into the same folder, a bad argument.
    let out = admin(
        &[
            "export-fhir",
            "--db",
            db,
            "--user",
            "admin",
            "--out",
            one.to_str().unwrap(),
            "--patient",
            "999999",
        ],
        &password,
        "",
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("MRN 999999"),
        "{}",
        text(&out.stderr)
    );
    let out = admin(
        &[
            "export-fhir",
            "--db",
            db,
            "--user",
            "admin",
            "--out",
            all.to_str().unwrap(),
        ],
        &password,
        "",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("already exists"),
        "{}",
        text(&out.stderr)
    );
    let out = admin(
        &["export-fhir", "--db", db, "--patient", "x"],
        &password,
        "",
    );
    assert_eq!(out.status.code(), Some(2));
}

fn synthea_file(dir: &Path) -> PathBuf {
    use std::io::Read;
    let gz =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fhir/synthea/patient-1.json.gz");
    let mut json = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(gz).unwrap())
        .read_to_string(&mut json)
        .unwrap();
    let path = dir.join("synthea.json");
    std::fs::write(&path, json).unwrap();
    path
}

#[test]
fn import_fhir_reports_a_dry_run_then_imports_and_a_second_run_finds_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let (db_path, _) = practice(dir.path());
    let file = synthea_file(dir.path());
    let password = [("CHARTA_PASSWORD", PASSWORD)];
    let db = db_path.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["import-fhir", "--db", db, "--user", "admin"];
        args.extend_from_slice(extra);
        admin(&args, &password, "")
    };
    let dry = run(&["--dry-run", file.to_str().unwrap()]);
    assert!(dry.status.success(), "{}", text(&dry.stderr));
    let said = text(&dry.stderr);
    assert!(said.contains("Erdman, Darrell (born 2016-07-05)"), "{said}");
    assert!(said.contains("DRY RUN (nothing changed)"), "{said}");
    assert!(said.contains("1 would be created"), "{said}");

    let real = run(&[file.to_str().unwrap()]);
    assert!(real.status.success(), "{}", text(&real.stderr));
    assert!(
        text(&real.stderr).contains("1 created"),
        "{}",
        text(&real.stderr)
    );
    let again = run(&[file.to_str().unwrap()]);
    assert!(
        text(&again.stderr).contains("1 already imported"),
        "{}",
        text(&again.stderr)
    );

    // A file that is not FHIR, and no file at all.
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, "[1, 2").unwrap();
    let bad = run(&[junk.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("junk.json: is not valid JSON"),
        "{}",
        text(&bad.stderr)
    );
    let usage = run(&[]);
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn import_csv_shows_the_mapping_and_formats_then_registers_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let (db_path, _) = practice(dir.path());
    let csv = dir.path().join("old-emr.csv");
    std::fs::write(
        &csv,
        "Last Name,First Name,DOB,Cell\nOkonkwo,Adaeze,03/14/1980,(555) 201-3344\nMoreau,Claire,13/40/1990,\n",
    )
    .unwrap();
    let password = [("CHARTA_PASSWORD", PASSWORD)];
    let db = db_path.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["import-csv", "--db", db, "--user", "admin"];
        args.extend_from_slice(extra);
        admin(&args, &password, "")
    };
    let dry = run(&["--dry-run", csv.to_str().unwrap()]);
    let said = text(&dry.stderr);
    assert_eq!(dry.status.code(), Some(1), "a row has errors: {said}");
    assert!(said.contains("column \"DOB\" -> date of birth"), "{said}");
    assert!(said.contains("birth dates read like 03/14/1980"), "{said}");
    assert!(
        said.contains("phones in \"Cell\" look like (999) 999-9999"),
        "{said}"
    );
    assert!(said.contains("line 3 column \"DOB\""), "{said}");
    assert!(
        said.contains("DRY RUN (nothing changed): 2 rows: 1 would be created"),
        "{said}"
    );
    let real = run(&[csv.to_str().unwrap()]);
    assert!(
        text(&real.stderr).contains("2 rows: 1 created"),
        "{}",
        text(&real.stderr)
    );
    let bad = run(&["--date-format", "julian", csv.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn import_csv_appointments_books_coming_ones_keeps_past_ones_and_names_what_collides() {
    use charta_core::workstation::DEMO_PASSWORD;
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("demo.db");
    let db = db_path.to_str().unwrap();
    let seeded = admin(
        &[
            "seed-demo",
            "--db",
            db,
            "--patients",
            "1",
            "--schedule-years",
            "1",
        ],
        &[],
        "",
    );
    assert!(seeded.status.success(), "{}", text(&seeded.stderr));
    let password = [("CHARTA_PASSWORD", DEMO_PASSWORD)];
    let patients = dir.path().join("patients.csv");
    std::fs::write(
        &patients,
        "Last Name,First Name,DOB\nOkonkwo,Adaeze,03/14/1980\n",
    )
    .unwrap();
    let registered = admin(
        &[
            "import-csv",
            "--db",
            db,
            "--user",
            "admin",
            patients.to_str().unwrap(),
        ],
        &password,
        "",
    );
    assert!(registered.status.success(), "{}", text(&registered.stderr));
    // A Saturday ten weeks ahead is outside every provider's hours; last week is history.
    let today = chrono::Utc::now().date_naive();
    let saturday = (1..=7)
        .map(|d| today + chrono::Duration::days(70 + d))
        .find(|d| chrono::Datelike::weekday(d) == chrono::Weekday::Sat)
        .unwrap();
    let past = today - chrono::Duration::days(7);
    let us = |d: chrono::NaiveDate| d.format("%m/%d/%Y").to_string();
    let appointments = dir.path().join("appointments.csv");
    std::fs::write(
        &appointments,
        format!(
            "Date,Time,Last Name,First Name,DOB,Provider,Type,Status\n\
             {},10:00 AM,Okonkwo,Adaeze,03/14/1980,\"Reyes, Maria\",Follow-up,Booked\n\
             {},9:00,Okonkwo,Adaeze,03/14/1980,Dr Wei Chen,Follow-up,No show\n\
             {},9:00,Okonkwo,Adaeze,03/14/1980,Dr Nobody,Follow-up,\n",
            us(saturday),
            us(past),
            us(past)
        ),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec![
            "import-csv",
            "--db",
            db,
            "--user",
            "admin",
            "--appointments",
        ];
        args.extend_from_slice(extra);
        args.push(appointments.to_str().unwrap());
        admin(&args, &password, "")
    };
    let dry = run(&["--dry-run"]);
    let said = text(&dry.stderr);
    assert_eq!(dry.status.code(), Some(1), "{said}");
    assert!(said.contains("column \"Provider\" -> provider"), "{said}");
    assert!(said.contains("not booked: Sat"), "{said}");
    assert!(said.contains("outside Dr Maria Reyes's hours"), "{said}");
    assert!(
        said.contains("would be kept as history history: no-show"),
        "{said}"
    );
    assert!(
        said.contains("column \"Provider\": “Dr Nobody” is not a provider"),
        "{said}"
    );
    assert!(
        said.contains(
            "DRY RUN (nothing changed): 3 rows: 0 would be booked, 1 would be kept as history"
        ),
        "{said}"
    );
    let real = run(&["--overbook", "Booked so in the old system"]);
    let said = text(&real.stderr);
    assert!(said.contains("3 rows: 1 booked, 1 kept as history, 0 already booked, 0 colliding, 0 skipped, 1 invalid"), "{said}");
    let again = run(&[]);
    assert!(
        text(&again.stderr).contains("2 already booked"),
        "{}",
        text(&again.stderr)
    );
    let usage = admin(
        &[
            "import-csv",
            "--db",
            db,
            "--user",
            "admin",
            "--overbook",
            "x",
            "f.csv",
        ],
        &password,
        "",
    );
    assert_eq!(
        usage.status.code(),
        Some(2),
        "--overbook without --appointments"
    );
}
