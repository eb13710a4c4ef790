// A patient's appointments: upcoming and past rows, past ones folded after ten, the no-show
// count, and "Book" going to the schedule.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { clearMocks, mockCommands } from '../../api/testing';
import { appInfoAs, DESK } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { nav, session } from '../../lib/stores.svelte';
import PatientAppointments from './PatientAppointments.svelte';
import { appointment } from './desk/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

describe('PatientAppointments', () => {
  it('lists upcoming and past appointments and counts the no-shows', async () => {
    session.info = appInfoAs(DESK);
    const past = Array.from({ length: 12 }, (_, i) =>
      appointment({ id: `p-${i}`, startsAt: `2026-10-${String(20 - i).padStart(2, '0')}T15:00:00Z`, status: i < 2 ? 'noShow' : 'checkedOut' }),
    );
    const calls = mockCommands({
      patient_appointments: () => ({
        upcoming: [appointment({ id: 'u-1', startsAt: '2026-12-01T15:00:00Z' }), appointment({ id: 'u-2', status: 'confirmed' })],
        past,
        noShows: 2,
      }),
    });
    render(PatientAppointments, { patientId: 'p-smith' });
    const upcoming = await screen.findAllByTestId('patient-upcoming-row');
    expect(upcoming).toHaveLength(2);
    // To the minute, with the weekday: a slot has no seconds.
    expect(upcoming[0].querySelector('td')!.textContent).toBe('Tue 1 Dec 2026 09:00');
    expect(upcoming[0].textContent).toContain('Dr. Ana Reyes');
    expect(upcoming[0].textContent).toContain('Follow-up');
    expect(upcoming[1].textContent).toContain('Confirmed');
    expect(screen.getByTestId('patient-no-shows').textContent).toBe('2 no-shows');
    expect(screen.getAllByTestId('patient-past-row')).toHaveLength(10);
    await fireEvent.click(screen.getByTestId('patient-past-toggle'));
    expect(screen.getAllByTestId('patient-past-row')).toHaveLength(12);
    expect(calls[0].args).toEqual({ patientId: 'p-smith' });
    await fireEvent.click(screen.getByTestId('patient-book'));
    expect(nav.route).toEqual({ name: 'schedule' });
  });

  it('says one no-show in the singular and nothing booked when so', async () => {
    session.info = appInfoAs(DESK);
    mockCommands({ patient_appointments: () => ({ upcoming: [], past: [appointment({ status: 'noShow' })], noShows: 1 }) });
    render(PatientAppointments, { patientId: 'p-smith' });
    expect((await screen.findByTestId('patient-no-shows')).textContent).toBe('1 no-show');
    expect(screen.getByTestId('patient-no-upcoming')).toBeTruthy();
    expect(screen.queryByTestId('patient-past-toggle')).toBeNull();
  });
});
