//! Each clinical report on a small hand-built practice with exact expected counts: problems,
//! visit diagnoses, vitals, lab reports (`store::lab_results::insert_report`) and immunizations
//! (`store::immunizations::insert`) written straight into the tables.

#![allow(clippy::unwrap_used)]

use super::{PracticeReport, ReportKind};
use crate::db::ChartDb;
use crate::ids::{ImmunizationId, LabReportId, LabResultId, PatientId, UserId};
use crate::immunizations::{ImmunizationKind, NewImmunization};
use crate::labs::{LabFlag, LabValue, NewLabReport, NewLabResult, ReportSource, ResultStatus};
use crate::testing::{person, staffed_practice, test_now, Staff};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

pub(super) fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn uuid(n: u128) -> String {
    uuid::Uuid::from_u128(n).to_string()
}

pub(super) fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

pub(super) fn patient(
    db: &mut ChartDb,
    staff: &Staff,
    n: u128,
    family: &str,
    dob: &str,
) -> PatientId {
    let id = PatientId::from_u128(0x9000 + n);
    db.as_user(&staff.front_desk)
        .register_patient(&person(family, "Test", dob, ""), true, id, test_now())
        .unwrap();
    id
}

fn problem(db: &mut ChartDb, staff: &Staff, n: u128, patient: PatientId, code: &str, status: &str) {
    let by = staff.physician.user_id().to_string();
    db.write(|tx| {
        tx.execute(
            "INSERT INTO problems (id, patient_id, code, description, status, version, created_at,
                                   created_by, updated_at, updated_by)
             VALUES (?1, ?2, ?3, 'test problem', ?4, 1, ?5, ?6, ?5, ?6)",
            params![
                uuid(0x7000 + n),
                patient.to_string(),
                code,
                status,
                "2025-01-01T00:00:00.000000Z",
                by
            ],
        )?;
        Ok(())
    })
    .unwrap();
}

pub(super) fn visit(
    db: &mut ChartDb,
    n: u128,
    patient: PatientId,
    provider: UserId,
    started: &str,
) -> String {
    let id = uuid(0x6000 + n);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO visits (id, patient_id, provider_id, started_at, visit_type, reason,
                                 created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, 'office', 'Diabetes follow-up', ?4, ?3)",
            params![
                id,
                patient.to_string(),
                provider.to_string(),
                crate::store::instant_to_sql(at(started))
            ],
        )?;
        Ok(())
    })
    .unwrap();
    id
}

fn visit_diagnosis(db: &mut ChartDb, staff: &Staff, n: u128, patient: PatientId, code: &str) {
    let visit = visit(
        db,
        n,
        patient,
        staff.physician.user_id(),
        "2025-06-02T14:00:00Z",
    );
    db.write(|tx| {
        tx.execute(
            "INSERT INTO visit_diagnoses (id, visit_id, patient_id, code, description, is_primary,
                                          position, added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, 'test diagnosis', 1, 0, '2025-06-02T14:00:00.000000Z', ?5)",
            params![
                uuid(0x5000 + n),
                visit,
                patient.to_string(),
                code,
                staff.physician.user_id().to_string()
            ],
        )?;
        Ok(())
    })
    .unwrap();
}

/// One HbA1c report; answers its result id.
fn a1c(
    db: &mut ChartDb,
    staff: &Staff,
    n: u128,
    patient: PatientId,
    collected: &str,
    value: f64,
    supersedes: Option<LabResultId>,
) -> LabResultId {
    let result = LabResultId::from_u128(0x4100 + n);
    let report = NewLabReport {
        id: LabReportId::from_u128(0x4000 + n),
        patient,
        source: ReportSource::Manual,
        panel_code: Some("4548-4".into()),
        panel_name: "Hemoglobin A1c".into(),
        responsible: Some(staff.physician.user_id()),
        collected_at: at(collected),
        received_at: at(collected),
        performing_lab: None,
        status: ResultStatus::Final,
        hl7_import: None,
        placer_order: None,
        entered_by: staff.nurse.user_id(),
        entered_at: at(collected),
        results: vec![NewLabResult {
            id: result,
            loinc: "4548-4".into(),
            name: "Hemoglobin A1c".into(),
            value: LabValue::Number(value),
            unit: Some("%".into()),
            canonical_value: Some(value),
            canonical_unit: Some("%".into()),
            ref_low: Some(4.0),
            ref_high: Some(5.6),
            ref_text: None,
            flag: if value > 5.6 {
                LabFlag::High
            } else {
                LabFlag::Normal
            },
            lab_flag: None,
            status: if supersedes.is_some() {
                ResultStatus::Corrected
            } else {
                ResultStatus::Final
            },
            comment: None,
            supersedes,
        }],
    };
    db.write(|tx| crate::store::lab_results::insert_report(tx, &report))
        .unwrap();
    result
}

fn mark_report_in_error(db: &mut ChartDb, staff: &Staff, n: u128) {
    db.write(|tx| {
        tx.execute(
            "UPDATE lab_reports SET entered_in_error_at = '2026-11-01T00:00:00.000000Z',
                    entered_in_error_by = ?2, entered_in_error_reason = 'wrong patient'
              WHERE id = ?1",
            params![
                LabReportId::from_u128(0x4000 + n).to_string(),
                staff.physician.user_id().to_string()
            ],
        )?;
        Ok(())
    })
    .unwrap();
}

fn bp(
    db: &mut ChartDb,
    staff: &Staff,
    n: u128,
    patient: PatientId,
    taken: &str,
    (s, d): (i64, i64),
    in_error: bool,
) {
    let by = staff.nurse.user_id().to_string();
    let taken = crate::store::instant_to_sql(at(taken));
    db.write(|tx| {
        tx.execute(
            "INSERT INTO vitals (id, patient_id, taken_at, recorded_at, recorded_by, systolic, diastolic)
             VALUES (?1, ?2, ?3, ?3, ?4, ?5, ?6)",
            params![uuid(0x3000 + n), patient.to_string(), taken, by, s, d],
        )?;
        if in_error {
            tx.execute(
                "UPDATE vitals SET entered_in_error_at = ?2, entered_in_error_by = ?3,
                        entered_in_error_reason = 'wrong patient' WHERE id = ?1",
                params![uuid(0x3000 + n), taken, by],
            )?;
        }
        Ok(())
    })
    .unwrap();
}

fn dose(
    db: &mut ChartDb,
    staff: &Staff,
    n: u128,
    patient: PatientId,
    cvx: &str,
    on: &str,
    kind: ImmunizationKind,
) {
    let entry = NewImmunization {
        id: ImmunizationId::from_u128(0x2000 + n),
        patient,
        visit: None,
        cvx: cvx.into(),
        vaccine: format!("CVX {cvx}"),
        kind,
        given_on: day(on),
        dose_number: None,
        lot: None,
        expires_on: None,
        manufacturer: None,
        site: None,
        route: None,
        given_by: None,
        given_by_name: None,
        vis_date: None,
        refusal_reason: (kind == ImmunizationKind::Refused).then(|| "parent declined".into()),
        source_note: None,
        recorded_by: staff.nurse.user_id(),
        recorded_at: test_now(),
    };
    db.write(|tx| crate::store::immunizations::insert(tx, &entry))
        .unwrap();
}

fn run(db: &mut ChartDb, staff: &Staff, kind: ReportKind) -> PracticeReport {
    db.as_user(&staff.physician)
        .practice_report(&kind, test_now())
        .unwrap()
}

fn listed_names(report: &PracticeReport) -> Vec<String> {
    report.patients.iter().map(|p| p.name.clone()).collect()
}

fn row<'a>(report: &'a PracticeReport, first: &str) -> &'a [String] {
    report.rows.iter().find(|r| r[0] == first).unwrap()
}

#[test]
fn diabetes_control_counts_diabetics_aged_18_to_75_and_lists_those_above_9_or_untested() {
    let (mut db, staff) = practice();
    let given = Some(LabResultId::from_u128(0x4100 + 6));
    // Problem E11 with a last HbA1c of 9.4 % in the year: poor control.
    let p1 = patient(&mut db, &staff, 1, "Able", "1962-01-01");
    problem(&mut db, &staff, 1, p1, "E11.9", "active");
    a1c(&mut db, &staff, 1, p1, "2026-06-01T13:00:00Z", 9.4, None);
    // A visit diagnosis E11, high long ago, 7.2 % lately: controlled.
    let p2 = patient(&mut db, &staff, 2, "Baker", "1970-05-05");
    visit_diagnosis(&mut db, &staff, 2, p2, "E11.65");
    a1c(&mut db, &staff, 2, p2, "2025-01-10T13:00:00Z", 10.1, None);
    a1c(&mut db, &staff, 3, p2, "2026-03-01T13:00:00Z", 7.2, None);
    // Diabetic by an HbA1c of 6.8 % only, and that outside the 12 months: poor control.
    let p3 = patient(&mut db, &staff, 3, "Carter", "1980-02-02");
    a1c(&mut db, &staff, 4, p3, "2025-06-01T13:00:00Z", 6.8, None);
    // Aged 76: outside the measure.
    let p4 = patient(&mut db, &staff, 4, "Dunn", "1950-01-01");
    problem(&mut db, &staff, 4, p4, "E11.9", "active");
    // A resolved E11 problem and nothing else: not counted.
    let p5 = patient(&mut db, &staff, 5, "Evans", "1965-03-03");
    problem(&mut db, &staff, 5, p5, "E11.9", "resolved");
    // 9.8 % corrected to 8.6 %: the correction counts.
    let p6 = patient(&mut db, &staff, 6, "Fisher", "1975-04-04");
    problem(&mut db, &staff, 6, p6, "E10.9", "active");
    a1c(&mut db, &staff, 6, p6, "2026-05-01T13:00:00Z", 9.8, None);
    a1c(&mut db, &staff, 7, p6, "2026-05-01T13:00:00Z", 8.6, given);
    // E13 with its only HbA1c (12 %) entered in error: none in 12 months.
    let p7 = patient(&mut db, &staff, 7, "Grant", "1985-06-06");
    problem(&mut db, &staff, 7, p7, "E13.9", "active");
    a1c(&mut db, &staff, 8, p7, "2026-07-01T13:00:00Z", 12.0, None);
    mark_report_in_error(&mut db, &staff, 8);
    // Hypertension only: not counted.
    let p8 = patient(&mut db, &staff, 8, "Hayes", "1968-07-07");
    problem(&mut db, &staff, 8, p8, "I10", "active");

    let report = run(&mut db, &staff, ReportKind::DiabetesControl);
    assert_eq!(report.patient_count, 5);
    assert_eq!(report.numerator, Some(3));
    assert_eq!(
        listed_names(&report),
        ["Able, Test", "Carter, Test", "Grant, Test"]
    );
    assert_eq!(report.patients[0].values, ["9.4 %", "2026-06-01"]);
    assert_eq!(report.patients[1].values, ["none in 12 months", ""]);
    assert_eq!(report.patients[0].date_of_birth, Some(day("1962-01-01")));
    assert_eq!(row(&report, "7–8 %")[1], "1");
    assert_eq!(row(&report, "8–9 %")[1], "1");
    assert_eq!(row(&report, "Above 9 %")[1], "1");
    assert_eq!(row(&report, "None in 12 months")[1], "2");
    assert_eq!(row(&report, "Poor control (numerator)")[2], "60.0 %");
    assert_eq!(report.chart.series[0].values, [0.0, 1.0, 1.0, 1.0, 2.0]);
    assert!(report.source.contains("CMS122"));
    assert!(report.definition.contains("4548-4") && report.definition.contains("E10–E13"));
}

#[test]
fn blood_pressure_control_takes_each_hypertensives_last_reading_in_the_year() {
    let (mut db, staff) = practice();
    let h1 = patient(&mut db, &staff, 1, "Ives", "1963-01-01");
    problem(&mut db, &staff, 1, h1, "I10", "active");
    bp(
        &mut db,
        &staff,
        1,
        h1,
        "2026-05-01T14:00:00Z",
        (120, 80),
        false,
    );
    bp(
        &mut db,
        &staff,
        2,
        h1,
        "2026-10-01T14:00:00Z",
        (150, 85),
        false,
    );
    let h2 = patient(&mut db, &staff, 2, "Jones", "1970-01-01");
    visit_diagnosis(&mut db, &staff, 2, h2, "I11.9");
    bp(
        &mut db,
        &staff,
        3,
        h2,
        "2026-09-01T14:00:00Z",
        (138, 88),
        false,
    );
    let h3 = patient(&mut db, &staff, 3, "Kent", "1938-01-01");
    problem(&mut db, &staff, 3, h3, "I10", "active");
    bp(
        &mut db,
        &staff,
        4,
        h3,
        "2026-09-01T14:00:00Z",
        (120, 70),
        false,
    );
    let h4 = patient(&mut db, &staff, 4, "Lane", "2010-01-01");
    problem(&mut db, &staff, 4, h4, "I10", "active");
    let h5 = patient(&mut db, &staff, 5, "Moss", "1955-01-01");
    problem(&mut db, &staff, 5, h5, "I10", "active");
    bp(
        &mut db,
        &staff,
        5,
        h5,
        "2025-10-01T14:00:00Z",
        (118, 76),
        false,
    );
    let h6 = patient(&mut db, &staff, 6, "Nash", "1962-01-01");
    problem(&mut db, &staff, 6, h6, "I16.0", "active");
    bp(
        &mut db,
        &staff,
        6,
        h6,
        "2026-08-01T14:00:00Z",
        (128, 92),
        false,
    );
    bp(
        &mut db,
        &staff,
        7,
        h6,
        "2026-11-01T14:00:00Z",
        (118, 70),
        true,
    );
    let other = patient(&mut db, &staff, 7, "Oakes", "1962-01-01");
    problem(&mut db, &staff, 7, other, "I20.9", "active");

    let report = run(&mut db, &staff, ReportKind::BloodPressureControl);
    assert_eq!(report.patient_count, 4);
    assert_eq!(report.numerator, Some(1));
    assert_eq!(
        listed_names(&report),
        ["Ives, Test", "Nash, Test", "Moss, Test", "Jones, Test"]
    );
    assert_eq!(
        report.patients[0].values,
        ["Not controlled", "150/85", "2026-10-01"]
    );
    assert_eq!(
        report.patients[1].values,
        ["Not controlled", "128/92", "2026-08-01"]
    );
    assert_eq!(report.patients[2].values[0], "No reading in 12 months");
    assert_eq!(
        report.patients[3].values,
        ["Controlled", "138/88", "2026-09-01"]
    );
    assert_eq!(row(&report, "Below 140/90 (controlled)")[2], "25.0 %");
    assert!(report.source.contains("CMS165"));
}

#[test]
fn immunization_coverage_counts_each_band_by_its_own_doses_and_windows() {
    use ImmunizationKind::{Given, Historical, Refused};
    let (mut db, staff) = practice();
    let mut n = 0u128;
    let mut give = |db: &mut ChartDb, p: PatientId, cvx: &str, on: &str, kind: ImmunizationKind| {
        n += 1;
        dose(db, &staff, n, p, cvx, on, kind);
    };
    let full_child =
        |db: &mut ChartDb,
         p: PatientId,
         mmr_on: &str,
         pcv: usize,
         give: &mut dyn FnMut(&mut ChartDb, PatientId, &str, &str, ImmunizationKind)| {
            for on in ["2024-08-15", "2024-10-15", "2024-12-15", "2025-09-15"] {
                give(db, p, "120", on, Given); // DTaP-Hib-IPV: 4 of each
            }
            for on in ["2024-06-16", "2024-08-15", "2024-12-15"] {
                give(db, p, "08", on, Given);
            }
            give(db, p, "03", mmr_on, Given);
            give(db, p, "21", "2025-06-20", Historical);
            for on in ["2024-08-15", "2024-10-15", "2024-12-15", "2025-06-20"]
                .iter()
                .take(pcv)
            {
                give(db, p, "133", on, Given);
            }
        };
    let c1 = patient(&mut db, &staff, 1, "Child-one", "2024-06-15");
    full_child(&mut db, c1, "2025-06-20", 4, &mut give);
    give(&mut db, c1, "150", "2025-10-01", Given); // last season's flu
                                                   // MMR before the first birthday and 3 PCV: two missing.
    let c2 = patient(&mut db, &staff, 2, "Child-two", "2024-06-01");
    full_child(&mut db, c2, "2025-05-20", 3, &mut give);
    let c3 = patient(&mut db, &staff, 3, "Child-three", "2023-12-01");
    let _c4 = patient(&mut db, &staff, 4, "Child-four", "2022-11-01");
    let t1 = patient(&mut db, &staff, 5, "Teen-one", "2013-05-01");
    give(&mut db, t1, "115", "2023-06-01", Given);
    give(&mut db, t1, "114", "2024-06-01", Given);
    give(&mut db, t1, "165", "2024-06-01", Given);
    give(&mut db, t1, "165", "2025-01-01", Given);
    give(&mut db, t1, "150", "2026-09-15", Given);
    let t2 = patient(&mut db, &staff, 6, "Teen-two", "2013-02-01");
    give(&mut db, t2, "165", "2024-06-01", Given);
    give(&mut db, t2, "115", "2024-06-01", Refused);
    let a1 = patient(&mut db, &staff, 7, "Older-one", "1955-01-01");
    give(&mut db, a1, "33", "2021-03-01", Historical);
    give(&mut db, a1, "187", "2022-03-01", Given);
    give(&mut db, a1, "187", "2022-06-01", Given);
    give(&mut db, a1, "158", "2026-10-01", Given);
    let a2 = patient(&mut db, &staff, 8, "Older-two", "1950-01-01");
    give(&mut db, a2, "121", "2012-03-01", Historical);
    let _adult = patient(&mut db, &staff, 9, "Adult", "1980-01-01");

    let report = run(&mut db, &staff, ReportKind::ImmunizationCoverage);
    let find = |band: &str, what: &str| {
        report
            .rows
            .iter()
            .find(|r| r[0] == band && r[1] == what)
            .unwrap()
            .clone()
    };
    assert_eq!(
        find("2-year-olds", "all seven (combination)")[2..],
        ["3", "1", "33.3 %"]
    );
    assert_eq!(find("2-year-olds", "DTaP ≥ 4")[3], "2");
    assert_eq!(find("2-year-olds", "MMR ≥ 1")[3], "1");
    assert_eq!(find("2-year-olds", "PCV ≥ 4")[3], "1");
    assert_eq!(find("13-year-olds", "all three")[2..], ["2", "1", "50.0 %"]);
    assert_eq!(find("65 and older", "both")[2..], ["2", "1", "50.0 %"]);
    assert_eq!(find("65 and older", "Zoster ≥ 2")[3], "2");
    // Influenza: every patient is 6 months or older; two have a dose since 1 August 2026.
    assert_eq!(
        find("6 months and older", "Influenza since 2026-08-01")[2..],
        ["9", "2", "22.2 %"]
    );
    let missing: Vec<(String, String)> = report
        .patients
        .iter()
        .map(|p| (p.name.clone(), p.values[1].clone()))
        .collect();
    assert_eq!(
        missing,
        [
            ("Child-three, Test".to_string(), "DTaP 0 of 4, IPV 0 of 3, MMR 0 of 1, Hib 0 of 3, HepB 0 of 3, VAR 0 of 1, PCV 0 of 4".to_string()),
            ("Child-two, Test".to_string(), "MMR 0 of 1, PCV 3 of 4".to_string()),
            ("Teen-two, Test".to_string(), "Tdap 0 of 1, MenACWY 0 of 1, HPV 1 of 2".to_string()),
            ("Older-two, Test".to_string(), "Pneumococcal 0 of 1".to_string()),
        ]
    );
    let _ = c3;
}

#[test]
fn the_colorectal_registry_lists_a_52_year_old_with_no_screening_as_due() {
    let (mut db, staff) = practice();
    let p = patient(&mut db, &staff, 1, "Quinn", "1974-03-01");
    let report = run(
        &mut db,
        &staff,
        ReportKind::RemindersDue {
            rule: "colorectal".into(),
        },
    );
    assert_eq!(report.patients.len(), 1);
    assert_eq!(report.patients[0].patient, p);
    assert!(matches!(
        report.patients[0].values[0].as_str(),
        "Due" | "Overdue"
    ));
    assert_eq!(report.patient_count, 1);
}

#[test]
fn every_reminder_rule_is_offered_as_a_report_and_counted_in_the_summary() {
    let (mut db, staff) = practice();
    patient(&mut db, &staff, 1, "Quinn", "1974-03-01");
    let kinds = db.as_user(&staff.physician).practice_report_kinds();
    let rules = crate::reminders::rules::rules().unwrap();
    for rule in rules {
        let key = ReportKind::RemindersDue {
            rule: rule.id.clone(),
        }
        .key();
        assert!(
            kinds.iter().any(|k| k.kind.key() == key),
            "no report offered for rule {}",
            rule.id
        );
    }
    let summary = run(
        &mut db,
        &staff,
        ReportKind::RemindersDue {
            rule: String::new(),
        },
    );
    assert_eq!(summary.rows.len(), rules.len(), "one row per rule");
}

#[test]
fn a_title_in_a_sentence_keeps_its_acronyms() {
    assert_eq!(
        super::in_sentence("Cervical cancer screening (cytology or hrHPV)"),
        "cervical cancer screening (cytology or hrHPV)"
    );
    assert_eq!(super::in_sentence("HIV screening"), "HIV screening");
    assert_eq!(super::in_sentence(""), "");
}
