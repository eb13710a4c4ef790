// The next-free-slot panel: the query it sends (any provider first, the type's id, the time of
// day, the from date), the rows as the desk reads them in the practice's zone, booking with
// Enter, the arrow keys or a digit, "more", field errors at their field, and nothing found.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import NextSlotPanel from './NextSlotPanel.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { SETUP, slot } from './slots/fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const SLOTS = [
  slot('2026-12-08T15:15:00Z', '2026-12-08T15:30:00Z'),
  slot('2026-12-08T15:30:00Z', '2026-12-08T15:45:00Z', 'u-drkim', 'Dr Kim'),
  slot('2026-12-08T18:00:00Z', '2026-12-08T18:15:00Z'),
];

function renderPanel(handlers: Record<string, CommandHandler> = {}) {
  session.info = appInfoAs(DESK);
  const onbook = vi.fn();
  const calls = mockCommands({ next_free_slots: () => SLOTS, ...handlers });
  render(NextSlotPanel, { props: { setup: SETUP, onbook } });
  return { calls, onbook };
}

describe('next free slot', () => {
  it('offers any provider first and only active providers and types', () => {
    renderPanel();
    const providers = [...screen.getByTestId('next-slot-provider').querySelectorAll('option')].map((o) => o.textContent);
    expect(providers).toEqual(['Any provider', 'Dr Reyes', 'Dr Kim']);
    const types = [...screen.getByTestId('next-slot-type').querySelectorAll('option')].map((o) => o.textContent);
    expect(types).toEqual(['Follow-up (15 min)', 'New patient (30 min)']);
  });

  it('sends the query and lists the slots in the practice zone', async () => {
    const { calls } = renderPanel();
    await fireEvent.change(screen.getByTestId('next-slot-provider'), { target: { value: 'u-drkim' } });
    await fireEvent.change(screen.getByTestId('next-slot-type'), { target: { value: 't-new' } });
    await fireEvent.change(screen.getByTestId('next-slot-time-of-day'), { target: { value: 'morning' } });
    await fireEvent.input(screen.getByTestId('next-slot-from'), { target: { value: '2026-12-07' } });
    await fireEvent.click(screen.getByTestId('next-slot-find'));
    await waitFor(() => expect(screen.getAllByTestId('next-slot-result')).toHaveLength(3));
    const query = calls.find((c) => c.cmd === 'next_free_slots')!.args.query;
    expect(query).toEqual({
      providerId: 'u-drkim',
      typeId: 't-new',
      minutes: null,
      from: '2026-12-07',
      timeOfDay: 'morning',
      count: 5,
    });
    const rows = screen.getAllByTestId('next-slot-result').map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toBe('1 Tue 8 Dec 09:15 · Dr Reyes · 15 min');
    expect(rows[1]).toBe('2 Tue 8 Dec 09:30 · Dr Kim · 15 min');
  });

  it('books the row chosen with the arrow keys and Enter, or with its digit', async () => {
    const { onbook } = renderPanel();
    await fireEvent.click(screen.getByTestId('next-slot-find'));
    const list = await screen.findByTestId('next-slot-results');
    await waitFor(() => expect(document.activeElement).toBe(list));
    await fireEvent.keyDown(list, { key: 'ArrowDown' });
    await fireEvent.keyDown(list, { key: 'Enter' });
    expect(onbook).toHaveBeenLastCalledWith({
      providerId: 'u-drkim',
      startsAt: '2026-12-08T15:30:00Z',
      minutes: 15,
      typeId: 't-follow',
    });
    await fireEvent.keyDown(list, { key: '3' });
    expect(onbook).toHaveBeenLastCalledWith(expect.objectContaining({ startsAt: '2026-12-08T18:00:00Z', providerId: 'u-drreyes' }));
    await fireEvent.keyDown(list, { key: '7' });
    expect(onbook).toHaveBeenCalledTimes(2);
  });

  it('asks for five more with "more" when a full page came back', async () => {
    const five = Array.from({ length: 5 }, (_, i) =>
      slot(`2026-12-09T1${5 + i}:00:00Z`, `2026-12-09T1${5 + i}:15:00Z`),
    );
    const { calls } = renderPanel({ next_free_slots: ({ query }) => (query.count === 5 ? five : [...five, ...SLOTS]) });
    await fireEvent.click(screen.getByTestId('next-slot-find'));
    await fireEvent.click(await screen.findByTestId('next-slot-more'));
    await waitFor(() => expect(screen.getAllByTestId('next-slot-result')).toHaveLength(8));
    const counts = calls.filter((c) => c.cmd === 'next_free_slots').map((c) => c.args.query.count);
    expect(counts).toEqual([5, 10]);
    expect(screen.queryByTestId('next-slot-more')).toBeNull();
  });

  it('shows a field error at its field and says when nothing is free', async () => {
    renderPanel({
      next_free_slots: () => {
        throw errorReport('invalid_input', 'Check the form', [{ field: 'providerId', message: 'Choose a provider who is on the schedule' }]);
      },
    });
    await fireEvent.click(screen.getByTestId('next-slot-find'));
    expect((await screen.findByTestId('error-providerId')).textContent).toContain('Choose a provider');
    clearMocks();
    mockCommands({ next_free_slots: () => [] });
    await fireEvent.click(screen.getByTestId('next-slot-find'));
    expect(await screen.findByTestId('next-slot-none')).toBeTruthy();
  });
});
