//! The operational reports with exact counts, what the front desk may run and see, the CSV
//! (formulas defused, written owner-only) and the audit rows of a run, an export, a refusal
//! and a chart opened from a list.

#![allow(clippy::unwrap_used)]

use super::tests::{at, patient, practice, visit};
use super::{to_csv, PracticeReport, ReportKind};
use crate::db::ChartDb;
use crate::error::CoreError;
use crate::ids::{PatientId, UserId};
use crate::testing::{test_now, Staff};
use rusqlite::params;

fn appointment(
    db: &mut ChartDb,
    n: u128,
    patient: PatientId,
    provider: UserId,
    starts: &str,
    status: &str,
) {
    let starts = at(starts);
    let ends = starts + chrono::Duration::minutes(15);
    let cancel = (status == "cancelled").then_some("patient");
    db.write(|tx| {
        tx.execute(
            "INSERT INTO appointments (id, patient_id, provider_id, type_id, starts_at, ends_at,
                 reason, status, status_at, status_by, cancel_kind, created_at, created_by,
                 updated_at, updated_by)
             VALUES (?1, ?2, ?3, '00000000-0000-0000-0006-000000000002', ?4, ?5,
                 'Diabetes follow-up', ?6, ?4, ?3, ?7, ?4, ?3, ?4, ?3)",
            params![
                uuid::Uuid::from_u128(0x8000 + n).to_string(),
                patient.to_string(),
                provider.to_string(),
                crate::store::instant_to_sql(starts),
                crate::store::instant_to_sql(ends),
                status,
                cancel
            ],
        )?;
        Ok(())
    })
    .unwrap();
}

/// Two patients, visits by the physician and the nurse, appointments with no-shows.
fn busy_practice() -> (ChartDb, Staff, PatientId, PatientId) {
    let (mut db, staff) = practice();
    let a = patient(&mut db, &staff, 1, "Alvarez", "1970-01-01");
    let b = patient(&mut db, &staff, 2, "Brown", "1980-01-01");
    let (doc, nurse) = (staff.physician.user_id(), staff.nurse.user_id());
    visit(&mut db, 1, a, doc, "2026-11-02T15:00:00Z");
    visit(&mut db, 2, b, doc, "2026-11-20T15:00:00Z");
    visit(&mut db, 3, a, doc, "2026-01-15T15:00:00Z");
    visit(&mut db, 4, a, doc, "2025-11-20T15:00:00Z"); // before the 12 months
                                                       // 1 December 2025 starts at 05:00 UTC in New York: the first is still November.
    visit(&mut db, 5, b, nurse, "2025-12-01T04:30:00Z");
    visit(&mut db, 6, b, nurse, "2025-12-01T05:30:00Z");
    let in_error = visit(&mut db, 7, b, doc, "2026-10-10T15:00:00Z");
    db.write(|tx| {
        tx.execute(
            "UPDATE visits SET entered_in_error_at = '2026-10-11T00:00:00.000000Z',
                    entered_in_error_by = ?2, entered_in_error_reason = 'wrong chart' WHERE id = ?1",
            params![in_error, doc.to_string()],
        )?;
        Ok(())
    })
    .unwrap();
    appointment(&mut db, 1, a, doc, "2026-10-05T14:00:00Z", "checkedOut");
    appointment(&mut db, 2, a, doc, "2026-10-06T14:00:00Z", "noShow");
    appointment(&mut db, 3, b, doc, "2026-10-07T14:00:00Z", "cancelled");
    appointment(&mut db, 4, a, doc, "2026-11-20T14:00:00Z", "noShow");
    appointment(&mut db, 5, b, doc, "2026-11-25T14:00:00Z", "arrived");
    appointment(&mut db, 6, b, doc, "2026-11-30T14:00:00Z", "booked"); // still to come
    appointment(&mut db, 7, b, nurse, "2026-09-09T14:00:00Z", "noShow");
    (db, staff, a, b)
}

fn run(db: &mut ChartDb, staff: &Staff, kind: ReportKind) -> PracticeReport {
    db.as_user(&staff.front_desk)
        .practice_report(&kind, test_now())
        .unwrap()
}

fn audit_rows(db: &ChartDb, action: &str) -> Vec<(String, String, Option<String>, String)> {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT entity_id, outcome, patient_id, detail FROM audit_log WHERE action = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

#[test]
fn visits_per_provider_counts_each_providers_visits_by_local_month() {
    let (mut db, staff, ..) = busy_practice();
    let report = run(&mut db, &staff, ReportKind::VisitsPerProvider);
    assert_eq!(report.columns.len(), 14);
    assert_eq!(report.columns[1], "Dec 2025");
    assert_eq!(report.columns[12], "Nov 2026");
    let doc = report.rows.iter().find(|r| r[0] == "Test doc").unwrap();
    assert_eq!(doc[2], "1"); // Jan 2026
    assert_eq!(doc[12], "2"); // Nov 2026
    assert_eq!(doc[11], "0"); // Oct 2026: the visit entered in error is left out
    assert_eq!(doc[13], "3");
    let nurse = report.rows.iter().find(|r| r[0] == "Test nurse").unwrap();
    assert_eq!((nurse[1].as_str(), nurse[13].as_str()), ("1", "1"));
    assert_eq!(report.rows.last().unwrap()[13], "4");
    assert_eq!(report.patient_count, 4);
    assert!(report.patients.is_empty());
    assert_eq!(report.chart.series.len(), 2);
}

#[test]
fn the_no_show_rate_divides_no_shows_by_appointments_already_due_and_lists_who_missed() {
    let (mut db, staff, a, b) = busy_practice();
    let report = run(&mut db, &staff, ReportKind::NoShowRate);
    let month = |label: &str| report.rows.iter().find(|r| r[0] == label).unwrap()[1..].to_vec();
    assert_eq!(month("Oct 2026"), ["2", "1", "50.0 %"]);
    assert_eq!(month("Nov 2026"), ["2", "1", "50.0 %"]);
    assert_eq!(month("Sep 2026"), ["1", "1", "100.0 %"]);
    assert_eq!(month("12 months"), ["5", "3", "60.0 %"]);
    assert_eq!(report.numerator, Some(3));
    let by_provider = &report.more_tables[0].rows;
    assert_eq!(by_provider[0], ["Test doc", "4", "2", "50.0 %"]);
    assert_eq!(by_provider[1], ["Test nurse", "1", "1", "100.0 %"]);
    let listed: Vec<(PatientId, Vec<String>)> = report
        .patients
        .iter()
        .map(|p| (p.patient, p.values.clone()))
        .collect();
    assert_eq!(
        listed,
        [
            (a, vec!["2".to_string(), "2026-11-20".to_string()]),
            (b, vec!["1".to_string(), "2026-09-09".to_string()]),
        ]
    );
}

#[test]
fn the_front_desk_sees_only_operational_reports_and_no_clinical_values() {
    let (mut db, staff, ..) = busy_practice();
    let keys: Vec<String> = db
        .as_user(&staff.front_desk)
        .practice_report_kinds()
        .into_iter()
        .map(|l| l.key)
        .collect();
    assert_eq!(keys, ["visitsPerProvider", "noShowRate"]);
    let physician_keys = db.as_user(&staff.physician).practice_report_kinds();
    assert!(physician_keys.iter().any(|l| l.key == "diabetesControl"));
    assert!(physician_keys
        .iter()
        .any(|l| l.key == "remindersDue:colorectal"));
    for kind in [ReportKind::VisitsPerProvider, ReportKind::NoShowRate] {
        let json = serde_json::to_string(&run(&mut db, &staff, kind)).unwrap();
        // The visits' and appointments' reasons are clinical; no report shows them.
        assert!(!json.contains("Diabetes"), "{json}");
    }
}

#[test]
fn the_front_desk_is_refused_a_clinical_report_and_the_refusal_is_audited() {
    let (mut db, staff, a, _) = busy_practice();
    for kind in [
        ReportKind::DiabetesControl,
        ReportKind::BloodPressureControl,
        ReportKind::ImmunizationCoverage,
        ReportKind::RemindersDue {
            rule: "colorectal".into(),
        },
    ] {
        let err = db
            .as_user(&staff.front_desk)
            .practice_report(&kind, test_now())
            .unwrap_err();
        assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    }
    let err = db
        .as_user(&staff.front_desk)
        .open_chart_from_report(a, &ReportKind::DiabetesControl, test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::Forbidden(_)));
    let refused = audit_rows(&db, "run_practice_report");
    assert_eq!(refused.len(), 4);
    assert!(refused.iter().all(|r| r.1 == "denied"));
    assert_eq!(audit_rows(&db, "open_chart_from_report")[0].1, "denied");
}

#[test]
fn a_run_is_audited_with_its_kind_and_never_its_values() {
    let (mut db, staff, a, _) = busy_practice();
    db.as_user(&staff.physician)
        .practice_report(&ReportKind::NoShowRate, test_now())
        .unwrap();
    db.as_user(&staff.physician)
        .practice_report(&ReportKind::DiabetesControl, test_now())
        .unwrap();
    let rows = audit_rows(&db, "run_practice_report");
    assert_eq!(
        rows,
        [
            (
                "noShowRate".to_string(),
                "ok".to_string(),
                None,
                "noShowRate".to_string()
            ),
            (
                "diabetesControl".to_string(),
                "ok".to_string(),
                None,
                "diabetesControl".to_string()
            ),
        ]
    );
    db.as_user(&staff.front_desk)
        .open_chart_from_report(a, &ReportKind::NoShowRate, test_now())
        .unwrap();
    let opened = audit_rows(&db, "open_chart_from_report");
    assert_eq!(
        opened,
        [(
            a.to_string(),
            "ok".to_string(),
            Some(a.to_string()),
            "noShowRate".to_string()
        )]
    );
    let unknown = PatientId::from_u128(0xdead);
    let err = db
        .as_user(&staff.physician)
        .open_chart_from_report(unknown, &ReportKind::NoShowRate, test_now())
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }));
    let bad = ReportKind::RemindersDue {
        rule: "=cmd|' /C calc'!A0".into(),
    };
    let err = db
        .as_user(&staff.physician)
        .practice_report(&bad, test_now())
        .unwrap_err();
    assert!(
        matches!(err, CoreError::Invalid(ref f) if f[0].field == "rule"),
        "{err:?}"
    );
}

#[cfg(unix)]
#[test]
fn the_csv_export_lists_every_patient_defuses_formulas_and_is_written_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (mut db, staff, a, _) = busy_practice();
    let csv = db
        .as_user(&staff.front_desk)
        .export_practice_report(&ReportKind::NoShowRate, test_now())
        .unwrap();
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines[0], "report,No-show rate");
    assert_eq!(lines[1], "as of,2026-11-26");
    assert!(lines.contains(&"Month,Booked,No-shows,Rate"));
    assert!(lines.contains(&"12 months,5,3,60.0 %"));
    assert!(lines.contains(&"By provider"));
    assert!(lines.contains(&"patient_id,name,date_of_birth,mrn,No-shows,Last no-show"));
    let row = lines
        .iter()
        .find(|l| l.starts_with(&a.to_string()))
        .unwrap();
    let mrn = db
        .as_user(&staff.front_desk)
        .practice_report(&ReportKind::NoShowRate, test_now())
        .unwrap()
        .patients[0]
        .mrn;
    assert_eq!(
        *row,
        format!("{a},\"Alvarez, Test\",1970-01-01,{mrn},2,2026-11-20")
    );
    assert_eq!(
        audit_rows(&db, "export_practice_report")[0].3,
        "noShowRate; 2 patients listed"
    );

    let mut report = db
        .as_user(&staff.front_desk)
        .practice_report(&ReportKind::NoShowRate, test_now())
        .unwrap();
    report.patients[0].name = "=HYPERLINK(\"http://x\")".into();
    report.patients[0].values[0] = "+1".into();
    let defused = to_csv(&report);
    assert!(
        defused.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","),
        "{defused}"
    );
    assert!(defused.contains(",'+1,"), "{defused}");

    let dir = tempfile::tempdir().unwrap();
    let path =
        crate::export::write_export(dir.path(), "report-no-shows", "csv", csv.as_bytes()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), csv);
}

#[test]
fn a_restricted_chart_is_counted_but_its_name_and_birth_date_are_withheld() {
    let (mut db, staff, a, _) = busy_practice();
    db.as_user(&staff.admin)
        .set_restricted(a, true, test_now())
        .unwrap();
    let report = run(&mut db, &staff, ReportKind::NoShowRate);
    let row = report.patients.iter().find(|p| p.patient == a).unwrap();
    assert!(row.restricted);
    assert_eq!(row.name, "Restricted chart");
    assert_eq!(row.date_of_birth, None);
    assert_eq!(row.values[0], "2");
}
