// Words for a sig's parts on the favourites screen (the printed sig is the core's).
import type { Route, Sig, SigFrequency } from '../../api';

export const FREQUENCIES: [SigFrequency, string][] = [
  ['onceDaily', 'once daily'],
  ['twiceDaily', 'twice daily'],
  ['threeTimesDaily', 'three times daily'],
  ['fourTimesDaily', 'four times daily'],
  ['every4Hours', 'every 4 hours'],
  ['every6Hours', 'every 6 hours'],
  ['every8Hours', 'every 8 hours'],
  ['every12Hours', 'every 12 hours'],
  ['everyMorning', 'every morning'],
  ['atBedtime', 'at bedtime'],
  ['everyOtherDay', 'every other day'],
  ['onceWeekly', 'once weekly'],
  ['once', 'once'],
];

export const ROUTES: [Route, string][] = [
  ['oral', 'by mouth'],
  ['sublingual', 'under the tongue'],
  ['buccal', 'in the cheek'],
  ['topical', 'on the skin'],
  ['transdermal', 'as a patch'],
  ['ophthalmic', 'in the eye'],
  ['otic', 'in the ear'],
  ['nasal', 'in the nose'],
  ['inhaled', 'by inhalation'],
  ['rectal', 'rectally'],
  ['vaginal', 'vaginally'],
  ['subcutaneous', 'under the skin (injection)'],
  ['intramuscular', 'into the muscle (injection)'],
  ['intravenous', 'into a vein'],
  ['other', 'other'],
];

const frequencyText = new Map(FREQUENCIES);
const routeText = new Map(ROUTES);

/** "1 tablet by mouth three times daily for 10 days, as needed for pain". */
export function sigSummary(sig: Sig): string {
  const parts = [`${sig.dose} ${sig.doseUnit}`, routeText.get(sig.route) ?? sig.route, frequencyText.get(sig.frequency) ?? sig.frequency];
  if (sig.durationDays) parts.push(`for ${sig.durationDays} day${sig.durationDays === 1 ? '' : 's'}`);
  let text = parts.join(' ');
  if (sig.prn) text += `, as needed${sig.prnIndication ? ` ${sig.prnIndication}` : ''}`;
  if (sig.extra) text += `; ${sig.extra}`;
  return text;
}
