-- Practice reports (owner: reports): indexes for the whole-practice reads (store/reports.rs),
-- so a report is a range scan over coded rows, not a scan of every row.
-- Diabetes (E10–E13) and hypertension (I10–I16) on the problem list and as visit diagnoses.
CREATE INDEX problems_by_code ON problems (code) WHERE status = 'active' AND entered_in_error_at IS NULL;
CREATE INDEX visit_diagnoses_by_code ON visit_diagnoses (code) WHERE entered_in_error_at IS NULL;
-- Visits per provider per month: visits by start across all providers.
CREATE INDEX visits_by_start ON visits (started_at);
-- "Not superseded" looks up the rare row that supersedes a result; with every other row NULL,
-- the statistics make the full index look useless and the planner scans lab_results per result
-- (seconds at 100,000 patients). Only the superseding rows are indexed here.
CREATE INDEX lab_results_by_superseding ON lab_results (supersedes) WHERE supersedes IS NOT NULL;
