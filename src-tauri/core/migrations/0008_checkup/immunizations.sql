-- Immunizations (owner: immunizations): doses given here, historical doses the patient
-- reports, and refusals. Never deleted or rewritten; a wrong entry is marked entered in error.
CREATE TABLE immunizations (
    id                      TEXT PRIMARY KEY,
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    visit_id                TEXT REFERENCES visits (id),
    cvx                     TEXT NOT NULL,      -- CDC CVX code (assets/cvx)
    vaccine                 TEXT NOT NULL,      -- its name as shown
    -- 'given': given in the practice; 'historical': reported by the patient / another record;
    -- 'refused': offered and declined (refusal_reason says why).
    kind                    TEXT NOT NULL CHECK (kind IN ('given', 'historical', 'refused')),
    given_on                TEXT NOT NULL,      -- local date (YYYY-MM-DD); a refusal's date
    dose_number             INTEGER CHECK (dose_number BETWEEN 1 AND 20),
    lot                     TEXT,
    expires_on              TEXT,
    manufacturer            TEXT,               -- MVX code or name
    site                    TEXT,               -- e.g. 'left deltoid'
    route                   TEXT,               -- 'IM', 'SC', 'ID', 'PO', 'IN'
    given_by                TEXT REFERENCES users (id),
    given_by_name           TEXT,               -- outside giver of a historical dose
    vis_date                TEXT,               -- edition date of the Vaccine Information Statement
    refusal_reason          TEXT,
    source_note             TEXT,               -- where a historical dose was recorded
    recorded_by             TEXT NOT NULL REFERENCES users (id),
    recorded_at             TEXT NOT NULL,
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((kind = 'refused') = (refusal_reason IS NOT NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX immunizations_by_patient ON immunizations (patient_id, given_on);
CREATE INDEX immunizations_by_code ON immunizations (cvx, given_on);
CREATE INDEX immunizations_by_visit ON immunizations (visit_id);
CREATE INDEX immunizations_by_giver ON immunizations (given_by);
CREATE INDEX immunizations_by_recorder ON immunizations (recorded_by);
CREATE INDEX immunizations_by_error_marker ON immunizations (entered_in_error_by);
CREATE TRIGGER immunizations_are_never_deleted BEFORE DELETE ON immunizations
BEGIN SELECT RAISE(ABORT, 'immunizations are never deleted; mark them entered in error'); END;
CREATE TRIGGER immunizations_are_never_rewritten BEFORE UPDATE ON immunizations
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.visit_id IS NOT OLD.visit_id
    OR NEW.cvx IS NOT OLD.cvx OR NEW.vaccine IS NOT OLD.vaccine OR NEW.kind IS NOT OLD.kind
    OR NEW.given_on IS NOT OLD.given_on OR NEW.dose_number IS NOT OLD.dose_number
    OR NEW.lot IS NOT OLD.lot OR NEW.expires_on IS NOT OLD.expires_on
    OR NEW.manufacturer IS NOT OLD.manufacturer OR NEW.site IS NOT OLD.site
    OR NEW.route IS NOT OLD.route OR NEW.given_by IS NOT OLD.given_by
    OR NEW.given_by_name IS NOT OLD.given_by_name OR NEW.vis_date IS NOT OLD.vis_date
    OR NEW.refusal_reason IS NOT OLD.refusal_reason OR NEW.source_note IS NOT OLD.source_note
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'immunizations are never rewritten; mark them entered in error'); END;
