// Browser preview with a mocked backend (no Rust build needed): `npm run preview:mock`, then open
// http://localhost:1421/?scene=search|chart|register|dup|setup|login|locked|users|audit|backups|restricted|schedule|medications|prescribe|alerts.
// For looking at screens only; the answers come from src/test/fixtures.
import { mount } from 'svelte';
import '../src/app.css';
import App from '../src/App.svelte';
import { mockCommands, errorReport } from '../src/api/testing';
import type { AppInfo } from '../src/api';
import { ADMIN, appInfo, appInfoAs, auditEntry, backupReport, DESK, DR_REYES, hit, page, patient, SMALL, SMITH, SMYTHE, user } from '../src/test/fixtures';
import { search } from '../src/lib/search.svelte';
import { go, registration } from '../src/lib/stores.svelte';
import { appointment, range, SETUP } from '../src/views/schedule/calendar/fixtures';
import { driveMedications, medicationHandlers } from './medications';

// VITE_SCENE: the scene of a preview build embedded in the app (no query string there).
const scene = new URLSearchParams(location.search).get('scene') ?? import.meta.env.VITE_SCENE ?? 'search';
const medicationScene = ['medications', 'prescribe', 'alerts'].includes(scene);
const admin = scene === 'users' || scene === 'audit' || scene === 'backups';
let info: AppInfo =
  scene === 'setup'
    ? appInfo({ phase: 'setup', practice: null, session: { state: 'loggedOut' } })
    : scene === 'login'
      ? appInfo({ phase: 'login', practice: null, session: { state: 'loggedOut' }, demoPassword: 'charta-demo' })
      : appInfoAs(admin ? ADMIN : scene === 'schedule' ? DESK : DR_REYES, scene === 'locked');
let granted = false;
mockCommands({
  ...medicationHandlers,
  app_info: () => info,
  time_zones: () => ['America/Chicago', 'Europe/London'],
  set_up_practice: () => 'K7QF-2MXD-9PLA-W3RT-88CV-N4HJ',
  log_in: ({ username }) => {
    const who = [ADMIN, DR_REYES, DESK].find((a) => a.username === username) ?? DR_REYES;
    info = appInfoAs(who);
    return who;
  },
  unlock: () => {
    info = appInfoAs(DR_REYES);
    return DR_REYES;
  },
  lock: () => null,
  log_out: () => null,
  list_users: () => [user(ADMIN), user(DR_REYES), user(DESK, { active: false })],
  audit_report: ({ query }) => ({
    entries: [
      auditEntry(12, { emergency: true, action: 'emergency_access', detail: 'Unconscious in the waiting room' }),
      auditEntry(11, { outcome: 'denied', username: 'desk', action: 'view_patient', detail: 'Only a physician or nurse/MA may view the clinical record.' }),
      auditEntry(10, { action: 'login', patientId: null, patientLabel: null }),
    ].filter((e) => !query.emergencyOnly || e.emergency),
    hasMore: !query.emergencyOnly,
  }),
  verify_audit_chain: () => ({ rows: 12, firstBrokenSeq: null, message: 'All 12 rows verify.' }),
  export_audit_csv: () => '/home/office/charta-audit-2026-11-26.csv',
  list_backups: () => [
    backupReport(),
    backupReport({ path: '/data/backups/charta-2026-11-25T150400Z.db', createdAt: '2026-11-25T15:04:00Z', bytes: 421_888 }),
    backupReport({ path: '/data/backups/charta-2026-11-24T150400Z.db', createdAt: '2026-11-24T15:04:00Z', verified: false, problems: ['The audit chain breaks at row 17.'] }),
  ],
  back_up_now: ({ dir }) => new Promise((r) => setTimeout(() => r(backupReport(dir ? { path: `${dir}/charta-2026-11-26T150400Z.db` } : {})), 800)),
  restore_backup: ({ path }) => ({ restored: backupReport({ path }), setAside: ['/tmp/charta-test.db.before-restore-20261126T160000Z'], keystoreReplaced: false }),
  search_patients: ({ request }) => page(request.query, [hit(SMITH), hit(SMYTHE, 'soundsLike'), hit(SMALL, 'dateOfBirth')], true),
  get_patient: () => {
    if (scene === 'restricted' && !granted) throw errorReport('restricted', 'This chart is restricted by the practice.');
    return patient({ emergencyContact: { name: 'Tom Smith', relationship: 'Husband', phone: '555 0199' }, middleName: 'Ann' });
  },
  emergency_access: () => {
    granted = true;
    return new Date(Date.now() + 30 * 60_000).toISOString();
  },
  set_restricted: () => null,
  schedule_setup: () => SETUP,
  schedule_range: ({ from, days, providerIds }) =>
    range(from, days, [
      appointment('a-1', { startsAt: `${from}T15:00:00Z`, endsAt: `${from}T15:15:00Z` }),
      appointment('a-2', { providerId: 'u-drkim', patientName: 'Jones, Mary', typeName: 'New patient', colour: '#8888ff', status: 'arrived', startsAt: `${from}T16:00:00Z`, endsAt: `${from}T16:30:00Z` }),
      appointment('a-3', { providerId: 'u-np', patientName: 'Brown, Li', status: 'cancelled', startsAt: `${from}T17:00:00Z`, endsAt: `${from}T17:15:00Z` }),
    ], providerIds),
  register_patient: () => { throw errorReport('invalid_input', 'x', [{ field: 'dateOfBirth', message: 'Date of birth cannot be in the future' }, { field: 'phones.0.number', message: 'Phone number needs at least 7 digits' }]); },
});
mount(App, { target: document.getElementById('app')! });
setTimeout(() => {
  if (scene === 'search') search.setQuery('smi');
  if (scene === 'chart' || scene === 'restricted') go({ name: 'chart', id: 'p-smith' });
  if (scene === 'audit') go({ name: 'audit' });
  if (scene === 'schedule') go({ name: 'schedule', date: '2026-12-01' });
  if (scene === 'backups') go({ name: 'backups' });
  if (medicationScene) void driveMedications(scene);
  if (scene === 'register' || scene === 'dup') {
    go({ name: 'register' });
    Object.assign(registration.draft, { familyName: 'Newman', givenName: 'Alma', dateOfBirth: '03/14/2030' });
    registration.draft.phones[0].number = '12';
    if (scene === 'dup') registration.duplicates = [{ patient: SMITH, reasons: ['sameFamilyNameAndBirthDate', 'samePhone'] }];
    else setTimeout(() => (document.querySelector('[data-testid=save-patient]') as HTMLButtonElement).click(), 50);
  }
}, 100);
