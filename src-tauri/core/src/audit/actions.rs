//! What each audit action is called in the report, as a person would say it ("signed visit
//! note"). The UI's action filter is generated from this list, so a new action without a label
//! shows as its code name and a test names it.

use serde::Serialize;
use ts_rs::TS;

/// Every action Charta writes to the audit log, with its label, in the order the report's
/// filter lists them.
pub const ACTIONS: &[(&str, &str)] = &[
    // Sessions and the practice
    ("setup", "set up the practice"),
    ("login", "logged in"),
    ("logout", "logged out"),
    ("lock", "locked the screen"),
    ("unlock", "unlocked the screen"),
    ("close", "closed Charta"),
    ("change_password", "changed own password"),
    ("save_practice", "changed practice settings"),
    // Users
    ("list_users", "listed users"),
    ("create_user", "created a user"),
    ("update_user", "changed a user"),
    ("deactivate_user", "deactivated a user"),
    ("reactivate_user", "reactivated a user"),
    ("set_user_active", "activated or deactivated a user"),
    ("reset_password", "reset a password"),
    // Patients
    ("search_patients", "searched patients"),
    ("duplicate_check", "was shown possible duplicates"),
    ("register_patient", "registered a patient"),
    ("view_patient", "opened demographics"),
    ("view_patient_history", "viewed demographics history"),
    ("update_patient", "changed demographics"),
    ("restrict_chart", "restricted or unrestricted a chart"),
    ("emergency_access", "used emergency access"),
    ("patient_summaries", "listed patients"),
    ("seed_demo", "generated the demo practice"),
    ("add_generated_patients", "added generated patients"),
    // The chart
    ("view_chart_summary", "opened the chart summary"),
    ("search_chart", "searched within a chart"),
    ("list_providers", "listed the physicians"),
    ("start_visit", "started a visit"),
    ("view_visits", "listed visits"),
    ("view_visit", "opened a visit note"),
    ("save_draft", "saved a note draft"),
    ("sign_note", "signed visit note"),
    ("amend_note", "amended a signed note"),
    ("visit_entered_in_error", "marked a visit entered in error"),
    ("view_outside_visits", "listed outside visits"),
    (
        "outside_visit_entered_in_error",
        "marked an outside visit entered in error",
    ),
    ("view_cosign_queue", "opened the notes to sign"),
    (
        "print_after_visit_summary",
        "printed an after-visit summary",
    ),
    ("list_templates", "listed note templates"),
    ("save_template", "changed a note template"),
    ("save_phrase", "changed a smart phrase"),
    ("expand_phrase", "expanded a smart phrase with chart data"),
    ("search_diagnoses", "searched the diagnosis codes"),
    ("add_visit_diagnosis", "added a visit diagnosis"),
    ("set_primary_diagnosis", "changed the primary diagnosis"),
    (
        "diagnosis_entered_in_error",
        "marked a diagnosis entered in error",
    ),
    ("add_problem", "added a problem"),
    ("update_problem", "changed a problem"),
    (
        "problem_entered_in_error",
        "marked a problem entered in error",
    ),
    ("view_problems", "viewed the problem list"),
    ("view_problem_history", "viewed a problem's history"),
    ("link_problem_visit", "linked a problem to a visit"),
    ("search_allergens", "searched the allergen catalogue"),
    ("record_allergy", "recorded an allergy"),
    ("update_allergy", "changed an allergy"),
    (
        "allergy_entered_in_error",
        "marked an allergy entered in error",
    ),
    ("record_no_known_allergies", "recorded no known allergies"),
    ("view_allergies", "viewed allergies"),
    ("record_vitals", "recorded vitals"),
    ("vitals_entered_in_error", "marked vitals entered in error"),
    ("view_vitals", "viewed vitals"),
    ("record_history", "recorded history"),
    (
        "history_entered_in_error",
        "marked a history entry entered in error",
    ),
    ("view_histories", "viewed histories"),
    // The schedule: set-up
    ("view_schedule_setup", "viewed the schedule set-up"),
    ("save_schedule_provider", "changed a schedule provider"),
    ("save_practice_hours", "changed the practice hours"),
    ("save_availability", "changed a provider's availability"),
    ("block_time", "blocked time"),
    ("lift_block", "lifted blocked time"),
    ("list_blocks", "listed blocked time"),
    ("save_appointment_type", "changed an appointment type"),
    ("save_room", "changed a room"),
    // The schedule: appointments and the flow
    ("view_schedule", "viewed the schedule"),
    ("check_booking", "checked a booking for conflicts"),
    ("book_appointment", "booked an appointment"),
    ("overbook_appointment", "overbooked an appointment"),
    ("change_appointment", "moved or changed an appointment"),
    ("cancel_appointment", "cancelled an appointment"),
    ("set_appointment_status", "updated an appointment's status"),
    (
        "view_appointment_history",
        "viewed an appointment's history",
    ),
    ("view_flow_board", "viewed the flow board"),
    (
        "view_patient_appointments",
        "viewed a patient's appointments",
    ),
    (
        "start_visit_from_appointment",
        "started a visit from an appointment",
    ),
    ("preview_series", "previewed a recurring series"),
    ("book_series", "booked a recurring series"),
    ("change_series", "changed a recurring series"),
    ("cancel_series", "cancelled a recurring series"),
    ("find_free_slot", "looked for a free slot"),
    ("view_wait_list", "viewed the wait list"),
    ("add_to_wait_list", "added a patient to the wait list"),
    ("resolve_wait_list", "took a patient off the wait list"),
    (
        "view_wait_list_fits",
        "viewed who on the wait list fits a slot",
    ),
    ("print_day_list", "printed a provider's day list"),
    ("view_call_list", "viewed the reminder call list"),
    ("add_generated_schedule", "added a generated schedule"),
    // Medications and prescriptions
    ("search_drugs", "searched the drug catalogue"),
    ("view_medications", "opened the medication list"),
    ("draft_prescription", "drafted a prescription"),
    ("update_prescription_draft", "changed a prescription draft"),
    (
        "check_prescription",
        "ran the safety checks on a prescription",
    ),
    ("sign_prescription", "signed a prescription"),
    ("override_alert", "overrode a medication safety alert"),
    ("renew_prescription", "drafted a renewal"),
    ("change_prescription", "drafted a change to a prescription"),
    ("discontinue_medication", "stopped a medication"),
    (
        "medication_entered_in_error",
        "marked a medication entered in error",
    ),
    (
        "record_reported_medication",
        "recorded a medication the patient reports",
    ),
    (
        "view_prescription_queue",
        "opened the prescriptions to sign",
    ),
    ("view_medication_history", "viewed a medication's history"),
    ("reconcile_medications", "reconciled the medication list"),
    ("list_favourites", "listed favourite prescriptions"),
    ("save_favourite", "changed a favourite prescription"),
    ("retire_favourite", "retired a favourite prescription"),
    ("import_drug_catalogue", "imported RxNorm drug files"),
    ("view_drug_imports", "viewed the drug imports"),
    ("print_prescription", "printed a prescription"),
    ("print_medication_list", "printed the medication list"),
    ("view_printed_copies", "listed printed copies"),
    ("open_printed_copy", "opened a printed copy"),
    (
        "add_generated_medications",
        "added generated medication histories",
    ),
    // The annual check-up's generated data (seed and benchmark)
    (
        "add_generated_checkup",
        "added generated lab results and immunizations",
    ),
    (
        "add_generated_screenings",
        "added generated screening procedures",
    ),
    // The audit log and backups
    ("view_audit_log", "viewed the audit log"),
    ("export_audit_log", "exported the audit log"),
    ("verify_audit_log", "verified the audit log"),
    ("backup", "backed up"),
    ("list_backups", "listed backups"),
    ("verify_backup", "verified a backup"),
    ("restore", "restored a backup"),
    // Immunizations (issue 10)
    ("record_immunization", "recorded an immunization"),
    ("view_immunizations", "viewed the immunization record"),
    (
        "view_immunization_forecast",
        "viewed the immunization forecast",
    ),
    (
        "immunization_entered_in_error",
        "marked an immunization entered in error",
    ),
    ("search_vaccines", "searched the vaccine catalogue"),
    // Preventive-care reminders
    ("view_reminders", "viewed preventive-care reminders"),
    ("record_reminder_decision", "recorded a reminder decision"),
    ("withdraw_reminder_decision", "withdrew a reminder decision"),
    (
        "record_screening_procedure",
        "recorded a screening procedure",
    ),
    ("view_reminder_registry", "viewed a reminder registry"),
    // Growth charts (issue 10)
    ("view_growth_chart", "viewed a growth chart"),
    // Results: result files and the results inbox (issue 10, results helper).
    ("import_result_file", "imported a result file"),
    ("refuse_result_file", "refused a result file"),
    ("view_result_files", "viewed the result files"),
    ("view_held_result", "viewed a held result file"),
    ("match_result_file", "matched a result file to a patient"),
    ("view_results_inbox", "viewed the results inbox"),
    ("send_message", "sent a message"),
    ("reply_message", "replied to a message"),
    ("view_inbox", "viewed their message inbox"),
    ("view_message", "read a message"),
    ("file_document", "filed a document"),
    ("view_documents", "viewed the documents list"),
    ("open_document", "opened a document"),
    (
        "document_entered_in_error",
        "marked a document entered in error",
    ),
    ("view_letter_templates", "viewed the letter templates"),
    ("save_letter_template", "saved a letter template"),
    ("draft_letter", "drafted a letter from the chart"),
    ("sign_letter", "signed a letter"),
    ("view_letters", "viewed the letters"),
    ("open_letter", "opened a letter"),
    // Data in and out (issue 12)
    ("export_patient_fhir", "exported a chart as FHIR"),
    (
        "export_practice_fhir",
        "exported the chart in the practice's FHIR export",
    ),
    ("import_fhir", "imported FHIR files"),
    ("import_fhir_dry_run", "tried a FHIR import (dry run)"),
    (
        "import_fhir_patient",
        "made a chart from imported FHIR records",
    ),
    ("import_csv", "imported patients from a CSV file"),
    ("import_csv_dry_run", "tried a CSV patient import (dry run)"),
    ("import_csv_patient", "registered a patient from a CSV file"),
    (
        "import_csv_appointments",
        "imported appointments from a CSV file",
    ),
    (
        "import_csv_appointments_dry_run",
        "tried a CSV appointment import (dry run)",
    ),
    (
        "import_csv_appointment",
        "kept a past appointment from a CSV file",
    ),
    ("import_csv_match", "matched a CSV file's rows to patients"),
    (
        "import_fhir_appointment",
        "kept a past appointment from a FHIR import",
    ),
    (
        "letter_entered_in_error",
        "marked a letter entered in error",
    ),
    ("view_referrals", "viewed the referrals"),
    ("update_referral", "updated a referral"),
    ("complete_message", "marked a message done"),
    ("reopen_message", "reopened a message"),
    (
        "refill_to_renewal",
        "turned a refill request into a renewal",
    ),
    ("sign_off_results", "signed off lab results"),
    ("view_results_letter", "viewed a results letter"),
    ("print_results_letter", "printed a results letter"),
    ("set_results_folder", "set the results folder"),
    // Labs (issue 10): manual entry, the Results tab, corrections
    ("record_lab_report", "recorded lab results"),
    ("view_lab_reports", "viewed lab results"),
    ("view_lab_trend", "viewed a lab trend"),
    ("correct_lab_result", "corrected a lab result"),
    (
        "lab_result_entered_in_error",
        "marked a lab result entered in error",
    ),
    ("search_lab_catalogue", "searched the lab catalogue"),
    // Practice reports (reports helper)
    ("run_practice_report", "ran a practice report"),
    (
        "export_practice_report",
        "exported a practice report as CSV",
    ),
    (
        "open_chart_from_report",
        "opened a chart from a practice report",
    ),
];

/// The label of `action`; an unknown action (an older or newer build's) reads as its name.
pub fn label(action: &str) -> String {
    ACTIONS
        .iter()
        .find(|(name, _)| *name == action)
        .map(|(_, label)| (*label).to_string())
        .unwrap_or_else(|| action.replace('_', " "))
}

/// One action as the report's filter offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AuditAction {
    pub action: String,
    pub label: String,
}

/// The list, for the UI (generated into `ui/src/api/audit-actions.ts`).
pub fn all() -> Vec<AuditAction> {
    ACTIONS
        .iter()
        .map(|(action, label)| AuditAction {
            action: (*action).to_string(),
            label: (*label).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_has_one_label() {
        let mut names: Vec<&str> = ACTIONS.iter().map(|(a, _)| *a).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "an action is listed twice");
    }

    #[test]
    fn clinical_actions_read_as_sentences_and_unknown_ones_as_their_name() {
        assert_eq!(label("sign_note"), "signed visit note");
        assert_eq!(label("brand_new_thing"), "brand new thing");
    }

    /// Every action name written anywhere in the crate's sources has a label: scans for the
    /// string literal passed to `event(now, "…"` and `require*(…, "…"`.
    #[test]
    fn every_action_the_code_writes_has_a_label() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs")
                    || path.ends_with("tests.rs")
                    || path.ends_with("actions.rs")
                {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for marker in [".event(now, \"", ".event(at, \"", "Operation::"] {
                    for (i, _) in text.match_indices(marker) {
                        let rest = &text[i + marker.len()..];
                        let name = if marker == "Operation::" {
                            // `require(Operation::X, "action", …)`
                            let Some(open) = rest.find(", \"") else {
                                continue;
                            };
                            if open > 40 {
                                continue;
                            }
                            let rest = &rest[open + 3..];
                            rest.split('"').next().unwrap_or("")
                        } else {
                            rest.split('"').next().unwrap_or("")
                        };
                        let is_name = !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                        if is_name && !ACTIONS.iter().any(|(a, _)| *a == name) {
                            missing.push(format!("{name} ({})", path.display()));
                        }
                    }
                }
            }
        }
        missing.sort();
        missing.dedup();
        assert!(missing.is_empty(), "actions without a label: {missing:?}");
    }
}
