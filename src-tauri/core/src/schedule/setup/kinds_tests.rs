//! Tests of appointment types and rooms, and that the database refuses to delete any part
//! of the set-up.

use super::tests::{audit_rows, block_draft, fields, iv, practice, type_draft, with_provider};
use super::*;
use crate::ids::{AppointmentTypeId, AvailabilityId, BlockId, RoomId};
use crate::store;
use crate::testing::test_now;

#[test]
fn appointment_types_take_five_minute_steps_and_unique_names() {
    let (mut db, staff) = practice();
    let mut admin = db.as_user(&staff.admin);
    for (minutes, ok) in [
        (4, false),
        (5, true),
        (17, false),
        (480, true),
        (485, false),
    ] {
        let r = admin.save_appointment_type(
            AppointmentTypeId::from_u128(50),
            &type_draft("Counselling", minutes),
            test_now(),
        );
        assert_eq!(r.is_ok(), ok, "{minutes}: {r:?}");
        if !ok {
            assert_eq!(fields(r.unwrap_err()), vec!["defaultMinutes"]);
        }
    }
    let e = admin
        .save_appointment_type(
            AppointmentTypeId::from_u128(51),
            &type_draft("follow-UP", 15),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(e), vec!["name"]);
    let mut bad = type_draft("  ", 15);
    bad.colour = "red".into();
    assert_eq!(
        fields(
            admin
                .save_appointment_type(AppointmentTypeId::from_u128(51), &bad, test_now())
                .unwrap_err()
        ),
        vec!["name", "colour"]
    );
    // Renaming a starter type keeps its id; retiring one frees its name.
    let follow_up = AppointmentTypeId::from_u128(0x0006_0000_0000_0002);
    let mut retire = type_draft("Follow-up", 15);
    retire.retired = true;
    let retired = admin
        .save_appointment_type(follow_up, &retire, test_now())
        .unwrap();
    assert!(retired.retired);
    let fresh = admin
        .save_appointment_type(
            AppointmentTypeId::from_u128(51),
            &type_draft("Follow-up", 20),
            test_now(),
        )
        .unwrap();
    assert_eq!(fresh.default_minutes, 20);
    let all = db.read(store::schedule_setup::appointment_types).unwrap();
    assert_eq!(all.len(), 10);
    assert_eq!(audit_rows(&db, "save_appointment_type").len(), 4);
}

#[test]
fn rooms_are_added_renamed_and_retired_with_unique_names() {
    let (mut db, staff) = practice();
    let mut admin = db.as_user(&staff.admin);
    let room = |name: &str, retired: bool| RoomDraft {
        name: name.into(),
        display_order: 1,
        retired,
    };
    admin
        .save_room(RoomId::from_u128(1), &room("Exam  1", false), test_now())
        .unwrap();
    let e = admin
        .save_room(RoomId::from_u128(2), &room("exam 1", false), test_now())
        .unwrap_err();
    assert_eq!(fields(e), vec!["name"]);
    assert_eq!(
        fields(
            admin
                .save_room(RoomId::from_u128(2), &room("", false), test_now())
                .unwrap_err()
        ),
        vec!["name"]
    );
    let renamed = admin
        .save_room(RoomId::from_u128(1), &room("Exam 1A", true), test_now())
        .unwrap();
    assert_eq!(renamed.name, "Exam 1A");
    assert!(renamed.retired);
    assert_eq!(db.read(store::schedule_setup::rooms).unwrap().len(), 1);
    let rows = audit_rows(&db, "save_room");
    assert_eq!(rows.len(), 2);
    assert!(rows[0].2.starts_with("Exam 1 added"), "{rows:?}");
}

#[test]
fn the_database_refuses_to_delete_any_part_of_the_set_up() {
    let (mut db, staff) = practice();
    with_provider(&mut db, &staff);
    let mut admin = db.as_user(&staff.admin);
    admin
        .save_room(
            RoomId::from_u128(1),
            &RoomDraft {
                name: "Exam 1".into(),
                display_order: 1,
                retired: false,
            },
            test_now(),
        )
        .unwrap();
    admin
        .save_availability(
            &AvailabilityDraft {
                provider_id: staff.physician.user_id(),
                effective_from: "2026-12-01".into(),
                intervals: vec![iv(1, "08:00", "12:00")],
            },
            AvailabilityId::from_u128(1),
            test_now(),
        )
        .unwrap();
    admin
        .block_time(
            &block_draft(None, "2026-12-24", "2026-12-24", true),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap();
    for table in [
        "schedule_providers",
        "practice_hours",
        "availability_templates",
        "availability_intervals",
        "schedule_blocks",
        "appointment_types",
        "rooms",
    ] {
        let r = db.write(|tx| Ok(tx.execute(&format!("DELETE FROM {table}"), [])?));
        let e = r.expect_err(table).to_string();
        assert!(e.contains("never"), "{table}: {e}");
    }
}
