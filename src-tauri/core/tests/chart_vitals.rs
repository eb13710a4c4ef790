//! Vital signs end to end through the door: units in, canonical values out, impossible
//! readings refused by field (nothing saved), flags returned with each value, BMI from this
//! set or an earlier height, entered in error, permissions and audit. The reference ranges'
//! boundaries are in `chart_vitals_flags.rs`, BMI from an earlier height in `chart_vitals_bmi.rs`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::{AuditQuery, Outcome};
use charta_core::chart::vitals::*;
use charta_core::ids::{VisitId, VitalsId};
use charta_core::patient::RegisterOutcome;
use charta_core::testing::{person, staffed_practice, test_now, Staff};
use charta_core::{ChartDb, PatientId};
use chrono::Duration;

const ADULT: u128 = 1;
const CHILD: u128 = 2;

fn pid(n: u128) -> PatientId {
    PatientId::from_u128(n)
}

fn vid(n: u128) -> VitalsId {
    VitalsId::from_u128(n)
}

/// An adult born 1980 and a child born 2022-06-01 (4 years old at `test_now`).
fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    for (n, dob) in [(ADULT, "1980-03-14"), (CHILD, "2022-06-01")] {
        let out = db
            .as_user(&staff.physician)
            .register_patient(&person("Rowe", "Ada", dob, ""), true, pid(n), test_now())
            .unwrap();
        assert!(matches!(out, RegisterOutcome::Registered { .. }));
    }
    (db, staff)
}

fn bp(s: &str, d: &str) -> VitalsInput {
    VitalsInput {
        systolic: s.into(),
        diastolic: d.into(),
        ..Default::default()
    }
}

fn messages(err: &charta_core::CoreError) -> Vec<(String, String)> {
    err.field_errors()
        .iter()
        .map(|e| (e.field.clone(), e.message.clone()))
        .collect()
}

#[test]
fn a_set_typed_in_us_units_is_stored_in_metric_with_its_bmi() {
    let (mut db, staff) = practice();
    let input = VitalsInput {
        temperature: "98.6".into(),
        temperature_unit: TemperatureUnit::Fahrenheit,
        weight: "150".into(),
        weight_unit: WeightUnit::Lb,
        height: "5".into(),
        height_inches: "7".into(),
        height_unit: HeightUnit::FtIn,
        head_circumference: "22".into(),
        head_circumference_unit: LengthUnit::In,
        bp_position: Some(BpPosition::Sitting),
        ..bp("118", "76")
    };
    let set = db
        .as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &input, vid(1), test_now())
        .unwrap();
    assert_eq!(set.temperature_c.unwrap().value, 37.0);
    assert_eq!(set.weight_kg.unwrap().value, 68.0);
    assert_eq!(set.height_cm.unwrap().value, 170.2);
    assert_eq!(set.head_circumference_cm.unwrap().value, 55.9);
    assert_eq!(set.bmi.unwrap().value, 23.5);
    assert_eq!(set.bmi_height_from, None, "this set's own height");
    assert_eq!(set.bp_position, Some(BpPosition::Sitting));
    assert_eq!(set.taken_at, test_now(), "no time given means now");
    assert_eq!(set.recorded_by_name, "Test nurse");
    assert_eq!(set.age_band, AgeBand::Adult);
}

#[test]
fn an_impossible_systolic_is_refused_naming_the_field_and_nothing_is_saved() {
    let (mut db, staff) = practice();
    let input = VitalsInput {
        pulse: "72".into(),
        ..bp("400", "80")
    };
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &input, vid(1), test_now())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(
        messages(&err),
        vec![(
            "systolic".to_string(),
            "Systolic 400 mmHg is not possible; check the reading".to_string()
        )]
    );
    let sets = db
        .as_user(&staff.nurse)
        .vitals(pid(ADULT), test_now())
        .unwrap();
    assert!(sets.is_empty(), "nothing saved: {sets:?}");
}

#[test]
fn every_wrong_field_is_reported_at_once_in_the_unit_typed() {
    let (mut db, staff) = practice();
    let input = VitalsInput {
        pulse: "310".into(),
        respiration: "2".into(),
        temperature: "130".into(),
        temperature_unit: TemperatureUnit::Fahrenheit,
        spo2: "101".into(),
        height: "9".into(),
        height_inches: "2".into(),
        height_unit: HeightUnit::FtIn,
        weight: "1200".into(),
        weight_unit: WeightUnit::Lb,
        head_circumference: "90".into(),
        pain_score: "11".into(),
        ..bp("abc", "80")
    };
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &input, vid(1), test_now())
        .unwrap_err();
    let got = messages(&err);
    let fields: Vec<&str> = got.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "systolic",
            "pulse",
            "respiration",
            "spo2",
            "temperature",
            "height",
            "weight",
            "headCircumference",
            "painScore"
        ]
    );
    let text = |field: &str| got.iter().find(|(f, _)| f == field).unwrap().1.clone();
    assert_eq!(text("systolic"), "Systolic must be a number, like 120");
    assert_eq!(
        text("pulse"),
        "Pulse 310 /min is not possible; check the reading"
    );
    assert_eq!(
        text("temperature"),
        "Temperature 130 °F is not possible; check the reading"
    );
    assert_eq!(
        text("height"),
        "Height 9 ft 2 in is not possible; check the reading"
    );
    assert_eq!(
        text("weight"),
        "Weight 1200 lb is not possible; check the reading"
    );
    assert_eq!(
        text("spo2"),
        "SpO2 101 % is not possible; check the reading"
    );
}

type Setter = fn(&mut VitalsInput, String);

#[test]
fn the_possible_ranges_end_where_the_brief_says() {
    let (mut db, staff) = practice();
    let mut n = 0;
    let mut try_one = |db: &mut ChartDb, input: VitalsInput| {
        n += 1;
        db.as_user(&staff.nurse)
            .record_vitals(pid(ADULT), None, &input, vid(n), test_now())
            .map(|_| ())
            .map_err(|e| e.field_errors()[0].field.clone())
    };
    assert!(try_one(&mut db, bp("300", "200")).is_ok());
    assert_eq!(try_one(&mut db, bp("250", "201")), Err("diastolic".into()));
    assert_eq!(try_one(&mut db, bp("301", "80")), Err("systolic".into()));
    assert!(try_one(&mut db, bp("20", "10")).is_ok());
    assert_eq!(try_one(&mut db, bp("19", "10")), Err("systolic".into()));
    assert_eq!(try_one(&mut db, bp("30", "9")), Err("diastolic".into()));
    let one = |f: Setter, v: &str| {
        let mut i = VitalsInput::default();
        f(&mut i, v.into());
        i
    };
    // (how to set it, field, lowest possible, highest possible, one step outside)
    let cases: [(Setter, &str, &str, &str, &str); 7] = [
        (|i, v| i.pulse = v, "pulse", "20", "300", "301"),
        (|i, v| i.respiration = v, "respiration", "4", "80", "81"),
        (|i, v| i.temperature = v, "temperature", "25", "45", "45.1"),
        (|i, v| i.spo2 = v, "spo2", "50", "100", "49"),
        (|i, v| i.height = v, "height", "20", "250", "250.1"),
        (|i, v| i.weight = v, "weight", "0.3", "500", "0.2"),
        (
            |i, v| i.head_circumference = v,
            "headCircumference",
            "20",
            "70",
            "70.1",
        ),
    ];
    for (set, field, low, high, bad) in cases {
        assert!(try_one(&mut db, one(set, low)).is_ok(), "{field} {low}");
        assert!(try_one(&mut db, one(set, high)).is_ok(), "{field} {high}");
        assert_eq!(
            try_one(&mut db, one(set, bad)),
            Err(field.to_string()),
            "{field} {bad}"
        );
    }
}

#[test]
fn blood_pressure_takes_both_numbers_and_the_diastolic_below_the_systolic() {
    let (mut db, staff) = practice();
    let mut record = |input: &VitalsInput| {
        db.as_user(&staff.nurse)
            .record_vitals(pid(ADULT), None, input, vid(9), test_now())
            .unwrap_err()
    };
    assert_eq!(messages(&record(&bp("120", "")))[0].0, "diastolic");
    assert_eq!(messages(&record(&bp("", "80")))[0].0, "systolic");
    let err = record(&bp("90", "95"));
    assert_eq!(
        messages(&err),
        vec![(
            "diastolic".to_string(),
            "Diastolic 95 must be lower than systolic 90; check the reading".to_string()
        )]
    );
    let lonely_position = VitalsInput {
        bp_position: Some(BpPosition::Standing),
        pulse: "70".into(),
        ..Default::default()
    };
    assert_eq!(messages(&record(&lonely_position))[0].0, "bpPosition");
}

#[test]
fn a_set_needs_a_measurement_and_a_time_neither_future_nor_before_birth() {
    let (mut db, staff) = practice();
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(
            pid(ADULT),
            None,
            &VitalsInput::default(),
            vid(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(messages(&err)[0].0, "measurements");

    let at = |t| VitalsInput {
        pulse: "70".into(),
        taken_at: Some(t),
        ..Default::default()
    };
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(
            pid(ADULT),
            None,
            &at(test_now() + Duration::minutes(6)),
            vid(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(
        messages(&err)[0],
        ("takenAt".into(), "This time is in the future".into())
    );
    db.as_user(&staff.nurse)
        .record_vitals(
            pid(ADULT),
            None,
            &at(test_now() + Duration::minutes(4)),
            vid(2),
            test_now(),
        )
        .expect("a few minutes of clock drift are allowed");

    let before_birth = at(test_now() - Duration::days(365 * 5));
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(pid(CHILD), None, &before_birth, vid(3), test_now())
        .unwrap_err();
    assert_eq!(messages(&err)[0].0, "takenAt");
}

#[test]
fn an_unknown_visit_is_refused_by_field() {
    let (mut db, staff) = practice();
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(
            pid(ADULT),
            Some(VisitId::from_u128(99)),
            &bp("120", "80"),
            vid(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(messages(&err)[0].0, "visitId");
}

#[test]
fn a_recorded_set_comes_back_flagged_for_the_patients_age() {
    let (mut db, staff) = practice();
    let input = VitalsInput {
        pulse: "135".into(),
        spo2: "90".into(),
        ..bp("185", "95")
    };
    let adult = db
        .as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &input, vid(1), test_now())
        .unwrap();
    assert_eq!(adult.systolic.unwrap().flag, Some(VitalFlag::CriticalHigh));
    assert_eq!(adult.diastolic.unwrap().flag, Some(VitalFlag::High));
    assert_eq!(adult.pulse.unwrap().flag, Some(VitalFlag::CriticalHigh));
    assert_eq!(adult.spo2.unwrap().flag, Some(VitalFlag::CriticalLow));

    // The same pulse is high but not critical for a 4-year-old.
    let child = db
        .as_user(&staff.nurse)
        .record_vitals(pid(CHILD), None, &input, vid(2), test_now())
        .unwrap();
    assert_eq!(child.pulse.unwrap().flag, Some(VitalFlag::High));
    assert_eq!(child.systolic.unwrap().flag, Some(VitalFlag::High));
}

#[test]
fn the_list_is_newest_first_and_each_read_is_audited() {
    let (mut db, staff) = practice();
    for (n, hours_ago) in [(1, 48), (2, 1), (3, 24)] {
        let input = VitalsInput {
            pulse: "70".into(),
            taken_at: Some(test_now() - Duration::hours(hours_ago)),
            ..Default::default()
        };
        db.as_user(&staff.nurse)
            .record_vitals(pid(ADULT), None, &input, vid(n), test_now())
            .unwrap();
    }
    let list = db
        .as_user(&staff.physician)
        .vitals(pid(ADULT), test_now())
        .unwrap();
    let ids: Vec<VitalsId> = list.iter().map(|s| s.id).collect();
    assert_eq!(ids, [vid(2), vid(3), vid(1)]);

    let rows = |db: &mut ChartDb, action: &str| {
        let q = AuditQuery {
            action: Some(action.into()),
            ..Default::default()
        };
        db.as_user(&staff.admin)
            .audit_report(&q, test_now())
            .unwrap()
            .entries
    };
    let views = rows(&mut db, "view_vitals");
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].patient_id, Some(pid(ADULT)));
    let records = rows(&mut db, "record_vitals");
    assert_eq!(records.len(), 3);
    assert!(records
        .iter()
        .all(|r| r.patient_id == Some(pid(ADULT)) && r.outcome == Outcome::Ok));
}

#[test]
fn a_set_entered_in_error_stays_readable_with_its_reason() {
    let (mut db, staff) = practice();
    db.as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &bp("150", "95"), vid(1), test_now())
        .unwrap();
    let err = db
        .as_user(&staff.nurse)
        .vitals_entered_in_error(vid(1), " ", test_now())
        .unwrap_err();
    assert_eq!(messages(&err)[0].0, "reason");

    let later = test_now() + Duration::minutes(3);
    let marked = db
        .as_user(&staff.nurse)
        .vitals_entered_in_error(vid(1), "Charted on the wrong patient", later)
        .unwrap();
    let mark = marked.entered_in_error.clone().unwrap();
    assert_eq!(
        (mark.reason.as_str(), mark.at, mark.by_name.as_str()),
        ("Charted on the wrong patient", later, "Test nurse")
    );
    assert_eq!(marked.systolic.unwrap().value, 150.0, "the values stay");

    let again = db
        .as_user(&staff.physician)
        .vitals_entered_in_error(vid(1), "Another reason", later)
        .unwrap_err();
    assert_eq!(again.code(), "invalid_input");
    let list = db
        .as_user(&staff.physician)
        .vitals(pid(ADULT), later)
        .unwrap();
    assert_eq!(
        list[0].entered_in_error.as_ref().unwrap().reason,
        "Charted on the wrong patient"
    );

    let err = db
        .as_user(&staff.nurse)
        .vitals_entered_in_error(vid(77), "No such set", later)
        .unwrap_err();
    assert_eq!(err.code(), "not_found");
}

#[test]
fn the_front_desk_can_neither_record_nor_see_vitals_and_is_audited() {
    let (mut db, staff) = practice();
    db.as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &bp("120", "80"), vid(1), test_now())
        .unwrap();
    let mut desk = db.as_user(&staff.front_desk);
    assert_eq!(
        desk.record_vitals(pid(ADULT), None, &bp("120", "80"), vid(2), test_now())
            .unwrap_err()
            .code(),
        "forbidden"
    );
    assert_eq!(
        desk.vitals(pid(ADULT), test_now()).unwrap_err().code(),
        "forbidden"
    );
    assert_eq!(
        desk.vitals_entered_in_error(vid(1), "Not mine to mark", test_now())
            .unwrap_err()
            .code(),
        "forbidden"
    );
    let err = desk
        .vitals_entered_in_error(vid(404), "No such set", test_now())
        .unwrap_err();
    assert_eq!(err.code(), "forbidden", "not told whether the set exists");
    let q = AuditQuery {
        outcome: Some(Outcome::Denied),
        ..Default::default()
    };
    let denied = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries;
    let actions: Vec<&str> = denied.iter().map(|e| e.action.as_str()).collect();
    for action in ["record_vitals", "view_vitals", "vitals_entered_in_error"] {
        assert!(
            actions.contains(&action),
            "{action} denial audited: {actions:?}"
        );
    }
    let set = db
        .as_user(&staff.physician)
        .vitals(pid(ADULT), test_now())
        .unwrap();
    assert_eq!(set.len(), 1, "nothing recorded by the front desk");
}

#[test]
fn a_restricted_charts_vitals_open_only_through_emergency_access() {
    let (mut db, staff) = practice();
    db.as_user(&staff.physician)
        .set_restricted(pid(ADULT), true, test_now())
        .unwrap();
    let err = db
        .as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &bp("120", "80"), vid(1), test_now())
        .unwrap_err();
    assert_eq!(err.code(), "restricted");
    let err = db
        .as_user(&staff.physician)
        .vitals(pid(ADULT), test_now())
        .unwrap_err();
    assert_eq!(err.code(), "restricted");

    db.as_user(&staff.physician)
        .emergency_access(pid(ADULT), "Unconscious in the waiting room", test_now())
        .unwrap();
    db.as_user(&staff.physician)
        .record_vitals(pid(ADULT), None, &bp("90", "50"), vid(2), test_now())
        .unwrap();
    assert_eq!(
        db.as_user(&staff.physician)
            .vitals(pid(ADULT), test_now())
            .unwrap()
            .len(),
        1
    );
    let q = AuditQuery {
        action: Some("record_vitals".into()),
        outcome: Some(Outcome::Ok),
        ..Default::default()
    };
    let rows = db
        .as_user(&staff.admin)
        .audit_report(&q, test_now())
        .unwrap()
        .entries;
    assert!(rows[0].emergency, "{rows:?}");
}

#[test]
fn what_was_not_measured_is_left_out_of_the_answer() {
    let (mut db, staff) = practice();
    let input = VitalsInput {
        pulse: "70".into(),
        weight: "80".into(),
        ..Default::default()
    };
    let set = db
        .as_user(&staff.nurse)
        .record_vitals(pid(ADULT), None, &input, vid(1), test_now())
        .unwrap();
    let json = serde_json::to_value(&set).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for absent in [
        "systolic",
        "respiration",
        "bmi",
        "visitId",
        "enteredInError",
    ] {
        assert!(!keys.contains(&absent), "{absent} in {keys:?}");
    }
    assert_eq!(
        json["pulse"],
        serde_json::json!({"value": 70.0, "flag": "normal"})
    );
    assert_eq!(
        json["weightKg"],
        serde_json::json!({"value": 80.0}),
        "no range, no flag"
    );
}
