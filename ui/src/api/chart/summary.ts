// Commands of the chart summary and the chart search (see src-tauri/src/commands/chart.rs).
import type { ChartSearchPage, ChartSummary } from '../bindings';
import { call } from '../call';

export const chartApi = {
  /** The one-screen summary of a patient's chart (audited read). */
  chartSummary: (patientId: string) => call<ChartSummary>('chart_summary', { patientId }),
  /** Every note, amendment, problem, diagnosis, allergy and history of the patient that holds
   *  all the query's words (prefixes, any order), newest first. */
  searchChart: (patientId: string, query: string) =>
    call<ChartSearchPage>('search_chart', { patientId, query }),
};
