-- Letters and referrals (owner: letters). The practice's letter templates (edited by the
-- practice; four to start with), the letters signed from them — stored with their PDF copy,
-- never deleted or rewritten (a wrong one is marked entered in error with a reason) — and the
-- referrals those letters make, tracked sent → appointment made → report received → closed
-- with every change kept.
CREATE TABLE letter_templates (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('referral', 'workSchoolNote', 'resultsLetter', 'generic')),
    name            TEXT NOT NULL UNIQUE,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    active          INTEGER NOT NULL CHECK (active IN (0, 1)),
    updated_by      TEXT REFERENCES users (id),
    updated_at      TEXT NOT NULL
);
CREATE INDEX letter_templates_by_updater ON letter_templates (updated_by);

INSERT INTO letter_templates (id, kind, name, subject, body, active, updated_by, updated_at) VALUES
('00000000-0000-4000-8000-00000000a001', 'referral', 'Referral to a specialist', 'Referral: {{patient.name}}',
'Dear {{recipient}},

Thank you for seeing {{patient.name}} (born {{patient.dob}}), whom I am referring for {{reason}}.

Active problems:
{{problems}}

Current medications:
{{medications}}

Allergies:
{{allergies}}

Recent results:
{{recent_results}}

Please send your report to {{practice.name}}.

Yours sincerely,', 1, NULL, '2026-01-01T00:00:00.000000Z'),
('00000000-0000-4000-8000-00000000a002', 'workSchoolNote', 'Work or school note', 'Medical note: {{patient.name}}',
'To whom it may concern,

{{patient.name}} (born {{patient.dob}}) was seen at {{practice.name}} on {{today}}.

{{reason}}

Yours faithfully,', 1, NULL, '2026-01-01T00:00:00.000000Z'),
('00000000-0000-4000-8000-00000000a003', 'resultsLetter', 'Results letter', 'Your recent results',
'Dear {{patient.name}},

Here are your recent results:
{{recent_results}}

{{reason}}

Please call the practice if you have any questions.

Yours sincerely,', 1, NULL, '2026-01-01T00:00:00.000000Z'),
('00000000-0000-4000-8000-00000000a004', 'generic', 'Letter', 'Re: {{patient.name}}',
'Dear {{recipient}},

{{reason}}

Yours sincerely,', 1, NULL, '2026-01-01T00:00:00.000000Z');

CREATE TABLE letters (
    id                      TEXT PRIMARY KEY,
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    template_id             TEXT REFERENCES letter_templates (id),
    kind                    TEXT NOT NULL CHECK (kind IN ('referral', 'workSchoolNote', 'resultsLetter', 'generic')),
    -- Name and address lines, as printed.
    recipient               TEXT NOT NULL,
    subject                 TEXT NOT NULL,
    body                    TEXT NOT NULL,
    signed_by               TEXT NOT NULL REFERENCES users (id),
    signed_at               TEXT NOT NULL,
    pdf                     BLOB NOT NULL,
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX letters_by_patient ON letters (patient_id, signed_at);
CREATE INDEX letters_by_template ON letters (template_id);
CREATE INDEX letters_by_signer ON letters (signed_by);
CREATE INDEX letters_by_error_marker ON letters (entered_in_error_by);
CREATE TRIGGER letters_are_never_deleted BEFORE DELETE ON letters
BEGIN SELECT RAISE(ABORT, 'letters are never deleted; mark them entered in error'); END;
CREATE TRIGGER letters_are_never_rewritten BEFORE UPDATE ON letters
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.template_id IS NOT OLD.template_id OR NEW.kind IS NOT OLD.kind
    OR NEW.recipient IS NOT OLD.recipient OR NEW.subject IS NOT OLD.subject
    OR NEW.body IS NOT OLD.body OR NEW.signed_by IS NOT OLD.signed_by
    OR NEW.signed_at IS NOT OLD.signed_at OR NEW.pdf IS NOT OLD.pdf
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'signed letters are never rewritten; mark them entered in error'); END;

CREATE TABLE referrals (
    id              TEXT PRIMARY KEY,
    patient_id      TEXT NOT NULL REFERENCES patients (id),
    letter_id       TEXT NOT NULL UNIQUE REFERENCES letters (id),
    specialty       TEXT NOT NULL,
    referred_to     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    -- Who follows it up: the physician who signed the letter.
    physician_id    TEXT NOT NULL REFERENCES users (id),
    -- The specialist's report is expected by this date; after it an open referral is overdue.
    expected_by     TEXT NOT NULL,
    -- The latest status (every change is in referral_status_changes).
    status          TEXT NOT NULL CHECK (status IN ('sent', 'appointmentMade', 'reportReceived', 'closed')),
    status_at       TEXT NOT NULL,
    created_at      TEXT NOT NULL
);
CREATE INDEX referrals_by_patient ON referrals (patient_id, created_at);
CREATE INDEX referrals_by_physician ON referrals (physician_id, status, expected_by);

CREATE TABLE referral_status_changes (
    id              INTEGER PRIMARY KEY,
    referral_id     TEXT NOT NULL REFERENCES referrals (id),
    status          TEXT NOT NULL CHECK (status IN ('sent', 'appointmentMade', 'reportReceived', 'closed')),
    note            TEXT NOT NULL,
    -- The filed specialist report, when the change is "report received".
    document_id     TEXT REFERENCES documents (id),
    changed_by      TEXT NOT NULL REFERENCES users (id),
    changed_at      TEXT NOT NULL
);
CREATE INDEX referral_status_changes_by_referral ON referral_status_changes (referral_id, id);
CREATE INDEX referral_status_changes_by_document ON referral_status_changes (document_id);
CREATE INDEX referral_status_changes_by_user ON referral_status_changes (changed_by);
CREATE TRIGGER referral_status_changes_are_never_deleted BEFORE DELETE ON referral_status_changes
BEGIN SELECT RAISE(ABORT, 'referral history is never deleted'); END;
CREATE TRIGGER referral_status_changes_are_never_rewritten BEFORE UPDATE ON referral_status_changes
BEGIN SELECT RAISE(ABORT, 'referral history is never rewritten'); END;
CREATE TRIGGER referrals_are_never_deleted BEFORE DELETE ON referrals
BEGIN SELECT RAISE(ABORT, 'referrals are never deleted'); END;
