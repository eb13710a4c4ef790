//! The booking rules every booking, move and series occurrence is checked against: the
//! provider and the room are free, the time lies within the provider's open hours, and no
//! blocked time is crossed. Each collision says what it collides with, in the practice's zone.

use super::time::{local_date, utc_to_local};
use super::{Collision, CollisionKind};
use crate::error::CoreResult;
use crate::ids::{AppointmentId, RoomId, UserId};
use crate::store::appointments::{self as appointments, Resource};
use crate::store::schedule_setup;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

/// A booking as the rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Proposed {
    pub provider: UserId,
    pub room: Option<RoomId>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// The appointment being moved, which does not collide with itself.
    pub except: Option<AppointmentId>,
}

fn clock(zone: Tz, t: DateTime<Utc>) -> String {
    utc_to_local(zone, t).format("%H:%M").to_string()
}

fn stretch(zone: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    if local_date(zone, from) == local_date(zone, to) {
        format!(
            "{} {}–{}",
            utc_to_local(zone, from).format("%a %-d %b"),
            clock(zone, from),
            clock(zone, to)
        )
    } else {
        format!(
            "{} {} – {} {}",
            utc_to_local(zone, from).format("%a %-d %b"),
            clock(zone, from),
            utc_to_local(zone, to).format("%a %-d %b"),
            clock(zone, to)
        )
    }
}

/// Everything `p` collides with, in a stable order (provider, room, hours, blocks). Empty
/// means it can be booked without overbooking.
pub fn collisions(conn: &Connection, zone: Tz, p: &Proposed) -> CoreResult<Vec<Collision>> {
    let mut out = Vec::new();
    for a in appointments::busy_between(
        conn,
        Resource::Provider(p.provider),
        p.starts_at,
        p.ends_at,
        p.except,
    )? {
        out.push(Collision {
            kind: CollisionKind::Provider,
            starts_at: a.starts_at,
            ends_at: a.ends_at,
            description: format!(
                "{} already sees {} {}",
                a.provider_name,
                a.patient_name,
                stretch(zone, a.starts_at, a.ends_at)
            ),
            appointment_id: Some(a.id),
            block_id: None,
        });
    }
    if let Some(room) = p.room {
        for a in appointments::busy_between(
            conn,
            Resource::Room(room),
            p.starts_at,
            p.ends_at,
            p.except,
        )? {
            out.push(Collision {
                kind: CollisionKind::Room,
                starts_at: a.starts_at,
                ends_at: a.ends_at,
                description: format!(
                    "{} is in use {} ({} with {})",
                    a.room_name.as_deref().unwrap_or("The room"),
                    stretch(zone, a.starts_at, a.ends_at),
                    a.patient_name,
                    a.provider_name
                ),
                appointment_id: Some(a.id),
                block_id: None,
            });
        }
    }
    let date = local_date(zone, p.starts_at);
    let open = schedule_setup::open_spans(conn, zone, p.provider, date)?;
    if !open
        .iter()
        .any(|(s, e)| *s <= p.starts_at && p.ends_at <= *e)
    {
        let name = crate::store::users::display_name(conn, p.provider)?
            .unwrap_or_else(|| "The provider".into());
        let hours = if open.is_empty() {
            "not available that day".to_string()
        } else {
            let list: Vec<String> = open
                .iter()
                .map(|(s, e)| format!("{}–{}", clock(zone, *s), clock(zone, *e)))
                .collect();
            format!("available {}", list.join(", "))
        };
        out.push(Collision {
            kind: CollisionKind::OutsideHours,
            starts_at: p.starts_at,
            ends_at: p.ends_at,
            description: format!(
                "{} is outside {name}'s hours: {hours} on {}",
                stretch(zone, p.starts_at, p.ends_at),
                utc_to_local(zone, p.starts_at).format("%a %-d %b")
            ),
            appointment_id: None,
            block_id: None,
        });
    }
    for b in schedule_setup::blocks_between(conn, Some(p.provider), p.starts_at, p.ends_at)? {
        let whose = match &b.provider_name {
            Some(name) => format!("{name}: "),
            None => "Practice: ".to_string(),
        };
        let reason = if b.reason.is_empty() {
            String::new()
        } else {
            format!(" — {}", b.reason)
        };
        out.push(Collision {
            kind: CollisionKind::Blocked,
            starts_at: b.starts_at,
            ends_at: b.ends_at,
            description: format!(
                "Blocked {} ({whose}{}{reason})",
                stretch(zone, b.starts_at, b.ends_at),
                b.kind.label()
            ),
            appointment_id: None,
            block_id: Some(b.id),
        });
    }
    Ok(out)
}
