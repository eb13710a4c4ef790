-- Practice reports (owner: reports): indexes for the whole-practice reads (store/reports.rs),
-- so a report is a range scan over coded rows, not a scan of every row.
-- Diabetes (E10–E13) and hypertension (I10–I16) on the problem list and as visit diagnoses.
-- Each index carries the patient (and what the read filters on), so a registry reads index
-- pages only, never the rows: at 100,000 patients the rows are spread over gigabytes. A
-- partial index's own WHERE column is repeated as its last column: SQLite counts an index as
-- covering only for the columns it holds, and a read names `entered_in_error_at IS NULL` to
-- be allowed the partial index at all.
-- The problems' index also answers the reminders' "not applicable" problems (any status).
CREATE INDEX problems_by_code ON problems (code, status, patient_id, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX visit_diagnoses_by_code ON visit_diagnoses (code, patient_id, visit_id, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
-- The few visits, lab reports entered in error: a registry excludes them as one small set.
CREATE INDEX visits_in_error ON visits (id) WHERE entered_in_error_at IS NOT NULL;
CREATE INDEX lab_reports_in_error ON lab_reports (id) WHERE entered_in_error_at IS NOT NULL;
-- Every current HbA1c with what its value in % is computed from (diabetes control, which
-- names it with INDEXED BY: the planner would rather take lab_results_by_code and read rows).
CREATE INDEX lab_results_hba1c ON lab_results
    (patient_id, collected_at, canonical_unit, canonical_value, unit, value_num, report_id, id,
     loinc, entered_in_error_at)
    WHERE loinc = '4548-4' AND entered_in_error_at IS NULL;
-- Visits per provider per month: visits by start across all providers.
CREATE INDEX visits_by_start ON visits (started_at);
-- "Not superseded" looks up the rare row that supersedes a result; with every other row NULL,
-- the statistics make the full index look useless and the planner scans lab_results per result
-- (seconds at 100,000 patients). Only the superseding rows are indexed here.
CREATE INDEX lab_results_by_superseding ON lab_results (supersedes) WHERE supersedes IS NOT NULL;
