-- Visits and their SOAP notes (owner: chart::visits). A visit row holds the note's current
-- draft until it is signed; from then on the note text, the signature and the visit's facts
-- are frozen by the triggers below, and corrections are rows in note_amendments.
CREATE TABLE note_templates (
    id          TEXT PRIMARY KEY,
    visit_type  TEXT NOT NULL CHECK (visit_type IN ('office', 'telephone', 'home')),
    name        TEXT NOT NULL,
    subjective  TEXT NOT NULL DEFAULT '',
    objective   TEXT NOT NULL DEFAULT '',
    assessment  TEXT NOT NULL DEFAULT '',
    plan        TEXT NOT NULL DEFAULT '',
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES users (id)
);
CREATE INDEX note_templates_by_type ON note_templates (visit_type, name);
CREATE INDEX note_templates_by_updater ON note_templates (updated_by);

-- Smart phrases: `.abbrev` expands to text. owner_id NULL = the practice's, else one user's
-- (a user's own phrase wins over the practice's with the same abbreviation).
CREATE TABLE smart_phrases (
    id            TEXT PRIMARY KEY,
    owner_id      TEXT REFERENCES users (id),
    abbreviation  TEXT NOT NULL,
    expansion     TEXT NOT NULL,
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT REFERENCES users (id)
);
CREATE UNIQUE INDEX smart_phrases_practice_abbrev
    ON smart_phrases (abbreviation) WHERE owner_id IS NULL AND retired = 0;
CREATE UNIQUE INDEX smart_phrases_own_abbrev
    ON smart_phrases (owner_id, abbreviation) WHERE owner_id IS NOT NULL AND retired = 0;
CREATE INDEX smart_phrases_by_owner ON smart_phrases (owner_id);
CREATE INDEX smart_phrases_by_updater ON smart_phrases (updated_by);

CREATE TABLE visits (
    id              TEXT PRIMARY KEY,
    patient_id      TEXT NOT NULL REFERENCES patients (id),
    provider_id     TEXT NOT NULL REFERENCES users (id),
    started_at      TEXT NOT NULL,              -- UTC instant
    visit_type      TEXT NOT NULL CHECK (visit_type IN ('office', 'telephone', 'home')),
    reason          TEXT NOT NULL,
    template_id     TEXT REFERENCES note_templates (id),
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users (id),
    -- The SOAP note: the draft until signed_at is set, then the signed text.
    subjective      TEXT NOT NULL DEFAULT '',
    objective       TEXT NOT NULL DEFAULT '',
    assessment      TEXT NOT NULL DEFAULT '',
    plan            TEXT NOT NULL DEFAULT '',
    draft_version   INTEGER NOT NULL DEFAULT 0 CHECK (draft_version >= 0),
    draft_saved_at  TEXT,
    draft_saved_by  TEXT REFERENCES users (id),
    signed_at       TEXT,
    signed_by       TEXT REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX visits_by_patient ON visits (patient_id, started_at);
CREATE INDEX visits_by_provider ON visits (provider_id, started_at);
CREATE INDEX visits_unsigned ON visits (started_at) WHERE signed_at IS NULL AND entered_in_error_at IS NULL;
CREATE INDEX visits_by_template ON visits (template_id);
CREATE INDEX visits_by_creator ON visits (created_by);
CREATE INDEX visits_by_draft_saver ON visits (draft_saved_by);
CREATE INDEX visits_by_signer ON visits (signed_by);
CREATE INDEX visits_by_error_marker ON visits (entered_in_error_by);

CREATE TRIGGER visits_are_never_deleted BEFORE DELETE ON visits
BEGIN SELECT RAISE(ABORT, 'visits are never deleted; mark them entered in error'); END;
-- Once signed, only the entered-in-error marking may still be added.
CREATE TRIGGER signed_notes_are_never_rewritten BEFORE UPDATE ON visits
WHEN OLD.signed_at IS NOT NULL AND (
       NEW.patient_id IS NOT OLD.patient_id OR NEW.provider_id IS NOT OLD.provider_id
    OR NEW.started_at IS NOT OLD.started_at OR NEW.visit_type IS NOT OLD.visit_type
    OR NEW.reason IS NOT OLD.reason OR NEW.template_id IS NOT OLD.template_id
    OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
    OR NEW.subjective IS NOT OLD.subjective OR NEW.objective IS NOT OLD.objective
    OR NEW.assessment IS NOT OLD.assessment OR NEW.plan IS NOT OLD.plan
    OR NEW.draft_version IS NOT OLD.draft_version OR NEW.draft_saved_at IS NOT OLD.draft_saved_at
    OR NEW.draft_saved_by IS NOT OLD.draft_saved_by
    OR NEW.signed_at IS NOT OLD.signed_at OR NEW.signed_by IS NOT OLD.signed_by
    OR (OLD.entered_in_error_at IS NOT NULL AND (
           NEW.entered_in_error_at IS NOT OLD.entered_in_error_at
        OR NEW.entered_in_error_by IS NOT OLD.entered_in_error_by
        OR NEW.entered_in_error_reason IS NOT OLD.entered_in_error_reason)))
BEGIN SELECT RAISE(ABORT, 'a signed visit note is never rewritten; add an amendment'); END;

-- Corrections to a signed note: listed under the original, never changed.
CREATE TABLE note_amendments (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    author_id   TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX note_amendments_by_visit ON note_amendments (visit_id, created_at);
CREATE INDEX note_amendments_by_author ON note_amendments (author_id);
CREATE TRIGGER note_amendments_are_append_only_u BEFORE UPDATE ON note_amendments
BEGIN SELECT RAISE(ABORT, 'amendments cannot be changed'); END;
CREATE TRIGGER note_amendments_are_append_only_d BEFORE DELETE ON note_amendments
BEGIN SELECT RAISE(ABORT, 'amendments cannot be deleted'); END;
