//! Checked operations on user accounts and on the audit log: what the practice admin does.
//! Passwords are set by the workstation layer (they live in the keystore), not here; the
//! `_then` forms run its keystore step inside the account's transaction, before the commit.

use crate::access::{Actor, AsUser};
use crate::audit::{self, AuditPage, AuditQuery, ChainCheck, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::UserId;
use crate::permissions::{Operation, Role};
use crate::practice::practice_zone;
use crate::store;
use crate::users::{validate_user, User, UserDraft};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

const AUDIT_PAGE_MAX: u32 = 500;

impl ChartDb {
    /// Creates the first account, which is always a practice admin. Refused once any user
    /// exists, so it cannot be used to slip in a second admin.
    pub fn create_first_admin(
        &mut self,
        draft: &UserDraft,
        id: UserId,
        now: DateTime<Utc>,
    ) -> CoreResult<Actor> {
        let mut valid = validate_user(draft)?;
        if !valid.roles.contains(&Role::Admin) {
            valid.roles.push(Role::Admin);
            valid.roles.sort();
        }
        self.write(|tx| {
            if store::users::count(tx)? > 0 {
                return Err(CoreError::Forbidden(
                    "The practice already has users; an admin adds new ones".into(),
                ));
            }
            store::users::insert(tx, id, &valid, now)?;
            let event =
                audit::AuditEvent::new(now, Some(id), &valid.username, "create_user", Outcome::Ok)
                    .entity("user", id)
                    .detail("first administrator, at setup");
            audit::append(tx, &event).map(|_| ())
        })?;
        self.actor(id)
    }

    /// Looks up an account by username (for logging in).
    pub fn user_by_username(&self, username: &str) -> CoreResult<Option<User>> {
        self.read(|c| store::users::by_username(c, &username.trim().to_lowercase()))
    }

    pub fn user_count(&self) -> CoreResult<u32> {
        self.read(store::users::count)
    }
}

impl AsUser<'_> {
    pub fn list_users(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<User>> {
        self.require(Operation::ManageUsers, "list_users", now)?;
        self.db.read(store::users::list)
    }

    /// Creates an account in the database only (no password): for tests and tools; the app
    /// adds accounts through `Workstation::create_user`.
    pub fn create_user(
        &mut self,
        draft: &UserDraft,
        id: UserId,
        now: DateTime<Utc>,
    ) -> CoreResult<User> {
        self.create_user_then(draft, id, now, |_| Ok(()))
    }

    /// Creates an account; `then` runs on the new account before the commit, and its failure
    /// undoes the account.
    pub(crate) fn create_user_then(
        &mut self,
        draft: &UserDraft,
        id: UserId,
        now: DateTime<Utc>,
        then: impl FnOnce(&User) -> CoreResult<()>,
    ) -> CoreResult<User> {
        self.require(Operation::ManageUsers, "create_user", now)?;
        let valid = validate_user(draft)?;
        let actor = self.actor;
        self.db.write(|tx| {
            if store::users::by_username(tx, &valid.username)?.is_some() {
                return Err(CoreError::invalid(
                    "username",
                    format!("\"{}\" is taken; choose another username", valid.username),
                ));
            }
            store::users::insert(tx, id, &valid, now)?;
            let roles: Vec<&str> = valid.roles.iter().map(|r| r.as_str()).collect();
            let event = actor
                .event(now, "create_user", Outcome::Ok)
                .entity("user", id)
                .detail(format!("{} ({})", valid.username, roles.join(", ")));
            audit::append(tx, &event)?;
            let user = store::users::get(tx, id)?
                .ok_or_else(|| CoreError::Corrupt("new user not found".into()))?;
            then(&user)?;
            Ok(user)
        })
    }

    /// Changes an account; `then` sees it before and after, before the commit, and its
    /// failure undoes the change. Only the workstation calls this: a new username must move
    /// the keystore entry too (`Workstation::update_user`).
    pub(crate) fn update_user_then(
        &mut self,
        id: UserId,
        expected_version: u32,
        draft: &UserDraft,
        now: DateTime<Utc>,
        then: impl FnOnce(&User, &User) -> CoreResult<()>,
    ) -> CoreResult<User> {
        self.require(Operation::ManageUsers, "update_user", now)?;
        let valid = validate_user(draft)?;
        let actor = self.actor;
        self.db.write(|tx| {
            let before = store::users::get(tx, id)?.ok_or_else(|| CoreError::NotFound {
                entity: "user",
                id: id.to_string(),
            })?;
            if let Some(other) = store::users::by_username(tx, &valid.username)? {
                if other.id != id {
                    return Err(CoreError::invalid(
                        "username",
                        format!("\"{}\" is taken; choose another username", valid.username),
                    ));
                }
            }
            if !store::users::update(tx, id, expected_version, &valid, now)? {
                return Err(CoreError::Conflict { entity: "user" });
            }
            if before.active
                && before.roles.contains(&Role::Admin)
                && store::users::count_active_admins(tx)? == 0
            {
                return Err(CoreError::invalid(
                    "roles",
                    "The practice needs at least one active admin",
                ));
            }
            let roles: Vec<&str> = valid.roles.iter().map(|r| r.as_str()).collect();
            let event = actor
                .event(now, "update_user", Outcome::Ok)
                .entity("user", id)
                .detail(format!("{} ({})", valid.username, roles.join(", ")));
            audit::append(tx, &event)?;
            let after = store::users::get(tx, id)?
                .ok_or_else(|| CoreError::Corrupt("updated user not found".into()))?;
            then(&before, &after)?;
            Ok(after)
        })
    }

    /// Deactivates (or reactivates) an account in the database only; accounts are never
    /// deleted. The app goes through `Workstation::set_user_active`, which also removes or
    /// restores the account's keystore entry.
    pub fn set_user_active(
        &mut self,
        id: UserId,
        active: bool,
        now: DateTime<Utc>,
    ) -> CoreResult<User> {
        self.set_user_active_then(id, active, now, |_| Ok(()))
    }

    /// [`AsUser::set_user_active`] with `then` run on the changed account before the commit;
    /// its failure undoes the change.
    pub(crate) fn set_user_active_then(
        &mut self,
        id: UserId,
        active: bool,
        now: DateTime<Utc>,
        then: impl FnOnce(&User) -> CoreResult<()>,
    ) -> CoreResult<User> {
        self.require(Operation::ManageUsers, "set_user_active", now)?;
        if !active && id == self.actor.user_id() {
            return Err(CoreError::invalid(
                "active",
                "You cannot deactivate your own account",
            ));
        }
        let actor = self.actor;
        self.db.write(|tx| {
            if !store::users::set_active(tx, id, active, now)? {
                return Err(CoreError::NotFound {
                    entity: "user",
                    id: id.to_string(),
                });
            }
            if store::users::count_active_admins(tx)? == 0 {
                return Err(CoreError::invalid(
                    "active",
                    "The practice needs at least one active admin",
                ));
            }
            let action = if active {
                "reactivate_user"
            } else {
                "deactivate_user"
            };
            audit::append(
                tx,
                &actor.event(now, action, Outcome::Ok).entity("user", id),
            )?;
            let user = store::users::get(tx, id)?
                .ok_or_else(|| CoreError::Corrupt("user not found".into()))?;
            then(&user)?;
            Ok(user)
        })
    }

    /// One page of the audit log, filtered and sorted; the viewing itself is audited.
    pub fn audit_report(
        &mut self,
        query: &AuditQuery,
        now: DateTime<Utc>,
    ) -> CoreResult<AuditPage> {
        self.require(Operation::ViewAuditLog, "view_audit_log", now)?;
        let limit = query.limit.unwrap_or(100).clamp(1, AUDIT_PAGE_MAX);
        let offset = query.offset.unwrap_or(0);
        let filter = self.filter(query)?;
        let mut entries = self
            .db
            .read(|c| store::audit::query(c, &filter, query.sort, limit + 1, offset))?;
        let has_more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        let event = self
            .actor
            .event(now, "view_audit_log", Outcome::Ok)
            .detail(describe(query));
        self.db.write_relaxed(|tx| audit::append(tx, &event))?;
        Ok(AuditPage { entries, has_more })
    }

    /// Every row matching `query` (no paging) as CSV; the export is audited.
    pub fn export_audit_csv(
        &mut self,
        query: &AuditQuery,
        now: DateTime<Utc>,
    ) -> CoreResult<String> {
        self.require(Operation::ExportAuditLog, "export_audit_log", now)?;
        let filter = self.filter(query)?;
        let entries = self
            .db
            .read(|c| store::audit::query(c, &filter, query.sort, u32::MAX, 0))?;
        let event = self
            .actor
            .event(now, "export_audit_log", Outcome::Ok)
            .detail(format!("{} rows; {}", entries.len(), describe(query)));
        self.db.write(|tx| audit::append(tx, &event))?;
        Ok(audit::to_csv(&entries))
    }

    pub fn verify_audit_chain(&mut self, now: DateTime<Utc>) -> CoreResult<ChainCheck> {
        self.require(Operation::ViewAuditLog, "verify_audit_log", now)?;
        // Held against the head the keystore recorded, so a cut-off tail does not verify.
        let anchor = self.db.known_anchor().cloned();
        let check = self
            .db
            .read(|c| audit::verify_chain_against(c, anchor.as_ref(), "the keystore"))?;
        let outcome = if check.ok() {
            Outcome::Ok
        } else {
            Outcome::Failed
        };
        let event = self
            .actor
            .event(now, "verify_audit_log", outcome)
            .detail(check.message.clone());
        self.db.write(|tx| audit::append(tx, &event))?;
        Ok(check)
    }

    fn filter(&self, q: &AuditQuery) -> CoreResult<store::audit::Filter> {
        let zone = practice_zone(self.db)?;
        let day = |text: &Option<String>, field: &str| -> CoreResult<Option<NaiveDate>> {
            match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                None => Ok(None),
                Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                    .map(Some)
                    .map_err(|_| CoreError::invalid(field, "Use a date like 2026-11-26")),
            }
        };
        let start_of = |d: NaiveDate| -> String {
            let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
            let instant = zone
                .from_local_datetime(&local)
                .earliest()
                .map(|t| t.with_timezone(&Utc));
            crate::store::instant_to_sql(instant.unwrap_or_else(|| Utc.from_utc_datetime(&local)))
        };
        let from = day(&q.from, "from")?;
        let to = day(&q.to, "to")?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(CoreError::invalid(
                    "to",
                    "The last day is before the first day",
                ));
            }
        }
        Ok(store::audit::Filter {
            user_id: q.user_id,
            patient_id: q.patient_id,
            action: q.action.clone().filter(|a| !a.trim().is_empty()),
            outcome: q.outcome,
            emergency_only: q.emergency_only,
            from_utc: from.map(start_of),
            before_utc: to.and_then(|t| t.succ_opt()).map(start_of),
        })
    }
}

fn describe(q: &AuditQuery) -> String {
    let mut parts = Vec::new();
    if let Some(u) = q.user_id {
        parts.push(format!("user {u}"));
    }
    if let Some(p) = q.patient_id {
        parts.push(format!("patient {p}"));
    }
    if let Some(a) = &q.action {
        parts.push(format!("action {a}"));
    }
    if q.emergency_only {
        parts.push("emergency only".into());
    }
    if q.from.is_some() || q.to.is_some() {
        parts.push(format!(
            "{}..{}",
            q.from.as_deref().unwrap_or(""),
            q.to.as_deref().unwrap_or("")
        ));
    }
    if parts.is_empty() {
        "all rows".into()
    } else {
        parts.join(", ")
    }
}
