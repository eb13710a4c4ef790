//! The benchmark practice's generated correspondence reads back through the checked doors: a
//! physician's inbox lists generated threads, a generated scan opens, a generated referral
//! letter's PDF copy is a PDF.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic

use charta_core::messages::InboxFilter;
use charta_core::synth::correspondence::CorrespondenceStaff;
use charta_core::synth::PracticeGenerator;
use charta_core::testing::{staffed_practice, test_now};
use charta_core::ChartDb;

#[test]
fn generated_threads_documents_and_letters_read_through_the_doors() {
    let mut db = ChartDb::open_in_memory().unwrap();
    let staff = staffed_practice(&mut db, test_now()).unwrap();
    let ids = db
        .add_generated_patients(&mut PracticeGenerator::new(5), 600, 1, test_now())
        .unwrap();
    let out = db
        .add_generated_correspondence(
            5,
            &CorrespondenceStaff {
                physicians: vec![staff.physician.user_id()],
                nurse: staff.nurse.user_id(),
                desk: staff.front_desk.user_id(),
            },
            test_now(),
        )
        .unwrap();
    assert!(
        out.threads > 10 && out.documents > 2 && out.letters > 2,
        "{out:?}"
    );
    let doc = staff.physician.clone();
    let inbox = db
        .as_user(&doc)
        .message_inbox(InboxFilter::All, test_now())
        .unwrap();
    assert_eq!(
        inbox.threads.len() as u32,
        out.threads,
        "every thread reaches the one physician"
    );
    let mut opened = 0;
    let mut letters = 0;
    for id in &ids {
        for d in db.as_user(&doc).patient_documents(*id, test_now()).unwrap() {
            let bytes = db.as_user(&doc).open_document(d.id, test_now()).unwrap();
            assert!(bytes.starts_with(b"%PDF-"));
            assert_eq!(bytes.len() as u32, d.byte_count);
            opened += 1;
        }
        for l in db.as_user(&doc).patient_letters(*id, test_now()).unwrap() {
            let pdf = db.as_user(&doc).letter_pdf(l.id, test_now()).unwrap();
            assert!(lopdf::Document::load_mem(&pdf).is_ok());
            letters += 1;
        }
    }
    assert_eq!((opened, letters), (out.documents, out.letters));
}
