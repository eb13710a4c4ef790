//! Practice settings: name, address, phone and the IANA time zone all dates are shown in.

use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult, FieldError};
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
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeDraft {
    pub name: String,
    pub address: String,
    pub phone: String,
    pub time_zone: String,
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

    /// Creates or replaces the practice's settings after validating every field.
    pub fn save_practice(
        &mut self,
        draft: &PracticeDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Practice> {
        let valid = validate(draft)?;
        self.write(|tx| {
            let is_demo = store::practice::get(tx)?.is_some_and(|p| p.is_demo);
            let practice = Practice {
                name: valid.name,
                address: valid.address,
                phone: valid.phone,
                time_zone: valid.time_zone,
                is_demo,
                updated_at: now,
            };
            store::practice::put(tx, &practice)?;
            Ok(practice)
        })
    }

    /// Marks the practice as holding demo data (shown as a DEMO ribbon).
    pub fn mark_demo(&mut self, is_demo: bool) -> CoreResult<()> {
        self.write(|tx| store::practice::set_demo(tx, is_demo))
    }
}

fn validate(draft: &PracticeDraft) -> CoreResult<PracticeDraft> {
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
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    Ok(PracticeDraft {
        name: name.to_string(),
        address: address.to_string(),
        phone: phone.to_string(),
        time_zone: time_zone.to_string(),
    })
}

/// Every IANA zone name, for the settings form's picker.
pub fn time_zone_names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn draft() -> PracticeDraft {
        PracticeDraft {
            name: "Maple Street Family Medicine".into(),
            address: "12 Maple Street\nSpringfield".into(),
            phone: "(555) 201-0000".into(),
            time_zone: "America/Chicago".into(),
        }
    }

    #[test]
    fn practice_settings_round_trip_and_keep_the_demo_flag() {
        let mut db = ChartDb::open_in_memory().unwrap();
        assert_eq!(db.practice().unwrap(), None);
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 3, 0, 0).unwrap();
        db.save_practice(&draft(), now).unwrap();
        db.mark_demo(true).unwrap();
        let saved = db.save_practice(&draft(), now).unwrap();
        assert!(
            saved.is_demo,
            "saving settings must not clear the demo flag"
        );
        assert_eq!(db.practice().unwrap(), Some(saved));
    }

    #[test]
    fn today_is_the_practice_calendar_date_not_utc() {
        let mut db = ChartDb::open_in_memory().unwrap();
        // 03:00 UTC on the 26th is still the 25th in Chicago.
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 3, 0, 0).unwrap();
        let practice = db.save_practice(&draft(), now).unwrap();
        assert_eq!(
            practice.today(now),
            NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
        );
    }

    #[test]
    fn bad_settings_name_each_field_and_change_nothing() {
        let mut db = ChartDb::open_in_memory().unwrap();
        let bad = PracticeDraft {
            name: " ".into(),
            address: String::new(),
            phone: "call us".into(),
            time_zone: "Mars/Olympus".into(),
        };
        let err = db.save_practice(&bad, Utc::now()).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| e.field.as_str())
            .collect();
        assert_eq!(fields, ["name", "phone", "timeZone"]);
        assert_eq!(db.practice().unwrap(), None);
    }
}
