//! A provider's open hours over a whole window (the free-slot search's weeks, the calendar's
//! days), read once: their availability templates intersected with the practice's hours,
//! date by date. `store::schedule_setup::open_spans` is its one-day case.

use super::Stretch;
use crate::error::CoreResult;
use crate::ids::UserId;
use crate::schedule::time::local_to_utc;
use crate::store::schedule_setup::{
    availability_histories, availability_history, TemplateIntervals,
};
use chrono::{Datelike, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use rusqlite::Connection;
use std::collections::HashMap;

pub(crate) type WeekHours = [Option<(NaiveTime, NaiveTime)>; 7];

#[derive(Default)]
pub(crate) struct OpenHours {
    templates: Vec<TemplateIntervals>,
}

impl OpenHours {
    pub(crate) fn read(conn: &Connection, provider: UserId) -> CoreResult<OpenHours> {
        Ok(OpenHours {
            templates: availability_history(conn, provider)?,
        })
    }

    /// Every provider's, in one read (a provider without templates is not in the map: the
    /// default, no templates, is theirs).
    pub(crate) fn read_all(conn: &Connection) -> CoreResult<HashMap<UserId, OpenHours>> {
        Ok(availability_histories(conn)?
            .into_iter()
            .map(|(provider, templates)| (provider, OpenHours { templates }))
            .collect())
    }

    /// The provider's open stretches on `date`: availability ∩ the practice's hours.
    pub(crate) fn on(&self, zone: Tz, hours: &WeekHours, date: NaiveDate) -> Vec<Stretch> {
        let weekday = date.weekday().number_from_monday();
        let Some((opens, closes)) = hours.get(weekday as usize - 1).copied().flatten() else {
            return Vec::new();
        };
        let intervals: Vec<(NaiveTime, NaiveTime)> = if self.templates.is_empty() {
            // No template at all: the practice's hours are theirs.
            vec![(opens, closes)]
        } else {
            // A template starting later only means: not available before it.
            self.templates
                .iter()
                .find(|(from, _)| *from <= date)
                .map(|(_, list)| {
                    list.iter()
                        .filter(|(w, _, _)| *w == weekday)
                        .map(|(_, s, e)| (*s, *e))
                        .collect()
                })
                .unwrap_or_default()
        };
        intervals
            .into_iter()
            .filter_map(|(s, e)| {
                let (s, e) = (s.max(opens), e.min(closes));
                (s < e).then(|| {
                    (
                        local_to_utc(zone, date.and_time(s)),
                        local_to_utc(zone, date.and_time(e)),
                    )
                })
            })
            .collect()
    }
}
