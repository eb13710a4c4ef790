// The names of the commands: shared by `build.rs` (permissions) and the app (a test). A plain
// comment, not `//!`: build.rs `include!`s this file.

/// Every command the UI may call. `build.rs` includes this file to generate one permission per
/// command; a test checks that the capability file allows exactly these.
pub const COMMANDS: &[&str] = &[
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
    "backup_status",
    "verify_backup",
    "list_backups",
    "restore_backup",
    "list_templates",
    "chart_summary",
    "search_chart",
];
