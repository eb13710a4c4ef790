// Commands of the growth charts (src-tauri/src/commands/growth.rs).
import type { GrowthChart, PatientId } from '../bindings';
import { call } from '../call';

export const growthApi = {
  /** The child's weights, lengths/heights, BMIs and head circumferences placed on the WHO 2006
   *  (under 2) or CDC 2000 (2–20) references, with the percentile lines to draw. */
  growthChart: (patientId: PatientId) => call<GrowthChart>('growth_chart', { patientId }),
};
