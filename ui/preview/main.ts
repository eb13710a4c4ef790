// Browser preview with a mocked backend (no Rust build needed): `npm run preview:mock`, then open
// http://localhost:1421/?scene=search|chart|register|dup|first. For looking at screens only;
// the answers come from src/test/fixtures.
import { mount } from 'svelte';
import '../src/app.css';
import App from '../src/App.svelte';
import { mockCommands, errorReport } from '../src/api/testing';
import { appInfo, hit, page, patient, SMALL, SMITH, SMYTHE } from '../src/test/fixtures';
import { search } from '../src/lib/search.svelte';
import { go, registration } from '../src/lib/stores.svelte';

const scene = new URLSearchParams(location.search).get('scene') ?? 'search';
mockCommands({
  app_info: () => appInfo(scene === 'first' ? { practice: null } : {}),
  time_zones: () => ['America/Chicago', 'Europe/London'],
  search_patients: ({ request }) => page(request.query, [hit(SMITH), hit(SMYTHE, 'soundsLike'), hit(SMALL, 'dateOfBirth')], true),
  get_patient: () => patient({ emergencyContact: { name: 'Tom Smith', relationship: 'Husband', phone: '555 0199' }, middleName: 'Ann' }),
  register_patient: () => { throw errorReport('invalid_input', 'x', [{ field: 'dateOfBirth', message: 'Date of birth cannot be in the future' }, { field: 'phones.0.number', message: 'Phone number needs at least 7 digits' }]); },
});
mount(App, { target: document.getElementById('app')! });
setTimeout(() => {
  if (scene === 'search') search.setQuery('smi');
  if (scene === 'chart') go({ name: 'chart', id: 'p-smith' });
  if (scene === 'register' || scene === 'dup') {
    go({ name: 'register' });
    Object.assign(registration.draft, { familyName: 'Newman', givenName: 'Alma', dateOfBirth: '03/14/2030' });
    registration.draft.phones[0].number = '12';
    if (scene === 'dup') registration.duplicates = [{ patient: SMITH, reasons: ['sameFamilyNameAndBirthDate', 'samePhone'] }];
    else setTimeout(() => (document.querySelector('[data-testid=save-patient]') as HTMLButtonElement).click(), 50);
  }
}, 100);
