//! `charta-bench`: builds a deterministic synthetic practice in a temporary database file and
//! prints p50/p95/p99 latencies for registering, each kind of search, and loading a patient,
//! and for unlocking the keystore at the app's password-hashing cost (a right password, and an
//! unknown username, which must cost as much so usernames cannot be probed by timing), and for
//! ICD-10-CM diagnosis search (words and code prefixes; the one-off index build separately).
//! Every patient gets 15 years of generated charting (about 14 visits on average, 1% with
//! 700 or more), timed as `chart_summary`, `chart_summary_heavy` (a 700-visit patient),
//! `chart_text_search_heavy` (the chart search on that patient) and `icd_search` (the mix of
//! queries a physician types at a visit). The practice also gets 15 years of appointments for
//! 10 providers (9 physicians and the nurse), timed as `day_view`, `next_free_slot`,
//! `book_appointment` and `flow_board` at the front desk (see `charta-bench/schedule.rs`).
//! The admin imports a generated 10,000-product RxNorm release (`rxnorm_import_10k`, one
//! import's wall time) and the imported products are searched (`imported_drug_search_10k`;
//! see `charta-bench/rxnorm.rs`).
//! Every charted patient gets a generated medication list (about 1–2 % on 15 or more), timed
//! as `prescribe_checked` (draft and sign with every check, for a patient on 15 with 5
//! allergies), `drug_search` and `med_list` (see `charta-bench/medications.rs`); results and
//! immunizations too, for the check-up's operations (`charta-bench/checkup.rs`). The admin
//! exports a 700-visit chart as FHIR (`export_patient_heavy`) and the whole practice as NDJSON
//! (`export_practice`, once; see `charta-bench/records.rs`).
//!
//! Usage: `charta-bench [--patients N] [--samples N] [--seed N] [--json] [--plaintext]
//! [--ops NAME,..] [--keep DIR | --reuse DIR]` (`--ops` times only the named operations, e.g.
//! `--ops day_view`; the practice is generated in full all the same; see `charta-bench/kept.rs`)
//!
//! Every operation goes through the audited, permission-checked API as a physician; the file
//! is encrypted with SQLCipher as in the app unless `--plaintext`.

#![allow(clippy::print_stdout)] // a command-line tool: printing is its job

#[path = "charta-bench/chart.rs"]
mod chart;
#[path = "charta-bench/checkup.rs"]
mod checkup;
#[path = "charta-bench/inside.rs"]
mod inside;
#[path = "charta-bench/kept.rs"]
mod kept;
#[path = "charta-bench/keystore.rs"]
mod keystore;
#[path = "charta-bench/medications.rs"]
mod medications;
#[path = "charta-bench/records.rs"]
mod records;
#[path = "charta-bench/rxnorm.rs"]
mod rxnorm;
#[path = "charta-bench/schedule.rs"]
mod schedule;

use chart::{chart_ops, diagnosis_search, icd_search, note_ops};

use charta_core::chart::common::VisitType;
use charta_core::chart::visits::{SoapNote, VisitDraft};
use charta_core::ids::VisitId;
use charta_core::patient::{PatientDraft, SearchRequest};
use charta_core::permissions::Role;
use charta_core::synth::{ChartProviders, PracticeGenerator, ScheduleProviders};
use charta_core::testing::{staffed_practice, user_draft};
use charta_core::vault::DbKey;
use charta_core::{Actor, ChartDb, CoreError, PatientId, UserId};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::io::Write;
use std::time::Instant;

/// Builds one search query from a patient.
type QueryMaker = Box<dyn Fn(&charta_core::patient::Patient) -> String>;

struct Options {
    patients: u32,
    samples: usize,
    seed: u64,
    json: bool,
    plaintext: bool,
    /// Only these operations are timed (all when empty).
    ops: Vec<String>,
    /// Generate into this directory and leave it there (`--keep`).
    keep: Option<std::path::PathBuf>,
    /// Time a kept practice instead of generating one (`--reuse`).
    reuse: Option<std::path::PathBuf>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        patients: 5_000,
        samples: 2_000,
        seed: 42,
        json: false,
        plaintext: false,
        ops: Vec::new(),
        keep: None,
        reuse: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match arg.as_str() {
            "--patients" => {
                o.patients = u32::try_from(number("--patients")?).map_err(|e| e.to_string())?
            }
            "--samples" => o.samples = number("--samples")? as usize,
            "--seed" => o.seed = number("--seed")?,
            "--json" => o.json = true,
            "--plaintext" => o.plaintext = true,
            "--ops" => {
                let list = args.next().ok_or("--ops needs a list of operation names")?;
                o.ops = list.split(',').map(|op| op.trim().to_owned()).collect();
            }
            "--keep" => o.keep = Some(args.next().ok_or("--keep needs a directory")?.into()),
            "--reuse" => o.reuse = Some(args.next().ok_or("--reuse needs a directory")?.into()),
            "--help" | "-h" => {
                return Err(
                    "usage: charta-bench [--patients N] [--samples N] [--seed N] [--json] [--plaintext] [--ops NAME,..] [--keep DIR | --reuse DIR]".into(),
                )
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.samples == 0 {
        return Err("--samples must be at least 1".into());
    }
    Ok(o)
}

struct Report<'a> {
    options: &'a Options,
    out: std::io::Stdout,
}

impl Report<'_> {
    /// Whether any of `ops` is to be timed in this run.
    fn wants(&self, ops: &[&str]) -> bool {
        self.options.ops.is_empty()
            || ops
                .iter()
                .any(|op| self.options.ops.iter().any(|o| o == op))
    }

    fn print(&mut self, op: &str, mut micros: Vec<f64>) {
        micros.sort_by(f64::total_cmp);
        let pct = |p: f64| micros[((micros.len() as f64 - 1.0) * p).round() as usize];
        let (p50, p95, p99) = (pct(0.50), pct(0.95), pct(0.99));
        let line = if self.options.json {
            format!(
                "{{\"op\": \"{op}\", \"patients\": {}, \"samples\": {}, \"p50_us\": {p50:.1}, \"p95_us\": {p95:.1}, \"p99_us\": {p99:.1}}}",
                self.options.patients,
                micros.len()
            )
        } else {
            format!(
                "{op:<30} n={:<6} p50 {p50:>9.1} µs   p95 {p95:>9.1} µs   p99 {p99:>9.1} µs",
                micros.len()
            )
        };
        let _ = writeln!(self.out, "{line}");
    }

    /// A cost paid once per process, not a distribution.
    fn print_once(&mut self, op: &str, micros: f64) {
        let line = if self.options.json {
            format!("{{\"op\": \"{op}\", \"once_us\": {micros:.1}}}")
        } else {
            format!("{op:<30} once     {:>9.1} ms", micros / 1000.0)
        };
        let _ = writeln!(self.out, "{line}");
    }
}

fn time<T>(f: impl FnOnce() -> Result<T, CoreError>) -> Result<f64, CoreError> {
    let start = Instant::now();
    f()?;
    Ok(start.elapsed().as_secs_f64() * 1e6)
}

fn us_date(d: NaiveDate) -> String {
    d.format("%m/%d/%Y").to_string()
}

fn main() {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&options) {
        eprintln!("charta-bench: {e}");
        std::process::exit(1);
    }
}

fn run(options: &Options) -> Result<(), CoreError> {
    let now: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 11, 26, 15, 0, 0)
        .single()
        .unwrap_or_default();
    if let Some(dir) = &options.reuse {
        return kept::reuse(options, dir, now);
    }
    let dir = match &options.keep {
        Some(dir) => kept::new_dir(dir)?,
        None => tempfile_dir()?,
    };
    let path = dir.join("bench.db");
    // The app's configuration (SQLCipher) unless asked to measure without encryption.
    let mut db = if options.plaintext {
        ChartDb::open_unencrypted(&path)?
    } else {
        let key = DbKey::generate()?;
        if options.keep.is_some() {
            kept::save_key(&dir, &key, now)?;
        }
        ChartDb::open_encrypted(&path, &key)?
    };
    let staff = staffed_practice(&mut db, now)?;
    let doc = staff.physician.clone();
    let mut generator = PracticeGenerator::new(options.seed);
    let build = Instant::now();
    let ids = db.add_generated_patients(&mut generator, options.patients, 1, now)?;
    let patients_built = build.elapsed().as_secs_f64();
    // The generator looks its codes up, which builds the ICD-10-CM index: time that first.
    let start = Instant::now();
    charta_core::icd10::prepare()?;
    let icd_index_micros = start.elapsed().as_secs_f64() * 1e6;
    let build = Instant::now();
    let providers = ChartProviders {
        physicians: vec![doc.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    let charts = db.add_generated_charts(options.seed, &providers, now)?;
    let charts_built = build.elapsed().as_secs_f64();
    db.checkpoint()?;
    let build = Instant::now();
    let meds = db.add_generated_medications(options.seed, &providers, now)?;
    let meds_built = build.elapsed().as_secs_f64();
    let build = Instant::now();
    let checkup = db.add_generated_checkup(options.seed, &providers, now)?;
    let checkup_built = build.elapsed().as_secs_f64();
    db.checkpoint()?;
    // Ten providers: the physician, eight more, and the nurse.
    let mut physicians = vec![doc.user_id()];
    for n in 0..8u128 {
        let user = db.as_user(&staff.admin).create_user(
            &user_draft(&format!("doc{}", n + 2), &[Role::Physician]),
            UserId::from_u128(0xBE4C_D0C0 + n),
            now,
        )?;
        physicians.push(user.id);
    }
    let who = ScheduleProviders {
        physicians: physicians.clone(),
        nurse: Some(staff.nurse.user_id()),
        desk: Some(staff.front_desk.user_id()),
    };
    let build = Instant::now();
    let booked = db.add_generated_schedule(options.seed, &who, now)?;
    let schedule_built = build.elapsed().as_secs_f64();
    db.checkpoint()?;
    inside::generate(&mut db, options, &staff, &physicians, now)?;
    let mut providers = physicians;
    providers.push(staff.nurse.user_id());
    if !options.json {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!(
            "charta-bench: {} patients generated in {patients_built:.1} s, their charting ({} visits, {} patients with 700+) in {charts_built:.1} s, their medication lists ({} entries, {} active, {} patients on 15+, {} with 15 and 5 allergies) in {meds_built:.1} s, the schedule ({} appointments, {} series, {} providers) in {schedule_built:.1} s; file {} is {:.0} MB; {} samples per operation",
            options.patients,
            charts.visits,
            charts.heavy.len(),
            meds.medications,
            meds.active,
            meds.polypharmacy.len(),
            meds.checked.len(),
            booked.appointments,
            booked.series,
            providers.len(),
            path.display(),
            size as f64 / 1e6,
            options.samples
        );
    }
    let mut report = Report {
        options,
        out: std::io::stdout(),
    };

    // Register: one transaction each, with the duplicate check, as at the front desk.
    let register_samples = options.samples.min(500);
    let drafts: Vec<PatientDraft> = (0..register_samples)
        .map(|_| generator.patient_draft())
        .collect();
    if report.wants(&["register"]) {
        let mut micros = Vec::with_capacity(drafts.len());
        for (i, draft) in drafts.iter().enumerate() {
            let id = PatientId::from_u128(10_000_000 + i as u128);
            micros.push(time(|| {
                db.as_user(&doc).register_patient(draft, true, id, now)
            })?);
        }
        report.print("register", micros);
        db.checkpoint()?;
    }

    // Queries built from patients picked at random, so they find something.
    let rng = generator.rng();
    let picks: Vec<PatientId> = (0..options.samples)
        .map(|_| ids[rng.below(ids.len() as u64) as usize])
        .collect();
    let patients = picks
        .iter()
        .map(|id| db.as_user(&doc).patient(*id, now))
        .collect::<Result<Vec<_>, _>>()?;

    if report.wants(&["load_patient"]) {
        let mut micros = Vec::with_capacity(picks.len());
        for id in &picks {
            micros.push(time(|| db.as_user(&doc).patient(*id, now))?);
        }
        report.print("load_patient", micros);
        db.checkpoint()?;
    }

    let prefix = |s: &str, n: usize| s.chars().take(n).collect::<String>();
    let kinds: Vec<(&str, QueryMaker)> = vec![
        (
            "search_family_prefix",
            Box::new(move |p| prefix(&p.family_name, 3)),
        ),
        (
            "search_family_comma_given",
            Box::new(|p| format!("{}, {}", p.family_name, p.given_name)),
        ),
        (
            "search_given_family",
            Box::new(|p| format!("{} {}", p.given_name, p.family_name)),
        ),
        (
            "search_both_prefixes",
            Box::new(move |p| {
                format!("{} {}", prefix(&p.family_name, 3), prefix(&p.given_name, 2))
            }),
        ),
        ("search_dob_iso", Box::new(|p| p.date_of_birth.to_string())),
        ("search_dob_us", Box::new(|p| us_date(p.date_of_birth))),
        (
            "search_dob_dmy",
            Box::new(|p| p.date_of_birth.format("%d.%m.%Y").to_string()),
        ),
        (
            "search_phone",
            Box::new(|p| {
                p.phones
                    .first()
                    .map(|ph| ph.number.clone())
                    .unwrap_or_default()
            }),
        ),
        ("search_mrn", Box::new(|p| p.mrn.to_string())),
        (
            "search_sound_alike",
            Box::new(|p| p.family_name.replace('i', "y")),
        ),
    ];
    for (op, make_query) in kinds {
        if !report.wants(&[op]) {
            continue;
        }
        let queries: Vec<SearchRequest> = patients
            .iter()
            .map(|p| SearchRequest::new(make_query(p)))
            .collect();
        let mut micros = Vec::with_capacity(queries.len());
        for q in &queries {
            micros.push(time(|| db.as_user(&doc).search_patients(q, now))?);
        }
        report.print(op, micros);
        // The app checkpoints the WAL when the user is idle; so does the benchmark, between
        // operations, outside the timings.
        db.checkpoint()?;
    }
    if report.wants(&[
        "chart_summary",
        "chart_summary_heavy",
        "chart_text_search_heavy",
    ]) {
        chart_ops(&mut report, &mut db, &doc, &picks, &charts.heavy, now)?;
    }
    if report.wants(&["save_draft", "sign_note"]) {
        note_ops(&mut report, &mut db, &doc, &picks, now)?;
    }
    // The practice's 10,000 imported products first: the drug box searches them too.
    if report.wants(&["rxnorm_import_10k", "imported_drug_search_10k"]) {
        rxnorm::rxnorm_ops(&mut report, &mut db, &staff.admin, &dir, now)?;
    }
    if report.wants(&["prescribe_checked", "drug_search", "med_list"]) {
        medications::medication_ops(&mut report, &mut db, &doc, &meds, options.seed, now)?;
    }
    checkup::generated(&mut report, &checkup, checkup_built);
    checkup::checkup_ops(&mut report, &mut db, &doc, &checkup, &charts.heavy, now)?;
    let today =
        charta_core::schedule::time::local_date(charta_core::schedule::time::zone(&db)?, now);
    schedule::schedule_ops(
        &mut report,
        &mut db,
        &staff.front_desk,
        &providers,
        &picks,
        schedule::GENERATED_BOOKING_IDS,
        options.seed,
        today,
        now,
    )?;
    inside::inside_ops(
        &mut report,
        &mut db,
        &doc,
        &staff.front_desk,
        &picks,
        options.seed,
        now,
    )?;
    records::records_ops(&mut report, &mut db, &staff.admin, &charts.heavy, &dir, now)?;
    // The bare search (its index build timed before the charting was generated), then the
    // door's search, which shares the index.
    if report.wants(&[
        "icd10_index_build",
        "icd10_search_words",
        "icd10_search_code",
    ]) {
        diagnosis_search(&mut report, icd_index_micros)?;
    }
    if report.wants(&["icd_search"]) {
        icd_search(&mut report, &mut db, &doc, now)?;
    }
    drop(db);
    if report.wants(&["unlock_keystore", "unlock_keystore_unknown_user"]) {
        keystore::unlock_keystore(&mut report, &dir, now)?;
    }
    if options.keep.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

fn tempfile_dir() -> Result<std::path::PathBuf, CoreError> {
    let dir = std::env::temp_dir().join(format!("charta-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}
