//! The physician's results inbox behind the door (`SignOffResults`): their unreviewed
//! reports (critical, abnormal, normal; oldest first within) with the flagged values, what
//! they signed lately with its letters, the nav's count, and the sign-off — once, with a
//! comment that a critical report requires.

use super::{InboxItem, ResultsInbox, WorstFlag};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::LabReportId;
use crate::permissions::Operation;
use crate::store;
use crate::store::result_inbox::Head;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

const INBOX_LIMIT: u32 = 500;
const RECENT_DAYS: i64 = 14;

pub(super) fn filled(conn: &Connection, head: Head) -> CoreResult<InboxItem> {
    let mut item = head.item;
    item.flagged = store::result_inbox::results(conn, item.report_id, true)?;
    item.letters = store::result_inbox::letters(conn, item.report_id)?;
    Ok(item)
}

pub(super) fn not_found(id: LabReportId) -> CoreError {
    CoreError::NotFound {
        entity: "lab report",
        id: id.to_string(),
    }
}

impl AsUser<'_> {
    /// The logged-in physician's inbox (audited `view_results_inbox`).
    pub fn results_inbox(&mut self, now: DateTime<Utc>) -> CoreResult<ResultsInbox> {
        self.require(Operation::SignOffResults, "view_results_inbox", now)?;
        let me = self.actor.user_id();
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let unreviewed = store::result_inbox::unreviewed(tx, me, INBOX_LIMIT)?
                .into_iter()
                .map(|h| filled(tx, h))
                .collect::<CoreResult<Vec<_>>>()?;
            let recently_signed =
                store::result_inbox::signed_since(tx, me, now - Duration::days(RECENT_DAYS), 100)?
                    .into_iter()
                    .map(|h| filled(tx, h))
                    .collect::<CoreResult<Vec<_>>>()?;
            let event = actor
                .event(now, "view_results_inbox", Outcome::Ok)
                .detail(format!("{} unreviewed", unreviewed.len()));
            audit::append(tx, &event)?;
            Ok(ResultsInbox {
                unreviewed,
                recently_signed,
            })
        })
    }

    /// How many reports wait for the logged-in physician (the nav's "Results 3"; no patient
    /// data, so not audited).
    pub fn results_inbox_count(&mut self, now: DateTime<Utc>) -> CoreResult<u32> {
        self.require(Operation::SignOffResults, "view_results_inbox", now)?;
        let me = self.actor.user_id();
        self.db
            .read(|c| store::result_inbox::unreviewed_count(c, me))
    }

    /// Signs a report off (`SignOffResults`), once; a critical report needs a comment.
    pub fn sign_off_results(
        &mut self,
        report: LabReportId,
        comment: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<InboxItem> {
        let head = self
            .db
            .read(|c| store::result_inbox::head(c, report))?
            .ok_or_else(|| not_found(report))?;
        let patient = head.item.patient.id;
        let access =
            self.require_for_patient(Operation::SignOffResults, "sign_off_results", patient, now)?;
        let comment = comment.trim();
        if comment.chars().count() > 2000 {
            return Err(CoreError::invalid(
                "comment",
                "Keep the comment under 2000 characters",
            ));
        }
        if head.item.worst_flag == WorstFlag::Critical && comment.is_empty() {
            return Err(CoreError::invalid(
                "comment",
                "A critical result needs a comment: say what was done (patient called, seen, sent to hospital …)",
            ));
        }
        if let Some(r) = &head.item.review {
            return Err(CoreError::invalid(
                "comment",
                format!(
                    "Already signed off by {} at {}",
                    r.by_name,
                    r.at.to_rfc3339()
                ),
            ));
        }
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let comment = (!comment.is_empty()).then_some(comment);
            if !store::result_inbox::sign_off(tx, report, by, now, comment)? {
                return Err(CoreError::invalid(
                    "comment",
                    "Someone signed this report off meanwhile",
                ));
            }
            let event = actor
                .event(now, "sign_off_results", Outcome::Ok)
                .patient(patient)
                .entity("lab_report", report)
                .emergency(access == Access::Emergency)
                .detail(head.item.panel_name.clone());
            audit::append(tx, &event)?;
            let head = store::result_inbox::head(tx, report)?.ok_or_else(|| not_found(report))?;
            filled(tx, head)
        })
    }
}
