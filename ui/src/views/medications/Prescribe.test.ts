// The prescribe panel and the alert panel: a drug picked, the sig defaulted from the product and
// previewed live with the quantity it needs; drafted, checked and signed when nothing is found;
// the core's field errors next to their fields; alerts most serious first with their sources,
// override reasons required for interrupting ones only; Esc leaves the draft unsigned; a nurse
// only saves drafts; a favourite fills the form with one key.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Medications from './Medications.svelte';
import { clearMocks, errorReport, mockCommands, type CommandArgs, type CommandHandler } from '../../api/testing';
import type { Medication, MedicationList, Sig, SigPreview } from '../../api';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { alert, check, favourite, hit, list, medication, WARFARIN, warfarinDraft } from './fixtures';

afterEach(() => {
  clearMocks();
  resetUiState();
});

const PER_DAY: Record<string, number> = { onceDaily: 1, twiceDaily: 2, threeTimesDaily: 3 };

function preview(args: CommandArgs): SigPreview {
  const sig = args.sig as Sig;
  const perDay = PER_DAY[sig.frequency] ?? 1;
  return {
    text: `Take ${sig.dose} ${sig.doseUnit} by mouth ${sig.frequency}${sig.durationDays ? ` for ${sig.durationDays} days` : ''}`,
    dosesPerDay: perDay,
    expectedQuantity: sig.durationDays ? sig.dose * perDay * sig.durationDays : null,
  };
}

const IBUPROFEN = medication();

/** The tab with ibuprofen active; `after` is the list once something was signed. */
async function openTab(handlers: Record<string, CommandHandler>, who = DR_REYES, after?: () => MedicationList) {
  session.info = appInfoAs(who);
  let signed = false;
  const calls = mockCommands({
    medication_list: () => (signed && after ? after() : list({ active: [IBUPROFEN] })),
    drug_search: () => [hit(WARFARIN, 'Coumadin')],
    drug_product: () => WARFARIN,
    sig_preview: preview,
    draft_prescription: () => warfarinDraft(),
    ...handlers,
    sign_prescription: (args) => {
      const answer = handlers.sign_prescription ? handlers.sign_prescription(args) : { medication: warfarinDraft({ status: 'active', version: 2, signedAt: '2026-11-26T15:10:00Z', signedByName: 'Dr. Ana Reyes' }), check: check([]) };
      signed = true;
      return answer;
    },
  });
  render(Medications, { patientId: 'p-1' });
  await screen.findByTestId('med-row-m-1');
  return calls;
}

/** Picks warfarin by its brand; `quantity` typed for an ongoing sig (no duration, no default). */
async function pickWarfarin(quantity?: string) {
  await fireEvent.click(screen.getByTestId('prescribe-open'));
  const box = screen.getByTestId('drug-search');
  await waitFor(() => expect(document.activeElement).toBe(box));
  await fireEvent.input(box, { target: { value: 'coum' } });
  await screen.findByTestId('drug-hit-0');
  await fireEvent.keyDown(box, { key: 'Enter' });
  if (quantity) await fireEvent.input(screen.getByTestId('rx-quantity'), { target: { value: quantity } });
}

function value(testid: string): string {
  return (screen.getByTestId(testid) as HTMLInputElement).value;
}

const signedList = () => list({ active: [IBUPROFEN, warfarinDraft({ status: 'active', version: 2, signedAt: '2026-11-26T15:10:00Z', signedByName: 'Dr. Ana Reyes' })] });

describe('prescribe panel', () => {
  it('defaults the sig from the product, previews it live, fills the quantity it needs, then drafts, checks and signs', async () => {
    const calls = await openTab({ check_prescription: () => check([]) }, DR_REYES, signedList);
    await pickWarfarin();
    expect(screen.getByTestId('rx-product').textContent).toContain('warfarin sodium 5 mg oral tablet');
    expect(value('sig-dose-unit')).toBe('tablet');
    expect(value('sig-route')).toBe('oral');
    expect(value('rx-quantity-unit')).toBe('tablet');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('sig-dose')));
    await fireEvent.change(screen.getByTestId('sig-frequency'), { target: { value: 'twiceDaily' } });
    await fireEvent.input(screen.getByTestId('sig-duration'), { target: { value: '10' } });
    await waitFor(() => expect(screen.getByTestId('sig-preview').textContent).toContain('for 10 days'));
    expect(screen.getByTestId('sig-preview').textContent).toContain('needs 20 tablets');
    expect(value('rx-quantity')).toBe('20');
    await fireEvent.input(screen.getByTestId('rx-indication'), { target: { value: 'atrial fibrillation' } });
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    await screen.findByTestId('med-signed-notice');
    const draft = calls.find((c) => c.cmd === 'draft_prescription')!.args;
    expect(draft.patientId).toBe('p-1');
    expect(draft.draft).toMatchObject({ productCode: WARFARIN.code, quantity: 20, quantityUnit: 'tablet', refills: 0, indication: 'atrial fibrillation' });
    expect(draft.draft.sig).toMatchObject({ dose: 1, doseUnit: 'tablet', route: 'oral', frequency: 'twiceDaily', durationDays: 10, prn: false });
    expect(calls.find((c) => c.cmd === 'check_prescription')!.args).toEqual({ id: 'm-new' });
    expect(calls.find((c) => c.cmd === 'sign_prescription')!.args).toEqual({ id: 'm-new', expectedVersion: 1, overrides: [] });
    expect(screen.queryByTestId('prescribe-form')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('med-print-m-new')));
  });

  it('keeps a typed quantity when the sig changes afterwards', async () => {
    await openTab({});
    await pickWarfarin();
    await fireEvent.input(screen.getByTestId('sig-duration'), { target: { value: '10' } });
    await waitFor(() => expect(value('rx-quantity')).toBe('10'));
    await fireEvent.input(screen.getByTestId('rx-quantity'), { target: { value: '14' } });
    await fireEvent.input(screen.getByTestId('sig-duration'), { target: { value: '30' } });
    await waitFor(() => expect(screen.getByTestId('sig-preview').textContent).toContain('needs 30 tablets'));
    expect(value('rx-quantity')).toBe('14');
  });

  it('shows the core’s field errors next to their fields and keeps everything typed', async () => {
    const calls = await openTab({
      draft_prescription: () => {
        throw errorReport('invalid_input', 'x', [
          { field: 'sig.dose', message: 'The dose must be more than 0' },
          { field: 'quantity', message: '10 days at twice daily needs 20 tablets; 5 is too few' },
        ]);
      },
    });
    await pickWarfarin();
    await fireEvent.input(screen.getByTestId('sig-dose'), { target: { value: '0' } });
    await fireEvent.input(screen.getByTestId('rx-quantity'), { target: { value: '5' } });
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    expect((await screen.findByTestId('rx-error-sig.dose')).textContent).toContain('more than 0');
    expect(screen.getByTestId('rx-error-quantity').textContent).toContain('needs 20 tablets');
    expect(screen.queryByTestId('rx-error-refills')).toBeNull();
    expect(value('rx-quantity')).toBe('5');
    expect(calls.some((c) => c.cmd === 'check_prescription')).toBe(false);
  });

  it('refuses a dose that is not a number before asking the core', async () => {
    const calls = await openTab({});
    await pickWarfarin('30');
    await fireEvent.input(screen.getByTestId('sig-dose'), { target: { value: 'one' } });
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    expect((await screen.findByTestId('rx-error-sig.dose')).textContent).toContain('as a number');
    expect(calls.some((c) => c.cmd === 'draft_prescription')).toBe(false);
  });

  it('asks for a drug first', async () => {
    await openTab({});
    await fireEvent.click(screen.getByTestId('prescribe-open'));
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    expect((await screen.findByTestId('rx-error-productCode')).textContent).toContain('Pick a drug');
  });

  it('lists alerts most serious first with their sources, and signs only once each interrupting one has a reason', async () => {
    const moderate = alert({ key: 'dup:class', kind: 'duplicateTherapy', severity: 'moderate', title: 'Two anticoagulants', source: 'Charta duplicate-therapy rule', medicationId: null });
    const calls = await openTab({ check_prescription: () => check([moderate, alert()]) }, DR_REYES, signedList);
    await pickWarfarin('30');
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    const panel = await screen.findByTestId('alert-panel');
    expect(panel.getAttribute('role')).toBe('alertdialog');
    expect(screen.getByTestId('alert-severity-0').textContent).toContain('Major');
    expect(screen.getByTestId('alert-0').textContent).toContain('Warfarin + ibuprofen');
    expect(screen.getByTestId('alert-0').textContent).toContain('What to do');
    expect(screen.getByTestId('alert-source-0').textContent).toContain('Phansalkar');
    expect(screen.getByTestId('alert-about-0').textContent).toContain('ibuprofen 400 mg');
    expect(screen.getByTestId('alert-severity-1').textContent).toContain('Moderate');
    expect(screen.getByTestId('alert-source-1').textContent).toContain('duplicate-therapy');
    expect(screen.queryByTestId('override-reason-1'), 'a moderate alert needs no reason').toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('override-reason-0')));
    const signButton = screen.getByTestId('alert-sign-anyway') as HTMLButtonElement;
    expect(signButton.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('override-reason-0'), { target: { value: '   ' } });
    expect(signButton.disabled, 'blank is no reason').toBe(true);
    await fireEvent.click(screen.getByTestId('override-pick-0-0'));
    expect(value('override-reason-0')).toBe('benefit outweighs risk, will monitor');
    expect(signButton.disabled).toBe(false);
    await fireEvent.click(signButton);
    await screen.findByTestId('med-signed-notice');
    const sent = calls.find((c) => c.cmd === 'sign_prescription')!.args;
    expect(sent.overrides).toEqual([{ key: 'ddi:warfarin-nsaids:m-1', reason: 'benefit outweighs risk, will monitor', title: 'Warfarin + ibuprofen (NSAID): bleeding', severity: 'major' }]);
  });

  it('shows the core’s refusal of the overrides inside the panel', async () => {
    await openTab({
      check_prescription: () => check([alert()]),
      sign_prescription: () => {
        throw errorReport('invalid_input', 'x', [{ field: 'overrides', message: 'Give a reason for overriding “Warfarin + ibuprofen”' }]);
      },
    });
    await pickWarfarin('30');
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    await fireEvent.input(await screen.findByTestId('override-reason-0'), { target: { value: 'monitoring INR weekly' } });
    await fireEvent.click(screen.getByTestId('alert-sign-anyway'));
    expect((await screen.findByTestId('alert-error')).textContent).toContain('Give a reason');
    expect(screen.getByTestId('alert-panel')).toBeTruthy();
  });

  it('signs past moderate and minor alerts without a reason', async () => {
    const calls = await openTab(
      { check_prescription: () => check([alert({ severity: 'minor', key: 'k-minor' }), alert({ severity: 'moderate', key: 'k-mod' })]) },
      DR_REYES,
      signedList,
    );
    await pickWarfarin('30');
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    await screen.findByTestId('alert-panel');
    expect(screen.getByTestId('alert-severity-0').textContent).toContain('Moderate');
    const signButton = screen.getByTestId('alert-sign-anyway') as HTMLButtonElement;
    expect(signButton.disabled).toBe(false);
    await fireEvent.click(signButton);
    await screen.findByTestId('med-signed-notice');
    expect(calls.find((c) => c.cmd === 'sign_prescription')!.args.overrides).toEqual([]);
  });

  it('returns to the form unsigned on Esc, and the next attempt updates the same draft', async () => {
    const calls = await openTab({
      check_prescription: () => check([alert()]),
      update_prescription_draft: (): Medication => warfarinDraft({ version: 2 }),
    });
    await pickWarfarin('30');
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    const panel = await screen.findByTestId('alert-panel');
    await fireEvent.keyDown(panel, { key: 'Escape' });
    expect(screen.queryByTestId('alert-panel')).toBeNull();
    expect(screen.getByTestId('prescribe-form')).toBeTruthy();
    expect(screen.getByTestId('rx-drafted').textContent).toContain('not signed');
    await fireEvent.click(screen.getByTestId('rx-check-sign'));
    await screen.findByTestId('alert-panel');
    await fireEvent.click(screen.getByTestId('alert-cancel'));
    expect(calls.filter((c) => c.cmd === 'draft_prescription')).toHaveLength(1);
    expect(calls.find((c) => c.cmd === 'update_prescription_draft')!.args).toMatchObject({ id: 'm-new', expectedVersion: 1 });
    expect(calls.some((c) => c.cmd === 'sign_prescription')).toBe(false);
  });

  it('lets a nurse save a draft for the prescriber, never sign', async () => {
    const calls = await openTab({}, NURSE, () => list({ active: [IBUPROFEN], drafts: [warfarinDraft()] }));
    await pickWarfarin('30');
    expect(screen.queryByTestId('rx-check-sign')).toBeNull();
    await fireEvent.click(screen.getByTestId('rx-save-draft'));
    expect((await screen.findByTestId('med-notice')).textContent).toContain('prescriber');
    expect(calls.some((c) => c.cmd === 'draft_prescription')).toBe(true);
    expect(calls.some((c) => c.cmd === 'check_prescription' || c.cmd === 'sign_prescription')).toBe(false);
  });

  it('fills the whole form from a favourite with one key in the empty drug box', async () => {
    await openTab({ favourites: () => [favourite()] });
    await fireEvent.click(screen.getByTestId('prescribe-open'));
    await screen.findByTestId('rx-favourite-0');
    await fireEvent.keyDown(screen.getByTestId('drug-search'), { key: '1' });
    expect(screen.getByTestId('rx-product').textContent).toContain('amoxicillin 500 mg oral capsule');
    expect(value('sig-frequency')).toBe('threeTimesDaily');
    expect(value('sig-duration')).toBe('10');
    expect(value('sig-dose-unit')).toBe('capsule');
    expect(value('rx-quantity')).toBe('30');
  });

  it('opens with Alt+P and closes with Esc', async () => {
    await openTab({});
    await fireEvent.keyDown(window, { key: 'p', code: 'KeyP', altKey: true });
    const form = await screen.findByTestId('prescribe-form');
    await fireEvent.keyDown(form, { key: 'Escape' });
    expect(screen.queryByTestId('prescribe-form')).toBeNull();
  });
});
