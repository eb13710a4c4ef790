//! `ui-bench`'s calendar figure, `calendar_day_painted`: the front desk opens the schedule
//! with Alt+S and steps through the days with PageDown, each sample from the keypress to the
//! next day's appointments painted.

use super::{script, script_async};
use charta_tests::fantoccini::{Client, Locator};
use charta_tests::{testid, wait_for};

const PAGE_DOWN: &str = "\u{E00F}";
/// WebDriver's Alt, and the key that releases every held modifier.
const ALT: &str = "\u{E00A}";
const RELEASE: &str = "\u{E000}";

/// Arms the in-page watch for one day switch: from the PageDown keydown to the calendar grid
/// saying the next day's range is drawn (`data-loaded-date`, set once its appointments are in
/// the DOM), then two animation frames (painted).
const CALENDAR_ARM: &str = r#"
const grid = document.querySelector('[data-testid="schedule-grid"]');
const shown = grid.getAttribute('data-loaded-date');
const next = new Date(Date.parse(shown + 'T12:00:00Z') + 86400000).toISOString().slice(0, 10);
performance.clearMarks();
const c = (window.__calendar = { t0: null, result: null, next, loaded: null, frame: null });
window.addEventListener('keydown', (e) => { if (e.key === 'PageDown' && c.t0 === null) c.t0 = performance.now(); }, { capture: true, once: true });
const observer = new MutationObserver(() => {
  if (grid.getAttribute('data-loaded-date') !== next || c.t0 === null) return;
  observer.disconnect();
  c.loaded = performance.now();
  if (window.__benchLayout) { grid.getBoundingClientRect(); document.body.offsetHeight; c.layout = performance.now() - c.loaded; }
  requestAnimationFrame(() => { c.frame = performance.now(); requestAnimationFrame(() => { c.result = performance.now() - c.t0; }); });
});
observer.observe(grid, { attributes: true, attributeFilter: ['data-loaded-date'] });
return next;
"#;

const CALENDAR_AWAIT: &str = r#"
const done = arguments[arguments.length - 1];
const started = performance.now();
const poll = () => window.__calendar.result !== null ? done(window.__calendar.result)
  : performance.now() - started > 20000 ? done(null) : requestAnimationFrame(poll);
poll();
"#;

/// Where one day switch's time went (ms from the keypress; `UI_BENCH_PARTS=1` prints it):
/// the range asked, answered, the day's events in the DOM, the next frame, painted.
const CALENDAR_PARTS: &str = r#"
const c = window.__calendar;
const at = (t) => t === null ? null : Math.round((t - c.t0) * 10) / 10;
const mark = (name) => { const m = performance.getEntriesByName(name, 'mark').at(-1); return m ? at(m.startTime) : null; };
return { layout: c.layout, ask: mark('schedule:asked'), answer: mark('schedule:answered'), drawn: mark('schedule:drawn'), dom: at(c.loaded), frame: at(c.frame), painted: Math.round(c.result * 10) / 10 };
"#;

/// The front desk opens the schedule with Alt+S and steps `days` days ahead with PageDown,
/// each sample from the keypress to the new day's appointments painted.
pub async fn day_switches(client: &Client, days: usize) -> Result<Vec<f64>, String> {
    let mut samples = Vec::new();
    client
        .find(Locator::Css(&testid("patient-search")))
        .await
        .map_err(|e| e.to_string())?
        .send_keys(&format!("{ALT}s{RELEASE}"))
        .await
        .map_err(|e| e.to_string())?;
    let loaded = r#"[data-testid="schedule-grid"]:not([data-loaded-date=""])"#;
    let grid = wait_for(client, loaded).await?;
    if std::env::var_os("UI_BENCH_LAYOUT").is_some() {
        script(client, "window.__benchLayout = true;", vec![]).await?;
    }
    if let Ok(path) = std::env::var("UI_BENCH_CSS") {
        let css = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        script(client, "const sheet = new CSSStyleSheet(); sheet.replaceSync(arguments[0]); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]; return sheet.cssRules.length;", vec![css.into()]).await?;
    }
    for _ in 0..days {
        script(client, CALENDAR_ARM, vec![]).await?;
        grid.send_keys(PAGE_DOWN).await.map_err(|e| e.to_string())?;
        let v = script_async(client, CALENDAR_AWAIT).await?;
        if std::env::var_os("UI_BENCH_PARTS").is_some() {
            let parts = script(client, CALENDAR_PARTS, vec![]).await?;
            eprintln!("calendar_day_parts {parts}");
        }
        if let Ok(path) = std::env::var("UI_BENCH_JS") {
            let js = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
            let out = script_async(client, &js).await?;
            eprintln!("calendar_day_js {out}");
        }
        samples.push(
            v.as_f64()
                .ok_or("the next day was not painted within 20 s")?,
        );
    }
    Ok(samples)
}
