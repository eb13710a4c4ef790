//! Embeds the UI and generates one permission per command, so the capability file can allow
//! exactly the commands the UI uses.

fn main() {
    let commands = &[
        "app_info",
        "save_practice",
        "time_zones",
        "search_patients",
        "register_patient",
        "get_patient",
        "update_patient",
    ];
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri-build failed: {e:#}");
    }
}
