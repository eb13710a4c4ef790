//! `first-login`: how long the first login of the day keeps the front desk waiting, before and
//! after the daily backup moved into a background job. A measurement, not a test.
//!
//! Usage: `cargo run --release -p charta-core --example first-login -- [--patients N] [--db PATH]`
//! Builds the demo practice with N patients (default 100,000) at PATH (default a temporary
//! folder; an existing PATH is reused) and prints JSON lines with milliseconds for: logging in
//! (what the desk waits for now), the daily backup job (in the background), and logging in with
//! the backup inline as before.

#![allow(clippy::print_stdout, clippy::unwrap_used, clippy::expect_used)] // a measuring tool

use charta_core::workstation::{Workstation, DEMO_PASSWORD};
use chrono::{Duration, Utc};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut patients = 100_000u32;
    let mut db: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--patients" => patients = args.next().and_then(|v| v.parse().ok()).expect("a number"),
            "--db" => db = args.next().map(PathBuf::from),
            other => panic!("unknown argument {other}"),
        }
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let db = db.unwrap_or_else(|| tmp.path().join("charta.db"));
    let mut now = Utc::now();
    if !db.exists() {
        if let Some(parent) = db.parent() {
            std::fs::create_dir_all(parent).expect("the database's folder");
        }
        let started = Instant::now();
        drop(Workstation::set_up_demo(&db, patients, now).expect("demo practice"));
        eprintln!(
            "built {patients} patients in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    for day in 1..=3 {
        now += Duration::days(1);
        // Now: login answers; the daily backup is a job the app runs on another thread.
        let t = Instant::now();
        let mut ws = Workstation::log_in(&db, "desk", DEMO_PASSWORD, now).expect("login");
        let login = ms(t);
        let job = ws.daily_backup_job(now).expect("job");
        let t = Instant::now();
        let outcome = job.run(&mut |_| {});
        let background = ms(t);
        assert!(outcome.result.as_ref().expect("daily backup").is_some());
        ws.record_backup(&outcome, now).expect("audited");
        drop(ws);
        // Before: the same login with the daily backup inline, as `log_in` did it.
        now += Duration::days(1);
        let t = Instant::now();
        let mut ws = Workstation::log_in(&db, "desk", DEMO_PASSWORD, now).expect("login");
        ws.daily_backup(now).expect("daily backup").expect("due");
        let inline = ms(t);
        println!(
            "{{\"day\": {day}, \"patients\": {patients}, \"login_ms\": {login:.1}, \"background_backup_ms\": {background:.1}, \"login_with_inline_backup_ms\": {inline:.1}}}"
        );
    }
}
