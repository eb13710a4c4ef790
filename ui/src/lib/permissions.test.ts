// The UI's permission table must equal the core's, as rendered into the repository README
// between the permissions markers — so the screens a role sees cannot drift from what it may do.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Operation, Role } from '../api';
import { allowed, PERMISSIONS, ROLES } from './permissions';

const ROLE_BY_LABEL: Record<string, Role> = {
  physician: 'physician',
  'nurse/MA': 'nurse',
  'front desk': 'frontDesk',
  'practice admin': 'admin',
};

/** "view clinical record" → "viewClinicalRecord", then the few names the core words differently. */
const OPERATION_RENAMES: Record<string, Operation> = {
  viewClinicalRecord: 'viewClinical',
  editClinicalRecord: 'editClinical',
  restoreBackup: 'restore',
};

function operationFromLabel(label: string): string {
  const camel = label
    .trim()
    .split(/\s+/)
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  return OPERATION_RENAMES[camel] ?? camel;
}

function readmeTable(): Record<string, Role[]> {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
  const start = readme.indexOf('<!-- permissions:start -->');
  const end = readme.indexOf('<!-- permissions:end -->');
  expect(start, 'README has the permissions markers').toBeGreaterThanOrEqual(0);
  const rows = readme
    .slice(start, end)
    .split('\n')
    .filter((l) => l.trim().startsWith('|'))
    .map((l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
  const [header, , ...body] = rows;
  const roles = header.slice(1).map((label) => {
    const role = ROLE_BY_LABEL[label];
    expect(role, `role label "${label}" is known`).toBeDefined();
    return role;
  });
  const table: Record<string, Role[]> = {};
  for (const [label, ...cells] of body) {
    table[operationFromLabel(label)] = roles.filter((_, i) => {
      expect(cells[i], `cell ${label} × ${roles[i]}`).toMatch(/allow|deny/);
      return cells[i].includes('allow');
    });
  }
  return table;
}

describe('permission table', () => {
  it('equals the core table rendered in the README', () => {
    const fromReadme = readmeTable();
    const ours = Object.fromEntries(
      Object.entries(PERMISSIONS).map(([op, roles]) => [op, ROLES.filter((r) => roles.includes(r))]),
    );
    expect(ours).toEqual(fromReadme);
  });

  it('lets a user do what any of their roles allows', () => {
    expect(allowed(['admin'], 'searchPatients')).toBe(false);
    expect(allowed(['admin', 'physician'], 'searchPatients')).toBe(true);
    expect(allowed(['frontDesk'], 'viewClinical')).toBe(false);
  });
});
