// The banner's allergy badge: the three states in words, the active substances with reactions,
// reloading when allergies change elsewhere, and nothing at all for the front desk.
import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import AllergyBadge from './AllergyBadge.svelte';
import { clearMocks, mockCommands } from '../../api/testing';
import type { AllergyBadge as Badge } from '../../api';
import { allergiesChanged } from '../../lib/allergy-revision.svelte';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const NOT_ASKED: Badge = { state: { state: 'notAsked' }, substances: [] };
const NKDA: Badge = { state: { state: 'noKnownAllergies', drugsOnly: true }, substances: [] };
const ALLERGIES: Badge = {
  state: { state: 'allergies', active: 2, highCriticality: 1 },
  substances: [
    { substance: 'Penicillins', reaction: 'anaphylaxis', highCriticality: true },
    { substance: 'Peanut', reaction: '', highCriticality: false },
  ],
};

async function shows(answer: Badge) {
  session.info = appInfoAs(NURSE);
  const calls = mockCommands({ allergy_state: () => answer });
  render(AllergyBadge, { patientId: 'p-1' });
  const badge = await screen.findByTestId('allergy-badge');
  return { badge, calls };
}

describe('allergy badge', () => {
  it('says allergies are not recorded when nobody has asked, never "no known allergies"', async () => {
    const { badge } = await shows(NOT_ASKED);
    expect(badge.dataset.state).toBe('notAsked');
    expect(badge.textContent).toContain('Allergies not recorded');
    expect(badge.textContent).not.toMatch(/NKDA|no known/i);
  });

  it('says NKDA in words when no known drug allergies was recorded', async () => {
    const { badge } = await shows(NKDA);
    expect(badge.dataset.state).toBe('nkda');
    expect(badge.textContent).toContain('NKDA — no known drug allergies');
  });

  it('names each active allergy with its reaction and the count', async () => {
    const { badge, calls } = await shows(ALLERGIES);
    expect(badge.dataset.state).toBe('allergies');
    expect(badge.textContent).toContain('Allergies (2): Penicillins (anaphylaxis), Peanut');
    expect(calls.find((c) => c.cmd === 'allergy_state')!.args.patientId).toBe('p-1');
  });

  it('reloads when an allergy is recorded elsewhere in the chart', async () => {
    session.info = appInfoAs(NURSE);
    let answer = NOT_ASKED;
    mockCommands({ allergy_state: () => answer });
    render(AllergyBadge, { patientId: 'p-1' });
    expect((await screen.findByTestId('allergy-badge')).dataset.state).toBe('notAsked');
    answer = ALLERGIES;
    allergiesChanged();
    await waitFor(() => expect(screen.getByTestId('allergy-badge').dataset.state).toBe('allergies'));
  });

  it('shows nothing, and asks nothing, for a user who may not see clinical data', async () => {
    session.info = appInfoAs(DESK);
    const calls = mockCommands({ allergy_state: () => NOT_ASKED });
    render(AllergyBadge, { patientId: 'p-1' });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('allergy-badge')).toBeNull();
    expect(calls.some((c) => c.cmd === 'allergy_state')).toBe(false);
  });
});
