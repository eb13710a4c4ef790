// The drug box's search: the formulary and the practice's imported products, favourites first.
import { catalogueApi, type DrugHit } from '../../api';
import { LookupSearch } from '../../lib/lookup.svelte';

const LIMIT = 12;

export class DrugSearchState extends LookupSearch<DrugHit> {
  constructor() {
    super((text) => catalogueApi.drugSearch(text, LIMIT));
  }
}
