// Blocked time as the desk and the admin see it: an all-day practice holiday sent as dates, the
// count of booked appointments it covers, timed blocks as local wall-clock times, field errors
// at their fields, and lifting with a reason (Esc keeps the block).
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import BlockedTime from './BlockedTime.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../../api/testing';
import type { Block, ScheduleSetup } from '../../../api';
import { session } from '../../../lib/stores.svelte';
import { appInfoAs, DESK, TODAY } from '../../../test/fixtures';
import { resetUiState } from '../../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const SETUP: ScheduleSetup = {
  providers: [{ userId: 'u-drreyes', displayName: 'Dr. Ana Reyes', colour: '#2f6fb0', displayOrder: 1, active: true }],
  types: [],
  rooms: [],
  hours: [],
};

// 24 Dec 2026 in Chicago (the fixtures' practice zone, UTC−6).
const CHRISTMAS: Block = {
  id: 'b-1',
  providerId: null,
  providerName: null,
  startsAt: '2026-12-24T06:00:00Z',
  endsAt: '2026-12-25T06:00:00Z',
  kind: 'holiday',
  reason: 'Christmas Eve',
};

const MEETING: Block = {
  id: 'b-2',
  providerId: 'u-drreyes',
  providerName: 'Dr. Ana Reyes',
  startsAt: '2026-12-03T18:00:00Z',
  endsAt: '2026-12-03T19:00:00Z',
  kind: 'meeting',
  reason: 'Staff meeting',
};

function renderBlocks(handlers: Record<string, CommandHandler>) {
  session.info = appInfoAs(DESK);
  const calls = mockCommands({ list_blocks: () => [], ...handlers });
  render(BlockedTime, { props: { setup: SETUP } });
  return calls;
}

describe('blocked time', () => {
  it('blocks a whole practice day as dates and says how many bookings fall in it', async () => {
    let blocks: Block[] = [];
    const calls = renderBlocks({
      list_blocks: () => blocks,
      block_time: () => {
        blocks = [CHRISTMAS, MEETING];
        return { block: CHRISTMAS, coveredAppointments: 3 };
      },
    });
    await waitFor(() => expect(calls.some((c) => c.cmd === 'list_blocks')).toBe(true));
    expect(calls.find((c) => c.cmd === 'list_blocks')!.args).toEqual({ from: TODAY, to: '2027-11-26' });
    await fireEvent.change(screen.getByTestId('setup-block-kind'), { target: { value: 'holiday' } });
    await fireEvent.input(screen.getByTestId('setup-block-from'), { target: { value: '2026-12-24' } });
    await fireEvent.input(screen.getByTestId('setup-block-to'), { target: { value: '2026-12-24' } });
    await fireEvent.input(screen.getByTestId('setup-block-reason'), { target: { value: 'Christmas Eve' } });
    await fireEvent.click(screen.getByTestId('setup-block-save'));
    expect((await screen.findByTestId('setup-block-covered')).textContent).toContain('3 booked appointments fall in this block');
    expect(calls.find((c) => c.cmd === 'block_time')!.args.draft).toEqual({
      providerId: null,
      startsAt: '2026-12-24',
      endsAt: '2026-12-24',
      allDay: true,
      kind: 'holiday',
      reason: 'Christmas Eve',
    });
    await waitFor(() => expect(screen.getAllByTestId('setup-block-row')).toHaveLength(2));
    const [holiday, meeting] = screen.getAllByTestId('setup-block-row');
    expect(holiday.textContent).toContain('Holiday');
    expect(holiday.textContent).toContain('Whole practice');
    expect(holiday.textContent).toContain('24 Dec 2026, all day');
    expect(meeting.textContent).toContain('Dr. Ana Reyes · 3 Dec 2026 12:00–13:00 · Staff meeting');
  });

  it('sends a provider’s timed block as local wall-clock times and shows the core’s errors', async () => {
    const calls = renderBlocks({
      block_time: () => {
        throw errorReport('invalid_input', 'bad', [{ field: 'endsAt', message: 'Ends after it starts' }]);
      },
    });
    await fireEvent.change(screen.getByTestId('setup-block-provider'), { target: { value: 'u-drreyes' } });
    await fireEvent.click(screen.getByTestId('setup-block-all-day'));
    expect((screen.getByTestId('setup-block-from') as HTMLInputElement).type).toBe('datetime-local');
    await fireEvent.input(screen.getByTestId('setup-block-from'), { target: { value: '2026-12-03T12:00' } });
    await fireEvent.input(screen.getByTestId('setup-block-to'), { target: { value: '2026-12-03T11:00' } });
    await fireEvent.submit(screen.getByTestId('setup-block-save').closest('form')!);
    expect((await screen.findByTestId('error-endsAt')).textContent).toContain('Ends after it starts');
    const draft = calls.find((c) => c.cmd === 'block_time')!.args.draft;
    expect(draft).toMatchObject({ providerId: 'u-drreyes', allDay: false, startsAt: '2026-12-03T12:00', endsAt: '2026-12-03T11:00' });
  });

  it('lifts a block with a reason, and Esc keeps it', async () => {
    let blocks = [CHRISTMAS];
    const calls = renderBlocks({
      list_blocks: () => blocks,
      lift_block: ({ reason }) => {
        if (!reason.trim()) throw errorReport('invalid_input', 'Say why', [{ field: 'reason', message: 'Say why the block is lifted' }]);
        blocks = [];
        return CHRISTMAS;
      },
    });
    const row = await screen.findByTestId('setup-block-row');
    await fireEvent.click(within(row).getByTestId('setup-block-lift'));
    await fireEvent.keyDown(within(row).getByTestId('setup-block-lift-reason'), { key: 'Escape' });
    expect(within(row).queryByTestId('setup-block-lift-reason')).toBeNull();
    await fireEvent.click(within(row).getByTestId('setup-block-lift'));
    await fireEvent.click(within(row).getByTestId('setup-block-lift-confirm'));
    expect((await within(row).findByTestId('error-lift-reason')).textContent).toContain('Say why');
    await fireEvent.input(within(row).getByTestId('setup-block-lift-reason'), { target: { value: 'Open after all' } });
    await fireEvent.click(within(row).getByTestId('setup-block-lift-confirm'));
    await screen.findByTestId('setup-no-blocks');
    expect(calls.filter((c) => c.cmd === 'lift_block').at(-1)!.args).toEqual({ id: 'b-1', reason: 'Open after all' });
  });
});
