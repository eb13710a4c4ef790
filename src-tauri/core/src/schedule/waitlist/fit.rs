//! Whether a wait-list entry fits a freed slot: a pure predicate, so each rule (provider,
//! length, date window, time of day, an earlier booking) is tested on its own.

use crate::ids::UserId;
use crate::schedule::slots::suits;
use crate::schedule::TimeOfDay;
use chrono::{DateTime, NaiveDate, Utc};

/// The slot a cancellation or a no-show freed.
#[derive(Debug, Clone, Copy)]
pub struct Freed {
    pub provider: UserId,
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    /// Its local date and hour in the practice's zone.
    pub date: NaiveDate,
    pub hour: u32,
}

/// What an entry asks for.
#[derive(Debug, Clone, Copy)]
pub struct Wants {
    pub provider: Option<UserId>,
    pub type_minutes: u32,
    pub earliest: Option<NaiveDate>,
    pub latest: Option<NaiveDate>,
    pub time_of_day: TimeOfDay,
    /// The start of the booking they hold (still holding its slot), if any.
    pub current: Option<DateTime<Utc>>,
}

pub fn fits(wants: &Wants, freed: &Freed) -> bool {
    wants.provider.is_none_or(|p| p == freed.provider)
        && i64::from(wants.type_minutes) <= freed.minutes
        && wants.earliest.is_none_or(|d| d <= freed.date)
        && wants.latest.is_none_or(|d| freed.date <= d)
        && suits(wants.time_of_day, freed.hour)
        && wants.current.is_none_or(|c| c > freed.starts_at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn freed() -> Freed {
        Freed {
            provider: UserId::from_u128(2),
            starts_at: Utc.with_ymd_and_hms(2026, 12, 8, 14, 0, 0).unwrap(),
            minutes: 30,
            date: NaiveDate::from_ymd_opt(2026, 12, 8).unwrap(),
            hour: 9,
        }
    }

    fn anyone() -> Wants {
        Wants {
            provider: None,
            type_minutes: 15,
            earliest: None,
            latest: None,
            time_of_day: TimeOfDay::Any,
            current: None,
        }
    }

    fn date(d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(2026, 12, d)
    }

    #[test]
    fn an_entry_without_wishes_fits_any_slot_long_enough() {
        assert!(fits(&anyone(), &freed()));
        let long = Wants {
            type_minutes: 40,
            ..anyone()
        };
        assert!(
            !fits(&long, &freed()),
            "a 40-minute type does not fit 30 minutes"
        );
        let exact = Wants {
            type_minutes: 30,
            ..anyone()
        };
        assert!(fits(&exact, &freed()));
    }

    #[test]
    fn an_entry_for_another_provider_does_not_fit() {
        let mine = Wants {
            provider: Some(UserId::from_u128(2)),
            ..anyone()
        };
        let other = Wants {
            provider: Some(UserId::from_u128(5)),
            ..anyone()
        };
        assert!(fits(&mine, &freed()));
        assert!(!fits(&other, &freed()));
    }

    #[test]
    fn the_freed_date_must_lie_in_the_window_both_ends_included() {
        let window = |e, l| Wants {
            earliest: date(e),
            latest: date(l),
            ..anyone()
        };
        assert!(fits(&window(8, 8), &freed()));
        assert!(fits(&window(1, 31), &freed()));
        assert!(!fits(&window(9, 31), &freed()));
        assert!(!fits(&window(1, 7), &freed()));
    }

    #[test]
    fn a_morning_slot_fits_morning_and_any_but_not_afternoon() {
        let at = |t| Wants {
            time_of_day: t,
            ..anyone()
        };
        assert!(fits(&at(TimeOfDay::Morning), &freed()));
        assert!(!fits(&at(TimeOfDay::Afternoon), &freed()));
        let noon = Freed {
            hour: 12,
            ..freed()
        };
        assert!(fits(&at(TimeOfDay::Afternoon), &noon));
        assert!(!fits(&at(TimeOfDay::Morning), &noon));
    }

    #[test]
    fn someone_holding_a_booking_fits_only_a_slot_earlier_than_it() {
        let holding = |h| Wants {
            current: Some(Utc.with_ymd_and_hms(2026, 12, 8, h, 0, 0).unwrap()),
            ..anyone()
        };
        assert!(fits(&holding(15), &freed()));
        assert!(
            !fits(&holding(14), &freed()),
            "the same time is not earlier"
        );
        assert!(!fits(&holding(13), &freed()));
    }
}
