//! Screening procedures from another system's Procedures (Synthea's, by SNOMED CT code): filed
//! as done outside so the patient's reminders count them, the unfinished and erroneous ones
//! left out with the reason, and a malformed one named by resource and path.

use super::*;
use charta_core::reminders::ReminderStatus;

fn procedure(id: &str, patient: &str, status: &str, code: &str, performed: Value) -> Value {
    json!({
        "resourceType": "Procedure", "id": id, "status": status,
        "subject": { "reference": format!("Patient/{patient}") },
        "code": { "coding": [{ "system": "http://snomed.info/sct", "code": code }] },
        "performedPeriod": { "start": performed, "end": performed },
    })
}

fn tally(list: &[charta_core::fhir::import::Tally], name: &str) -> u32 {
    list.iter().find(|t| t.name == name).map_or(0, |t| t.count)
}

#[test]
fn a_synthea_colonoscopy_is_filed_as_an_outside_screening_the_reminders_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut colonoscopy = procedure(
        "col",
        "s",
        "completed",
        "73761001",
        json!("2021-04-12T09:00:00+00:00"),
    );
    colonoscopy["location"] = json!({ "reference": "Location/x", "display": "Lakeside Hospital" });
    let file = write(
        dir.path(),
        "screened.json",
        &bundle(vec![
            person("s", "Screenwell", json!("1965-05-05")),
            colonoscopy,
            procedure(
                "mam",
                "s",
                "entered-in-error",
                "24623002",
                json!("2025-01-10"),
            ),
            procedure("pap", "s", "not-done", "90226004", json!("2025-01-10")),
            procedure(
                "rec",
                "s",
                "completed",
                "430193006",
                json!("2025-01-10T10:00:00Z"),
            ),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, std::slice::from_ref(&file), false);
    assert_eq!(report.created, 1, "{report:#?}");
    let chart = &report.charts[0];
    assert_eq!(
        tally(&chart.records, "screening procedures"),
        1,
        "{chart:#?}"
    );
    assert_eq!(tally(&chart.skipped, "Procedure: entered in error"), 1);
    assert_eq!(
        tally(
            &chart.skipped,
            "Procedure: a screening procedure not completed (not-done)"
        ),
        1,
        "{:?}",
        chart.skipped
    );
    assert_eq!(
        tally(&chart.kept, "Procedure"),
        1,
        "a care step stays in the document"
    );

    let id = find(&mut db, &staff, "Screenwell");
    let reminders = db
        .as_user(&staff.physician)
        .reminders_for_patient(id, test_now())
        .unwrap();
    let rule = |name: &str| reminders.iter().find(|r| r.rule == name).unwrap();
    let colorectal = rule("colorectal");
    assert_eq!(
        colorectal.status,
        ReminderStatus::UpToDate,
        "{colorectal:?}"
    );
    assert!(
        colorectal.why.contains("colonoscopy 2021-04-12 (outside)"),
        "the reminder says where it was done: {}",
        colorectal.why
    );
    assert!(
        rule("breast").status.is_due(),
        "a mammogram entered in error satisfies nothing"
    );
}

#[test]
fn a_malformed_screening_is_named_by_resource_and_path_and_nothing_of_that_patient_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "dates.json",
        &bundle(vec![
            person("ok", "Okayed", json!("1960-01-01")),
            procedure("p-ok", "ok", "completed", "73761001", json!("2022-03-01")),
            person("bad", "Baddated", json!("1960-01-01")),
            procedure("p-bad", "bad", "completed", "73761001", json!("2021-02-30")),
            person("later", "Latedate", json!("1960-01-01")),
            procedure(
                "p-later",
                "later",
                "completed",
                "312681000",
                json!("2027-01-05"),
            ),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, std::slice::from_ref(&file), false);
    assert_eq!((report.created, report.invalid), (1, 2), "{report:#?}");
    let bad = issues_of(&report, "Baddated");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(
        (bad[0].resource.as_str(), bad[0].path.as_str()),
        ("Procedure/p-bad", "performedPeriod.start")
    );
    assert!(bad[0].message.contains("2021-02-30"), "{bad:?}");
    // A date the file may hold but the form refuses: the form's field, under its element.
    let later = issues_of(&report, "Latedate");
    assert_eq!(
        (later[0].resource.as_str(), later[0].path.as_str()),
        ("Procedure/p-later", "performed[x] (performedOn)")
    );
    assert!(later[0].message.contains("future"), "{later:?}");
    assert_eq!(
        db.patient_count().unwrap(),
        1,
        "only the patient without issues"
    );
    let ok = find(&mut db, &staff, "Okayed");
    let colorectal = db
        .as_user(&staff.physician)
        .reminders_for_patient(ok, test_now())
        .unwrap()
        .into_iter()
        .find(|r| r.rule == "colorectal")
        .unwrap();
    assert_eq!(colorectal.status, ReminderStatus::UpToDate);
}
