//! `charta-crash-writer`: the child process of the crash-safety test. Opens an encrypted chart
//! database as a user and registers synthetic patients one transaction at a time, printing
//! `ack <patient id>` only after each commit has returned — so every acknowledged patient must
//! survive a SIGKILL at any moment.
//!
//! With `--draft-visit ID` it instead saves drafts of that visit's note one after another,
//! printing `ack <draft version>` after each commit (the text of version `v` is
//! [`charta_core::chart::visits::crash_draft_text`]`(v)`): a power cut mid-sentence must lose
//! no acknowledged draft.
//!
//! Usage: `charta-crash-writer --db PATH --user NAME --round N [--seed N] [--max N]
//! [--draft-visit ID]`, the password in `$CHARTA_PASSWORD`.

#![allow(clippy::print_stdout)] // acknowledging on stdout is its job

use charta_core::chart::visits::{crash_draft_text, SoapNote};
use charta_core::ids::VisitId;
use charta_core::synth::PracticeGenerator;
use charta_core::vault::{keystore_path_for, Keystore};
use charta_core::{Actor, ChartDb, CoreError, PatientId, UserId};
use chrono::Utc;
use std::io::Write;
use std::path::PathBuf;

struct Options {
    db: PathBuf,
    user: String,
    round: u32,
    seed: u64,
    max: u64,
    draft_visit: Option<VisitId>,
}

fn parse_args() -> Result<Options, String> {
    let mut db = None;
    let mut user = None;
    let (mut round, mut seed, mut max) = (0u32, 1u64, u64::MAX);
    let mut draft_visit = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--round" => round = value()?.parse().map_err(|_| "--round takes a number")?,
            "--seed" => seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "--max" => max = value()?.parse().map_err(|_| "--max takes a number")?,
            "--draft-visit" => {
                draft_visit =
                    Some(VisitId::parse(&value()?).ok_or("--draft-visit takes a visit id")?)
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options {
        db: db.ok_or("--db PATH is required")?,
        user: user.ok_or("--user NAME is required")?,
        round,
        seed,
        max,
        draft_visit,
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
    if let Some(visit) = o.draft_visit {
        return save_drafts(&mut db, &actor, visit, o.max);
    }
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

/// Saves draft after draft of `visit`, each naming the version it read back last.
fn save_drafts(db: &mut ChartDb, actor: &Actor, visit: VisitId, max: u64) -> Result<(), CoreError> {
    let mut version = db.as_user(actor).visit(visit, Utc::now())?.draft_version;
    let mut out = std::io::stdout().lock();
    for _ in 0..max {
        let note = SoapNote {
            subjective: crash_draft_text(version + 1),
            ..SoapNote::default()
        };
        version = db
            .as_user(actor)
            .save_draft(visit, version, &note, Utc::now())?
            .draft_version;
        writeln!(out, "ack {version}")?;
        out.flush()?;
    }
    Ok(())
}
