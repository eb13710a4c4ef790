//! Recording through the checked door: validation, the trigger, audit, permissions.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use super::super::{ForecastStatus, ImmunizationDraft, ImmunizationKind};
use crate::error::CoreError;
use crate::ids::{ImmunizationId, PatientId};
use crate::testing::{person, staffed_practice, test_now, Staff};
use crate::ChartDb;

fn chart(dob: &str) -> (ChartDb, Staff, PatientId) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let patient = PatientId::from_u128(7);
    db.as_user(&staff.physician)
        .register_patient(&person("Okafor", "Ada", dob, ""), true, patient, test_now())
        .unwrap();
    (db, staff, patient)
}

fn dose(cvx: &str, on: &str) -> ImmunizationDraft {
    ImmunizationDraft {
        kind: ImmunizationKind::Given,
        cvx: cvx.into(),
        given_on: on.into(),
        dose_number: Some(1),
        lot: "LOT123".into(),
        expires_on: "2027-06-30".into(),
        manufacturer: String::new(),
        site: "left thigh".into(),
        route: "im".into(),
        given_by_name: String::new(),
        source_note: String::new(),
        vis_date: "2023-08-06".into(),
        refusal_reason: String::new(),
    }
}

fn fields(e: &CoreError) -> Vec<String> {
    e.field_errors().iter().map(|f| f.field.clone()).collect()
}

fn audit(db: &ChartDb, action: &str) -> Vec<(Option<String>, Option<String>, String)> {
    db.read(|c| {
        let mut stmt = c.prepare(
            "SELECT entity_id, patient_id, outcome FROM audit_log WHERE action = ?1 ORDER BY seq",
        )?;
        let rows = stmt
            .query_map([action], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    })
    .unwrap()
}

#[test]
fn a_nurse_records_a_dose_and_the_forecast_counts_it_and_both_are_audited() {
    let (mut db, staff, p) = chart("2025-10-01");
    let id = ImmunizationId::from_u128(1);
    let saved = db
        .as_user(&staff.nurse)
        .record_immunization(p, &dose("03", "2026-10-01"), id, test_now())
        .unwrap();
    assert_eq!(saved.vaccine, "MMR");
    assert_eq!(saved.route.as_deref(), Some("IM"));
    assert_eq!(saved.given_by_name.as_deref(), Some("Test nurse"));
    assert_eq!(saved.series, vec!["mmr"]);
    let f = db
        .as_user(&staff.physician)
        .immunization_forecast(p, test_now())
        .unwrap();
    let mmr = f.series.iter().find(|s| s.series == "mmr").unwrap();
    assert_eq!(mmr.doses_counted, 1);
    assert_eq!(mmr.next_dose, Some(2));
    let list = db
        .as_user(&staff.physician)
        .immunizations(p, test_now())
        .unwrap();
    assert_eq!(list.len(), 1);
    let pid = Some(p.to_string());
    assert_eq!(
        audit(&db, "record_immunization"),
        vec![(Some(id.to_string()), pid.clone(), "ok".to_string())]
    );
    assert_eq!(audit(&db, "view_immunization_forecast").len(), 1);
    assert_eq!(audit(&db, "view_immunizations")[0].1, pid);
}

#[test]
fn an_expired_lot_a_missing_lot_and_a_future_date_are_refused_beside_their_fields() {
    let (mut db, staff, p) = chart("2025-10-01");
    let mut d = dose("03", "2026-10-01");
    d.expires_on = "2026-09-30".into();
    let e = db
        .as_user(&staff.nurse)
        .record_immunization(p, &d, ImmunizationId::from_u128(1), test_now())
        .unwrap_err();
    assert_eq!(fields(&e), vec!["expiresOn"]);
    assert!(e.field_errors()[0]
        .message
        .contains("expired on 2026-09-30"));
    let mut d = dose("03", "2026-12-01");
    d.lot = String::new();
    d.route = "XX".into();
    let e = db
        .as_user(&staff.nurse)
        .record_immunization(p, &d, ImmunizationId::from_u128(2), test_now())
        .unwrap_err();
    assert_eq!(fields(&e), vec!["givenOn", "route", "lot"]);
    let e = db
        .as_user(&staff.nurse)
        .record_immunization(
            p,
            &dose("9999", "2026-10-01"),
            ImmunizationId::from_u128(3),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&e), vec!["cvx"]);
    // An inactive vaccine cannot be given today, only recorded as historical.
    let e = db
        .as_user(&staff.nurse)
        .record_immunization(
            p,
            &dose("150", "2026-10-01"),
            ImmunizationId::from_u128(4),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(&e), vec!["cvx"]);
    assert!(db
        .as_user(&staff.nurse)
        .immunizations(p, test_now())
        .unwrap()
        .is_empty());
}

#[test]
fn a_historical_dose_and_a_refusal_need_no_lot_but_a_refusal_needs_its_reason() {
    let (mut db, staff, p) = chart("1970-03-01");
    let historical = ImmunizationDraft {
        kind: ImmunizationKind::Historical,
        lot: String::new(),
        expires_on: String::new(),
        site: String::new(),
        route: String::new(),
        vis_date: String::new(),
        given_by_name: "CVS pharmacy".into(),
        source_note: "pharmacy card".into(),
        ..dose("150", "2021-10-01")
    };
    let h = db
        .as_user(&staff.nurse)
        .record_immunization(p, &historical, ImmunizationId::from_u128(1), test_now())
        .unwrap();
    assert_eq!(h.given_by_name.as_deref(), Some("CVS pharmacy"));
    let mut refusal = ImmunizationDraft {
        kind: ImmunizationKind::Refused,
        ..historical.clone()
    };
    refusal.cvx = "187".into();
    refusal.given_on = "2026-11-26".into();
    let e = db
        .as_user(&staff.nurse)
        .record_immunization(p, &refusal, ImmunizationId::from_u128(2), test_now())
        .unwrap_err();
    assert_eq!(fields(&e), vec!["refusalReason"]);
    refusal.refusal_reason = "wants to think about it".into();
    db.as_user(&staff.nurse)
        .record_immunization(p, &refusal, ImmunizationId::from_u128(2), test_now())
        .unwrap();
    let f = db
        .as_user(&staff.nurse)
        .immunization_forecast(p, test_now())
        .unwrap();
    let zoster = f.series.iter().find(|s| s.series == "zoster").unwrap();
    assert_eq!(zoster.status, ForecastStatus::Refused);
}

#[test]
fn an_entry_entered_in_error_stays_readable_leaves_the_forecast_and_is_never_rewritten() {
    let (mut db, staff, p) = chart("2025-10-01");
    let id = ImmunizationId::from_u128(1);
    db.as_user(&staff.nurse)
        .record_immunization(p, &dose("03", "2026-10-01"), id, test_now())
        .unwrap();
    let e = db
        .as_user(&staff.nurse)
        .immunization_entered_in_error(id, "", test_now())
        .unwrap_err();
    assert_eq!(fields(&e), vec!["reason"]);
    let marked = db
        .as_user(&staff.nurse)
        .immunization_entered_in_error(id, "wrong patient", test_now())
        .unwrap();
    assert_eq!(marked.entered_in_error.unwrap().reason, "wrong patient");
    assert_eq!(audit(&db, "immunization_entered_in_error").len(), 1);
    let f = db
        .as_user(&staff.nurse)
        .immunization_forecast(p, test_now())
        .unwrap();
    assert_eq!(
        f.series
            .iter()
            .find(|s| s.series == "mmr")
            .unwrap()
            .doses_counted,
        0
    );
    assert_eq!(
        db.as_user(&staff.nurse)
            .immunizations(p, test_now())
            .unwrap()
            .len(),
        1
    );
    assert!(db
        .as_user(&staff.nurse)
        .immunization_entered_in_error(id, "again", test_now())
        .is_err());
    let rewrite = db.write(|tx| {
        tx.execute("UPDATE immunizations SET lot = 'OTHER'", [])?;
        Ok(())
    });
    assert!(rewrite.is_err(), "the trigger refuses a rewrite");
    let delete = db.write(|tx| {
        tx.execute("DELETE FROM immunizations", [])?;
        Ok(())
    });
    assert!(delete.is_err(), "the trigger refuses a delete");
}

#[test]
fn the_front_desk_may_neither_record_nor_view_immunizations_and_the_denial_is_audited() {
    let (mut db, staff, p) = chart("2025-10-01");
    let e = db
        .as_user(&staff.front_desk)
        .record_immunization(
            p,
            &dose("03", "2026-10-01"),
            ImmunizationId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)));
    assert!(matches!(
        db.as_user(&staff.front_desk)
            .immunization_forecast(p, test_now()),
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        db.as_user(&staff.front_desk)
            .search_vaccines("mmr", 5, test_now()),
        Err(CoreError::Forbidden(_))
    ));
    assert_eq!(audit(&db, "record_immunization")[0].2, "denied");
    assert_eq!(audit(&db, "view_immunization_forecast")[0].2, "denied");
    let hits = db
        .as_user(&staff.nurse)
        .search_vaccines("shingrix", 5, test_now())
        .unwrap();
    assert_eq!(hits[0].cvx, "187");
    assert_eq!(hits[0].series, vec!["Zoster (RZV)"]);
}

#[test]
fn coverage_inputs_list_active_patients_with_their_valid_entries_only() {
    let (mut db, staff, p) = chart("2025-10-01");
    let id = ImmunizationId::from_u128(1);
    db.as_user(&staff.nurse)
        .record_immunization(p, &dose("03", "2026-10-01"), id, test_now())
        .unwrap();
    db.as_user(&staff.nurse)
        .record_immunization(
            p,
            &dose("21", "2026-10-01"),
            ImmunizationId::from_u128(2),
            test_now(),
        )
        .unwrap();
    db.as_user(&staff.nurse)
        .immunization_entered_in_error(id, "wrong vaccine", test_now())
        .unwrap();
    let born_from = "2020-01-01".parse().unwrap();
    let rows = db
        .read(|c| super::super::coverage_inputs(c, born_from))
        .unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].patient, p);
    assert_eq!(rows[0].entries.len(), 1);
    assert_eq!(rows[0].entries[0].cvx, "21");
    let none = db
        .read(|c| super::super::coverage_inputs(c, "2026-01-01".parse().unwrap()))
        .unwrap();
    assert!(none.is_empty());
}
