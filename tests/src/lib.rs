//! Test support: starting the real Charta binary under `tauri-driver` and talking WebDriver
//! to it. Used by `tests/e2e.rs`; needs `tauri-driver`, `WebKitWebDriver` and a display (Xvfb).

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use fantoccini;

pub mod axe;

/// How long to wait for the UI to reach an expected state.
pub const UI_TIMEOUT: Duration = Duration::from_secs(20);

/// The debug `charta` binary of this workspace (build it first, with the UI built).
pub fn app_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("CHARTA_APP") {
        return PathBuf::from(path);
    }
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/debug/charta")
}

/// A running `tauri-driver`, stopped with SIGTERM on drop so it takes WebKitWebDriver with it.
#[derive(Debug)]
pub struct Driver {
    child: Child,
    pub port: u16,
}

impl Driver {
    pub fn start(port: u16) -> Result<Driver, String> {
        let native_port = port + 1;
        let child = Command::new("tauri-driver")
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver (cargo install tauri-driver --locked --version 2.1.0): {e}"))?;
        let driver = Driver { child, port };
        let deadline = Instant::now() + Duration::from_secs(15);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err(format!("tauri-driver did not listen on port {port}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(driver)
    }

    /// Starts Charta with `args` and connects a WebDriver session to its window.
    pub async fn launch(&self, args: &[&str]) -> Result<Client, String> {
        let binary = app_binary();
        // `cargo test -p charta-tests` does not rebuild the app binary: refuse to test a UI
        // older than the one in ui/dist.
        let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
        let ui = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/dist/index.html");
        if let (Some(app), Some(ui_built)) = (modified(&binary), modified(&ui)) {
            if app < ui_built {
                return Err(format!(
                    "{} is older than ui/dist; run cargo build --workspace first",
                    binary.display()
                ));
            }
        }
        self.launch_binary(&binary, args).await
    }

    /// Starts the Charta build at `binary` as it is (ui-bench: a release build) with `args`.
    pub async fn launch_binary(&self, binary: &Path, args: &[&str]) -> Result<Client, String> {
        if !binary.exists() {
            return Err(format!(
                "{} is missing; run cargo build --workspace first",
                binary.display()
            ));
        }
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": binary, "args": args }),
        );
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .map_err(|e| format!("cannot open a WebDriver session: {e}"))
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// CSS selector for an element by its `data-testid`.
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Waits for the element matching `css` and returns it.
pub async fn wait_for(client: &Client, css: &str) -> Result<fantoccini::elements::Element, String> {
    client
        .wait()
        .at_most(UI_TIMEOUT)
        .for_element(Locator::Css(css))
        .await
        .map_err(|e| format!("{css} did not appear: {e}"))
}

/// Scrolls the field matching `css` to the middle of the window, clears it and types `text`
/// (for forms taller than the 1280x800 window).
pub async fn type_visible(client: &Client, css: &str, text: &str) -> Result<(), String> {
    let field = wait_for(client, css).await?;
    client
        .execute(
            "arguments[0].scrollIntoView({block: 'center'});",
            vec![serde_json::to_value(&field).map_err(|e| e.to_string())?],
        )
        .await
        .map_err(|e| format!("scroll to {css}: {e}"))?;
    field
        .clear()
        .await
        .map_err(|e| format!("clear {css}: {e}"))?;
    field
        .send_keys(text)
        .await
        .map_err(|e| format!("type into {css}: {e}"))
}

/// Waits until some element matching `css` contains `text` (case-sensitive).
pub async fn wait_for_text(client: &Client, css: &str, text: &str) -> Result<(), String> {
    wait_for_text_within(client, css, text, UI_TIMEOUT).await
}

/// [`wait_for_text`] with its own timeout, for work longer than a screen's (an export).
pub async fn wait_for_text_within(
    client: &Client,
    css: &str,
    text: &str,
    timeout: Duration,
) -> Result<(), String> {
    let deadline = Instant::now() + timeout;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        seen.clear();
        if let Ok(elements) = client.find_all(Locator::Css(css)).await {
            for e in elements {
                // WebKitWebDriver's element text is empty for some clipped elements
                // (overflow: hidden + ellipsis), so the DOM text counts too.
                let rendered = e.text().await.unwrap_or_default();
                let dom = e
                    .prop("textContent")
                    .await
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                if rendered.contains(text) || dom.contains(text) {
                    return Ok(());
                }
                seen.push(if rendered.is_empty() { dom } else { rendered });
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(format!("no {css} contained {text:?}; saw {seen:?}"))
}

/// Saves what the window shows to `target/e2e-artifacts/NAME.png`, for a failed test's report.
pub async fn save_screenshot(_client: &Client, name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/e2e-artifacts");
    std::fs::create_dir_all(&dir).ok()?;
    let path = dir.join(format!("{name}.png"));
    // The X server's picture of the screen (ImageMagick's `import`), not WebDriver's: with GPU
    // compositing off, as Charta paints, WebKitWebDriver's screenshot command can hang for
    // good, taking the session with it. The window fills the test's 1280x800 screen.
    let status = Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    status.success().then_some(path)
}

/// Runs `tests/fhir/validate-fhir.mjs` (npm @medplum/core's `validateResource`) on FHIR files
/// or folders; answers whether all were valid and what it printed.
pub fn validate_fhir(paths: &[&Path]) -> Result<(bool, String), String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("fhir/validate-fhir.mjs");
    let out = std::process::Command::new("node")
        .arg(script)
        .args(paths)
        .output()
        .map_err(|e| {
            format!("node (Node 20 and ui/node_modules come with the README's test command): {e}")
        })?;
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Ok((out.status.success(), text))
}
