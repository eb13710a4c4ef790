//! The practice's favourites: a product with its default sig and dispensing, offered first in
//! the prescribing box. Prescribers keep them; retiring one hides it, nothing is deleted.

use super::{not_built, Favourite, FavouriteDraft};
use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::FavouriteId;
use crate::permissions::Operation;
use chrono::{DateTime, Utc};

impl AsUser<'_> {
    /// The practice's favourites, by label (clinical users; not audited: no patient data).
    pub fn favourites(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<Favourite>> {
        self.require(Operation::ViewClinical, "list_favourites", now)?;
        Err(not_built("favourites"))
    }

    /// Saves a favourite under `id`, new or edited (audited `save_favourite`).
    pub fn save_favourite(
        &mut self,
        id: FavouriteId,
        draft: &FavouriteDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<Favourite> {
        self.require(Operation::EditFavourites, "save_favourite", now)?;
        let _ = (id, draft);
        Err(not_built("favourites"))
    }

    /// Retires a favourite (audited `retire_favourite`).
    pub fn retire_favourite(&mut self, id: FavouriteId, now: DateTime<Utc>) -> CoreResult<()> {
        self.require(Operation::EditFavourites, "retire_favourite", now)?;
        let _ = id;
        Err(not_built("favourites"))
    }
}
