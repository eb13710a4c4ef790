//! Tauri commands: parse, call `charta-core`, map the error. No logic lives here.
//! The backend owns time and new ids: they are taken here, at the edge, and passed in.

pub mod admin;
pub mod allergies;
pub mod appointments;
pub mod chart;
pub mod diagnoses;
pub mod documents;
pub mod formulary;
pub mod front_desk;
pub mod growth;
pub mod histories;
pub mod immunizations;
pub mod labs;
pub mod letters;
pub mod messages;
pub mod outside_visits;
pub mod patients;
pub mod practice;
pub mod prescription_print;
pub mod prescriptions;
pub mod problems;
pub mod records;
pub mod recurrence;
pub mod reminders;
pub mod reports;
pub mod results;
pub mod rxnorm;
pub mod schedule_setup;
pub mod session;
pub mod slots;
pub mod templates;
pub mod visits;
pub mod vitals;

mod names;

pub use names::COMMANDS;

#[cfg(test)]
mod tests {
    use super::COMMANDS;

    #[test]
    fn the_capability_and_the_handler_list_name_exactly_the_commands() {
        let root = env!("CARGO_MANIFEST_DIR");
        let capability =
            std::fs::read_to_string(format!("{root}/capabilities/default.json")).unwrap();
        let handlers = std::fs::read_to_string(format!("{root}/src/lib.rs")).unwrap();
        for command in COMMANDS {
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
            capability.matches("\"allow-").count(),
            COMMANDS.len(),
            "the capability allows more than COMMANDS"
        );
    }
}
