// The visit list: rows newest first as the core sends them, Enter opens one in place and Esc
// comes back, Alt+V starts a new visit inline with templates of the chosen type only, field
// errors under their fields, opening straight into the visit the chart route names, and the
// outside visits (imported) among them, read-only, one opened from a chart search hit.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { clearMocks, errorReport, mockCommands, type CommandHandler } from '../../api/testing';
import { appInfoAs, DESK, DR_REYES, NURSE } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import { go, session } from '../../lib/stores.svelte';
import VisitList from './VisitList.svelte';
import { outsideVisit, PATIENT, template, visit, visitSummary } from './visit/testdata';

afterEach(() => {
  cleanup();
  clearMocks();
  resetUiState();
});

const ROWS = [
  visitSummary({ id: 'v-2', reason: 'Cough', assessmentFirstLine: 'URI' }),
  visitSummary({ id: 'v-1', startedAt: '2026-10-01T15:00:00Z', signed: { at: '2026-10-01T16:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes' }, amendmentCount: 1 }),
];

function show(handlers: Record<string, CommandHandler> = {}, who = DR_REYES, props: { outsideVisitId?: string } = {}) {
  session.info = appInfoAs(who);
  const calls = mockCommands({
    list_visits: () => ROWS,
    list_outside_visits: () => [],
    list_templates: () => [
      template(),
      template({ id: 't-phone', visitType: 'telephone', name: 'Telephone' }),
      template({ id: 't-old', name: 'Old acute', retired: true }),
    ],
    get_visit: ({ id }) => visit({ id }),
    list_providers: () => [
      { id: 'u-drreyes', name: 'Dr. Ana Reyes' },
      { id: 'u-drkim', name: 'Dr. Lee Kim' },
    ],
    ...handlers,
  });
  render(VisitList, { props: { patientId: PATIENT, ...props } });
  return calls;
}

describe('VisitList', () => {
  it('lists the visits with their state, and opens one in place and back', async () => {
    const calls = show();
    const rows = await screen.findAllByTestId('visit-row');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('Cough');
    expect(rows[0].textContent).toContain('URI');
    expect(rows[0].textContent).toContain('Draft — unsigned');
    expect(rows[1].textContent).toContain('Signed by Dr. Ana Reyes · 1 amendment');
    await fireEvent.click(rows[1]);
    await screen.findByTestId('visit-editor');
    expect(calls.find((c) => c.cmd === 'get_visit')!.args).toEqual({ id: 'v-1' });
    await fireEvent.keyDown(await screen.findByTestId('note-subjective'), { key: 'Escape' });
    await screen.findByTestId('visit-list');
  });

  it('starts a visit with Alt+V, offering only templates of the chosen type', async () => {
    const calls = show({ start_visit: ({ draft }) => visit({ id: 'v-new', reason: draft.reason }) });
    await screen.findAllByTestId('visit-row');
    await fireEvent.keyDown(window, { key: 'v', code: 'KeyV', altKey: true });
    const type = await screen.findByTestId('visit-type');
    expect(document.activeElement).toBe(type);
    const options = () => [...screen.getByTestId('visit-template').querySelectorAll('option')].map((o) => o.textContent);
    await waitFor(() => expect(options()).toEqual(['No template', 'Chronic follow-up']));
    await fireEvent.change(type, { target: { value: 'telephone' } });
    expect(options()).toEqual(['No template', 'Telephone']);
    await fireEvent.change(type, { target: { value: 'office' } });
    await fireEvent.change(screen.getByTestId('visit-template'), { target: { value: 't-chronic' } });
    await fireEvent.input(screen.getByTestId('visit-reason'), { target: { value: 'Hypertension follow-up' } });
    await fireEvent.click(screen.getByTestId('start-visit'));
    await screen.findByTestId('visit-editor');
    expect(calls.find((c) => c.cmd === 'start_visit')!.args).toEqual({
      patientId: PATIENT,
      draft: { visitType: 'office', reason: 'Hypertension follow-up', startedAt: null, providerId: null, templateId: 't-chronic' },
    });
    expect(calls.find((c) => c.cmd === 'get_visit')!.args).toEqual({ id: 'v-new' });
  });

  it('shows a refused reason under its field and keeps the form', async () => {
    show({
      start_visit: () => {
        throw errorReport('invalid_input', 'Say why the patient is seen', [{ field: 'reason', message: 'Say why the patient is seen' }]);
      },
    });
    await fireEvent.click(await screen.findByTestId('new-visit'));
    await fireEvent.click(screen.getByTestId('start-visit'));
    expect((await screen.findByTestId('error-reason')).textContent).toContain('Say why');
    expect(screen.getByTestId('new-visit-form')).toBeTruthy();
  });

  it('opens straight into the visit the chart route names', async () => {
    go({ name: 'chart', id: PATIENT, visitId: 'v-9' });
    const calls = show();
    await screen.findByTestId('visit-editor');
    expect(calls.find((c) => c.cmd === 'get_visit')!.args).toEqual({ id: 'v-9' });
  });

  it('has a nurse name the physician, offering every physician', async () => {
    const calls = show({ start_visit: ({ draft }) => visit({ id: 'v-new', providerId: draft.providerId }) }, NURSE);
    await fireEvent.click(await screen.findByTestId('new-visit'));
    const select = screen.getByTestId('visit-provider');
    await waitFor(() => expect([...select.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['Choose…', 'Dr. Ana Reyes', 'Dr. Lee Kim']));
    await fireEvent.change(select, { target: { value: 'u-drkim' } });
    await fireEvent.input(screen.getByTestId('visit-reason'), { target: { value: 'Flu shot' } });
    await fireEvent.click(screen.getByTestId('start-visit'));
    await screen.findByTestId('visit-editor');
    expect(calls.find((c) => c.cmd === 'start_visit')!.args.draft.providerId).toBe('u-drkim');
  });

  it('offers no New visit to someone who may not chart', async () => {
    show({}, DESK);
    await screen.findAllByTestId('visit-row');
    expect(screen.queryByTestId('new-visit')).toBeNull();
  });

  it('opens and focuses the outside visit a chart search hit asked for', async () => {
    show({ list_outside_visits: () => [outsideVisit({ id: 'o-2', startedAt: '2026-09-01T14:00:00Z' }), outsideVisit()] }, DR_REYES, { outsideVisitId: 'o-1' });
    const details = await screen.findByTestId('outside-visit-details');
    expect(details.textContent).toContain('Sprain of ankle');
    const row = document.querySelector<HTMLElement>('[data-outside-visit="o-1"]')!;
    expect(row.getAttribute('aria-expanded')).toBe('true');
    expect(document.querySelector('[data-outside-visit="o-2"]')!.getAttribute('aria-expanded')).toBe('false');
    await waitFor(() => expect(document.activeElement).toBe(row));
  });

  it('lists an outside visit among the visits by date and opens it read-only under its row', async () => {
    const calls = show({ list_outside_visits: () => [outsideVisit()] });
    await screen.findAllByTestId('visit-row');
    const items = [...screen.getByTestId('visit-list').querySelectorAll('[data-testid$="visit-row"]')];
    expect(items.map((i) => i.getAttribute('data-testid'))).toEqual(['visit-row', 'outside-visit-row', 'visit-row']);
    const row = screen.getByTestId('outside-visit-row');
    expect(row.textContent).toContain('Sprained ankle');
    expect(row.textContent).toContain('Dr. Sarah Rossi');
    expect(row.textContent).toContain('Outside visit');
    expect(row.querySelector('.state')!.getAttribute('title'), 'the place, in full on hover').toBe('Nantucket Cottage Hospital');
    expect(row.getAttribute('aria-expanded')).toBe('false');
    await fireEvent.click(row);
    const details = await screen.findByTestId('outside-visit-details');
    expect(row.getAttribute('aria-expanded')).toBe('true');
    expect(details.textContent).toContain('Emergency · Emergency room admission');
    expect(screen.getByTestId('outside-visit-place').textContent).toBe('Nantucket Cottage Hospital');
    expect(screen.getByTestId('outside-visit-note').textContent).toBe('Twisted ankle playing football.\n\nX-ray: no fracture.');
    expect(screen.getByTestId('outside-visit-diagnoses').textContent).toContain('44465007 Sprain of ankle');
    expect(screen.getByTestId('outside-visit-source').textContent).toContain('imported from https://github.com/synthetichealth/synthea|abc');
    expect(screen.queryByTestId('visit-editor'), 'no editor opens: it cannot be changed').toBeNull();
    expect(calls.filter((c) => c.cmd === 'list_outside_visits').map((c) => c.args)).toEqual([{ patientId: PATIENT }]);
  });

  it('has a physician mark an outside visit entered in error with a reason, and a nurse not', async () => {
    const calls = show({
      list_outside_visits: () => [outsideVisit()],
      outside_visit_entered_in_error: ({ reason }) =>
        outsideVisit({ enteredInError: { at: '2026-11-26T16:00:00Z', by: 'u-drreyes', byName: 'Dr. Ana Reyes', reason } }),
    });
    await fireEvent.click(await screen.findByTestId('outside-visit-row'));
    await fireEvent.click(await screen.findByTestId('outside-visit-error'));
    await fireEvent.input(screen.getByTestId('outside-visit-error-reason'), { target: { value: 'Another patient' } });
    await fireEvent.click(screen.getByTestId('outside-visit-error-save'));
    expect((await screen.findByTestId('outside-visit-error-mark')).textContent).toContain('Another patient');
    expect(calls.find((c) => c.cmd === 'outside_visit_entered_in_error')!.args).toEqual({ id: 'o-1', reason: 'Another patient' });
    expect(screen.getByTestId('outside-visit-row').textContent).toContain('Entered in error');
    expect(screen.getByTestId('outside-visit-note').textContent, 'it stays readable').toContain('X-ray');
    cleanup();
    clearMocks();
    show({ list_outside_visits: () => [outsideVisit()] }, NURSE);
    await fireEvent.click(await screen.findByTestId('outside-visit-row'));
    await screen.findByTestId('outside-visit-details');
    expect(screen.queryByTestId('outside-visit-error')).toBeNull();
  });

  it("keeps the chart's own visits listed when the outside visits cannot be read", async () => {
    show({
      list_outside_visits: () => {
        throw errorReport('io', 'disk error');
      },
    });
    expect(await screen.findAllByTestId('visit-row')).toHaveLength(2);
    expect((await screen.findByTestId('outside-visits-error')).textContent).toContain('disk error');
  });
});
