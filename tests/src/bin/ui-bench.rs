//! `ui-bench`: how fast the real, release-built app feels — start, first login of the day,
//! search keystrokes, opening a chart, the frame floor and memory, switching days in the
//! front desk's calendar — on a seeded demo practice,
//! driven through tauri-driver under the current display. A benchmark, not a test: it prints
//! one JSON line per figure and asserts nothing.
//!
//! `cargo run --release -p charta-tests --bin ui-bench -- --patients 100000` (under
//! `xvfb-run -a -s "-screen 0 1280x800x24"` when there is no display).

#![allow(clippy::print_stdout)] // a benchmark: printing its figures is its job

use charta_tests::fantoccini::wd::TimeoutConfiguration;
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{testid, wait_for, Driver};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// Not the e2e suite's 4544, so both can run at once.
const PORT: u16 = 4620;
/// The demo physician: she lands on the chart summary, the screen the chart issue's budget is
/// about (the front desk's chart is the demographics alone).
const USER: &str = "drreyes";
/// `charta_core::workstation::DEMO_PASSWORD` (this binary does not link the core); a wrong
/// one stops the benchmark at its first login.
const PASSWORD: &str = "demo-practice-2026";
/// The demo receptionist: she runs the calendar (`calendar_day_painted`).
const DESK_USER: &str = "desk";
const ENTER: &str = "\u{E007}";
/// Letters typed per name: each keystroke is one sample.
const PREFIX_LETTERS: usize = 4;

const USAGE: &str = "usage: ui-bench [--patients N] [--starts K] [--names K] [--days K] [--no-build]
  --patients N  practice size (default 1000); the seeded file is cached in target/ui-bench/
  --starts K    app starts (each a fresh copy, so each first login makes the daily backup; default 5)
  --names K     surnames typed letter by letter, then Enter on the first result (default 25)
  --days K      days the front desk steps through in the calendar with PageDown (default 30)
  --no-build    use target/release/charta and charta-admin as they are (else .ci/build-release runs)
  --app PATH    benchmark this charta binary instead of target/release/charta (e.g. an older build)";

struct Options {
    patients: u32,
    starts: usize,
    names: usize,
    days: usize,
    build: bool,
    app: Option<PathBuf>,
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut o = Options {
        patients: 1000,
        starts: 5,
        names: 25,
        days: 30,
        build: true,
        app: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut number = || -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{arg} needs a whole number"))
        };
        match arg.as_str() {
            "--patients" => o.patients = number()?.try_into().map_err(|_| "too many patients")?,
            "--starts" => o.starts = number()?.max(1),
            "--names" => o.names = number()?.max(1),
            "--days" => o.days = number()?.max(1),
            "--no-build" => o.build = false,
            "--app" => o.app = Some(PathBuf::from(it.next().ok_or("--app needs a path")?)),
            _ => return Err(format!("unknown argument {arg}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

/// In-page probes: every figure is taken inside the page with `performance.now()`, from the
/// key event's time stamp to the DOM showing the answer (a MutationObserver), then to two
/// animation frames later (the frame with the answer has been painted).
const PROBE: &str = r#"
if (!window.__bench) {
  const b = (window.__bench = { armed: false });
  const answered = () => {
    // The chart is open when its banner and, for a clinical user, the loaded summary show.
    if (b.kind === 'chart') return !!document.querySelector('[data-testid="patient-banner"]') &&
      (!document.querySelector('[data-testid="tab-summary"]') ||
       !!document.querySelector('[data-testid="summary-open-problems"]'));
    const box = document.querySelector('[data-testid="patient-search"]');
    if (!box || box.value !== b.expected) return false;
    const list = document.getElementById('search-results');
    if (list && list.classList.contains('stale')) { b.sawStale = true; return false; }
    if (!b.sawStale) return false;
    return (!!list && !!list.querySelector('[data-testid="search-result"]')) ||
      !!document.querySelector('[data-testid="search-empty"]');
  };
  document.addEventListener('keydown', (e) => {
    if (b.armed && b.t0 === null) b.t0 = e.timeStamp > 0 ? e.timeStamp : performance.now();
  }, true);
  new MutationObserver(() => {
    if (!b.armed || b.t0 === null || b.dom !== null || !answered()) return;
    b.dom = performance.now();
    requestAnimationFrame(() => requestAnimationFrame(() => {
      b.paint = performance.now();
      b.armed = false;
      if (b.onpaint) b.onpaint();
    }));
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  b.arm = (kind, expected) => Object.assign(b, {
    kind, expected, t0: null, dom: null, paint: null, sawStale: false, onpaint: null, armed: true,
  });
}
"#;

/// Resolves with [keystroke → DOM, keystroke → painted] in ms once the armed probe fired.
const AWAIT_PROBE: &str = r#"
const done = arguments[arguments.length - 1];
const b = window.__bench;
const report = () => done([b.dom - b.t0, b.paint - b.t0]);
if (b.paint !== null) report();
else {
  b.onpaint = report;
  setTimeout(() => { if (b.paint === null) done(null); }, 20000);
}
"#;

async fn script(client: &Client, js: &str, args: Vec<Value>) -> Result<Value, String> {
    client
        .execute(js, args)
        .await
        .map_err(|e| format!("script failed: {e}"))
}

async fn script_async(client: &Client, js: &str) -> Result<Value, String> {
    client
        .execute_async(js, vec![])
        .await
        .map_err(|e| format!("script failed: {e}"))
}

/// Waits (in the page) for `css`, then two animation frames; returns the Unix time in ms then,
/// whether the element was already there when asked, and when the page's navigation began.
async fn painted_at(client: &Client, css: &str) -> Result<(f64, bool, f64), String> {
    let js = r#"
const [css, done] = arguments;
const already = !!document.querySelector(css);
const seen = () => requestAnimationFrame(() => requestAnimationFrame(() =>
  done([performance.timeOrigin + performance.now(), already, performance.timeOrigin])));
if (already) seen();
else {
  const started = performance.now();
  const poll = () => document.querySelector(css) ? seen()
    : performance.now() - started > 20000 ? done(null) : requestAnimationFrame(poll);
  poll();
}"#;
    let v = client
        .execute_async(js, vec![json!(css)])
        .await
        .map_err(|e| format!("script failed: {e}"))?;
    match (
        v.get(0).and_then(Value::as_f64),
        v.get(1).and_then(Value::as_bool),
        v.get(2).and_then(Value::as_f64),
    ) {
        (Some(t), Some(already), Some(origin)) => Ok((t, already, origin)),
        _ => Err(format!("{css} did not appear")),
    }
}

/// Fills the login form, then submits it inside the page; ms from submit to the first screen
/// after login painted.
async fn first_login(client: &Client, user: &str) -> Result<f64, String> {
    let form = testid("login-form");
    for (name, value) in [("username", user), ("password", PASSWORD)] {
        wait_for(client, &format!("{form} [name=\"{name}\"]"))
            .await?
            .send_keys(value)
            .await
            .map_err(|e| e.to_string())?;
    }
    let js = r#"
const [formCss, doneCss, done] = arguments;
const t0 = performance.now();
const check = () => {
  if (document.querySelector('[data-testid="login-error"]')) return done(null);
  if (!document.querySelector(doneCss)) return false;
  observer.disconnect();
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
  return true;
};
const observer = new MutationObserver(check);
observer.observe(document.body, { subtree: true, childList: true, attributes: true });
document.querySelector(formCss).requestSubmit();
setTimeout(() => done(null), 120000);
"#;
    let v = client
        .execute_async(js, vec![json!(form), json!(testid("patient-search"))])
        .await
        .map_err(|e| format!("script failed: {e}"))?;
    v.as_f64()
        .ok_or_else(|| format!("logging in as {user} did not open the practice"))
}

/// The most common surnames of the demo generator, so every prefix finds someone.
fn surnames(count: usize) -> Result<Vec<String>, String> {
    let csv = std::fs::read_to_string(root().join("assets/synthetic-names/surnames.csv"))
        .map_err(|e| format!("surnames: {e}"))?;
    Ok(csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|n| n.chars().count() >= PREFIX_LETTERS)
        .take(count)
        .map(|n| n.to_lowercase())
        .collect())
}

#[derive(Default)]
struct Samples {
    keystroke_dom: Vec<f64>,
    keystroke_painted: Vec<f64>,
    enter_chart: Vec<f64>,
    frame_floor: Vec<f64>,
    calendar_day: Vec<f64>,
}

#[path = "ui_bench/calendar.rs"]
mod calendar;
#[path = "ui_bench/practice.rs"]
mod practice;
#[path = "ui_bench/process.rs"]
mod process;

use practice::{fresh_copy, seeded};
use process::{app_pid, pss_kib, started_at_unix_ms, with_descendants};

async fn probe(
    client: &Client,
    kind: &str,
    expected: &str,
    keys: &str,
) -> Result<(f64, f64), String> {
    script(
        client,
        "window.__bench.arm(arguments[0], arguments[1])",
        vec![json!(kind), json!(expected)],
    )
    .await?;
    client
        .find(Locator::Css(&testid("patient-search")))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(keys)
        .await
        .map_err(|e| e.to_string())?;
    let v = script_async(client, AWAIT_PROBE).await?;
    match (
        v.get(0).and_then(Value::as_f64),
        v.get(1).and_then(Value::as_f64),
    ) {
        (Some(dom), Some(painted)) => Ok((dom, painted)),
        _ => Err(format!("no answer for {kind} {expected:?}")),
    }
}

/// Types each name letter by letter into the search box, then Enter opens the first result.
async fn typing(client: &Client, names: &[String], samples: &mut Samples) -> Result<(), String> {
    script(client, PROBE, vec![]).await?;
    for name in names {
        // A clean start: empty box, the search screen.
        script(
            client,
            r#"const box = document.querySelector('[data-testid="patient-search"]');
box.focus(); box.value = ''; box.dispatchEvent(new Event('input', { bubbles: true }));"#,
            vec![],
        )
        .await?;
        wait_for(client, &testid("search-hint")).await?;
        let mut typed = String::new();
        for letter in name.chars().take(PREFIX_LETTERS) {
            typed.push(letter);
            let (dom, painted) = probe(client, "search", &typed, &letter.to_string()).await?;
            samples.keystroke_dom.push(dom);
            samples.keystroke_painted.push(painted);
        }
        let (_, painted) = probe(client, "chart", "", ENTER).await?;
        samples.enter_chart.push(painted);
    }
    Ok(())
}

async fn frame_floor(client: &Client, samples: &mut Samples) -> Result<(), String> {
    let js = r#"
const done = arguments[arguments.length - 1];
const el = document.createElement('span');
document.body.appendChild(el);
const t0 = performance.now();
el.textContent = String(t0);
requestAnimationFrame(() => requestAnimationFrame(() => { el.remove(); done(performance.now() - t0); }));
"#;
    for _ in 0..30 {
        if let Some(ms) = script_async(client, js).await?.as_f64() {
            samples.frame_floor.push(ms);
        }
    }
    Ok(())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn print_op(op: &str, values: &[f64]) {
    if values.is_empty() {
        return;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let round = |v: f64| (v * 10.0).round() / 10.0;
    println!(
        "{}",
        json!({
            "op": op,
            "p50_ms": round(percentile(&sorted, 50.0)),
            "p95_ms": round(percentile(&sorted, 95.0)),
            "p99_ms": round(percentile(&sorted, 99.0)),
            "samples": sorted.len(),
        })
    );
}

async fn bench(options: &Options) -> Result<(), String> {
    if options.build {
        run(
            Command::new("bash").arg(root().join(".ci/build-release")),
            ".ci/build-release",
        )?;
    }
    let app = options
        .app
        .clone()
        .unwrap_or_else(|| root().join("target/release/charta"));
    if !app.exists() {
        return Err(format!(
            "{} is missing: run bash .ci/build-release",
            app.display()
        ));
    }
    let seeded = seeded(options.patients)?;
    let names = surnames(options.names)?;
    let driver = Driver::start(PORT)?;
    let (mut starts, mut logins, mut samples) = (Vec::new(), Vec::new(), Samples::default());
    let mut memory_mb = None;
    let mut already_painted = 0;
    for run_no in 0..options.starts {
        let db = fresh_copy(&seeded, run_no)?;
        let db_arg = db.to_string_lossy().into_owned();
        let client = driver.launch_binary(&app, &["--db", &db_arg]).await?;
        let result = async {
            // A first login that makes the daily backup of a large practice outlasts
            // WebDriver's default 30 s script timeout; the in-page probes have their own.
            let timeouts = TimeoutConfiguration::new(Some(Duration::from_secs(180)), None, None);
            client
                .update_timeouts(timeouts)
                .await
                .map_err(|e| e.to_string())?;
            let (painted, already, origin) = painted_at(&client, &testid("login-form")).await?;
            let pid = app_pid(&app, &db).ok_or("cannot find the app's process")?;
            let started = started_at_unix_ms(pid).ok_or("cannot read the app's start time")?;
            starts.push(painted - started);
            eprintln!(
                "ui-bench: start {}: page navigation began after {:.0} ms, login painted {:.0} ms later",
                run_no + 1,
                origin - started,
                painted - origin
            );
            already_painted += usize::from(already);
            logins.push(first_login(&client, USER).await?);
            if run_no + 1 == options.starts {
                typing(&client, &names, &mut samples).await?;
                frame_floor(&client, &mut samples).await?;
                // The practice is open with a chart showing: what the app holds in use.
                tokio::time::sleep(Duration::from_secs(2)).await;
                let kib: u64 = with_descendants(pid).into_iter().map(pss_kib).sum();
                memory_mb = Some(kib as f64 / 1024.0);
            }
            Ok::<(), String>(())
        }
        .await;
        let _ = client.close().await;
        let _ = std::fs::remove_dir_all(db.parent().unwrap_or(&db));
        result?;
    }
    // One more start for the front desk: the calendar, switching days.
    {
        let db = fresh_copy(&seeded, options.starts)?;
        let db_arg = db.to_string_lossy().into_owned();
        let client = driver.launch_binary(&app, &["--db", &db_arg]).await?;
        let result = async {
            let timeouts = TimeoutConfiguration::new(Some(Duration::from_secs(180)), None, None);
            client
                .update_timeouts(timeouts)
                .await
                .map_err(|e| e.to_string())?;
            wait_for(&client, &testid("login-form")).await?;
            first_login(&client, DESK_USER).await?;
            samples.calendar_day = calendar::day_switches(&client, options.days).await?;
            Ok::<(), String>(())
        }
        .await;
        let _ = client.close().await;
        let _ = std::fs::remove_dir_all(db.parent().unwrap_or(&db));
        result?;
    }
    if already_painted > 0 {
        eprintln!(
            "ui-bench: in {already_painted} of {} starts the login screen was up before the \
             driver could look; those start figures are upper bounds",
            options.starts
        );
    }
    print_op("start_to_login_painted", &starts);
    print_op("first_login_of_day", &logins);
    print_op("keystroke_to_dom", &samples.keystroke_dom);
    print_op("keystroke_to_painted", &samples.keystroke_painted);
    print_op("enter_to_chart", &samples.enter_chart);
    print_op("frame_floor", &samples.frame_floor);
    print_op("calendar_day_painted", &samples.calendar_day);
    if let Some(mb) = memory_mb {
        println!(
            "{}",
            json!({ "op": "memory_pss_mb", "value": (mb * 10.0).round() / 10.0 })
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        eprintln!("{USAGE}");
        return std::process::ExitCode::SUCCESS;
    }
    let result = match parse(&args) {
        Ok(options) => bench(&options).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ui-bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
