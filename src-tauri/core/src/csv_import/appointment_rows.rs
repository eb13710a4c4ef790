//! One row of an appointment CSV read and matched: its cells by column, its patient found by
//! chart number or by name and birth date, its provider, type and room by name in the
//! practice's set-up, its start and length, and each cell that cannot be read as its error.

use super::appointment_columns::{clock_time, status_word, AppointmentColumn, StatusWord};
use super::columns::squashed;
use super::{CellError, DateFormat};
use crate::error::CoreResult;
use crate::patient::PatientSummary;
use crate::schedule::time::local_to_utc;
use crate::schedule::{AppointmentDraft, AppointmentType, Room, ScheduleProvider};
use crate::store;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use rusqlite::Connection;

/// The practice's schedule set-up a row is matched against, read once.
pub(crate) struct Book {
    pub(crate) zone: Tz,
    pub(crate) today: NaiveDate,
    pub(crate) providers: Vec<ScheduleProvider>,
    pub(crate) types: Vec<AppointmentType>,
    pub(crate) rooms: Vec<Room>,
}

/// A name as rows and set-up both fold it: letters and digits, lower case, no "Dr".
fn name_key(text: &str) -> String {
    let s = squashed(text);
    s.strip_prefix("dr").map(str::to_string).unwrap_or(s)
}

impl Book {
    /// The practice's providers, appointment types and rooms as they stand.
    pub(crate) fn read(conn: &Connection, zone: Tz, today: NaiveDate) -> CoreResult<Book> {
        Ok(Book {
            zone,
            today,
            providers: store::schedule_setup::providers(conn)?,
            types: store::schedule_setup::appointment_types(conn)?,
            rooms: store::schedule_setup::rooms(conn)?,
        })
    }

    pub(crate) fn provider(&self, text: &str) -> Result<&ScheduleProvider, String> {
        let active = || self.providers.iter().filter(|p| p.active);
        // As written ("Sam Okoro, RN" has a comma of its own), else "Reyes, Ana" as "Ana Reyes".
        let turned = text
            .split_once(',')
            .map(|(family, given)| format!("{given} {family}"));
        for said in std::iter::once(text.to_string()).chain(turned) {
            let key = name_key(&said);
            if let Some(p) = active().find(|p| name_key(&p.display_name) == key) {
                return Ok(p);
            }
        }
        // A family name alone, when only one provider has it.
        let by_last: Vec<&ScheduleProvider> = active()
            .filter(|p| {
                p.display_name
                    .split_whitespace()
                    .last()
                    .is_some_and(|last| name_key(last) == name_key(text))
            })
            .collect();
        if let [one] = by_last.as_slice() {
            return Ok(one);
        }
        let names: Vec<&str> = active().map(|p| p.display_name.as_str()).collect();
        Err(if names.is_empty() {
            "The schedule has no providers yet; add them under Schedule set-up first".to_string()
        } else {
            format!(
                "\u{201c}{text}\u{201d} is not a provider on the schedule ({})",
                names.join(", ")
            )
        })
    }

    pub(crate) fn appointment_type(&self, text: &str) -> Result<&AppointmentType, String> {
        let key = name_key(text);
        let live = || self.types.iter().filter(|t| !t.retired);
        live().find(|t| name_key(&t.name) == key).ok_or_else(|| {
            let names: Vec<&str> = live().map(|t| t.name.as_str()).collect();
            format!(
                "\u{201c}{text}\u{201d} is not an appointment type of the practice ({}); add it under Schedule set-up, or change the file",
                names.join(", ")
            )
        })
    }

    pub(crate) fn room(&self, text: &str) -> Result<&Room, String> {
        let key = name_key(text);
        let live = || self.rooms.iter().filter(|r| !r.retired);
        live().find(|r| name_key(&r.name) == key).ok_or_else(|| {
            let names: Vec<&str> = live().map(|r| r.name.as_str()).collect();
            format!(
                "\u{201c}{text}\u{201d} is not a room of the practice ({})",
                names.join(", ")
            )
        })
    }
}

/// One row's cells by column, with the header each came from.
pub(super) struct Cells<'a> {
    pub(super) row: u32,
    pub(super) cells: &'a [String],
    pub(super) headers: &'a [String],
    pub(super) mapping: &'a [AppointmentColumn],
}

impl Cells<'_> {
    pub(super) fn index(&self, column: AppointmentColumn) -> Option<usize> {
        self.mapping.iter().position(|c| *c == column)
    }

    pub(super) fn value(&self, column: AppointmentColumn) -> &str {
        self.index(column)
            .and_then(|i| self.cells.get(i))
            .map(|v| v.trim())
            .unwrap_or("")
    }

    fn header(&self, column: AppointmentColumn) -> String {
        self.index(column)
            .and_then(|i| self.headers.get(i).cloned())
            .unwrap_or_else(|| column.label().to_string())
    }

    pub(super) fn error(&self, column: AppointmentColumn, message: impl Into<String>) -> CellError {
        CellError {
            row: self.row,
            column: self.header(column),
            message: message.into(),
        }
    }
}

/// A date cell in the file's format, or a date and a time in one cell ("2026-12-04 09:00",
/// "12/04/2026 9:00 AM", "2026-12-04T09:00").
fn date_and_time(text: &str, format: Option<DateFormat>) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let format = format?;
    if let Some(date) = format.parse(text) {
        return Some((date, None));
    }
    let (date, time) = text.split_once(['T', ' '])?;
    Some((format.parse(date)?, Some(clock_time(time)?)))
}

/// What a row asks for, read and matched; or the cells that could not be.
pub(super) struct Wanted {
    pub(super) patient: PatientSummary,
    pub(super) draft: AppointmentDraft,
    pub(super) starts_local: NaiveDateTime,
    pub(super) provider: String,
    pub(super) status: StatusWord,
}

pub(super) fn wanted(
    conn: &Connection,
    book: &Book,
    c: &Cells<'_>,
    date_format: Option<DateFormat>,
) -> CoreResult<Result<Wanted, (String, Vec<CellError>)>> {
    use AppointmentColumn::*;
    let mut errors = Vec::new();
    let described = format!("{}, {}", c.value(FamilyName), c.value(GivenName));
    // The patient.
    let patient = if !c.value(ChartNumber).is_empty() {
        let text = c.value(ChartNumber);
        match text.trim_start_matches('#').parse::<u32>() {
            Ok(mrn) => match store::patients::summary_by_mrn(conn, mrn, book.today)? {
                Some(p) => Some(p),
                None => {
                    errors.push(c.error(ChartNumber, format!("No chart is numbered {mrn}")));
                    None
                }
            },
            Err(_) => {
                errors.push(c.error(
                    ChartNumber,
                    format!("\u{201c}{text}\u{201d} is not a chart number"),
                ));
                None
            }
        }
    } else {
        let born = c.value(DateOfBirth);
        match date_format.and_then(|f| f.parse(born)) {
            None => {
                errors.push(c.error(
                    DateOfBirth,
                    match date_format {
                        _ if born.is_empty() => {
                            "Give the patient's chart number or birth date".to_string()
                        }
                        Some(f) => {
                            format!("\u{201c}{born}\u{201d} is not a date like {}", f.example())
                        }
                        None => format!("\u{201c}{born}\u{201d}: choose the file's date format"),
                    },
                ));
                None
            }
            Some(dob) => {
                let found = store::patients::by_name_and_birth(
                    conn,
                    c.value(FamilyName),
                    c.value(GivenName),
                    dob,
                    book.today,
                )?;
                match found.len() {
                    1 => found.into_iter().next(),
                    0 => {
                        errors.push(c.error(
                            FamilyName,
                            format!("No registered patient is {described}, born {dob}; import or register the patient first"),
                        ));
                        None
                    }
                    n => {
                        errors.push(c.error(
                            FamilyName,
                            format!("{n} registered patients are {described}, born {dob}; give the chart number"),
                        ));
                        None
                    }
                }
            }
        }
    };
    // The time.
    let mut date = None;
    let mut time = None;
    if c.index(Date).is_some() {
        match date_and_time(c.value(Date), date_format) {
            Some((d, t)) => {
                date = Some(d);
                time = t;
            }
            None => errors.push(c.error(
                Date,
                match date_format {
                    Some(f) => format!(
                        "\u{201c}{}\u{201d} is not a date like {}",
                        c.value(Date),
                        f.example()
                    ),
                    None => format!(
                        "\u{201c}{}\u{201d}: choose the file's date format",
                        c.value(Date)
                    ),
                },
            )),
        }
    }
    let start_text = c.value(StartTime);
    if !start_text.is_empty() || time.is_none() {
        match clock_time(start_text) {
            Some(t) => time = Some(t),
            None => match date_and_time(start_text, date_format) {
                Some((d, Some(t))) if date.is_none() || date == Some(d) => {
                    date = Some(d);
                    time = Some(t);
                }
                _ => errors.push(c.error(
                    StartTime,
                    format!("\u{201c}{start_text}\u{201d} is not a time like 09:30 or 9:30 AM"),
                )),
            },
        }
    }
    // Provider, type, room, status.
    let provider = book
        .provider(c.value(Provider))
        .map_err(|m| errors.push(c.error(Provider, m)))
        .ok();
    let kind = book
        .appointment_type(c.value(AppointmentType))
        .map_err(|m| errors.push(c.error(AppointmentType, m)))
        .ok();
    let room = match c.value(Room) {
        "" => None,
        text => book
            .room(text)
            .map_err(|m| errors.push(c.error(Room, m)))
            .ok()
            .map(|r| r.id),
    };
    let status = status_word(c.value(Status));
    if status.is_none() {
        errors.push(c.error(
            Status,
            format!(
                "\u{201c}{}\u{201d} is not a status Charta knows (booked, confirmed, attended, no-show, cancelled)",
                c.value(Status)
            ),
        ));
    }
    // The length: minutes, else the end time, else the type's.
    let mut minutes = kind.map(|k| k.default_minutes);
    if !c.value(Minutes).is_empty() {
        match c
            .value(Minutes)
            .trim_end_matches("min")
            .trim()
            .parse::<u32>()
        {
            Ok(m) => minutes = Some(m),
            Err(_) => errors.push(c.error(
                Minutes,
                format!(
                    "\u{201c}{}\u{201d} is not a number of minutes",
                    c.value(Minutes)
                ),
            )),
        }
    } else if !c.value(EndTime).is_empty() {
        let end = clock_time(c.value(EndTime))
            .or_else(|| date_and_time(c.value(EndTime), date_format).and_then(|(_, t)| t));
        match (end, time) {
            (Some(end), Some(start)) if end > start => {
                minutes = u32::try_from((end - start).num_minutes()).ok();
            }
            (Some(_), Some(_)) => errors.push(c.error(EndTime, "The end is not after the start")),
            (None, _) => errors.push(c.error(
                EndTime,
                format!(
                    "\u{201c}{}\u{201d} is not a time like 09:30 or 9:30 AM",
                    c.value(EndTime)
                ),
            )),
            (Some(_), None) => {}
        }
    }
    let (
        Some(patient),
        Some(date),
        Some(time),
        Some(provider),
        Some(kind),
        Some(status),
        Some(minutes),
        true,
    ) = (
        patient,
        date,
        time,
        provider,
        kind,
        status,
        minutes,
        errors.is_empty(),
    )
    else {
        return Ok(Err((described, errors)));
    };
    let starts_local = date.and_time(time);
    Ok(Ok(Wanted {
        draft: AppointmentDraft {
            patient_id: patient.id,
            provider_id: provider.user_id,
            type_id: kind.id,
            room_id: room,
            starts_at: local_to_utc(book.zone, starts_local),
            minutes,
            reason: c.value(Reason).to_string(),
            note: c.value(Note).to_string(),
            overbook_reason: None,
        },
        patient,
        starts_local,
        provider: provider.display_name.clone(),
        status,
    }))
}

/// The column a booking's field error belongs to.
pub(super) fn column_of_field(field: &str, c: &Cells<'_>) -> AppointmentColumn {
    use AppointmentColumn::*;
    match field {
        "patientId" if c.index(ChartNumber).is_some() => ChartNumber,
        "patientId" => FamilyName,
        "providerId" => Provider,
        "typeId" => AppointmentType,
        "roomId" => Room,
        "minutes" if c.index(Minutes).is_some() => Minutes,
        "minutes" => EndTime,
        "startsAt" if c.index(Date).is_some() => Date,
        "startsAt" => StartTime,
        "note" => Note,
        _ => Reason,
    }
}

#[cfg(test)]
mod tests {
    use super::Book;
    use crate::ids::UserId;
    use crate::schedule::ScheduleProvider;

    fn book(names: &[&str]) -> Book {
        Book {
            zone: chrono_tz::America::New_York,
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default(),
            providers: names
                .iter()
                .enumerate()
                .map(|(i, n)| ScheduleProvider {
                    user_id: UserId::from_u128(i as u128 + 1),
                    display_name: n.to_string(),
                    colour: "#2f6fb0".into(),
                    display_order: i as i64,
                    active: true,
                })
                .collect(),
            types: Vec::new(),
            rooms: Vec::new(),
        }
    }

    #[test]
    fn a_provider_is_found_as_written_or_family_name_first() {
        let b = book(&["Dr Ana Reyes", "Sam Okoro, RN", "Dr Wei Chen"]);
        let who = |text: &str| b.provider(text).map(|p| p.display_name.clone());
        assert_eq!(who("Sam Okoro, RN").as_deref(), Ok("Sam Okoro, RN"));
        assert_eq!(who("Reyes, Ana").as_deref(), Ok("Dr Ana Reyes"));
        assert_eq!(who("Dr. Ana Reyes").as_deref(), Ok("Dr Ana Reyes"));
        assert_eq!(who("Chen").as_deref(), Ok("Dr Wei Chen"));
        assert!(who("Okoro, Sam").is_err(), "not a name the schedule holds");
    }
}
