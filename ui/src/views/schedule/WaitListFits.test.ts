// Who on the wait list fits a freed slot: asked for the freed appointment, rows with the number
// to call and what they want, "Book" handing the entry back, and the "none fit" line.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import WaitListFits from './WaitListFits.svelte';
import { clearMocks, mockCommands, type CommandHandler } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { cancelled, entry } from './slots/fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const ADA = entry('w-1', 'Stone, Ada', { currentStartsAt: '2026-12-18T16:00:00Z' });
const BEN = entry('w-2', 'Moss, Ben', { phone: null });

function renderFits(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(DESK);
  const onbook = vi.fn();
  const calls = mockCommands(handlers);
  render(WaitListFits, { props: { freed: cancelled(), onbook } });
  return { calls, onbook };
}

describe('who fits a freed slot', () => {
  it('lists who fits with the number to call and books the one chosen', async () => {
    const { calls, onbook } = renderFits({ wait_list_fits: () => [ADA, BEN] });
    expect(screen.getByText('This slot is free: who on the wait list fits')).toBeTruthy();
    expect(screen.getByTestId('wait-list-fits-slot').textContent).toBe('Tue 8 Dec 09:00 · Dr Reyes · 30 min');
    const rows = await screen.findAllByTestId('wait-list-fit-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Call 555-0101');
    expect(rows[0].textContent).toContain('now booked Fri 18 Dec 10:00');
    expect(rows[1].textContent).toContain('no phone on file');
    expect(calls.find((c) => c.cmd === 'wait_list_fits')!.args).toEqual({ freed: 'a-1' });
    await fireEvent.click(screen.getAllByTestId('wait-list-fit-book')[1]);
    expect(onbook).toHaveBeenCalledWith(BEN);
  });

  it('says so when nobody fits', async () => {
    renderFits({ wait_list_fits: () => [] });
    expect((await screen.findByTestId('wait-list-fits-none')).textContent).toContain('Nobody');
    expect(screen.queryByTestId('wait-list-fit-row')).toBeNull();
  });
});
