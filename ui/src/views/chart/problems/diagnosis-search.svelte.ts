// The diagnosis picker's and the problem form's search over ICD-10-CM.
import { diagnosesApi, type DiagnosisChoice } from '../../../api';
import { LookupSearch } from '../../../lib/lookup.svelte';

const LIMIT = 20;

export class DiagnosisSearch extends LookupSearch<DiagnosisChoice> {
  constructor() {
    super((text) => diagnosesApi.searchDiagnoses(text, LIMIT));
  }

  /** An empty box: the practice's most used codes as suggestions. */
  suggest(): void {
    if (!this.query.trim()) void this.fetch(this.query);
  }
}
