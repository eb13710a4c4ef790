// What the growth chart screens show: the measures with their units, the panels (one
// measure on one reference chart) a child has, ages as a person reads them, and the data a
// plot of one panel needs (the percentile lines and the child's points on one x axis).
import type { GrowthChart, GrowthCurve, GrowthMeasure, GrowthPoint, GrowthReference } from '../../api';

export const DAYS_PER_MONTH = 30.4375;

export type MeasureInfo = { key: GrowthMeasure; label: string; unit: string };

export const MEASURES: MeasureInfo[] = [
  { key: 'weightForAge', label: 'Weight-for-age', unit: 'kg' },
  { key: 'lengthHeightForAge', label: 'Length/height-for-age', unit: 'cm' },
  { key: 'bmiForAge', label: 'BMI-for-age', unit: 'kg/m²' },
  { key: 'headCircumferenceForAge', label: 'Head circumference-for-age', unit: 'cm' },
  { key: 'weightForLength', label: 'Weight-for-length', unit: 'kg' },
];

export const REFERENCE_LABELS: Record<GrowthReference, string> = {
  who: 'WHO 2006, 0–2 years',
  cdc: 'CDC 2000, 2–20 years',
  cdcInfant: 'CDC 2000, 0–36 months',
};

export function measureInfo(m: GrowthMeasure): MeasureInfo {
  return MEASURES.find((x) => x.key === m) ?? MEASURES[0];
}

/** The reference charts drawn for `measure`, in the order of the lines the core sent. */
export function chartsOf(chart: GrowthChart, measure: GrowthMeasure): GrowthReference[] {
  const out: GrowthReference[] = [];
  for (const c of chart.curves) if (c.measure === measure && !out.includes(c.chart)) out.push(c.chart);
  return out;
}

/** The measures that have lines to draw. */
export function measuresOf(chart: GrowthChart): MeasureInfo[] {
  return MEASURES.filter((m) => chart.curves.some((c) => c.measure === m.key));
}

/** The chart to open on: the one of the child's newest point of that measure, else the last. */
export function defaultChart(chart: GrowthChart, measure: GrowthMeasure): GrowthReference | null {
  const pts = chart.points.filter((p) => p.measure === measure);
  if (pts.length > 0) return pts[pts.length - 1].chart;
  const charts = chartsOf(chart, measure);
  return charts.length ? charts[charts.length - 1] : null;
}

/** "3 days", "5 weeks", "11 months", "2 years 3 months". */
export function formatAge(days: number): string {
  if (days < 14) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 7 * 13) {
    const w = Math.floor(days / 7);
    return `${w} weeks`;
  }
  const months = Math.floor(days / DAYS_PER_MONTH);
  if (months < 24) return `${months} months`;
  const y = Math.floor(months / 12);
  const m = months % 12;
  return m === 0 ? `${y} years` : `${y} years ${m} month${m === 1 ? '' : 's'}`;
}

/** A percentile as a clinician reads it: one decimal, "<0.1" and ">99.9" at the ends. */
export function formatPercentile(p: number): string {
  if (p < 0.1) return '<0.1';
  if (p > 99.9) return '>99.9';
  return p.toFixed(1);
}

export function formatZ(z: number): string {
  return `${z >= 0 ? '+' : '−'}${Math.abs(z).toFixed(2)}`;
}

/** "3rd", "50th", "97th". */
export function ordinal(p: number): string {
  const n = Math.round(p);
  const s = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${s}`;
}

/** How the x axis of a panel reads: months on WHO's and the infant chart, years on the CDC's,
 *  centimetres for weight-for-length. */
export function xAxis(measure: GrowthMeasure, ref: GrowthReference): { label: string; scale: (x: number) => number } {
  if (measure === 'weightForLength') return { label: 'Length (cm)', scale: (x) => x };
  if (ref === 'cdc') return { label: 'Age (years)', scale: (days) => days / 365.25 };
  return { label: 'Age (months)', scale: (days) => days / DAYS_PER_MONTH };
}

export type PanelData = {
  lines: GrowthCurve[];
  points: GrowthPoint[];
  /** uPlot's aligned data: x, each line, then the child's points (null where absent). */
  aligned: (number | null)[][];
  xLabel: string;
};

export function panelData(chart: GrowthChart, measure: GrowthMeasure, ref: GrowthReference): PanelData {
  const lines = chart.curves.filter((c) => c.measure === measure && c.chart === ref);
  const points = chart.points.filter((p) => p.measure === measure && p.chart === ref);
  const axis = xAxis(measure, ref);
  const xOf = (p: GrowthPoint) => (measure === 'weightForLength' ? (p.lengthCm ?? 0) : p.ageDays);
  const xs = [...new Set([...(lines[0]?.xs ?? []), ...points.map(xOf)])].sort((a, b) => a - b);
  const index = new Map(xs.map((x, i) => [x, i]));
  const series = lines.map((l) => {
    const ys: (number | null)[] = xs.map(() => null);
    l.xs.forEach((x, i) => (ys[index.get(x) ?? 0] = l.ys[i]));
    return ys;
  });
  const child: (number | null)[] = xs.map(() => null);
  for (const p of points) child[index.get(xOf(p)) ?? 0] = p.value;
  return { lines, points, aligned: [xs.map(axis.scale), ...series, child], xLabel: axis.label };
}

/** Under 20 years on `today` (the growth references end at 20). */
export function isChild(dateOfBirth: string, today: Date): boolean {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  if (!y || !m || !d) return false;
  const twenty = new Date(y + 20, m - 1, d);
  return today < twenty;
}

/** The ISO date `days` after `dateOfBirth` (calendar arithmetic, no time zone involved). */
export function dayOf(dateOfBirth: string, days: number): string {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return t.toISOString().slice(0, 10);
}
