-- Scanned and imported documents in a patient's chart (owner: documents): outside records,
-- specialist and lab reports, insurance cards, consent forms. The bytes live in their own
-- table (inside the encrypted database, never a file on disk) so listing a chart's documents
-- never reads them. Nothing is deleted or rewritten: a document filed by mistake is marked
-- entered in error with a reason, and stays readable.
CREATE TABLE documents (
    id                      TEXT PRIMARY KEY,
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    category                TEXT NOT NULL CHECK (category IN ('outsideRecord', 'specialistReport',
                                'labReport', 'imagingReport', 'consentForm', 'insuranceCard',
                                'identification', 'correspondence')),
    title                   TEXT NOT NULL,
    -- The date the document itself carries (the report's date), not the day it was filed.
    document_date           TEXT NOT NULL,
    media_type              TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
    file_name               TEXT NOT NULL,
    byte_count              INTEGER NOT NULL CHECK (byte_count > 0),
    sha256                  TEXT NOT NULL,
    note                    TEXT NOT NULL,
    filed_by                TEXT NOT NULL REFERENCES users (id),
    filed_at                TEXT NOT NULL,
    -- The review task filing created, if any.
    task_message_id         TEXT REFERENCES messages (id),
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX documents_by_patient ON documents (patient_id, document_date);
CREATE INDEX documents_by_filer ON documents (filed_by);
CREATE INDEX documents_by_task ON documents (task_message_id);
CREATE INDEX documents_by_error_marker ON documents (entered_in_error_by);

CREATE TABLE document_contents (
    document_id             TEXT PRIMARY KEY REFERENCES documents (id),
    content                 BLOB NOT NULL
);

CREATE TRIGGER documents_are_never_deleted BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted; mark them entered in error'); END;
CREATE TRIGGER document_contents_are_never_deleted BEFORE DELETE ON document_contents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted; mark them entered in error'); END;
CREATE TRIGGER document_contents_are_never_rewritten BEFORE UPDATE ON document_contents
BEGIN SELECT RAISE(ABORT, 'a document''s content is never rewritten'); END;
CREATE TRIGGER documents_are_never_rewritten BEFORE UPDATE ON documents
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.category IS NOT OLD.category OR NEW.title IS NOT OLD.title
    OR NEW.document_date IS NOT OLD.document_date OR NEW.media_type IS NOT OLD.media_type
    OR NEW.file_name IS NOT OLD.file_name OR NEW.byte_count IS NOT OLD.byte_count
    OR NEW.sha256 IS NOT OLD.sha256 OR NEW.note IS NOT OLD.note
    OR NEW.filed_by IS NOT OLD.filed_by OR NEW.filed_at IS NOT OLD.filed_at
    OR NEW.task_message_id IS NOT OLD.task_message_id
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'documents are never rewritten; mark them entered in error'); END;
