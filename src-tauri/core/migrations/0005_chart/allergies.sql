-- Allergies and intolerances (owner: chart::allergies). substance_code is a code from
-- assets/allergens (NULL = free text, shown as uncoded). The row is the current state; every
-- version is kept in allergy_history (append-only).
CREATE TABLE allergies (
    id              TEXT PRIMARY KEY,
    patient_id      TEXT NOT NULL REFERENCES patients (id),
    substance_code  TEXT,
    substance       TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('drug', 'drug_class', 'food', 'environment', 'other')),
    kind            TEXT NOT NULL CHECK (kind IN ('allergy', 'intolerance')),
    reaction        TEXT NOT NULL DEFAULT '',
    severity        TEXT CHECK (severity IN ('mild', 'moderate', 'severe')),
    criticality     TEXT NOT NULL CHECK (criticality IN ('low', 'high', 'unable_to_assess')),
    status          TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'resolved')),
    onset_date      TEXT,
    comment         TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL CHECK (version >= 1),
    recorded_at     TEXT NOT NULL,
    recorded_by     TEXT NOT NULL REFERENCES users (id),
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX allergies_by_patient ON allergies (patient_id, status);
CREATE INDEX allergies_by_recorder ON allergies (recorded_by);
CREATE INDEX allergies_by_updater ON allergies (updated_by);
CREATE INDEX allergies_by_error_marker ON allergies (entered_in_error_by);
CREATE TRIGGER allergies_are_never_deleted BEFORE DELETE ON allergies
BEGIN SELECT RAISE(ABORT, 'allergies are never deleted; mark them inactive or entered in error'); END;

-- The row is edited in place (each version is kept in allergy_history), but who recorded it,
-- for whom and when never change, every change bumps the version by one, and an entry marked
-- entered in error is frozen.
CREATE TRIGGER allergies_keep_their_origin BEFORE UPDATE ON allergies
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.version IS NOT OLD.version + 1
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'allergies keep their origin and are frozen once entered in error; record a new version'); END;

CREATE TABLE allergy_history (
    allergy_id      TEXT NOT NULL REFERENCES allergies (id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    change          TEXT NOT NULL CHECK (change IN ('created', 'updated', 'entered_in_error')),
    snapshot        TEXT NOT NULL,              -- the version's fields as JSON
    changed_at      TEXT NOT NULL,
    changed_by      TEXT NOT NULL REFERENCES users (id),
    reason          TEXT,
    PRIMARY KEY (allergy_id, version)
) WITHOUT ROWID;
CREATE INDEX allergy_history_by_user ON allergy_history (changed_by);
CREATE TRIGGER allergy_history_is_append_only_u BEFORE UPDATE ON allergy_history
BEGIN SELECT RAISE(ABORT, 'allergy history cannot be changed'); END;
CREATE TRIGGER allergy_history_is_append_only_d BEFORE DELETE ON allergy_history
BEGIN SELECT RAISE(ABORT, 'allergy history cannot be deleted'); END;

-- "No known drug allergies" is a statement someone made, not the absence of rows: each one is
-- kept; the latest not withdrawn counts, and recording an active drug allergy withdraws it.
CREATE TABLE allergy_statements (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    statement     TEXT NOT NULL CHECK (statement IN ('no_known_drug_allergies', 'no_known_allergies')),
    recorded_at   TEXT NOT NULL,
    recorded_by   TEXT NOT NULL REFERENCES users (id),
    withdrawn_at  TEXT,
    withdrawn_by  TEXT REFERENCES users (id),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX allergy_statements_by_patient ON allergy_statements (patient_id, recorded_at);
CREATE INDEX allergy_statements_by_recorder ON allergy_statements (recorded_by);
CREATE INDEX allergy_statements_by_withdrawer ON allergy_statements (withdrawn_by);
CREATE TRIGGER allergy_statements_are_never_deleted BEFORE DELETE ON allergy_statements
BEGIN SELECT RAISE(ABORT, 'allergy statements are never deleted'); END;
