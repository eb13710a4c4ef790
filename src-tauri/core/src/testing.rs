//! Helpers for tests across the workspace: a practice with users of each role, at fixed ids.
//! Creates accounts in the database only; passwords (the keystore) are not involved.

use crate::access::Actor;
use crate::db::ChartDb;
use crate::error::CoreResult;
use crate::ids::UserId;
use crate::patient::{PatientDraft, PatientStatus, Phone, PhoneKind, PostalAddress, SexAtBirth};
use crate::permissions::Role;
use crate::practice::PracticeDraft;
use crate::users::UserDraft;
use chrono::{DateTime, TimeZone, Utc};

/// 26 Nov 2026, 15:00 UTC: the fixed "now" of tests.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0)
        .single()
        .unwrap_or_default()
}

pub fn user_draft(username: &str, roles: &[Role]) -> UserDraft {
    UserDraft {
        username: username.into(),
        display_name: format!("Test {username}"),
        roles: roles.to_vec(),
        licence_number: String::new(),
        npi: String::new(),
        dea: String::new(),
    }
}

/// The actors of a test practice.
#[derive(Debug, Clone)]
pub struct Staff {
    pub admin: Actor,
    pub physician: Actor,
    pub nurse: Actor,
    pub front_desk: Actor,
}

/// Sets up the practice (New York time) with an admin, a physician, a nurse and a front
/// desk user.
pub fn staffed_practice(db: &mut ChartDb, now: DateTime<Utc>) -> CoreResult<Staff> {
    db.set_up_practice(
        &PracticeDraft::new("Test Practice", "", "", "America/New_York"),
        now,
    )?;
    let admin = db.create_first_admin(
        &user_draft("admin", &[Role::Admin]),
        UserId::from_u128(1),
        now,
    )?;
    let mut make = |name: &str, role: Role, n: u128| -> CoreResult<Actor> {
        let user = db.as_user(&admin).create_user(
            &user_draft(name, &[role]),
            UserId::from_u128(n),
            now,
        )?;
        db.actor(user.id)
    };
    let physician = make("doc", Role::Physician, 2)?;
    let nurse = make("nurse", Role::Nurse, 3)?;
    let front_desk = make("desk", Role::FrontDesk, 4)?;
    Ok(Staff {
        admin,
        physician,
        nurse,
        front_desk,
    })
}

/// A registration form with just the fields a test cares about (no phone when `phone` is "").
pub fn person(family: &str, given: &str, dob: &str, phone: &str) -> PatientDraft {
    PatientDraft {
        family_name: family.into(),
        given_name: given.into(),
        middle_name: String::new(),
        preferred_name: String::new(),
        date_of_birth: dob.into(),
        sex_at_birth: Some(SexAtBirth::Female),
        gender_identity: String::new(),
        pronouns: String::new(),
        phones: if phone.is_empty() {
            vec![]
        } else {
            vec![Phone {
                kind: PhoneKind::Mobile,
                number: phone.into(),
            }]
        },
        email: String::new(),
        address: PostalAddress::default(),
        preferred_language: String::new(),
        emergency_contact: None,
        status: PatientStatus::Active,
        deceased_on: String::new(),
    }
}

/// What someone with the key (and the file) can do to the audit log: drop its append-only
/// triggers and delete every row from `from_seq` on. For tests of the audit anchor.
pub fn cut_audit_tail(db: &mut ChartDb, from_seq: i64) -> CoreResult<()> {
    db.write(|tx| {
        tx.execute_batch(
            "DROP TRIGGER audit_log_is_append_only_u; DROP TRIGGER audit_log_is_append_only_d;",
        )?;
        tx.execute("DELETE FROM audit_log WHERE seq >= ?1", [from_seq])?;
        Ok(())
    })
}
