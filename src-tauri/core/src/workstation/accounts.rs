//! Accounts on the open workstation: passwords live in the keystore, accounts in the database,
//! so creating, resetting, changing and (de)activating touch both.

use super::Workstation;
use crate::access::AsUser;
use crate::audit::Outcome;
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::permissions::Operation;
use crate::users::{validate_password, User, UserDraft};
use chrono::{DateTime, Utc};

impl Workstation {
    /// Adds an account with its first password.
    pub fn create_user(
        &mut self,
        draft: &UserDraft,
        password: &str,
        id: UserId,
        now: DateTime<Utc>,
    ) -> CoreResult<User> {
        validate_password(password, &draft.username, "password").and(Ok(()))?;
        let user = self.run(now, |u| u.create_user(draft, id, now))?;
        self.keystore
            .set_password(&user.id.to_string(), &user.username, password, &self.key)?;
        Ok(user)
    }

    /// The admin sets a new password for someone (forgotten password); the user changes it.
    pub fn reset_password(
        &mut self,
        user_id: UserId,
        password: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        let user = self.run(now, |u| u.user(user_id, now))?;
        validate_password(password, &user.username, "password")?;
        if !user.active {
            return Err(CoreError::invalid(
                "password",
                "Reactivate the account first",
            ));
        }
        self.keystore
            .set_password(&user.id.to_string(), &user.username, password, &self.key)?;
        let actor = self.session.current(now)?;
        self.db.audit(
            &actor
                .event(now, "reset_password", Outcome::Ok)
                .entity("user", user.id),
        )
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
        self.keystore.set_password(
            &actor.user_id().to_string(),
            actor.username(),
            new,
            &self.key,
        )?;
        self.db
            .audit(&actor.event(now, "change_password", Outcome::Ok))
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
        if active {
            let user = self.run(now, |u| u.user(user_id, now))?;
            validate_password(new_password, &user.username, "password")?;
        }
        let user = self.run(now, |u| u.set_user_active(user_id, active, now))?;
        if active {
            self.keystore.set_password(
                &user.id.to_string(),
                &user.username,
                new_password,
                &self.key,
            )?;
        } else {
            let _ = self.keystore.remove_user(&user.id.to_string())?;
        }
        Ok(user)
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
            .read(|c| crate::store::users::get(c, id))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "user",
                id: id.to_string(),
            })
    }
}
