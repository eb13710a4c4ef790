// Printing a front-desk list: a copy of the sheet is mounted straight under <body> and
// body.printing-schedule hides everything else on paper (the rule is in PrintSheet.svelte),
// so no app chrome is printed. Both go away when the print dialog closes.
import { mount, unmount, type Component } from 'svelte';

export const PRINTING_CLASS = 'printing-schedule';

export function printCopy<P extends Record<string, unknown>>(sheet: Component<P>, props: P): void {
  const host = document.createElement('div');
  host.className = 'schedule-print';
  host.dataset.testid = 'schedule-print';
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
