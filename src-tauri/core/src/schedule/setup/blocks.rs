//! Blocked time (lunch, leave, holidays, closures, meetings): the admin's and the front
//! desk's. A block over booked appointments is allowed — the desk then sees them as
//! collisions — and says how many it covers. Lifting keeps the row.

use super::{validate, BlockDraft, BlockResult};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::BlockId;
use crate::permissions::Operation;
use crate::schedule::time::{day_bounds, practice_zone, utc_to_local};
use crate::schedule::Block;
use crate::store;
use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

fn not_found(id: BlockId) -> CoreError {
    CoreError::NotFound {
        entity: "block",
        id: id.to_string(),
    }
}

/// "Leave, Test doc, 2026-12-24 00:00–2026-12-27 00:00: Christmas", in the practice zone.
fn describe(zone: Tz, b: &Block) -> String {
    let fmt = |t: DateTime<Utc>| utc_to_local(zone, t).format("%Y-%m-%d %H:%M").to_string();
    let whose = b.provider_name.as_deref().unwrap_or("whole practice");
    let mut text = format!(
        "{}, {whose}, {}–{}",
        b.kind.label(),
        fmt(b.starts_at),
        fmt(b.ends_at)
    );
    if !b.reason.is_empty() {
        text.push_str(": ");
        text.push_str(&b.reason);
    }
    text
}

impl AsUser<'_> {
    /// Blocks not lifted that overlap the local days `from` to `to` (both included), every
    /// provider's and the practice's, in order.
    pub fn list_blocks(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        now: DateTime<Utc>,
    ) -> CoreResult<Vec<Block>> {
        self.require(Operation::BlockTime, "list_blocks", now)?;
        if to < from {
            return Err(CoreError::invalid(
                "to",
                "The last day is on or after the first",
            ));
        }
        self.db.read(|c| {
            let zone = practice_zone(c)?;
            let (start, _) = day_bounds(zone, from);
            let (_, end) = day_bounds(zone, to);
            store::schedule_setup::blocks_between(c, None, start, end)
        })
    }

    /// Blocks time for one provider or (no provider) the whole practice.
    pub fn block_time(
        &mut self,
        draft: &BlockDraft,
        id: BlockId,
        now: DateTime<Utc>,
    ) -> CoreResult<BlockResult> {
        self.require(Operation::BlockTime, "block_time", now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let zone = practice_zone(tx)?;
            let valid = validate::block(draft, zone)?;
            if let Some(p) = valid.provider_id {
                if !store::schedule_setup_edits::provider_exists(tx, p)? {
                    return Err(CoreError::invalid(
                        "providerId",
                        "Not a provider on the schedule",
                    ));
                }
            }
            store::schedule_setup_edits::insert_block(tx, id, &valid, actor.user_id(), now)?;
            let block = store::schedule_setup_edits::block(tx, id)?
                .map(|(b, _)| b)
                .ok_or_else(|| not_found(id))?;
            let covered = store::schedule_setup_edits::covered_appointments(
                tx,
                valid.provider_id,
                valid.starts_at,
                valid.ends_at,
            )?;
            let event = actor
                .event(now, "block_time", Outcome::Ok)
                .entity("block", id)
                .detail(format!(
                    "{}; covers {covered} booked appointment(s)",
                    describe(zone, &block)
                ));
            audit::append(tx, &event)?;
            Ok(BlockResult {
                block,
                covered_appointments: covered,
            })
        })
    }

    /// Lifts a block (its time is bookable again); the row stays, with who, when and why.
    pub fn lift_block(
        &mut self,
        id: BlockId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Block> {
        self.require(Operation::BlockTime, "lift_block", now)?;
        let why = reason.trim();
        if why.is_empty() {
            return Err(CoreError::invalid("reason", "Say why the block is lifted"));
        }
        if why.chars().count() > 200 {
            return Err(CoreError::invalid(
                "reason",
                "Keep the reason under 200 characters",
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            let zone = practice_zone(tx)?;
            let (block, _) =
                store::schedule_setup_edits::block(tx, id)?.ok_or_else(|| not_found(id))?;
            if !store::schedule_setup_edits::lift_block(tx, id, why, actor.user_id(), now)? {
                return Err(CoreError::invalid("reason", "This block is already lifted"));
            }
            let event = actor
                .event(now, "lift_block", Outcome::Ok)
                .entity("block", id)
                .detail(format!("{} lifted: {why}", describe(zone, &block)));
            audit::append(tx, &event)?;
            Ok(block)
        })
    }
}
