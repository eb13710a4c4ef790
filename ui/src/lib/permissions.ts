// Which operations each role may do — a copy of charta-core's permission table (README "Who may
// do what"; permissions.test.ts fails if they drift). The core is the authority; the UI only
// uses this to hide what a role will never be allowed.
import type { Actor, Operation, Role } from '../api';

export const ROLES: readonly Role[] = ['physician', 'nurse', 'frontDesk', 'admin'];

export const ROLE_LABELS: Record<Role, string> = {
  physician: 'Physician',
  nurse: 'Nurse/MA',
  frontDesk: 'Front desk',
  admin: 'Practice admin',
};

export const PERMISSIONS: Record<Operation, readonly Role[]> = {
  editPracticeSettings: ['admin'],
  searchPatients: ['physician', 'nurse', 'frontDesk'],
  viewDemographics: ['physician', 'nurse', 'frontDesk'],
  registerPatient: ['physician', 'nurse', 'frontDesk'],
  editDemographics: ['physician', 'nurse', 'frontDesk'],
  restrictChart: ['physician', 'admin'],
  viewClinical: ['physician', 'nurse'],
  editClinical: ['physician', 'nurse'],
  emergencyAccess: ['physician', 'nurse'],
  manageUsers: ['admin'],
  viewAuditLog: ['admin'],
  exportAuditLog: ['admin'],
  backUp: ['admin'],
  restore: ['admin'],
};

/** A user may do what any of their roles allows. */
export function allowed(roles: readonly Role[], op: Operation): boolean {
  return roles.some((r) => PERMISSIONS[op].includes(r));
}

export function rolesLabel(roles: readonly Role[]): string {
  return ROLES.filter((r) => roles.includes(r)).map((r) => ROLE_LABELS[r]).join(', ');
}

export function actorCan(actor: Actor | null, op: Operation): boolean {
  return actor !== null && allowed(actor.roles, op);
}
