//! Tauri commands: parse, call `charta-core`, map the error. No logic lives here.
//! The backend owns time and new ids: they are taken here, at the edge, and passed in.

pub mod admin;
pub mod patients;
pub mod practice;
pub mod session;

/// Every command the UI may call; `build.rs` and the capability file list the same names
/// (a test checks).
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
    "list_backups",
    "restore_backup",
];

#[cfg(test)]
mod tests {
    use super::COMMANDS;

    #[test]
    fn build_script_and_capability_list_exactly_the_commands() {
        let root = env!("CARGO_MANIFEST_DIR");
        let build = std::fs::read_to_string(format!("{root}/build.rs")).unwrap();
        let capability =
            std::fs::read_to_string(format!("{root}/capabilities/default.json")).unwrap();
        let handlers = std::fs::read_to_string(format!("{root}/src/lib.rs")).unwrap();
        for command in COMMANDS {
            assert!(
                build.contains(&format!("\"{command}\"")),
                "build.rs lacks {command}"
            );
            let permission = format!("\"allow-{}\"", command.replace('_', "-"));
            assert!(
                capability.contains(&permission),
                "the capability lacks {permission}"
            );
            assert!(
                handlers.contains(&format!("::{command},")),
                "lib.rs does not register {command}"
            );
        }
        assert_eq!(
            build.matches("        \"").count(),
            COMMANDS.len(),
            "build.rs lists a command COMMANDS lacks"
        );
        assert_eq!(
            capability.matches("\"allow-").count(),
            COMMANDS.len(),
            "the capability allows more than COMMANDS"
        );
    }
}
