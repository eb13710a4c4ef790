//! Commands of the formulary and the practice's favourites (thin wrappers over
//! charta_core::medications::formulary and ::favourites).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::ids::FavouriteId;
use charta_core::medications::formulary::DrugHit;
use charta_core::medications::{Favourite, FavouriteDraft, Product};
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn drug_search(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> CommandResult<Vec<DrugHit>> {
    let now = Utc::now();
    state.run(now, |u| u.drug_search(&query, limit, now))
}

#[tauri::command(async)]
pub fn drug_product(state: State<'_, AppState>, code: String) -> CommandResult<Product> {
    let now = Utc::now();
    state.run(now, |u| u.drug_product(&code, now))
}

#[tauri::command(async)]
pub fn favourites(state: State<'_, AppState>) -> CommandResult<Vec<Favourite>> {
    let now = Utc::now();
    state.run(now, |u| u.favourites(now))
}

/// `id` none: a new favourite under a fresh id.
#[tauri::command(async)]
pub fn save_favourite(
    state: State<'_, AppState>,
    id: Option<FavouriteId>,
    draft: FavouriteDraft,
) -> CommandResult<Favourite> {
    let now = Utc::now();
    let id = id.unwrap_or_else(FavouriteId::random);
    state.run(now, |u| u.save_favourite(id, &draft, now))
}

#[tauri::command(async)]
pub fn retire_favourite(state: State<'_, AppState>, id: FavouriteId) -> CommandResult<()> {
    let now = Utc::now();
    state.run(now, |u| u.retire_favourite(id, now))
}
