//! The round trip: a practice exported (a Bundle per chart, and the bulk NDJSON files) and
//! imported into an empty practice exports the same content, every kind of record compared
//! (the practice's signed visits come back as outside visits, compared on what they say).

use super::*;

#[path = "round_trip/content.rs"]
mod content;
use content::contents;

/// Each imported chart, exported again, says what the same chart said before (`before`, in
/// the report's chart order); every kind of record was compared.
fn assert_same_content(
    new: &mut ChartDb,
    new_staff: &Staff,
    report: &ImportReport,
    before: &[Vec<(String, String)>],
) {
    assert_eq!(
        report.created as usize,
        before.len(),
        "{:#?}",
        report
            .charts
            .iter()
            .filter(|c| !c.issues.is_empty())
            .collect::<Vec<_>>()
    );
    let mut compared = std::collections::BTreeMap::<String, usize>::new();
    for (chart, expected) in report.charts.iter().zip(before) {
        let mrn = i64::from(chart.mrn.unwrap());
        let text = new
            .as_user(&new_staff.admin)
            .export_patient_fhir_by_mrn(mrn, test_now())
            .unwrap();
        let after = contents(&text);
        for (kind, _) in expected {
            *compared.entry(kind.clone()).or_default() += 1;
        }
        let missing: Vec<_> = expected.iter().filter(|x| !after.contains(x)).collect();
        let extra: Vec<_> = after.iter().filter(|x| !expected.contains(x)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: lost {missing:#?}\ngained {extra:#?}\nkept {:?}",
            chart.name,
            chart.kept
        );
    }
    eprintln!("round trip compared {compared:?}; kept {:?}", report.kept);
    for kind in [
        "Patient",
        "Encounter",
        "Condition",
        "AllergyIntolerance",
        "Immunization",
        "Observation",
        "LabResult",
        "Medication",
        "FamilyMemberHistory",
        "Procedure",
        "SocialHistory",
        "ScreeningProcedure",
        "Document",
        "Appointment",
        "DiagnosticReport",
    ] {
        assert!(
            compared.get(kind).copied().unwrap_or(0) > 0,
            "no {kind} compared"
        );
    }
}

/// The generator files a document or a letter in about one chart in fifty: the round trip
/// files its own in the first charts — a PDF with a note, a PNG card, a JPEG, one marked
/// entered in error (left out both ways) — and signs a letter.
fn file_documents(db: &mut ChartDb, staff: &Staff, ids: &[PatientId]) {
    use charta_core::documents::{DocumentCategory, DocumentDraft};
    use charta_core::ids::{DocumentId, LetterId, MessageId, ReferralId};
    use charta_core::letters::{LetterKind, LetterText, LetterToSign};
    let pdf = b"%PDF-1.4\n% Cardiology consult\n%%EOF\n".to_vec();
    let png = vec![
        0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 7,
    ];
    let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16, b'J', b'F', b'I', b'F'];
    let files = [
        (
            DocumentCategory::SpecialistReport,
            "Cardiology consult",
            "Echo normal.",
            "application/pdf",
            &pdf,
        ),
        (
            DocumentCategory::InsuranceCard,
            "Insurance card",
            "",
            "image/png",
            &png,
        ),
        (
            DocumentCategory::ImagingReport,
            "Chest X-ray",
            "Old film.",
            "image/jpeg",
            &jpeg,
        ),
        (
            DocumentCategory::ConsentForm,
            "Wrong patient's consent",
            "",
            "application/pdf",
            &pdf,
        ),
    ];
    let doc = staff.physician.clone();
    for (n, (category, title, note, declared, bytes)) in files.into_iter().enumerate() {
        let id = DocumentId::from_u128(0xD0C0 + n as u128);
        let draft = DocumentDraft {
            patient_id: ids[n % 2],
            category,
            title: title.into(),
            document_date: chrono::NaiveDate::from_ymd_opt(2025, 3, 1 + n as u32).unwrap(),
            file_name: format!("scan-{n}"),
            declared_type: declared.into(),
            note: note.into(),
            task: None,
        };
        db.as_user(&doc)
            .file_document(
                &draft,
                bytes,
                id,
                MessageId::from_u128(0xD0C0 + n as u128),
                test_now(),
            )
            .unwrap();
        if title.starts_with("Wrong") {
            db.as_user(&doc)
                .document_entered_in_error(id, "wrong patient", test_now())
                .unwrap();
        }
    }
    let letter = LetterToSign {
        patient_id: ids[1],
        text: LetterText {
            template_id: None,
            kind: LetterKind::WorkSchoolNote,
            recipient: "To whom it may concern".into(),
            subject: "Work note".into(),
            body: "Please excuse this patient from work today.".into(),
        },
        referral: None,
    };
    db.as_user(&doc)
        .sign_letter(
            &letter,
            LetterId::from_u128(0x1E77),
            ReferralId::from_u128(0x1E77),
            // 19:00 in New York, the next day in UTC: the letter is still the practice's today's.
            test_now() + chrono::Duration::hours(9),
        )
        .unwrap();
}

/// The empty practice's schedule set up as the old one's was (the same providers, hours,
/// rooms and closed days — the generator writes only the set-up into a practice with no
/// patients), so the old book's appointments have a book to go into.
fn same_book(db: &mut ChartDb, staff: &Staff, seed: u64) {
    let who = charta_core::synth::ScheduleProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
        desk: Some(staff.front_desk.user_id()),
    };
    db.add_generated_schedule_years(seed, &who, 1, test_now())
        .unwrap();
}

#[test]
fn a_practice_exported_and_imported_into_an_empty_practice_exports_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let (mut old, old_staff) = practice();
    let (ids, _) =
        charta_core::testing::fully_generated_practice(&mut old, &old_staff, 30, 12, test_now())
            .unwrap();
    file_documents(&mut old, &old_staff, &ids);
    let mut files = Vec::new();
    let mut before = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let text = old
            .as_user(&old_staff.admin)
            .export_patient_fhir(*id, test_now())
            .unwrap();
        let path = dir.path().join(format!("chart-{i}.json"));
        std::fs::write(&path, &text).unwrap();
        files.push(path);
        before.push(contents(&text));
    }
    let (mut new, new_staff) = practice();
    assert!(
        before.iter().flatten().any(|(kind, text)| kind == "DiagnosticReport"
            && !text.contains("\"conclusion\":null")),
        "a lab report with a comment goes round"
    );
    assert!(
        before
            .iter()
            .flatten()
            .any(|(kind, text)| kind == "Appointment" && !text.contains("\"series\":null")),
        "an occurrence of a recurring series goes round"
    );
    same_book(&mut new, &new_staff, 12);
    let report = import(&mut new, &new_staff, &files, false);
    assert_same_content(&mut new, &new_staff, &report, &before);
    // A lab report whose every result came back (and that says nothing of its own, such as a
    // review comment) is not listed again in the document of records not filed.
    let skipped: Vec<&str> = report
        .charts
        .iter()
        .flat_map(|c| c.skipped.iter().map(|t| t.name.as_str()))
        .collect();
    assert!(
        skipped.contains(&"DiagnosticReport: its results filed as a lab report"),
        "{skipped:?}"
    );
}

/// The practice's bulk NDJSON export (each chart's records spread over one file per resource
/// type) comes in chart by chart, each read again from its lines when its turn comes.
#[test]
fn a_bulk_ndjson_export_imports_into_an_empty_practice_with_the_same_content() {
    let dir = tempfile::tempdir().unwrap();
    let (mut old, old_staff) = practice();
    let (ids, _) =
        charta_core::testing::fully_generated_practice(&mut old, &old_staff, 12, 13, test_now())
            .unwrap();
    file_documents(&mut old, &old_staff, &ids);
    let out = dir.path().join("bulk");
    old.as_user(&old_staff.admin)
        .export_practice_fhir(&out, test_now(), &mut |_, _| {})
        .unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ndjson"))
        .collect();
    files.sort();
    let (mut new, new_staff) = practice();
    same_book(&mut new, &new_staff, 13);
    let dry = import(&mut new, &new_staff, &files, true);
    assert_eq!(dry.created as usize, ids.len(), "{dry:#?}");
    let report = import(&mut new, &new_staff, &files, false);
    assert_eq!(
        report.records, dry.records,
        "the dry run said what the import did"
    );
    // Charta's Patient.id is its own patient id: the chart each report line came from.
    let before: Vec<Vec<(String, String)>> = report
        .charts
        .iter()
        .map(|c| {
            let id = c
                .resource
                .strip_prefix("Patient/")
                .and_then(PatientId::parse)
                .unwrap();
            assert!(ids.contains(&id));
            contents(
                &old.as_user(&old_staff.admin)
                    .export_patient_fhir(id, test_now())
                    .unwrap(),
            )
        })
        .collect();
    assert_same_content(&mut new, &new_staff, &report, &before);
}
