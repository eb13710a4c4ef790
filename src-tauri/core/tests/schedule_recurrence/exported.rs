//! A series leaves by Charta's FHIR export and comes into another Charta still a series: its
//! occurrences keep their numbers, the one edited on its own stays an exception, the split
//! "this and following" made is kept, and the desk can edit the imported series again.

use super::*;
use charta_core::testing::person;
use std::collections::BTreeMap;

/// Each series' occurrences as (local start, number, exception), keyed by the series' first.
fn by_series(list: &[Appointment]) -> BTreeMap<String, Vec<(String, u32, bool)>> {
    let mut groups: BTreeMap<SeriesId, Vec<&Appointment>> = BTreeMap::new();
    for a in list {
        groups.entry(a.series_id.unwrap()).or_default().push(a);
    }
    groups
        .into_values()
        .map(|mut occurrences| {
            occurrences.sort_by_key(|a| a.occurrence);
            let rows: Vec<_> = occurrences
                .iter()
                .map(|a| (shown(a.starts_at), a.occurrence.unwrap(), a.is_exception))
                .collect();
            (rows[0].0.clone(), rows)
        })
        .collect()
}

#[test]
fn a_series_exported_and_imported_into_another_charta_is_still_a_series_the_desk_can_edit() {
    let mut old = practice();
    // Nora is registered in the old practice only, so the import makes her chart.
    let nora = PatientId::from_u128(0x40a);
    old.db
        .as_user(&old.staff.front_desk)
        .register_patient(
            &person("Quill", "Nora", "1980-05-06", ""),
            true,
            nora,
            test_now(),
        )
        .unwrap();
    let d = AppointmentDraft {
        patient_id: nora,
        ..draft(&old, "2026-12-01 09:00")
    };
    let booked = old
        .db
        .as_user(&old.staff.front_desk)
        .book_series(
            &d,
            &rule(Frequency::Weekly, 1, 6),
            false,
            series(1),
            first(1),
            test_now(),
        )
        .unwrap()
        .booked;
    let mut desk = old.db.as_user(&old.staff.front_desk);
    desk.change_series(
        booked[4].id,
        1,
        &change_of(&booked[4], "2026-12-29 11:00"),
        SeriesScope::This,
        series(9),
        test_now(),
    )
    .unwrap();
    desk.change_series(
        booked[2].id,
        1,
        &change_of(&booked[2], "2026-12-15 10:00"),
        SeriesScope::Following,
        series(2),
        test_now(),
    )
    .unwrap();
    let before = desk
        .patient_appointments(nora, test_now())
        .unwrap()
        .upcoming;
    assert_eq!(by_series(&before).len(), 2, "split in two: {before:#?}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nora.json");
    let text = old
        .db
        .as_user(&old.staff.admin)
        .export_patient_fhir(nora, test_now())
        .unwrap();
    std::fs::write(&path, text).unwrap();
    let mut new = practice();
    let report = new
        .db
        .as_user(&new.staff.admin)
        .import_fhir(
            &[path.as_path()],
            false,
            uuid::Uuid::from_u128(0x5e1),
            test_now(),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(report.created, 1, "{report:#?}");
    let page = new
        .db
        .as_user(&new.staff.front_desk)
        .search_patients(
            &charta_core::patient::SearchRequest::new("quill nora"),
            test_now(),
        )
        .unwrap();
    let imported = page.hits[0].patient.id;
    let after = new
        .db
        .as_user(&new.staff.front_desk)
        .patient_appointments(imported, test_now())
        .unwrap()
        .upcoming;
    assert_eq!(by_series(&after), by_series(&before));
    let (old_half, new_half) = (after[0].series_id.unwrap(), after[2].series_id.unwrap());
    assert_ne!(old_half, new_half);
    assert_eq!(
        series_split(&new.db, new_half).unwrap(),
        (Some(old_half.to_string()), None)
    );
    assert_eq!(series_split(&new.db, old_half).unwrap(), (None, Some(1)));

    // "This and following" on the imported series moves the later ones, not the exception.
    let clicked = &after[3];
    let moved = new
        .db
        .as_user(&new.staff.front_desk)
        .change_series(
            clicked.id,
            clicked.version,
            &change_of(clicked, "2026-12-22 14:00"),
            SeriesScope::Following,
            series(3),
            test_now(),
        )
        .unwrap();
    let times: Vec<String> = moved.iter().map(|a| shown(a.starts_at)).collect();
    assert_eq!(
        times,
        ["2026-12-22 14:00", "2027-01-05 14:00"],
        "{moved:#?}"
    );
}
