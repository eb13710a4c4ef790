//! FHIR Appointments into the practice's book: a coming one booked by the desk's rules (its
//! practitioner found on the schedule by name, its type by name), past and cancelled ones
//! kept as history with how they ended, entered-in-error and never-closed past ones left out;
//! one the book refuses (a collision, a practitioner or type the practice does not have) kept
//! in the chart's document
//! with why, never refusing the patient; the dry run says the same and changes nothing; a
//! malformed appointment is an issue at its path and imports nothing of that patient.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

mod booking_fixture;

use booking_fixture::*;
use charta_core::fhir::import::{ChartOutcome, ImportReport};
use charta_core::patient::SearchRequest;
use charta_core::schedule::{AppointmentStatus, CancelKind};
use charta_core::PatientId;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use uuid::Uuid;

fn appointment(id: &str, status: &str, start: &str, end: &str, with: &str) -> Value {
    json!({
        "resourceType": "Appointment", "id": id, "status": status,
        "appointmentType": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/v2-0276",
                                          "code": "FOLLOWUP", "display": "Follow-up" }] },
        "start": start, "end": end,
        "participant": [
            { "actor": { "reference": "Patient/nq" }, "status": "accepted" },
            { "actor": { "reference": format!("Practitioner/{with}") }, "status": "accepted" },
        ],
    })
}

/// Nora Quill's record from the old system. Now is Thu 26 Nov 2026 10:00 in New York.
fn bundle(dir: &Path, extra: &[Value]) -> PathBuf {
    let mut coming = appointment(
        "a1",
        "booked",
        "2026-11-30T09:00:00-05:00",
        "2026-11-30T09:20:00-05:00",
        "pr1",
    );
    coming["reasonCode"] = json!([{ "text": "Blood pressure" }]);
    coming["comment"] = json!("Bring the home readings");
    let mut by_patient = appointment(
        "a5",
        "cancelled",
        "2026-11-18T14:00:00-05:00",
        "2026-11-18T14:15:00-05:00",
        "pr1",
    );
    by_patient["cancelationReason"] = json!({ "coding": [{ "code": "pat" }] });
    let mut massage = appointment(
        "a10",
        "booked",
        "2026-12-03T11:00:00-05:00",
        "2026-12-03T11:30:00-05:00",
        "pr1",
    );
    massage["appointmentType"] = json!({ "text": "Massage" });
    let mut confirmed = appointment(
        "a11",
        "booked",
        "2026-12-02T10:00:00-05:00",
        "2026-12-02T10:15:00-05:00",
        "pr2",
    );
    confirmed["extension"] = json!([{
        "url": "https://charta.invalid/fhir/StructureDefinition/appointmentStatus",
        "valueCode": "confirmed" }]);
    let mut resources = vec![
        json!({ "resourceType": "Patient", "id": "nq",
                "name": [{ "family": "Quill", "given": ["Nora"] }],
                "gender": "female", "birthDate": "1981-02-03" }),
        json!({ "resourceType": "Practitioner", "id": "pr1",
                "name": [{ "prefix": ["Dr."], "given": ["Test"], "family": "doc" }] }),
        json!({ "resourceType": "Practitioner", "id": "pr2", "name": [{ "text": "Test doc2" }] }),
        json!({ "resourceType": "Practitioner", "id": "pr9",
                "name": [{ "given": ["Nobody"], "family": "Here" }] }),
        coming,
        // Five minutes into the first: the book refuses it, and says with what.
        appointment(
            "a2",
            "booked",
            "2026-11-30T09:05:00-05:00",
            "2026-11-30T09:20:00-05:00",
            "pr1",
        ),
        appointment(
            "a3",
            "fulfilled",
            "2026-11-20T14:00:00-05:00",
            "2026-11-20T14:15:00-05:00",
            "pr1",
        ),
        appointment(
            "a4",
            "noshow",
            "2026-11-19T14:00:00-05:00",
            "2026-11-19T14:15:00-05:00",
            "pr1",
        ),
        by_patient,
        appointment(
            "a6",
            "cancelled",
            "2026-12-01T10:00:00-05:00",
            "2026-12-01T10:15:00-05:00",
            "pr1",
        ),
        appointment(
            "a7",
            "booked",
            "2026-12-01T10:00:00-05:00",
            "2026-12-01T10:15:00-05:00",
            "pr9",
        ),
        appointment(
            "a8",
            "entered-in-error",
            "2026-12-01T11:00:00-05:00",
            "2026-12-01T11:15:00-05:00",
            "pr1",
        ),
        appointment(
            "a9",
            "booked",
            "2026-11-17T09:00:00-05:00",
            "2026-11-17T09:15:00-05:00",
            "pr1",
        ),
        massage,
        confirmed,
    ];
    resources.extend(extra.iter().cloned());
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|r| json!({ "fullUrl": format!("{}/{}", r["resourceType"].as_str().unwrap(), r["id"].as_str().unwrap()), "resource": r }))
        .collect();
    let path = dir.join("quill.json");
    let text = json!({ "resourceType": "Bundle", "type": "collection", "entry": entries });
    std::fs::write(&path, text.to_string()).unwrap();
    path
}

fn import(b: &mut Booking, path: &Path, dry_run: bool) -> ImportReport {
    let admin = b.staff.admin.clone();
    b.db.as_user(&admin)
        .import_fhir(&[path], dry_run, Uuid::from_u128(0xa99), now(), &mut |_| {})
        .unwrap()
}

fn appointment_rows(b: &Booking) -> i64 {
    let conn = rusqlite::Connection::open(b._dir.path().join("chart.db")).unwrap();
    conn.query_row("SELECT COUNT(*) FROM appointments", [], |r| r.get(0))
        .unwrap()
}

fn tally(list: &[charta_core::fhir::import::Tally], name: &str) -> u32 {
    list.iter()
        .filter(|t| t.name.contains(name))
        .map(|t| t.count)
        .sum()
}

fn quill(b: &mut Booking) -> PatientId {
    let desk = b.staff.front_desk.clone();
    let page =
        b.db.as_user(&desk)
            .search_patients(&SearchRequest::new("quill nora"), now())
            .unwrap();
    assert_eq!(page.hits.len(), 1);
    page.hits[0].patient.id
}

#[test]
fn appointments_are_booked_by_the_desks_rules_or_kept_as_history_after_a_dry_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = bundle(dir.path(), &[]);
    let mut b = practice();
    let before = appointment_rows(&b);

    let dry = import(&mut b, &path, true);
    assert_eq!(dry.created, 1, "{dry:#?}");
    assert_eq!(appointment_rows(&b), before, "the dry run books nothing");

    let report = import(&mut b, &path, false);
    assert_eq!(
        report.charts[0].outcome,
        ChartOutcome::Created,
        "{report:#?}"
    );
    let chart = &report.charts[0];
    assert_eq!(
        chart.records, dry.charts[0].records,
        "the dry run said what the import did"
    );
    assert_eq!(chart.kept, dry.charts[0].kept);
    // Booked a1 and a11; history a3, a4, a5 and the cancelled coming a6.
    assert_eq!(tally(&chart.records, "appointments"), 6, "{chart:#?}");
    assert_eq!(appointment_rows(&b), before + 6);
    assert_eq!(
        tally(
            &chart.kept,
            "Appointment: not booked, Test doc already sees Quill, Nora Mon 30 Nov 09:00"
        ),
        1,
        "{:#?}",
        chart.kept
    );
    assert_eq!(
        tally(&chart.kept, "is not a provider on the schedule"),
        1,
        "{:#?}",
        chart.kept
    );
    assert_eq!(
        tally(
            &chart.kept,
            "\u{201c}Massage\u{201d} is not an appointment type"
        ),
        1
    );
    assert_eq!(tally(&chart.skipped, "Appointment: entered in error"), 1);
    assert_eq!(
        tally(&chart.skipped, "Appointment: in the past and never closed"),
        1
    );

    let id = quill(&mut b);
    let desk = b.staff.front_desk.clone();
    let book = b.db.as_user(&desk).patient_appointments(id, now()).unwrap();
    let coming: Vec<_> = book
        .upcoming
        .iter()
        .map(|a| (a.starts_at, a.status, a.provider_name.as_str()))
        .collect();
    assert_eq!(
        coming,
        [
            (
                at("2026-11-30 09:00"),
                AppointmentStatus::Booked,
                "Test doc"
            ),
            (
                at("2026-12-02 10:00"),
                AppointmentStatus::Confirmed,
                "Test doc2"
            ),
        ]
    );
    let first = &book.upcoming[0];
    assert_eq!(
        (first.ends_at - first.starts_at).num_minutes(),
        20,
        "the length from its end"
    );
    assert_eq!(first.reason, "Blood pressure");
    assert_eq!(first.note, "Bring the home readings");
    assert_eq!(first.type_name, "Follow-up");
    assert_eq!(book.no_shows, 1);
    let mut past: Vec<_> = book
        .past
        .iter()
        .map(|a| (a.starts_at, a.status, a.cancel_kind))
        .collect();
    past.sort_by_key(|p| p.0);
    assert_eq!(
        past,
        [
            (
                at("2026-11-18 14:00"),
                AppointmentStatus::Cancelled,
                Some(CancelKind::Patient)
            ),
            (at("2026-11-19 14:00"), AppointmentStatus::NoShow, None),
            (at("2026-11-20 14:00"), AppointmentStatus::CheckedOut, None),
        ]
    );
    // The four kept as history are audited as the FHIR import's, not the CSV import's.
    assert_eq!(b.audit("import_fhir_appointment").len(), 4);
    assert!(b.audit("import_csv_appointment").is_empty());
    let history =
        b.db.as_user(&desk)
            .appointment_history(first.id, now())
            .unwrap();
    assert!(
        history.iter().any(|h| h.detail.contains("imported from")),
        "{history:?}"
    );
    // The refused ones are in the chart's document of records not filed, with why.
    let doctor = b.staff.physician.clone();
    let docs = b.db.as_user(&doctor).patient_documents(id, now()).unwrap();
    let kept = docs
        .iter()
        .find(|d| d.title == "Imported records not filed in the chart")
        .unwrap();
    assert!(
        kept.note
            .contains("1 Appointment: not booked, Test doc already sees"),
        "{}",
        kept.note
    );
    assert!(
        kept.note.contains("is not a provider on the schedule"),
        "{}",
        kept.note
    );
}

#[test]
fn a_malformed_appointment_is_an_issue_at_its_path_and_imports_nothing_of_the_patient() {
    let dir = tempfile::tempdir().unwrap();
    let bad = appointment(
        "a12",
        "booked",
        "next Tuesday",
        "2026-12-01T10:15:00-05:00",
        "pr1",
    );
    let odd = appointment(
        "a13",
        "rescheduled",
        "2026-12-01T10:00:00-05:00",
        "2026-12-01T10:15:00-05:00",
        "pr1",
    );
    let path = bundle(dir.path(), &[bad, odd]);
    let mut b = practice();
    let before = appointment_rows(&b);
    let report = import(&mut b, &path, false);
    let chart = &report.charts[0];
    assert_eq!(chart.outcome, ChartOutcome::Invalid, "{chart:#?}");
    let at: Vec<(&str, &str)> = chart
        .issues
        .iter()
        .map(|i| (i.resource.as_str(), i.path.as_str()))
        .collect();
    assert!(at.contains(&("Appointment/a12", "start")), "{at:?}");
    assert!(at.contains(&("Appointment/a13", "status")), "{at:?}");
    assert_eq!(appointment_rows(&b), before, "nothing of her is imported");
    assert_eq!(b.db.patient_count().unwrap(), 3);
}

/// A patient who died keeps their appointments as history — the visits before and the one
/// cancelled when they died — while one still to come is not booked, and says why.
#[test]
fn a_patient_who_died_keeps_past_appointments_and_no_coming_one_is_booked() {
    let dir = tempfile::tempdir().unwrap();
    let mut after_death = appointment(
        "d2",
        "cancelled",
        "2026-11-24T14:00:00-05:00",
        "2026-11-24T14:15:00-05:00",
        "pr1",
    );
    after_death["cancelationReason"] = json!({ "text": "by practice: the patient died" });
    let resources = [
        json!({ "resourceType": "Patient", "id": "nq",
                "name": [{ "family": "Quill", "given": ["Nora"] }],
                "gender": "female", "birthDate": "1931-02-03",
                "deceasedDateTime": "2026-11-22" }),
        json!({ "resourceType": "Practitioner", "id": "pr1",
                "name": [{ "prefix": ["Dr."], "given": ["Test"], "family": "doc" }] }),
        appointment(
            "d1",
            "fulfilled",
            "2026-11-20T14:00:00-05:00",
            "2026-11-20T14:15:00-05:00",
            "pr1",
        ),
        after_death,
        appointment(
            "d3",
            "booked",
            "2026-12-01T10:00:00-05:00",
            "2026-12-01T10:15:00-05:00",
            "pr1",
        ),
    ];
    let entries: Vec<Value> = resources
        .iter()
        .map(|r| json!({ "fullUrl": format!("{}/{}", r["resourceType"].as_str().unwrap(), r["id"].as_str().unwrap()), "resource": r }))
        .collect();
    let path = dir.path().join("late-quill.json");
    let text = json!({ "resourceType": "Bundle", "type": "collection", "entry": entries });
    std::fs::write(&path, text.to_string()).unwrap();
    let mut b = practice();
    let report = import(&mut b, &path, false);
    let chart = &report.charts[0];
    assert_eq!(chart.outcome, ChartOutcome::Created, "{report:#?}");
    assert_eq!(tally(&chart.records, "appointments"), 2, "{chart:#?}");
    assert_eq!(
        tally(
            &chart.kept,
            "not booked, This patient is recorded as deceased"
        ),
        1,
        "{:#?}",
        chart.kept
    );
    let id = quill(&mut b);
    let desk = b.staff.front_desk.clone();
    let book = b.db.as_user(&desk).patient_appointments(id, now()).unwrap();
    assert!(book.upcoming.is_empty());
    let mut past: Vec<_> = book
        .past
        .iter()
        .map(|a| (a.starts_at, a.status, a.cancel_reason.clone()))
        .collect();
    past.sort_by_key(|p| p.0);
    assert_eq!(
        past,
        [
            (at("2026-11-20 14:00"), AppointmentStatus::CheckedOut, None),
            (
                at("2026-11-24 14:00"),
                AppointmentStatus::Cancelled,
                Some("the patient died".to_string())
            ),
        ]
    );
}
