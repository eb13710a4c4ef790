// Drawing a stored PDF's pages on canvases with pdf.js (Apache-2.0), inside the webview: the
// bytes never leave memory, no file is written and no viewer plugin is needed. Loaded only
// when a PDF is opened, so the chart's start pays nothing for it.
import type { PDFDocumentProxy } from 'pdfjs-dist';

export interface LoadedPdf {
  pages: number;
  /** Draws page `n` (1-based) at `scale` into `canvas`; resolves when painted. */
  draw(n: number, canvas: HTMLCanvasElement, scale: number): Promise<void>;
  /** The page's width in CSS pixels at scale 1, for "fit width". */
  width(n: number): Promise<number>;
  close(): Promise<void>;
}

export async function loadPdf(bytes: Uint8Array): Promise<LoadedPdf> {
  const pdfjs = await import('pdfjs-dist');
  const worker = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  // pdf.js takes ownership of the buffer it is given; keep the caller's copy intact.
  const doc: PDFDocumentProxy = await pdfjs.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
  }).promise;
  return {
    pages: doc.numPages,
    async width(n) {
      const page = await doc.getPage(n);
      return page.getViewport({ scale: 1 }).width;
    },
    async draw(n, canvas, scale) {
      const page = await doc.getPage(n);
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * ratio });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
      canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('This window cannot draw PDF pages');
      await page.render({ canvasContext: context, viewport }).promise;
    },
    close: () => doc.destroy(),
  };
}
