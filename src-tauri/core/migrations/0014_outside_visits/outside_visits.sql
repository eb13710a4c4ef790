-- Visits recorded in another system and brought in by a FHIR import (owner:
-- chart::outside_visits). Read-only records of somebody else's care: after the import only
-- the entered-in-error mark may be added. The clinician and the place are the names the other
-- system gave, not users or settings of this practice; `source` says where the visit came from.
CREATE TABLE outside_visits (
    id           TEXT PRIMARY KEY,
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    started_at   TEXT NOT NULL,              -- UTC instant
    ended_at     TEXT,                       -- UTC instant
    visit_class  TEXT NOT NULL CHECK (visit_class IN ('ambulatory', 'virtual', 'home',
                     'emergency', 'inpatient', 'observation', 'shortStay', 'field', 'other')),
    visit_type   TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    clinician    TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX outside_visits_by_patient ON outside_visits (patient_id, started_at);
CREATE INDEX outside_visits_by_importer ON outside_visits (imported_by);
CREATE INDEX outside_visits_by_error_marker ON outside_visits (entered_in_error_by);
CREATE TRIGGER outside_visits_are_never_deleted BEFORE DELETE ON outside_visits
BEGIN SELECT RAISE(ABORT, 'outside visits are never deleted; mark them entered in error'); END;
-- Only the entered-in-error mark may be added, once.
CREATE TRIGGER outside_visits_are_never_rewritten BEFORE UPDATE ON outside_visits
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.started_at IS NOT OLD.started_at OR NEW.ended_at IS NOT OLD.ended_at
    OR NEW.visit_class IS NOT OLD.visit_class OR NEW.visit_type IS NOT OLD.visit_type
    OR NEW.reason IS NOT OLD.reason OR NEW.clinician IS NOT OLD.clinician
    OR NEW.place IS NOT OLD.place OR NEW.note IS NOT OLD.note OR NEW.source IS NOT OLD.source
    OR NEW.imported_at IS NOT OLD.imported_at OR NEW.imported_by IS NOT OLD.imported_by
    OR (OLD.entered_in_error_at IS NOT NULL AND (
           NEW.entered_in_error_at IS NOT OLD.entered_in_error_at
        OR NEW.entered_in_error_by IS NOT OLD.entered_in_error_by
        OR NEW.entered_in_error_reason IS NOT OLD.entered_in_error_reason))
BEGIN SELECT RAISE(ABORT, 'an outside visit is never rewritten; mark it entered in error'); END;

-- The diagnoses the other system recorded for the visit, in its order, coded as it coded
-- them (ICD-10-CM, SNOMED CT, or text alone). Written with the visit and never changed.
CREATE TABLE outside_visit_diagnoses (
    id                TEXT PRIMARY KEY,
    outside_visit_id  TEXT NOT NULL REFERENCES outside_visits (id),
    patient_id        TEXT NOT NULL REFERENCES patients (id),
    code_system       TEXT,
    code              TEXT,
    description       TEXT NOT NULL,
    position          INTEGER NOT NULL CHECK (position >= 0),
    CHECK ((code_system IS NULL) = (code IS NULL))
);
CREATE UNIQUE INDEX outside_visit_diagnoses_by_visit
    ON outside_visit_diagnoses (outside_visit_id, position);
CREATE INDEX outside_visit_diagnoses_by_patient ON outside_visit_diagnoses (patient_id);
CREATE TRIGGER outside_visit_diagnoses_are_append_only_u BEFORE UPDATE ON outside_visit_diagnoses
BEGIN SELECT RAISE(ABORT, 'an outside visit''s diagnoses cannot be changed'); END;
CREATE TRIGGER outside_visit_diagnoses_are_append_only_d BEFORE DELETE ON outside_visit_diagnoses
BEGIN SELECT RAISE(ABORT, 'an outside visit''s diagnoses cannot be deleted'); END;
