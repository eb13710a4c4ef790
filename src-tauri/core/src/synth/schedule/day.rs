//! One generated day: each open provider's morning and afternoon filled with appointments
//! of realistic types and lengths around the series occurrences already holding slots, each
//! with the status it has reached by `now`, and rooms shared without overlap.

use super::{id, Plan, Series};
use crate::error::CoreResult;
use crate::schedule::time::local_to_utc;
use crate::store::chart_seed::SeedPatient;
use crate::store::schedule_seed::{self as seed, SeedAppointment};
use crate::synth::Rng;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

const APPOINTMENT: u128 = 0xA990;
const WAIT_LIST: u128 = 0x3A17;

pub(super) const FOLLOW_UP: usize = 1;
pub(super) const PROCEDURE: usize = 4;

/// A starter type the generator books: its fixed id, and what it needs.
struct Starter {
    number: u32,
    /// Per mille of a physician's and of a nurse's bookings.
    physician: u64,
    nurse: u64,
    room: bool,
    reasons: &'static [&'static str],
}

/// The starter types of migration 0006, in their order (index = number − 1).
const STARTERS: &[Starter] = &[
    Starter {
        number: 1,
        physician: 70,
        nurse: 0,
        room: true,
        reasons: &["New patient visit", "Transfer of care", "Establishing care"],
    },
    Starter {
        number: 2,
        physician: 400,
        nurse: 550,
        room: true,
        reasons: &[
            "Blood pressure follow-up",
            "Diabetes review",
            "Medication review",
            "Results discussion",
            "Thyroid follow-up",
            "Follow-up of cough",
            "Blood pressure check",
            "INR check",
            "Vaccination",
        ],
    },
    Starter {
        number: 3,
        physician: 120,
        nurse: 0,
        room: true,
        reasons: &["Annual physical", "Annual physical and labs"],
    },
    Starter {
        number: 4,
        physician: 200,
        nurse: 0,
        room: true,
        reasons: &[
            "Sore throat",
            "Low back pain",
            "Rash",
            "Fever",
            "Ear pain",
            "Urinary symptoms",
            "Ankle injury",
        ],
    },
    Starter {
        number: 5,
        physician: 50,
        nurse: 150,
        room: true,
        reasons: &[
            "Skin lesion removal",
            "Joint injection",
            "Ear irrigation",
            "Spirometry",
        ],
    },
    Starter {
        number: 6,
        physician: 60,
        nurse: 0,
        room: true,
        reasons: &["Well child check", "Childhood vaccinations"],
    },
    Starter {
        number: 7,
        physician: 80,
        nurse: 300,
        room: false,
        reasons: &["Telephone follow-up", "Results by phone", "Nurse call-back"],
    },
    Starter {
        number: 8,
        physician: 20,
        nurse: 0,
        room: false,
        reasons: &["Home visit"],
    },
];

const PATIENT_CANCELS: &[&str] = &[
    "Feeling better",
    "Work commitment",
    "Unwell with a cold",
    "No transport",
    "Family emergency",
    "Booked elsewhere",
];
const PRACTICE_CANCELS: &[&str] = &[
    "Provider unwell",
    "Provider called to the hospital",
    "Rebooked to another provider",
    "Double booked in error",
];

/// The starter types present (not retired) with their stored lengths.
pub(super) struct Kinds(Vec<Option<(String, u32)>>);

impl Kinds {
    pub(super) fn load(conn: &Connection) -> CoreResult<Kinds> {
        let types = crate::store::schedule_setup::appointment_types(conn)?;
        Ok(Kinds(
            STARTERS
                .iter()
                .map(|s| {
                    let fixed = format!("00000000-0000-0000-0006-{:012}", s.number);
                    types
                        .iter()
                        .find(|t| !t.retired && t.id.to_string() == fixed)
                        .map(|t| (fixed, t.default_minutes))
                })
                .collect(),
        ))
    }

    fn get(&self, kind: usize) -> Option<&(String, u32)> {
        self.0.get(kind).and_then(Option::as_ref)
    }
}

pub(super) struct Days<'a> {
    pub(super) tx: &'a Connection,
    pub(super) zone: Tz,
    pub(super) now: DateTime<Utc>,
    pub(super) today: NaiveDate,
    pub(super) seed: u64,
    pub(super) plan: &'a Plan,
    pub(super) patients: &'a [SeedPatient],
    pub(super) kinds: &'a Kinds,
    pub(super) series: &'a Series,
    pub(super) next_id: u128,
    pub(super) written: u64,
}

/// One booking before its outcome is drawn.
struct Slot<'a> {
    patient: usize,
    provider: usize,
    kind: usize,
    reason: &'a str,
    starts: u32,
    minutes: u32,
    series: Option<(&'a str, u32)>,
    /// When the series was booked (all its occurrences at once).
    series_booked: Option<DateTime<Utc>>,
    /// A series occurrence on a day the practice or provider is away: cancelled by the practice.
    closed: Option<&'static str>,
}

impl Days<'_> {
    fn instant(&self, date: NaiveDate, minute: u32) -> DateTime<Utc> {
        let time = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap_or(NaiveTime::MIN);
        local_to_utc(self.zone, date.and_time(time))
    }

    /// A series is booked three days before its first occurrence (or just now).
    fn series_booked(&self, s: &super::PlannedSeries) -> DateTime<Utc> {
        (self.instant(s.first, s.at) - Duration::days(3)).min(self.now - Duration::hours(1))
    }

    /// The series rows, written once before their occurrences.
    pub(super) fn series_rows(&mut self) -> CoreResult<()> {
        for s in &self.series.list {
            let booked = self.series_booked(s);
            let rule = serde_json::to_string(&s.rule)
                .map_err(|e| crate::error::CoreError::Corrupt(e.to_string()))?;
            let first_local = format!("{}T{:02}:{:02}", s.first, s.at / 60, s.at % 60);
            seed::series(
                self.tx,
                &s.id,
                &self.patients[s.patient].id.to_string(),
                &rule,
                &first_local,
                booked,
                &self.plan.desk,
            )?;
        }
        Ok(())
    }

    pub(super) fn day(&mut self, date: NaiveDate) -> CoreResult<()> {
        let ordinal = (date - NaiveDate::MIN).num_days() as u64;
        // Room bookings of the day: (start minute, end minute) per room.
        let mut rooms: Vec<Vec<(u32, u32)>> = vec![Vec::new(); self.plan.rooms.len()];
        let (plan, series) = (self.plan, self.series);
        for p in 0..plan.providers.len() {
            let mut rng = Rng::new(
                self.seed ^ ordinal.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ ((p as u64 + 1) << 48),
            );
            let open = plan.open(p, date);
            let mut slots = Vec::new();
            // Series occurrences first: they were booked long before.
            for (_, _, index, k) in series.reserved.get(&(p, date)).into_iter().flatten() {
                let s = &series.list[*index];
                slots.push(Slot {
                    patient: s.patient,
                    provider: p,
                    kind: s.kind,
                    reason: s.reason,
                    starts: s.at,
                    minutes: s.minutes,
                    series: Some((&s.id, *k)),
                    series_booked: Some(self.series_booked(s)),
                    closed: (!open).then_some(
                        plan.closed
                            .get(&date)
                            .copied()
                            .unwrap_or("Provider on leave"),
                    ),
                });
            }
            if open {
                self.fill(&mut rng, p, date, &mut slots);
            }
            slots.sort_by_key(|s| s.starts);
            for slot in &slots {
                self.write(&mut rng, date, slot, &mut rooms)?;
            }
        }
        Ok(())
    }

    /// How full a day is: most slots in the past, fewer the further ahead.
    fn fill_rate(&self, rng: &mut Rng, date: NaiveDate) -> u64 {
        let ahead = (date - self.today).num_days();
        if ahead <= 0 {
            840 + rng.below(80)
        } else {
            (780 - ahead as u64 * 12).max(120)
        }
    }

    fn fill<'s>(&self, rng: &mut Rng, p: usize, date: NaiveDate, slots: &mut Vec<Slot<'s>>) {
        let provider = &self.plan.providers[p];
        let rate = self.fill_rate(rng, date);
        let reserved = self.series.reserved.get(&(p, date));
        for (open, close) in [(8 * 60, 12 * 60), (13 * 60, 17 * 60)] {
            let mut cursor: u32 = open;
            while cursor < close {
                if !rng.chance(rate) {
                    cursor += 15;
                    continue;
                }
                let kind = self.pick_kind(rng, provider.nurse);
                let Some((_, minutes)) = self.kinds.get(kind) else {
                    cursor += 15;
                    continue;
                };
                let minutes = *minutes;
                if cursor + minutes > close {
                    cursor += 15;
                    continue;
                }
                if let Some(r) = reserved.and_then(|r| {
                    r.iter()
                        .find(|(s, e, _, _)| cursor < *e && *s < cursor + minutes)
                }) {
                    cursor = r.1;
                    continue;
                }
                let Some(patient) = self.pick_patient(rng, provider.physician_no, date) else {
                    cursor += 15;
                    continue;
                };
                slots.push(Slot {
                    patient,
                    provider: p,
                    kind,
                    reason: rng.pick::<&str>(STARTERS[kind].reasons),
                    starts: cursor,
                    minutes,
                    series: None,
                    series_booked: None,
                    closed: None,
                });
                cursor += minutes;
            }
        }
    }

    fn pick_kind(&self, rng: &mut Rng, nurse: bool) -> usize {
        let weight = |s: &Starter| if nurse { s.nurse } else { s.physician };
        let total: u64 = STARTERS.iter().map(weight).sum();
        let mut roll = rng.below(total);
        for (i, s) in STARTERS.iter().enumerate() {
            if roll < weight(s) {
                return i;
            }
            roll -= weight(s);
        }
        FOLLOW_UP
    }

    /// A living patient of this physician's list (any patient for the nurse).
    fn pick_patient(
        &self,
        rng: &mut Rng,
        physician_no: Option<usize>,
        date: NaiveDate,
    ) -> Option<usize> {
        let n = self.patients.len();
        let physicians = self
            .plan
            .providers
            .iter()
            .filter(|p| p.physician_no.is_some())
            .count()
            .max(1);
        (0..4).find_map(|_| {
            let i = match physician_no {
                Some(k) if n > physicians => {
                    let i = k + physicians * rng.below((n / physicians) as u64) as usize;
                    i.min(n - 1)
                }
                _ => rng.below(n as u64) as usize,
            };
            let p = &self.patients[i];
            (p.date_of_birth < date && p.deceased_on.is_none_or(|d| date < d)).then_some(i)
        })
    }

    fn write(
        &mut self,
        rng: &mut Rng,
        date: NaiveDate,
        slot: &Slot<'_>,
        rooms: &mut [Vec<(u32, u32)>],
    ) -> CoreResult<()> {
        let replace = self.one(rng, date, slot, rooms, true)?;
        // A slot a patient gave up is often taken by someone else.
        if replace && slot.series.is_none() && rng.chance(450) {
            if let Some(patient) =
                self.pick_patient(rng, self.plan.providers[slot.provider].physician_no, date)
            {
                let again = Slot {
                    patient,
                    series: None,
                    series_booked: None,
                    ..*slot
                };
                self.one(rng, date, &again, rooms, false)?;
            }
        }
        Ok(())
    }

    /// Writes one appointment; true when it came out cancelled (its slot is free again).
    fn one(
        &mut self,
        rng: &mut Rng,
        date: NaiveDate,
        slot: &Slot<'_>,
        rooms: &mut [Vec<(u32, u32)>],
        may_cancel: bool,
    ) -> CoreResult<bool> {
        let Some((type_id, _)) = self.kinds.get(slot.kind) else {
            return Ok(false);
        };
        let (now, plan) = (self.now, self.plan);
        let provider = &plan.providers[slot.provider];
        let desk = plan.desk.as_str();
        let starts = self.instant(date, slot.starts);
        let ends = self.instant(date, slot.starts + slot.minutes);
        // Same-day appointments are booked that morning or the day before.
        let lead_days = if slot.kind == 3 {
            rng.below(2) as i64
        } else {
            1 + rng.below(45) as i64
        };
        let booked_at = slot.series_booked.unwrap_or_else(|| {
            (starts - Duration::days(lead_days) - Duration::minutes(rng.below(480) as i64))
                .min(now - Duration::minutes(30 + rng.below(600) as i64))
        });
        let clamp = |t: DateTime<Utc>| t.max(booked_at).min(now);
        let min = |m: u64| Duration::minutes(m as i64);
        let (status, status_at, status_by, cancel) = if let Some(reason) = slot.closed {
            let at = clamp(booked_at + Duration::days(1));
            ("cancelled", at, desk, Some(("practice", reason)))
        } else if may_cancel && rng.chance(80) {
            let at = clamp(starts - Duration::hours(2 + rng.below(70) as i64));
            let cancel = if rng.chance(700) {
                ("patient", *rng.pick(PATIENT_CANCELS))
            } else {
                ("practice", *rng.pick(PRACTICE_CANCELS))
            };
            ("cancelled", at, desk, Some(cancel))
        } else if ends <= now {
            if rng.chance(50) {
                ("noShow", clamp(starts + min(20)), desk, None)
            } else {
                ("checkedOut", clamp(ends + min(rng.below(10))), desk, None)
            }
        } else if starts <= now {
            if now - starts > min(5) {
                (
                    "withProvider",
                    clamp(starts + min(5)),
                    provider.id.as_str(),
                    None,
                )
            } else {
                ("inRoom", clamp(starts - min(2)), desk, None)
            }
        } else if date == self.today && starts - now <= min(20) && rng.chance(700) {
            ("arrived", clamp(now - min(rng.below(10))), desk, None)
        } else if (date - self.today).num_days() <= 2 && rng.chance(650) {
            ("confirmed", clamp(starts - Duration::days(1)), desk, None)
        } else {
            ("booked", booked_at, desk, None)
        };
        let holds = !matches!(status, "cancelled" | "noShow");
        let seated = matches!(status, "checkedOut" | "inRoom" | "withProvider");
        let room = if holds && seated && STARTERS[slot.kind].room {
            take_room(plan, slot, rooms)
        } else {
            None
        };
        self.next_id += 1;
        seed::appointment(
            self.tx,
            &SeedAppointment {
                id: id(APPOINTMENT, self.next_id),
                patient: &self.patients[slot.patient].id.to_string(),
                provider: &provider.id,
                room,
                type_id,
                starts_at: starts,
                ends_at: ends,
                reason: slot.reason,
                status,
                status_at,
                status_by,
                cancel,
                series: slot.series,
                booked_at,
                booked_by: desk,
            },
        )?;
        self.written += 1;
        Ok(status == "cancelled")
    }

    /// A few open wait-list entries from the last fortnight.
    pub(super) fn wait_list(&mut self) -> CoreResult<()> {
        let mut rng = Rng::new(self.seed ^ 0x3A17_0000);
        let notes = [
            "Wants an earlier appointment",
            "Can come at short notice",
            "Mornings only, works afternoons",
            "Call if anything opens up this week",
        ];
        for n in 0..8u128 {
            let Some(patient) = self.pick_patient(&mut rng, None, self.today) else {
                continue;
            };
            let provider = rng
                .chance(600)
                .then(|| rng.below(self.plan.providers.len() as u64) as usize)
                .map(|p| self.plan.providers[p].id.as_str());
            let kind = if rng.chance(500) { FOLLOW_UP } else { 2 };
            let Some((type_id, _)) = self.kinds.get(kind) else {
                continue;
            };
            let at = self.now - Duration::hours(2 + rng.below(14 * 24) as i64);
            seed::wait_list(
                self.tx,
                &id(WAIT_LIST, n + 1),
                &self.patients[patient].id.to_string(),
                provider,
                type_id,
                self.today,
                self.today + Duration::days(28),
                rng.pick::<&str>(&["any", "morning", "afternoon"]),
                rng.pick::<&str>(&notes),
                at,
                &self.plan.desk,
            )?;
        }
        Ok(())
    }
}

/// The first free exam room (the procedure room first for a procedure), marked taken.
fn take_room<'p>(
    plan: &'p Plan,
    slot: &Slot<'_>,
    rooms: &mut [Vec<(u32, u32)>],
) -> Option<&'p str> {
    let (from, to) = (slot.starts, slot.starts + slot.minutes);
    let last = plan.rooms.len().checked_sub(1)?;
    let order: Vec<usize> = if slot.kind == PROCEDURE {
        std::iter::once(last).chain(0..last).collect()
    } else {
        (0..last).collect()
    };
    let free = order
        .into_iter()
        .find(|r| rooms[*r].iter().all(|(s, e)| to <= *s || *e <= from))?;
    rooms[free].push((from, to));
    Some(plan.rooms[free].as_str())
}
