// Commands of the problem list (see src-tauri/src/commands/problems.rs).
import type {
  DiagnosisId,
  PatientId,
  Problem,
  ProblemDraft,
  ProblemFromDiagnosis,
  ProblemId,
  ProblemVersion,
  VisitId,
} from '../bindings';
import { call } from '../call';

export const problemsApi = {
  addProblem: (patientId: PatientId, draft: ProblemDraft, visitId: VisitId | null = null) =>
    call<Problem>('add_problem', { patientId, draft, visitId }),
  updateProblem: (id: ProblemId, expectedVersion: number, draft: ProblemDraft) =>
    call<Problem>('update_problem', { id, expectedVersion, draft }),
  problemEnteredInError: (id: ProblemId, reason: string) => call<Problem>('problem_entered_in_error', { id, reason }),
  /** Active, then inactive, then resolved, then entered in error. */
  listProblems: (patientId: PatientId) => call<Problem[]>('list_problems', { patientId }),
  /** Every version, oldest first. */
  problemHistory: (id: ProblemId) => call<ProblemVersion[]>('problem_history', { id }),
  /** "Add to problem list": a new active problem, or the visit linked to the existing one. */
  problemFromDiagnosis: (diagnosisId: DiagnosisId) => call<ProblemFromDiagnosis>('problem_from_diagnosis', { diagnosisId }),
  linkProblemVisit: (problemId: ProblemId, visitId: VisitId) => call<Problem>('link_problem_visit', { problemId, visitId }),
};
