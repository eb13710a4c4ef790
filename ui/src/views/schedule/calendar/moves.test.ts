// A drag's change keeps every other field of the appointment; refusals read as collisions
// (overbookable), stale versions (reload) or other errors.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../api';
import { changeOf, droppedChange, refusal, resizedChange } from './moves';
import { appointment, ZONE } from './fixtures';

const A = appointment('a-1', { roomId: 'r-1', note: 'bring results', startsAt: '2026-12-01T15:00:00Z', endsAt: '2026-12-01T15:30:00Z' });

describe('moves', () => {
  it('keeps type, room, reason, note and length when dropped elsewhere', () => {
    // 10:15 on the practice wall clock, as the library hands it over (a floating Date).
    const change = droppedChange(A, new Date(2026, 11, 1, 10, 15), 'u-drkim', ZONE);
    expect(change).toEqual({
      providerId: 'u-drkim',
      typeId: 't-fu',
      roomId: 'r-1',
      startsAt: '2026-12-01T16:15:00Z',
      minutes: 30,
      reason: 'blood pressure',
      note: 'bring results',
      overbookReason: null,
    });
    expect(droppedChange(A, new Date(2026, 11, 1, 10, 15), null, ZONE).providerId).toBe('u-drreyes');
  });

  it('changes only the length when resized', () => {
    expect(resizedChange(A, new Date(2026, 11, 1, 9, 45), ZONE)).toEqual(changeOf(A, { minutes: 45 }));
  });

  it('reads a collision as overbookable, a stale version as a reload, anything else as its message', () => {
    const collision = new ApiError({ code: 'invalid_input', message: 'x', fieldErrors: [{ field: 'collisions', message: 'Dr. Kim is busy' }] });
    expect(refusal(collision)).toEqual({ kind: 'collision', message: 'Dr. Kim is busy' });
    expect(refusal(new ApiError({ code: 'conflict', message: 'stale', fieldErrors: [] }))).toEqual({ kind: 'stale' });
    const other = new ApiError({ code: 'invalid_input', message: 'bad', fieldErrors: [{ field: 'minutes', message: 'At most 480 minutes' }] });
    expect(refusal(other)).toEqual({ kind: 'other', message: 'At most 480 minutes' });
  });
});
