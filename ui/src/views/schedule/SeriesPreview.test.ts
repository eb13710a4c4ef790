// The series preview: one row per occurrence in the practice's zone, the colliding ones marked
// with what they collide with, and a count at the top.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import SeriesPreview from './SeriesPreview.svelte';
import type { PlannedOccurrence } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => resetUiState());

const free = (start: string, end: string): PlannedOccurrence => ({ startsAt: start, endsAt: end, collisions: [] });

const OCCURRENCES: PlannedOccurrence[] = [
  free('2026-12-17T15:00:00Z', '2026-12-17T15:15:00Z'),
  {
    startsAt: '2026-12-24T15:00:00Z',
    endsAt: '2026-12-24T15:15:00Z',
    collisions: [
      {
        kind: 'blocked',
        startsAt: '2026-12-24T06:00:00Z',
        endsAt: '2026-12-25T06:00:00Z',
        description: 'Blocked Thu 24 Dec 00:00 – Fri 25 Dec 00:00 (Practice: Holiday — Christmas Eve)',
        appointmentId: null,
        blockId: 'b-1',
      },
    ],
  },
  free('2026-12-31T15:00:00Z', '2026-12-31T15:15:00Z'),
];

describe('series preview', () => {
  it('lists each occurrence at its local time and marks the one on the holiday', () => {
    session.info = appInfoAs(DESK);
    render(SeriesPreview, { occurrences: OCCURRENCES });
    const rows = screen.getAllByTestId('series-preview-row');
    expect(rows).toHaveLength(3);
    expect(rows[0].textContent).toContain('Thu 17 Dec 2026 09:00–09:15');
    expect(rows[1].dataset.collides).toBe('true');
    expect(rows[1].textContent).toContain('Christmas Eve');
    expect(rows[2].dataset.collides).toBe('false');
    expect(screen.getByTestId('series-preview-summary').textContent).toContain('3 appointments, 1 collides');
  });

  it('says none collide when all are free', () => {
    session.info = appInfoAs(DESK);
    render(SeriesPreview, { occurrences: [OCCURRENCES[0]] });
    expect(screen.getByTestId('series-preview-summary').textContent).toContain('1 appointment, none collide');
  });
});
