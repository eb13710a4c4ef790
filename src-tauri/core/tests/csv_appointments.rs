//! Appointments from another EMR's CSV: columns guessed from the header, each row's patient
//! found by chart number or by name and birth date, provider, type and room by name; a dry run
//! that changes nothing but sees the file's own double bookings; coming appointments booked by
//! the desk's rules (a collision refused with what it collides with, unless overbooked with a
//! reason); past ones kept as history with their outcome; a second run books nothing twice;
//! errors by row and column; who may import.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod booking_fixture;

use booking_fixture::*;
use charta_core::csv_import::{
    AppointmentColumn, AppointmentRowOutcome as O, CsvAppointmentOptions, CsvAppointmentReport,
};
use charta_core::schedule::{AppointmentStatus, CancelKind};
use charta_core::CoreError;
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn file(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("appointments.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn run(
    b: &mut Booking,
    path: &Path,
    options: &CsvAppointmentOptions,
    dry_run: bool,
) -> CsvAppointmentReport {
    let admin = b.staff.admin.clone();
    b.db.as_user(&admin)
        .import_appointments_csv(path, options, dry_run, Uuid::from_u128(7), now())
        .unwrap()
}

fn appointment_rows(b: &Booking) -> i64 {
    let conn = rusqlite::Connection::open(b._dir.path().join("chart.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM appointments", [], |r| r.get(0))
        .unwrap()
}

/// Now is Thu 26 Nov 2026, 10:00 in New York. Chart numbers: Okafor 1001, Smith 1002, Lee 1003 (all
/// born 1970-03-04). Line numbers count the header as line 1.
const EXPORT: &str = "\
Appt Date,Time,Length,Last Name,First Name,DOB,Provider,Visit Type,Room,Reason,Status,Old Id
11/30/2026,9:00 AM,15,Okafor,Ada,03/04/1970,Dr Test doc,Follow-up,Room 1,Blood pressure,Booked,A1
11/30/2026,9:30 AM,,Smith,John,03/04/1970,\"doc, Test\",follow up,,,Confirmed,A2
11/30/2026,9:35 AM,20,Lee,May,03/04/1970,Test doc,Follow-up,,Knee,,A3
11/20/2026,2:00 PM,15,Okafor,Ada,03/04/1970,Test doc,Follow-up,,,Attended,A4
11/19/2026,2:00 PM,15,Smith,John,03/04/1970,Test doc,Follow-up,,,No show,A5
11/18/2026,2:00 PM,15,Lee,May,03/04/1970,Test doc,Follow-up,,,Cancelled by practice,A6
12/01/2026,10:00 AM,15,Lee,May,03/04/1970,Test doc,Follow-up,,,Cancelled,A7
12/01/2026,25:00,15,Nobody,Here,03/04/1971,Dr Who,Massage,Room 9,,Rescheduled?,A8
12/07/2026,9:00 AM,15,Okafor,Ada,03/04/1970,Test doc2,Follow-up,,,Booked,A9
11/17/2026,9:00 AM,15,Okafor,Ada,03/04/1970,Test doc,Follow-up,,,Booked,A10
03/15/2027,9:00 AM,15,Smith,John,03/04/1970,Test doc,Follow-up,,,,A11
";

#[test]
fn an_export_is_dry_run_then_booked_by_the_rules_with_past_visits_kept_as_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), EXPORT);
    let mut b = practice();
    let before = appointment_rows(&b);
    let dry = run(&mut b, &path, &CsvAppointmentOptions::default(), true);
    use AppointmentColumn::*;
    assert_eq!(
        dry.mapping,
        [
            Date,
            StartTime,
            Minutes,
            FamilyName,
            GivenName,
            DateOfBirth,
            Provider,
            AppointmentType,
            Room,
            Reason,
            Status,
            Ignore
        ]
    );
    assert!(dry.missing_columns.is_empty());
    assert_eq!(
        dry.date_format,
        Some(charta_core::csv_import::DateFormat::MonthDayYear)
    );
    let outcome = |r: &CsvAppointmentReport, line: u32| {
        r.rows.iter().find(|x| x.row == line).unwrap().clone()
    };
    assert_eq!(outcome(&dry, 2).outcome, O::WouldBook);
    assert_eq!(outcome(&dry, 2).patient, "Okafor, Ada (chart 1001)");
    assert_eq!(outcome(&dry, 2).starts, "2026-11-30 09:00");
    assert_eq!(
        outcome(&dry, 3).outcome,
        O::WouldBook,
        "\"doc, Test\" is Test doc"
    );
    // Lee at 09:35 for 20 minutes runs into nothing of Okafor's, but the file's own 09:30
    // Smith (15 min, the type's length) ends at 09:45: the dry run sees it.
    let lee = outcome(&dry, 4);
    assert_eq!(lee.outcome, O::Collides, "{lee:?}");
    assert!(lee.detail.contains("Smith"), "{}", lee.detail);
    assert_eq!(outcome(&dry, 5).outcome, O::WouldRecord);
    assert_eq!(
        outcome(&dry, 8).outcome,
        O::Skipped,
        "a cancelled coming one"
    );
    let bad = outcome(&dry, 9);
    assert_eq!(bad.outcome, O::Invalid);
    let columns: Vec<&str> = bad.errors.iter().map(|e| e.column.as_str()).collect();
    for column in [
        "Last Name",
        "Time",
        "Provider",
        "Visit Type",
        "Room",
        "Status",
    ] {
        assert!(columns.contains(&column), "{column} in {:?}", bad.errors);
    }
    assert!(
        bad.errors.iter().any(|e| e.message.contains("Test doc")),
        "an unknown provider's error names the schedule's providers: {:?}",
        bad.errors
    );
    let leave = outcome(&dry, 10);
    assert_eq!(leave.outcome, O::Collides, "Dr Two's leave: {leave:?}");
    assert!(leave.detail.contains("Conference"), "{}", leave.detail);
    assert_eq!(
        outcome(&dry, 11).outcome,
        O::Skipped,
        "past and never closed"
    );
    assert_eq!(outcome(&dry, 12).outcome, O::WouldBook);
    assert_eq!(
        (
            dry.booked,
            dry.recorded,
            dry.collides,
            dry.skipped,
            dry.invalid
        ),
        (3, 3, 2, 2, 1)
    );
    assert_eq!(appointment_rows(&b), before, "the dry run changed nothing");

    let real = run(&mut b, &path, &CsvAppointmentOptions::default(), false);
    assert_eq!(
        real.rows.iter().map(|r| r.outcome).collect::<Vec<_>>(),
        [
            O::Booked,
            O::Booked,
            O::Collides,
            O::Recorded,
            O::Recorded,
            O::Recorded,
            O::Skipped,
            O::Invalid,
            O::Collides,
            O::Skipped,
            O::Booked
        ]
    );
    assert_eq!(appointment_rows(&b), before + 6);
    let desk = b.staff.front_desk.clone();
    let smith =
        b.db.as_user(&desk)
            .patient_appointments(patient(2), now())
            .unwrap();
    assert_eq!(smith.no_shows, 1, "the no-show counts on the patient page");
    let next = &smith.upcoming[0];
    assert_eq!(next.status, AppointmentStatus::Confirmed);
    assert_eq!(
        (next.ends_at - next.starts_at).num_minutes(),
        15,
        "the type's length"
    );
    let spring = &smith.upcoming[1];
    assert_eq!(
        spring.starts_at,
        at("2027-03-15 09:00"),
        "09:00 New York time after the clocks changed"
    );
    assert_eq!(spring.starts_at.format("%H:%M").to_string(), "13:00");
    let lee =
        b.db.as_user(&desk)
            .patient_appointments(patient(3), now())
            .unwrap();
    let cancelled = lee
        .past
        .iter()
        .find(|a| a.status == AppointmentStatus::Cancelled)
        .unwrap();
    assert_eq!(cancelled.cancel_kind, Some(CancelKind::Practice));
    let ada =
        b.db.as_user(&desk)
            .patient_appointments(patient(1), now())
            .unwrap();
    let attended = &ada.past[0];
    assert_eq!(attended.status, AppointmentStatus::CheckedOut);
    let history =
        b.db.as_user(&desk)
            .appointment_history(attended.id, now())
            .unwrap();
    assert!(
        history.iter().any(|h| h.detail.contains("line 5 of")),
        "the history says where it came from: {history:?}"
    );
    assert_eq!(ada.upcoming[0].room_name.as_deref(), Some("Room 1"));
    // A booking from the file has one history row, its booking, saying where it came from.
    let booked =
        b.db.as_user(&desk)
            .appointment_history(ada.upcoming[0].id, now())
            .unwrap();
    assert_eq!(
        booked.iter().map(|h| h.change.as_str()).collect::<Vec<_>>(),
        ["booked"],
        "{booked:?}"
    );
    assert!(
        booked[0].detail.contains("imported from line"),
        "{booked:?}"
    );

    // A second run books nothing twice.
    let again = run(&mut b, &path, &CsvAppointmentOptions::default(), false);
    assert_eq!(again.already_booked, 6);
    assert_eq!(again.booked + again.recorded, 0);
    assert_eq!(appointment_rows(&b), before + 6);

    let matched = b.audit("import_csv_match");
    assert!(
        !matched.is_empty(),
        "the rows matched to charts are audited as a read"
    );
    assert_eq!(b.audit("import_csv_appointments").len(), 2);
    assert_eq!(b.audit("import_csv_appointments_dry_run").len(), 1);
    assert_eq!(
        b.audit("import_csv_appointment").len(),
        3,
        "one per past visit kept"
    );
}

#[test]
fn an_overbook_reason_books_the_colliding_rows_and_the_chart_number_finds_the_patient() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        dir.path(),
        "MRN,Start,Provider,Type,Minutes\n\
         1001,2026-11-30 09:00,Test doc,Follow-up,15\n\
         #1002,2026-11-30T09:05,Test doc,Follow-up,15\n\
         99,2026-11-30 10:00,Test doc,Follow-up,15\n\
         1003,2026-11-30 10:00,Test doc,Follow-up,none\n",
    );
    let mut b = practice();
    let options = CsvAppointmentOptions {
        overbook_reason: Some("Booked this way in the old system".into()),
        ..Default::default()
    };
    let report = run(&mut b, &path, &options, false);
    assert_eq!(
        report.date_format,
        Some(charta_core::csv_import::DateFormat::Iso)
    );
    let outcomes: Vec<O> = report.rows.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [O::Booked, O::Booked, O::Invalid, O::Invalid],
        "{report:#?}"
    );
    assert!(
        report.rows[1].detail.contains("overbooked"),
        "{:?}",
        report.rows[1]
    );
    assert_eq!(report.rows[2].errors[0].column, "MRN");
    assert!(report.rows[2].errors[0].message.contains("99"));
    assert_eq!(report.rows[3].errors[0].column, "Minutes");
    assert_eq!(b.audit("overbook_appointment").len(), 1);
}

#[test]
fn a_file_without_the_needed_columns_reads_no_row_and_only_the_admin_may_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(dir.path(), "Name,When\nOkafor,Monday\n");
    let mut b = practice();
    let report = run(&mut b, &path, &CsvAppointmentOptions::default(), true);
    assert!(report.rows.is_empty());
    assert_eq!(
        report.missing_columns.len(),
        4,
        "{:?}",
        report.missing_columns
    );
    let wrong = CsvAppointmentOptions {
        mapping: Some(vec![AppointmentColumn::FamilyName]),
        ..Default::default()
    };
    let admin = b.staff.admin.clone();
    let err =
        b.db.as_user(&admin)
            .import_appointments_csv(&path, &wrong, true, Uuid::nil(), now())
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "mapping");
    for who in [b.staff.front_desk.clone(), b.staff.physician.clone()] {
        let err =
            b.db.as_user(&who)
                .import_appointments_csv(
                    &path,
                    &CsvAppointmentOptions::default(),
                    true,
                    Uuid::nil(),
                    now(),
                )
                .unwrap_err();
        assert!(matches!(err, CoreError::Forbidden(_)), "{err:?}");
    }
}
