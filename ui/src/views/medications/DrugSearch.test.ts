// The drug box: hits as you type with name, strength and form, the brand that matched, the
// schedule badge and the favourite mark; ↑/↓ and Enter pick; Enter before the answer picks
// its first hit; stale answers are dropped; Esc clears.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import DrugSearch from './DrugSearch.svelte';
import { clearMocks, mockCommands, type CommandHandler } from '../../api/testing';
import type { DrugHit, Product } from '../../api';
import { resetUiState } from '../../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function product(code: string, name: string, extra: Partial<Product> = {}): Product {
  return {
    code,
    rxcui: null,
    name,
    ingredients: [],
    strength: '5 mg',
    doseForm: 'tablet',
    doseUnit: 'tablet',
    route: 'oral',
    classes: [],
    controlled: null,
    brands: [],
    source: 'formulary',
    ...extra,
  };
}

const WARFARIN: DrugHit = { product: product('rx:855332', 'warfarin sodium 5 mg oral tablet'), via: 'Coumadin', favourite: false };
const OXY: DrugHit = {
  product: product('rx:1049621', 'oxycodone hydrochloride 5 mg oral tablet', { controlled: 'CII' }),
  via: null,
  favourite: true,
};

function later<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function renderBox(handler: CommandHandler, props: Record<string, unknown> = {}) {
  const onpick = vi.fn();
  const calls = mockCommands({ drug_search: handler });
  render(DrugSearch, { props: { onpick, ...props } });
  return { onpick, calls };
}

function box(testid = 'drug-search'): HTMLInputElement {
  return screen.getByTestId(testid) as HTMLInputElement;
}

describe('drug search box', () => {
  it('shows each hit with its strength and form, the brand that matched, the schedule and the favourite mark', async () => {
    const { calls } = renderBox(({ query }) => (query ? [WARFARIN, OXY] : []));
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'coumadin' } });
    const first = await screen.findByTestId('drug-hit-0');
    expect(first.textContent).toContain('warfarin sodium 5 mg oral tablet');
    expect(first.textContent).toContain('5 mg · tablet');
    expect(screen.getByTestId('drug-hit-via-0').textContent).toBe('Coumadin');
    expect(screen.queryByTestId('drug-hit-schedule-0')).toBeNull();
    expect(screen.queryByTestId('drug-hit-favourite-0')).toBeNull();
    expect(screen.getByTestId('drug-hit-schedule-1').textContent).toBe('CII');
    expect(screen.getByTestId('drug-hit-favourite-1').textContent).toBe('favourite');
    expect(calls.find((c) => c.cmd === 'drug_search')!.args).toEqual({ query: 'coumadin', limit: 12 });
  });

  it('picks the chosen hit with ArrowDown and Enter, then clears the box', async () => {
    const { onpick } = renderBox(({ query }) => (query ? [WARFARIN, OXY] : []));
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'o' } });
    await screen.findByTestId('drug-hit-1');
    await fireEvent.keyDown(box(), { key: 'ArrowDown' });
    expect(screen.getByTestId('drug-hit-1').getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(box(), { key: 'ArrowUp' });
    await fireEvent.keyDown(box(), { key: 'ArrowDown' });
    await fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onpick).toHaveBeenCalledWith(OXY);
    expect(box().value).toBe('');
    expect(screen.queryByTestId('drug-hit-0')).toBeNull();
  });

  it('picks the first hit of the answer still coming when Enter comes first', async () => {
    const slow = later<DrugHit[]>();
    const { onpick } = renderBox(() => slow.promise);
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'warf' } });
    await fireEvent.keyDown(box(), { key: 'Enter' });
    expect(onpick).not.toHaveBeenCalled();
    slow.resolve([WARFARIN]);
    await waitFor(() => expect(onpick).toHaveBeenCalledWith(WARFARIN));
  });

  it('drops an answer that arrives after a newer one', async () => {
    const slow = later<DrugHit[]>();
    renderBox(({ query }) => (query === 'w' ? slow.promise : [WARFARIN]));
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'w' } });
    await fireEvent.input(box(), { target: { value: 'warf' } });
    await screen.findByTestId('drug-hit-0');
    slow.resolve([OXY, WARFARIN]);
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.queryByTestId('drug-hit-1')).toBeNull();
    expect(screen.getByTestId('drug-hit-0').textContent).toContain('warfarin');
  });

  it('clears with Esc and says when nothing matches', async () => {
    renderBox(({ query }) => (query === 'zzz' ? [] : [WARFARIN]));
    await fireEvent.focus(box());
    await fireEvent.input(box(), { target: { value: 'zzz' } });
    expect((await screen.findByTestId('drug-search-none')).textContent).toContain('No product matches');
    await fireEvent.input(box(), { target: { value: 'warf' } });
    await screen.findByTestId('drug-hit-0');
    await fireEvent.keyDown(box(), { key: 'Escape' });
    expect(box().value).toBe('');
    expect(screen.queryByTestId('drug-hit-0')).toBeNull();
  });

  it('takes its test id and focus from its props, and shows a field error', async () => {
    renderBox(() => [], { testid: 'rx-drug', autofocus: true, error: 'Choose a product' });
    await waitFor(() => expect(document.activeElement).toBe(box('rx-drug')));
    expect(screen.getByTestId('error-rx-drug').textContent).toContain('Choose a product');
  });
});
