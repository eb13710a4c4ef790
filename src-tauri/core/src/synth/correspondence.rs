//! Generated correspondence for the benchmark practice: message threads (phone notes, tasks
//! and messages from the desk and the nurse to the physicians, most of the older ones done), scanned documents
//! (small PDF-signed files) and signed referral letters with their referrals, spread over the
//! patients, written through the same stores as the app in batches of one transaction each.

use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::documents::{DocumentCategory, MediaType};
use crate::error::CoreResult;
use crate::ids::{DocumentId, LetterId, MessageId, ReferralId, UserId};
use crate::letters::{pdf::LetterPage, LetterKind};
use crate::messages::{MessageKind, Priority, Recipient};
use crate::permissions::Role;
use crate::store;
use crate::store::{chart_seed, documents::NewDocument, letters, messages::NewMessage};
use crate::synth::Rng;
use chrono::{DateTime, Duration, Utc};

const BATCH: usize = 5_000;

/// Who writes and receives the generated correspondence.
#[derive(Debug, Clone)]
pub struct CorrespondenceStaff {
    pub physicians: Vec<UserId>,
    pub nurse: UserId,
    pub desk: UserId,
}

/// What [`ChartDb::add_generated_correspondence`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GeneratedCorrespondence {
    pub threads: u32,
    pub documents: u32,
    pub letters: u32,
    pub document_bytes: u64,
}

const SUBJECTS: [&str; 6] = [
    "Asks for a call back about the lab results",
    "Pharmacy called about a prior authorisation",
    "Wants an earlier appointment",
    "Home blood pressure readings",
    "Form to sign for school",
    "Daughter called: new swelling of the ankles",
];

/// A scanned-looking file of about `size` bytes, PDF-signed.
pub fn scanned_bytes(rng: &mut Rng, size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    while bytes.len() < size {
        bytes.extend_from_slice(&rng.below(u64::MAX).to_le_bytes());
    }
    bytes.truncate(size.max(16));
    bytes
}

impl ChartDb {
    /// Adds correspondence to a generated practice: per patient, a 1 in 20 chance of a
    /// message thread, 1 in 50 of a scanned document and 1 in 50 of a referral letter.
    pub fn add_generated_correspondence(
        &mut self,
        seed: u64,
        staff: &CorrespondenceStaff,
        now: DateTime<Utc>,
    ) -> CoreResult<GeneratedCorrespondence> {
        let patients = self.read(chart_seed::patients)?;
        let (practice_name, practice_lines) =
            self.read(crate::medications::print::ops::letterhead)?;
        let mut out = GeneratedCorrespondence::default();
        let mut next: u128 = 0xC0_0000_0000;
        for (batch_no, batch) in patients.chunks(BATCH).enumerate() {
            self.write(|tx| {
                for (i, p) in batch.iter().enumerate() {
                    let index = (batch_no * BATCH + i) as u64;
                    let mut rng = Rng::new(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
                    let physician = *rng.pick(&staff.physicians);
                    let at = now - Duration::minutes(rng.below(60 * 24 * 365) as i64);
                    if rng.chance(50) {
                        next += 1;
                        let id = MessageId::from_u128(next);
                        let to = if rng.chance(500) {
                            Recipient::Role { role: Role::Physician }
                        } else {
                            Recipient::User { id: physician }
                        };
                        let phone = rng.chance(600);
                        let subject = SUBJECTS[rng.below(SUBJECTS.len() as u64) as usize];
                        store::messages::insert(
                            tx,
                            &NewMessage {
                                id,
                                thread: id,
                                kind: if phone { MessageKind::PhoneNote } else { MessageKind::Task },
                                patient: Some(p.id),
                                from: if rng.chance(500) { staff.desk } else { staff.nurse },
                                to,
                                subject,
                                body: "Generated for the benchmark.",
                                clinical: rng.chance(500),
                                priority: if rng.chance(100) { Priority::Urgent } else { Priority::Routine },
                                due_on: rng.chance(300).then(|| (at + Duration::days(7)).date_naive()),
                                caller: phone.then_some("The patient"),
                                callback_number: phone.then_some("(555) 201-0000"),
                                medication: None,
                                at,
                            },
                        )?;
                        // A practice works its inbox: of the last fortnight's threads half are
                        // still open, of older ones one in fifty.
                        let recent = now - at < Duration::days(14);
                        if rng.chance(if recent { 500 } else { 980 }) {
                            store::messages::set_status(tx, id, crate::messages::MessageStatus::Done, physician, at + Duration::hours(2))?;
                        }
                        out.threads += 1;
                    }
                    if rng.chance(20) {
                        next += 1;
                        let size = 20_000 + rng.below(40_000) as usize;
                        let bytes = scanned_bytes(&mut rng, size);
                        store::documents::insert(
                            tx,
                            &NewDocument {
                                id: DocumentId::from_u128(next),
                                patient: p.id,
                                category: *rng.pick(&DocumentCategory::ALL),
                                title: "Scanned outside record",
                                document_date: at.date_naive(),
                                media_type: MediaType::Pdf,
                                file_name: "scan.pdf",
                                sha256: "generated",
                                note: "",
                                by: staff.desk,
                                at,
                                task: None,
                                content: &bytes,
                            },
                        )?;
                        out.documents += 1;
                        out.document_bytes += bytes.len() as u64;
                    }
                    if rng.chance(20) {
                        next += 1;
                        let letter = LetterId::from_u128(next);
                        let body = "Dear Dr Lee,\n\nThank you for seeing this patient.\n\nYours sincerely,";
                        let pdf = crate::letters::pdf::letter_pdf(&LetterPage {
                            letter_id: letter.to_string(),
                            practice_name: &practice_name,
                            practice_lines: &practice_lines,
                            date: at.date_naive(),
                            recipient: "Dr Kim Lee, Cardiology",
                            patient_name: "Generated patient",
                            patient_mrn: 0,
                            patient_date_of_birth: p.date_of_birth,
                            subject: "Referral",
                            body,
                            signer: "Generated physician",
                            signed_at: at,
                        });
                        letters::insert_letter(
                            tx,
                            &letters::NewLetter {
                                id: letter,
                                patient: p.id,
                                template: None,
                                kind: LetterKind::Referral,
                                recipient: "Dr Kim Lee, Cardiology",
                                subject: "Referral",
                                body,
                                by: physician,
                                at,
                                pdf: &pdf,
                            },
                        )?;
                        letters::insert_referral(
                            tx,
                            &letters::NewReferral {
                                id: ReferralId::from_u128(next),
                                patient: p.id,
                                letter,
                                specialty: "Cardiology",
                                referred_to: "Dr Kim Lee, Cardiology",
                                reason: "Generated for the benchmark",
                                physician,
                                expected_by: (at + Duration::days(30)).date_naive(),
                                at,
                            },
                        )?;
                        // Reports come back: all but a few of the referrals older than their
                        // expected date have one.
                        let waiting = now - at < Duration::days(30);
                        if rng.chance(if waiting { 200 } else { 970 }) {
                            letters::add_change(tx, ReferralId::from_u128(next), crate::letters::ReferralStatus::ReportReceived, "", None, physician, at + Duration::days(20))?;
                        }
                        out.letters += 1;
                    }
                }
                let event = AuditEvent::new(now, None, "setup", "add_generated_correspondence", Outcome::Ok)
                    .detail(format!("correspondence for {} synthetic patients", batch.len()));
                crate::audit::append(tx, &event)?;
                Ok(())
            })?;
            self.checkpoint()?;
        }
        Ok(out)
    }
}
