//! Tests of result-file import: matching by MRN or name and birth date, held files and the
//! queue, duplicates, corrections, refusals of malformed files, the folder pass, permissions
//! and audit rows. The inbox, sign-off and letter are in `tests_inbox.rs`.

use super::hl7::tests::{BY_NAME_LF, CORRECTION_CRLF, TWO_PANELS_CR};
use super::Hl7ImportOutcome;
use crate::db::ChartDb;
use crate::error::CoreError;
use crate::ids::{Hl7ImportId, PatientId, VisitId};
use crate::patient::SexAtBirth;
use crate::testing::{insert_test_visit, person, staffed_practice, test_now, Staff};
use chrono::Duration;

pub(super) const CRITICAL: &str =
    include_str!("../../tests/fixtures/hl7/oru_critical_potassium.hl7");

pub(super) struct Practice {
    pub db: ChartDb,
    pub staff: Staff,
    pub ada: PatientId,
}

pub(super) fn register(
    db: &mut ChartDb,
    staff: &Staff,
    family: &str,
    given: &str,
    dob: &str,
    n: u128,
) -> PatientId {
    let id = PatientId::from_u128(n);
    let mut draft = person(family, given, dob, "");
    draft.sex_at_birth = Some(SexAtBirth::Female);
    db.as_user(&staff.front_desk)
        .register_patient(&draft, true, id, test_now())
        .unwrap();
    id
}

/// A practice whose first patient (MRN 1001) is Ada Quenneville, born 1974-03-15.
pub(super) fn practice() -> Practice {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let ada = register(&mut db, &staff, "Quenneville", "Ada", "1974-03-15", 0xada);
    Practice { db, staff, ada }
}

pub(super) fn import(p: &mut Practice, text: &str, n: u128) -> Result<Hl7ImportOutcome, CoreError> {
    p.db.as_user(&p.staff.nurse).import_hl7(
        &format!("file-{n}.hl7"),
        text.as_bytes(),
        Hl7ImportId::from_u128(n),
        test_now(),
    )
}

pub(super) fn count(db: &ChartDb, sql: &str) -> i64 {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .unwrap()
}

pub(super) fn audit_rows(
    db: &ChartDb,
    action: &str,
) -> Vec<(String, String, Option<String>, String)> {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT outcome, entity_id, patient_id, detail FROM audit_log WHERE action = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

fn held_why(outcome: Hl7ImportOutcome) -> String {
    match outcome {
        Hl7ImportOutcome::Held { why, .. } => why,
        other => panic!("expected held, got {other:?}"),
    }
}

#[test]
fn a_file_matched_by_mrn_lands_as_one_report_per_order_in_the_physicians_inbox() {
    let mut p = practice();
    let outcome = import(&mut p, TWO_PANELS_CR, 1).unwrap();
    let Hl7ImportOutcome::Matched {
        patient, reports, ..
    } = outcome
    else {
        panic!("not matched: {outcome:?}");
    };
    assert_eq!(patient, p.ada);
    assert_eq!(reports.len(), 2);
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM lab_results"), 8);
    let doc = p.staff.physician.user_id().to_string();
    assert_eq!(
        count(&p.db, &format!("SELECT COUNT(*) FROM lab_reports WHERE responsible_id = '{doc}' AND source = 'hl7' AND hl7_import_id IS NOT NULL")),
        2
    );
    // Unknown to the (stub) catalogue: the lab's code, name, unit, range and flag are kept.
    let glucose: (String, f64, String, f64, f64, String, String) = p
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT name, value_num, unit, ref_low, ref_high, flag, lab_flag FROM lab_results WHERE loinc = '2345-7'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
            )?)
        })
        .unwrap();
    assert_eq!(
        glucose,
        (
            "Glucose [Mass/volume] in Serum or Plasma".into(),
            182.0,
            "mg/dL".into(),
            70.0,
            99.0,
            "high".into(),
            "H".into()
        )
    );
    // No flag sent and inside its range: normal; a text value with no range: none.
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_results WHERE loinc = '2951-2' AND flag = 'normal'"
        ),
        1
    );
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_results WHERE loinc = '13457-7' AND flag = 'none'"
        ),
        1
    );
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_reports WHERE worst_flag = 'abnormal'"
        ),
        2
    );
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM hl7_imports WHERE status = 'matched' AND patient_id IS NOT NULL"
        ),
        1
    );
    let audit = audit_rows(&p.db, "import_result_file");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "ok");
    assert_eq!(audit[0].2.as_deref(), Some(p.ada.to_string().as_str()));
}

#[test]
fn the_lab_flags_map_to_charta_flags_when_the_catalogue_does_not_know_the_test() {
    use super::build::lab_flag;
    use crate::labs::LabFlag;
    assert_eq!(lab_flag(Some("H")), Some(LabFlag::High));
    assert_eq!(lab_flag(Some("L")), Some(LabFlag::Low));
    assert_eq!(lab_flag(Some("HH")), Some(LabFlag::CriticalHigh));
    assert_eq!(lab_flag(Some("LL")), Some(LabFlag::CriticalLow));
    assert_eq!(lab_flag(Some("A")), Some(LabFlag::Abnormal));
    assert_eq!(lab_flag(Some("N")), Some(LabFlag::Normal));
    assert_eq!(lab_flag(None), None);
    let mut p = practice();
    import(&mut p, CRITICAL, 1).unwrap();
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_reports WHERE worst_flag = 'critical'"
        ),
        1
    );
}

#[test]
fn an_mrn_whose_name_contradicts_the_file_is_held_with_both_names() {
    let mut p = practice();
    let text = TWO_PANELS_CR.replace("Quenneville^Ada^M", "Smith^John");
    let why = held_why(import(&mut p, &text, 1).unwrap());
    assert_eq!(
        why,
        "MRN 1001 is Ada Quenneville, but the file names John Smith"
    );
    let text = TWO_PANELS_CR.replace("||19740315|F", "||19750315|F");
    let why = held_why(import(&mut p, &text, 2).unwrap());
    assert!(
        why.contains("born 1975-03-15 (the chart says 1974-03-15)"),
        "{why}"
    );
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM lab_reports"), 0);
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM hl7_imports WHERE status = 'held'"
        ),
        2
    );
}

#[test]
fn without_a_known_mrn_exactly_one_patient_by_name_and_birth_date_is_matched() {
    let mut p = practice();
    let text = TWO_PANELS_CR.replace("1001^^^TESTPRACTICE^MR~", "");
    let outcome = import(&mut p, &text, 1).unwrap();
    assert!(matches!(outcome, Hl7ImportOutcome::Matched { patient, .. } if patient == p.ada));
    let text = TWO_PANELS_CR
        .replace("1001^^^TESTPRACTICE^MR", "4444^^^TESTPRACTICE^MR")
        .replace("MSG00001", "MSG00009");
    let outcome = import(&mut p, &text, 2).unwrap();
    assert!(matches!(outcome, Hl7ImportOutcome::Matched { patient, .. } if patient == p.ada));
}

#[test]
fn two_patients_with_the_name_and_birth_date_hold_the_file() {
    let mut p = practice();
    let staff = p.staff.clone();
    register(
        &mut p.db,
        &staff,
        "Quenneville",
        "Ada",
        "1974-03-15",
        0xada2,
    );
    let text = TWO_PANELS_CR.replace("1001^^^TESTPRACTICE^MR~", "");
    let why = held_why(import(&mut p, &text, 1).unwrap());
    assert!(
        why.contains("two patients are named Ada Quenneville born 1974-03-15 (MRN 1001, MRN 1002)"),
        "{why}"
    );
}

#[test]
fn nobody_matching_holds_the_file_and_says_so() {
    let mut p = practice();
    let why = held_why(import(&mut p, BY_NAME_LF, 1).unwrap());
    assert_eq!(
        why,
        "the file gives no MRN, and no patient is named John Smith born 1970-01-01"
    );
}

#[test]
fn an_unknown_ordering_provider_goes_to_the_patients_last_visits_physician_else_is_held() {
    let mut p = practice();
    let staff = p.staff.clone();
    let john = register(&mut p.db, &staff, "Smith", "John", "1970-01-01", 0x5);
    let why = held_why(import(&mut p, BY_NAME_LF, 1).unwrap());
    assert!(
        why.contains("Nora Nobody is not a physician in Charta")
            && why.contains("pick whose inbox"),
        "{why}"
    );
    insert_test_visit(
        &mut p.db,
        VisitId::from_u128(9),
        john,
        &staff.physician,
        test_now() - Duration::days(30),
        "check-up",
    )
    .unwrap();
    let text = BY_NAME_LF.replace("MSG00003", "MSG00033");
    let outcome = import(&mut p, &text, 2).unwrap();
    assert!(matches!(outcome, Hl7ImportOutcome::Matched { patient, .. } if patient == john));
    let doc = staff.physician.user_id().to_string();
    assert_eq!(
        count(
            &p.db,
            &format!("SELECT COUNT(*) FROM lab_reports WHERE responsible_id = '{doc}'")
        ),
        1
    );
}

#[test]
fn the_ordering_provider_is_matched_by_name_when_the_npi_is_unknown() {
    let mut p = practice();
    let text = TWO_PANELS_CR.replace("1234567893^Test^doc", "0000000000^Test^Doc");
    assert!(matches!(
        import(&mut p, &text, 1).unwrap(),
        Hl7ImportOutcome::Matched { .. }
    ));
}

#[test]
fn the_same_file_twice_is_recognised_and_imported_once() {
    let mut p = practice();
    let Hl7ImportOutcome::Matched { import: first, .. } = import(&mut p, TWO_PANELS_CR, 1).unwrap()
    else {
        panic!()
    };
    let again = import(&mut p, TWO_PANELS_CR, 2).unwrap();
    assert_eq!(
        again,
        Hl7ImportOutcome::Duplicate {
            import: first,
            status: "matched".into()
        }
    );
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM lab_reports"), 2);
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM hl7_imports"), 1);
}

#[test]
fn a_corrected_result_supersedes_the_earlier_one_which_stays_readable() {
    let mut p = practice();
    import(&mut p, TWO_PANELS_CR, 1).unwrap();
    import(&mut p, CORRECTION_CRLF, 2).unwrap();
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_results WHERE loinc = '2345-7'"
        ),
        2
    );
    assert_eq!(
        count(&p.db, "SELECT COUNT(*) FROM lab_results n JOIN lab_results o ON n.supersedes = o.id
                      WHERE n.value_num = 178 AND o.value_num = 182 AND n.result_status = 'corrected'"),
        1
    );
    // A second correction replaces the first correction, not the original.
    let again = CORRECTION_CRLF
        .replace("||178|", "||176|")
        .replace("MSG00002", "MSG00003");
    import(&mut p, &again, 3).unwrap();
    assert_eq!(
        count(
            &p.db,
            "SELECT COUNT(*) FROM lab_results n JOIN lab_results o ON n.supersedes = o.id
                      WHERE n.value_num = 176 AND o.value_num = 178"
        ),
        1
    );
}

#[test]
fn a_malformed_file_is_refused_whole_its_row_and_audit_kept_and_nothing_else_written() {
    let mut p = practice();
    let text = TWO_PANELS_CR.replace("||48|mg/dL", "||4 8|mg/dL");
    let err = import(&mut p, &text, 1).unwrap_err();
    let CoreError::Invalid(fields) = err else {
        panic!("{err:?}")
    };
    assert_eq!(fields[0].field, "file");
    assert_eq!(
        fields[0].message,
        "OBX 2 (line 14): OBX-5 \"4 8\" is not a number for value type NM"
    );
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM lab_reports"), 0);
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM lab_results"), 0);
    assert_eq!(
        count(&p.db, "SELECT COUNT(*) FROM hl7_imports WHERE status = 'refused' AND why LIKE 'OBX 2 (line 14)%' AND refused_at IS NOT NULL"),
        1
    );
    let audit = audit_rows(&p.db, "refuse_result_file");
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0].0, "failed");
    assert!(audit[0].3.contains("OBX 2 (line 14)"));
    // Random bytes are refused, never a panic.
    let err = p.db.as_user(&p.staff.nurse).import_hl7(
        "junk.bin",
        &[0xff, 0, 0x13, b'|'],
        Hl7ImportId::from_u128(2),
        test_now(),
    );
    assert!(matches!(err, Err(CoreError::Invalid(_))));
}

#[test]
fn a_held_file_is_matched_by_hand_to_the_chosen_patient_and_physician() {
    let mut p = practice();
    let staff = p.staff.clone();
    let john = register(&mut p.db, &staff, "Smyth", "Jon", "1970-01-01", 0x5);
    let Hl7ImportOutcome::Held { import: held, .. } = import(&mut p, BY_NAME_LF, 1).unwrap() else {
        panic!()
    };
    let files = p.db.as_user(&staff.nurse).result_files(test_now()).unwrap();
    assert_eq!(files.held.len(), 1);
    assert_eq!(files.held[0].file_patient, "John Smith, born 1970-01-01");
    let opened =
        p.db.as_user(&staff.nurse)
            .held_result_file(held, test_now())
            .unwrap();
    assert_eq!(opened.orders[0].observations[0].code, "4548-4");
    assert!(opened.needs_physician);
    // Without a physician the file's own is unknown: the human must pick.
    let err =
        p.db.as_user(&staff.nurse)
            .match_result_file(held, john, None, test_now())
            .unwrap_err();
    assert!(
        matches!(&err, CoreError::Invalid(f) if f[0].field == "physician"),
        "{err:?}"
    );
    let doc = staff.physician.user_id();
    let outcome =
        p.db.as_user(&staff.nurse)
            .match_result_file(held, john, Some(doc), test_now())
            .unwrap();
    assert!(
        matches!(outcome, Hl7ImportOutcome::Matched { patient, ref reports, .. } if patient == john && reports.len() == 1)
    );
    assert_eq!(count(&p.db, &format!("SELECT COUNT(*) FROM lab_reports WHERE responsible_id = '{doc}' AND patient_id = '{john}'")), 1);
    // Once matched, it cannot be matched or refused again.
    assert!(p
        .db
        .as_user(&staff.nurse)
        .match_result_file(held, john, Some(doc), test_now())
        .is_err());
    assert!(p
        .db
        .as_user(&staff.nurse)
        .refuse_result_file(held, "wrong lab", test_now())
        .is_err());
    assert_eq!(
        audit_rows(&p.db, "match_result_file")[0].2.as_deref(),
        Some(john.to_string().as_str())
    );
    assert_eq!(audit_rows(&p.db, "view_held_result").len(), 1);
    assert_eq!(audit_rows(&p.db, "view_result_files").len(), 1);
}

#[test]
fn a_held_file_refused_with_a_reason_stays_readable_and_imports_nothing() {
    let mut p = practice();
    let staff = p.staff.clone();
    let Hl7ImportOutcome::Held { import: held, .. } = import(&mut p, BY_NAME_LF, 1).unwrap() else {
        panic!()
    };
    let err =
        p.db.as_user(&staff.nurse)
            .refuse_result_file(held, " ", test_now())
            .unwrap_err();
    assert!(matches!(&err, CoreError::Invalid(f) if f[0].field == "reason"));
    let row =
        p.db.as_user(&staff.nurse)
            .refuse_result_file(
                held,
                "Not our patient: the lab sent it here by mistake",
                test_now(),
            )
            .unwrap();
    assert_eq!(row.status, "refused");
    assert_eq!(
        row.why.as_deref(),
        Some("Not our patient: the lab sent it here by mistake")
    );
    assert_eq!(count(&p.db, "SELECT COUNT(*) FROM lab_reports"), 0);
    let opened =
        p.db.as_user(&staff.nurse)
            .held_result_file(held, test_now())
            .unwrap();
    assert!(opened.raw_text.contains("Smith^John"));
    assert_eq!(audit_rows(&p.db, "refuse_result_file")[0].0, "ok");
}

#[test]
fn result_files_are_never_deleted_or_rewritten() {
    let mut p = practice();
    import(&mut p, BY_NAME_LF, 1).unwrap();
    let delete =
        p.db.write(|tx| Ok(tx.execute("DELETE FROM hl7_imports", [])?));
    assert!(delete.is_err());
    let rewrite =
        p.db.write(|tx| Ok(tx.execute("UPDATE hl7_imports SET raw_text = 'x'", [])?));
    assert!(rewrite.is_err());
}

#[test]
fn only_importers_import_and_desk_and_admin_are_refused_and_audited() {
    let mut p = practice();
    let staff = p.staff.clone();
    for actor in [&staff.front_desk, &staff.admin] {
        let err =
            p.db.as_user(actor)
                .import_hl7(
                    "a.hl7",
                    TWO_PANELS_CR.as_bytes(),
                    Hl7ImportId::from_u128(7),
                    test_now(),
                )
                .unwrap_err();
        assert!(matches!(err, CoreError::Forbidden(_)));
        assert!(matches!(
            p.db.as_user(actor).result_files(test_now()),
            Err(CoreError::Forbidden(_))
        ));
    }
    assert_eq!(
        audit_rows(&p.db, "import_result_file")
            .iter()
            .filter(|r| r.0 == "denied")
            .count(),
        2
    );
    assert!(p
        .db
        .as_user(&staff.physician)
        .import_hl7(
            "a.hl7",
            TWO_PANELS_CR.as_bytes(),
            Hl7ImportId::from_u128(8),
            test_now()
        )
        .is_ok());
}

#[test]
fn the_admin_sets_the_folder_and_a_pass_moves_each_file_to_done_or_refused() {
    let mut p = practice();
    let staff = p.staff.clone();
    let dir = std::env::temp_dir().join(format!("charta-results-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    assert!(matches!(
        p.db.as_user(&staff.nurse)
            .set_results_folder(dir.to_str().unwrap(), test_now()),
        Err(CoreError::Forbidden(_))
    ));
    let err =
        p.db.as_user(&staff.admin)
            .set_results_folder("relative/dir", test_now())
            .unwrap_err();
    assert!(matches!(&err, CoreError::Invalid(f) if f[0].field == "path"));
    p.db.as_user(&staff.admin)
        .set_results_folder(dir.to_str().unwrap(), test_now())
        .unwrap();
    std::fs::write(dir.join("a.hl7"), TWO_PANELS_CR).unwrap();
    std::fs::write(dir.join("b.hl7"), "not hl7 at all").unwrap();
    std::fs::write(dir.join("c.hl7"), TWO_PANELS_CR).unwrap();
    let run =
        p.db.as_user(&staff.nurse)
            .import_results_folder(Hl7ImportId::from_u128(50), test_now())
            .unwrap();
    assert_eq!(
        (run.matched, run.held, run.duplicates, run.refused),
        (1, 0, 1, 1),
        "{run:?}"
    );
    assert!(dir.join("done/a.hl7").exists() && dir.join("done/c.hl7").exists());
    assert!(dir.join("refused/b.hl7").exists());
    assert!(!dir.join("a.hl7").exists());
    let again =
        p.db.as_user(&staff.nurse)
            .import_results_folder(Hl7ImportId::from_u128(51), test_now())
            .unwrap();
    assert_eq!((again.matched, again.refused), (0, 0));
    assert_eq!(
        audit_rows(&p.db, "set_results_folder")
            .iter()
            .filter(|r| r.0 == "ok")
            .count(),
        1
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
