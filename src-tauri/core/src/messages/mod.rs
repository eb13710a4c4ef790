//! Messages and tasks between the people of the practice: to a user or to a role ("any
//! physician", "front desk"), about a patient or not, with priority, due date and an open →
//! done status whose every change keeps who and when; replies in a thread; phone notes
//! (caller, call-back number) and refill requests, which become a renewal draft in the
//! prescriptions queue in one action. Each reader sees a thread only if it is addressed to
//! them or their role or they wrote in it; clinical content is hidden from roles that may not
//! view the clinical record. Tables: `migrations/0009_messages/messages.sql`.

mod types;
mod validate;

pub use types::*;

use crate::access::{Actor, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, MessageId, UserId};
use crate::medications::Medication;
use crate::permissions::{Operation, Role};
use crate::practice::practice_today;
use crate::store;
use crate::store::messages::NewMessage;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use validate::{checked_body, checked_draft};

/// The most threads an inbox lists.
const INBOX_LIMIT: u32 = 500;

fn not_found(id: MessageId) -> CoreError {
    CoreError::NotFound {
        entity: "message",
        id: id.to_string(),
    }
}

/// Who is reading: their id, roles, and whether they may see clinical content.
#[derive(Clone, Copy)]
struct Reader<'a> {
    id: UserId,
    roles: &'a [Role],
    clinical: bool,
}

impl Reader<'_> {
    fn addressed(&self, to: Recipient) -> bool {
        match to {
            Recipient::User { id } => id == self.id,
            Recipient::Role { role } => self.roles.contains(&role),
        }
    }

    fn view(&self, m: StoredMessage) -> Message {
        let hidden = m.clinical && !self.clinical && m.from_id != self.id;
        let to_name = match m.to {
            Recipient::User { .. } => m.to_user_name.clone().unwrap_or_default(),
            Recipient::Role { role } => role_as_recipient(role).to_string(),
        };
        let read_at = if m.from_id == self.id {
            Some(m.created_at)
        } else {
            m.read_at
        };
        Message {
            id: m.id,
            thread_id: m.thread_id,
            kind: m.kind,
            patient: m.patient,
            from_id: m.from_id,
            from_name: m.from_name,
            to: m.to,
            to_name,
            subject: if hidden {
                "Clinical message".into()
            } else {
                m.subject
            },
            body: (!hidden).then_some(m.body),
            clinical: m.clinical,
            priority: m.priority,
            due_on: m.due_on,
            caller: m.caller,
            callback_number: m.callback_number,
            medication_id: m.medication_id,
            created_at: m.created_at,
            status: m.status,
            status_by_name: m.status_by_name,
            status_at: m.status_at,
            read_at,
        }
    }
}

/// A role as the "to" of a message.
pub fn role_as_recipient(role: Role) -> &'static str {
    match role {
        Role::Physician => "any physician",
        Role::Nurse => "any nurse/MA",
        Role::FrontDesk => "front desk",
        Role::Admin => "practice admin",
    }
}

/// The thread's messages, if the reader is a party to it (wrote in it, or one of its messages
/// is addressed to them or their role).
fn party_thread(
    conn: &Connection,
    thread: MessageId,
    reader: Reader<'_>,
) -> CoreResult<Vec<StoredMessage>> {
    let messages = store::messages::thread(conn, thread, reader.id)?;
    let party = messages
        .iter()
        .any(|m| m.from_id == reader.id || reader.addressed(m.to));
    if messages.is_empty() || !party {
        return Err(not_found(thread));
    }
    Ok(messages)
}

fn opened(conn: &Connection, thread: MessageId, reader: Reader<'_>) -> CoreResult<MessageThread> {
    let messages = party_thread(conn, thread, reader)?;
    Ok(MessageThread {
        messages: messages.into_iter().map(|m| reader.view(m)).collect(),
        history: store::messages::status_changes(conn, thread)?,
    })
}

/// Checks and stores the first message of a new thread, audited `send_message`, inside the
/// caller's transaction (filing a document or a referral sends its task this way).
pub(crate) fn send_in(
    tx: &Connection,
    actor: &Actor,
    draft: &MessageDraft,
    id: MessageId,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> CoreResult<()> {
    let v = checked_draft(tx, draft, today)?;
    store::messages::insert(
        tx,
        &NewMessage {
            id,
            thread: id,
            kind: draft.kind,
            patient: draft.patient_id,
            from: actor.user_id(),
            to: draft.to,
            subject: &v.subject,
            body: &v.body,
            clinical: draft.clinical,
            priority: draft.priority,
            due_on: draft.due_on,
            caller: v.caller.as_deref(),
            callback_number: v.callback_number.as_deref(),
            medication: draft.medication_id,
            at: now,
        },
    )?;
    let mut event = actor
        .event(now, "send_message", Outcome::Ok)
        .entity("message", id)
        .detail(draft.kind.label());
    if let Some(p) = draft.patient_id {
        event = event.patient(p);
    }
    audit::append(tx, &event)?;
    Ok(())
}

fn critical_results(conn: &Connection, actor: &Actor) -> CoreResult<u32> {
    if actor.can(Operation::SignOffResults) {
        store::result_inbox::unreviewed_critical_count(conn, actor.user_id())
    } else {
        Ok(0)
    }
}

/// The badge counted from every open thread (what [`open_counts`] counts in SQL).
fn tally(
    rows: &[store::messages::InboxRow],
    today: NaiveDate,
    critical_results: u32,
) -> InboxCounts {
    let mut c = InboxCounts {
        critical_results,
        ..InboxCounts::default()
    };
    for r in rows
        .iter()
        .filter(|r| r.first.status == MessageStatus::Open)
    {
        if r.unread > 0 {
            c.unread += 1;
            if r.first.priority == Priority::Urgent {
                c.urgent += 1;
            }
        }
        if r.first.due_on.is_some_and(|d| d < today) {
            c.overdue += 1;
        }
    }
    c
}

/// The badge over the reader's open threads (a thread someone marked done no longer asks
/// for attention), with the critical reports waiting for their sign-off.
fn open_counts(conn: &Connection, actor: &Actor, today: NaiveDate) -> CoreResult<InboxCounts> {
    let (unread, urgent, overdue) =
        store::messages::open_counts(conn, actor.user_id(), actor.roles(), today)?;
    let critical_results = critical_results(conn, actor)?;
    Ok(InboxCounts {
        unread,
        overdue,
        urgent,
        referrals_overdue: 0,
        critical_results,
    })
}

fn reader_of(actor: &Actor) -> Reader<'_> {
    Reader {
        id: actor.user_id(),
        roles: actor.roles(),
        clinical: actor.can(Operation::ViewClinical),
    }
}

impl AsUser<'_> {
    /// Whom a message can go to: the roles that read messages, then each active user who
    /// does (not the sender). No patient data, so not audited.
    pub fn message_recipients(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<RecipientChoice>> {
        self.require(Operation::SendMessages, "send_message", now)?;
        let me = self.actor.user_id();
        let users = self.db.read(store::users::list)?;
        let mut out: Vec<RecipientChoice> = [Role::Physician, Role::Nurse, Role::FrontDesk]
            .into_iter()
            .map(|role| RecipientChoice {
                recipient: Recipient::Role { role },
                label: role_as_recipient(role).to_string(),
            })
            .collect();
        for u in users {
            let reads = u
                .roles
                .iter()
                .any(|r| crate::permissions::allows(*r, Operation::SendMessages));
            if u.active && reads && u.id != me {
                let roles: Vec<&str> = u.roles.iter().map(|r| r.label()).collect();
                out.push(RecipientChoice {
                    recipient: Recipient::User { id: u.id },
                    label: format!("{} ({})", u.display_name, roles.join(", ")),
                });
            }
        }
        Ok(out)
    }

    /// Sends the first message of a new thread (`SendMessages`). Audited `send_message`.
    pub fn send_message(
        &mut self,
        draft: &MessageDraft,
        id: MessageId,
        now: DateTime<Utc>,
    ) -> CoreResult<Message> {
        self.require(Operation::SendMessages, "send_message", now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        let reader = reader_of(actor);
        self.db.write(|tx| {
            send_in(tx, actor, draft, id, now, today)?;
            let stored =
                store::messages::get(tx, id, actor.user_id())?.ok_or_else(|| not_found(id))?;
            Ok(reader.view(stored))
        })
    }

    /// Replies in a thread: to its first message's sender, or (from that sender) to whom it
    /// was sent. Audited `reply_message`.
    pub fn reply_to_message(
        &mut self,
        thread: MessageId,
        body: &str,
        clinical: bool,
        id: MessageId,
        now: DateTime<Utc>,
    ) -> CoreResult<Message> {
        self.require(Operation::SendMessages, "reply_message", now)?;
        let body = checked_body(body, true)?;
        let actor = self.actor;
        let reader = reader_of(actor);
        let me = reader.id;
        self.db.write(|tx| {
            let messages = party_thread(tx, thread, reader)?;
            let first = messages.first().ok_or_else(|| not_found(thread))?;
            let to = if first.from_id == me {
                first.to
            } else {
                Recipient::User { id: first.from_id }
            };
            if clinical {
                validate::recipient_may_read_clinical(tx, to)?;
            }
            store::messages::insert(
                tx,
                &NewMessage {
                    id,
                    thread,
                    kind: MessageKind::Message,
                    patient: first.patient.as_ref().map(|p| p.id),
                    from: me,
                    to,
                    subject: &format!("Re: {}", first.subject),
                    body: &body,
                    clinical,
                    priority: first.priority,
                    due_on: None,
                    caller: None,
                    callback_number: None,
                    medication: None,
                    at: now,
                },
            )?;
            // Replying reads what came before.
            let ids: Vec<MessageId> = messages.iter().map(|m| m.id).collect();
            store::messages::mark_read(tx, &ids, me, now)?;
            let mut event = actor
                .event(now, "reply_message", Outcome::Ok)
                .entity("message", id);
            if let Some(p) = &first.patient {
                event = event.patient(p.id);
            }
            audit::append(tx, &event)?;
            let stored = store::messages::get(tx, id, me)?.ok_or_else(|| not_found(id))?;
            Ok(reader.view(stored))
        })
    }

    /// The reader's inbox: threads addressed to them or their roles (`SendMessages`).
    /// Audited `view_inbox` (it names patients).
    pub fn message_inbox(&mut self, filter: InboxFilter, now: DateTime<Utc>) -> CoreResult<Inbox> {
        self.require(Operation::SendMessages, "view_inbox", now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        let reader = reader_of(actor);
        let me = reader.id;
        self.db.write_relaxed(|tx| {
            let status = match filter {
                InboxFilter::Open => Some(MessageStatus::Open),
                InboxFilter::Done => Some(MessageStatus::Done),
                InboxFilter::All => None,
            };
            let rows = store::messages::inbox(tx, me, reader.roles, status, INBOX_LIMIT)?;
            // Every open thread is listed: the badge is counted from the list, not again.
            let complete = filter == InboxFilter::Open && rows.len() < INBOX_LIMIT as usize;
            let mut counts = if complete {
                tally(&rows, today, critical_results(tx, actor)?)
            } else {
                open_counts(tx, actor, today)?
            };
            let mut threads = Vec::with_capacity(rows.len());
            for row in rows {
                let first = reader.view(row.first);
                let overdue =
                    first.status == MessageStatus::Open && first.due_on.is_some_and(|d| d < today);
                threads.push(InboxThread {
                    first,
                    last_at: row.last_at,
                    messages: row.messages,
                    unread: row.unread,
                    overdue,
                });
            }
            // Urgent unread first, then overdue, then the newest activity (the store's order).
            threads.sort_by_key(|t| {
                (
                    !(t.first.priority == Priority::Urgent && t.unread > 0),
                    !t.overdue,
                )
            });
            let event = actor.event(now, "view_inbox", Outcome::Ok).detail(format!(
                "{} threads, {} unread",
                threads.len(),
                counts.unread
            ));
            audit::append(tx, &event)?;
            let overdue_referrals = if actor.can(Operation::WriteLetters) {
                store::letters::overdue_for_physician(tx, me, today)?
            } else {
                Vec::new()
            };
            counts.referrals_overdue = overdue_referrals.len() as u32;
            Ok(Inbox {
                threads,
                counts,
                overdue_referrals,
            })
        })
    }

    /// The header's badge (no patient data, so not audited).
    pub fn inbox_counts(&mut self, now: DateTime<Utc>) -> CoreResult<InboxCounts> {
        self.require(Operation::SendMessages, "view_inbox", now)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.read(|c| {
            let mut counts = open_counts(c, actor, today)?;
            if actor.can(Operation::WriteLetters) {
                counts.referrals_overdue =
                    store::letters::overdue_count(c, actor.user_id(), today)?;
            }
            Ok(counts)
        })
    }

    /// Opens a thread and records that the reader read what is addressed to them. Audited
    /// `view_message`, naming the patient (the audit report shows who read what about whom).
    pub fn open_message_thread(
        &mut self,
        thread: MessageId,
        now: DateTime<Utc>,
    ) -> CoreResult<MessageThread> {
        self.require(Operation::SendMessages, "view_message", now)?;
        let actor = self.actor;
        let reader = reader_of(actor);
        let me = reader.id;
        self.db.write(|tx| {
            let messages = party_thread(tx, thread, reader)?;
            let mine: Vec<MessageId> = messages
                .iter()
                .filter(|m| reader.addressed(m.to))
                .map(|m| m.id)
                .collect();
            store::messages::mark_read(tx, &mine, me, now)?;
            let mut event = actor
                .event(now, "view_message", Outcome::Ok)
                .entity("message", thread);
            if let Some(p) = messages.first().and_then(|m| m.patient.as_ref()) {
                event = event.patient(p.id);
            }
            audit::append(tx, &event)?;
            opened(tx, thread, reader)
        })
    }

    /// Marks a thread done, or reopens it; every change keeps who and when. Audited
    /// `complete_message` / `reopen_message`.
    pub fn set_message_status(
        &mut self,
        thread: MessageId,
        status: MessageStatus,
        now: DateTime<Utc>,
    ) -> CoreResult<MessageThread> {
        let action = match status {
            MessageStatus::Done => "complete_message",
            MessageStatus::Open => "reopen_message",
        };
        self.require(Operation::SendMessages, action, now)?;
        let actor = self.actor;
        let reader = reader_of(actor);
        let me = reader.id;
        self.db.write(|tx| {
            let messages = party_thread(tx, thread, reader)?;
            if !store::messages::set_status(tx, thread, status, me, now)? {
                return Err(CoreError::invalid(
                    "status",
                    match status {
                        MessageStatus::Done => "This is already done",
                        MessageStatus::Open => "This is already open",
                    },
                ));
            }
            let mut event = actor
                .event(now, action, Outcome::Ok)
                .entity("message", thread);
            if let Some(p) = messages.first().and_then(|m| m.patient.as_ref()) {
                event = event.patient(p.id);
            }
            audit::append(tx, &event)?;
            opened(tx, thread, reader)
        })
    }

    /// Turns a refill request into a renewal draft of its medication in the prescriptions
    /// queue (`DraftPrescriptions`, through `renew_prescription`), then replies that it was
    /// drafted and marks the request done.
    pub fn refill_to_renewal(
        &mut self,
        thread: MessageId,
        renewal: MedicationId,
        reply: MessageId,
        now: DateTime<Utc>,
    ) -> CoreResult<Medication> {
        self.require(Operation::SendMessages, "refill_to_renewal", now)?;
        let actor = self.actor;
        let reader = reader_of(actor);
        let first = self.db.read(|c| {
            let messages = party_thread(c, thread, reader)?;
            messages.into_iter().next().ok_or_else(|| not_found(thread))
        })?;
        let medication = match (first.kind, first.medication_id) {
            (MessageKind::RefillRequest, Some(m)) if first.status == MessageStatus::Open => m,
            (MessageKind::RefillRequest, Some(_)) => {
                return Err(CoreError::invalid(
                    "status",
                    "This refill request is already done",
                ))
            }
            _ => {
                return Err(CoreError::invalid(
                    "kind",
                    "Only a refill request naming a medication becomes a renewal",
                ))
            }
        };
        let drafted = self.renew_prescription(medication, renewal, now)?;
        self.reply_to_message(
            thread,
            &format!("Renewal drafted for signing: {}", drafted.name),
            false,
            reply,
            now,
        )?;
        self.set_message_status(thread, MessageStatus::Done, now)?;
        Ok(drafted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::test_now;

    fn stored(clinical: bool, from: UserId) -> StoredMessage {
        StoredMessage {
            id: MessageId::from_u128(1),
            thread_id: MessageId::from_u128(1),
            kind: MessageKind::PhoneNote,
            patient: None,
            from_id: from,
            from_name: "Sam Nurse".into(),
            to: Recipient::Role {
                role: Role::FrontDesk,
            },
            to_user_name: None,
            subject: "Potassium 6.1".into(),
            body: "Call her today.".into(),
            clinical,
            priority: Priority::Routine,
            due_on: None,
            caller: None,
            callback_number: None,
            medication_id: None,
            created_at: test_now(),
            status: MessageStatus::Open,
            status_by_name: None,
            status_at: None,
            read_at: None,
        }
    }

    #[test]
    fn clinical_text_is_hidden_from_a_reader_without_clinical_rights_unless_they_wrote_it() {
        let roles = [Role::FrontDesk];
        let desk = Reader {
            id: UserId::from_u128(4),
            roles: &roles,
            clinical: false,
        };
        let hidden = desk.view(stored(true, UserId::from_u128(3)));
        assert_eq!(hidden.subject, "Clinical message");
        assert_eq!(hidden.body, None);
        assert_eq!(hidden.to_name, "front desk");
        let own = desk.view(stored(true, UserId::from_u128(4)));
        assert_eq!(own.body.as_deref(), Some("Call her today."));
        assert_eq!(
            own.read_at,
            Some(test_now()),
            "one's own message counts as read"
        );
        let plain = desk.view(stored(false, UserId::from_u128(3)));
        assert_eq!(plain.subject, "Potassium 6.1");
        let nurse_roles = [Role::Nurse];
        let nurse = Reader {
            id: UserId::from_u128(5),
            roles: &nurse_roles,
            clinical: true,
        };
        assert!(nurse
            .view(stored(true, UserId::from_u128(3)))
            .body
            .is_some());
        assert!(desk.addressed(Recipient::Role {
            role: Role::FrontDesk
        }));
        assert!(!nurse.addressed(Recipient::Role {
            role: Role::FrontDesk
        }));
    }
}
