// Every control has a name a screen reader says and a label a sighted user sees (a placeholder
// is neither: it vanishes as soon as the field has a value), and the DEMO ribbon stays on the
// lock screen — checked in the rendered app frame with IPC mocked.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, mockCommands } from '../api/testing';
import { appInfo } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

/** The text of `label` a sighted user sees: without its visually hidden parts. */
function visibleText(label: HTMLLabelElement): string {
  if (label.classList.contains('visually-hidden')) return '';
  const copy = label.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
  return copy.textContent?.trim() ?? '';
}

/** The controls in `root` that lack a label, or whose label shows no text. */
function unlabelled(root: HTMLElement): string[] {
  const controls = root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input:not([type="hidden"]), select, textarea',
  );
  return [...controls]
    .filter((c) => ![...(c.labels ?? [])].some((l) => visibleText(l) !== ''))
    .map((c) => c.getAttribute('name') ?? c.id ?? c.outerHTML);
}

async function openRegistration() {
  mockCommands({ app_info: () => appInfo() });
  render(App);
  await screen.findByTestId('search-hint');
  await fireEvent.keyDown(window, { key: 'n', code: 'KeyN', altKey: true });
  return screen.findByTestId('patient-form');
}

describe('labels', () => {
  it('gives every field of the patient form a visible label', async () => {
    const form = await openRegistration();
    await fireEvent.click(within(form).getByRole('button', { name: '+ Add phone' }));
    expect(unlabelled(form)).toEqual([]);
  });

  it('names each phone field for its row', async () => {
    const form = await openRegistration();
    await fireEvent.click(within(form).getByRole('button', { name: '+ Add phone' }));
    expect(within(form).getByLabelText(/^Phone 1 number$/i).getAttribute('name')).toBe('phones.0.number');
    expect(within(form).getByLabelText(/^Phone 2 number$/i).getAttribute('name')).toBe('phones.1.number');
    expect(within(form).getByLabelText(/^Phone 2 kind$/i).getAttribute('name')).toBe('phones.1.kind');
    expect(within(form).getByRole('button', { name: 'Remove phone 2' })).toBeTruthy();
  });

  it('gives every button in the register screen a name', async () => {
    await openRegistration();
    for (const button of screen.getAllByRole('button')) {
      const name = (button.getAttribute('aria-label') ?? button.textContent ?? '').trim();
      expect(name, button.outerHTML).not.toBe('');
    }
  });

  it('keeps the DEMO ribbon on the lock screen of the demo practice', async () => {
    mockCommands({ app_info: () => appInfo(), lock: () => null });
    render(App);
    await screen.findByTestId('search-hint');
    await fireEvent.keyDown(window, { key: 'l', ctrlKey: true });
    const lock = await screen.findByTestId('lock-screen');
    expect(within(lock).getByTestId('demo-ribbon').textContent).toContain('DEMO');
  });
});
