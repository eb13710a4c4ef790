// Issue-3 types the lead's regenerated bindings.ts will carry (SessionView, Phase, SetupRequest,
// AppInfo's phase/session/demoPassword). Delete this file once bindings.ts has them.
import type { Actor, AppInfo as BoundAppInfo, PracticeDraft, UserDraft } from './bindings';

export type Phase = 'setup' | 'login' | 'open';
export type SessionView =
  | { state: 'loggedOut' }
  | { state: 'active'; actor: Actor; locksAt: string }
  | { state: 'locked'; actor: Actor };
export type AppInfo = Omit<BoundAppInfo, 'phase' | 'session' | 'demoPassword'> & {
  phase: Phase;
  session: SessionView;
  demoPassword: string | null;
};
export type SetupRequest = { practice: PracticeDraft; admin: UserDraft; password: string };
