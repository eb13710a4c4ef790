//! Tests of blocked time: the front desk blocks and lifts it, all-day blocks across clock
//! changes, bounds checked, nothing deleted.

use super::tests::{audit_rows, block_draft, date, fields, practice, with_provider};
use crate::error::CoreError;
use crate::ids::{AppointmentId, AppointmentTypeId, BlockId, PatientId};
use crate::schedule::BlockKind;
use crate::store;
use crate::testing::{person, test_now};
use chrono::{DateTime, Duration, TimeZone, Utc};

#[test]
fn the_front_desk_blocks_time_and_sees_the_booked_appointments_it_covers() {
    let (mut db, staff) = practice();
    with_provider(&mut db, &staff);
    let doc = staff.physician.user_id();
    let patient = PatientId::from_u128(77);
    db.as_user(&staff.front_desk)
        .register_patient(
            &person("Smith", "Jane", "1980-01-02", ""),
            true,
            patient,
            test_now(),
        )
        .unwrap();
    let at = |h: u32| Utc.with_ymd_and_hms(2026, 12, 3, h, 0, 0).unwrap();
    db.write(|tx| {
        for (n, h) in [(1u128, 14u32), (2, 15)] {
            let new = store::appointments::NewAppointment {
                patient_id: patient,
                provider_id: doc,
                room_id: None,
                type_id: AppointmentTypeId::from_u128(0x0006_0000_0000_0002),
                starts_at: at(h),
                ends_at: at(h) + Duration::minutes(15),
                reason: "",
                note: "",
                overbook_reason: None,
                series: None,
            };
            store::appointments::insert(tx, AppointmentId::from_u128(n), &new, doc, test_now())?;
        }
        Ok(())
    })
    .unwrap();
    // 09:00–11:00 New York is 14:00–16:00 UTC.
    let mut draft = block_draft(Some(doc), "2026-12-03T09:00", "2026-12-03T11:00", false);
    draft.kind = BlockKind::Meeting;
    let result = db
        .as_user(&staff.front_desk)
        .block_time(&draft, BlockId::from_u128(1), test_now())
        .unwrap();
    assert_eq!(result.covered_appointments, 2);
    assert_eq!(result.block.starts_at, at(14));
    assert_eq!(result.block.ends_at, at(16));
    assert_eq!(result.block.provider_name.as_deref(), Some("Test doc"));
    let listed = db
        .as_user(&staff.front_desk)
        .list_blocks(date("2026-12-03"), date("2026-12-03"), test_now())
        .unwrap();
    assert_eq!(listed, vec![result.block.clone()]);
    let rows = audit_rows(&db, "block_time");
    assert_eq!(rows[0].0, "block");
    assert!(
        rows[0]
            .2
            .contains("Meeting, Test doc, 2026-12-03 09:00–2026-12-03 11:00")
            && rows[0].2.contains("covers 2"),
        "{rows:?}"
    );
    let physician = db
        .as_user(&staff.physician)
        .block_time(&draft, BlockId::from_u128(2), test_now())
        .unwrap_err();
    assert!(matches!(physician, CoreError::Forbidden(_)));
}

#[test]
fn an_all_day_holiday_covers_the_local_day_even_when_the_clocks_change() {
    let (mut db, staff) = practice();
    let mut admin = db.as_user(&staff.admin);
    let spring = admin
        .block_time(
            &block_draft(None, "2027-03-14", "2027-03-14", true),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap()
        .block;
    assert_eq!(spring.ends_at - spring.starts_at, Duration::hours(23));
    assert_eq!(
        spring.starts_at,
        Utc.with_ymd_and_hms(2027, 3, 14, 5, 0, 0).unwrap()
    );
    let autumn = admin
        .block_time(
            &block_draft(None, "2027-11-07", "2027-11-07", true),
            BlockId::from_u128(2),
            test_now(),
        )
        .unwrap()
        .block;
    assert_eq!(autumn.ends_at - autumn.starts_at, Duration::hours(25));
    assert_eq!(autumn.provider_id, None);
    let week = admin
        .block_time(
            &block_draft(None, "2026-12-24", "2026-12-26", true),
            BlockId::from_u128(3),
            test_now(),
        )
        .unwrap()
        .block;
    assert_eq!(week.ends_at - week.starts_at, Duration::hours(72));
}

#[test]
fn a_block_needs_readable_bounds_in_order_and_a_known_provider() {
    let (mut db, staff) = practice();
    let mut desk = db.as_user(&staff.front_desk);
    let e = desk
        .block_time(
            &block_draft(None, "soon", "2026-12-03T11:00", false),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(e), vec!["startsAt"]);
    let e = desk
        .block_time(
            &block_draft(None, "2026-12-05", "2026-12-04", true),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(e), vec!["endsAt"]);
    let e = desk
        .block_time(
            &block_draft(None, "2026-12-03T11:00", "2026-12-03T11:00", false),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(e), vec!["endsAt"]);
    let e = desk
        .block_time(
            &block_draft(
                Some(staff.nurse.user_id()),
                "2026-12-03",
                "2026-12-03",
                true,
            ),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(fields(e), vec!["providerId"]);
    let utc = desk
        .block_time(
            &block_draft(None, "2026-12-03T14:00:00Z", "2026-12-03T15:00:00Z", false),
            BlockId::from_u128(1),
            test_now(),
        )
        .unwrap();
    assert_eq!(
        utc.block.starts_at,
        Utc.with_ymd_and_hms(2026, 12, 3, 14, 0, 0).unwrap()
    );
    assert_eq!(utc.covered_appointments, 0);
}

#[test]
fn lifting_a_block_keeps_its_row_and_frees_the_time() {
    let (mut db, staff) = practice();
    let id = BlockId::from_u128(1);
    let when: DateTime<Utc> = test_now() + Duration::hours(1);
    db.as_user(&staff.front_desk)
        .block_time(
            &block_draft(None, "2026-12-24", "2026-12-24", true),
            id,
            test_now(),
        )
        .unwrap();
    let e = db
        .as_user(&staff.front_desk)
        .lift_block(id, "  ", when)
        .unwrap_err();
    assert_eq!(fields(e), vec!["reason"]);
    db.as_user(&staff.front_desk)
        .lift_block(id, "Open after all", when)
        .unwrap();
    let again = db
        .as_user(&staff.front_desk)
        .lift_block(id, "Twice", when)
        .unwrap_err();
    assert_eq!(fields(again), vec!["reason"]);
    let (_, lifted) = db
        .read(|c| store::schedule_setup_edits::block(c, id))
        .unwrap()
        .unwrap();
    assert_eq!(lifted, Some(when));
    let listed = db
        .as_user(&staff.front_desk)
        .list_blocks(date("2026-12-24"), date("2026-12-24"), test_now())
        .unwrap();
    assert!(listed.is_empty());
    let rows = audit_rows(&db, "lift_block");
    assert_eq!(rows.len(), 1);
    assert!(rows[0].2.ends_with("lifted: Open after all"), "{rows:?}");
}
