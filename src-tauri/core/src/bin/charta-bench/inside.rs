//! Care coordination inside the practice on the generated correspondence: `inbox_list` (a
//! physician's open inbox), `inbox_counts` (the header badge's 20-second poll), `send_message`
//! (a phone note from the desk to any physician) and `document_open` (a 2 MB scanned PDF).

use super::{time, Options, Report};
use charta_core::documents::{DocumentCategory, DocumentDraft};
use charta_core::ids::{DocumentId, MessageId};
use charta_core::messages::{InboxFilter, MessageDraft, MessageKind, Priority, Recipient};
use charta_core::permissions::Role;
use charta_core::synth::correspondence::scanned_bytes;
use charta_core::synth::correspondence::CorrespondenceStaff;
use charta_core::synth::Rng;
use charta_core::testing::Staff;
use charta_core::UserId;
use charta_core::{Actor, ChartDb, CoreError, PatientId};
use chrono::{DateTime, Utc};
use std::time::Instant;

/// The scanned file `document_open` reads (the budget is for a 2 MB PDF).
const SCAN_BYTES: usize = 2 * 1024 * 1024;
const SCANS: usize = 20;

/// Gives the generated practice its correspondence (threads to the physicians, scans,
/// referral letters) and says what was written.
pub fn generate(
    db: &mut ChartDb,
    options: &Options,
    staff: &Staff,
    physicians: &[UserId],
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let build = Instant::now();
    let mail = db.add_generated_correspondence(
        options.seed,
        &CorrespondenceStaff {
            physicians: physicians.to_vec(),
            nurse: staff.nurse.user_id(),
            desk: staff.front_desk.user_id(),
        },
        now,
    )?;
    if !options.json {
        println!(
            "charta-bench: correspondence ({} threads, {} documents of {:.0} MB, {} referral letters) in {:.1} s",
            mail.threads,
            mail.documents,
            mail.document_bytes as f64 / 1e6,
            mail.letters,
            build.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)] // the bench's shared state
pub fn inside_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    doc: &Actor,
    desk: &Actor,
    picks: &[PatientId],
    seed: u64,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let samples = report.options.samples;
    if report.wants(&["inbox_list"]) {
        let mut micros = Vec::with_capacity(samples);
        for _ in 0..samples {
            micros.push(time(|| {
                db.as_user(doc).message_inbox(InboxFilter::Open, now)
            })?);
        }
        report.print("inbox_list", micros);
        db.checkpoint()?;
    }
    if report.wants(&["inbox_counts"]) {
        let mut micros = Vec::with_capacity(samples);
        for _ in 0..samples {
            micros.push(time(|| db.as_user(doc).inbox_counts(now))?);
        }
        report.print("inbox_counts", micros);
        db.checkpoint()?;
    }
    if report.wants(&["send_message"]) {
        let mut micros = Vec::with_capacity(samples);
        for (i, patient) in picks.iter().cycle().take(samples).enumerate() {
            let draft = MessageDraft {
                kind: MessageKind::PhoneNote,
                to: Recipient::Role {
                    role: Role::Physician,
                },
                patient_id: Some(*patient),
                subject: "Asks about the results".into(),
                body: "Please call back this afternoon.".into(),
                clinical: true,
                priority: Priority::Routine,
                due_on: None,
                caller: "The patient".into(),
                callback_number: "(555) 201-3344".into(),
                medication_id: None,
            };
            let id = MessageId::from_u128(0xBE4C_3E55_0000 + i as u128);
            micros.push(time(|| db.as_user(desk).send_message(&draft, id, now))?);
        }
        report.print("send_message", micros);
        db.checkpoint()?;
    }
    if report.wants(&["document_open"]) {
        // Twenty 2 MB scans filed (untimed), then opened at random.
        let mut rng = Rng::new(seed ^ 0xD0C5);
        let mut ids = Vec::with_capacity(SCANS);
        for (i, patient) in picks.iter().cycle().take(SCANS).enumerate() {
            let bytes = scanned_bytes(&mut rng, SCAN_BYTES);
            let draft = DocumentDraft {
                patient_id: *patient,
                category: DocumentCategory::OutsideRecord,
                title: "Hospital records".into(),
                document_date: now.date_naive(),
                file_name: "records.pdf".into(),
                declared_type: "application/pdf".into(),
                note: String::new(),
                task: None,
            };
            let id = DocumentId::from_u128(0xBE4C_D0C5_0000 + i as u128);
            db.as_user(desk).file_document(
                &draft,
                &bytes,
                id,
                MessageId::from_u128(0xBE4C_D0C6_0000 + i as u128),
                now,
            )?;
            ids.push(id);
        }
        db.checkpoint()?;
        let mut micros = Vec::with_capacity(samples);
        for _ in 0..samples {
            let id = *rng.pick(&ids);
            micros.push(time(|| db.as_user(doc).open_document(id, now))?);
        }
        report.print("document_open", micros);
        db.checkpoint()?;
    }
    Ok(())
}
