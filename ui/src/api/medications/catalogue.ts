// Commands of the drug catalogue: search, favourites, RxNorm import (see
// src-tauri/src/commands/drug_catalogue.rs).
import { call } from '../call';
import type { DrugHit, DrugImportReport, Favourite, FavouriteDraft, FavouriteId, Product } from '../bindings';

export const catalogueApi = {
  /** Formulary and imported products, favourites first ("coumadin" finds warfarin). */
  drugSearch: (query: string, limit = 12) => call<DrugHit[]>('drug_search', { query, limit }),
  drugProduct: (code: string) => call<Product>('drug_product', { code }),
  favourites: () => call<Favourite[]>('favourites'),
  /** `id` null: a new favourite. */
  saveFavourite: (id: FavouriteId | null, draft: FavouriteDraft) => call<Favourite>('save_favourite', { id, draft }),
  retireFavourite: (id: FavouriteId) => call<void>('retire_favourite', { id }),
  /** `dir`: the folder holding RXNCONSO.RRF, RXNSAT.RRF and RXNREL.RRF. */
  importRxnorm: (dir: string) => call<DrugImportReport>('import_rxnorm', { dir }),
  drugImports: () => call<DrugImportReport[]>('drug_imports'),
};
