//! Charta's desktop shell: opens the chart database, then runs the Tauri window whose
//! commands wrap `charta-core`.

pub mod commands;
pub mod error;
pub mod launch;
pub mod state;
pub mod webview;

use error::DesktopError;
use state::AppState;
use std::time::Duration;
use tauri::Manager;

/// How often the write-ahead log is folded into the database file.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(20);

/// Runs the app; returns the process exit code. Start-up problems are reported on stderr
/// because no window exists yet to show them.
pub fn run() -> i32 {
    match start() {
        Ok(()) => 0,
        Err(DesktopError::Usage(message)) => {
            eprintln!("{message}");
            2
        }
        Err(e) => {
            eprintln!("charta: {e}");
            1
        }
    }
}

fn start() -> Result<(), DesktopError> {
    let options = launch::parse_args(std::env::args().skip(1))?;
    let path = launch::database_path(&options, std::env::var("CHARTA_DB").ok(), dirs::data_dir())?;
    let workstation = launch::prepare(&path, options.no_demo, chrono::Utc::now())?;
    tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            // A second start brings the running window forward instead of opening the
            // database twice.
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .manage(AppState::new(workstation, path, options.lock_after_seconds))
        .setup(|app| {
            // WAL checkpoints run here, off the path of any click (see ChartDb::checkpoint).
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                std::thread::sleep(CHECKPOINT_EVERY);
                let state = handle.state::<AppState>();
                let _ = state.with(|ws| ws.db().checkpoint().map(drop));
            });
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.with_webview(webview::lean);
            }
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::practice::app_info,
            commands::practice::save_practice,
            commands::practice::time_zones,
            commands::session::set_up_practice,
            commands::session::log_in,
            commands::session::unlock,
            commands::session::lock,
            commands::session::log_out,
            commands::session::change_password,
            commands::patients::search_patients,
            commands::patients::register_patient,
            commands::patients::get_patient,
            commands::patients::update_patient,
            commands::patients::set_restricted,
            commands::patients::emergency_access,
            commands::admin::list_users,
            commands::admin::create_user,
            commands::admin::update_user,
            commands::admin::reset_password,
            commands::admin::set_user_active,
            commands::admin::audit_report,
            commands::admin::export_audit_csv,
            commands::admin::verify_audit_chain,
            commands::admin::back_up_now,
            commands::admin::backup_status,
            commands::admin::verify_backup,
            commands::admin::list_backups,
            commands::admin::restore_backup,
            commands::templates::list_templates,
            commands::visits::start_visit,
            commands::visits::list_visits,
            commands::visits::get_visit,
            commands::visits::save_draft,
            commands::visits::sign_note,
            commands::visits::amend_note,
            commands::visits::visit_entered_in_error,
            commands::outside_visits::list_outside_visits,
            commands::outside_visits::outside_visit_entered_in_error,
            commands::visits::cosign_queue,
            commands::visits::after_visit_summary,
            commands::visits::list_providers,
            commands::templates::save_template,
            commands::templates::list_phrases,
            commands::templates::save_phrase,
            commands::templates::retire_phrase,
            commands::templates::expand_phrase,
            commands::diagnoses::search_diagnoses,
            commands::diagnoses::add_visit_diagnosis,
            commands::diagnoses::list_visit_diagnoses,
            commands::diagnoses::set_primary_diagnosis,
            commands::diagnoses::diagnosis_entered_in_error,
            commands::problems::add_problem,
            commands::problems::update_problem,
            commands::problems::problem_entered_in_error,
            commands::problems::list_problems,
            commands::problems::problem_history,
            commands::problems::problem_from_diagnosis,
            commands::problems::link_problem_visit,
            commands::allergies::search_allergens,
            commands::allergies::record_allergy,
            commands::allergies::update_allergy,
            commands::allergies::allergy_entered_in_error,
            commands::allergies::list_allergies,
            commands::allergies::allergy_history,
            commands::allergies::record_no_known_allergies,
            commands::allergies::allergy_state,
            commands::histories::record_social_history,
            commands::histories::record_family_history,
            commands::histories::record_surgical_history,
            commands::histories::history_entered_in_error,
            commands::histories::list_histories,
            commands::histories::history_versions,
            commands::vitals::record_vitals,
            commands::vitals::list_vitals,
            commands::vitals::vitals_entered_in_error,
            commands::chart::chart_summary,
            commands::chart::search_chart,
            commands::schedule_setup::schedule_setup,
            commands::appointments::schedule_range,
            commands::appointments::check_booking,
            commands::appointments::book_appointment,
            commands::appointments::change_appointment,
            commands::appointments::cancel_appointment,
            commands::appointments::set_appointment_status,
            commands::appointments::appointment_history,
            commands::appointments::flow_board,
            commands::appointments::patient_appointments,
            commands::appointments::start_visit_from_appointment,
            commands::schedule_setup::schedule_provider_candidates,
            commands::schedule_setup::save_schedule_provider,
            commands::schedule_setup::save_practice_hours,
            commands::schedule_setup::availability_templates,
            commands::schedule_setup::save_availability,
            commands::schedule_setup::list_blocks,
            commands::schedule_setup::block_time,
            commands::schedule_setup::lift_block,
            commands::schedule_setup::save_appointment_type,
            commands::schedule_setup::save_room,
            commands::recurrence::preview_series,
            commands::recurrence::book_series,
            commands::recurrence::change_series,
            commands::recurrence::cancel_series,
            commands::front_desk::call_list,
            commands::front_desk::log_day_list_print,
            commands::slots::next_free_slots,
            commands::slots::wait_list,
            commands::slots::add_to_wait_list,
            commands::slots::resolve_wait_list,
            commands::slots::wait_list_fits,
            commands::prescriptions::medication_list,
            commands::prescriptions::draft_prescription,
            commands::prescriptions::update_prescription_draft,
            commands::prescriptions::check_prescription,
            commands::prescriptions::sign_prescription,
            commands::prescriptions::renew_prescription,
            commands::prescriptions::change_prescription,
            commands::prescriptions::discontinue_medication,
            commands::prescriptions::medication_entered_in_error,
            commands::prescriptions::record_reported_medication,
            commands::prescriptions::prescriptions_to_sign,
            commands::prescriptions::medication_history,
            commands::prescriptions::reconcile_medications,
            commands::formulary::drug_search,
            commands::formulary::drug_product,
            commands::formulary::favourites,
            commands::formulary::save_favourite,
            commands::formulary::retire_favourite,
            commands::prescription_print::sig_preview,
            commands::prescription_print::print_prescription,
            commands::prescription_print::print_medication_list,
            commands::prescription_print::printed_copies,
            commands::prescription_print::printed_copy_pdf,
            commands::records::export_practice_fhir,
            commands::records::export_patient_fhir,
            commands::records::export_patient_pdf,
            commands::records::import_fhir,
            commands::records::import_patients_csv,
            commands::records::import_appointments_csv,
            commands::rxnorm::import_rxnorm,
            commands::rxnorm::drug_imports,
            commands::immunizations::record_immunization,
            commands::immunizations::immunization_entered_in_error,
            commands::immunizations::immunizations,
            commands::immunizations::immunization_forecast,
            commands::immunizations::search_vaccines,
            commands::reminders::reminders_for_patient,
            commands::reminders::record_reminder_decision,
            commands::reminders::withdraw_reminder_decision,
            commands::reminders::record_screening_procedure,
            commands::reminders::reminder_registry,
            commands::growth::growth_chart,
            commands::results::import_result_file,
            commands::results::result_files,
            commands::results::held_result_file,
            commands::results::match_result_file,
            commands::results::refuse_result_file,
            commands::results::results_physicians,
            commands::results::set_results_folder,
            commands::results::results_folder,
            commands::results::import_results_folder,
            commands::results::results_inbox,
            commands::results::results_inbox_count,
            commands::messages::send_message,
            commands::messages::reply_to_message,
            commands::messages::message_inbox,
            commands::messages::inbox_counts,
            commands::messages::open_message_thread,
            commands::messages::set_message_status,
            commands::messages::refill_to_renewal,
            commands::messages::message_recipients,
            commands::documents::file_document,
            commands::documents::patient_documents,
            commands::documents::open_document,
            commands::documents::document_entered_in_error,
            commands::documents::document_categories,
            commands::letters::letter_templates,
            commands::letters::letter_fields,
            commands::letters::save_letter_template,
            commands::letters::draft_letter,
            commands::letters::sign_letter,
            commands::letters::patient_letters,
            commands::letters::letter_pdf,
            commands::letters::letter_entered_in_error,
            commands::letters::patient_referrals,
            commands::letters::update_referral,
            commands::results::sign_off_results,
            commands::results::results_letter,
            commands::results::print_results_letter,
            // Labs (issue 10)
            commands::labs::record_lab_report,
            commands::labs::lab_reports,
            commands::labs::lab_results_table,
            commands::labs::lab_trend,
            commands::labs::correct_lab_result,
            commands::labs::lab_result_entered_in_error,
            commands::labs::search_lab_catalogue,
            commands::labs::lab_catalogue,
            commands::labs::lab_physicians,
            commands::reports::practice_report_kinds,
            commands::reports::run_practice_report,
            commands::reports::export_practice_report,
            commands::reports::open_chart_from_report,
        ])
        .build(tauri::generate_context!())?
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Logs out and anchors the audit log's head in the keystore (vault/README.md).
                let state = app.state::<AppState>();
                let closed = match state.slot() {
                    Ok(mut slot) => slot.as_mut().map(|ws| ws.close(chrono::Utc::now())),
                    Err(_) => None,
                };
                if let Some(Err(e)) = closed {
                    eprintln!("charta: closing the practice: {e}");
                }
            }
        });
    Ok(())
}
