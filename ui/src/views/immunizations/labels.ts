// Words for the immunization screens: forecast statuses, entry kinds, routes and sites.
import type { ForecastStatus, ImmunizationKind } from '../../api';

export const STATUS_LABELS: Record<ForecastStatus, string> = {
  overdue: 'Overdue',
  due: 'Due',
  notYetDue: 'Not yet due',
  refused: 'Refused',
  complete: 'Complete',
  notApplicable: 'Not applicable',
};

/** Overdue first, then due, refused, upcoming, complete, not applicable. */
export const STATUS_ORDER: ForecastStatus[] = ['overdue', 'due', 'refused', 'notYetDue', 'complete', 'notApplicable'];

export const KIND_LABELS: Record<ImmunizationKind, string> = {
  given: 'Given here',
  historical: 'Historical',
  refused: 'Refused',
};

export const ROUTES: [string, string][] = [
  ['IM', 'IM — intramuscular'],
  ['SC', 'SC — subcutaneous'],
  ['ID', 'ID — intradermal'],
  ['PO', 'PO — oral'],
  ['IN', 'IN — intranasal'],
];

export const SITES: [string, string][] = [
  ['left deltoid', 'Left deltoid'],
  ['right deltoid', 'Right deltoid'],
  ['left thigh', 'Left thigh (vastus lateralis)'],
  ['right thigh', 'Right thigh (vastus lateralis)'],
  ['left upper arm', 'Left upper arm (subcutaneous)'],
  ['right upper arm', 'Right upper arm (subcutaneous)'],
  ['mouth', 'Mouth (oral)'],
  ['nose', 'Nose (intranasal)'],
];

/** What "Give" on a forecast row searches for, so the form opens on the right vaccines. */
export const SERIES_SEARCH: Record<string, string> = {
  'dtap-tdap-td': 'tdap',
  polio: 'ipv',
  mmr: 'mmr',
  varicella: 'varicella',
  hepb: 'hep b',
  hepa: 'hep a',
  hib: 'hib',
  'pneumococcal-child': 'pcv20',
  'pneumococcal-adult': 'pcv20',
  rotavirus: 'rotavirus',
  hpv: 'hpv9',
  menacwy: 'menacwy',
  influenza: 'flu',
  'covid-19': 'covid',
  zoster: 'shingrix',
  'rsv-adult': 'rsv',
};
