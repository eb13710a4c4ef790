// The session as the UI sees it: who is logged in, what they may do, locking (by hand, on idle
// input, or when a command answers `session_locked`), unlocking, switching user and logging out.
// Another user taking over clears every unsaved draft of the previous one (`epoch` remounts views).
import { api, onCommandError, type Actor, type Operation } from '../api';
import type { Route } from './stores.svelte';
import { backupWatch } from './backup-watch.svelte';
import { actorCan } from './permissions';
import { search } from './search.svelte';
import { forgetEmergencyGrants, go, resetRegistration, session } from './stores.svelte';

export const auth = $state<{
  /** Bumped when a different user takes over; App keys the views on it so local drafts vanish. */
  epoch: number;
  /** The recovery key just created by setup, shown once until acknowledged. */
  recoveryKey: string | null;
  /** The lock screen opens with the "Switch user" form. */
  switchRequested: boolean;
}>({ epoch: 0, recoveryKey: null, switchRequested: false });

/** The logged-in (or locked-out) user. */
export function currentActor(): Actor | null {
  const s = session.info?.session;
  return s && s.state !== 'loggedOut' ? s.actor : null;
}

export function can(op: Operation): boolean {
  return actorCan(currentActor(), op);
}

export function isLocked(): boolean {
  return session.info?.session.state === 'locked';
}

/** Where a user lands: the search for patient-facing roles, the admin area otherwise. */
export function homeRoute(actor: Actor | null = currentActor()): Route {
  const may = (op: Operation) => actorCan(actor, op);
  if (may('searchPatients')) return { name: 'search' };
  if (may('manageUsers')) return { name: 'users' };
  if (may('viewAuditLog')) return { name: 'audit' };
  if (may('editPracticeSettings')) return { name: 'practice' };
  return { name: 'password' };
}

export async function refreshInfo(): Promise<void> {
  session.info = await api.appInfo();
}

/** Shows the lock screen without asking the core (it already locked, or is about to). */
export function showLocked(): void {
  const s = session.info?.session;
  if (session.info && s?.state === 'active') session.info.session = { state: 'locked', actor: s.actor };
}

/** Commands whose `unauthenticated` answer means a wrong password, not a lost session. */
const PASSWORD_COMMANDS = ['log_in', 'unlock', 'change_password', 'set_up_practice'];

onCommandError((err, command) => {
  if (err.code === 'session_locked') showLocked();
  else if (err.code === 'unauthenticated' && !PASSWORD_COMMANDS.includes(command)) {
    // The session ended under us (e.g. the app restarted): app info shows the login screen.
    refreshInfo().catch(() => undefined);
  }
});

export async function lockNow(switchUser = false): Promise<void> {
  if (session.info?.session.state !== 'active') return;
  auth.switchRequested = switchUser;
  showLocked();
  try {
    await api.lock();
  } catch {
    // The screen is locked either way; unlocking asks the core again.
  }
}

async function afterLogin(): Promise<void> {
  await refreshInfo();
  auth.switchRequested = false;
  noteActivity();
}

export async function unlock(password: string): Promise<void> {
  await api.unlock(password);
  await afterLogin();
}

/** Logging in, or switching user from the lock screen or the user menu. */
export async function logIn(username: string, password: string): Promise<void> {
  const before = currentActor();
  const actor = await api.logIn(username, password);
  if (!before || before.userId !== actor.userId) {
    // Leave the previous user's screen before the session turns active, so nothing of
    // theirs (an open chart) is fetched again under the new user.
    forgetPreviousUser();
    go(homeRoute(actor));
  }
  await afterLogin();
}

export async function logOut(): Promise<void> {
  try {
    await api.logOut();
  } catch {
    // Show the login screen anyway; the next login replaces whatever session the core kept.
  }
  forgetPreviousUser();
  if (session.info) session.info.session = { state: 'loggedOut' };
  try {
    await refreshInfo();
  } catch {
    // The login screen shows from the local state.
  }
}

/** Nothing the previous user typed or found is shown to the next one. */
export function forgetPreviousUser(): void {
  resetRegistration();
  search.clear();
  forgetEmergencyGrants();
  // The next admin is told about a failed backup even if this one closed the notice.
  backupWatch.dismissed = null;
  auth.epoch += 1;
  auth.switchRequested = false;
}

// Idle watch: input (keys, pointer) counts as activity; past `lockAfterSeconds` (the practice's
// auto-lock time, from app info) without any, the screen locks. The core enforces the same limit
// on commands, counting only commands as activity.
let lastActivity = Date.now();
let watch: ReturnType<typeof setInterval> | undefined;

export function noteActivity(now = Date.now()): void {
  lastActivity = now;
}

/** Locks if the user has been idle too long; returns whether it did. */
export function checkIdle(now = Date.now()): boolean {
  // The core says how long (the practice's minutes, or a test's seconds).
  const seconds = session.info?.lockAfterSeconds ?? 0;
  if (session.info?.session.state !== 'active' || seconds <= 0) return false;
  if (now - lastActivity < seconds * 1000) return false;
  void lockNow();
  return true;
}

export function startIdleWatch(): () => void {
  noteActivity();
  const onActivity = () => noteActivity();
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  for (const e of events) window.addEventListener(e, onActivity, { capture: true, passive: true });
  watch = setInterval(() => checkIdle(), 1_000);
  return () => {
    clearInterval(watch);
    for (const e of events) window.removeEventListener(e, onActivity, { capture: true });
  };
}

export function resetAuth(): void {
  auth.epoch = 0;
  auth.recoveryKey = null;
  auth.switchRequested = false;
  noteActivity();
}
