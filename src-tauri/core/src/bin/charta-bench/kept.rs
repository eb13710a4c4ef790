//! A generated practice kept on disk (`--keep DIR`) and timed again later (`--reuse DIR`), so
//! two builds of the schedule ops can be compared, alternately, on the same file
//! under the same machine load instead of each paying (and perturbing) a fresh generation.

use super::{checkup, medications, schedule, Options, Report};
use charta_core::vault::{DbKey, KdfParams, Keystore};
use charta_core::{ChartDb, CoreError, UserId};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// A bench file's keystore guards nothing real (synthetic patients, a throwaway key).
const PASSWORD: &str = "charta-bench kept practice";
const USERNAME: &str = "bench";

/// The operations a reuse may time: reads (each writes just its audit row), so every run
/// sees the same file, and the booking, which adds to it.
pub const REUSABLE: &[&str] = &[
    "chart_summary",
    "chart_summary_heavy",
    "chart_text_search_heavy",
    "med_list",
    "day_view",
    "next_free_slot",
    "flow_board",
    "reminders_for_patient",
    "lab_trend",
    "immunization_forecast",
    "growth_percentiles",
    "report_due_colorectal",
    "report_diabetes_control",
    // Not a read: each run adds its bookings to the kept file (new ids every run), so later
    // runs find fuller weeks ahead. Timed here to profile the write on the same file.
    "book_appointment",
];

fn keystore_path(dir: &Path) -> PathBuf {
    dir.join("bench.keystore")
}

/// The directory a kept practice is generated into: it must not exist yet.
pub fn new_dir(dir: &Path) -> Result<PathBuf, CoreError> {
    std::fs::create_dir_all(dir.parent().unwrap_or(Path::new(".")))?;
    std::fs::create_dir(dir)?;
    Ok(dir.to_path_buf())
}

/// Wraps the file's key so a later `--reuse` can open it.
pub fn save_key(dir: &Path, key: &DbKey, now: DateTime<Utc>) -> Result<(), CoreError> {
    Keystore::create_with_params(
        &keystore_path(dir),
        key,
        "00000000-0000-0000-0000-0000000000be",
        USERNAME,
        PASSWORD,
        now,
        KdfParams::INSECURE_FAST_FOR_TESTS,
    )?;
    Ok(())
}

/// Times the schedule's read-only ops on a practice `--keep` generated, with the same staff
/// ids and seed as the generating run.
pub fn reuse(options: &Options, dir: &Path, now: DateTime<Utc>) -> Result<(), CoreError> {
    if options.ops.is_empty()
        || options
            .ops
            .iter()
            .any(|op| !REUSABLE.contains(&op.as_str()))
    {
        return Err(CoreError::invalid(
            "ops",
            format!("--reuse times only {}", REUSABLE.join(", ")),
        ));
    }
    let mut keystore = Keystore::load(&keystore_path(dir))?;
    let key = keystore
        .unlock(USERNAME, PASSWORD, now)
        .map_err(|e| CoreError::Corrupt(format!("the kept practice's keystore: {e}")))?
        .key;
    let mut db = ChartDb::open_encrypted(&dir.join("bench.db"), &key)?;
    // The ids `staffed_practice` and the generating run gave them.
    let desk = db.actor(UserId::from_u128(4))?;
    let mut providers = vec![UserId::from_u128(2)];
    providers.extend((0..8u128).map(|n| UserId::from_u128(0xBE4C_D0C0 + n)));
    providers.push(UserId::from_u128(3));
    let today =
        charta_core::schedule::time::local_date(charta_core::schedule::time::zone(&db)?, now);
    if !options.json {
        let size = std::fs::metadata(dir.join("bench.db"))
            .map(|m| m.len())
            .unwrap_or(0);
        println!(
            "charta-bench: reusing {} ({:.0} MB); {} samples per operation",
            dir.display(),
            size as f64 / 1e6,
            options.samples
        );
    }
    let mut report = Report {
        options,
        out: std::io::stdout(),
    };
    let doc = db.actor(UserId::from_u128(2))?;
    let chart_ops = [
        "chart_summary",
        "chart_summary_heavy",
        "chart_text_search_heavy",
    ];
    if report.wants(&chart_ops) {
        let (all, heavy) = db.kept_chart_lists()?;
        let mut rng = charta_core::synth::Rng::new(options.seed ^ 0x4B_E9_7C);
        let picks: Vec<_> = (0..options.samples)
            .filter(|_| !all.is_empty())
            .map(|_| all[rng.below(all.len() as u64) as usize])
            .collect();
        super::chart_ops(&mut report, &mut db, &doc, &picks, &heavy, now)?;
    }
    if report.wants(&["med_list"]) {
        let lists = db.kept_medication_lists()?;
        medications::med_list(&mut report, &mut db, &doc, &lists, options.seed, now)?;
    }
    if report.wants(&checkup::OPS) {
        let lists = db.kept_checkup_lists(today)?;
        checkup::checkup_ops(&mut report, &mut db, &doc, &lists, &[], now)?;
    }
    let picks = if report.wants(&["book_appointment"]) {
        let (all, _) = db.kept_chart_lists()?;
        let mut rng = charta_core::synth::Rng::new(options.seed ^ 0xB0_0C);
        (0..options.samples)
            .filter(|_| !all.is_empty())
            .map(|_| all[rng.below(all.len() as u64) as usize])
            .collect()
    } else {
        Vec::new()
    };
    // Bookings of earlier runs on this file keep their ids; this run's start past them.
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    schedule::schedule_ops(
        &mut report,
        &mut db,
        &desk,
        &providers,
        &picks,
        schedule::GENERATED_BOOKING_IDS + (run << 32),
        options.seed,
        today,
        now,
    )
}
