use super::*;
use crate::testing::{staffed_practice, test_now};
use chrono::TimeZone;

fn draft() -> PracticeDraft {
    PracticeDraft::new(
        "Maple Street Family Medicine",
        "12 Maple Street\nSpringfield",
        "(555) 201-0000",
        "America/Chicago",
    )
}

#[test]
fn practice_settings_round_trip_and_keep_the_demo_flag() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    db.mark_demo(true).unwrap();
    let mut d = draft();
    d.auto_lock_minutes = 3;
    d.backups_kept = 30;
    let saved = db
        .as_user(&staff.admin)
        .save_practice(&d, test_now())
        .unwrap();
    assert!(
        saved.is_demo,
        "saving settings must not clear the demo flag"
    );
    assert_eq!((saved.auto_lock_minutes, saved.backups_kept), (3, 30));
    assert_eq!(db.practice().unwrap(), Some(saved));
}

#[test]
fn only_the_admin_changes_practice_settings_and_setup_happens_once() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let err = db
        .as_user(&staff.physician)
        .save_practice(&draft(), test_now())
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert!(err.to_string().contains("practice admin"), "{err}");
    assert_eq!(
        db.set_up_practice(&draft(), test_now()).unwrap_err().code(),
        "forbidden"
    );
    assert_eq!(db.practice().unwrap().unwrap().name, "Test Practice");
}

#[test]
fn today_is_the_practice_calendar_date_not_utc() {
    let mut db = ChartDb::open_in_memory().unwrap();
    // 03:00 UTC on the 26th is still the 25th in Chicago.
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 3, 0, 0).unwrap();
    let practice = db.set_up_practice(&draft(), now).unwrap();
    assert_eq!(
        practice.today(now),
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    );
}

#[test]
fn bad_settings_name_each_field_and_change_nothing() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let mut bad = PracticeDraft::new(" ", "", "call us", "Mars/Olympus");
    bad.auto_lock_minutes = 0;
    bad.backup_dir = "backups".into();
    bad.backups_kept = 0;
    let err = db.set_up_practice(&bad, test_now()).unwrap_err();
    let fields: Vec<_> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        fields,
        [
            "name",
            "phone",
            "timeZone",
            "autoLockMinutes",
            "backupDir",
            "backupsKept"
        ]
    );
    assert_eq!(db.practice().unwrap(), None);
}
