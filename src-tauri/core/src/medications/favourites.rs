//! The practice's favourites: a product with its default sig and dispensing, offered first in
//! the prescribing box. Prescribers keep them; retiring one hides it, nothing is deleted.

use super::{formulary, ControlledSchedule, Favourite, FavouriteDraft, Product};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::FavouriteId;
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// The most refills any prescription may carry here (a year of monthly fills).
pub const MAX_REFILLS: u32 = 11;
const MAX_LABEL: usize = 120;
const MAX_TEXT: usize = 200;
const MAX_DOSE: f64 = 10_000.0;
const MAX_QUANTITY: f64 = 100_000.0;
const MAX_DURATION_DAYS: u32 = 365;

/// The most refills the law allows for a schedule: none for CII (21 CFR 1306.12), five for
/// CIII–CV (21 CFR 1306.22).
pub fn max_refills(schedule: Option<ControlledSchedule>) -> u32 {
    match schedule {
        Some(ControlledSchedule::CII) => 0,
        Some(_) => 5,
        None => MAX_REFILLS,
    }
}

fn not_found(id: FavouriteId) -> CoreError {
    CoreError::NotFound {
        entity: "favourite",
        id: id.to_string(),
    }
}

/// The draft with its text trimmed, or every field error at once. Needs the connection to
/// find the product (formulary or imported).
fn validate(conn: &Connection, draft: &FavouriteDraft) -> CoreResult<(FavouriteDraft, Product)> {
    let mut d = draft.clone();
    d.label = d.label.trim().to_string();
    d.product_code = d.product_code.trim().to_string();
    d.sig.dose_unit = d.sig.dose_unit.trim().to_string();
    d.sig.prn_indication = d.sig.prn_indication.trim().to_string();
    d.sig.extra = d.sig.extra.trim().to_string();
    d.quantity_unit = d.quantity_unit.trim().to_string();
    let mut errors = Vec::new();
    let mut error = |field: &str, message: String| errors.push(FieldError::new(field, message));
    if d.label.is_empty() {
        error(
            "label",
            "Give the favourite a name, e.g. “Amoxicillin for otitis media (adult)”".into(),
        );
    } else if d.label.chars().count() > MAX_LABEL {
        error(
            "label",
            format!("Keep the name under {MAX_LABEL} characters"),
        );
    }
    let product = if d.product_code.is_empty() {
        error("productCode", "Choose a product".into());
        None
    } else {
        let found = formulary::lookup(conn, &d.product_code)?;
        if found.is_none() {
            error(
                "productCode",
                format!(
                    "{} is not in the formulary or the imported products",
                    d.product_code
                ),
            );
        }
        found
    };
    if !(d.sig.dose.is_finite() && d.sig.dose > 0.0 && d.sig.dose <= MAX_DOSE) {
        error("sig.dose", "The dose must be a number above 0".into());
    }
    if d.sig.dose_unit.is_empty() {
        error(
            "sig.doseUnit",
            "Say what the dose is counted in (tablet, mL, puff …)".into(),
        );
    }
    if d.sig.prn && d.sig.prn_indication.is_empty() {
        error(
            "sig.prnIndication",
            "Say what it is taken as needed for, e.g. “for pain”".into(),
        );
    }
    if !d.sig.prn {
        d.sig.prn_indication.clear();
    }
    if let Some(days) = d.sig.duration_days {
        if days == 0 || days > MAX_DURATION_DAYS {
            error(
                "sig.durationDays",
                format!("Days of treatment must be 1 to {MAX_DURATION_DAYS}, or empty for ongoing"),
            );
        }
    }
    if d.sig.extra.chars().count() > MAX_TEXT {
        error(
            "sig.extra",
            format!("Keep the instructions under {MAX_TEXT} characters"),
        );
    }
    if !(d.quantity.is_finite() && d.quantity > 0.0 && d.quantity <= MAX_QUANTITY) {
        error("quantity", "The quantity must be a number above 0".into());
    }
    if d.quantity_unit.is_empty() {
        error("quantityUnit", "Say what the quantity is counted in".into());
    }
    let most = max_refills(product.as_ref().and_then(|p| p.controlled));
    if d.refills > most {
        let why = match product.as_ref().and_then(|p| p.controlled) {
            Some(ControlledSchedule::CII) => {
                " (a schedule II substance cannot be refilled)".to_string()
            }
            Some(s) => format!(
                " for a schedule {} substance",
                s.as_str().trim_start_matches('C')
            ),
            None => String::new(),
        };
        error("refills", format!("At most {most} refills{why}"));
    }
    match (errors.is_empty(), product) {
        (true, Some(product)) => Ok((d, product)),
        _ => Err(CoreError::Invalid(errors)),
    }
}

impl AsUser<'_> {
    /// The practice's favourites, by label (clinical users; not audited: no patient data).
    pub fn favourites(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<Favourite>> {
        self.require(Operation::ViewClinical, "list_favourites", now)?;
        self.db.read(|conn| store::favourites::list(conn, false))
    }

    /// Saves a favourite under `id`, new or edited (audited `save_favourite`). A retired
    /// favourite cannot be edited.
    pub fn save_favourite(
        &mut self,
        id: FavouriteId,
        draft: &FavouriteDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Favourite> {
        self.require(Operation::EditFavourites, "save_favourite", now)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let (d, product) = validate(tx, draft)?;
            let detail = match store::favourites::state(tx, id)? {
                None => {
                    store::favourites::insert(tx, id, &d, by, now)?;
                    "new"
                }
                Some(false) => {
                    store::favourites::update(tx, id, &d, by, now)?;
                    "edited"
                }
                // Retired since the screen opened it: a conflict, as for any changed record.
                Some(true) => {
                    return Err(CoreError::Conflict {
                        entity: "favourite",
                    })
                }
            };
            let event = actor
                .event(now, "save_favourite", Outcome::Ok)
                .entity("favourite", id)
                .detail(format!("{detail}: {} ({})", d.label, product.code));
            audit::append(tx, &event)?;
            store::favourites::get(tx, id)?
                .map(|(f, _)| f)
                .ok_or_else(|| not_found(id))
        })
    }

    /// Retires a favourite (audited `retire_favourite`); it stays stored, no longer offered.
    pub fn retire_favourite(&mut self, id: FavouriteId, now: DateTime<Utc>) -> CoreResult<()> {
        self.require(Operation::EditFavourites, "retire_favourite", now)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            if store::favourites::state(tx, id)?.is_none() {
                return Err(not_found(id));
            }
            if !store::favourites::retire(tx, id, by, now)? {
                return Err(CoreError::Conflict {
                    entity: "favourite",
                });
            }
            let event = actor
                .event(now, "retire_favourite", Outcome::Ok)
                .entity("favourite", id);
            audit::append(tx, &event)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests;
