// A move on its way to the core: a series asks its scope first and goes to change_series; a
// refusal puts the drag back; a stale version reloads; Esc drops what is in progress.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearMocks, errorReport, mockCommands } from '../../../api/testing';
import { MoveState, STALE_NOTICE } from './move-state.svelte';
import { changeOf } from './moves';
import { appointment } from './fixtures';

afterEach(() => clearMocks());

const SERIES = appointment('a-s', { seriesId: 's-1', occurrence: 2, version: 4 });

describe('a move in progress', () => {
  it('asks a series appointment’s scope before sending, then changes the series with it', async () => {
    const calls = mockCommands({ change_series: () => [SERIES] });
    const reload = vi.fn(async () => {});
    const moves = new MoveState(reload);
    moves.begin(SERIES, changeOf(SERIES, { startsAt: '2026-12-01T16:00:00Z' }));
    expect(moves.pending?.askScope).toBe(true);
    expect(calls).toHaveLength(0);
    await moves.submit('following', null);
    expect(calls[0]).toMatchObject({ cmd: 'change_series', args: { id: 'a-s', version: 4, scope: 'following', change: { startsAt: '2026-12-01T16:00:00Z' } } });
    expect(moves.pending).toBeNull();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('puts the dragged event back and keeps the collision to show when refused', async () => {
    mockCommands({ change_appointment: () => { throw errorReport('invalid_input', 'no', [{ field: 'collisions', message: 'In blocked time (Lunch)' }]); } });
    const revert = vi.fn();
    const moves = new MoveState(async () => {});
    const a = appointment('a-1');
    moves.begin(a, changeOf(a), revert);
    await vi.waitFor(() => expect(moves.pending?.error).toBe('In blocked time (Lunch)'));
    expect(revert).toHaveBeenCalledOnce();
    expect(moves.pending?.overbookable).toBe(true);
  });

  it('reloads instead of showing an error when the version was stale', async () => {
    mockCommands({ change_appointment: () => { throw errorReport('conflict', 'stale'); } });
    const reload = vi.fn(async () => {});
    const moves = new MoveState(reload);
    const a = appointment('a-1');
    moves.begin(a, changeOf(a));
    await vi.waitFor(() => expect(moves.notice).toBe(STALE_NOTICE));
    expect(moves.pending).toBeNull();
    expect(reload).toHaveBeenCalledOnce();
  });

  it('drops the picked-up appointment first, then the pending move, with Esc', () => {
    const moves = new MoveState(async () => {});
    moves.picked = appointment('a-1');
    moves.pending = { appointment: SERIES, change: changeOf(SERIES), askScope: true, scope: null, error: null, overbookable: false };
    expect(moves.dismiss()).toBe(true);
    expect(moves.picked).toBeNull();
    expect(moves.pending).not.toBeNull();
    expect(moves.dismiss()).toBe(true);
    expect(moves.pending).toBeNull();
    expect(moves.dismiss()).toBe(false);
  });
});
