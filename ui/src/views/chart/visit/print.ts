// Printing the after-visit summary: a copy is mounted straight under <body> and
// body.printing-avs hides everything else on paper (app.css), so no app chrome is printed and
// no empty pages follow. Both go away when the print dialog closes.
import { mount, unmount } from 'svelte';
import type { AfterVisitSummary as Summary } from '../../../api';
import AfterVisitSummary from '../AfterVisitSummary.svelte';

export const PRINTING_CLASS = 'printing-avs';

export function printAfterVisitSummary(summary: Summary): void {
  const host = document.createElement('div');
  host.className = 'avs-print';
  host.dataset.testid = 'avs-print';
  document.body.appendChild(host);
  const copy = mount(AfterVisitSummary, { target: host, props: { summary } });
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
