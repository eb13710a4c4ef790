//! Crash safety: a writer in a child process (`charta-crash-writer`) registers patients in an
//! encrypted database and acknowledges each commit on stdout; this test SIGKILLs it at
//! seeded-random moments — during start-up, key check, WAL recovery or mid-transaction — and
//! after every kill reopens the same file and asserts `integrity_check` is ok, the audit chain
//! verifies, and every acknowledged patient is there. A second test does the same to a writer
//! saving draft after draft of one visit note (`CHARTA_CRASH_DRAFT_ROUNDS`, default 12): the
//! last acknowledged draft, or a later one, is on file with its whole text.
//!
//! Rounds: `CHARTA_CRASH_ROUNDS` (default 24, which keeps CI well under a minute); seed:
//! `CHARTA_CRASH_SEED`; whole-file checks every `CHARTA_CRASH_FULL_CHECK_EVERY` rounds
//! (default 1: every round). The documented long run (checking the whole file every 10th round
//! keeps it linear; each round still looks up its own acknowledged writes):
//!
//! ```sh
//! CHARTA_CRASH_ROUNDS=1000 CHARTA_CRASH_FULL_CHECK_EVERY=10 cargo test --release -p charta-core --test crash_safety -- --nocapture
//! ```

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // a test

use charta_core::chart::common::VisitType;
use charta_core::chart::visits::{crash_draft_text, VisitDraft};
use charta_core::ids::VisitId;
use charta_core::patient::MAX_PAGE_SIZE;
use charta_core::synth::Rng;
use charta_core::testing::{person, staffed_practice, test_now};
use charta_core::vault::{keystore_path_for, DbKey, KdfParams, Keystore};
use charta_core::{ChartDb, PatientId, UserId};
use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const PASSWORD: &str = "crash test password";

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A writer life at least this long has had time to start and commit: most such rounds must
/// have acknowledged something, or the test would pass on a writer that never writes.
const LONG_ROUND: Duration = Duration::from_millis(200);

/// One writer life: started, left running for `run_for`, killed. Returns what it acknowledged.
fn run_and_kill(db: &Path, round: u32, run_for: Duration) -> Vec<PatientId> {
    run_and_kill_with(db, &["--user", "desk"], round, run_for)
        .iter()
        .map(|id| PatientId::parse(id).unwrap())
        .collect()
}

/// A writer life with `args`; returns the text after each `ack `.
fn run_and_kill_with(db: &Path, args: &[&str], round: u32, run_for: Duration) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charta-crash-writer"))
        .args(["--db", db.to_str().unwrap()])
        .args(args)
        .args(["--round", &round.to_string()])
        .env("CHARTA_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the writer starts");
    let stdout = child.stdout.take().unwrap();
    // Reads until the pipe closes: everything printed before the kill is still in it.
    let reader = std::thread::spawn(move || {
        BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("ack ").map(str::to_string))
            .collect::<Vec<_>>()
    });
    std::thread::sleep(run_for);
    let killed_early = child.try_wait().unwrap();
    // `Child::kill` is SIGKILL on Unix: no destructors, no flush, no checkpoint.
    let _ = child.kill();
    let status = child.wait().unwrap();
    if let Some(status) = killed_early {
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        panic!("round {round}: the writer exited by itself ({status}) before the kill: {err}");
    }
    assert!(!status.success());
    reader.join().unwrap()
}

/// Those of `ids` that are not on file, asked through the checked door as the front desk.
fn not_on_file(db: &mut ChartDb, ids: &[PatientId]) -> Vec<PatientId> {
    let desk = db.actor(UserId::from_u128(4)).unwrap();
    let mut present = HashSet::new();
    for page in ids.chunks(MAX_PAGE_SIZE as usize) {
        let found = db
            .as_user(&desk)
            .patient_summaries(page, test_now())
            .unwrap();
        present.extend(found.into_iter().map(|s| s.id));
    }
    ids.iter()
        .filter(|id| !present.contains(id))
        .copied()
        .collect()
}

#[test]
fn acknowledged_writes_survive_sigkill_at_random_moments() {
    let rounds = env_number("CHARTA_CRASH_ROUNDS", 24) as u32;
    let seed = env_number("CHARTA_CRASH_SEED", 20261126);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let key = DbKey::generate().unwrap();
    {
        let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
        staffed_practice(&mut db, test_now()).unwrap();
    }
    Keystore::create_with_params(
        &keystore_path_for(&path),
        &key,
        &UserId::from_u128(4).to_string(),
        "desk",
        PASSWORD,
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();

    let mut rng = Rng::new(seed);
    let mut acknowledged: Vec<PatientId> = Vec::new();
    let mut empty_rounds = 0;
    let (mut long_rounds, mut long_rounds_with_acks) = (0u32, 0u32);
    let full_every = env_number("CHARTA_CRASH_FULL_CHECK_EVERY", 1).max(1) as u32;
    let mut full_checks = 0;
    let started = Instant::now();
    for round in 0..rounds {
        // Mostly long enough for a few commits; sometimes so short the kill lands in start-up
        // or in the recovery of the previous round's WAL.
        let run_for = Duration::from_millis(if rng.chance(200) {
            rng.below(40)
        } else {
            40 + rng.below(400)
        });
        let acks = run_and_kill(&path, round, run_for);
        if acks.is_empty() {
            empty_rounds += 1;
        }
        if run_for >= LONG_ROUND {
            long_rounds += 1;
            long_rounds_with_acks += u32::from(!acks.is_empty());
        }
        let round_acks = acks.len();
        acknowledged.extend(acks);

        let mut db = ChartDb::open_encrypted(&path, &key)
            .unwrap_or_else(|e| panic!("round {round}: the database does not reopen: {e}"));
        // This round's acknowledged writes are looked up every round; the whole-file checks
        // (integrity, chain, every write so far) run every `full_every` rounds and at the end,
        // so a long run stays linear. Damage does not heal, so it is still caught.
        let missing = not_on_file(&mut db, &acknowledged[acknowledged.len() - round_acks..]);
        assert!(
            missing.is_empty(),
            "round {round}: acknowledged patients lost: {missing:?}"
        );
        if (round + 1) % full_every != 0 && round + 1 != rounds {
            continue;
        }
        full_checks += 1;
        assert!(
            db.integrity_ok().unwrap(),
            "round {round}: integrity_check failed"
        );
        let admin = db.actor(UserId::from_u128(1)).unwrap();
        let chain = db.as_user(&admin).verify_audit_chain(test_now()).unwrap();
        assert!(
            chain.ok(),
            "round {round}: audit chain broken: {}",
            chain.message
        );
        let missing = not_on_file(&mut db, &acknowledged);
        assert!(
            missing.is_empty(),
            "round {round}: {} acknowledged patients lost, e.g. {:?}",
            missing.len(),
            missing.first()
        );
        assert!(chain.rows as usize >= acknowledged.len());
        if (round + 1) % 100 < full_every {
            println!(
                "crash safety: round {} of {rounds}, {} acknowledged, {:.0} s",
                round + 1,
                acknowledged.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "crash safety: {rounds} rounds, {} acknowledged writes all present, {empty_rounds} \
         rounds killed before the first ack, {long_rounds_with_acks} of {long_rounds} rounds of \
         {} ms or more acknowledged, {full_checks} whole-file checks, {:.1} s (seed {seed})",
        acknowledged.len(),
        LONG_ROUND.as_millis(),
        started.elapsed().as_secs_f64()
    );
    // Survival proves nothing unless writes were acknowledged: every run, most rounds that ran
    // long enough to commit must have acknowledged at least one patient.
    assert!(!acknowledged.is_empty(), "the writer acknowledged nothing");
    assert!(
        long_rounds > 0,
        "no round ran {} ms; raise CHARTA_CRASH_ROUNDS",
        LONG_ROUND.as_millis()
    );
    assert!(
        long_rounds_with_acks * 2 >= long_rounds,
        "only {long_rounds_with_acks} of {long_rounds} rounds of {} ms or more acknowledged a write",
        LONG_ROUND.as_millis()
    );
}

#[test]
fn an_acknowledged_draft_survives_sigkill_with_its_text() {
    let rounds = env_number("CHARTA_CRASH_DRAFT_ROUNDS", 12) as u32;
    let seed = env_number("CHARTA_CRASH_SEED", 20261126);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("charta.db");
    let key = DbKey::generate().unwrap();
    let visit = VisitId::from_u128(7);
    let patient = PatientId::from_u128(7);
    {
        let mut db = ChartDb::open_encrypted(&path, &key).unwrap();
        let staff = staffed_practice(&mut db, test_now()).unwrap();
        db.as_user(&staff.front_desk)
            .register_patient(
                &person("Okafor", "Ada", "1970-03-04", ""),
                true,
                patient,
                test_now(),
            )
            .unwrap();
        let draft = VisitDraft {
            visit_type: VisitType::Office,
            reason: "Headaches".into(),
            started_at: None,
            provider_id: None,
            template_id: None,
        };
        db.as_user(&staff.physician)
            .start_visit(patient, &draft, visit, test_now())
            .unwrap();
    }
    Keystore::create_with_params(
        &keystore_path_for(&path),
        &key,
        &UserId::from_u128(2).to_string(),
        "doc",
        PASSWORD,
        test_now(),
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )
    .unwrap();
    let visit_arg = visit.to_string();
    let args = ["--user", "doc", "--draft-visit", visit_arg.as_str()];
    let mut rng = Rng::new(seed ^ 0x5eed);
    let mut last_acked = 0u32;
    for round in 0..rounds {
        let run_for = Duration::from_millis(if rng.chance(200) {
            rng.below(40)
        } else {
            40 + rng.below(400)
        });
        let acks = run_and_kill_with(&path, &args, round, run_for);
        if let Some(last) = acks.last() {
            last_acked = last.parse().unwrap();
        }
        let mut db = ChartDb::open_encrypted(&path, &key)
            .unwrap_or_else(|e| panic!("round {round}: the database does not reopen: {e}"));
        let doc = db.actor(UserId::from_u128(2)).unwrap();
        let v = db.as_user(&doc).visit(visit, test_now()).unwrap();
        assert!(
            v.draft_version >= last_acked,
            "round {round}: draft {last_acked} was acknowledged, {} is on file",
            v.draft_version
        );
        // What is on file is whole: the text of exactly the version it says it is.
        let expected = if v.draft_version == 0 {
            String::new()
        } else {
            crash_draft_text(v.draft_version)
        };
        assert_eq!(v.note.subjective, expected, "round {round}");
        last_acked = v.draft_version;
        assert!(
            db.integrity_ok().unwrap(),
            "round {round}: integrity_check failed"
        );
    }
    println!("crash safety: {rounds} rounds of drafts, version {last_acked} on file with its text");
    assert!(last_acked > 0, "the writer acknowledged no draft");
}
