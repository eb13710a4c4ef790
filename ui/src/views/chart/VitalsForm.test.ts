// Recording vitals: the core's errors under their fields, BMI while typing, the units sent with
// the values, abnormal readings marked after a save, and the workstation's unit preference.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import VitalsForm from './VitalsForm.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { appInfoAs, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { session } from '../../lib/stores.svelte';
import { r, vitalsSet } from './vitals/fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
  localStorage.clear();
});

function type(testid: string, value: string) {
  return fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

describe('vitals form', () => {
  it('shows each of the core’s field errors next to its field and keeps the typing', async () => {
    const calls = mockCommands({
      record_vitals: () => {
        throw errorReport('invalid_input', 'Systolic 400 mmHg is not possible; check the reading', [
          { field: 'systolic', message: 'Systolic 400 mmHg is not possible; check the reading' },
          { field: 'pulse', message: 'Pulse 500 /min is not possible; check the reading' },
        ]);
      },
    });
    render(VitalsForm, { props: { patientId: 'p-smith' } });
    await type('vitals-systolic', '400');
    await type('vitals-diastolic', '80');
    await type('vitals-pulse', '500');
    await fireEvent.submit(screen.getByTestId('vitals-form'));
    expect((await screen.findByTestId('error-systolic')).textContent).toContain('Systolic 400 mmHg is not possible');
    expect(screen.getByTestId('error-pulse').textContent).toContain('Pulse 500 /min');
    expect(screen.queryByTestId('error-diastolic')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('vitals-systolic').value).toBe('400');
    expect(screen.getByTestId('vitals-systolic').getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.cmd === 'record_vitals')).toHaveLength(1);
    expect(screen.queryByTestId('vitals-saved')).toBeNull();
  });

  it('shows an error that belongs to no box above the form', async () => {
    mockCommands({
      record_vitals: () => {
        throw errorReport('invalid_input', 'Enter at least one measurement', [{ field: 'measurements', message: 'Enter at least one measurement' }]);
      },
    });
    render(VitalsForm, { props: { patientId: 'p-smith' } });
    await fireEvent.click(screen.getByTestId('save-vitals'));
    expect((await screen.findByTestId('vitals-form-error')).textContent).toContain('at least one measurement');
  });

  it('works out the BMI live as height and weight are typed, in either unit', async () => {
    mockCommands({});
    render(VitalsForm, { props: { patientId: 'p-smith' } });
    const bmi = () => screen.getByTestId('vitals-bmi-live').textContent;
    expect(bmi()).toContain('—');
    await type('vitals-height', '170');
    expect(bmi()).toContain('—');
    await type('vitals-weight', '70');
    expect(bmi()).toContain('24.2');
    await fireEvent.change(screen.getByTestId('vitals-height-unit'), { target: { value: 'ftIn' } });
    await type('vitals-height', '5');
    await type('vitals-height-inches', '7');
    await fireEvent.change(screen.getByTestId('vitals-weight-unit'), { target: { value: 'lb' } });
    await type('vitals-weight', '150');
    expect(bmi()).toContain('23.5');
  });

  it('sends the values with their units and marks the abnormal ones after saving', async () => {
    session.info = appInfoAs(NURSE);
    let saves = 0;
    const calls = mockCommands({
      record_vitals: () => {
        saves += 1;
        return vitalsSet({ systolic: r(185, 'criticalHigh'), diastolic: r(95, 'high'), pulse: r(72), temperatureC: r(38.5, 'high') });
      },
    });
    render(VitalsForm, { props: { patientId: 'p-smith', visitId: 'visit-9', onsaved: () => {} } });
    await type('vitals-systolic', '185');
    await type('vitals-diastolic', '95');
    await fireEvent.change(screen.getByTestId('vitals-position'), { target: { value: 'sitting' } });
    await type('vitals-pulse', '72');
    await fireEvent.change(screen.getByTestId('vitals-temperature-unit'), { target: { value: 'fahrenheit' } });
    await type('vitals-temperature', '101.3');
    await fireEvent.submit(screen.getByTestId('vitals-form'));
    const saved = await screen.findByTestId('vitals-saved');
    expect(saves).toBe(1);
    const args = calls.find((c) => c.cmd === 'record_vitals')!.args;
    expect(args.patientId).toBe('p-smith');
    expect(args.visitId).toBe('visit-9');
    expect(args.input).toMatchObject({ systolic: '185', diastolic: '95', bpPosition: 'sitting', pulse: '72', temperature: '101.3', temperatureUnit: 'fahrenheit', takenAt: null });
    expect(screen.getByTestId('vitals-saved-bp').textContent).toContain('185/95 mmHg');
    expect(screen.getByTestId('vitals-saved-bp').textContent).toContain('critically high');
    expect(screen.getByTestId('vitals-saved-temperature').textContent).toContain('↑');
    expect(screen.queryByTestId('vitals-saved-pulse'), 'a normal pulse is not listed').toBeNull();
    expect(saved.textContent).toContain('Out of range');
    expect(screen.getByTestId<HTMLInputElement>('vitals-systolic').value, 'the form is ready for the next set').toBe('');
    expect(screen.getByTestId<HTMLSelectElement>('vitals-temperature-unit').value, 'units stay as chosen').toBe('fahrenheit');
  });

  it('starts in US units on a workstation that prefers them', async () => {
    localStorage.setItem('charta.vitals.units', 'us');
    mockCommands({});
    render(VitalsForm, { props: { patientId: 'p-smith' } });
    expect(screen.getByTestId<HTMLSelectElement>('vitals-temperature-unit').value).toBe('fahrenheit');
    expect(screen.getByTestId<HTMLSelectElement>('vitals-weight-unit').value).toBe('lb');
    expect(screen.getByTestId<HTMLSelectElement>('vitals-height-unit').value).toBe('ftIn');
    expect(screen.getByTestId('vitals-height-inches')).toBeTruthy();
  });

  it('dates the set at a practice wall-clock time when one is typed, refusing one it cannot read', async () => {
    session.info = appInfoAs(NURSE);
    const calls = mockCommands({ record_vitals: () => vitalsSet({ pulse: r(70) }) });
    render(VitalsForm, { props: { patientId: 'p-smith' } });
    await type('vitals-pulse', '70');
    await type('vitals-taken-at', '9.30');
    await fireEvent.submit(screen.getByTestId('vitals-form'));
    expect((await screen.findByTestId('error-takenAt')).textContent).toContain('09:30');
    expect(calls.some((c) => c.cmd === 'record_vitals')).toBe(false);
    await type('vitals-taken-at', '09:30');
    await fireEvent.submit(screen.getByTestId('vitals-form'));
    await screen.findByTestId('vitals-saved');
    const sent = calls.find((c) => c.cmd === 'record_vitals')!.args.input;
    expect(sent.takenAt, 'Chicago 09:30 on the practice’s today').toBe('2026-11-26T15:30:00.000Z');
  });
});
