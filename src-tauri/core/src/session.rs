//! Who is at the keyboard: logged out, active, or locked after inactivity. Pure state with
//! the clock passed in, so the lock rules are tested without waiting.

use crate::access::Actor;
use crate::error::{CoreError, CoreResult};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// What the UI shows: a login screen, the app, or the lock screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "state"
)]
pub enum SessionView {
    LoggedOut,
    Active {
        actor: Actor,
        /// When the screen locks unless something happens first.
        locks_at: DateTime<Utc>,
    },
    /// Patient data is hidden; the UI keeps unsaved work underneath.
    Locked {
        actor: Actor,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    LoggedOut,
    Active {
        actor: Actor,
        last_activity: DateTime<Utc>,
    },
    Locked {
        actor: Actor,
    },
}

/// The workstation's one session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    state: State,
    timeout: Duration,
}

/// What [`Session::current`] noticed on the way: the inactivity lock that happened since the
/// last call, to be audited at the moment it took effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockedAt {
    pub actor: Actor,
    pub at: DateTime<Utc>,
}

impl Session {
    pub fn new(timeout_minutes: u32) -> Self {
        Session {
            state: State::LoggedOut,
            timeout: Duration::minutes(i64::from(timeout_minutes.max(1))),
        }
    }

    pub fn set_timeout(&mut self, minutes: u32) {
        self.timeout = Duration::minutes(i64::from(minutes.max(1)));
    }

    /// Idle seconds before the screen locks.
    pub fn timeout_seconds(&self) -> u32 {
        u32::try_from(self.timeout.num_seconds()).unwrap_or(u32::MAX)
    }

    /// A timeout in seconds, for tests and demonstrations of the lock.
    pub fn set_timeout_seconds(&mut self, seconds: u32) {
        self.timeout = Duration::seconds(i64::from(seconds.max(1)));
    }

    /// Starts `actor`'s session (after their password was checked).
    pub fn start(&mut self, actor: Actor, now: DateTime<Utc>) {
        self.state = State::Active {
            actor,
            last_activity: now,
        };
    }

    /// Applies the inactivity rule: an active session idle for the timeout becomes locked.
    /// Returns the lock, if it happened now, for the audit log.
    pub fn expire(&mut self, now: DateTime<Utc>) -> Option<LockedAt> {
        if let State::Active {
            actor,
            last_activity,
        } = &self.state
        {
            let at = *last_activity + self.timeout;
            if now >= at {
                let actor = actor.clone();
                self.state = State::Locked {
                    actor: actor.clone(),
                };
                return Some(LockedAt { actor, at });
            }
        }
        None
    }

    /// The acting user for an operation at `now`, counting it as activity. Fails when nobody
    /// is logged in or the screen is (or just became) locked; call [`Session::expire`] first
    /// to learn about a lock that just happened.
    pub fn current(&mut self, now: DateTime<Utc>) -> CoreResult<Actor> {
        let _ = self.expire(now);
        match &mut self.state {
            State::LoggedOut => Err(CoreError::Unauthenticated("Please log in".into())),
            State::Locked { .. } => Err(CoreError::SessionLocked),
            State::Active {
                actor,
                last_activity,
            } => {
                *last_activity = now;
                Ok(actor.clone())
            }
        }
    }

    /// Locks at once (the user pressed "Lock" or walked away). Returns who was locked out.
    pub fn lock(&mut self) -> Option<Actor> {
        match std::mem::replace(&mut self.state, State::LoggedOut) {
            State::Active { actor, .. } | State::Locked { actor } => {
                self.state = State::Locked {
                    actor: actor.clone(),
                };
                Some(actor)
            }
            State::LoggedOut => None,
        }
    }

    /// The user the lock screen is for.
    pub fn locked_for(&self) -> Option<&Actor> {
        match &self.state {
            State::Locked { actor } => Some(actor),
            _ => None,
        }
    }

    /// Ends the session; returns who logged out.
    pub fn end(&mut self) -> Option<Actor> {
        match std::mem::replace(&mut self.state, State::LoggedOut) {
            State::Active { actor, .. } | State::Locked { actor } => Some(actor),
            State::LoggedOut => None,
        }
    }

    pub fn view(&self) -> SessionView {
        match &self.state {
            State::LoggedOut => SessionView::LoggedOut,
            State::Active {
                actor,
                last_activity,
            } => SessionView::Active {
                actor: actor.clone(),
                locks_at: *last_activity + self.timeout,
            },
            State::Locked { actor } => SessionView::Locked {
                actor: actor.clone(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::ChartDb;
    use crate::testing::{staffed_practice, test_now};

    fn desk() -> Actor {
        let mut db = ChartDb::open_in_memory().unwrap();
        staffed_practice(&mut db, test_now()).unwrap().front_desk
    }

    #[test]
    fn activity_keeps_the_session_open_and_idleness_locks_it() {
        let mut s = Session::new(10);
        let t0 = test_now();
        assert_eq!(s.current(t0).unwrap_err().code(), "unauthenticated");
        s.start(desk(), t0);
        assert!(s.current(t0 + Duration::minutes(9)).is_ok());
        // Activity at minute 9 moved the deadline to minute 19.
        assert!(s.current(t0 + Duration::minutes(18)).is_ok());
        let lock = s
            .expire(t0 + Duration::minutes(40))
            .expect("idle for 22 minutes locks");
        assert_eq!(
            lock.at,
            t0 + Duration::minutes(28),
            "the lock is dated when it took effect"
        );
        assert_eq!(
            s.current(t0 + Duration::minutes(41)).unwrap_err().code(),
            "session_locked"
        );
        assert_eq!(s.locked_for().map(|a| a.username()), Some("desk"));
    }

    #[test]
    fn the_view_tells_the_ui_when_the_screen_will_lock() {
        let mut s = Session::new(3);
        s.start(desk(), test_now());
        match s.view() {
            SessionView::Active { locks_at, .. } => {
                assert_eq!(locks_at, test_now() + Duration::minutes(3))
            }
            other => panic!("{other:?}"),
        }
        s.lock();
        assert!(matches!(s.view(), SessionView::Locked { .. }));
        assert_eq!(
            s.end().map(|a| a.username().to_string()),
            Some("desk".into())
        );
        assert_eq!(s.view(), SessionView::LoggedOut);
    }
}
