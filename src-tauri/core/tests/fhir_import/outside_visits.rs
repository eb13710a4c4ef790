//! Outside visits: another system's Encounters (Synthea's) filed read-only in the chart with
//! their notes and diagnoses; Charta's own signed visits coming back as outside visits (the
//! problem list as it was); a malformed date named by resource and path; entered-in-error
//! encounters left out and counted; who may read them, the audited read and the
//! entered-in-error mark; the chart search finding them; and their export, which validates and imports again the same.

use super::*;
use charta_core::chart::common::VisitType;
use charta_core::chart::outside_visits::{OutsideVisit, VisitClass};
use charta_core::chart::search::ChartHitKind;
use charta_core::chart::visits::{SoapNote, VisitDraft};
use charta_core::ids::{AmendmentId, DiagnosisId, OutsideVisitId, VisitId};
use charta_core::Actor;

fn tally(list: &[charta_core::fhir::import::Tally], name: &str) -> u32 {
    list.iter().find(|t| t.name == name).map_or(0, |t| t.count)
}

fn outside(db: &mut ChartDb, who: &Actor, patient: PatientId) -> Vec<OutsideVisit> {
    db.as_user(who).outside_visits(patient, test_now()).unwrap()
}

/// The resources of `kind` in a Synthea bundle.
fn of_kind(path: &Path, kind: &str) -> Vec<Value> {
    let bundle: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["resource"].clone())
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

#[test]
fn a_synthea_bundle_s_encounters_and_notes_become_outside_visits_in_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let file = synthea(1, dir.path());
    let encounters = of_kind(&file, "Encounter").len();
    let diagnoses = of_kind(&file, "Condition")
        .iter()
        .filter(|c| {
            c["encounter"].is_object()
                && c["category"][0]["coding"][0]["code"] == "encounter-diagnosis"
        })
        .count();
    assert!(encounters > 20 && diagnoses > 20, "the fixture has many");
    let (mut db, staff) = practice();
    let dry = import(&mut db, &staff, std::slice::from_ref(&file), true);
    assert_eq!(
        tally(&dry.records, "outside visits") as usize,
        encounters,
        "the dry run counts every finished encounter: {:?}",
        dry.records
    );
    assert_eq!(tally(&dry.kept, "Encounter"), 0, "{:?}", dry.kept);
    assert_eq!(
        tally(&dry.kept, "DocumentReference"),
        0,
        "the notes are filed with their visits: {:?}",
        dry.kept
    );
    let real = import(&mut db, &staff, std::slice::from_ref(&file), false);
    assert_eq!(real.records, dry.records);

    let darrell = find(&mut db, &staff, "Erdman");
    let visits = outside(&mut db, &staff.physician, darrell);
    assert_eq!(visits.len(), encounters);
    assert!(
        visits
            .windows(2)
            .all(|w| w[0].started_at >= w[1].started_at),
        "newest first"
    );
    assert!(
        visits.iter().all(|v| !v.note.is_empty()),
        "every visit has its note"
    );
    let first = visits.last().unwrap();
    assert_eq!(first.visit_class, VisitClass::Ambulatory);
    assert_eq!(first.visit_type, "General examination of patient");
    assert_eq!(first.reason, "Medication_Review_Due");
    assert!(first.note.starts_with("2016-07-26"), "{}", first.note);
    assert!(first.note.contains("# Chief Complaint"), "{}", first.note);
    assert!(
        first.clinician.starts_with("Dr. "),
        "the practitioner's name from the file: {:?}",
        first.clinician
    );
    assert_eq!(first.place, "CHILDREN'S HOSPITAL PEDIATRIC ASSOCIATES, INC");
    let identifier = &of_kind(&file, "Patient")[0]["identifier"][0];
    assert_eq!(
        first.source,
        format!(
            "{}|{}",
            identifier["system"].as_str().unwrap(),
            identifier["value"].as_str().unwrap()
        ),
        "where it came from: the patient's record in the old system"
    );
    assert!(visits
        .iter()
        .any(|v| v.visit_class == VisitClass::Emergency));
    let filed: usize = visits.iter().map(|v| v.diagnoses.len()).sum();
    assert_eq!(filed, diagnoses, "every visit diagnosis under its visit");
    let coded = visits.iter().flat_map(|v| &v.diagnoses).next().unwrap();
    assert_eq!(coded.code_system.as_deref(), Some("http://snomed.info/sct"));
    assert!(coded.code.is_some() && !coded.description.ends_with("(situation)"));
    // The diagnoses are still the problem list, as before.
    let problems = db
        .as_user(&staff.physician)
        .problems(darrell, test_now())
        .unwrap();
    assert!(problems.len() > 3, "{problems:?}");

    // The chart search finds words of their notes, under the visit they belong to.
    let found = db
        .as_user(&staff.physician)
        .search_chart(darrell, "chief complaint", test_now())
        .unwrap();
    assert_eq!(found.total as usize, encounters, "every note has one");
    let hit = &found.hits[0];
    assert_eq!(hit.kind, ChartHitKind::OutsideVisit);
    assert!(hit.title.starts_with("Outside visit: "), "{}", hit.title);
    assert!(
        visits.iter().any(|v| v.id.to_string() == hit.id),
        "the hit names its outside visit"
    );
    let by_place = db
        .as_user(&staff.physician)
        .search_chart(darrell, "pediatric associates", test_now())
        .unwrap();
    assert!(by_place
        .hits
        .iter()
        .all(|h| h.kind == ChartHitKind::OutsideVisit));
    assert!(by_place.total > 0);
}

/// A practice with one patient and one signed office visit: two diagnoses, an amendment.
fn charted_practice() -> (ChartDb, Staff, PatientId) {
    let (mut db, staff) = practice();
    let patient = PatientId::from_u128(500);
    let draft = charta_core::testing::person("Visitor", "Vera", "1971-04-04", "(555) 301-4444");
    db.as_user(&staff.physician)
        .register_patient(&draft, false, patient, test_now())
        .unwrap();
    let visit = VisitId::from_u128(501);
    let started = test_now() - chrono::Duration::days(30);
    let mut doc = db.as_user(&staff.physician);
    let v = doc
        .start_visit(
            patient,
            &VisitDraft {
                visit_type: VisitType::Telephone,
                reason: "Cough for two weeks".into(),
                started_at: Some(started),
                provider_id: None,
                template_id: None,
            },
            visit,
            started,
        )
        .unwrap();
    let note = SoapNote {
        subjective: "Dry cough, no fever.".into(),
        objective: "Speaks in full sentences.".into(),
        assessment: "Likely post-viral cough.".into(),
        plan: "Honey, review in two weeks.".into(),
    };
    let saved = doc
        .save_draft(visit, v.draft_version, &note, started)
        .unwrap();
    doc.add_visit_diagnosis(visit, "R05.1", true, DiagnosisId::from_u128(502), started)
        .unwrap();
    doc.add_visit_diagnosis(visit, "J06.9", false, DiagnosisId::from_u128(503), started)
        .unwrap();
    doc.sign_note(visit, saved.draft_version, started).unwrap();
    doc.amend_note(
        visit,
        "Result arrived",
        "Chest X-ray clear.",
        AmendmentId::from_u128(504),
        started + chrono::Duration::days(2),
    )
    .unwrap();
    (db, staff, patient)
}

#[test]
fn charta_s_own_signed_visit_comes_back_as_an_outside_visit_and_the_problem_list_as_it_was() {
    let (mut old, old_staff, patient) = charted_practice();
    let dir = tempfile::tempdir().unwrap();
    let text = old
        .as_user(&old_staff.admin)
        .export_patient_fhir(patient, test_now())
        .unwrap();
    let file = dir.path().join("chart.json");
    std::fs::write(&file, text).unwrap();
    let (mut new, new_staff) = practice();
    let report = import(&mut new, &new_staff, std::slice::from_ref(&file), false);
    assert_eq!(report.created, 1, "{report:#?}");
    assert_eq!(tally(&report.records, "outside visits"), 1);
    assert_eq!(
        tally(&report.records, "problems"),
        0,
        "visit diagnoses are not problems"
    );
    let id = find(&mut new, &new_staff, "Visitor");
    let visits = outside(&mut new, &new_staff.physician, id);
    assert_eq!(visits.len(), 1);
    let v = &visits[0];
    assert_eq!(v.started_at, test_now() - chrono::Duration::days(30));
    assert_eq!(v.visit_class, VisitClass::Virtual);
    assert_eq!(v.visit_type, "telephone");
    assert_eq!(v.reason, "Cough for two weeks");
    assert_eq!(v.clinician, old_staff.physician.display_name());
    assert_eq!(v.place, "Test Practice", "the exporting practice");
    assert_eq!(
        v.note,
        "Subjective:\nDry cough, no fever.\n\nObjective:\nSpeaks in full sentences.\n\n\
         Assessment:\nLikely post-viral cough.\n\nPlan:\nHoney, review in two weeks.\n\n\
         Amendment, 2026-10-29: Result arrived\nChest X-ray clear."
    );
    let codes: Vec<Option<&str>> = v.diagnoses.iter().map(|d| d.code.as_deref()).collect();
    assert_eq!(
        codes,
        [Some("R05.1"), Some("J06.9")],
        "primary first, as ranked"
    );
    assert!(new
        .as_user(&new_staff.physician)
        .problems(id, test_now())
        .unwrap()
        .is_empty());
    assert!(v.source.starts_with("urn:charta:mrn|"), "{}", v.source);
    // The chart's current diagnoses are what they were in the old practice.
    let current = |db: &mut ChartDb, who: &Actor, id: PatientId| -> Vec<(String, String)> {
        db.as_user(who)
            .chart_summary(id, test_now())
            .unwrap()
            .diagnoses
            .into_iter()
            .map(|d| (d.code, d.description))
            .collect()
    };
    let was = current(&mut old, &old_staff.physician, patient);
    assert_eq!(was.len(), 2);
    assert_eq!(current(&mut new, &new_staff.physician, id), was);
}

#[test]
fn outside_visits_export_as_valid_encounters_that_import_again_the_same() {
    let (mut old, old_staff, patient) = charted_practice();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    std::fs::write(
        &first,
        old.as_user(&old_staff.admin)
            .export_patient_fhir(patient, test_now())
            .unwrap(),
    )
    .unwrap();
    let (mut second, second_staff) = practice();
    import(
        &mut second,
        &second_staff,
        std::slice::from_ref(&first),
        false,
    );
    let id = find(&mut second, &second_staff, "Visitor");
    let text = second
        .as_user(&second_staff.admin)
        .export_patient_fhir(id, test_now())
        .unwrap();
    let bundle: Value = serde_json::from_str(&text).unwrap();
    let resources: Vec<&Value> = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .collect();
    let encounter = resources
        .iter()
        .find(|r| r["resourceType"] == "Encounter")
        .unwrap();
    assert_eq!(
        encounter["extension"][0]["url"],
        "https://charta.invalid/fhir/StructureDefinition/recordedElsewhere"
    );
    assert_eq!(encounter["class"]["code"], "VR");
    assert!(
        encounter["participant"][0]["individual"]["reference"].is_null(),
        "a name only"
    );
    assert_eq!(encounter["serviceProvider"]["display"], "Test Practice");
    let reference = format!("Encounter/{}", encounter["id"].as_str().unwrap());
    let diagnoses: Vec<&&Value> = resources
        .iter()
        .filter(|r| {
            r["resourceType"] == "Condition" && r["encounter"]["reference"] == reference.as_str()
        })
        .collect();
    assert_eq!(diagnoses.len(), 2);
    assert!(diagnoses
        .iter()
        .all(|d| d["category"][0]["coding"][0]["code"] == "encounter-diagnosis"));
    assert!(resources
        .iter()
        .any(|r| r["resourceType"] == "DocumentReference"
            && r["context"]["encounter"][0]["reference"] == reference.as_str()));

    let again = dir.path().join("again.json");
    std::fs::write(&again, &text).unwrap();
    let (mut third, third_staff) = practice();
    import(
        &mut third,
        &third_staff,
        std::slice::from_ref(&again),
        false,
    );
    let id3 = find(&mut third, &third_staff, "Visitor");
    let strip = |v: &OutsideVisit| {
        let dx: Vec<_> = v
            .diagnoses
            .iter()
            .map(|d| (d.code_system.clone(), d.code.clone(), d.description.clone()))
            .collect();
        (
            v.started_at,
            v.visit_class,
            v.visit_type.clone(),
            v.reason.clone(),
            v.clinician.clone(),
            v.place.clone(),
            v.note.clone(),
            v.source.clone(),
            dx,
        )
    };
    let before: Vec<_> = outside(&mut second, &second_staff.physician, id)
        .iter()
        .map(strip)
        .collect();
    let after: Vec<_> = outside(&mut third, &third_staff.physician, id3)
        .iter()
        .map(strip)
        .collect();
    assert_eq!(
        before, after,
        "an outside visit exported and imported again is the same"
    );
    assert!(
        third
            .as_user(&third_staff.physician)
            .problems(id3, test_now())
            .unwrap()
            .is_empty(),
        "its diagnoses do not become problems"
    );
}

#[test]
fn a_malformed_visit_date_is_named_by_resource_and_path_and_nothing_of_that_patient_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let encounter = |id: &str, patient: &str, start: &str, status: &str| {
        json!({ "resourceType": "Encounter", "id": id, "status": status,
                "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB" },
                "subject": { "reference": format!("Patient/{patient}") },
                "period": { "start": start } })
    };
    let file = write(
        dir.path(),
        "visits.json",
        &bundle(vec![
            person("ok", "Okvisit", json!("1960-01-01")),
            encounter("e-ok", "ok", "2020-01-01T10:00:00Z", "finished"),
            encounter("e-wrong", "ok", "2021-01-01T10:00:00Z", "entered-in-error"),
            json!({ "resourceType": "Condition", "id": "c-wrong", "subject": { "reference": "Patient/ok" },
                    "encounter": { "reference": "Encounter/e-wrong" },
                    "category": [{ "coding": [{ "code": "encounter-diagnosis" }] }],
                    "code": { "text": "Headache" } }),
            json!({ "resourceType": "DocumentReference", "id": "n-wrong", "status": "current",
                    "subject": { "reference": "Patient/ok" },
                    "context": { "encounter": [{ "reference": "Encounter/e-wrong" }] },
                    "content": [{ "attachment": { "contentType": "text/plain",
                                                  "data": "V3JvbmcgY2hhcnQu" } }] }),
            person("bad", "Badvisit", json!("1960-01-01")),
            encounter("abc", "bad", "2020-02-30T10:00:00Z", "finished"),
            person("later", "Latevisit", json!("1960-01-01")),
            encounter("e-later", "later", "2027-03-01T10:00:00Z", "finished"),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, std::slice::from_ref(&file), false);
    assert_eq!((report.created, report.invalid), (1, 2), "{report:#?}");
    let bad = issues_of(&report, "Badvisit");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(
        (bad[0].resource.as_str(), bad[0].path.as_str()),
        ("Encounter/abc", "period.start")
    );
    assert!(bad[0].message.contains("2020-02-30"), "{bad:?}");
    let later = issues_of(&report, "Latevisit");
    assert_eq!(
        (later[0].resource.as_str(), later[0].path.as_str()),
        ("Encounter/e-later", "period.start (startedAt)")
    );
    assert!(later[0].message.contains("future"), "{later:?}");
    let ok = report
        .charts
        .iter()
        .find(|c| c.name.starts_with("Okvisit"))
        .unwrap();
    assert_eq!(tally(&ok.records, "outside visits"), 1);
    assert_eq!(
        tally(&ok.skipped, "Encounter: entered in error"),
        1,
        "{:?}",
        ok.skipped
    );
    assert_eq!(
        tally(
            &ok.skipped,
            "DocumentReference: a note of an encounter entered in error"
        ),
        1,
        "its note goes with it: {:?}",
        ok.skipped
    );
    assert!(
        ok.kept
            .iter()
            .all(|t| !t.name.starts_with("DocumentReference")),
        "nor in the not-filed document: {:?}",
        ok.kept
    );
    assert_eq!(
        db.patient_count().unwrap(),
        1,
        "only the patient without issues"
    );
    let id = find(&mut db, &staff, "Okvisit");
    let visits = outside(&mut db, &staff.physician, id);
    assert_eq!(
        visits.len(),
        1,
        "the entered-in-error encounter is not filed"
    );
    assert!(
        visits[0].diagnoses.is_empty(),
        "nor its diagnosis under another visit"
    );
    let problems = db
        .as_user(&staff.physician)
        .problems(id, test_now())
        .unwrap();
    assert_eq!(
        problems.len(),
        1,
        "another system's diagnosis is a problem, as before"
    );
}

/// The chart summary lists the latest outside visits, newest first, with their kind,
/// clinician and place, and counts them all.
#[test]
fn the_chart_summary_lists_the_latest_outside_visits_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    let file = synthea(2, dir.path());
    let (mut db, staff) = practice();
    import(&mut db, &staff, std::slice::from_ref(&file), false);
    let id = find(&mut db, &staff, "Hammes");
    let all = outside(&mut db, &staff.physician, id);
    assert!(all.len() > 5, "the fixture has more than the summary shows");
    let summary = db
        .as_user(&staff.physician)
        .chart_summary(id, test_now())
        .unwrap();
    assert_eq!(summary.outside_visit_count as usize, all.len());
    let shown: Vec<_> = summary.outside_visits.iter().map(|v| v.id).collect();
    let newest: Vec<_> = all.iter().take(5).map(|v| v.id).collect();
    assert_eq!(shown, newest, "the latest five, newest first");
    let first = &summary.outside_visits[0];
    assert_eq!(
        (&first.reason, &first.clinician, &first.place),
        (&all[0].reason, &all[0].clinician, &all[0].place)
    );
    // Their diagnoses of the last twelve months are the current diagnoses, once each, by
    // their words (Synthea codes in SNOMED CT, not ICD-10-CM).
    let since = test_now() - chrono::Duration::days(365);
    let mut expected: Vec<String> = all
        .iter()
        .filter(|v| v.started_at >= since)
        .flat_map(|v| v.diagnoses.iter().map(|d| d.description.to_lowercase()))
        .collect();
    expected.sort();
    expected.dedup();
    assert!(!expected.is_empty(), "the fixture has recent diagnoses");
    let mut current: Vec<String> = summary
        .diagnoses
        .iter()
        .map(|d| d.description.to_lowercase())
        .collect();
    current.sort();
    assert_eq!(current, expected);
    assert!(summary.diagnoses.iter().all(|d| d.code.is_empty()));
    assert!(summary
        .diagnoses
        .windows(2)
        .all(|w| w[0].last_seen_at >= w[1].last_seen_at));
}

#[test]
fn who_may_read_visits_reads_outside_visits_audited_and_a_physician_marks_one_entered_in_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = synthea(2, dir.path());
    let (mut db, staff) = practice();
    import(&mut db, &staff, std::slice::from_ref(&file), false);
    let id = find(&mut db, &staff, "Hammes");
    for who in [&staff.front_desk, &staff.admin] {
        let denied = db.as_user(who).outside_visits(id, test_now());
        assert!(matches!(denied, Err(CoreError::Forbidden(_))), "{denied:?}");
    }
    let nurse = outside(&mut db, &staff.nurse, id);
    assert!(!nurse.is_empty());
    let audited = |db: &mut ChartDb, action: &str| {
        let q = AuditQuery {
            action: Some(action.into()),
            patient_id: Some(id),
            ..Default::default()
        };
        db.as_user(&staff.admin)
            .audit_report(&q, test_now() + chrono::Duration::hours(1))
            .unwrap()
            .entries
    };
    let reads = audited(&mut db, "view_outside_visits");
    assert_eq!(
        reads
            .iter()
            .filter(|r| r.outcome == charta_core::audit::Outcome::Ok)
            .count(),
        1,
        "the nurse's read: {reads:?}"
    );
    assert!(
        reads
            .iter()
            .any(|r| r.outcome == charta_core::audit::Outcome::Denied),
        "the denials too"
    );

    let target = nurse[0].id;
    let refused = db.as_user(&staff.nurse).outside_visit_entered_in_error(
        target,
        "Wrong patient's visit",
        test_now(),
    );
    assert!(
        matches!(refused, Err(CoreError::Forbidden(_))),
        "{refused:?}"
    );
    let marked = db
        .as_user(&staff.physician)
        .outside_visit_entered_in_error(target, "Wrong patient's visit", test_now())
        .unwrap();
    let mark = marked.entered_in_error.as_ref().unwrap();
    assert_eq!(mark.reason, "Wrong patient's visit");
    assert_eq!(marked.note, nurse[0].note, "the original stays readable");
    let again =
        db.as_user(&staff.physician)
            .outside_visit_entered_in_error(target, "Again", test_now());
    assert!(matches!(again, Err(CoreError::Invalid(_))), "{again:?}");
    let unknown = db.as_user(&staff.physician).outside_visit_entered_in_error(
        OutsideVisitId::from_u128(9),
        "Nothing",
        test_now(),
    );
    assert!(
        matches!(unknown, Err(CoreError::NotFound { .. })),
        "{unknown:?}"
    );
    assert_eq!(audited(&mut db, "outside_visit_entered_in_error").len(), 2);
    let listed = outside(&mut db, &staff.physician, id);
    assert!(listed
        .iter()
        .any(|v| v.id == target && v.entered_in_error.is_some()));
    // The chart summary's recent visits leave the marked one out, and count the rest.
    let summary = db
        .as_user(&staff.physician)
        .chart_summary(id, test_now())
        .unwrap();
    assert_eq!(summary.outside_visit_count as usize, nurse.len() - 1);
    assert!(summary.outside_visits.iter().all(|v| v.id != target));
    let text = db
        .as_user(&staff.admin)
        .export_patient_fhir(id, test_now())
        .unwrap();
    assert!(
        text.contains(&format!("\"id\":\"eie-{target}\"")),
        "the mark goes out as a NULLIFY Provenance"
    );
}
