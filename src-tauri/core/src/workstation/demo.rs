//! The demo practice: its users (all with [`DEMO_PASSWORD`]), synthetic patients, their
//! generated charting and appointment book, made in one step at first start.

use super::setup::create_practice;
use super::{startup, Startup, Workstation, DEMO_PASSWORD, DEMO_USERS};
use crate::error::{CoreError, CoreResult};
use crate::fault;
use crate::ids::UserId;
use crate::permissions::Role;
use crate::users::UserDraft;
use crate::vault::{DbKey, KdfParams};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Years of appointment history the app's first-run demo gets (its 8 weeks ahead are always
/// there): enough for a patient's past visits, short enough for a quick first start.
pub const DEMO_SCHEDULE_YEARS: u32 = 1;

/// The smallest charted demo that includes the scenario patients Walter Ibsen and Paula
/// Brennan (`synth::medications::scenarios`), the last two chart numbers of the practice, and
/// the check-up's three (`synth::checkup::scenarios`), the three before them.
pub const MIN_FOR_SCENARIOS: u32 = 10;

impl Workstation {
    /// First start of the demo: an encrypted practice of synthetic patients with one user per
    /// role, all with [`DEMO_PASSWORD`]. Nobody is logged in afterwards.
    pub fn set_up_demo(
        db_path: &Path,
        patients: u32,
        now: DateTime<Utc>,
    ) -> CoreResult<Workstation> {
        Self::set_up_demo_with(db_path, patients, now, KdfParams::RECOMMENDED)
    }

    /// [`Workstation::set_up_demo`] without the generated charting (patients only).
    pub fn set_up_demo_uncharted(
        db_path: &Path,
        patients: u32,
        now: DateTime<Utc>,
    ) -> CoreResult<Workstation> {
        Self::set_up_demo_charted(db_path, patients, false, 0, now, KdfParams::RECOMMENDED)
    }

    /// [`Workstation::set_up_demo`] with a chosen password-hashing cost.
    pub fn set_up_demo_with(
        db_path: &Path,
        patients: u32,
        now: DateTime<Utc>,
        kdf: KdfParams,
    ) -> CoreResult<Workstation> {
        Self::set_up_demo_charted(db_path, patients, true, DEMO_SCHEDULE_YEARS, now, kdf)
    }

    /// The charted demo practice with `schedule_years` of appointment history (0: an empty
    /// appointment book), for `charta-admin seed-demo`.
    pub fn set_up_demo_with_schedule(
        db_path: &Path,
        patients: u32,
        schedule_years: u32,
        now: DateTime<Utc>,
    ) -> CoreResult<Workstation> {
        Self::set_up_demo_charted(
            db_path,
            patients,
            true,
            schedule_years,
            now,
            KdfParams::RECOMMENDED,
        )
    }

    /// The demo practice; with `chart`, every patient gets 15 years of generated charting by
    /// the demo physicians and nurse, a generated medication list, lab results and
    /// immunizations (and, from [`MIN_FOR_SCENARIOS`] patients, the last five are the
    /// check-up's and the prescribing story's scenario patients), and with `schedule` too the appointment book of a
    /// four-physician practice (`schedule_years` back, 8 weeks ahead) with the nurse as a
    /// provider.
    fn set_up_demo_charted(
        db_path: &Path,
        patients: u32,
        chart: bool,
        schedule_years: u32,
        now: DateTime<Utc>,
        kdf: KdfParams,
    ) -> CoreResult<Workstation> {
        if startup(db_path)? != Startup::NeedsSetup {
            return Err(CoreError::Forbidden(
                "This practice is already set up; log in".into(),
            ));
        }
        let key = DbKey::generate()?;
        let (first, rest) = DEMO_USERS
            .split_first()
            .ok_or_else(|| CoreError::Corrupt("no demo users".into()))?;
        let admin_id = UserId::from_u128(0xDE40_0001);
        let (db, keystore, _recovery, ()) = create_practice(
            db_path,
            &key,
            (admin_id, first.0, DEMO_PASSWORD),
            now,
            kdf,
            |db, keystore| {
                // The prescribing story's two scenario patients and the check-up's three are
                // among the count.
                let scenarios = chart && patients >= MIN_FOR_SCENARIOS;
                let generated = if scenarios { patients - 5 } else { patients };
                db.seed_demo(generated, now)?;
                fault::point("setup:before_admin")?;
                let admin = db.create_first_admin(&demo_draft(first), admin_id, now)?;
                let mut providers = crate::synth::ChartProviders {
                    physicians: Vec::new(),
                    nurse: None,
                };
                let mut desk = None;
                for (i, user) in rest.iter().enumerate() {
                    let id = UserId::from_u128(0xDE40_0002 + i as u128);
                    db.as_user(&admin).create_user(&demo_draft(user), id, now)?;
                    keystore.set_password(&id.to_string(), user.0, DEMO_PASSWORD, &key)?;
                    if user.2.contains(&Role::Physician) {
                        providers.physicians.push(id);
                    } else if user.2.contains(&Role::Nurse) {
                        providers.nurse = providers.nurse.or(Some(id));
                    } else if user.2.contains(&Role::FrontDesk) {
                        desk = desk.or(Some(id));
                    }
                }
                if chart && patients > 0 {
                    db.add_generated_charts(2026, &providers, now)?;
                    db.add_generated_medications(2026, &providers, now)?;
                }
                if chart && schedule_years > 0 {
                    let who = crate::synth::ScheduleProviders {
                        physicians: providers.physicians.clone(),
                        nurse: providers.nurse,
                        desk,
                    };
                    // With no patients this is the schedule's set-up alone: a practice ready
                    // to book, or to take another practice's book in.
                    db.add_generated_schedule_years(2026, &who, schedule_years, now)?;
                }
                if chart && patients > 0 {
                    db.add_generated_checkup(2026, &providers, now)?;
                }
                if scenarios {
                    db.add_checkup_scenarios(&providers, 0xDE42_0000_0000, now)?;
                    db.add_demo_scenarios(&providers, 0xDE41_0000_0000, now)?;
                }
                Ok(())
            },
        )?;
        Workstation::assemble(db, keystore, key, db_path)
    }
}

/// Synthetic prescriber credentials for the demo's physicians (valid check digits, no real
/// registrant): licence, NPI, DEA.
fn demo_credentials(username: &str) -> (&'static str, &'static str, &'static str) {
    match username {
        "drreyes" => ("MD-DEMO-1001", "1234567893", "BR1234563"),
        "drchen" => ("MD-DEMO-1002", "1900000013", "BC2345672"),
        "drpatel" => ("MD-DEMO-1003", "1900000021", "BP3456781"),
        "drokafor" => ("MD-DEMO-1004", "1900000039", "BO4567890"),
        _ => ("", "", ""),
    }
}

fn demo_draft(user: &(&str, &str, &[Role])) -> UserDraft {
    let (licence, npi, dea) = if user.2.contains(&Role::Physician) {
        demo_credentials(user.0)
    } else {
        ("", "", "")
    };
    UserDraft {
        username: user.0.into(),
        display_name: user.1.into(),
        roles: user.2.to_vec(),
        licence_number: licence.into(),
        npi: npi.into(),
        dea: dea.into(),
    }
}
