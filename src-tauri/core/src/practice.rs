//! Practice settings: name, address, phone and the IANA time zone all dates are shown in.

use crate::access::AsUser;
use crate::audit::{self, AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Practice {
    pub name: String,
    /// Free text, several lines.
    pub address: String,
    pub phone: String,
    /// IANA zone such as `America/Chicago`.
    pub time_zone: String,
    /// The practice holds generated demo patients only.
    pub is_demo: bool,
    /// Minutes without input after which the screen locks.
    pub auto_lock_minutes: u32,
    /// Where the daily automatic backup goes; empty for the default beside the database.
    pub backup_dir: String,
    /// How many daily backups to keep.
    pub backups_kept: u32,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeDraft {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub time_zone: String,
    pub auto_lock_minutes: u32,
    pub backup_dir: String,
    pub backups_kept: u32,
}

impl Practice {
    pub fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    /// The calendar date at the practice at instant `now`.
    pub fn today(&self, now: DateTime<Utc>) -> NaiveDate {
        now.with_timezone(&self.zone()).date_naive()
    }
}

/// The practice's time zone, UTC while no practice is set up.
pub(crate) fn practice_zone(db: &ChartDb) -> CoreResult<Tz> {
    Ok(db.practice()?.map_or(Tz::UTC, |p| p.zone()))
}

/// The calendar date at the practice, UTC while no practice is set up.
pub(crate) fn practice_today(db: &ChartDb, now: DateTime<Utc>) -> CoreResult<NaiveDate> {
    Ok(match db.practice()? {
        Some(p) => p.today(now),
        None => now.date_naive(),
    })
}

impl ChartDb {
    /// The practice's settings, `None` until they are first saved.
    pub fn practice(&self) -> CoreResult<Option<Practice>> {
        self.read(store::practice::get)
    }

    /// Creates the practice's settings at setup, before any user exists. Refused once the
    /// practice is set up: changes go through [`AsUser::save_practice`].
    pub fn set_up_practice(
        &mut self,
        draft: &PracticeDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Practice> {
        let valid = validate_draft(draft)?;
        self.write(|tx| {
            if store::practice::get(tx)?.is_some() {
                return Err(CoreError::Forbidden(
                    "The practice is already set up".into(),
                ));
            }
            let practice = settings(valid, false, now);
            store::practice::put(tx, &practice)?;
            let event = AuditEvent::new(now, None, "setup", "save_practice", Outcome::Ok)
                .detail("practice set up");
            audit::append(tx, &event)?;
            Ok(practice)
        })
    }

    /// Marks the practice as holding demo data (shown as a DEMO ribbon).
    pub fn mark_demo(&mut self, is_demo: bool) -> CoreResult<()> {
        self.write(|tx| store::practice::set_demo(tx, is_demo))
    }
}

impl AsUser<'_> {
    /// Replaces the practice's settings after validating every field.
    pub fn save_practice(
        &mut self,
        draft: &PracticeDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Practice> {
        self.require(Operation::EditPracticeSettings, "save_practice", now)?;
        let valid = validate_draft(draft)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let is_demo = store::practice::get(tx)?.is_some_and(|p| p.is_demo);
            let practice = settings(valid, is_demo, now);
            store::practice::put(tx, &practice)?;
            audit::append(tx, &actor.event(now, "save_practice", Outcome::Ok))?;
            Ok(practice)
        })
    }
}

fn settings(valid: PracticeDraft, is_demo: bool, now: DateTime<Utc>) -> Practice {
    Practice {
        name: valid.name,
        address: valid.address,
        phone: valid.phone,
        time_zone: valid.time_zone,
        is_demo,
        auto_lock_minutes: valid.auto_lock_minutes,
        backup_dir: valid.backup_dir,
        backups_kept: valid.backups_kept,
        updated_at: now,
    }
}

/// Checks every field of the practice form and returns it trimmed.
pub fn validate_draft(draft: &PracticeDraft) -> CoreResult<PracticeDraft> {
    let mut errors = Vec::new();
    let name = draft.name.trim();
    if name.is_empty() {
        errors.push(FieldError::new("name", "Practice name is required"));
    } else if name.chars().count() > 120 {
        errors.push(FieldError::new(
            "name",
            "Practice name is longer than 120 characters",
        ));
    }
    let address = draft.address.trim();
    if address.chars().count() > 400 {
        errors.push(FieldError::new(
            "address",
            "Address is longer than 400 characters",
        ));
    }
    let phone = draft.phone.trim();
    if !phone.is_empty() {
        if let Some(message) = crate::patient::phone_problem(phone) {
            errors.push(FieldError::new("phone", message));
        }
    }
    let time_zone = draft.time_zone.trim();
    if time_zone.parse::<Tz>().is_err() {
        errors.push(FieldError::new(
            "timeZone",
            format!("\"{time_zone}\" is not a time zone name; use one like America/Chicago"),
        ));
    }
    if !(1..=240).contains(&draft.auto_lock_minutes) {
        errors.push(FieldError::new(
            "autoLockMinutes",
            "Lock the screen after 1 to 240 minutes",
        ));
    }
    let backup_dir = draft.backup_dir.trim();
    if !backup_dir.is_empty() && !std::path::Path::new(backup_dir).is_absolute() {
        errors.push(FieldError::new(
            "backupDir",
            "Give the backup folder as a full path, like /media/backup/charta",
        ));
    }
    if !(1..=365).contains(&draft.backups_kept) {
        errors.push(FieldError::new(
            "backupsKept",
            "Keep 1 to 365 daily backups",
        ));
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(PracticeDraft {
        name: name.to_string(),
        address: address.to_string(),
        phone: phone.to_string(),
        time_zone: time_zone.to_string(),
        auto_lock_minutes: draft.auto_lock_minutes,
        backup_dir: backup_dir.to_string(),
        backups_kept: draft.backups_kept,
    })
}

/// Every IANA zone name, for the settings form's picker.
pub fn time_zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

impl PracticeDraft {
    /// A draft with the default security and backup settings.
    pub fn new(name: &str, address: &str, phone: &str, time_zone: &str) -> Self {
        PracticeDraft {
            name: name.into(),
            address: address.into(),
            phone: phone.into(),
            time_zone: time_zone.into(),
            auto_lock_minutes: 10,
            backup_dir: String::new(),
            backups_kept: 14,
        }
    }
}

#[cfg(test)]
mod tests;
