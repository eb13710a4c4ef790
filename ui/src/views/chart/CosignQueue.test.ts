// The co-sign queue: one row per unsigned note with date, patient, author and reason, a
// restricted chart without its name, and a row opening that visit in the patient's chart.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockCommands } from '../../api/testing';
import { appInfoAs, DR_REYES } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { nav, session } from '../../lib/stores.svelte';
import CosignQueue from './CosignQueue.svelte';
import { PATIENT, queueItem } from './visit/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

describe('CosignQueue', () => {
  it('lists the notes to sign and opens the visit in the chart', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({
      cosign_queue: () => [
        queueItem({ visitId: 'v-7', patientId: 'p-hidden', patientName: 'Restricted chart', restricted: true, mrn: 1002 }),
        queueItem(),
      ],
    });
    render(CosignQueue);
    const rows = await screen.findAllByTestId('cosign-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Restricted chart');
    expect(rows[1].textContent).toContain('Ada Okafor');
    expect(rows[1].textContent).toContain('#1042');
    expect(rows[1].textContent).toContain('by Sam Ortiz');
    expect(rows[1].textContent).toContain('Flu shot');
    expect(rows[1].textContent).toContain('24 Nov 2026');
    await fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    await fireEvent.click(rows[1]);
    expect(nav.route).toEqual({ name: 'chart', id: PATIENT, visitId: 'v-9' });
  });

  it('says so when nothing waits', async () => {
    session.info = appInfoAs(DR_REYES);
    mockCommands({ cosign_queue: () => [] });
    render(CosignQueue);
    expect((await screen.findByTestId('cosign-empty')).textContent).toContain('Nothing to sign');
  });
});
