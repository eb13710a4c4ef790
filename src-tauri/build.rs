//! Embeds the UI and generates one permission per command, so the capability file can allow
//! exactly the commands the UI uses.

include!("src/commands/names.rs");

fn main() {
    let commands = COMMANDS;
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri-build failed: {e:#}");
    }
}
