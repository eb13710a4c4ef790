//! Who is acting, and the checked door to every operation: each call asks the permission
//! table, honours restricted charts and emergency grants, and writes its audit row in the
//! same transaction as its effect. A denial is audited too, and says who may do it.
//!
//! The door is enforced by the type system, not by convention: [`ChartDb`]'s connection
//! (`read`, `write`, `write_relaxed`) and every `store` function are private to
//! `charta-core`, so the desktop crate, the binaries and the tests reach patient data only
//! through `AsUser`'s methods (a `compile_fail` doctest on [`ChartDb`] proves it). The few
//! public methods on `ChartDb` itself hold no patient data (the setup of a new practice, the
//! register's size, file checks) or are the documented bulk seeding of a generated practice
//! ([`ChartDb::seed_demo`], [`ChartDb::add_generated_patients`]). Holding an open `ChartDb`
//! means holding the database key, so [`ChartDb::actor`] trusts its caller to have checked the
//! password (the workstation does); what the door guarantees is that every access is checked
//! against that actor's roles and audited under that actor's name. A new area (problems,
//! medications, notes…) adds its operations the same way: its SQL in a new `store/<area>.rs`
//! (crate-private), its operations as `impl AsUser<'_>` methods in its own module that first
//! call `AsUser::require` (or `require_for_patient` for one patient's data, which honours
//! restricted charts), then run the change and its `audit::append` in one `db.write`
//! transaction (reads in `db.write_relaxed`, so the read is audited too); a new
//! [`Operation`] gets its row in the permission table, which will not compile until every
//! role has a rule for it.

use crate::audit::{self, AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, UserId};
use crate::permissions::{any_allows, roles_allowed, Operation, Role};
use crate::store;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use ts_rs::TS;

/// How long emergency access to one restricted chart lasts.
pub const EMERGENCY_ACCESS_MINUTES: i64 = 30;

/// A logged-in user, as the operations see them. Made by [`ChartDb::actor`] from an active
/// account, after the caller has checked the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    user_id: UserId,
    username: String,
    display_name: String,
    roles: Vec<Role>,
}

impl Actor {
    pub fn user_id(&self) -> UserId {
        self.user_id
    }

    pub fn username(&self) -> &str {
        &self.username
    }

    pub fn display_name(&self) -> &str {
        &self.display_name
    }

    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    pub fn can(&self, operation: Operation) -> bool {
        any_allows(&self.roles, operation)
    }

    /// An audit event by this actor.
    pub fn event(&self, at: DateTime<Utc>, action: &str, outcome: Outcome) -> AuditEvent {
        AuditEvent::new(at, Some(self.user_id), &self.username, action, outcome)
    }
}

/// The sentence a denial shows: what was refused and which roles may do it.
pub fn denial_message(operation: Operation) -> String {
    let who: Vec<&str> = roles_allowed(operation).iter().map(|r| r.label()).collect();
    match who.as_slice() {
        [] => format!("Nobody may {}", operation.name()),
        [one] => format!("Only a {one} may {}", operation.name()),
        [init @ .., last] => format!(
            "Only a {} or {last} may {}",
            init.join(", "),
            operation.name()
        ),
    }
}

impl ChartDb {
    /// The actor for an active user account (after the password was checked elsewhere).
    pub fn actor(&self, user_id: UserId) -> CoreResult<Actor> {
        let user = self
            .read(|c| store::users::get(c, user_id))?
            .ok_or_else(|| CoreError::NotFound {
                entity: "user",
                id: user_id.to_string(),
            })?;
        if !user.active {
            return Err(CoreError::Unauthenticated(
                "This account is deactivated; ask the practice admin".into(),
            ));
        }
        Ok(Actor {
            user_id: user.id,
            username: user.username,
            display_name: user.display_name,
            roles: user.roles,
        })
    }

    /// Operations on this database as `actor`.
    pub fn as_user<'a>(&'a mut self, actor: &'a Actor) -> AsUser<'a> {
        AsUser { db: self, actor }
    }

    /// Appends one audit event in its own transaction.
    pub fn audit(&mut self, event: &AuditEvent) -> CoreResult<()> {
        self.write(|tx| audit::append(tx, event).map(|_| ()))
    }
}

/// How a patient-data operation was allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Access {
    Normal,
    /// Through an emergency grant on a restricted chart.
    Emergency,
}

/// [`ChartDb`] seen by one actor: the only way the application reaches data.
#[derive(Debug)]
pub struct AsUser<'a> {
    pub(crate) db: &'a mut ChartDb,
    pub(crate) actor: &'a Actor,
}

impl AsUser<'_> {
    pub fn actor(&self) -> &Actor {
        self.actor
    }

    /// Refuses (and audits the refusal) unless the actor's roles allow `operation`.
    pub(crate) fn require(
        &mut self,
        operation: Operation,
        action: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        if self.actor.can(operation) {
            return Ok(());
        }
        let event = self
            .actor
            .event(now, action, Outcome::Denied)
            .detail(operation.name());
        self.db.audit(&event)?;
        Err(CoreError::Forbidden(denial_message(operation)))
    }

    /// Like [`Self::require`] for one patient's data: a restricted chart also needs an
    /// unexpired emergency grant.
    pub(crate) fn require_for_patient(
        &mut self,
        operation: Operation,
        action: &str,
        patient: PatientId,
        now: DateTime<Utc>,
    ) -> CoreResult<Access> {
        if !self.actor.can(operation) {
            let event = self
                .actor
                .event(now, action, Outcome::Denied)
                .patient(patient)
                .detail(operation.name());
            self.db.audit(&event)?;
            return Err(CoreError::Forbidden(denial_message(operation)));
        }
        let restricted = self
            .db
            .read(|c| store::patients::is_restricted(c, patient))?;
        match restricted {
            None => Err(CoreError::NotFound {
                entity: "patient",
                id: patient.to_string(),
            }),
            Some(false) => Ok(Access::Normal),
            Some(true) => {
                let user = self.actor.user_id;
                if self
                    .db
                    .read(|c| store::users::active_grant(c, user, &patient.to_string(), now))?
                {
                    return Ok(Access::Emergency);
                }
                let event = self
                    .actor
                    .event(now, action, Outcome::Denied)
                    .patient(patient)
                    .detail("restricted chart without emergency access");
                self.db.audit(&event)?;
                Err(CoreError::Restricted(
                    "This chart is restricted. Use emergency access and give the reason; the practice admin will see it."
                        .into(),
                ))
            }
        }
    }

    /// Opens a restricted chart for [`EMERGENCY_ACCESS_MINUTES`], with the reason on record.
    pub fn emergency_access(
        &mut self,
        patient: PatientId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<DateTime<Utc>> {
        self.require(Operation::EmergencyAccess, "emergency_access", now)?;
        let reason = reason.trim();
        if reason.chars().count() < 10 {
            return Err(CoreError::invalid(
                "reason",
                "Say why you need this chart (at least 10 characters); the practice admin will read it",
            ));
        }
        if reason.chars().count() > 500 {
            return Err(CoreError::invalid(
                "reason",
                "Keep the reason under 500 characters",
            ));
        }
        let expires = now + Duration::minutes(EMERGENCY_ACCESS_MINUTES);
        let actor = self.actor;
        self.db.write(|tx| {
            if store::patients::is_restricted(tx, patient)?.is_none() {
                return Err(CoreError::NotFound {
                    entity: "patient",
                    id: patient.to_string(),
                });
            }
            store::users::add_grant(
                tx,
                actor.user_id,
                &patient.to_string(),
                reason,
                now,
                expires,
            )?;
            let event = actor
                .event(now, "emergency_access", Outcome::Ok)
                .patient(patient)
                .emergency(true)
                .detail(format!("{reason} (until {})", expires.to_rfc3339()));
            audit::append(tx, &event)?;
            Ok(expires)
        })
    }
}
