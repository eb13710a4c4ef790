//! Commands for the problem list (thin wrappers over charta_core::chart::problems).

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::chart::problems::{Problem, ProblemDraft, ProblemFromDiagnosis, ProblemVersion};
use charta_core::ids::{DiagnosisId, ProblemId, VisitId};
use charta_core::PatientId;
use chrono::Utc;
use tauri::State;

#[tauri::command(async)]
pub fn add_problem(
    state: State<'_, AppState>,
    patient_id: PatientId,
    draft: ProblemDraft,
    visit_id: Option<VisitId>,
) -> CommandResult<Problem> {
    let now = Utc::now();
    state.run(now, |u| {
        u.add_problem(patient_id, &draft, ProblemId::random(), visit_id, now)
    })
}

#[tauri::command(async)]
pub fn update_problem(
    state: State<'_, AppState>,
    id: ProblemId,
    expected_version: u32,
    draft: ProblemDraft,
) -> CommandResult<Problem> {
    let now = Utc::now();
    state.run(now, |u| u.update_problem(id, expected_version, &draft, now))
}

#[tauri::command(async)]
pub fn problem_entered_in_error(
    state: State<'_, AppState>,
    id: ProblemId,
    reason: String,
) -> CommandResult<Problem> {
    let now = Utc::now();
    state.run(now, |u| u.problem_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn list_problems(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<Problem>> {
    let now = Utc::now();
    state.run(now, |u| u.problems(patient_id, now))
}

#[tauri::command(async)]
pub fn problem_history(
    state: State<'_, AppState>,
    id: ProblemId,
) -> CommandResult<Vec<ProblemVersion>> {
    let now = Utc::now();
    state.run(now, |u| u.problem_history(id, now))
}

#[tauri::command(async)]
pub fn problem_from_diagnosis(
    state: State<'_, AppState>,
    diagnosis_id: DiagnosisId,
) -> CommandResult<ProblemFromDiagnosis> {
    let now = Utc::now();
    state.run(now, |u| {
        u.problem_from_diagnosis(diagnosis_id, ProblemId::random(), now)
    })
}

#[tauri::command(async)]
pub fn link_problem_visit(
    state: State<'_, AppState>,
    problem_id: ProblemId,
    visit_id: VisitId,
) -> CommandResult<Problem> {
    let now = Utc::now();
    state.run(now, |u| u.link_problem_visit(problem_id, visit_id, now))
}
