-- Result files and their matching, the results folder, and results letters (owner:
-- results). A result file is kept whole (its text and sha256) whatever became of it:
-- matched (its reports are in lab_reports with hl7_import_id), held for a human to match, or
-- refused (malformed, or refused by a human with a reason). Never deleted; a held file is
-- matched or refused once, and nothing else about a file changes.
CREATE TABLE hl7_imports (
    id              TEXT PRIMARY KEY,
    file_name       TEXT NOT NULL,
    sha256          TEXT NOT NULL,          -- hex of the file's bytes: a duplicate is recognised
    raw_text        TEXT NOT NULL,          -- the file as read (UTF-8, else Latin-1)
    status          TEXT NOT NULL CHECK (status IN ('matched', 'held', 'refused')),
    -- Why it was held or refused ("MRN 1234 is Ada Quenneville, but the file names …").
    why             TEXT,
    -- What the file says, for the queue (name, date of birth, MRN as sent).
    file_patient    TEXT NOT NULL DEFAULT '',
    patient_id      TEXT REFERENCES patients (id),
    -- The physician chosen by hand for every report of the file (none: from the file).
    responsible_id  TEXT REFERENCES users (id),
    received_at     TEXT NOT NULL,
    received_by     TEXT NOT NULL REFERENCES users (id),
    matched_at      TEXT,
    matched_by      TEXT REFERENCES users (id),
    refused_at      TEXT,
    refused_by      TEXT REFERENCES users (id),
    CHECK ((matched_at IS NULL) = (matched_by IS NULL)),
    CHECK ((refused_at IS NULL) = (refused_by IS NULL)),
    CHECK (status <> 'matched' OR (patient_id IS NOT NULL AND matched_at IS NOT NULL)),
    CHECK (status <> 'refused' OR (why IS NOT NULL AND refused_at IS NOT NULL))
);
CREATE INDEX hl7_imports_by_sha ON hl7_imports (sha256);
CREATE INDEX hl7_imports_by_status ON hl7_imports (status, received_at);
CREATE INDEX hl7_imports_by_patient ON hl7_imports (patient_id);
CREATE INDEX hl7_imports_by_responsible ON hl7_imports (responsible_id);
CREATE INDEX hl7_imports_by_receiver ON hl7_imports (received_by);
CREATE INDEX hl7_imports_by_matcher ON hl7_imports (matched_by);
CREATE INDEX hl7_imports_by_refuser ON hl7_imports (refused_by);
CREATE TRIGGER hl7_imports_are_never_deleted BEFORE DELETE ON hl7_imports
BEGIN SELECT RAISE(ABORT, 'result files are never deleted; refuse them with a reason'); END;
-- Only a held file changes, once: to matched (patient, physician, who/when) or refused.
CREATE TRIGGER hl7_imports_are_never_rewritten BEFORE UPDATE ON hl7_imports
WHEN OLD.status <> 'held' OR NEW.id IS NOT OLD.id OR NEW.file_name IS NOT OLD.file_name
    OR NEW.sha256 IS NOT OLD.sha256 OR NEW.raw_text IS NOT OLD.raw_text
    OR NEW.file_patient IS NOT OLD.file_patient OR NEW.received_at IS NOT OLD.received_at
    OR NEW.received_by IS NOT OLD.received_by OR NEW.status = 'held'
BEGIN SELECT RAISE(ABORT, 'result files are never rewritten; a held file is matched or refused once'); END;

-- The folder a lab interface drops result files in (one row; set by the admin).
CREATE TABLE results_folder (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    path        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX results_folder_by_updater ON results_folder (updated_by);

-- Results letters printed for a signed-off report ("notify patient"): the letter as printed,
-- who printed it and when. Never changed or deleted.
CREATE TABLE results_letters (
    id          TEXT PRIMARY KEY,
    report_id   TEXT NOT NULL REFERENCES lab_reports (id),
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    body        TEXT NOT NULL,
    printed_at  TEXT NOT NULL,
    printed_by  TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX results_letters_by_report ON results_letters (report_id);
CREATE INDEX results_letters_by_patient ON results_letters (patient_id);
CREATE INDEX results_letters_by_printer ON results_letters (printed_by);
CREATE TRIGGER results_letters_are_never_deleted BEFORE DELETE ON results_letters
BEGIN SELECT RAISE(ABORT, 'results letters are never deleted'); END;
CREATE TRIGGER results_letters_are_never_rewritten BEFORE UPDATE ON results_letters
BEGIN SELECT RAISE(ABORT, 'results letters are never rewritten'); END;
