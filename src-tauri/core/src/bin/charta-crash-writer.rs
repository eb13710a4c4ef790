//! `charta-crash-writer`: the child process of the crash-safety test. Opens an encrypted chart
//! database as a user and registers synthetic patients one transaction at a time, printing
//! `ack <patient id>` only after each commit has returned — so every acknowledged patient must
//! survive a SIGKILL at any moment.
//!
//! Usage: `charta-crash-writer --db PATH --user NAME --round N [--seed N] [--max N]`, the
//! password in `$CHARTA_PASSWORD`.

#![allow(clippy::print_stdout)] // acknowledging on stdout is its job

use charta_core::synth::PracticeGenerator;
use charta_core::vault::{keystore_path_for, Keystore};
use charta_core::{ChartDb, CoreError, PatientId, UserId};
use chrono::Utc;
use std::io::Write;
use std::path::PathBuf;

struct Options {
    db: PathBuf,
    user: String,
    round: u32,
    seed: u64,
    max: u64,
}

fn parse_args() -> Result<Options, String> {
    let mut db = None;
    let mut user = None;
    let (mut round, mut seed, mut max) = (0u32, 1u64, u64::MAX);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--round" => round = value()?.parse().map_err(|_| "--round takes a number")?,
            "--seed" => seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--max" => max = value()?.parse().map_err(|_| "--max takes a number")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options {
        db: db.ok_or("--db PATH is required")?,
        user: user.ok_or("--user NAME is required")?,
        round,
        seed,
        max,
    })
}

fn main() {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("charta-crash-writer: {message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&options) {
        eprintln!("charta-crash-writer: {e}");
        std::process::exit(1);
    }
}

fn run(o: &Options) -> Result<(), CoreError> {
    let password = std::env::var("CHARTA_PASSWORD")
        .map_err(|_| CoreError::invalid("password", "set CHARTA_PASSWORD"))?;
    let mut keystore = Keystore::load(&keystore_path_for(&o.db))?;
    let unlocked = keystore
        .unlock(&o.user, &password, Utc::now())
        .map_err(|e| CoreError::Unauthenticated(e.to_string()))?;
    let mut db = ChartDb::open_encrypted(&o.db, &unlocked.key)?;
    let user_id = UserId::parse(&unlocked.user_id)
        .ok_or_else(|| CoreError::Corrupt("the keystore's user id is not a user id".into()))?;
    let actor = db.actor(user_id)?;
    let mut generator = PracticeGenerator::new(o.seed.wrapping_add(u64::from(o.round)));
    let mut out = std::io::stdout().lock();
    for i in 0..o.max {
        let id = PatientId::from_u128((u128::from(o.round) << 64) | u128::from(i));
        db.as_user(&actor)
            .register_patient(&generator.patient_draft(), true, id, Utc::now())?;
        writeln!(out, "ack {id}")?;
        out.flush()?;
    }
    Ok(())
}
