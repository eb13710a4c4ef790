//! What the real app's screens must pass beyond their stories: axe-core's accessibility rules
//! (serious and critical violations fail) and "the primary action is not under a sticky bar"
//! (its centre, in the window, is the element itself), both run inside the live WebView.

use fantoccini::Client;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// axe-core as `npm ci` installs it for the UI (a devDependency of `ui/`).
pub fn axe_source_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/node_modules/axe-core/axe.min.js")
}

/// Runs axe on the whole document and answers its violations as JSON:
/// `[{id, impact, help, nodes: [{target, summary}]}]`, or `{"error": …}`.
const RUN_AXE: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, { resultTypes: ['violations'] }).then(
  (r) => done(r.violations
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary || '' })),
    }))),
  (e) => done({ error: String(e) }),
);
"#;

/// Scrolls the element into view the least a user would (`block: 'nearest'`) when asked, then
/// answers `{ok: true}` if the element is what sits at its centre, else `{error: …}` naming the
/// window size and what covers it.
const UNOBSCURED: &str = r#"
const [css, scroll] = arguments;
const el = document.querySelector(css);
if (!el) return { error: 'no element matches' };
if (scroll) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
const r = el.getBoundingClientRect();
const x = r.left + r.width / 2, y = r.top + r.height / 2;
const size = `${innerWidth}×${innerHeight} window`;
if (r.width === 0 || r.height === 0) return { error: `it has no size in the ${size}` };
if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
  return { error: `its centre (${Math.round(x)}, ${Math.round(y)}) is outside the ${size}` };
const top = document.elementFromPoint(x, y);
if (top === el || el.contains(top)) return { ok: true };
const name = (n) => n ? n.tagName.toLowerCase() + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '') + (n.dataset && n.dataset.testid ? `[data-testid="${n.dataset.testid}"]` : '') : 'nothing';
const chain = [];
for (let n = top; n && chain.length < 3; n = n.parentElement) chain.push(name(n));
return { error: `at its centre (${Math.round(x)}, ${Math.round(y)}) of the ${size} is ${chain.join(' in ')}` };
"#;

/// What the checks found so far, screen by screen; a story checks every screen it passes and
/// [`ScreenChecks::verdict`] fails the test at its end with all of them, so one run lists every
/// screen's problems instead of the first.
#[derive(Debug, Default)]
pub struct ScreenChecks {
    found: Mutex<Vec<String>>,
    /// Moderate and minor violations: reported, not failed on.
    notes: Mutex<Vec<String>>,
    screens: Mutex<Vec<String>>,
}

impl ScreenChecks {
    pub fn new() -> ScreenChecks {
        ScreenChecks::default()
    }

    /// Runs axe-core on what the window shows now, recorded as `screen` (and its picture kept as
    /// `target/e2e-artifacts/screen-<screen>.png`, to look at). Errors only when axe itself
    /// cannot run (not installed, script refused): that is a broken check, not a finding.
    pub async fn axe(&self, client: &Client, screen: &str) -> Result<(), String> {
        let slug: String = screen
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        crate::save_screenshot(client, &format!("screen-{slug}")).await;
        inject(client).await?;
        let answer = client
            .execute_async(RUN_AXE, vec![])
            .await
            .map_err(|e| format!("axe.run on {screen}: {e}"))?;
        if let Some(error) = answer.get("error") {
            return Err(format!("axe.run on {screen} failed: {error}"));
        }
        let violations = answer
            .as_array()
            .ok_or_else(|| format!("axe.run on {screen} answered {answer}"))?;
        let mut found = self.found.lock().map_err(|e| e.to_string())?;
        let mut notes = self.notes.lock().map_err(|e| e.to_string())?;
        for v in violations {
            match v.get("impact").and_then(Value::as_str) {
                Some("serious" | "critical") => found.push(describe(screen, v)),
                _ => notes.push(describe(screen, v)),
            }
        }
        self.screens
            .lock()
            .map_err(|e| e.to_string())?
            .push(screen.to_string());
        Ok(())
    }

    /// axe-core's moderate and minor violations so far (worth fixing; not a failure).
    pub fn notes(&self) -> Vec<String> {
        self.notes.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// The screens checked so far, in order.
    pub fn screens(&self) -> Vec<String> {
        self.screens.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Records a finding unless the element matching `css` can be seen and clicked at its
    /// centre: inside the window and not covered by a sticky bar, banner or anything else. With
    /// `scroll`, the page is first scrolled the least a user would to bring it into view;
    /// without, it must already be in view. Errors only when the check cannot run.
    pub async fn unobscured(
        &self,
        client: &Client,
        screen: &str,
        css: &str,
        scroll: bool,
    ) -> Result<(), String> {
        if let Err(problem) = visible_and_clickable(client, css, scroll).await? {
            self.found
                .lock()
                .map_err(|e| e.to_string())?
                .push(format!("  [{screen}] {problem}"));
        }
        Ok(())
    }

    /// Fails with every finding (axe's serious or critical violations, hidden controls), or
    /// passes if there were none.
    pub fn verdict(&self) -> Result<(), String> {
        let found = self.found.lock().map_err(|e| e.to_string())?;
        if found.is_empty() {
            return Ok(());
        }
        Err(format!(
            "{} screen problem(s) (axe-core serious/critical violations or hidden controls):\n{}",
            found.len(),
            found.join("\n")
        ))
    }
}

fn describe(screen: &str, v: &Value) -> String {
    let s = |k: &str| v.get(k).and_then(Value::as_str).unwrap_or("?").to_string();
    let nodes = v
        .get("nodes")
        .and_then(Value::as_array)
        .map(|nodes| {
            nodes
                .iter()
                .map(|n| {
                    let target = n.get("target").and_then(Value::as_str).unwrap_or("?");
                    let summary = n.get("summary").and_then(Value::as_str).unwrap_or("");
                    format!("      {target}: {}", summary.replace('\n', " "))
                })
                .collect::<Vec<_>>()
                .join("\n")
        })
        .unwrap_or_default();
    format!(
        "  [{screen}] {} ({}): {}\n{nodes}",
        s("id"),
        s("impact"),
        s("help")
    )
}

/// Loads axe-core into the page once (the app is one page, so it stays loaded).
async fn inject(client: &Client) -> Result<(), String> {
    let loaded = client
        .execute("return typeof window.axe === 'object';", vec![])
        .await
        .map_err(|e| e.to_string())?;
    if loaded == json!(true) {
        return Ok(());
    }
    let path = axe_source_path();
    let source = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {} (run `npm ci` in ui/): {e}", path.display()))?;
    let loaded = client
        .execute(
            &format!("{source}\n;return typeof window.axe === 'object';"),
            vec![],
        )
        .await
        .map_err(|e| format!("injecting axe-core: {e}"))?;
    if loaded != json!(true) {
        return Err("axe-core did not load into the page".into());
    }
    Ok(())
}

/// `Ok(Err(problem))` unless the element matching `css` is what sits at its centre, in view.
pub async fn visible_and_clickable(
    client: &Client,
    css: &str,
    scroll: bool,
) -> Result<Result<(), String>, String> {
    let answer = client
        .execute(UNOBSCURED, vec![json!(css), json!(scroll)])
        .await
        .map_err(|e| format!("checking {css}: {e}"))?;
    Ok(match answer.get("error") {
        None => Ok(()),
        Some(error) => Err(format!(
            "{css} is not visible and clickable: {}",
            error.as_str().unwrap_or("?")
        )),
    })
}
