-- Preventive-care reminders' decisions and recorded screening procedures (owner: reminders).
-- A decision is the patient's answer to one reminder: done elsewhere (with the date and where),
-- declined (with the reason) or not applicable (with the reason). Never deleted or rewritten:
-- a new decision for the same rule supersedes the open one, and a decision can be withdrawn
-- (with the reason) — each marking is added once and the original stays readable.
CREATE TABLE reminder_decisions (
    id                TEXT PRIMARY KEY,
    patient_id        TEXT NOT NULL REFERENCES patients (id),
    rule              TEXT NOT NULL,      -- the rule's id in assets/preventive-care/rules.tsv
    kind              TEXT NOT NULL CHECK (kind IN ('done_elsewhere', 'declined', 'not_applicable')),
    done_on           TEXT,               -- local date, done elsewhere only
    place             TEXT,               -- where it was done, done elsewhere only
    reason            TEXT,               -- declined / not applicable
    decided_on        TEXT NOT NULL,      -- the practice's local date it was recorded
    recorded_by       TEXT NOT NULL REFERENCES users (id),
    recorded_at       TEXT NOT NULL,
    superseded_by     TEXT REFERENCES reminder_decisions (id),
    superseded_at     TEXT,
    withdrawn_at      TEXT,
    withdrawn_by      TEXT REFERENCES users (id),
    withdrawn_reason  TEXT,
    CHECK ((kind = 'done_elsewhere') = (done_on IS NOT NULL)),
    CHECK ((kind = 'done_elsewhere') OR reason IS NOT NULL),
    CHECK ((superseded_at IS NULL) = (superseded_by IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL)),
    CHECK ((withdrawn_at IS NULL) = (withdrawn_reason IS NULL))
);
-- The open decisions of a patient (and of a rule, for the registry's anti-join).
CREATE INDEX reminder_decisions_by_patient ON reminder_decisions (patient_id, rule, recorded_at);
CREATE INDEX reminder_decisions_by_recorder ON reminder_decisions (recorded_by);
CREATE INDEX reminder_decisions_by_withdrawer ON reminder_decisions (withdrawn_by);
CREATE INDEX reminder_decisions_by_successor ON reminder_decisions (superseded_by);
CREATE TRIGGER reminder_decisions_are_never_deleted BEFORE DELETE ON reminder_decisions
BEGIN SELECT RAISE(ABORT, 'reminder decisions are never deleted; withdraw them'); END;
-- Only the superseding and the withdrawal may be added, once each, and never both.
CREATE TRIGGER reminder_decisions_are_never_rewritten BEFORE UPDATE ON reminder_decisions
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.rule IS NOT OLD.rule
    OR NEW.kind IS NOT OLD.kind OR NEW.done_on IS NOT OLD.done_on OR NEW.place IS NOT OLD.place
    OR NEW.reason IS NOT OLD.reason OR NEW.decided_on IS NOT OLD.decided_on
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR OLD.superseded_at IS NOT NULL OR OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'reminder decisions are never rewritten; record a new one or withdraw it'); END;

-- Screening procedures done here or reported from outside (a colonoscopy, a mammogram, a PHQ-9
-- …): they satisfy the reminders for their interval. Never deleted or rewritten; a wrong entry
-- is marked entered in error with a reason.
CREATE TABLE screening_procedures (
    id                      TEXT PRIMARY KEY,
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    procedure               TEXT NOT NULL CHECK (procedure IN ('colonoscopy', 'fit', 'fit_dna',
                            'ct_colonography', 'flex_sigmoidoscopy', 'mammogram',
                            'cervical_cytology', 'hpv_test', 'co_test', 'ldct', 'dexa',
                            'aaa_ultrasound', 'phq9')),
    performed_on            TEXT NOT NULL,      -- local date
    place                   TEXT NOT NULL CHECK (place IN ('here', 'outside')),
    facility                TEXT,               -- where, when outside
    score                   INTEGER CHECK (score BETWEEN 0 AND 27),  -- PHQ-9 total
    result_note             TEXT NOT NULL DEFAULT '',
    recorded_by             TEXT NOT NULL REFERENCES users (id),
    recorded_at             TEXT NOT NULL,
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((procedure = 'phq9') = (score IS NOT NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX screening_procedures_by_patient ON screening_procedures (patient_id, procedure, performed_on);
-- A procedure's latest per patient across the practice (the reminders' registries).
CREATE INDEX screening_procedures_by_kind ON screening_procedures
    (procedure, patient_id, performed_on, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX screening_procedures_by_recorder ON screening_procedures (recorded_by);
CREATE INDEX screening_procedures_by_error_marker ON screening_procedures (entered_in_error_by);
CREATE TRIGGER screening_procedures_are_never_deleted BEFORE DELETE ON screening_procedures
BEGIN SELECT RAISE(ABORT, 'screening procedures are never deleted; mark them entered in error'); END;
CREATE TRIGGER screening_procedures_are_never_rewritten BEFORE UPDATE ON screening_procedures
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.procedure IS NOT OLD.procedure OR NEW.performed_on IS NOT OLD.performed_on
    OR NEW.place IS NOT OLD.place OR NEW.facility IS NOT OLD.facility
    OR NEW.score IS NOT OLD.score OR NEW.result_note IS NOT OLD.result_note
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'screening procedures are never rewritten; mark them entered in error'); END;
