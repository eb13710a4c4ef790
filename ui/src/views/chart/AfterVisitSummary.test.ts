// The after-visit summary: the identifiers in the header that repeats on every printed page,
// the practice letterhead, the plan, diagnoses, allergies — and the "not recorded" wording.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/svelte';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES } from '../../test/fixtures';
import AfterVisitSummary from './AfterVisitSummary.svelte';
import { avs } from './visit/testdata';

afterEach(() => {
  cleanup();
  resetUiState();
});

describe('AfterVisitSummary', () => {
  it('puts name, birth date and chart number in the repeated page header', () => {
    session.info = appInfoAs(DR_REYES);
    render(AfterVisitSummary, { props: { summary: avs() } });
    const ids = screen.getByTestId('avs-identifiers');
    expect(ids.closest('thead')).toBeTruthy();
    expect(screen.getByTestId('avs-patient-name').textContent).toBe('Ada Okafor');
    expect(screen.getByTestId('avs-dob').textContent).toBe('4 Mar 1970');
    expect(screen.getByTestId('avs-mrn').textContent).toBe('1042');
    const text = screen.getByTestId('avs').textContent ?? '';
    expect(text).toContain('Riverside Family Practice');
    expect(text).toContain('Dr. Ana Reyes');
    expect(screen.getByTestId('avs-plan').textContent).toBe('Lisinopril 10 mg daily');
    expect(screen.getByTestId('avs-diagnosis').textContent).toContain('I10');
    expect(screen.getByTestId('avs-allergy').textContent).toContain('Penicillin (hives)');
  });

  it('says allergies were not recorded rather than none', () => {
    render(AfterVisitSummary, { props: { summary: avs({ allergies: [], allergyState: { state: 'notAsked' } }) } });
    expect(screen.getByTestId('avs').textContent).toContain('Allergies were not recorded');
  });
});
