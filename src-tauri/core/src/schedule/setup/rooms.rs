//! Exam and procedure rooms: a booking may hold one, and no two bookings hold the same room
//! at once. Retired, never deleted.

use super::{validate, RoomDraft};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::RoomId;
use crate::permissions::Operation;
use crate::schedule::Room;
use crate::store;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// Creates the room `id`, or updates it if it exists; the name is unique among the rooms
    /// not retired (any case).
    pub fn save_room(
        &mut self,
        id: RoomId,
        draft: &RoomDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Room> {
        self.require(Operation::EditScheduleSetup, "save_room", now)?;
        let (name, display_order, retired) = validate::room(draft)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if !retired && store::schedule_setup_edits::room_name_taken(tx, &name, id)? {
                return Err(CoreError::invalid(
                    "name",
                    format!("There is already a room called {name}"),
                ));
            }
            let existed = store::schedule_setup::rooms(tx)?.iter().any(|r| r.id == id);
            store::schedule_setup_edits::upsert_room(
                tx,
                id,
                &name,
                display_order,
                retired,
                actor.user_id(),
                now,
            )?;
            let event = actor
                .event(now, "save_room", Outcome::Ok)
                .entity("room", id)
                .detail(format!(
                    "{name}{}: order {display_order}{}",
                    if existed { "" } else { " added" },
                    if retired { ", retired" } else { "" }
                ));
            audit::append(tx, &event)?;
            store::schedule_setup::rooms(tx)?
                .into_iter()
                .find(|r| r.id == id)
                .ok_or_else(|| CoreError::NotFound {
                    entity: "room",
                    id: id.to_string(),
                })
        })
    }
}
