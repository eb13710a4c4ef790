// The Documents tab with mocked commands: the desk sees a clinical document listed but not
// openable, a viewable PDF opens in the viewer and its pages are drawn (pdf.js mocked), the
// filing form sends the file's raw bytes and shows the core's field errors by each field, and
// the draft crosses in a header that decodes back to the same JSON.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import Documents from './Documents.svelte';
import { clearMocks, errorReport, mockCommands } from '../../api/testing';
import { session } from '../../lib/stores.svelte';
import { appInfoAs, DESK, DR_REYES, patient } from '../../test/fixtures';
import { resetUiState } from '../../test/reset';
import type { Document } from '../../api';

const drawn: number[] = [];
vi.mock('./pdf-pages', () => ({
  loadPdf: async () => ({
    pages: 2,
    width: async () => 612,
    draw: async (n: number) => {
      drawn.push(n);
    },
    close: async () => {},
  }),
}));

afterEach(() => {
  clearMocks();
  resetUiState();
  drawn.length = 0;
});

function doc(id: string, extra: Partial<Document> = {}): Document {
  return {
    id,
    patientId: 'p-1',
    category: 'specialistReport',
    clinical: true,
    title: 'Cardiology consult',
    documentDate: '2026-11-03',
    mediaType: 'application/pdf',
    fileName: 'lee.pdf',
    byteCount: 48000,
    note: '',
    filedByName: 'Pat Lee',
    filedAt: '2026-11-26T15:00:00Z',
    taskMessageId: null,
    enteredInErrorAt: null,
    enteredInErrorByName: null,
    enteredInErrorReason: null,
    viewable: true,
    ...extra,
  };
}

const PATIENT = patient({ id: 'p-1' });

const CATEGORIES = [
  { category: 'specialistReport', label: 'Specialist report', clinical: true },
  { category: 'insuranceCard', label: 'Insurance card', clinical: false },
];

describe('the Documents tab', () => {
  it('lists a clinical document to the desk without a way to open it', async () => {
    session.info = appInfoAs(DESK);
    mockCommands({
      patient_documents: () => [doc('d-1', { viewable: false }), doc('d-2', { category: 'insuranceCard', clinical: false, title: 'Insurance card front', mediaType: 'image/png' })],
    });
    render(Documents, { patientId: 'p-1', patient: PATIENT });
    await screen.findByText(/for clinical staff/);
    const open = screen.getAllByTestId('document-open');
    expect(open.map((b) => b.textContent)).toEqual(['Insurance card front']);
  });

  it('opens a PDF in the viewer and draws every page', async () => {
    session.info = appInfoAs(DR_REYES);
    const calls = mockCommands({
      patient_documents: () => [doc('d-1')],
      patient_letters: () => [],
      patient_referrals: () => [],
      open_document: () => new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]).buffer,
    });
    render(Documents, { patientId: 'p-1', patient: PATIENT });
    await fireEvent.click(await screen.findByTestId('document-open'));
    await waitFor(() => expect(screen.getByTestId('document-pages').dataset.drawn).toBe('2'));
    expect(screen.getAllByTestId('document-page')).toHaveLength(2);
    expect(drawn).toEqual([1, 2]);
    expect(calls.find((c) => c.cmd === 'open_document')?.args).toEqual({ id: 'd-1' });
    await fireEvent.click(screen.getByTestId('document-zoom-in'));
    await waitFor(() => expect(screen.getByTestId('document-zoom').textContent).toMatch(/%/));
  });

  it('sends the raw bytes when filing and shows the core refusal beside the file', async () => {
    session.info = appInfoAs(DESK);
    let payload: unknown = null;
    mockCommands({
      patient_documents: () => [],
      document_categories: () => CATEGORIES,
      message_recipients: () => [],
      file_document: (a) => {
        payload = a;
        throw errorReport('invalid_input', 'The file is 23.4 MB; the limit is 20.0 MB.', [
          { field: 'file', message: 'The file is 23.4 MB; the limit is 20.0 MB.' },
          { field: 'title', message: 'Give it a title' },
        ]);
      },
    });
    render(Documents, { patientId: 'p-1', patient: PATIENT });
    await fireEvent.click(await screen.findByTestId('document-new'));
    const input = (await screen.findByTestId('document-file')) as HTMLInputElement;
    const file = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31])], 'scan_2026.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    await fireEvent.change(input);
    expect((screen.getByTestId('document-title') as HTMLInputElement).value).toBe('scan 2026');
    await fireEvent.click(screen.getByTestId('document-submit'));
    expect((await screen.findByTestId('document-file-error')).textContent).toContain('the limit is 20.0 MB');
    expect(screen.getByTestId('document-title-error').textContent).toContain('Give it a title');
    expect(payload).toBeInstanceOf(Uint8Array);
    expect(Array.from(payload as Uint8Array)).toEqual([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
  });
});
