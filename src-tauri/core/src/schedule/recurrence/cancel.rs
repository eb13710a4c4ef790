//! Cancelling a series: this one, this and following, or all that are still ahead. Past,
//! checked-out and already cancelled occurrences are left as they are; nothing is deleted.

use super::{ahead, scope_words};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::AppointmentId;
use crate::permissions::Operation;
use crate::schedule::{Appointment, CancelKind, SeriesScope};
use crate::store;
use chrono::{DateTime, Utc};

const MAX_REASON: usize = 200;

impl AsUser<'_> {
    /// Cancels the occurrence `id` and, by `scope`, the following ones or all not yet past.
    pub fn cancel_series(
        &mut self,
        id: AppointmentId,
        version: i64,
        kind: CancelKind,
        reason: &str,
        scope: SeriesScope,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Appointment>> {
        self.require(Operation::BookAppointments, "cancel_series", now)?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(CoreError::invalid(
                "reason",
                "Say why the appointments are cancelled",
            ));
        }
        if reason.chars().count() > MAX_REASON {
            return Err(CoreError::invalid(
                "reason",
                format!("At most {MAX_REASON} characters"),
            ));
        }
        let actor = self.actor;
        let by = actor.user_id();
        self.db.write(|tx| {
            let clicked = store::appointments::get(tx, id)?.ok_or_else(|| CoreError::NotFound {
                entity: "appointment",
                id: id.to_string(),
            })?;
            if clicked.version != version {
                return Err(CoreError::Conflict {
                    entity: "appointment",
                });
            }
            if !ahead(&clicked) {
                return Err(CoreError::invalid(
                    "status",
                    format!(
                        "A {} appointment cannot be cancelled",
                        clicked.status.label()
                    ),
                ));
            }
            let mut targets = vec![clicked.id];
            if let (Some(series), Some(number), false) = (
                clicked.series_id,
                clicked.occurrence,
                scope == SeriesScope::This,
            ) {
                for a in store::series::occurrences(tx, series)? {
                    let reached = scope == SeriesScope::All || a.occurrence > Some(number);
                    if reached && a.id != clicked.id && a.starts_at >= now && ahead(&a) {
                        targets.push(a.id);
                    }
                }
            }
            let who = match kind {
                CancelKind::Patient => "by the patient",
                CancelKind::Practice => "by the practice",
            };
            let mut out = Vec::with_capacity(targets.len());
            for target in targets {
                store::series::cancel(tx, target, kind, reason, by, now)?;
                store::appointments::record_history(
                    tx,
                    target,
                    "cancelled",
                    by,
                    now,
                    &format!("{who}: {reason} (series: {})", scope_words(scope)),
                )?;
                out.push(store::appointments::get(tx, target)?.ok_or_else(|| {
                    CoreError::Corrupt("a cancelled occurrence could not be read back".into())
                })?);
            }
            let event = actor
                .event(now, "cancel_series", Outcome::Ok)
                .entity("appointment", id)
                .patient(clicked.patient_id)
                .detail(format!(
                    "{}: {} cancelled {who} ({reason})",
                    scope_words(scope),
                    out.len()
                ));
            audit::append(tx, &event)?;
            Ok(out)
        })
    }
}
