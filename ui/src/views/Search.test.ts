// The landing search, driven through the whole app frame with IPC mocked: typing searches,
// stale answers are dropped, the keyboard moves and opens, Esc clears.
import { afterEach, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import App from '../App.svelte';
import { clearMocks, mockCommands, type CommandArgs } from '../api/testing';
import type { SearchPage } from '../api';
import { appInfo, hit, page, patient, SMALL, SMITH, SMYTHE } from '../test/fixtures';
import { resetUiState } from '../test/reset';

afterEach(() => {
  clearMocks();
  resetUiState();
});

function searchBox(): HTMLInputElement {
  return screen.getByTestId('patient-search') as HTMLInputElement;
}

function type(text: string) {
  fireEvent.input(searchBox(), { target: { value: text } });
}

async function startApp(search: (args: CommandArgs) => unknown) {
  const calls = mockCommands({
    app_info: () => appInfo(),
    search_patients: search,
    get_patient: (args) => patient({ id: args.id, familyName: args.id === SMYTHE.id ? 'Smythe' : 'Smith' }),
  });
  render(App);
  await screen.findByTestId('search-hint');
  return calls;
}

describe('patient search', () => {
  it('focuses the box on start and shows the practice name and DEMO ribbon', async () => {
    await startApp(() => page('', []));
    expect(document.activeElement).toBe(searchBox());
    expect(screen.getByTestId('practice-name').textContent).toContain('Riverside Family Practice');
    expect(screen.getByTestId('demo-ribbon').textContent).toContain('DEMO');
  });

  it('sends the typed query and renders one row per hit', async () => {
    const calls = await startApp(({ request }) =>
      page(request.query, [hit(SMITH), hit(SMYTHE, 'soundsLike')]),
    );
    type('smi');
    const rows = await screen.findAllByTestId('search-result');
    expect(rows).toHaveLength(2);
    const searches = calls.filter((c) => c.cmd === 'search_patients');
    expect(searches.map((c) => c.args.request.query)).toEqual(['smi']);

    expect(rows[0].getAttribute('data-patient-id')).toBe(SMITH.id);
    const first = rows[0].textContent ?? '';
    expect(first).toContain('SMITH');
    expect(first).toContain('“Janie”');
    expect(first).toContain('14 Mar 1980 (46 y)');
    expect(first).toContain('Chart #1042');
    expect(first).toContain('555 0142');
    expect(first, 'an active patient carries no status badge').not.toContain('Active');
    const second = rows[1].textContent ?? '';
    expect(second).toContain('Deceased');
    expect(second).toContain('sounds like');
  });

  it('drops an answer whose query no longer matches the box', async () => {
    let releaseFirst: ((p: SearchPage) => void) | null = null;
    await startApp(({ request }) => {
      if (request.query === 'sm') return new Promise<SearchPage>((resolve) => (releaseFirst = resolve));
      return page(request.query, [hit(SMITH)]);
    });
    type('sm');
    await waitFor(() => expect(releaseFirst, 'the "sm" request should be in flight').not.toBeNull());
    type('smi');
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));
    releaseFirst!(page('sm', [hit(SMITH), hit(SMYTHE), hit(SMALL)]));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getAllByTestId('search-result'), 'the late answer for "sm" must be ignored').toHaveLength(1);
  });

  it('searches every keystroke at once instead of waiting for the typist to pause', async () => {
    const calls = await startApp(({ request }) => page(request.query, [hit(SMITH)]));
    type('s');
    type('sm');
    type('smi');
    await new Promise((r) => setTimeout(r, 0));
    const queries = calls.filter((c) => c.cmd === 'search_patients').map((c) => c.args.request.query);
    expect(queries).toEqual(['s', 'sm', 'smi']);
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));
  });

  it('drops an older answer that arrives last even when the box says its text again', async () => {
    let releaseFirst: ((p: SearchPage) => void) | null = null;
    let smRequests = 0;
    await startApp(({ request }) => {
      if (request.query === 'sm' && smRequests++ === 0) {
        return new Promise<SearchPage>((resolve) => (releaseFirst = resolve));
      }
      return page(request.query, [hit(SMITH)]);
    });
    type('sm');
    await waitFor(() => expect(releaseFirst, 'the first "sm" request should be in flight').not.toBeNull());
    type('smi');
    type('sm');
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(1));
    releaseFirst!(page('sm', [hit(SMITH), hit(SMYTHE), hit(SMALL)]));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getAllByTestId('search-result'), 'the first "sm" answer is older than the one shown').toHaveLength(1);
  });

  it('moves the selection with the arrow keys and opens the selected patient with Enter', async () => {
    const calls = await startApp(({ request }) => page(request.query, [hit(SMITH), hit(SMYTHE)]));
    type('sm');
    const rows = await screen.findAllByTestId('search-result');
    expect(rows[0].getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    expect(screen.getAllByTestId('search-result')[1].getAttribute('aria-selected')).toBe('true');
    await fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    await fireEvent.keyDown(searchBox(), { key: 'ArrowUp' });
    await fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
    await fireEvent.keyDown(searchBox(), { key: 'Enter' });

    const banner = await screen.findByTestId('patient-banner');
    expect(within(banner).getByText('SMYTHE')).toBeTruthy();
    expect(calls.find((c) => c.cmd === 'get_patient')?.args.id).toBe(SMYTHE.id);
    expect(screen.getByTestId('patient-chart')).toBeTruthy();
  });

  it('clears the box and the results with Esc', async () => {
    await startApp(({ request }) => page(request.query, [hit(SMITH)]));
    type('smith');
    await screen.findAllByTestId('search-result');
    await fireEvent.keyDown(searchBox(), { key: 'Escape' });
    expect(searchBox().value).toBe('');
    expect(screen.queryAllByTestId('search-result')).toHaveLength(0);
    expect(screen.getByTestId('search-hint')).toBeTruthy();
  });

  it('says nothing matched and how to register instead', async () => {
    await startApp(({ request }) => page(request.query, []));
    type('xyz');
    const empty = await screen.findByTestId('search-empty');
    expect(empty.textContent).toContain('No patient matches ‘xyz’');
    expect(empty.textContent).toContain('Alt');
  });

  it('focuses the search box with / from elsewhere on the page', async () => {
    await startApp(() => page('', []));
    searchBox().blur();
    expect(document.activeElement).not.toBe(searchBox());
    await fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(searchBox());
  });

  it('asks for more with "Load more" and appends the next page', async () => {
    const calls = await startApp(({ request }) =>
      request.offset ? page(request.query, [hit(SMALL)], false, request.offset) : page(request.query, [hit(SMITH), hit(SMYTHE)], true),
    );
    type('sm');
    await screen.findAllByTestId('search-result');
    await fireEvent.click(screen.getByText('Load more'));
    await waitFor(() => expect(screen.getAllByTestId('search-result')).toHaveLength(3));
    expect(calls.filter((c) => c.cmd === 'search_patients').map((c) => c.args.request.offset)).toEqual([0, 2]);
    expect(screen.queryByText('Load more')).toBeNull();
  });
});

describe('Enter before the answer arrives', () => {
  it('opens the patient once the answer names exactly one', async () => {
    const calls = await startApp(({ request }) => page(request.query, [hit(SMYTHE)]));
    type('1043');
    await fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await screen.findByTestId('patient-banner');
    expect(calls.find((c) => c.cmd === 'get_patient')?.args.id).toBe(SMYTHE.id);
  });

  it('only selects when the answer names several', async () => {
    const calls = await startApp(({ request }) => page(request.query, [hit(SMITH), hit(SMYTHE)]));
    type('sm');
    await fireEvent.keyDown(searchBox(), { key: 'Enter' });
    await screen.findAllByTestId('search-result');
    await new Promise((r) => setTimeout(r, 30));
    expect(calls.some((c) => c.cmd === 'get_patient')).toBe(false);
    expect(screen.queryByTestId('patient-chart')).toBeNull();
  });
});
