//! The open practice on this workstation: the encrypted chart database, its keystore and the
//! session of whoever is at the keyboard. Setup, log in, lock, switch user, passwords and
//! backups live here because each needs both the database and the keystore.

mod accounts;
mod backups;
mod demo;
mod setup;
#[cfg(test)]
mod tests;

use crate::access::{Actor, AsUser};
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult, FieldError};
use crate::fault;
use crate::ids::UserId;
use crate::permissions::Role;
use crate::practice::{Practice, PracticeDraft};
use crate::session::{Session, SessionView};
use crate::users::{validate_password, validate_user, UserDraft};
use crate::vault::{keystore_path_for, DbKey, KdfParams, Keystore, PendingEvent, UnlockError};
use chrono::{DateTime, Utc};
pub use demo::DEMO_SCHEDULE_YEARS;
use serde::{Deserialize, Serialize};
use setup::{create_practice, unfinished_keystore_path};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The password every demo user has; shown on the login screen of a demo practice only.
pub const DEMO_PASSWORD: &str = "demo-practice-2026";

/// The demo practice's users: (username, display name, roles).
pub const DEMO_USERS: &[(&str, &str, &[Role])] = &[
    ("admin", "Pat Admin", &[Role::Admin]),
    ("drreyes", "Dr Maria Reyes", &[Role::Physician]),
    ("nurse", "Sam Okoro, RN", &[Role::Nurse]),
    ("desk", "Lee Front", &[Role::FrontDesk]),
    // Three more physicians, so the front desk runs a four-provider day.
    ("drchen", "Dr Wei Chen", &[Role::Physician]),
    ("drpatel", "Dr Anika Patel", &[Role::Physician]),
    ("drokafor", "Dr Chidi Okafor", &[Role::Physician]),
];

/// What a start finds at the database path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Startup {
    /// Nothing there yet: set up the practice and its first admin.
    NeedsSetup,
    /// An encrypted practice: log in.
    NeedsLogin,
}

/// The first-start form: the practice and its first administrator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetupRequest {
    pub practice: PracticeDraft,
    pub admin: UserDraft,
    pub password: String,
}

/// The keystore file that belongs to a database file.
pub fn keystore_path(db_path: &Path) -> PathBuf {
    keystore_path_for(db_path)
}

/// Idle minutes before the screen locks when the practice has not said (before setup).
const DEFAULT_LOCK_MINUTES: u32 = 10;

pub fn startup(db_path: &Path) -> CoreResult<Startup> {
    if Keystore::exists(&keystore_path(db_path)) {
        return Ok(Startup::NeedsLogin);
    }
    if Keystore::exists(&unfinished_keystore_path(db_path)) {
        // Nobody can have logged in to it: setup starts over (and clears what it left).
        return Ok(Startup::NeedsSetup);
    }
    if db_path.exists() {
        return Err(CoreError::Unauthenticated(format!(
            "{} exists but its keystore {} is missing; restore both from a backup",
            db_path.display(),
            keystore_path(db_path).display()
        )));
    }
    Ok(Startup::NeedsSetup)
}

#[derive(Debug)]
pub struct Workstation {
    db: ChartDb,
    keystore: Keystore,
    key: DbKey,
    db_path: PathBuf,
    session: Session,
    /// Locks sooner than the practice says (seconds), for tests and demonstrations; never
    /// later, so a launch flag cannot keep a workstation open.
    lock_after_seconds: Option<u32>,
    /// Why the practice file is not open (a restore that could not reopen it): every command
    /// is refused until Charta restarts, so nothing is written anywhere else.
    needs_restart: Option<String>,
}

fn prefixed(err: CoreError, prefix: &str) -> CoreError {
    match err {
        CoreError::Invalid(errors) => CoreError::Invalid(
            errors
                .into_iter()
                .map(|e| FieldError::new(format!("{prefix}.{}", e.field), e.message))
                .collect(),
        ),
        other => other,
    }
}

impl Workstation {
    /// First start: creates the encrypted database, its keystore, the practice and the first
    /// administrator, who is logged in. Returns the recovery key, to be shown once.
    pub fn set_up(
        db_path: &Path,
        request: &SetupRequest,
        admin_id: UserId,
        now: DateTime<Utc>,
    ) -> CoreResult<(Workstation, String)> {
        Self::set_up_with(db_path, request, admin_id, now, KdfParams::RECOMMENDED)
    }

    /// [`Workstation::set_up`] with a chosen password-hashing cost (tests use a cheap one).
    pub fn set_up_with(
        db_path: &Path,
        request: &SetupRequest,
        admin_id: UserId,
        now: DateTime<Utc>,
        kdf: KdfParams,
    ) -> CoreResult<(Workstation, String)> {
        if startup(db_path)? != Startup::NeedsSetup {
            return Err(CoreError::Forbidden(
                "This practice is already set up; log in".into(),
            ));
        }
        let mut errors = Vec::new();
        let mut collect = |r: CoreResult<()>| {
            if let Err(CoreError::Invalid(e)) = r {
                errors.extend(e);
            }
        };
        collect(
            crate::practice::validate_draft(&request.practice)
                .map(drop)
                .map_err(|e| prefixed(e, "practice")),
        );
        collect(
            validate_user(&request.admin)
                .map(drop)
                .map_err(|e| prefixed(e, "admin")),
        );
        collect(validate_password(
            &request.password,
            &request.admin.username,
            "password",
        ));
        if !errors.is_empty() {
            return Err(CoreError::Invalid(errors));
        }
        let key = DbKey::generate()?;
        let username = request.admin.username.trim().to_lowercase();
        let (db, keystore, recovery, admin) = create_practice(
            db_path,
            &key,
            (admin_id, &username, &request.password),
            now,
            kdf,
            |db, _| {
                db.set_up_practice(&request.practice, now)?;
                fault::point("setup:before_admin")?;
                db.create_first_admin(&request.admin, admin_id, now)
            },
        )?;
        let mut ws = Workstation::assemble(db, keystore, key, db_path)?;
        ws.start_session(admin, now, "login")?;
        Ok((ws, recovery.display().to_string()))
    }

    /// Opens the practice with one user's password; that user is logged in.
    pub fn log_in(
        db_path: &Path,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Workstation> {
        let mut keystore = Keystore::load(&keystore_path(db_path))?;
        let unlocked = match keystore.unlock(username, password, now) {
            Ok(u) => u,
            Err(e) => {
                // The database is closed: the failure waits in the keystore for the audit log.
                let pending = PendingEvent {
                    at: now,
                    username: username.trim().to_lowercase(),
                    action: "login".into(),
                    outcome: "failed".into(),
                };
                if !matches!(e, UnlockError::Store(_)) {
                    keystore.record_pending(pending)?;
                }
                return Err(login_error(e));
            }
        };
        let mut db = ChartDb::open_encrypted(db_path, &unlocked.key)?;
        for pending in keystore.take_pending()? {
            db.audit(&pending_event(&pending))?;
        }
        let user_id = UserId::parse(&unlocked.user_id)
            .ok_or_else(|| CoreError::Corrupt("keystore names a bad user id".into()))?;
        let mut ws = Workstation::assemble(db, keystore, unlocked.key, db_path)?;
        let actor = ws.actor_for_login(user_id, username, now)?;
        ws.start_session(actor, now, "login")?;
        Ok(ws)
    }

    fn assemble(
        db: ChartDb,
        keystore: Keystore,
        key: DbKey,
        db_path: &Path,
    ) -> CoreResult<Workstation> {
        let minutes = db
            .practice()?
            .map_or(DEFAULT_LOCK_MINUTES, |p| p.auto_lock_minutes);
        let mut db = db;
        db.set_known_anchor(keystore.audit_anchor().cloned());
        Ok(Workstation {
            db,
            keystore,
            key,
            db_path: db_path.to_path_buf(),
            session: Session::new(minutes),
            lock_after_seconds: None,
            needs_restart: None,
        })
    }

    fn actor_for_login(
        &mut self,
        user_id: UserId,
        username: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Actor> {
        match self.db.actor(user_id) {
            Ok(actor) => Ok(actor),
            Err(e) => {
                self.db.audit(
                    &AuditEvent::new(now, Some(user_id), username, "login", Outcome::Failed)
                        .detail(e.to_string()),
                )?;
                Err(e)
            }
        }
    }

    fn start_session(&mut self, actor: Actor, now: DateTime<Utc>, action: &str) -> CoreResult<()> {
        self.db.audit(&actor.event(now, action, Outcome::Ok))?;
        self.session.start(actor, now);
        Ok(())
    }

    /// Checks a password against the keystore while the database is open, auditing a failure.
    fn verify(&mut self, username: &str, password: &str, now: DateTime<Utc>) -> CoreResult<UserId> {
        self.usable()?;
        match self.keystore.unlock(username, password, now) {
            Ok(u) => UserId::parse(&u.user_id)
                .ok_or_else(|| CoreError::Corrupt("keystore names a bad user id".into())),
            Err(e) => {
                let event = AuditEvent::new(now, None, username, "login", Outcome::Failed)
                    .detail(unlock_detail(&e));
                self.db.audit(&event)?;
                Err(login_error(e))
            }
        }
    }

    /// Another person logs in on the running workstation (from the lock screen or by
    /// "Switch user"); the previous session ends.
    pub fn switch_user(
        &mut self,
        username: &str,
        password: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<Actor> {
        let user_id = self.verify(username, password, now)?;
        let actor = self.actor_for_login(user_id, username, now)?;
        if let Some(previous) = self.session.end() {
            self.db.audit(
                &previous
                    .event(now, "logout", Outcome::Ok)
                    .detail("switch user"),
            )?;
        }
        self.start_session(actor.clone(), now, "login")?;
        Ok(actor)
    }

    /// The locked-out user comes back with their password.
    pub fn unlock(&mut self, password: &str, now: DateTime<Utc>) -> CoreResult<Actor> {
        let Some(locked) = self.session.locked_for().cloned() else {
            return Err(CoreError::Unauthenticated(
                "The screen is not locked".into(),
            ));
        };
        // The account as it is now: an admin may have renamed it since the login.
        let actor = self.db.actor(locked.user_id())?;
        self.verify(actor.username(), password, now)?;
        self.start_session(actor.clone(), now, "unlock")?;
        Ok(actor)
    }

    pub fn lock(&mut self, now: DateTime<Utc>) -> CoreResult<()> {
        self.note_expiry(now)?;
        if self.session.locked_for().is_some() {
            return Ok(());
        }
        if let Some(actor) = self.session.lock() {
            self.db.audit(&actor.event(now, "lock", Outcome::Ok))?;
            self.anchor_audit(now)?;
        }
        Ok(())
    }

    pub fn log_out(&mut self, now: DateTime<Utc>) -> CoreResult<()> {
        self.usable()?;
        if let Some(actor) = self.session.end() {
            self.db.audit(&actor.event(now, "logout", Outcome::Ok))?;
            self.anchor_audit(now)?;
        }
        Ok(())
    }

    /// Charta is closing: whoever is logged in (or locked out) is logged out, and the audit
    /// log's head is anchored in the keystore.
    pub fn close(&mut self, now: DateTime<Utc>) -> CoreResult<()> {
        self.usable()?;
        self.note_expiry(now)?;
        let event = match self.session.end() {
            Some(actor) => actor
                .event(now, "logout", Outcome::Ok)
                .detail("Charta closed"),
            None => AuditEvent::new(now, None, "system", "close", Outcome::Ok),
        };
        self.db.audit(&event)?;
        self.anchor_audit(now)
    }

    /// Records the audit log's head in the keystore (the anchor `verify` holds the log
    /// against). Called right after a fully synced audit row, so the anchored row is on disk.
    fn anchor_audit(&mut self, now: DateTime<Utc>) -> CoreResult<()> {
        if let Some(head) = self.db.audit_head(now)? {
            self.keystore.set_audit_anchor(head.clone())?;
            self.db.set_known_anchor(Some(head));
        }
        Ok(())
    }

    /// Refuses every command once the practice file could not be reopened.
    fn usable(&self) -> CoreResult<()> {
        match &self.needs_restart {
            Some(why) => Err(CoreError::NeedsRestart(why.clone())),
            None => Ok(()),
        }
    }

    /// Audits an inactivity lock at the moment it took effect.
    fn note_expiry(&mut self, now: DateTime<Utc>) -> CoreResult<()> {
        self.usable()?;
        if let Some(lock) = self.session.expire(now) {
            self.db.audit(
                &lock
                    .actor
                    .event(lock.at, "lock", Outcome::Ok)
                    .detail("inactivity"),
            )?;
            self.anchor_audit(now)?;
        }
        Ok(())
    }

    pub fn session(&mut self, now: DateTime<Utc>) -> CoreResult<SessionView> {
        self.note_expiry(now)?;
        Ok(self.session.view())
    }

    /// Runs one operation as the logged-in user; counts as activity.
    pub fn run<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut AsUser<'_>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        self.run_with_keystore(now, |as_user, _, _| f(as_user))
    }

    /// [`Workstation::run`] for operations that also change the keystore.
    fn run_with_keystore<T>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut AsUser<'_>, &mut Keystore, &DbKey) -> CoreResult<T>,
    ) -> CoreResult<T> {
        self.note_expiry(now)?;
        let actor = self.session.current(now)?;
        let mut as_user = self.db.as_user(&actor);
        let value = f(&mut as_user, &mut self.keystore, &self.key)?;
        // The operation is done (and committed, if it wrote): reporting a failure now would
        // make the user repeat it. A timeout that could not be re-read stays as it was.
        let _ = fault::point("run:refresh_timeout").and_then(|()| self.apply_lock_timeout());
        Ok(value)
    }

    /// Locks after `seconds` of inactivity when that is sooner than the practice's minutes
    /// (tests, demonstrations). It can only shorten the lock: a longer value changes nothing.
    pub fn set_lock_after_seconds(&mut self, seconds: Option<u32>) {
        self.lock_after_seconds = seconds;
        if self.apply_lock_timeout().is_err() {
            // The practice could not be read: still apply a shorter override.
            if let Some(s) = seconds {
                let current = self.session.timeout_seconds();
                self.session.set_timeout_seconds(s.min(current));
            }
        }
    }

    fn apply_lock_timeout(&mut self) -> CoreResult<()> {
        let seconds = self.lock_after_seconds()?;
        self.session.set_timeout_seconds(seconds);
        Ok(())
    }

    /// Idle seconds before the screen locks, as the UI should count them: the practice's
    /// minutes, or the override when it is shorter.
    pub fn lock_after_seconds(&self) -> CoreResult<u32> {
        let minutes = self
            .db
            .practice()?
            .map_or(DEFAULT_LOCK_MINUTES, |p| p.auto_lock_minutes);
        let practice = minutes.max(1).saturating_mul(60);
        Ok(self
            .lock_after_seconds
            .map_or(practice, |s| s.min(practice)))
    }

    pub fn practice(&self) -> CoreResult<Option<Practice>> {
        self.db.practice()
    }

    pub fn db(&self) -> &ChartDb {
        &self.db
    }

    pub fn db_path(&self) -> &Path {
        &self.db_path
    }
}

/// A login event recorded while the database was closed, as an audit row.
fn pending_event(p: &PendingEvent) -> AuditEvent {
    let outcome = Outcome::parse(&p.outcome).unwrap_or(Outcome::Failed);
    let detail = if p.action == "restore" {
        backups::RESTORE_LOST_FILE
    } else {
        "wrong password or unknown user, while the practice was closed"
    };
    AuditEvent::new(p.at, None, &p.username, &p.action, outcome).detail(detail)
}

fn unlock_detail(e: &UnlockError) -> String {
    match e {
        UnlockError::UnknownUser => "unknown username".into(),
        UnlockError::WrongPassword { attempts_left } => {
            format!("wrong password; {attempts_left} attempts left")
        }
        UnlockError::LockedOut { until } => format!("locked out until {}", until.to_rfc3339()),
        UnlockError::Store(err) => format!("keystore: {err}"),
    }
}

/// One message for unknown users and wrong passwords, so usernames cannot be probed.
fn login_error(e: UnlockError) -> CoreError {
    match e {
        UnlockError::UnknownUser | UnlockError::WrongPassword { .. } => {
            CoreError::Unauthenticated("Wrong username or password".into())
        }
        UnlockError::LockedOut { until } => CoreError::Unauthenticated(format!(
            "Too many wrong passwords: this account is locked until {} UTC, or until the practice admin resets it",
            until.format("%H:%M")
        )),
        UnlockError::Store(err) => err,
    }
}
