// Which operations each role may do, read from the permission table generated out of
// charta-core (src/api/permissions.ts; the Rust bindings test fails when it is stale). The core
// is the authority and checks every operation; the UI only hides what a role will never be allowed.
import { PERMISSION_TABLE, type Actor, type Operation, type Role } from '../api';

export const ROLES: readonly Role[] = PERMISSION_TABLE.roles.map((r) => r.role);

/** The core's label ("nurse/MA"), capitalised for a heading or a checkbox. */
export const ROLE_LABELS: Record<Role, string> = (() => {
  const labels = {} as Record<Role, string>;
  for (const r of PERMISSION_TABLE.roles) labels[r.role] = r.label.charAt(0).toUpperCase() + r.label.slice(1);
  return labels;
})();

export const PERMISSIONS: Record<Operation, readonly Role[]> = (() => {
  const table = {} as Record<Operation, readonly Role[]>;
  for (const o of PERMISSION_TABLE.operations) table[o.operation] = o.roles;
  return table;
})();

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
