import { describe, expect, it } from 'vitest';
import {
  ageParts,
  familyCaps,
  formatAge,
  formatDate,
  formatDobWithAge,
  formatMrn,
  formatName,
} from './format';

describe('formatDate', () => {
  it('shows an ISO date with the month name', () => {
    expect(formatDate('1980-03-14')).toBe('14 Mar 1980');
    expect(formatDate('2001-12-01')).toBe('1 Dec 2001');
  });
  it('uses the date part of a timestamp', () => {
    expect(formatDate('2024-07-09T13:45:00Z')).toBe('9 Jul 2024');
  });
  it('leaves text that is not an ISO date alone and shows nothing for null', () => {
    expect(formatDate('03/14/1980')).toBe('03/14/1980');
    expect(formatDate(null)).toBe('');
  });
});

describe('ages', () => {
  it('counts whole years up to the practice today, not the workstation clock', () => {
    expect(formatAge('1980-03-14', '2026-03-13')).toBe('45 y');
    expect(formatAge('1980-03-14', '2026-03-14')).toBe('46 y');
  });
  it('shows months under two years and days under one month', () => {
    expect(formatAge('2025-01-20', '2026-07-19')).toBe('17 mo');
    expect(formatAge('2026-11-10', '2026-11-26')).toBe('16 d');
  });
  it('handles month ends when borrowing days', () => {
    expect(ageParts('2024-01-31', '2024-03-01')).toEqual({ years: 0, months: 1, days: 1 });
  });
  it('falls back to the core age when today is unknown', () => {
    expect(formatAge('1980-03-14', null, 46)).toBe('46 y');
  });
  it('joins date of birth and age the way the banner shows them', () => {
    expect(formatDobWithAge('1980-03-14', '2026-11-26')).toBe('14 Mar 1980 (46 y)');
  });
});

describe('names and chart numbers', () => {
  it('capitalises the family name and quotes the preferred name', () => {
    expect(familyCaps('van der Berg')).toBe('VAN DER BERG');
    expect(
      formatName({ familyName: 'Smith', givenName: 'Jane', middleName: 'Ann', preferredName: 'Janie' }),
    ).toBe('SMITH, Jane Ann “Janie”');
    expect(formatName({ familyName: 'Lee', givenName: 'Min', middleName: null, preferredName: '' })).toBe(
      'LEE, Min',
    );
  });
  it('writes the chart number the way staff say it', () => {
    expect(formatMrn(1042)).toBe('Chart #1042');
  });
});

describe('formatInstant', () => {
  it('shows a UTC instant on the practice clock with a month name', async () => {
    const { formatInstant } = await import('./format');
    expect(formatInstant('2026-11-26T15:04:05Z', 'America/Chicago')).toBe('26 Nov 2026 09:04:05');
    expect(formatInstant('2026-11-26T15:04:05Z', 'Europe/London', true)).toBe('15:04');
  });
});

describe('formatSlot', () => {
  it('shows an appointment start to the minute with its weekday, on the practice clock', async () => {
    const { formatSlot } = await import('./format');
    // 03:30 UTC on the 2nd is still the 1st in Chicago.
    expect(formatSlot('2026-12-02T03:30:00Z', 'America/Chicago')).toBe('Tue 1 Dec 2026 21:30');
    expect(formatSlot('not a date', 'America/Chicago')).toBe('not a date');
  });
});

describe('formatBytes', () => {
  it('says the size with a unit', async () => {
    const { formatBytes } = await import('./format');
    expect(formatBytes(812)).toBe('812 bytes');
    expect(formatBytes(421_888)).toBe('412 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
    expect(formatBytes(52_428_800)).toBe('50 MB');
    expect(formatBytes(1_288_490_189)).toBe('1.2 GB');
  });
});
