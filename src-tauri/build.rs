//! Embeds the UI and generates one permission per command, so the capability file can allow
//! exactly the commands the UI uses.

fn main() {
    let commands = &[
        "app_info",
        "save_practice",
        "time_zones",
        "set_up_practice",
        "log_in",
        "unlock",
        "lock",
        "log_out",
        "change_password",
        "search_patients",
        "register_patient",
        "get_patient",
        "update_patient",
        "set_restricted",
        "emergency_access",
        "list_users",
        "create_user",
        "update_user",
        "reset_password",
        "set_user_active",
        "audit_report",
        "export_audit_csv",
        "verify_audit_chain",
        "back_up_now",
        "list_backups",
        "restore_backup",
    ];
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(commands));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo::error=tauri-build failed: {e:#}");
    }
}
