//! What messages and tasks are made of, as the screens send and read them.

use crate::ids::{MedicationId, MessageId, PatientId, UserId};
use crate::permissions::Role;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MessageKind {
    Message,
    /// Something to do, usually with a due date.
    Task,
    /// A call taken for someone: the caller and the number to call back.
    PhoneNote,
    /// A patient asks for more of a medication: turns into a renewal draft in one action.
    RefillRequest,
}

impl MessageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageKind::Message => "message",
            MessageKind::Task => "task",
            MessageKind::PhoneNote => "phoneNote",
            MessageKind::RefillRequest => "refillRequest",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            MessageKind::Message,
            MessageKind::Task,
            MessageKind::PhoneNote,
            MessageKind::RefillRequest,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// As a person would say it.
    pub fn label(self) -> &'static str {
        match self {
            MessageKind::Message => "message",
            MessageKind::Task => "task",
            MessageKind::PhoneNote => "phone note",
            MessageKind::RefillRequest => "refill request",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Priority {
    Routine,
    /// Shown first, and counted in the header's urgent badge.
    Urgent,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Routine => "routine",
            Priority::Urgent => "urgent",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "routine" => Some(Priority::Routine),
            "urgent" => Some(Priority::Urgent),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MessageStatus {
    Open,
    Done,
}

impl MessageStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MessageStatus::Open => "open",
            MessageStatus::Done => "done",
        }
    }

    /// As stored (the table's CHECK allows only the two).
    pub fn from_stored(text: &str) -> Self {
        if text == "done" {
            MessageStatus::Done
        } else {
            MessageStatus::Open
        }
    }
}

/// One user, or everyone holding a role ("any physician", "front desk").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Recipient {
    User { id: UserId },
    Role { role: Role },
}

/// A new first message of a thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageDraft {
    pub kind: MessageKind,
    pub to: Recipient,
    pub patient_id: Option<PatientId>,
    pub subject: String,
    pub body: String,
    /// Clinical content: hidden from roles that may not view the clinical record.
    pub clinical: bool,
    pub priority: Priority,
    pub due_on: Option<NaiveDate>,
    /// Phone notes: who called and the number to call back.
    pub caller: String,
    pub callback_number: String,
    /// Refill requests: the patient's medication asked for.
    pub medication_id: Option<MedicationId>,
}

/// The patient a message is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessagePatient {
    pub id: PatientId,
    /// "Family, Given".
    pub name: String,
    #[ts(type = "number")]
    pub mrn: i64,
}

/// A message as stored, before the reader's view of it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredMessage {
    pub id: MessageId,
    pub thread_id: MessageId,
    pub kind: MessageKind,
    pub patient: Option<MessagePatient>,
    pub from_id: UserId,
    pub from_name: String,
    pub to: Recipient,
    pub to_user_name: Option<String>,
    pub subject: String,
    pub body: String,
    pub clinical: bool,
    pub priority: Priority,
    pub due_on: Option<NaiveDate>,
    pub caller: Option<String>,
    pub callback_number: Option<String>,
    pub medication_id: Option<MedicationId>,
    pub created_at: DateTime<Utc>,
    pub status: MessageStatus,
    pub status_by_name: Option<String>,
    pub status_at: Option<DateTime<Utc>>,
    pub read_at: Option<DateTime<Utc>>,
}

/// One message as its reader sees it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    pub id: MessageId,
    pub thread_id: MessageId,
    pub kind: MessageKind,
    pub patient: Option<MessagePatient>,
    pub from_id: UserId,
    pub from_name: String,
    pub to: Recipient,
    /// The user's name, or the role as a person would say it ("any physician").
    pub to_name: String,
    /// "Clinical message" when the content is hidden from the reader.
    pub subject: String,
    /// None when the content is clinical and the reader may not view the clinical record.
    pub body: Option<String>,
    pub clinical: bool,
    pub priority: Priority,
    pub due_on: Option<NaiveDate>,
    pub caller: Option<String>,
    pub callback_number: Option<String>,
    pub medication_id: Option<MedicationId>,
    pub created_at: DateTime<Utc>,
    /// The thread's status (on its first message).
    pub status: MessageStatus,
    pub status_by_name: Option<String>,
    pub status_at: Option<DateTime<Utc>>,
    /// When the reader read it (their own messages count as read).
    pub read_at: Option<DateTime<Utc>>,
}

/// One thread in an inbox.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxThread {
    pub first: Message,
    pub last_at: DateTime<Utc>,
    pub messages: u32,
    /// Messages addressed to the reader they have not read.
    pub unread: u32,
    /// Open with a due date before today.
    pub overdue: bool,
}

/// Which threads an inbox lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum InboxFilter {
    Open,
    Done,
    All,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Inbox {
    /// Urgent first, then overdue, then newest activity first.
    pub threads: Vec<InboxThread>,
    pub counts: InboxCounts,
    /// The reader's referrals still waiting for the specialist's report past the expected
    /// date (a physician's; empty for anyone else), longest overdue first.
    pub overdue_referrals: Vec<crate::letters::Referral>,
}

/// The header's badge: threads with unread messages, open overdue ones, and unread urgent ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxCounts {
    pub unread: u32,
    pub overdue: u32,
    pub urgent: u32,
    /// The reader's referrals overdue for their report.
    pub referrals_overdue: u32,
    /// Critical lab reports waiting for the reader's sign-off.
    pub critical_results: u32,
}

/// One change of a thread's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    pub status: MessageStatus,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// A thread opened: its messages oldest first and its status history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MessageThread {
    pub messages: Vec<Message>,
    pub history: Vec<StatusChange>,
}

/// Someone a message can go to, as the "To" list offers them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecipientChoice {
    pub recipient: Recipient,
    /// "any physician", or "Dr Maria Reyes (physician)".
    pub label: String,
}
