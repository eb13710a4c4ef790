//! `ui-bench`'s view of the app's processes through /proc: which one is the app, the WebKit
//! processes it started, their memory (PSS) and when the app started.

use std::path::Path;
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

/// Parent pid and start time (clock ticks since boot) of a process.
pub fn stat(pid: u32) -> Option<(u32, u64)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = text.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    Some((fields.get(1)?.parse().ok()?, fields.get(19)?.parse().ok()?))
}

pub fn pids() -> Vec<u32> {
    std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The app's process: the one running `app` whose command line names this run's database.
pub fn app_pid(app: &Path, db: &Path) -> Option<u32> {
    let app = app.canonicalize().ok()?;
    let needle = db.to_string_lossy().into_owned();
    pids().into_iter().find(|pid| {
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        let cmdline = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        exe == app && String::from_utf8_lossy(&cmdline).contains(&needle)
    })
}

/// The process and everything it started (WebKit's web and network processes).
pub fn with_descendants(root: u32) -> Vec<u32> {
    let all: Vec<(u32, u32)> = pids()
        .into_iter()
        .filter_map(|p| Some((p, stat(p)?.0)))
        .collect();
    let mut family = vec![root];
    let mut i = 0;
    while i < family.len() {
        let parent = family[i];
        family.extend(all.iter().filter(|(_, pp)| *pp == parent).map(|(p, _)| *p));
        i += 1;
    }
    family
}

pub fn pss_kib(pid: u32) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix("Pss:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

pub fn clock_ticks_per_second() -> f64 {
    Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
        .unwrap_or(100.0)
}

/// When `pid` started, in Unix milliseconds (10 ms resolution: the kernel counts ticks).
pub fn started_at_unix_ms(pid: u32) -> Option<f64> {
    let (_, ticks) = stat(pid)?;
    let uptime: f64 = std::fs::read_to_string("/proc/uptime")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()?
        .as_secs_f64()
        * 1000.0;
    let age_ms = (uptime - ticks as f64 / clock_ticks_per_second()) * 1000.0;
    Some(now_ms - age_ms)
}
