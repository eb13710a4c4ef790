//! Favourites: saving new and edited ones with field-level refusals, retiring, the audit
//! rows, who may do what, and favourites first in the drug search.

use super::*;
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::medications::{Route, Sig, SigFrequency};
use crate::testing::{staffed_practice, test_now, Staff};

const AMOXICILLIN_500: &str = "rx:308192";
const OXYCODONE_10: &str = "rx:1049683";

fn practice() -> (ChartDb, Staff) {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    (db, staff)
}

fn draft(label: &str, code: &str) -> FavouriteDraft {
    FavouriteDraft {
        label: label.into(),
        product_code: code.into(),
        sig: Sig {
            dose: 1.0,
            dose_unit: "tablet".into(),
            route: Route::Oral,
            frequency: SigFrequency::ThreeTimesDaily,
            prn: false,
            prn_indication: String::new(),
            duration_days: Some(10),
            extra: String::new(),
        },
        quantity: 30.0,
        quantity_unit: "tablet".into(),
        refills: 0,
    }
}

fn events(db: &ChartDb) -> Vec<AuditEvent> {
    db.read(|c| crate::store::audit::events_after(c, 0))
        .unwrap()
        .into_iter()
        .map(|(_, e)| e)
        .collect()
}

fn fields(err: CoreError) -> Vec<String> {
    match err {
        CoreError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn a_physician_saves_a_favourite_and_it_is_listed_with_its_product_and_audited() {
    let (mut db, staff) = practice();
    let id = FavouriteId::from_u128(1);
    let mut d = draft("  Amoxicillin for otitis media (adult) ", AMOXICILLIN_500);
    d.sig.extra = " with food ".into();
    let saved = db
        .as_user(&staff.physician)
        .save_favourite(id, &d, test_now())
        .unwrap();
    assert_eq!(saved.label, "Amoxicillin for otitis media (adult)");
    assert_eq!(saved.product.code, AMOXICILLIN_500);
    assert_eq!(saved.sig.extra, "with food");
    assert_eq!(saved.created_by_name, staff.physician.display_name());
    let list = db.as_user(&staff.nurse).favourites(test_now()).unwrap();
    assert_eq!(list, vec![saved]);
    let event = events(&db).pop().unwrap();
    assert_eq!(
        (
            event.action.as_str(),
            event.outcome,
            event.entity.as_str(),
            event.entity_id.clone()
        ),
        ("save_favourite", Outcome::Ok, "favourite", id.to_string())
    );
    assert!(event.detail.starts_with("new:"), "{}", event.detail);
}

#[test]
fn an_edit_replaces_the_favourite_and_is_audited_as_edited() {
    let (mut db, staff) = practice();
    let id = FavouriteId::from_u128(1);
    let mut doc = db.as_user(&staff.physician);
    doc.save_favourite(id, &draft("Amoxicillin", AMOXICILLIN_500), test_now())
        .unwrap();
    let mut d = draft("Amoxicillin, twice daily", AMOXICILLIN_500);
    d.sig.frequency = SigFrequency::TwiceDaily;
    d.quantity = 20.0;
    let saved = doc.save_favourite(id, &d, test_now()).unwrap();
    assert_eq!(saved.sig.frequency, SigFrequency::TwiceDaily);
    assert_eq!(saved.quantity, 20.0);
    assert_eq!(
        db.as_user(&staff.physician)
            .favourites(test_now())
            .unwrap()
            .len(),
        1
    );
    assert!(events(&db).pop().unwrap().detail.starts_with("edited:"));
}

#[test]
fn every_bad_field_is_refused_at_once_and_nothing_is_written() {
    let (mut db, staff) = practice();
    let mut d = draft(" ", "rx:0000");
    d.sig.dose = 0.0;
    d.sig.dose_unit = " ".into();
    d.sig.prn = true;
    d.sig.duration_days = Some(0);
    d.quantity = -1.0;
    d.quantity_unit = String::new();
    d.refills = 12;
    let err = db
        .as_user(&staff.physician)
        .save_favourite(FavouriteId::from_u128(1), &d, test_now())
        .unwrap_err();
    assert_eq!(
        fields(err),
        [
            "label",
            "productCode",
            "sig.dose",
            "sig.doseUnit",
            "sig.prnIndication",
            "sig.durationDays",
            "quantity",
            "quantityUnit",
            "refills"
        ]
    );
    assert!(db
        .as_user(&staff.physician)
        .favourites(test_now())
        .unwrap()
        .is_empty());
    assert!(!events(&db).iter().any(|e| e.action == "save_favourite"));
}

#[test]
fn refills_stop_at_eleven_and_at_none_for_a_schedule_ii_drug() {
    let (mut db, staff) = practice();
    let mut doc = db.as_user(&staff.physician);
    let mut d = draft("Amoxicillin", AMOXICILLIN_500);
    d.refills = 12;
    assert_eq!(
        fields(
            doc.save_favourite(FavouriteId::from_u128(1), &d, test_now())
                .unwrap_err()
        ),
        ["refills"]
    );
    d.refills = 11;
    doc.save_favourite(FavouriteId::from_u128(1), &d, test_now())
        .unwrap();
    let mut oxy = draft("Oxycodone", OXYCODONE_10);
    oxy.refills = 1;
    let err = doc
        .save_favourite(FavouriteId::from_u128(2), &oxy, test_now())
        .unwrap_err();
    let CoreError::Invalid(errors) = err else {
        panic!()
    };
    assert_eq!(errors[0].field, "refills");
    assert!(
        errors[0].message.contains("schedule II"),
        "{}",
        errors[0].message
    );
    assert_eq!(max_refills(Some(ControlledSchedule::CIV)), 5);
}

#[test]
fn a_retired_favourite_is_no_longer_listed_or_editable_and_the_retirement_is_audited() {
    let (mut db, staff) = practice();
    let id = FavouriteId::from_u128(1);
    let mut doc = db.as_user(&staff.physician);
    doc.save_favourite(id, &draft("Amoxicillin", AMOXICILLIN_500), test_now())
        .unwrap();
    doc.retire_favourite(id, test_now()).unwrap();
    assert!(doc.favourites(test_now()).unwrap().is_empty());
    assert!(matches!(
        doc.retire_favourite(id, test_now()),
        Err(CoreError::Conflict { .. })
    ));
    assert!(matches!(
        doc.save_favourite(id, &draft("Again", AMOXICILLIN_500), test_now()),
        Err(CoreError::Conflict { .. })
    ));
    assert!(matches!(
        doc.retire_favourite(FavouriteId::from_u128(9), test_now()),
        Err(CoreError::NotFound { .. })
    ));
    let stored = db
        .read(|c| crate::store::favourites::list(c, true))
        .unwrap();
    assert_eq!(stored.len(), 1, "retired, not deleted");
    let retired = events(&db)
        .into_iter()
        .filter(|e| e.action == "retire_favourite")
        .collect::<Vec<_>>();
    assert_eq!(retired.len(), 1);
    assert_eq!(retired[0].entity_id, id.to_string());
}

#[test]
fn a_nurse_may_list_but_not_save_or_retire_and_the_front_desk_may_not_list() {
    let (mut db, staff) = practice();
    let id = FavouriteId::from_u128(1);
    db.as_user(&staff.physician)
        .save_favourite(id, &draft("Amoxicillin", AMOXICILLIN_500), test_now())
        .unwrap();
    let mut nurse = db.as_user(&staff.nurse);
    assert_eq!(nurse.favourites(test_now()).unwrap().len(), 1);
    assert!(matches!(
        nurse.save_favourite(
            FavouriteId::from_u128(2),
            &draft("X", AMOXICILLIN_500),
            test_now()
        ),
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        nurse.retire_favourite(id, test_now()),
        Err(CoreError::Forbidden(_))
    ));
    let mut desk = db.as_user(&staff.front_desk);
    assert!(matches!(
        desk.favourites(test_now()),
        Err(CoreError::Forbidden(_))
    ));
    assert!(matches!(
        desk.drug_search("amox", 10, test_now()),
        Err(CoreError::Forbidden(_))
    ));
    let denied: Vec<String> = events(&db)
        .into_iter()
        .filter(|e| e.outcome == Outcome::Denied)
        .map(|e| e.action)
        .collect();
    assert_eq!(
        denied,
        [
            "save_favourite",
            "retire_favourite",
            "list_favourites",
            "search_drugs"
        ]
    );
    assert_eq!(
        db.as_user(&staff.physician)
            .favourites(test_now())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn the_drug_search_offers_matching_favourites_first_then_the_formulary_each_code_once() {
    let (mut db, staff) = practice();
    let mut doc = db.as_user(&staff.physician);
    doc.save_favourite(
        FavouriteId::from_u128(1),
        &draft("Amoxicillin for otitis", AMOXICILLIN_500),
        test_now(),
    )
    .unwrap();
    let hits = doc.drug_search("amox", 20, test_now()).unwrap();
    assert_eq!(hits[0].product.code, AMOXICILLIN_500);
    assert!(hits[0].favourite);
    assert!(hits[1..].iter().all(|h| !h.favourite));
    let codes: std::collections::HashSet<&str> =
        hits.iter().map(|h| h.product.code.as_str()).collect();
    assert_eq!(codes.len(), hits.len(), "each code once");
    assert_eq!(hits.len(), formulary::search("amox", 50).len());
    // A favourite that does not match stays out; an empty box offers the favourites.
    let warfarin = doc.drug_search("coumadin", 5, test_now()).unwrap();
    assert!(warfarin.iter().all(|h| !h.favourite && h.via.is_some()));
    let empty = doc.drug_search("", 5, test_now()).unwrap();
    assert_eq!(empty.len(), 1);
    assert!(empty[0].favourite);
    assert_eq!(
        doc.drug_search("a", 500, test_now()).unwrap().len(),
        formulary::MAX_LIMIT
    );
    assert_eq!(
        doc.drug_product(AMOXICILLIN_500, test_now()).unwrap().code,
        AMOXICILLIN_500
    );
    assert!(matches!(
        doc.drug_product("rx:0", test_now()),
        Err(CoreError::NotFound { .. })
    ));
}
