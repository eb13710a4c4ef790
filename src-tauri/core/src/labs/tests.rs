//! Manual entry, corrections, entered in error, the reads and the eGFR seam of prescribing.

#![allow(clippy::unwrap_used)]

use super::report::{LabCorrectionDraft, LabReportDraft, LabResultDraft};
use super::{LabFlag, LabValue, ReportFlag, ReportSource, ResultStatus};
use crate::db::ChartDb;
use crate::error::CoreError;
use crate::ids::{LabReportId, LabResultId, MedicationId, PatientId};
use crate::testing::{person, staffed_practice, test_now, Staff};

fn practice() -> (ChartDb, Staff, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let now = test_now();
    let staff = staffed_practice(&mut db, now).unwrap();
    let patient = PatientId::from_u128(7);
    // A woman born 1 Dec 1950: 75 on the test day.
    db.as_user(&staff.front_desk)
        .register_patient(&person("Lind", "Eva", "1950-12-01", ""), true, patient, now)
        .unwrap();
    (db, staff, patient)
}

fn row(loinc: &str, value: &str, unit: Option<&str>) -> LabResultDraft {
    LabResultDraft {
        loinc: loinc.into(),
        value: value.into(),
        unit: unit.map(str::to_string),
        comment: String::new(),
    }
}

fn draft(staff: &Staff, panel: Option<&str>, rows: Vec<LabResultDraft>) -> LabReportDraft {
    LabReportDraft {
        source: ReportSource::Manual,
        panel_code: panel.map(str::to_string),
        collected_at: "2026-11-26T08:30".into(),
        responsible_id: Some(staff.physician.user_id()),
        performing_lab: "Quest".into(),
        comment: "fasting".into(),
        results: rows,
    }
}

fn fields(e: CoreError) -> Vec<String> {
    match e {
        CoreError::Invalid(f) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

fn audit_actions(db: &ChartDb, action: &str) -> Vec<(String, Option<String>)> {
    db.read(|c| {
        let mut stmt =
            c.prepare("SELECT outcome, patient_id FROM audit_log WHERE action = ?1 ORDER BY seq")?;
        let rows = stmt
            .query_map([action], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

fn count(db: &ChartDb, table: &str) -> i64 {
    db.read(|c| Ok(c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn a_panel_typed_in_is_stored_with_its_flags_conversions_and_a_computed_egfr() {
    let (mut db, staff, patient) = practice();
    let now = test_now();
    let d = draft(
        &staff,
        Some("51990-0"),
        vec![
            row("2951-2", "139", None),
            row("2823-3", "6.8", Some("mEq/L")),
            row("2345-7", "7.0", Some("mmol/L")),
            row("2160-0", "1.9", None),
            // Not done: skipped.
            row("2075-0", "", None),
        ],
    );
    let report = db
        .as_user(&staff.nurse)
        .record_lab_report(patient, &d, LabReportId::from_u128(100), now)
        .unwrap();
    assert_eq!(report.panel_name, "BMP");
    assert_eq!(report.worst_flag, ReportFlag::Critical);
    assert_eq!(report.comment.as_deref(), Some("fasting"));
    assert_eq!(report.responsible_id, Some(staff.physician.user_id()));
    let by = |code: &str| report.results.iter().find(|r| r.loinc == code).unwrap();
    assert_eq!(by("2951-2").flag, LabFlag::Normal);
    assert_eq!(by("2823-3").flag, LabFlag::CriticalHigh);
    let glucose = by("2345-7");
    assert_eq!(glucose.flag, LabFlag::High);
    assert!((glucose.canonical_value.unwrap() - 126.1).abs() < 0.1);
    assert_eq!(glucose.unit.as_deref(), Some("mmol/L"));
    assert_eq!(by("2160-0").flag, LabFlag::High);
    let egfr = by("98979-8");
    assert!(egfr.computed);
    assert!(egfr
        .comment
        .as_deref()
        .unwrap()
        .starts_with("computed (CKD-EPI 2021)"));
    // 75-year-old woman, creatinine 1.9 mg/dL: CKD-EPI 2021 gives 27.
    let expected = super::egfr::ckd_epi_2021(1.9, 75, crate::patient::SexAtBirth::Female)
        .unwrap()
        .round();
    assert_eq!(egfr.value, LabValue::Number(expected));
    assert_eq!(expected, 27.0);
    assert_eq!(egfr.flag, LabFlag::Low);
    assert_eq!(report.results.len(), 5);
    let audit = audit_actions(&db, "record_lab_report");
    assert_eq!(audit, vec![("ok".to_string(), Some(patient.to_string()))]);
}

#[test]
fn impossible_values_unknown_units_and_a_missing_physician_are_refused_with_their_fields() {
    let (mut db, staff, patient) = practice();
    let now = test_now();
    let mut d = draft(
        &staff,
        Some("51990-0"),
        vec![
            row("2951-2", "139", None),
            row("2823-3", "abc", None),
            row("2345-7", "90000", None),
            row("2160-0", "1.0", Some("furlongs")),
            row("9999-9", "1", None),
        ],
    );
    d.responsible_id = None;
    d.collected_at = "2027-01-01T08:00".into();
    let e = db
        .as_user(&staff.nurse)
        .record_lab_report(patient, &d, LabReportId::from_u128(100), now)
        .unwrap_err();
    let mut got = fields(e);
    got.sort();
    assert_eq!(
        got,
        vec![
            "collectedAt",
            "responsibleId",
            "results.1.value",
            "results.2.value",
            "results.3.unit",
            "results.4.loinc"
        ]
    );
    assert_eq!(count(&db, "lab_reports"), 0);
    assert_eq!(count(&db, "lab_results"), 0);
    // Nothing typed at all.
    let empty = draft(&staff, Some("51990-0"), vec![row("2951-2", " ", None)]);
    let e = db
        .as_user(&staff.nurse)
        .record_lab_report(patient, &empty, LabReportId::from_u128(101), now)
        .unwrap_err();
    assert_eq!(fields(e), vec!["results"]);
    // The responsible user must be a physician.
    let mut nurse_inbox = draft(&staff, None, vec![row("4548-4", "6.1", None)]);
    nurse_inbox.responsible_id = Some(staff.nurse.user_id());
    let e = db
        .as_user(&staff.nurse)
        .record_lab_report(patient, &nurse_inbox, LabReportId::from_u128(102), now)
        .unwrap_err();
    assert_eq!(fields(e), vec!["responsibleId"]);
}

#[test]
fn an_outside_result_reaches_no_inbox_and_the_front_desk_may_not_enter_results() {
    let (mut db, staff, patient) = practice();
    let now = test_now();
    let mut d = draft(&staff, None, vec![row("57905-2", "negative", None)]);
    d.source = ReportSource::Outside;
    let report = db
        .as_user(&staff.physician)
        .record_lab_report(patient, &d, LabReportId::from_u128(100), now)
        .unwrap();
    assert_eq!(report.source, ReportSource::Outside);
    assert_eq!(report.responsible_id, None);
    assert_eq!(report.results[0].flag, LabFlag::Normal);
    let e = db
        .as_user(&staff.front_desk)
        .record_lab_report(patient, &d, LabReportId::from_u128(101), now)
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e:?}");
    assert!(db
        .as_user(&staff.front_desk)
        .lab_reports(patient, now)
        .is_err());
    assert!(db
        .as_user(&staff.front_desk)
        .lab_trend(patient, "2160-0", now)
        .is_err());
    assert_eq!(count(&db, "lab_reports"), 1);
    let denied = audit_actions(&db, "record_lab_report");
    assert_eq!(denied.last().unwrap().0, "denied");
}

fn creatinine_at(
    db: &mut ChartDb,
    staff: &Staff,
    patient: PatientId,
    n: u128,
    when: &str,
    value: &str,
) -> super::LabReport {
    let mut d = draft(staff, None, vec![row("2160-0", value, None)]);
    d.collected_at = when.into();
    db.as_user(&staff.nurse)
        .record_lab_report(patient, &d, LabReportId::from_u128(n), test_now())
        .unwrap()
}

#[test]
fn a_correction_supersedes_the_result_and_the_trend_shows_only_standing_values_oldest_first() {
    let (mut db, staff, patient) = practice();
    let now = test_now();
    creatinine_at(&mut db, &staff, patient, 100, "2026-11-20T08:00", "1.0");
    let first = creatinine_at(&mut db, &staff, patient, 101, "2025-06-01T08:00", "0.9");
    let wrong = creatinine_at(&mut db, &staff, patient, 102, "2026-03-01T08:00", "9.0");
    let wrong_id = wrong.results[0].id;
    let fix = LabCorrectionDraft {
        value: "0.95".into(),
        unit: None,
        reason: "decimal point misplaced".into(),
    };
    let corrected = db
        .as_user(&staff.nurse)
        .correct_lab_result(wrong_id, &fix, LabReportId::from_u128(103), now)
        .unwrap();
    assert_eq!(corrected.status, ResultStatus::Corrected);
    assert_eq!(corrected.results[0].supersedes, Some(wrong_id));
    // The corrected creatinine brings its corrected eGFR, superseding the first computed one.
    let old_egfr = wrong.results.iter().find(|r| r.computed).unwrap().id;
    let new_egfr = corrected.results.iter().find(|r| r.computed).unwrap();
    assert_eq!(new_egfr.supersedes, Some(old_egfr));
    // A correction of a corrected result is refused: correct the correction.
    let again = db
        .as_user(&staff.nurse)
        .correct_lab_result(wrong_id, &fix, LabReportId::from_u128(104), now)
        .unwrap_err();
    assert_eq!(fields(again), vec!["value"]);
    // The original stays readable, marked superseded.
    let reports = db
        .as_user(&staff.physician)
        .lab_reports(patient, now)
        .unwrap();
    let original = reports.iter().find(|r| r.id == wrong.id).unwrap();
    assert_eq!(
        original.results[0].superseded_by,
        Some(corrected.results[0].id)
    );
    // Newest collected first.
    let order: Vec<_> = reports.iter().map(|r| r.id).collect();
    assert_eq!(order[0], LabReportId::from_u128(100));
    assert_eq!(*order.last().unwrap(), first.id);
    // Mark the newest one entered in error: it leaves the trend with its eGFR.
    let newest = reports[0]
        .results
        .iter()
        .find(|r| r.loinc == "2160-0")
        .unwrap()
        .id;
    let marked = db
        .as_user(&staff.nurse)
        .lab_result_entered_in_error(newest, "wrong patient's tube", now)
        .unwrap();
    assert!(marked.results.iter().all(|r| r.entered_in_error.is_some()));
    let trend = db
        .as_user(&staff.physician)
        .lab_trend(patient, "2160-0", now)
        .unwrap();
    let values: Vec<f64> = trend.points.iter().map(|p| p.value).collect();
    assert_eq!(values, vec![0.9, 0.95]);
    assert_eq!(trend.unit.as_deref(), Some("mg/dL"));
    assert_eq!((trend.ref_low, trend.ref_high), (Some(0.59), Some(1.04)));
    let egfr = db
        .as_user(&staff.physician)
        .lab_trend(patient, "98979-8", now)
        .unwrap();
    assert_eq!(egfr.points.len(), 2);
    assert!(egfr.points.iter().all(|p| p.computed));
    // Marking it twice is refused.
    let twice = db
        .as_user(&staff.nurse)
        .lab_result_entered_in_error(newest, "again please", now)
        .unwrap_err();
    assert_eq!(fields(twice), vec!["reason"]);
    assert_eq!(audit_actions(&db, "correct_lab_result").len(), 1);
    assert_eq!(audit_actions(&db, "lab_result_entered_in_error").len(), 1);
    assert_eq!(audit_actions(&db, "view_lab_trend").len(), 2);
    assert_eq!(audit_actions(&db, "view_lab_reports").len(), 1);
}

#[test]
fn the_results_table_has_a_column_per_collection_and_a_row_per_test() {
    let (mut db, staff, patient) = practice();
    let now = test_now();
    creatinine_at(&mut db, &staff, patient, 100, "2026-01-10T08:00", "1.0");
    let d = draft(
        &staff,
        Some("57698-3"),
        vec![
            row("2093-3", "5.5", Some("mmol/L")),
            row("2085-9", "60", None),
        ],
    );
    db.as_user(&staff.nurse)
        .record_lab_report(patient, &d, LabReportId::from_u128(101), now)
        .unwrap();
    let table = db
        .as_user(&staff.physician)
        .lab_results_table(patient, now)
        .unwrap();
    assert_eq!(table.columns.len(), 2);
    assert!(table.columns[0] > table.columns[1], "newest first");
    let codes: Vec<&str> = table.rows.iter().map(|r| r.loinc.as_str()).collect();
    assert_eq!(codes, vec!["2160-0", "2093-3", "2085-9", "98979-8"]);
    let chol = &table.rows[1];
    let cell = chol.cells[0].as_ref().unwrap();
    assert_eq!(cell.display, "213");
    assert_eq!(cell.flag, LabFlag::High);
    assert!(chol.cells[1].is_none());
}

#[test]
fn lab_results_are_never_rewritten_or_deleted_in_the_database() {
    let (mut db, staff, patient) = practice();
    let report = creatinine_at(&mut db, &staff, patient, 100, "2026-11-20T08:00", "1.0");
    let id = report.results[0].id.to_string();
    let update = db.read(|c| {
        Ok(c.execute(
            "UPDATE lab_results SET value_num = 2.0 WHERE id = ?1",
            [&id],
        ))
    });
    assert!(update.unwrap().is_err());
    let delete = db.read(|c| Ok(c.execute("DELETE FROM lab_results WHERE id = ?1", [&id])));
    assert!(delete.unwrap().is_err());
    let comment = db.read(|c| {
        Ok(c.execute(
            "UPDATE lab_reports SET comment = 'changed' WHERE id = ?1",
            [report.id.to_string()],
        ))
    });
    assert!(comment.unwrap().is_err());
}

#[test]
fn results_typed_for_someone_else_cannot_be_corrected_as_unknown_ids() {
    let (mut db, staff, _) = practice();
    let e = db
        .as_user(&staff.nurse)
        .lab_result_entered_in_error(LabResultId::from_u128(999), "not there", test_now())
        .unwrap_err();
    assert!(matches!(e, CoreError::NotFound { .. }));
}

#[test]
fn the_catalogue_search_is_for_clinical_users() {
    let (mut db, staff, _) = practice();
    let hits = db
        .as_user(&staff.nurse)
        .search_lab_catalogue("a1c", test_now())
        .unwrap();
    assert_eq!(hits[0].code, "4548-4");
    assert!(db
        .as_user(&staff.front_desk)
        .search_lab_catalogue("a1c", test_now())
        .is_err());
}

mod prescribing {
    use super::*;
    use crate::medications::{
        Ingredient, PrescriptionDraft, Product, ProductSource, Route, Sig, SigFrequency,
    };
    use crate::testing::insert_test_product;

    fn metformin() -> Product {
        Product {
            code: "rx:861007".into(),
            rxcui: Some("861007".into()),
            name: "metformin 500 MG Oral Tablet".into(),
            ingredients: vec![Ingredient {
                code: "drug:metformin".into(),
                name: "metformin".into(),
                amount: Some(500.0),
                unit: "mg".into(),
            }],
            strength: "500 mg".into(),
            dose_form: "tablet".into(),
            dose_unit: "tablet".into(),
            route: Route::Oral,
            classes: vec!["class:biguanides".into()],
            controlled: None,
            brands: Vec::new(),
            source: ProductSource::RxnormImport,
        }
    }

    fn prescription() -> PrescriptionDraft {
        PrescriptionDraft {
            product_code: "rx:861007".into(),
            sig: Sig {
                dose: 1.0,
                dose_unit: "tablet".into(),
                route: Route::Oral,
                frequency: SigFrequency::TwiceDaily,
                prn: false,
                prn_indication: String::new(),
                duration_days: None,
                extra: String::new(),
            },
            quantity: 60.0,
            quantity_unit: "tablet".into(),
            refills: 0,
            dispense_as_written: false,
            note_to_pharmacist: String::new(),
            indication: String::new(),
            visit_id: None,
            start_date: None,
        }
    }

    fn renal_alerts(db: &mut ChartDb, staff: &Staff, patient: PatientId, n: u128) -> Vec<String> {
        let now = test_now();
        let mut u = db.as_user(&staff.physician);
        let id = MedicationId::from_u128(n);
        u.draft_prescription(patient, &prescription(), id, now)
            .unwrap();
        u.check_prescription(id, now)
            .unwrap()
            .alerts
            .into_iter()
            .map(|a| a.key)
            .filter(|k| k.starts_with("renal:"))
            .collect()
    }

    #[test]
    fn the_metformin_renal_caution_fires_from_the_latest_creatinine_of_the_year() {
        let (mut db, staff, patient) = practice();
        insert_test_product(&mut db, &metformin(), staff.admin.user_id(), test_now()).unwrap();
        assert!(
            renal_alerts(&mut db, &staff, patient, 1).is_empty(),
            "no eGFR known"
        );
        // More than a year ago: does not count.
        creatinine_at(&mut db, &staff, patient, 100, "2025-06-01T08:00", "2.5");
        assert!(renal_alerts(&mut db, &staff, patient, 2).is_empty());
        // This month, 1.9 mg/dL for a 75-year-old woman: eGFR 27, below 30.
        creatinine_at(&mut db, &staff, patient, 101, "2026-11-20T08:00", "1.9");
        assert_eq!(
            renal_alerts(&mut db, &staff, patient, 3),
            vec!["renal:metformin-egfr-30".to_string()]
        );
        // A reported eGFR collected later wins.
        let mut d = draft(&staff, None, vec![row("98979-8", "40", None)]);
        d.collected_at = "2026-11-25T08:00".into();
        db.as_user(&staff.nurse)
            .record_lab_report(patient, &d, LabReportId::from_u128(102), test_now())
            .unwrap();
        assert_eq!(
            renal_alerts(&mut db, &staff, patient, 4),
            vec!["renal:metformin-egfr-45".to_string()]
        );
    }
}
