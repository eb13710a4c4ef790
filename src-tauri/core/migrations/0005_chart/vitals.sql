-- Vital signs (owner: chart::vitals), stored canonically (mmHg, /min, °C, %, cm, kg).
-- A set is never changed; a wrong one is marked entered in error with a reason.
CREATE TABLE vitals (
    id                     TEXT PRIMARY KEY,
    patient_id             TEXT NOT NULL REFERENCES patients (id),
    visit_id               TEXT REFERENCES visits (id),
    taken_at               TEXT NOT NULL,      -- UTC instant
    recorded_at            TEXT NOT NULL,
    recorded_by            TEXT NOT NULL REFERENCES users (id),
    systolic               INTEGER,
    diastolic              INTEGER,
    bp_position            TEXT CHECK (bp_position IN ('sitting', 'standing', 'lying')),
    pulse                  INTEGER,
    respiration            INTEGER,
    temperature_c          REAL,
    spo2                   INTEGER,
    height_cm              REAL,
    weight_kg              REAL,
    bmi                    REAL,
    -- The earlier set whose height this set's BMI used (NULL: this set's own height, or no BMI).
    bmi_height_from        TEXT REFERENCES vitals (id),
    head_circumference_cm  REAL,
    pain_score             INTEGER CHECK (pain_score BETWEEN 0 AND 10),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((systolic IS NULL) = (diastolic IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX vitals_by_patient ON vitals (patient_id, taken_at);
CREATE INDEX vitals_by_visit ON vitals (visit_id);
CREATE INDEX vitals_by_recorder ON vitals (recorded_by);
CREATE INDEX vitals_by_error_marker ON vitals (entered_in_error_by);
CREATE INDEX vitals_by_bmi_height ON vitals (bmi_height_from);
CREATE TRIGGER vitals_are_never_deleted BEFORE DELETE ON vitals
BEGIN SELECT RAISE(ABORT, 'vitals are never deleted; mark them entered in error'); END;
CREATE TRIGGER vitals_are_never_rewritten BEFORE UPDATE ON vitals
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.visit_id IS NOT OLD.visit_id
    OR NEW.taken_at IS NOT OLD.taken_at OR NEW.recorded_at IS NOT OLD.recorded_at
    OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.systolic IS NOT OLD.systolic OR NEW.diastolic IS NOT OLD.diastolic
    OR NEW.bp_position IS NOT OLD.bp_position OR NEW.pulse IS NOT OLD.pulse
    OR NEW.respiration IS NOT OLD.respiration OR NEW.temperature_c IS NOT OLD.temperature_c
    OR NEW.spo2 IS NOT OLD.spo2 OR NEW.height_cm IS NOT OLD.height_cm
    OR NEW.weight_kg IS NOT OLD.weight_kg OR NEW.bmi IS NOT OLD.bmi
    OR NEW.bmi_height_from IS NOT OLD.bmi_height_from
    OR NEW.head_circumference_cm IS NOT OLD.head_circumference_cm
    OR NEW.pain_score IS NOT OLD.pain_score
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'recorded vitals are never rewritten; mark them entered in error'); END;
