//! The schedule's shared vocabulary: appointments and their statuses, drafts and changes,
//! collisions, recurrence rules, the set-up lists the calendar reads, and the views built
//! from them. Every area of `schedule` speaks these types; the UI gets them through ts-rs.

use crate::chart::common::VisitType;
use crate::ids::{
    AppointmentId, AppointmentTypeId, AvailabilityId, BlockId, PatientId, RoomId, SeriesId, UserId,
    VisitId, WaitListId,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where an appointment is in the day. Booked → confirmed → arrived → in room → with
/// provider → checked out; or no-show, or cancelled. Stored as the camelCase name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum AppointmentStatus {
    Booked,
    Confirmed,
    Arrived,
    InRoom,
    WithProvider,
    CheckedOut,
    NoShow,
    Cancelled,
}

impl AppointmentStatus {
    pub const ALL: [AppointmentStatus; 8] = [
        AppointmentStatus::Booked,
        AppointmentStatus::Confirmed,
        AppointmentStatus::Arrived,
        AppointmentStatus::InRoom,
        AppointmentStatus::WithProvider,
        AppointmentStatus::CheckedOut,
        AppointmentStatus::NoShow,
        AppointmentStatus::Cancelled,
    ];

    /// As stored.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Confirmed => "confirmed",
            AppointmentStatus::Arrived => "arrived",
            AppointmentStatus::InRoom => "inRoom",
            AppointmentStatus::WithProvider => "withProvider",
            AppointmentStatus::CheckedOut => "checkedOut",
            AppointmentStatus::NoShow => "noShow",
            AppointmentStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<AppointmentStatus> {
        AppointmentStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// As the desk says it.
    pub fn label(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Confirmed => "confirmed",
            AppointmentStatus::Arrived => "arrived",
            AppointmentStatus::InRoom => "in room",
            AppointmentStatus::WithProvider => "with provider",
            AppointmentStatus::CheckedOut => "checked out",
            AppointmentStatus::NoShow => "no-show",
            AppointmentStatus::Cancelled => "cancelled",
        }
    }

    /// Whether the appointment still holds its slot (a cancelled or no-show one frees it).
    pub fn holds_slot(self) -> bool {
        !matches!(
            self,
            AppointmentStatus::Cancelled | AppointmentStatus::NoShow
        )
    }
}

/// Who cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CancelKind {
    Patient,
    Practice,
}

impl CancelKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CancelKind::Patient => "patient",
            CancelKind::Practice => "practice",
        }
    }

    pub fn parse(text: &str) -> Option<CancelKind> {
        [CancelKind::Patient, CancelKind::Practice]
            .into_iter()
            .find(|k| k.as_str() == text)
    }
}

/// One appointment as every screen shows it: the row with the names it refers to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Appointment {
    pub id: AppointmentId,
    pub patient_id: PatientId,
    /// "Family, Given" as registered.
    pub patient_name: String,
    pub mrn: u32,
    #[ts(type = "string")]
    pub date_of_birth: NaiveDate,
    pub provider_id: UserId,
    pub provider_name: String,
    pub room_id: Option<RoomId>,
    pub room_name: Option<String>,
    pub type_id: AppointmentTypeId,
    pub type_name: String,
    /// The type's colour, `#rrggbb`.
    pub colour: String,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    pub reason: String,
    pub note: String,
    pub status: AppointmentStatus,
    /// When the current status was set.
    #[ts(type = "string")]
    pub status_at: DateTime<Utc>,
    pub cancel_kind: Option<CancelKind>,
    pub cancel_reason: Option<String>,
    /// Set when the booking was made over a collision, with the user's reason.
    pub overbook_reason: Option<String>,
    pub series_id: Option<SeriesId>,
    /// 0-based number of this occurrence in its series.
    pub occurrence: Option<u32>,
    /// Edited on its own: edits of the whole series leave it alone.
    pub is_exception: bool,
    /// The chart visit started from this appointment.
    pub visit_id: Option<VisitId>,
    #[ts(type = "number")]
    pub version: i64,
}

/// A new booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentDraft {
    pub patient_id: PatientId,
    pub provider_id: UserId,
    pub type_id: AppointmentTypeId,
    pub room_id: Option<RoomId>,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    /// Length in minutes (5–480); the type's default unless the desk changed it.
    pub minutes: u32,
    pub reason: String,
    pub note: String,
    /// Book over the collisions the check found, for this reason (audited). `None` (or
    /// blank) means a collision refuses the booking.
    pub overbook_reason: Option<String>,
}

/// What a move, resize, reassignment or edit of an existing appointment sets: every editable
/// field (the patient never changes; book a new appointment instead).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentChange {
    pub provider_id: UserId,
    pub type_id: AppointmentTypeId,
    pub room_id: Option<RoomId>,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    pub minutes: u32,
    pub reason: String,
    pub note: String,
    pub overbook_reason: Option<String>,
}

/// What a proposed booking runs into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum CollisionKind {
    /// The provider already has an appointment then.
    Provider,
    /// The room is taken then.
    Room,
    /// Outside the provider's availability or the practice's hours.
    OutsideHours,
    /// In blocked time (the provider's or the practice's).
    Blocked,
}

/// One reason a booking is refused unless overbooked; `description` says it as a person
/// would, in the practice's time zone ("Dr Maria Reyes already sees Smith, John 09:00–09:15").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Collision {
    pub kind: CollisionKind,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    pub description: String,
    pub appointment_id: Option<AppointmentId>,
    pub block_id: Option<BlockId>,
}

/// Which occurrences of a series an edit or cancellation applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SeriesScope {
    This,
    Following,
    All,
}

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Frequency {
    Daily,
    Weekly,
    /// On the first occurrence's day of the month (the 29th–31st fall on a shorter month's
    /// last day).
    Monthly,
    /// On the first occurrence's weekday and its number in the month ("2nd Tuesday"; a 5th
    /// one falls on the month's last such weekday).
    MonthlyByWeekday,
}

/// Where a series stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum RecurrenceEnd {
    /// The last local date an occurrence may fall on.
    Until {
        #[ts(type = "string")]
        date: NaiveDate,
    },
    /// How many occurrences, the first included.
    Count { count: u32 },
}

/// Every `interval` days/weeks/months from the first occurrence, until a date or for a count.
/// Occurrences keep the first one's local wall-clock time (09:00 stays 09:00 across
/// daylight-saving changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecurrenceRule {
    pub frequency: Frequency,
    pub interval: u32,
    pub ends: RecurrenceEnd,
}

/// Morning is before 12:00 local, afternoon from 12:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TimeOfDay {
    Any,
    Morning,
    Afternoon,
}

impl TimeOfDay {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeOfDay::Any => "any",
            TimeOfDay::Morning => "morning",
            TimeOfDay::Afternoon => "afternoon",
        }
    }

    pub fn parse(text: &str) -> Option<TimeOfDay> {
        [TimeOfDay::Any, TimeOfDay::Morning, TimeOfDay::Afternoon]
            .into_iter()
            .find(|t| t.as_str() == text)
    }
}

/// A UTC stretch of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Span {
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
}

/// A user who sees patients, as the calendar shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleProvider {
    pub user_id: UserId,
    pub display_name: String,
    /// `#rrggbb`
    pub colour: String,
    #[ts(type = "number")]
    pub display_order: i64,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentType {
    pub id: AppointmentTypeId,
    pub name: String,
    pub default_minutes: u32,
    /// `#rrggbb`
    pub colour: String,
    /// What kind of chart visit "Start visit" opens.
    pub visit_type: VisitType,
    #[ts(type = "number")]
    pub display_order: i64,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Room {
    pub id: RoomId,
    pub name: String,
    #[ts(type = "number")]
    pub display_order: i64,
    pub retired: bool,
}

/// The practice's opening hours on one ISO weekday (1 = Monday … 7 = Sunday), local
/// wall-clock `HH:MM`; both `None` = closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekdayHours {
    pub weekday: u8,
    pub opens: Option<String>,
    pub closes: Option<String>,
}

/// One available stretch in a provider's week, local wall-clock `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityInterval {
    pub weekday: u8,
    pub starts: String,
    pub ends: String,
}

/// A provider's weekly pattern from `effective_from` until a newer template takes over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AvailabilityTemplate {
    pub id: AvailabilityId,
    pub provider_id: UserId,
    #[ts(type = "string")]
    pub effective_from: NaiveDate,
    pub intervals: Vec<AvailabilityInterval>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum BlockKind {
    Lunch,
    Leave,
    Holiday,
    Closure,
    Meeting,
    Other,
}

impl BlockKind {
    pub const ALL: [BlockKind; 6] = [
        BlockKind::Lunch,
        BlockKind::Leave,
        BlockKind::Holiday,
        BlockKind::Closure,
        BlockKind::Meeting,
        BlockKind::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Lunch => "lunch",
            BlockKind::Leave => "leave",
            BlockKind::Holiday => "holiday",
            BlockKind::Closure => "closure",
            BlockKind::Meeting => "meeting",
            BlockKind::Other => "other",
        }
    }

    pub fn parse(text: &str) -> Option<BlockKind> {
        BlockKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// As a person would say it.
    pub fn label(self) -> &'static str {
        match self {
            BlockKind::Lunch => "Lunch",
            BlockKind::Leave => "Leave",
            BlockKind::Holiday => "Holiday",
            BlockKind::Closure => "Practice closed",
            BlockKind::Meeting => "Meeting",
            BlockKind::Other => "Blocked",
        }
    }
}

/// Blocked time: one provider's, or (`provider_id` `None`) the whole practice's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Block {
    pub id: BlockId,
    pub provider_id: Option<UserId>,
    pub provider_name: Option<String>,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    pub kind: BlockKind,
    pub reason: String,
}

/// Everything the calendar and the booking form need to know about the practice's set-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleSetup {
    /// Active and retired, in display order (the calendar shows the active ones).
    pub providers: Vec<ScheduleProvider>,
    pub types: Vec<AppointmentType>,
    pub rooms: Vec<Room>,
    /// Seven entries, Monday first.
    pub hours: Vec<WeekdayHours>,
}

/// One provider's open stretches (availability within practice hours) in a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProviderHours {
    pub provider_id: UserId,
    pub open: Vec<Span>,
}

/// The calendar's content for `days` local days from `from`: each shown provider's open
/// hours, the appointments (cancelled and no-show ones included, for the desk to see) and
/// the blocked time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleRange {
    #[ts(type = "string")]
    pub from: NaiveDate,
    pub days: u32,
    pub providers: Vec<ProviderHours>,
    pub appointments: Vec<Appointment>,
    pub blocks: Vec<Block>,
}

/// One change in an appointment's life, with who and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppointmentHistoryEntry {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    pub by_name: String,
    /// booked, status, moved, edited, cancelled, visitStarted
    pub change: String,
    pub status: AppointmentStatus,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
    pub provider_name: String,
    pub room_name: Option<String>,
    pub detail: String,
}

/// One line of the flow board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowRow {
    pub appointment: Appointment,
    /// When the patient arrived (checked in), if they have.
    #[ts(type = "string | null")]
    pub arrived_at: Option<DateTime<Utc>>,
    /// Whole minutes in the current status at `FlowBoard::now`.
    #[ts(type = "number")]
    pub minutes_in_status: i64,
    /// Whole minutes since arrival until seen by the provider (or until now, still waiting).
    #[ts(type = "number | null")]
    pub minutes_waiting: Option<i64>,
}

/// Today's flow in the practice zone, as of `now` (the backend owns time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FlowBoard {
    #[ts(type = "string")]
    pub now: DateTime<Utc>,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub rows: Vec<FlowRow>,
}

/// A patient's appointments for the patient page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PatientAppointments {
    /// From now on, soonest first (cancelled ones left out).
    pub upcoming: Vec<Appointment>,
    /// Before now, latest first, every status.
    pub past: Vec<Appointment>,
    pub no_shows: u32,
}

/// What to look for with "find the next free slot".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SlotQuery {
    /// `None`: any provider.
    pub provider_id: Option<UserId>,
    pub type_id: AppointmentTypeId,
    /// The type's default length unless given.
    pub minutes: Option<u32>,
    /// The first local date to look at (the practice's today if earlier).
    #[ts(type = "string")]
    pub from: NaiveDate,
    pub time_of_day: TimeOfDay,
    /// How many slots (1–20).
    pub count: u32,
}

/// A free, bookable slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FreeSlot {
    pub provider_id: UserId,
    pub provider_name: String,
    #[ts(type = "string")]
    pub starts_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub ends_at: DateTime<Utc>,
}

/// A patient who wants an earlier slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitListEntry {
    pub id: WaitListId,
    pub patient_id: PatientId,
    pub patient_name: String,
    pub mrn: u32,
    #[ts(type = "string")]
    pub date_of_birth: NaiveDate,
    /// The patient's first phone, to call them.
    pub phone: Option<String>,
    pub provider_id: Option<UserId>,
    pub provider_name: Option<String>,
    pub type_id: AppointmentTypeId,
    pub type_name: String,
    /// The booking they hold and want moved earlier.
    pub appointment_id: Option<AppointmentId>,
    #[ts(type = "string | null")]
    pub current_starts_at: Option<DateTime<Utc>>,
    #[ts(type = "string | null")]
    pub earliest: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub latest: Option<NaiveDate>,
    pub time_of_day: TimeOfDay,
    pub note: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

/// A new wait-list entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitListDraft {
    pub patient_id: PatientId,
    pub provider_id: Option<UserId>,
    pub type_id: AppointmentTypeId,
    pub appointment_id: Option<AppointmentId>,
    #[ts(type = "string | null")]
    pub earliest: Option<NaiveDate>,
    #[ts(type = "string | null")]
    pub latest: Option<NaiveDate>,
    pub time_of_day: TimeOfDay,
    pub note: String,
}
