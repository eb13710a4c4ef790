// Printing a prescription or medication list: a copy of the sheet is mounted straight under
// <body> and body.printing-rx hides everything else on paper (the rule is in Sheet.svelte), so
// no app chrome is printed. Both go away when the print dialog closes.
import { mount, unmount, type Component } from 'svelte';

export const PRINTING_CLASS = 'printing-rx';

export function printCopy<P extends Record<string, unknown>>(sheet: Component<P>, props: P): void {
  const host = document.createElement('div');
  host.className = 'rx-print-copy';
  host.dataset.testid = 'rx-print-copy';
  document.body.appendChild(host);
  const copy = mount(sheet, { target: host, props });
  document.body.classList.add(PRINTING_CLASS);
  const done = () => {
    window.removeEventListener('afterprint', done);
    document.body.classList.remove(PRINTING_CLASS);
    void unmount(copy);
    host.remove();
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** A Blob URL for a stored PDF's bytes (the caller revokes it). */
export function pdfUrl(bytes: number[]): string {
  return URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }));
}
