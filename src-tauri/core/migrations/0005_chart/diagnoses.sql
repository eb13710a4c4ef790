-- Visit diagnoses (owner: chart::diagnoses). ICD-10-CM billable codes; one primary per visit.
-- Frozen with the visit's signature; a wrong one is marked entered in error with a reason.
CREATE TABLE visit_diagnoses (
    id           TEXT PRIMARY KEY,
    visit_id     TEXT NOT NULL REFERENCES visits (id),
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    code         TEXT NOT NULL,
    description  TEXT NOT NULL,
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    position     INTEGER NOT NULL CHECK (position >= 0),
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX visit_diagnoses_by_visit ON visit_diagnoses (visit_id, position);
CREATE INDEX visit_diagnoses_by_patient ON visit_diagnoses (patient_id, code);
CREATE INDEX visit_diagnoses_by_adder ON visit_diagnoses (added_by);
CREATE INDEX visit_diagnoses_by_error_marker ON visit_diagnoses (entered_in_error_by);
CREATE UNIQUE INDEX visit_diagnoses_one_primary ON visit_diagnoses (visit_id)
    WHERE is_primary = 1 AND entered_in_error_at IS NULL;
CREATE TRIGGER visit_diagnoses_are_never_deleted BEFORE DELETE ON visit_diagnoses
BEGIN SELECT RAISE(ABORT, 'diagnoses are never deleted; mark them entered in error'); END;
CREATE TRIGGER signed_diagnoses_are_never_rewritten BEFORE UPDATE ON visit_diagnoses
WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL AND (
       NEW.visit_id IS NOT OLD.visit_id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.code IS NOT OLD.code OR NEW.description IS NOT OLD.description
    OR NEW.is_primary IS NOT OLD.is_primary OR NEW.position IS NOT OLD.position
    OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
    OR (OLD.entered_in_error_at IS NOT NULL AND (
           NEW.entered_in_error_at IS NOT OLD.entered_in_error_at
        OR NEW.entered_in_error_by IS NOT OLD.entered_in_error_by
        OR NEW.entered_in_error_reason IS NOT OLD.entered_in_error_reason)))
BEGIN SELECT RAISE(ABORT, 'a diagnosis on a signed visit is never rewritten; mark it entered in error'); END;
CREATE TRIGGER signed_visits_take_no_new_diagnoses BEFORE INSERT ON visit_diagnoses
WHEN (SELECT signed_at FROM visits WHERE id = NEW.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed visit takes no new diagnoses; add an amendment'); END;

-- The practice's recently used codes, offered first (not patient data).
CREATE TABLE icd_recent (
    code          TEXT PRIMARY KEY,
    uses          INTEGER NOT NULL CHECK (uses >= 1),
    last_used_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX icd_recent_by_time ON icd_recent (last_used_at);
