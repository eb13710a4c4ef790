//! Recurring series end to end in the core: occurrences stay at their local time across the
//! clock changes, month ends and leap days; a series crossing a holiday is refused or booked
//! around it; "this and following" splits the series and leaves the earlier ones alone;
//! exceptions survive series edits; cancelling keeps what came before; nothing is deleted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::audit::AuditQuery;
use charta_core::error::CoreError;
use charta_core::ids::{AppointmentId, AppointmentTypeId, SeriesId};
use charta_core::schedule::time::{local_to_utc, utc_to_local};
use charta_core::schedule::{
    Appointment, AppointmentChange, AppointmentDraft, AppointmentStatus, CancelKind, CollisionKind,
    Frequency, RecurrenceEnd, RecurrenceRule, SeriesScope,
};
use charta_core::testing::{
    history_changes, schedule_recurrence_practice, schedule_row_counts, series_occurrences,
    series_split, test_now, Staff,
};
use charta_core::{ChartDb, PatientId};
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Timelike, Utc};
use chrono_tz::Tz;

fn chicago() -> Tz {
    "America/Chicago".parse().unwrap()
}

/// A Chicago wall-clock time as the instant stored.
fn local(text: &str) -> DateTime<Utc> {
    local_to_utc(
        chicago(),
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap(),
    )
}

fn shown(t: DateTime<Utc>) -> String {
    utc_to_local(chicago(), t)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn follow_up() -> AppointmentTypeId {
    AppointmentTypeId::parse("00000000-0000-0000-0006-000000000002").unwrap()
}

struct Setup {
    db: ChartDb,
    staff: Staff,
    patient: PatientId,
}

fn practice() -> Setup {
    let mut db = ChartDb::open_in_memory().unwrap();
    let (staff, patient) = schedule_recurrence_practice(&mut db, test_now()).unwrap();
    Setup { db, staff, patient }
}

fn draft(s: &Setup, starts: &str) -> AppointmentDraft {
    AppointmentDraft {
        patient_id: s.patient,
        provider_id: s.staff.physician.user_id(),
        type_id: follow_up(),
        room_id: None,
        starts_at: local(starts),
        minutes: 15,
        reason: "blood pressure check".into(),
        note: String::new(),
        overbook_reason: None,
    }
}

fn rule(frequency: Frequency, interval: u32, count: u32) -> RecurrenceRule {
    RecurrenceRule {
        frequency,
        interval,
        ends: RecurrenceEnd::Count { count },
    }
}

fn series(n: u128) -> SeriesId {
    SeriesId::from_u128(0x5e_0000 + n)
}

fn first(n: u128) -> AppointmentId {
    AppointmentId::from_u128(n << 32)
}

/// Books `rule` from `starts` as series `n`, all occurrences expected to fit.
fn book(s: &mut Setup, n: u128, starts: &str, rule: &RecurrenceRule) -> Vec<Appointment> {
    let d = draft(s, starts);
    let booking =
        s.db.as_user(&s.staff.front_desk)
            .book_series(&d, rule, false, series(n), first(n), test_now())
            .unwrap();
    assert!(booking.skipped.is_empty());
    booking.booked
}

fn change_of(a: &Appointment, starts: &str) -> AppointmentChange {
    AppointmentChange {
        provider_id: a.provider_id,
        type_id: a.type_id,
        room_id: a.room_id,
        starts_at: local(starts),
        minutes: 15,
        reason: a.reason.clone(),
        note: a.note.clone(),
        overbook_reason: None,
    }
}

fn field(e: &CoreError) -> Vec<&str> {
    e.field_errors().iter().map(|f| f.field.as_str()).collect()
}

#[test]
fn a_weekly_nine_oclock_stays_nine_oclock_across_the_march_and_november_clock_changes() {
    let mut s = practice();
    // Mondays from 1 March 2027 to 29 November 2027: clocks go forward on 14 March and
    // back on 7 November.
    let booked = book(
        &mut s,
        1,
        "2027-03-01 09:00",
        &rule(Frequency::Weekly, 1, 40),
    );
    assert_eq!(booked.len(), 40);
    assert!(booked
        .iter()
        .all(|a| shown(a.starts_at).ends_with(" 09:00")));
    let utc_hours: Vec<u32> = booked.iter().map(|a| a.starts_at.hour()).collect();
    assert_eq!(utc_hours[0], 15, "CST is UTC−6");
    assert_eq!(utc_hours[2], 14, "15 March is daylight time, UTC−5");
    assert_eq!(
        *utc_hours.last().unwrap(),
        15,
        "29 November is standard time again"
    );
    assert_eq!(shown(booked[2].starts_at), "2027-03-15 09:00");
    assert_eq!(shown(booked[35].starts_at), "2027-11-01 09:00");
    assert_eq!(shown(booked[36].starts_at), "2027-11-08 09:00");
    assert_eq!(
        booked
            .iter()
            .map(|a| a.occurrence.unwrap())
            .collect::<Vec<_>>(),
        (0..40).collect::<Vec<u32>>()
    );
}

#[test]
fn a_monthly_series_on_the_31st_falls_on_the_30th_in_april_and_returns_to_the_31st() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2027-03-31 10:00",
        &rule(Frequency::Monthly, 1, 3),
    );
    let got: Vec<String> = booked.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(
        got,
        ["2027-03-31 10:00", "2027-04-30 10:00", "2027-05-31 10:00"]
    );
}

#[test]
fn a_yearly_series_on_a_leap_day_falls_on_the_28th_of_february_in_a_common_year() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2028-02-29 11:00",
        &rule(Frequency::Monthly, 12, 2),
    );
    let got: Vec<String> = booked.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(got, ["2028-02-29 11:00", "2029-02-28 11:00"]);
}

#[test]
fn the_second_tuesday_of_each_month_is_booked_on_the_second_tuesday() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-08 09:00",
        &rule(Frequency::MonthlyByWeekday, 1, 4),
    );
    let got: Vec<String> = booked.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(
        got,
        [
            "2026-12-08 09:00",
            "2027-01-12 09:00",
            "2027-02-09 09:00",
            "2027-03-09 09:00"
        ]
    );
}

#[test]
fn a_series_crossing_the_holiday_is_refused_naming_that_date_then_booked_around_it() {
    let mut s = practice();
    let d = draft(&s, "2026-12-10 09:00");
    let r = rule(Frequency::Weekly, 1, 4);
    let preview =
        s.db.as_user(&s.staff.front_desk)
            .preview_series(&d, &r, test_now())
            .unwrap();
    assert_eq!(preview.len(), 4);
    assert!(preview[2]
        .collisions
        .iter()
        .any(|c| c.kind == CollisionKind::Blocked));
    assert!([0, 1, 3].iter().all(|&i| preview[i].collisions.is_empty()));

    let e =
        s.db.as_user(&s.staff.front_desk)
            .book_series(&d, &r, false, series(1), first(1), test_now())
            .unwrap_err();
    assert_eq!(field(&e), ["collisions"]);
    let message = &e.field_errors()[0].message;
    assert!(message.contains("Thu 24 Dec 2026"), "{message}");
    assert!(message.contains("Christmas Eve"), "{message}");
    assert_eq!(
        schedule_row_counts(&s.db).unwrap(),
        (0, 0),
        "nothing written"
    );

    let booking =
        s.db.as_user(&s.staff.front_desk)
            .book_series(&d, &r, true, series(1), first(1), test_now())
            .unwrap();
    assert_eq!(booking.series_id, series(1));
    assert_eq!(
        booking
            .booked
            .iter()
            .map(|a| (shown(a.starts_at), a.occurrence.unwrap()))
            .collect::<Vec<_>>(),
        [
            ("2026-12-10 09:00".to_string(), 0),
            ("2026-12-17 09:00".to_string(), 1),
            ("2026-12-31 09:00".to_string(), 3)
        ]
    );
    assert_eq!(booking.skipped.len(), 1);
    assert_eq!(shown(booking.skipped[0].starts_at), "2026-12-24 09:00");
    assert_eq!(schedule_row_counts(&s.db).unwrap(), (3, 1));
    for a in &booking.booked {
        assert_eq!(history_changes(&s.db, a.id).unwrap(), ["booked"]);
    }

    let entries =
        s.db.as_user(&s.staff.admin)
            .audit_report(
                &AuditQuery {
                    action: Some("book_series".into()),
                    ..Default::default()
                },
                test_now() + Duration::hours(1),
            )
            .unwrap()
            .entries;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].patient_id, Some(s.patient));
    assert!(
        entries[0]
            .detail
            .contains("Every week on Thursday, 4 times: 3 booked, 1 skipped"),
        "{}",
        entries[0].detail
    );
}

#[test]
fn a_series_over_the_holiday_with_an_overbook_reason_books_all_and_marks_the_one_that_collides() {
    let mut s = practice();
    let mut d = draft(&s, "2026-12-17 09:00");
    d.overbook_reason = Some("patient insists".into());
    let booking =
        s.db.as_user(&s.staff.front_desk)
            .book_series(
                &d,
                &rule(Frequency::Weekly, 1, 2),
                false,
                series(1),
                first(1),
                test_now(),
            )
            .unwrap();
    assert_eq!(booking.booked.len(), 2);
    assert_eq!(booking.booked[0].overbook_reason, None);
    assert_eq!(
        booking.booked[1].overbook_reason.as_deref(),
        Some("patient insists")
    );
}

#[test]
fn a_rule_beyond_the_limits_is_refused_by_field_and_nothing_is_written() {
    let mut s = practice();
    let mut d = draft(&s, "2026-12-01 09:00");
    let mut desk = s.db.as_user(&s.staff.front_desk);
    let too_many = desk
        .book_series(
            &d,
            &rule(Frequency::Weekly, 1, 105),
            false,
            series(1),
            first(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(field(&too_many), ["rule.ends"]);
    let no_interval = desk
        .book_series(
            &d,
            &rule(Frequency::Weekly, 0, 3),
            false,
            series(1),
            first(1),
            test_now(),
        )
        .unwrap_err();
    assert_eq!(field(&no_interval), ["rule.interval"]);
    let three_years = RecurrenceRule {
        frequency: Frequency::Monthly,
        interval: 6,
        ends: RecurrenceEnd::Until {
            date: NaiveDate::from_ymd_opt(2029, 12, 1).unwrap(),
        },
    };
    let e = desk
        .book_series(&d, &three_years, false, series(1), first(1), test_now())
        .unwrap_err();
    assert_eq!(field(&e), ["rule.ends"]);
    d.minutes = 3;
    let both = desk
        .preview_series(&d, &rule(Frequency::Daily, 0, 3), test_now())
        .unwrap_err();
    assert_eq!(field(&both), ["rule.interval", "minutes"]);
    assert_eq!(schedule_row_counts(&s.db).unwrap(), (0, 0));
    // The limit itself is allowed.
    d.minutes = 15;
    let booked = book(
        &mut s,
        2,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 104),
    );
    assert_eq!(booked.len(), 104);
}

#[test]
fn this_and_following_at_the_fourth_of_six_keeps_the_first_three_and_moves_the_rest_to_a_new_series(
) {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 6),
    );
    let clicked = &booked[3];
    let changed =
        s.db.as_user(&s.staff.front_desk)
            .change_series(
                clicked.id,
                clicked.version,
                &change_of(clicked, "2026-12-22 10:30"),
                SeriesScope::Following,
                series(2),
                test_now(),
            )
            .unwrap();
    assert_eq!(changed.len(), 3);

    let old = series_occurrences(&s.db, series(1)).unwrap();
    assert_eq!(
        old.iter()
            .map(|a| (shown(a.starts_at), a.occurrence.unwrap(), a.version))
            .collect::<Vec<_>>(),
        [
            ("2026-12-01 09:00".to_string(), 0, 1),
            ("2026-12-08 09:00".to_string(), 1, 1),
            ("2026-12-15 09:00".to_string(), 2, 1)
        ]
    );
    let new = series_occurrences(&s.db, series(2)).unwrap();
    assert_eq!(
        new.iter()
            .map(|a| (shown(a.starts_at), a.occurrence.unwrap(), a.version))
            .collect::<Vec<_>>(),
        [
            ("2026-12-22 10:30".to_string(), 0, 2),
            ("2026-12-29 10:30".to_string(), 1, 2),
            ("2027-01-05 10:30".to_string(), 2, 2)
        ]
    );
    assert_eq!(
        series_split(&s.db, series(2)).unwrap(),
        (Some(series(1).to_string()), None)
    );
    assert_eq!(series_split(&s.db, series(1)).unwrap(), (None, Some(2)));
    assert_eq!(
        history_changes(&s.db, booked[4].id).unwrap(),
        ["booked", "moved"]
    );
    assert_eq!(history_changes(&s.db, booked[0].id).unwrap(), ["booked"]);
    assert_eq!(
        schedule_row_counts(&s.db).unwrap(),
        (6, 2),
        "nothing deleted"
    );
}

#[test]
fn an_occurrence_edited_on_its_own_is_left_alone_by_following_and_all() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 6),
    );
    let mut desk = s.db.as_user(&s.staff.front_desk);
    let alone = desk
        .change_series(
            booked[4].id,
            1,
            &change_of(&booked[4], "2026-12-29 11:00"),
            SeriesScope::This,
            series(9),
            test_now(),
        )
        .unwrap();
    assert_eq!(alone.len(), 1);
    assert!(alone[0].is_exception);

    let following = desk
        .change_series(
            booked[2].id,
            1,
            &change_of(&booked[2], "2026-12-15 10:00"),
            SeriesScope::Following,
            series(2),
            test_now(),
        )
        .unwrap();
    let moved: Vec<u32> = following.iter().map(|a| a.occurrence.unwrap()).collect();
    assert_eq!(
        moved,
        [0, 1, 3],
        "occurrences 2, 3 and 5 of the old series, from 2"
    );
    assert!(following.iter().all(|a| a.series_id == Some(series(2))));

    let all = desk
        .change_series(
            booked[0].id,
            1,
            &change_of(&booked[0], "2026-12-01 08:30"),
            SeriesScope::All,
            series(3),
            test_now(),
        )
        .unwrap();
    assert_eq!(all.len(), 2, "occurrences 0 and 1; the exception is kept");
    let old = series_occurrences(&s.db, series(1)).unwrap();
    let times: Vec<String> = old.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(
        times,
        ["2026-12-01 08:30", "2026-12-08 08:30", "2026-12-29 11:00"]
    );
    assert_eq!(
        history_changes(&s.db, booked[4].id).unwrap(),
        ["booked", "moved"]
    );
}

#[test]
fn a_series_change_onto_the_holiday_is_refused_whole_unless_overbooked() {
    let mut s = practice();
    // Wednesdays 16, 23, 30 December; a day later the second lands on Christmas Eve.
    let booked = book(
        &mut s,
        1,
        "2026-12-16 09:00",
        &rule(Frequency::Weekly, 1, 3),
    );
    let mut change = change_of(&booked[0], "2026-12-17 09:00");
    let e =
        s.db.as_user(&s.staff.front_desk)
            .change_series(
                booked[0].id,
                1,
                &change,
                SeriesScope::All,
                series(2),
                test_now(),
            )
            .unwrap_err();
    assert_eq!(field(&e), ["collisions"]);
    assert!(e.field_errors()[0].message.contains("Thu 24 Dec 2026"));
    let unchanged = series_occurrences(&s.db, series(1)).unwrap();
    assert!(unchanged.iter().all(|a| a.version == 1));
    assert_eq!(shown(unchanged[1].starts_at), "2026-12-23 09:00");

    change.overbook_reason = Some("doctor is in that day".into());
    let changed =
        s.db.as_user(&s.staff.front_desk)
            .change_series(
                booked[0].id,
                1,
                &change,
                SeriesScope::All,
                series(2),
                test_now(),
            )
            .unwrap();
    let times: Vec<String> = changed.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(
        times,
        ["2026-12-17 09:00", "2026-12-24 09:00", "2026-12-31 09:00"]
    );
    assert_eq!(
        changed[1].overbook_reason.as_deref(),
        Some("doctor is in that day")
    );
    assert_eq!(changed[0].overbook_reason, None);
}

#[test]
fn a_stale_version_of_the_clicked_occurrence_is_a_conflict() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 3),
    );
    let mut desk = s.db.as_user(&s.staff.front_desk);
    let e = desk
        .change_series(
            booked[1].id,
            7,
            &change_of(&booked[1], "2026-12-08 10:00"),
            SeriesScope::Following,
            series(2),
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(e, CoreError::Conflict { .. }), "{e:?}");
    let e = desk
        .cancel_series(
            booked[1].id,
            7,
            CancelKind::Patient,
            "moving away",
            SeriesScope::All,
            test_now(),
        )
        .unwrap_err();
    assert!(matches!(e, CoreError::Conflict { .. }), "{e:?}");
}

#[test]
fn cancelling_this_and_following_keeps_the_earlier_ones_booked_and_deletes_nothing() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 6),
    );
    let blank =
        s.db.as_user(&s.staff.front_desk)
            .cancel_series(
                booked[2].id,
                1,
                CancelKind::Patient,
                " ",
                SeriesScope::Following,
                test_now(),
            )
            .unwrap_err();
    assert_eq!(field(&blank), ["reason"]);
    let cancelled =
        s.db.as_user(&s.staff.front_desk)
            .cancel_series(
                booked[2].id,
                1,
                CancelKind::Patient,
                "moving away",
                SeriesScope::Following,
                test_now(),
            )
            .unwrap();
    assert_eq!(cancelled.len(), 4);
    let all = series_occurrences(&s.db, series(1)).unwrap();
    let statuses: Vec<AppointmentStatus> = all.iter().map(|a| a.status).collect();
    use AppointmentStatus::{Booked, Cancelled};
    assert_eq!(
        statuses,
        [Booked, Booked, Cancelled, Cancelled, Cancelled, Cancelled]
    );
    assert!(all[2..]
        .iter()
        .all(|a| a.cancel_kind == Some(CancelKind::Patient)
            && a.cancel_reason.as_deref() == Some("moving away")
            && a.version == 2));
    assert_eq!(
        history_changes(&s.db, booked[5].id).unwrap(),
        ["booked", "cancelled"]
    );
    assert_eq!(history_changes(&s.db, booked[1].id).unwrap(), ["booked"]);
    assert_eq!(schedule_row_counts(&s.db).unwrap(), (6, 1));
    // Cancelling the cancelled one again is refused.
    let again =
        s.db.as_user(&s.staff.front_desk)
            .cancel_series(
                booked[3].id,
                2,
                CancelKind::Patient,
                "again",
                SeriesScope::This,
                test_now(),
            )
            .unwrap_err();
    assert_eq!(field(&again), ["status"]);
}

#[test]
fn cancelling_all_leaves_the_occurrences_already_past() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 4),
    );
    // A week into the series, the first occurrence is past.
    let later = local("2026-12-08 08:00");
    let cancelled =
        s.db.as_user(&s.staff.front_desk)
            .cancel_series(
                booked[2].id,
                1,
                CancelKind::Practice,
                "provider leaving",
                SeriesScope::All,
                later,
            )
            .unwrap();
    let ids: Vec<AppointmentId> = cancelled.iter().map(|a| a.id).collect();
    assert_eq!(ids, [booked[2].id, booked[1].id, booked[3].id]);
    let first = &series_occurrences(&s.db, series(1)).unwrap()[0];
    assert_eq!(first.status, AppointmentStatus::Booked);
}

#[test]
fn an_admin_may_not_book_a_series() {
    let mut s = practice();
    let d = draft(&s, "2026-12-01 09:00");
    let e =
        s.db.as_user(&s.staff.admin)
            .book_series(
                &d,
                &rule(Frequency::Weekly, 1, 2),
                false,
                series(1),
                first(1),
                test_now(),
            )
            .unwrap_err();
    assert!(matches!(e, CoreError::Forbidden(_)), "{e:?}");
    assert_eq!(schedule_row_counts(&s.db).unwrap(), (0, 0));
}

#[test]
fn previewing_changing_and_cancelling_a_series_each_leave_one_audit_row_naming_the_patient() {
    let mut s = practice();
    let d = draft(&s, "2026-12-01 09:00");
    let r = rule(Frequency::Weekly, 1, 3);
    s.db.as_user(&s.staff.front_desk)
        .preview_series(&d, &r, test_now())
        .unwrap();
    let booked = book(&mut s, 1, "2026-12-01 09:00", &r);
    s.db.as_user(&s.staff.front_desk)
        .change_series(
            booked[1].id,
            1,
            &change_of(&booked[1], "2026-12-08 10:00"),
            SeriesScope::Following,
            series(2),
            test_now(),
        )
        .unwrap();
    s.db.as_user(&s.staff.front_desk)
        .cancel_series(
            booked[0].id,
            1,
            CancelKind::Practice,
            "provider away",
            SeriesScope::This,
            test_now(),
        )
        .unwrap();
    for (action, detail) in [
        (
            "preview_series",
            "Every week on Tuesday, 3 times: 3 appointments, 0 colliding",
        ),
        ("change_series", "this and following: 2 changed"),
        (
            "cancel_series",
            "this one: 1 cancelled by the practice (provider away)",
        ),
    ] {
        let entries =
            s.db.as_user(&s.staff.admin)
                .audit_report(
                    &AuditQuery {
                        action: Some(action.into()),
                        ..Default::default()
                    },
                    test_now() + Duration::hours(1),
                )
                .unwrap()
                .entries;
        assert_eq!(entries.len(), 1, "{action}");
        assert_eq!(entries[0].patient_id, Some(s.patient), "{action}");
        assert_eq!(entries[0].detail, detail);
    }
}

#[test]
fn changing_all_moves_only_the_occurrences_from_the_practices_today_on() {
    let mut s = practice();
    let booked = book(
        &mut s,
        1,
        "2026-12-01 09:00",
        &rule(Frequency::Weekly, 1, 6),
    );
    // Wednesday 9 December: the first two Tuesdays are past.
    let later = local("2026-12-09 12:00");
    let changed =
        s.db.as_user(&s.staff.front_desk)
            .change_series(
                booked[3].id,
                1,
                &change_of(&booked[3], "2026-12-22 14:00"),
                SeriesScope::All,
                series(2),
                later,
            )
            .unwrap();
    let mut moved: Vec<u32> = changed.iter().map(|a| a.occurrence.unwrap()).collect();
    moved.sort();
    assert_eq!(moved, [2, 3, 4, 5]);
    let all = series_occurrences(&s.db, series(1)).unwrap();
    let times: Vec<String> = all.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(
        times,
        [
            "2026-12-01 09:00",
            "2026-12-08 09:00",
            "2026-12-15 14:00",
            "2026-12-22 14:00",
            "2026-12-29 14:00",
            "2027-01-05 14:00"
        ]
    );
    assert!(all
        .iter()
        .all(|a| a.series_id == Some(series(1)) && !a.is_exception));
}
