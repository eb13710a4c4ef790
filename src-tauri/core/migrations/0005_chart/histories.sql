-- Histories (owner: chart::histories), each dated and versioned: an edit adds a new row that
-- `replaces` the previous one, which gets `superseded_at`; current rows have neither
-- superseded_at nor entered_in_error_at. Nothing is deleted.

-- Smoking, alcohol, substance use, occupation: one current row per patient and kind.
CREATE TABLE social_history (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    kind           TEXT NOT NULL CHECK (kind IN ('smoking', 'alcohol', 'substance', 'occupation')),
    status         TEXT NOT NULL,              -- e.g. smoking: never/former/current_every_day/current_some_days/unknown
    detail         TEXT NOT NULL DEFAULT '',
    packs_per_day  REAL,
    years          REAL,
    pack_years     REAL,                       -- computed for smoking
    quit_date      TEXT,
    drinks_per_week REAL,                      -- alcohol
    audit_c        INTEGER CHECK (audit_c BETWEEN 0 AND 12),  -- alcohol: AUDIT-C score, optional
    as_of          TEXT NOT NULL,              -- date the history was taken (practice-local)
    replaces       TEXT REFERENCES social_history (id),
    superseded_at  TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT
);
CREATE INDEX social_history_by_patient ON social_history (patient_id, kind, recorded_at);
CREATE INDEX social_history_by_replaced ON social_history (replaces);
CREATE INDEX social_history_by_recorder ON social_history (recorded_by);
CREATE INDEX social_history_by_error_marker ON social_history (entered_in_error_by);

CREATE TABLE family_history (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    relative       TEXT NOT NULL,              -- mother, father, sister, brother, …
    condition      TEXT NOT NULL,
    code           TEXT,                       -- ICD-10-CM when picked from the code set
    onset_age      INTEGER CHECK (onset_age BETWEEN 0 AND 130),
    comment        TEXT NOT NULL DEFAULT '',
    replaces       TEXT REFERENCES family_history (id),
    superseded_at  TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT
);
CREATE INDEX family_history_by_patient ON family_history (patient_id, recorded_at);
CREATE INDEX family_history_by_replaced ON family_history (replaces);
CREATE INDEX family_history_by_recorder ON family_history (recorded_by);
CREATE INDEX family_history_by_error_marker ON family_history (entered_in_error_by);

CREATE TABLE surgical_history (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    procedure      TEXT NOT NULL,
    performed_on   TEXT,                       -- YYYY, YYYY-MM or YYYY-MM-DD
    comment        TEXT NOT NULL DEFAULT '',
    replaces       TEXT REFERENCES surgical_history (id),
    superseded_at  TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT
);
CREATE INDEX surgical_history_by_patient ON surgical_history (patient_id, recorded_at);
CREATE INDEX surgical_history_by_replaced ON surgical_history (replaces);
CREATE INDEX surgical_history_by_recorder ON surgical_history (recorded_by);
CREATE INDEX surgical_history_by_error_marker ON surgical_history (entered_in_error_by);

CREATE TRIGGER social_history_is_never_deleted BEFORE DELETE ON social_history
BEGIN SELECT RAISE(ABORT, 'history entries are never deleted'); END;
CREATE TRIGGER family_history_is_never_deleted BEFORE DELETE ON family_history
BEGIN SELECT RAISE(ABORT, 'history entries are never deleted'); END;
CREATE TRIGGER surgical_history_is_never_deleted BEFORE DELETE ON surgical_history
BEGIN SELECT RAISE(ABORT, 'history entries are never deleted'); END;
-- Only the two markings (superseded, entered in error) may be added, once each.
CREATE TRIGGER social_history_is_never_rewritten BEFORE UPDATE ON social_history
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.kind IS NOT OLD.kind
    OR NEW.status IS NOT OLD.status OR NEW.detail IS NOT OLD.detail
    OR NEW.packs_per_day IS NOT OLD.packs_per_day OR NEW.years IS NOT OLD.years
    OR NEW.pack_years IS NOT OLD.pack_years OR NEW.quit_date IS NOT OLD.quit_date
    OR NEW.drinks_per_week IS NOT OLD.drinks_per_week OR NEW.audit_c IS NOT OLD.audit_c
    OR NEW.as_of IS NOT OLD.as_of OR NEW.replaces IS NOT OLD.replaces
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    OR (OLD.entered_in_error_at IS NOT NULL AND NEW.entered_in_error_at IS NOT OLD.entered_in_error_at)
BEGIN SELECT RAISE(ABORT, 'history entries are never rewritten; record a new version'); END;
CREATE TRIGGER family_history_is_never_rewritten BEFORE UPDATE ON family_history
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.relative IS NOT OLD.relative OR NEW.condition IS NOT OLD.condition
    OR NEW.code IS NOT OLD.code OR NEW.onset_age IS NOT OLD.onset_age
    OR NEW.comment IS NOT OLD.comment OR NEW.replaces IS NOT OLD.replaces
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    OR (OLD.entered_in_error_at IS NOT NULL AND NEW.entered_in_error_at IS NOT OLD.entered_in_error_at)
BEGIN SELECT RAISE(ABORT, 'history entries are never rewritten; record a new version'); END;
CREATE TRIGGER surgical_history_is_never_rewritten BEFORE UPDATE ON surgical_history
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.procedure IS NOT OLD.procedure OR NEW.performed_on IS NOT OLD.performed_on
    OR NEW.comment IS NOT OLD.comment OR NEW.replaces IS NOT OLD.replaces
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    OR (OLD.entered_in_error_at IS NOT NULL AND NEW.entered_in_error_at IS NOT OLD.entered_in_error_at)
BEGIN SELECT RAISE(ABORT, 'history entries are never rewritten; record a new version'); END;
