-- The problem list (owner: chart::problems). The row holds the current state; every version,
-- including the first, is kept in problem_history (append-only), so nothing is lost.
CREATE TABLE problems (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    code           TEXT,                        -- ICD-10-CM, or NULL for free text
    description    TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'resolved')),
    onset_date     TEXT,                        -- YYYY, YYYY-MM or YYYY-MM-DD
    resolved_date  TEXT,
    comment        TEXT NOT NULL DEFAULT '',
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL REFERENCES users (id),
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX problems_by_patient ON problems (patient_id, status);
CREATE INDEX problems_by_creator ON problems (created_by);
CREATE INDEX problems_by_updater ON problems (updated_by);
CREATE INDEX problems_by_error_marker ON problems (entered_in_error_by);
CREATE TRIGGER problems_are_never_deleted BEFORE DELETE ON problems
BEGIN SELECT RAISE(ABORT, 'problems are never deleted; resolve them or mark them entered in error'); END;

CREATE TABLE problem_history (
    problem_id     TEXT NOT NULL REFERENCES problems (id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    change         TEXT NOT NULL CHECK (change IN ('created', 'updated', 'entered_in_error')),
    code           TEXT,
    description    TEXT NOT NULL,
    status         TEXT NOT NULL,
    onset_date     TEXT,
    resolved_date  TEXT,
    comment        TEXT NOT NULL,
    changed_at     TEXT NOT NULL,
    changed_by     TEXT NOT NULL REFERENCES users (id),
    reason         TEXT,
    PRIMARY KEY (problem_id, version)
) WITHOUT ROWID;
CREATE INDEX problem_history_by_user ON problem_history (changed_by);
CREATE TRIGGER problem_history_is_append_only_u BEFORE UPDATE ON problem_history
BEGIN SELECT RAISE(ABORT, 'problem history cannot be changed'); END;
CREATE TRIGGER problem_history_is_append_only_d BEFORE DELETE ON problem_history
BEGIN SELECT RAISE(ABORT, 'problem history cannot be deleted'); END;

-- Which visits addressed which problem.
CREATE TABLE problem_visits (
    problem_id  TEXT NOT NULL REFERENCES problems (id),
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    linked_at   TEXT NOT NULL,
    linked_by   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (problem_id, visit_id)
) WITHOUT ROWID;
CREATE INDEX problem_visits_by_visit ON problem_visits (visit_id);
CREATE INDEX problem_visits_by_user ON problem_visits (linked_by);
CREATE TRIGGER problem_visits_are_append_only_d BEFORE DELETE ON problem_visits
BEGIN SELECT RAISE(ABORT, 'problem-visit links cannot be deleted'); END;
