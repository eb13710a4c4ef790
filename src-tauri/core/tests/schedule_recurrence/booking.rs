//! Booking a series: local times across the clock changes, month ends, leap days, the Nth
//! weekday, a holiday refused or skipped or overbooked, the rule's limits, who may book.

use super::*;

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
