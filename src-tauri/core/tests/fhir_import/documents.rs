//! DocumentReferences carrying a file come in as the chart's documents: another system's PDF
//! with its bytes intact, filed by the importing administrator and said the same by the dry
//! run; bad base64 names the resource and the attachment and imports nothing of that patient;
//! an entered-in-error one is left out and counted; a file of a type Charta does not keep
//! stays in the import's document and the patient still comes in; a visit's note that is a
//! scanned PDF is a document of the chart, the visit still filed.

use super::*;

const PDF: &[u8] = b"%PDF-1.4\n% Discharge summary, Nantucket Cottage Hospital\n%%EOF\n";

fn data_of(bytes: &[u8]) -> String {
    data_encoding::BASE64.encode(bytes)
}

/// A DocumentReference of `Patient/{patient}` carrying `data` as `contentType`.
fn scanned(id: &str, patient: &str, content_type: &str, data: &str) -> Value {
    json!({
        "resourceType": "DocumentReference", "id": id, "status": "current",
        "type": { "coding": [{ "system": "http://loinc.org", "code": "18842-5",
                               "display": "Discharge summary" }] },
        "category": [{ "coding": [{ "system": "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category",
                                    "code": "clinical-note", "display": "Clinical Note" }] }],
        "subject": { "reference": format!("Patient/{patient}") },
        "date": "2021-08-03T14:20:00-04:00",
        "description": "Discharge summary, Nantucket Cottage Hospital",
        "content": [{ "attachment": { "contentType": content_type, "data": data,
                                      "title": "discharge.pdf",
                                      "creation": "2021-08-02T09:00:00-04:00" } }],
    })
}

#[test]
fn another_systems_pdf_comes_in_as_a_chart_document_with_its_bytes_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "docs.json",
        &bundle(vec![
            person("p", "Papers", json!("1955-05-05")),
            scanned("d1", "p", "application/pdf", &data_of(PDF)),
        ]),
    );
    let (mut db, staff) = practice();
    let files = [file];
    let dry = import(&mut db, &staff, &files, true);
    let documents = |r: &ImportReport| {
        r.records
            .iter()
            .find(|t| t.name == "documents")
            .map(|t| t.count)
    };
    assert_eq!(documents(&dry), Some(1), "{dry:#?}");
    let real = import(&mut db, &staff, &files, false);
    assert_eq!(
        real.records, dry.records,
        "the dry run said what the import did"
    );
    assert!(
        real.kept.is_empty(),
        "nothing left to keep: {:?}",
        real.kept
    );

    let id = find(&mut db, &staff, "Papers");
    let mut doc = db.as_user(&staff.physician);
    let listed = doc.patient_documents(id, test_now()).unwrap();
    assert_eq!(listed.len(), 1, "{listed:#?}");
    let d = &listed[0];
    assert_eq!(d.title, "Discharge summary, Nantucket Cottage Hospital");
    assert_eq!(d.file_name, "discharge.pdf");
    assert_eq!(
        d.document_date.to_string(),
        "2021-08-02",
        "the attachment's creation"
    );
    assert_eq!(
        d.category,
        charta_core::documents::DocumentCategory::OutsideRecord,
        "a discharge summary names none of Charta's categories"
    );
    assert_eq!(d.media_type, charta_core::documents::MediaType::Pdf);
    assert_eq!(d.filed_at, test_now());
    let audited = db
        .as_user(&staff.admin)
        .audit_report(
            &charta_core::audit::AuditQuery {
                action: Some("import_fhir_patient".into()),
                ..Default::default()
            },
            test_now() + chrono::Duration::hours(1),
        )
        .unwrap()
        .entries;
    assert_eq!(audited.len(), 1);
    assert!(
        audited[0].detail.contains("1 of them documents"),
        "audited with the chart's other records: {}",
        audited[0].detail
    );
    assert_eq!(
        d.filed_by_name,
        staff.admin.display_name(),
        "filed by the importing user"
    );
    let bytes = db
        .as_user(&staff.physician)
        .open_document(d.id, test_now())
        .unwrap();
    assert_eq!(bytes, PDF, "byte for byte");
}

#[test]
fn bad_base64_names_the_document_and_the_attachment_and_imports_nothing_of_that_patient() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "broken.json",
        &bundle(vec![
            person("p", "Broken", json!("1960-01-01")),
            scanned("d1", "p", "application/pdf", "JVBERi0*not base64"),
            person("q", "Fine", json!("1961-01-01")),
            scanned("d2", "q", "application/pdf", &data_of(PDF)),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, &[file], false);
    assert_eq!((report.created, report.invalid), (1, 1), "{report:#?}");
    let issues = issues_of(&report, "Broken");
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].resource, "DocumentReference/d1");
    assert_eq!(issues[0].path, "content[0].attachment.data");
    assert!(issues[0].message.contains("base64"), "{issues:?}");
    assert_eq!(db.patient_count().unwrap(), 1, "only the other patient");
}

#[test]
fn an_entered_in_error_document_is_left_out_and_a_file_charta_does_not_keep_stays_in_the_document()
{
    let dir = tempfile::tempdir().unwrap();
    let mut wrong = scanned("d1", "p", "application/pdf", &data_of(PDF));
    wrong["status"] = json!("entered-in-error");
    let file = write(
        dir.path(),
        "mixed.json",
        &bundle(vec![
            person("p", "Tiffany", json!("1970-07-07")),
            wrong,
            scanned("d2", "p", "image/tiff", &data_of(b"II*\0 a tiff scan")),
        ]),
    );
    let (mut db, staff) = practice();
    let report = import(&mut db, &staff, &[file], false);
    assert_eq!(report.created, 1, "{report:#?}");
    let chart = &report.charts[0];
    assert!(
        chart
            .skipped
            .iter()
            .any(|t| t.name == "DocumentReference: entered in error" && t.count == 1),
        "{:?}",
        chart.skipped
    );
    assert!(
        chart.kept.iter().any(|t| t
            .name
            .starts_with("DocumentReference: a file of type image/tiff")),
        "{:?}",
        chart.kept
    );
    assert!(chart.records.iter().all(|t| t.name != "documents"));
    let id = find(&mut db, &staff, "Tiffany");
    let listed = db
        .as_user(&staff.physician)
        .patient_documents(id, test_now())
        .unwrap();
    let titles: Vec<&str> = listed.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Imported records not filed in the chart"]);
}

#[test]
fn a_visits_scanned_pdf_note_is_a_chart_document_and_the_visit_is_still_filed() {
    let dir = tempfile::tempdir().unwrap();
    let mut note = scanned("d1", "p", "application/pdf", &data_of(PDF));
    note["context"] = json!({ "encounter": [{ "reference": "Encounter/e1" }] });
    let visit = json!({
        "resourceType": "Encounter", "id": "e1", "status": "finished",
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP" },
        "subject": { "reference": "Patient/p" },
        "period": { "start": "2021-08-01T10:00:00-04:00", "end": "2021-08-03T12:00:00-04:00" },
    });
    let file = write(
        dir.path(),
        "stay.json",
        &bundle(vec![
            person("p", "Papers", json!("1955-05-05")),
            visit,
            note,
        ]),
    );
    let (mut db, staff) = practice();
    let real = import(&mut db, &staff, &[file], false);
    let count = |name: &str| {
        real.records
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.count)
    };
    assert_eq!(count("outside visits"), Some(1), "{real:#?}");
    assert_eq!(count("documents"), Some(1), "{real:#?}");
    assert!(
        real.kept.is_empty(),
        "nothing left to keep: {:?}",
        real.kept
    );
    let id = find(&mut db, &staff, "Papers");
    let listed = db
        .as_user(&staff.physician)
        .patient_documents(id, test_now())
        .unwrap();
    assert_eq!(listed.len(), 1, "{listed:#?}");
    assert_eq!(
        listed[0].title,
        "Discharge summary, Nantucket Cottage Hospital"
    );
}
