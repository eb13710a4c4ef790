//! Editing and cancelling a series: this one, this and following, all; exceptions kept;
//! collisions refuse the whole change; conflicts; history and audit rows; nothing deleted.

use super::*;

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
