// Registering a patient through the app frame with IPC mocked: field errors land under their
// fields without losing typing, and a duplicate warning lets the user register anyway.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../api/testing';
import type { RegisterOutcome } from '../api';
import { appInfo, patient, SMITH } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function field(name: string): HTMLInputElement {
  const el = screen.getByTestId('patient-form').querySelector<HTMLInputElement>(`[name="${name}"]`);
  if (!el) throw new Error(`no field named ${name}`);
  return el;
}

function fill(name: string, value: string) {
  fireEvent.input(field(name), { target: { value } });
}

async function openRegistration(register: CommandHandler) {
  const calls = mockCommands({
    app_info: () => appInfo(),
    register_patient: register,
    get_patient: (args) => patient({ id: args.id, familyName: 'Newman', givenName: 'Alma' }),
  });
  render(App);
  await screen.findByTestId('search-hint');
  await fireEvent.keyDown(window, { key: 'n', code: 'KeyN', altKey: true });
  await screen.findByTestId('patient-form');
  return calls;
}

function fillNewman() {
  fill('familyName', 'Newman');
  fill('givenName', 'Alma');
  fill('dateOfBirth', '13/45/1990');
  fill('phones.0.number', '12');
}

describe('patient registration', () => {
  it('shows every field error under its field, keeps the typing and focuses the first', async () => {
    const calls = await openRegistration(() => {
      throw errorReport('invalid_input', 'Some fields need attention', [
        { field: 'dateOfBirth', message: 'Date of birth is not a date we recognise' },
        { field: 'phones.0.number', message: 'Phone number is too short' },
      ]);
    });
    fillNewman();
    await fireEvent.click(screen.getByTestId('save-patient'));

    expect((await screen.findByTestId('error-dateOfBirth')).textContent).toContain('not a date we recognise');
    expect(screen.getByTestId('error-phones.0.number').textContent).toContain('too short');
    expect(field('familyName').value).toBe('Newman');
    expect(field('givenName').value).toBe('Alma');
    expect(field('dateOfBirth').value).toBe('13/45/1990');
    expect(field('phones.0.number').value).toBe('12');
    await waitFor(() => expect(document.activeElement, 'the first invalid field takes focus').toBe(field('dateOfBirth')));

    const sent = calls.find((c) => c.cmd === 'register_patient')!.args;
    expect(sent.allowDuplicates).toBe(false);
    expect(sent.draft.familyName).toBe('Newman');
    expect(sent.draft.emergencyContact, 'an empty emergency contact is sent as null').toBeNull();
  });

  it('drops empty phone rows before sending', async () => {
    const calls = await openRegistration(() => {
      throw errorReport('invalid_input', 'x', [{ field: 'familyName', message: 'Needed' }]);
    });
    fill('givenName', 'Alma');
    await fireEvent.click(screen.getByTestId('save-patient'));
    await screen.findByTestId('error-familyName');
    expect(calls.find((c) => c.cmd === 'register_patient')!.args.draft.phones).toEqual([]);
  });

  it('keeps the draft when the user goes to search and comes back', async () => {
    await openRegistration(() => ({ outcome: 'possibleDuplicates', candidates: [] }));
    fill('familyName', 'Newman');
    await fireEvent.keyDown(field('familyName'), { key: 'Escape' });
    await screen.findByTestId('search-hint');
    await fireEvent.click(screen.getByTestId('new-patient'));
    await screen.findByTestId('patient-form');
    expect(field('familyName').value).toBe('Newman');
  });

  it('warns about possible duplicates and registers anyway on request', async () => {
    const calls = await openRegistration(({ allowDuplicates }): RegisterOutcome =>
      allowDuplicates
        ? { outcome: 'registered', patient: patient({ id: 'p-new', familyName: 'Newman', givenName: 'Alma' }) }
        : {
            outcome: 'possibleDuplicates',
            candidates: [{ patient: SMITH, reasons: ['sameFamilyNameAndBirthDate', 'samePhone'] }],
          },
    );
    fillNewman();
    await fireEvent.keyDown(field('givenName'), { key: 'Enter', ctrlKey: true });

    const warning = await screen.findByTestId('duplicate-warning');
    expect(warning.textContent).toContain('Same family name and date of birth');
    expect(warning.textContent).toContain('Same phone number');
    expect(warning.textContent).toContain('SMITH');
    expect(warning.querySelectorAll('button').length, 'one Open per candidate plus Register anyway').toBe(2);
    expect(screen.queryByTestId('patient-chart'), 'nothing is opened before the user decides').toBeNull();

    await fireEvent.click(screen.getByTestId('register-anyway'));
    await screen.findByTestId('patient-chart');
    const registers = calls.filter((c) => c.cmd === 'register_patient');
    expect(registers.map((c) => c.args.allowDuplicates)).toEqual([false, true]);
    expect(registers[1].args.draft.familyName).toBe('Newman');
    expect(calls.find((c) => c.cmd === 'get_patient')?.args.id).toBe('p-new');
  });

  it('shows the duplicate warning in the sticky footer, beside the button just pressed', async () => {
    await openRegistration(
      (): RegisterOutcome => ({ outcome: 'possibleDuplicates', candidates: [{ patient: SMITH, reasons: ['samePhone'] }] }),
    );
    fillNewman();
    await fireEvent.click(screen.getByTestId('save-patient'));

    const warning = await screen.findByTestId('duplicate-warning');
    const footer = screen.getByTestId('save-patient').closest('.form-footer');
    expect(footer, 'the actions sit in the sticky footer').not.toBeNull();
    expect(footer?.contains(warning), 'the warning sits in it too, so it is never under it').toBe(true);
    expect(document.activeElement, 'and takes focus so it is read out').toBe(warning);
  });
});
