// The repeat fields: choices worded from the first appointment's start in the practice's zone,
// the bound rule built from the fields (null when it does not repeat), the one-line summary,
// and the core's field errors shown at the field.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import RepeatFields from './RepeatFields.svelte';
import type { RecurrenceRule } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { ruleSummary, localStart, weekdayOrdinal } from './repeat';

afterEach(() => resetUiState());

// Tuesday 8 December 2026, 09:00 in Chicago (15:00 UTC): the 2nd Tuesday.
const TUESDAY = '2026-12-08T15:00:00Z';

function mount(props: { startsAt: string; errors?: Record<string, string>; rule?: RecurrenceRule | null }) {
  session.info = appInfoAs(DESK);
  const bound: { rule: RecurrenceRule | null } = { rule: props.rule ?? null };
  render(RepeatFields, {
    props: {
      get rule() {
        return bound.rule;
      },
      set rule(v: RecurrenceRule | null) {
        bound.rule = v;
      },
      startsAt: props.startsAt,
      errors: props.errors ?? {},
    },
  });
  return bound;
}

describe('repeat fields', () => {
  it('words the choices from the start in the practice zone, not the workstation clock', () => {
    // 03:00 UTC on Wednesday is still Tuesday evening in Chicago.
    mount({ startsAt: '2026-12-09T03:00:00Z' });
    const options = [...(screen.getByTestId('repeat-frequency') as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual([
      'Does not repeat',
      'Daily',
      'Weekly on Tuesday',
      'Monthly on day 8',
      'Monthly on the 2nd Tuesday',
    ]);
  });

  it('binds no rule until a repetition is chosen, then the rule the fields say', async () => {
    const bound = mount({ startsAt: TUESDAY });
    flushSync();
    expect(bound.rule).toBeNull();
    expect(screen.queryByTestId('repeat-interval')).toBeNull();
    await fireEvent.change(screen.getByTestId('repeat-frequency'), { target: { value: 'weekly' } });
    await fireEvent.input(screen.getByTestId('repeat-interval'), { target: { value: '2' } });
    await fireEvent.input(screen.getByTestId('repeat-count'), { target: { value: '6' } });
    expect(bound.rule).toEqual({ frequency: 'weekly', interval: 2, ends: { kind: 'count', count: 6 } });
    expect(screen.getByTestId('repeat-summary').textContent).toBe('Every 2 weeks on Tuesday, 6 times');

    await fireEvent.change(screen.getByTestId('repeat-ends'), { target: { value: 'until' } });
    await fireEvent.input(screen.getByTestId('repeat-until'), { target: { value: '2027-03-01' } });
    expect(bound.rule).toEqual({ frequency: 'weekly', interval: 2, ends: { kind: 'until', date: '2027-03-01' } });
    expect(screen.getByTestId('repeat-summary').textContent).toBe('Every 2 weeks on Tuesday, until 1 Mar 2027');

    await fireEvent.change(screen.getByTestId('repeat-frequency'), { target: { value: 'none' } });
    expect(bound.rule).toBeNull();
  });

  it('opens on the rule it is given', () => {
    mount({ startsAt: TUESDAY, rule: { frequency: 'monthlyByWeekday', interval: 1, ends: { kind: 'count', count: 3 } } });
    expect((screen.getByTestId('repeat-frequency') as HTMLSelectElement).value).toBe('monthlyByWeekday');
    expect(screen.getByTestId('repeat-summary').textContent).toBe('Every month on the 2nd Tuesday, 3 times');
  });

  it('passes a number it cannot read as 0 for the core to refuse, and shows the refusal at the field', async () => {
    const bound = mount({
      startsAt: TUESDAY,
      rule: { frequency: 'daily', interval: 1, ends: { kind: 'count', count: 3 } },
      errors: { 'rule.interval': 'Repeat every 1 to 99', 'rule.ends': 'A series has 1 to 104 appointments' },
    });
    await fireEvent.input(screen.getByTestId('repeat-interval'), { target: { value: '' } });
    expect(bound.rule?.interval).toBe(0);
    expect(screen.getByTestId('error-rule.interval').textContent).toContain('Repeat every 1 to 99');
    expect(screen.getByTestId('error-rule.ends').textContent).toContain('1 to 104');
  });
});

describe('rule words', () => {
  it('calls a fifth weekday the last one and counts once as once', () => {
    expect(weekdayOrdinal(29)).toBe('last');
    expect(weekdayOrdinal(14)).toBe('2nd');
    const start = localStart('2027-01-31T16:00:00Z', 'America/Chicago');
    expect(ruleSummary({ frequency: 'monthly', interval: 1, ends: { kind: 'count', count: 1 } }, start)).toBe(
      'Every month on day 31, once',
    );
    expect(ruleSummary({ frequency: 'daily', interval: 3, ends: { kind: 'count', count: 4 } }, start)).toBe(
      'Every 3 days, 4 times',
    );
  });
});
