//! `charta-admin`: backups from the command line, for scripted nightly copies — back up the
//! chart database, verify a backup, restore one — and `seed-demo`, a demo practice of any size
//! for benchmarks; `import-rxnorm`, the practice's RxNorm release files into its drug
//! catalogue (the same import as the Drug catalogue screen); `export-fhir` and `import-fhir`,
//! the records out and in as FHIR R4; `import-csv`, another EMR's patient list. Messages go to stderr; exit code 0 when done, 1 when the
//! operation or a check failed, 2 for a usage error.

#![allow(clippy::print_stdout)] // a command-line tool: printing is its job

use charta_core::access::denial_message;
use charta_core::audit::{AuditEvent, Outcome};
use charta_core::backup::{backup_now, restore, verify_backup, BackupReport};
use charta_core::ids::DrugImportId;
use charta_core::permissions::Operation;
use charta_core::vault::{keystore_path_for, DbKey, Keystore, PendingEvent};
use charta_core::workstation::Workstation;
use charta_core::{ChartDb, CoreError, UserId};
use chrono::Utc;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[path = "charta-admin/csv.rs"]
mod csv;
#[path = "charta-admin/records.rs"]
mod records;

const USAGE: &str = "\
Usage:
  charta-admin backup --db PATH --to DIR   CREDENTIALS
  charta-admin verify BACKUP_FILE          CREDENTIALS
  charta-admin restore BACKUP_FILE --db PATH CREDENTIALS
  charta-admin seed-demo --db PATH --patients N [--no-chart] [--no-schedule] [--schedule-years N]
  charta-admin import-rxnorm --db PATH --user NAME --dir DIR
  charta-admin export-fhir --db PATH --user NAME --out DIR [--patient MRN [--pdf]]
  charta-admin import-fhir --db PATH --user NAME [--dry-run] FILE...
  charta-admin import-csv --db PATH --user NAME [--dry-run] [--date-format iso|mdy|dmy|dmy-dots]
             [--appointments [--overbook REASON]] FILE

CREDENTIALS (one of):
  --user NAME       the password is read from $CHARTA_PASSWORD, else one line of stdin
  --recovery-key    the recovery key is read from $CHARTA_RECOVERY_KEY, else one line of stdin

`verify` and `restore` unlock with the keystore saved beside the backup (BACKUP_FILE.keys);
`backup` with the database's own keystore (PATH.keys). `restore` needs Charta closed.
`verify` also holds the audit log against the head that keystore recorded, so a log whose
newest rows were removed fails; given the practice's own database it checks that file.

`seed-demo` creates the demo practice (its users, all with the demo password, and N synthetic
patients — the app's first-run demo generator; N may be 0) at a PATH where nothing exists yet.
Each patient gets 15 years of generated charting (visits with signed notes, diagnoses,
problems, allergies, vitals, histories) and a generated medication list unless `--no-chart`
(from 10 patients the last two are the scenario patients Walter Ibsen and Paula Brennan),
and the practice gets its
appointment book (four physicians and the nurse as providers, rooms, availability, holidays
and leave; 15 years of past appointments (`--schedule-years N` for fewer), today's flow and 8
weeks ahead, recurring series, a wait list) unless `--no-schedule` (or `--no-chart`).

`import-rxnorm` reads RXNCONSO.RRF, RXNREL.RRF and RXNSAT.RRF from DIR (or DIR/rrf, as NLM's
RxNorm Current Prescribable Content zip unpacks) and adds or updates their prescribable
products, all in one transaction: a malformed line is reported with its file and line number
and nothing is imported. An admin's; the password comes as for `backup`.

`export-fhir` writes every chart as FHIR R4 bulk-data NDJSON (one file per resource type and
manifest.json) into the new folder DIR, or with `--patient MRN` that one chart as a Bundle
(DIR/patient-MRN.json; with `--pdf` also its readable record, DIR/patient-MRN.pdf). Files are readable by their owner only; every chart exported is
audited. An admin's; the password comes as for `backup`.

`import-fhir` reads FHIR R4 Bundles (.json) and bulk NDJSON files (Synthea's output, another
EMR's export, Charta's own) and says per patient what it would create, match or refuse and why
(`--dry-run` changes nothing: run it first); without it, each new patient is imported in one
transaction with every record mapped, the rest kept as a PDF document in the chart. A
patient imported before is skipped, so an interrupted import is resumed by running it again.
Exit code 1 if any patient had errors. An admin's; the password comes as for `backup`.

`import-csv` registers the patients of another EMR's CSV export: the columns are mapped from
the header (shown first), birth dates read in the format every value fits (ambiguous files need
`--date-format`), each row checked like the registration form (errors by line and column) and
held back when the duplicate rules match someone registered. Run `--dry-run` first. With
`--appointments` the file lists appointments of registered patients (found by chart number, or
by name and birth date): coming ones are booked by the schedule's rules (a collision is
refused and named unless `--overbook REASON`), past ones with an outcome (attended, no-show,
cancelled) are kept as history; a row already in the book is not booked twice.

Exit codes: 0 done, 1 failed (wrong password, damaged backup, file error), 2 usage error.";

enum Credentials {
    User(String),
    Recovery,
}

enum Command {
    Backup { db: PathBuf, to: PathBuf },
    Verify { backup: PathBuf },
    Restore { backup: PathBuf, db: PathBuf },
}

/// What `seed-demo` makes.
struct SeedDemo {
    db: PathBuf,
    patients: u32,
    chart: bool,
    /// Years of appointment history; 0: no appointment book.
    schedule_years: u32,
}

/// `seed-demo --db PATH --patients N`: needs no credentials (it creates the practice).
fn parse_seed_demo(args: &[String]) -> Result<SeedDemo, String> {
    let (mut db, mut patients, mut chart, mut schedule_years) = (None, None, true, 15);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "seed-demo" => {}
            "--db" => db = Some(PathBuf::from(value()?)),
            "--no-chart" => chart = false,
            "--no-schedule" => schedule_years = 0,
            "--schedule-years" => {
                let text = value()?;
                schedule_years = text
                    .parse::<u32>()
                    .ok()
                    .filter(|n| (1..=30).contains(n))
                    .ok_or(format!("--schedule-years needs 1 to 30, not {text:?}"))?;
            }
            "--patients" => {
                let text = value()?;
                patients = Some(
                    text.parse::<u32>()
                        .map_err(|_| format!("--patients needs a whole number, not {text:?}"))?,
                );
            }
            other => return Err(format!("seed-demo does not take {other}")),
        }
    }
    match (db, patients) {
        (Some(db), Some(patients)) => Ok(SeedDemo {
            db,
            patients,
            chart,
            schedule_years,
        }),
        _ => Err("seed-demo needs --db PATH and --patients N".into()),
    }
}

fn seed_demo(demo: &SeedDemo) -> Result<(), String> {
    let (db, patients, chart) = (demo.db.as_path(), demo.patients, demo.chart);
    let years = if chart { demo.schedule_years } else { 0 };
    let schedule = years > 0;
    let keys = keystore_path_for(db);
    for existing in [db, keys.as_path()] {
        if existing.exists() {
            return Err(format!(
                "{} already exists; seed-demo only creates a new practice",
                existing.display()
            ));
        }
    }
    let started = std::time::Instant::now();
    if chart {
        Workstation::set_up_demo_with_schedule(db, patients, years, Utc::now())
    } else {
        Workstation::set_up_demo_uncharted(db, patients, Utc::now())
    }
    .map_err(|e| e.to_string())?;
    eprintln!(
        "created the demo practice with {patients} patients{} at {} in {:.1} s",
        match (chart, schedule) {
            (true, true) => ", their charting and the appointment book",
            (true, false) => " and their charting",
            _ => "",
        },
        db.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What `import-rxnorm` imports, and as whom.
struct ImportRxnorm {
    db: PathBuf,
    user: String,
    dir: PathBuf,
}

fn parse_import_rxnorm(args: &[String]) -> Result<ImportRxnorm, String> {
    let (mut db, mut user, mut dir) = (None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "import-rxnorm" => {}
            "--db" => db = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--dir" => dir = Some(PathBuf::from(value()?)),
            other => return Err(format!("import-rxnorm does not take {other}")),
        }
    }
    match (db, user, dir) {
        (Some(db), Some(user), Some(dir)) => Ok(ImportRxnorm { db, user, dir }),
        _ => Err("import-rxnorm needs --db PATH, --user NAME and --dir DIR".into()),
    }
}

/// The chart database opened with `user`'s password (from `CHARTA_PASSWORD` or stdin), and
/// that user as the actor every operation is checked and audited as.
fn open_as(db: &Path, user: &str) -> Result<(ChartDb, charta_core::Actor), String> {
    let who = unlock(&keystore_path_for(db), &Credentials::User(user.to_string()))?;
    let chart = ChartDb::open_encrypted(db, &who.key).map_err(|e| e.to_string())?;
    let user_id = who
        .user_id
        .ok_or("the keystore names no user for this login")?;
    let actor = chart.actor(user_id).map_err(|e| e.to_string())?;
    Ok((chart, actor))
}

/// The import through the same checked door as the screen: the admin's permission, the
/// import and its audit row in one transaction; then the audit head is anchored.
fn import_rxnorm(import: &ImportRxnorm) -> Result<(), String> {
    let (mut chart, actor) = open_as(&import.db, &import.user)?;
    let started = std::time::Instant::now();
    let result =
        chart
            .as_user(&actor)
            .import_rxnorm(&import.dir, DrugImportId::random(), Utc::now());
    // A refusal is audited too: anchor the head either way.
    anchor(&chart, &import.db)?;
    let report = result.map_err(|e| e.to_string())?;
    eprintln!(
        "imported {} products ({} updated, {} skipped) from {} lines in {:.1} s; {} ingredients matched to the vocabulary, {} not matched",
        report.products,
        report.updated,
        report.skipped,
        report.lines,
        started.elapsed().as_secs_f64(),
        report.ingredients_matched,
        report.ingredients_unmatched
    );
    println!("{}", report.id);
    Ok(())
}

fn parse(args: &[String]) -> Result<(Command, Credentials), String> {
    let mut positional = Vec::new();
    let (mut db, mut to, mut user, mut recovery) = (None, None, None, false);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--db" => db = Some(PathBuf::from(value()?)),
            "--to" => to = Some(PathBuf::from(value()?)),
            "--user" => user = Some(value()?),
            "--recovery-key" => recovery = true,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            other => positional.push(other.to_string()),
        }
    }
    let credentials = match (user, recovery) {
        (Some(name), false) => Credentials::User(name),
        (None, true) => Credentials::Recovery,
        _ => return Err("give exactly one of --user NAME or --recovery-key".into()),
    };
    let need = |o: Option<PathBuf>, what: &str| o.ok_or(format!("{what} is required"));
    let command = match positional.as_slice() {
        [c] if c == "backup" => Command::Backup {
            db: need(db, "--db PATH")?,
            to: need(to, "--to DIR")?,
        },
        [c, file] if c == "verify" => Command::Verify {
            backup: PathBuf::from(file),
        },
        [c, file] if c == "restore" => Command::Restore {
            backup: PathBuf::from(file),
            db: need(db, "--db PATH")?,
        },
        _ => return Err("expected backup, verify BACKUP_FILE or restore BACKUP_FILE".into()),
    };
    Ok((command, credentials))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "--help" || a == "-h") {
        eprintln!("{USAGE}");
        return if args.is_empty() {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    if args.first().map(String::as_str) == Some("seed-demo") {
        return exit_code(parse_seed_demo(&args).map(|demo| seed_demo(&demo)));
    }
    if args.first().map(String::as_str) == Some("export-fhir") {
        return exit_code(records::parse_export_fhir(&args).map(|e| records::export_fhir(&e)));
    }
    if args.first().map(String::as_str) == Some("import-fhir") {
        return exit_code(records::parse_import_fhir(&args).map(|i| records::import_fhir(&i)));
    }
    if args.first().map(String::as_str) == Some("import-csv") {
        return exit_code(csv::parse_import_csv(&args).map(|i| csv::import_csv(&i)));
    }
    if args.first().map(String::as_str) == Some("import-rxnorm") {
        return exit_code(parse_import_rxnorm(&args).map(|import| import_rxnorm(&import)));
    }
    let (command, credentials) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            eprintln!("charta-admin: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(command, &credentials) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("charta-admin: {message}");
            ExitCode::from(1)
        }
    }
}

/// A subcommand's outcome as the exit code scripts rely on: 0 done, 1 failed, 2 usage error.
fn exit_code(outcome: Result<Result<(), String>, String>) -> ExitCode {
    match outcome {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(message)) => {
            eprintln!("charta-admin: {message}");
            ExitCode::from(1)
        }
        Err(message) => {
            eprintln!("charta-admin: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// Who unlocked, for the audit log.
struct Opened {
    key: DbKey,
    user_id: Option<UserId>,
    username: String,
}

fn secret(env: &str, what: &str) -> Result<String, String> {
    if let Ok(value) = std::env::var(env) {
        return Ok(value);
    }
    eprintln!("{what}:");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("could not read the {what} from stdin: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn unlock(keystore_path: &Path, credentials: &Credentials) -> Result<Opened, String> {
    let mut keystore = Keystore::load(keystore_path)
        .map_err(|e| format!("keystore {}: {e}", keystore_path.display()))?;
    let now = Utc::now();
    match credentials {
        Credentials::Recovery => {
            let typed = secret("CHARTA_RECOVERY_KEY", "recovery key")?;
            let key = keystore.unlock_with_recovery(&typed).map_err(|e| {
                record_failure(&mut keystore, "recovery-key", "login_recovery_key");
                e.to_string()
            })?;
            Ok(Opened {
                key,
                user_id: None,
                username: "recovery-key".into(),
            })
        }
        Credentials::User(name) => {
            let password = secret("CHARTA_PASSWORD", "password")?;
            match keystore.unlock(name, &password, now) {
                Ok(unlocked) => Ok(Opened {
                    key: unlocked.key,
                    user_id: UserId::parse(&unlocked.user_id),
                    username: name.trim().to_lowercase(),
                }),
                Err(e) => {
                    record_failure(&mut keystore, name, "login_admin_tool");
                    Err(e.to_string())
                }
            }
        }
    }
}

/// Keeps the failure for the audit log, which the app writes at its next open.
fn record_failure(keystore: &mut Keystore, username: &str, action: &str) {
    let event = PendingEvent {
        at: Utc::now(),
        username: username.trim().to_lowercase(),
        action: action.into(),
        outcome: "failed".into(),
    };
    if let Err(e) = keystore.record_pending(event) {
        eprintln!("charta-admin: the failed attempt could not be recorded: {e}");
    }
}

fn audit(db: &mut ChartDb, who: &Opened, action: &str, detail: String) -> Result<(), CoreError> {
    let event =
        AuditEvent::new(Utc::now(), who.user_id, &who.username, action, Outcome::Ok).detail(detail);
    db.audit(&event)
}

/// Backups and restores are the practice admin's: a user without the role is refused (and
/// the refusal audited) as in the app. The recovery key's holder is the practice itself.
fn authorize(
    chart: &mut ChartDb,
    who: &Opened,
    operation: Operation,
    action: &str,
) -> Result<(), String> {
    let Some(user_id) = who.user_id else {
        return Ok(());
    };
    let actor = chart.actor(user_id).map_err(|e| e.to_string())?;
    if actor.can(operation) {
        return Ok(());
    }
    let event = actor
        .event(Utc::now(), action, Outcome::Denied)
        .detail("command line");
    chart.audit(&event).map_err(|e| e.to_string())?;
    Err(denial_message(operation))
}

/// Records the audit log's head in the practice's keystore after this tool's own audit row,
/// as the app does at each lock, logout, close and backup.
fn anchor(chart: &ChartDb, db: &Path) -> Result<(), String> {
    let Some(head) = chart.audit_head(Utc::now()).map_err(|e| e.to_string())? else {
        return Ok(());
    };
    Keystore::load(&keystore_path_for(db))
        .and_then(|mut keys| keys.set_audit_anchor(head))
        .map_err(|e| format!("the audit head could not be recorded in the keystore: {e}"))
}

fn describe(report: &BackupReport) {
    let rows: u64 = report.table_counts.values().sum();
    eprintln!(
        "{}: {} bytes, {} tables, {rows} rows, taken {} — {}",
        report.path.display(),
        report.bytes,
        report.table_counts.len(),
        report.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
        if report.verified {
            "verified (opens with the key, integrity ok, audit chain ok)".to_string()
        } else {
            format!("FAILED: {}", report.problems.join("; "))
        }
    );
}

fn run(command: Command, credentials: &Credentials) -> Result<(), String> {
    match command {
        Command::Backup { db, to } => {
            let who = unlock(&keystore_path_for(&db), credentials)?;
            let mut chart = ChartDb::open_encrypted(&db, &who.key).map_err(|e| e.to_string())?;
            authorize(&mut chart, &who, Operation::BackUp, "backup")?;
            let report =
                backup_now(&chart, &who.key, &to, Utc::now()).map_err(|e| e.to_string())?;
            describe(&report);
            let detail = format!("command-line backup to {}", report.path.display());
            audit(&mut chart, &who, "backup", detail).map_err(|e| e.to_string())?;
            anchor(&chart, &db)?;
            println!("{}", report.path.display());
            Ok(())
        }
        Command::Verify { backup } => {
            let who = unlock(&backup_keystore(&backup), credentials)?;
            let report = verify_backup(&backup, &who.key).map_err(|e| e.to_string())?;
            describe(&report);
            if report.verified {
                Ok(())
            } else {
                Err("the backup failed verification".into())
            }
        }
        Command::Restore { backup, db } => {
            let keys = backup_keystore(&backup);
            let keys = if keys.is_file() {
                keys
            } else {
                keystore_path_for(&db)
            };
            let who = unlock(&keys, credentials)?;
            // Replacing a practice's database is the admin's; restoring where none exists
            // (a new machine) gives nothing the backup's own keystore did not already give.
            if db.exists() {
                let mut live = ChartDb::open_encrypted(&db, &who.key).map_err(|e| e.to_string())?;
                authorize(&mut live, &who, Operation::Restore, "restore")?;
            }
            let report = restore(&backup, &db, &who.key, Utc::now()).map_err(|e| e.to_string())?;
            describe(&report.restored);
            for path in &report.set_aside {
                eprintln!("kept the previous file as {}", path.display());
            }
            eprintln!(
                "carried {} newer audit rows over from the replaced database",
                report.carried_rows
            );
            for note in &report.audit_notes {
                eprintln!("note: {note}");
            }
            let mut chart = ChartDb::open_encrypted(&db, &who.key).map_err(|e| e.to_string())?;
            let detail = format!(
                "command-line restore from {}; {} audit rows carried over",
                backup.display(),
                report.carried_rows
            );
            audit(&mut chart, &who, "restore", detail).map_err(|e| e.to_string())?;
            anchor(&chart, &db)?;
            eprintln!("restored {} as {}", backup.display(), db.display());
            Ok(())
        }
    }
}

fn backup_keystore(backup: &Path) -> PathBuf {
    keystore_path_for(backup)
}
