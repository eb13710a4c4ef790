// Preview scenes of the Medications tab (mocked answers from src/views/medications/fixtures):
// `medications` (the list), `prescribe` (the panel filled in), `alerts` (the alert panel).
import type { CommandHandler } from '../src/api/testing';
import type { Sig } from '../src/api';
import { go } from '../src/lib/stores.svelte';
import { alert, check, favourite, hit, list, medication, WARFARIN, warfarinDraft } from '../src/views/medications/fixtures';

const IBUPROFEN = medication({ patientId: 'p-smith' });
const REPORTED = medication({ id: 'm-2', origin: 'reported', productCode: null, name: 'turmeric capsules', sig: null, sigText: 'one a day with breakfast', quantity: null, reportedBy: 'patient', signedAt: null, signedByName: null });
const OXY = medication({ id: 'm-3', name: 'oxycodone 5 mg oral tablet', controlled: 'CII', sigText: 'Take 1 tablet by mouth every 6 hours as needed for severe pain for 5 days', quantity: 20, refills: 0 });

export const medicationHandlers: Record<string, CommandHandler> = {
  medication_list: () =>
    list({
      patientId: 'p-smith',
      active: [IBUPROFEN, OXY, REPORTED],
      drafts: [warfarinDraft({ writtenByName: 'Sam Ortiz' })],
      past: [medication({ id: 'm-4', status: 'stopped', name: 'lisinopril 10 mg oral tablet', endedReason: 'dry cough', endedByName: 'Dr. Ana Reyes', endedAt: '2026-10-01T15:00:00Z' })],
      lastReconciled: { at: '2026-11-20T16:00:00Z', byName: 'Sam Ortiz', visitId: null, confirmed: 2, changed: 1, stopped: 0 },
    }),
  drug_search: () => [hit(WARFARIN, 'Coumadin')],
  drug_product: () => WARFARIN,
  favourites: () => [favourite()],
  sig_preview: ({ sig }) => {
    const s = sig as Sig;
    return { text: `Take ${s.dose} ${s.doseUnit} by mouth once daily${s.durationDays ? ` for ${s.durationDays} days` : ''}`, dosesPerDay: 1, expectedQuantity: s.durationDays ? s.dose * s.durationDays : null };
  },
  draft_prescription: () => warfarinDraft(),
  check_prescription: () =>
    check([
      alert({ severity: 'moderate', key: 'dup', kind: 'duplicateTherapy', title: 'Second drug affecting haemostasis', detail: 'Both raise the bleeding risk.', action: 'Check that both are intended.', source: 'Charta duplicate-therapy rule (class:anticoagulants)', medicationId: null }),
      alert(),
    ]),
};

async function until(selector: string): Promise<HTMLElement> {
  for (let i = 0; i < 100; i++) {
    const el = document.querySelector<HTMLElement>(selector);
    if (el) return el;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`preview: ${selector} never appeared`);
}

function type(el: HTMLElement, value: string) {
  (el as HTMLInputElement).value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

export async function driveMedications(scene: string): Promise<void> {
  go({ name: 'chart', id: 'p-smith', tab: 'medications' });
  await until('[data-testid="med-row-m-1"]');
  if (scene === 'medications') return;
  (await until('[data-testid="prescribe-open"]')).click();
  const box = await until('[data-testid="drug-search"]');
  box.focus();
  type(box, 'coum');
  await until('[data-testid="drug-hit-0"]');
  box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  type(await until('[data-testid="sig-duration"]'), '30');
  type(await until('[data-testid="rx-indication"]'), 'atrial fibrillation');
  if (scene === 'prescribe') return;
  await new Promise((r) => setTimeout(r, 400));
  (await until('[data-testid="rx-check-sign"]')).click();
  await until('[data-testid="alert-panel"]');
}
