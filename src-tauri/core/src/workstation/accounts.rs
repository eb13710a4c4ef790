//! Accounts on the open workstation: passwords live in the keystore, accounts in the database,
//! so creating, renaming, resetting, changing and (de)activating touch both. Each runs its
//! keystore write inside the database transaction, just before the commit, and puts the
//! keystore back if the transaction does not commit: the two never disagree.

use super::Workstation;
use crate::access::AsUser;
use crate::audit::{self, AuditEvent, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::fault;
use crate::ids::UserId;
use crate::permissions::Operation;
use crate::store;
use crate::users::{validate_password, User, UserDraft};
use crate::vault::Keystore;
use chrono::{DateTime, Utc};

/// Runs `op` (a database transaction whose last step writes the keystore); if it fails after
/// that write, the keystore is put back as it was before.
fn in_step<T>(
    keystore: &mut Keystore,
    op: impl FnOnce(&mut Keystore) -> CoreResult<T>,
) -> CoreResult<T> {
    let before = keystore.snapshot();
    let result = op(keystore);
    if let Err(error) = &result {
        if let Err(undo) = keystore.restore(before) {
            return Err(CoreError::Io(std::io::Error::other(format!(
                "{error}; the keystore could not be put back as it was either: {undo}"
            ))));
        }
    }
    result
}

impl Workstation {
    /// Adds an account with its first password.
    pub fn create_user(
        &mut self,
        draft: &UserDraft,
        password: &str,
        id: UserId,
        now: DateTime<Utc>,
    ) -> CoreResult<User> {
        validate_password(password, &draft.username, "password")?;
        self.run_with_keystore(now, |u, keystore, key| {
            in_step(keystore, |keystore| {
                u.create_user_then(draft, id, now, |user| {
                    keystore.set_password(&user.id.to_string(), &user.username, password, key)?;
                    fault::point("create_user:before_commit")
                })
            })
        })
    }

    /// Changes an account; a new username moves the account's keystore entry with it, so
    /// the new name logs in and the old one no longer does.
    pub fn update_user(
        &mut self,
        id: UserId,
        expected_version: u32,
        draft: &UserDraft,
        now: DateTime<Utc>,
    ) -> CoreResult<User> {
        let user = self.run_with_keystore(now, |u, keystore, _| {
            in_step(keystore, |keystore| {
                u.update_user_then(id, expected_version, draft, now, |before, after| {
                    if before.username != after.username {
                        keystore.rename_user(&id.to_string(), &after.username)?;
                    }
                    fault::point("update_user:before_commit")
                })
            })
        })?;
        // Someone who edited their own account acts (and is audited) as it is now. The change
        // is committed: if the account cannot be re-read, unlock still reads it afresh.
        if self.session.current(now).map(|a| a.user_id()).ok() == Some(id) {
            if let Ok(actor) = self.db.actor(id) {
                self.session.start(actor, now);
            }
        }
        Ok(user)
    }

    /// The admin sets a new password for someone (forgotten password); the user changes it.
    pub fn reset_password(
        &mut self,
        user_id: UserId,
        password: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        self.run_with_keystore(now, |u, keystore, key| {
            in_step(keystore, |keystore| {
                u.reset_password_then(user_id, now, |user| {
                    validate_password(password, &user.username, "password")?;
                    keystore.set_password(&user.id.to_string(), &user.username, password, key)?;
                    fault::point("reset_password:before_commit")
                })
            })
        })
    }

    /// The logged-in user changes their own password, proving the current one.
    pub fn change_own_password(
        &mut self,
        current: &str,
        new: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let actor = self.session.current(now)?;
        validate_password(new, actor.username(), "newPassword")?;
        if self
            .keystore
            .unlock(actor.username(), current, now)
            .is_err()
        {
            self.db.audit(
                &actor
                    .event(now, "change_password", Outcome::Failed)
                    .detail("wrong current password"),
            )?;
            return Err(CoreError::invalid(
                "currentPassword",
                "That is not your current password",
            ));
        }
        self.run_with_keystore(now, |u, keystore, key| {
            in_step(keystore, |keystore| {
                let event = actor.event(now, "change_password", Outcome::Ok);
                u.audit_then(&event, || {
                    keystore.set_password(
                        &actor.user_id().to_string(),
                        actor.username(),
                        new,
                        key,
                    )?;
                    fault::point("change_password:before_commit")
                })
            })
        })
    }

    /// Deactivates (removing the account's key, so its password no longer opens the file) or
    /// reactivates with a new password.
    pub fn set_user_active(
        &mut self,
        user_id: UserId,
        active: bool,
        new_password: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<User> {
        self.run_with_keystore(now, |u, keystore, key| {
            in_step(keystore, |keystore| {
                u.set_user_active_then(user_id, active, now, |user| {
                    let id = user.id.to_string();
                    if active {
                        validate_password(new_password, &user.username, "password")?;
                        keystore.set_password(&id, &user.username, new_password, key)?;
                    } else {
                        keystore.remove_user(&id)?;
                    }
                    fault::point("set_user_active:before_commit")
                })
            })
        })
    }
}

impl AsUser<'_> {
    /// For operations carried out by the workstation layer (backups): checks and audits a
    /// denial like every other operation.
    pub fn require_operation(
        &mut self,
        operation: Operation,
        action: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        self.require(operation, action, now)
    }

    /// One account, for the admin's screens.
    pub fn user(&mut self, id: UserId, now: DateTime<Utc>) -> CoreResult<User> {
        self.require(Operation::ManageUsers, "list_users", now)?;
        self.db
            .read(|c| store::users::get(c, id))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "user",
                id: id.to_string(),
            })
    }

    /// The admin's reset of an active account's password: audited in the transaction that
    /// `set` (the keystore write) runs in, so there is no reset without its audit row.
    pub(crate) fn reset_password_then(
        &mut self,
        id: UserId,
        now: DateTime<Utc>,
        set: impl FnOnce(&User) -> CoreResult<()>,
    ) -> CoreResult<()> {
        self.require(Operation::ManageUsers, "reset_password", now)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let user = store::users::get(tx, id)?.ok_or_else(|| CoreError::NotFound {
                entity: "user",
                id: id.to_string(),
            })?;
            if !user.active {
                return Err(CoreError::invalid(
                    "password",
                    "Reactivate the account first",
                ));
            }
            let event = actor
                .event(now, "reset_password", Outcome::Ok)
                .entity("user", id);
            audit::append(tx, &event)?;
            set(&user)
        })
    }

    /// Appends `event` and runs `step` in one transaction: `step`'s failure leaves no row.
    pub(crate) fn audit_then(
        &mut self,
        event: &AuditEvent,
        step: impl FnOnce() -> CoreResult<()>,
    ) -> CoreResult<()> {
        self.db.write(|tx| {
            audit::append(tx, event)?;
            step()
        })
    }
}
