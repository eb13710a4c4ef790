//! Start-up: command-line options, where the database lives, and first-run demo seeding.

use crate::error::DesktopError;
use charta_core::workstation::{startup, Startup, Workstation};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

/// How many synthetic patients the demo practice starts with.
pub const DEMO_PATIENTS: u32 = 1_000;

pub const USAGE: &str = "usage: charta [--db PATH] [--no-demo]
  --db PATH   chart database file (default: $CHARTA_DB, else the user's data folder)
  --no-demo   on a new database, start with no practice and no demo patients
  --lock-after-seconds N   lock the screen after N idle seconds when that is sooner than the
                           practice's setting (tests and demonstrations; never later)";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaunchOptions {
    pub db: Option<PathBuf>,
    pub no_demo: bool,
    /// Lock after this many idle seconds when sooner than the practice's setting (tests,
    /// demos); the workstation never lets it lengthen the practice's lock.
    pub lock_after_seconds: Option<u32>,
}

pub fn parse_args(args: impl IntoIterator<Item = String>) -> Result<LaunchOptions, DesktopError> {
    let mut options = LaunchOptions {
        db: None,
        no_demo: false,
        lock_after_seconds: None,
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--db" => {
                let path = args.next().filter(|p| !p.is_empty()).ok_or_else(|| {
                    DesktopError::Usage(format!("--db needs a file path\n{USAGE}"))
                })?;
                options.db = Some(PathBuf::from(path));
            }
            s if s.starts_with("--db=") => options.db = Some(PathBuf::from(&s[5..])),
            "--no-demo" => options.no_demo = true,
            "--lock-after-seconds" => {
                let seconds = args.next().and_then(|s| s.parse().ok()).filter(|s| *s > 0);
                options.lock_after_seconds = Some(seconds.ok_or_else(|| {
                    DesktopError::Usage(format!(
                        "--lock-after-seconds needs a whole number\n{USAGE}"
                    ))
                })?);
            }
            "--help" | "-h" => return Err(DesktopError::Usage(USAGE.to_string())),
            other => {
                return Err(DesktopError::Usage(format!(
                    "unknown argument {other:?}\n{USAGE}"
                )))
            }
        }
    }
    Ok(options)
}

/// `--db`, else `$CHARTA_DB`, else `<data dir>/charta/charta.db`
/// (`~/.local/share/charta/charta.db` on Linux).
pub fn database_path(
    options: &LaunchOptions,
    env_db: Option<String>,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf, DesktopError> {
    if let Some(path) = &options.db {
        return Ok(path.clone());
    }
    if let Some(path) = env_db.filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    data_dir
        .map(|d| d.join("charta").join("charta.db"))
        .ok_or(DesktopError::NoDataDir)
}

/// A brand-new database becomes the demo practice unless `--no-demo` (then the UI runs the
/// setup form). Otherwise the practice stays closed until someone logs in.
pub fn prepare(
    path: &Path,
    no_demo: bool,
    now: DateTime<Utc>,
) -> Result<Option<Workstation>, DesktopError> {
    match startup(path)? {
        Startup::NeedsSetup if !no_demo => {
            Ok(Some(Workstation::set_up_demo(path, DEMO_PATIENTS, now)?))
        }
        Startup::NeedsSetup | Startup::NeedsLogin => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn command_line_flags_are_read_and_unknown_ones_refused() {
        let o = parse_args(args(&["--db", "/tmp/a.db", "--no-demo"])).unwrap();
        assert_eq!(
            o,
            LaunchOptions {
                db: Some("/tmp/a.db".into()),
                no_demo: true,
                lock_after_seconds: None
            }
        );
        assert_eq!(
            parse_args(args(&["--db=/x.db"])).unwrap().db,
            Some("/x.db".into())
        );
        assert!(matches!(
            parse_args(args(&["--db"])),
            Err(DesktopError::Usage(_))
        ));
        assert!(matches!(
            parse_args(args(&["--wat"])),
            Err(DesktopError::Usage(_))
        ));
    }

    #[test]
    fn database_path_prefers_flag_then_environment_then_data_dir() {
        let none = LaunchOptions {
            db: None,
            no_demo: false,
            lock_after_seconds: None,
        };
        let flag = LaunchOptions {
            db: Some("/flag.db".into()),
            no_demo: false,
            lock_after_seconds: None,
        };
        let home = Some(PathBuf::from("/home/u/.local/share"));
        assert_eq!(
            database_path(&flag, Some("/env.db".into()), home.clone()).unwrap(),
            PathBuf::from("/flag.db")
        );
        assert_eq!(
            database_path(&none, Some("/env.db".into()), home.clone()).unwrap(),
            PathBuf::from("/env.db")
        );
        assert_eq!(
            database_path(&none, None, home).unwrap(),
            PathBuf::from("/home/u/.local/share/charta/charta.db")
        );
        assert!(matches!(
            database_path(&none, None, None),
            Err(DesktopError::NoDataDir)
        ));
    }

    #[test]
    fn a_new_database_becomes_the_demo_practice_once_and_no_demo_starts_at_setup() {
        let dir = tempfile::tempdir().unwrap();
        let now = Utc::now();
        let demo = dir.path().join("demo.db");
        let ws = prepare(&demo, false, now)
            .unwrap()
            .expect("the demo practice is created");
        assert_eq!(ws.db().patient_count().unwrap(), u64::from(DEMO_PATIENTS));
        drop(ws);
        assert!(
            prepare(&demo, false, now).unwrap().is_none(),
            "an existing practice waits for a login"
        );
        assert_eq!(startup(&demo).unwrap(), Startup::NeedsLogin);

        let empty = dir.path().join("empty.db");
        assert!(prepare(&empty, true, now).unwrap().is_none());
        assert_eq!(startup(&empty).unwrap(), Startup::NeedsSetup);
    }
}
