-- The medication list (owner: medications::prescriptions): prescriptions written here and
-- medications the patient reports. A prescription is a draft until a prescriber signs it;
-- after that its content never changes (triggers below): renewals and changes are new rows
-- that supersede it, and only its status and end fields move. Nothing is deleted.
CREATE TABLE medications (
    id                  TEXT PRIMARY KEY,
    patient_id          TEXT NOT NULL REFERENCES patients (id),
    origin              TEXT NOT NULL CHECK (origin IN ('prescribed', 'reported')),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'active', 'stopped', 'superseded', 'completed', 'enteredInError')),
    product_code        TEXT,                     -- NULL: uncoded free text (reported only)
    rxcui               TEXT,
    name                TEXT NOT NULL,
    ingredient_codes    TEXT NOT NULL DEFAULT '', -- space-separated vocabulary codes
    controlled          TEXT CHECK (controlled IN ('CII', 'CIII', 'CIV', 'CV')),
    sig                 TEXT,                     -- the Sig as JSON
    sig_text            TEXT NOT NULL DEFAULT '',
    quantity            REAL CHECK (quantity > 0),
    quantity_unit       TEXT NOT NULL DEFAULT '',
    refills             INTEGER NOT NULL DEFAULT 0 CHECK (refills >= 0),
    dispense_as_written INTEGER NOT NULL DEFAULT 0 CHECK (dispense_as_written IN (0, 1)),
    note_to_pharmacist  TEXT NOT NULL DEFAULT '',
    indication          TEXT NOT NULL DEFAULT '',
    reported_by         TEXT NOT NULL DEFAULT '',
    visit_id            TEXT REFERENCES visits (id),
    start_date          TEXT,
    end_date            TEXT,
    written_at          TEXT NOT NULL,
    written_by          TEXT NOT NULL REFERENCES users (id),
    signed_at           TEXT,
    signed_by           TEXT REFERENCES users (id),
    renews              TEXT REFERENCES medications (id),
    replaces            TEXT REFERENCES medications (id),
    change_reason       TEXT,                     -- why a change replaces `replaces`
    ended_at            TEXT,
    ended_by            TEXT REFERENCES users (id),
    ended_reason        TEXT,
    version             INTEGER NOT NULL CHECK (version >= 1),
    CHECK (origin = 'reported' OR product_code IS NOT NULL),
    CHECK ((signed_at IS NULL) = (signed_by IS NULL)),
    -- An unsigned prescription is a draft, or a draft withdrawn (stopped) or entered in error.
    CHECK (status IN ('draft', 'stopped', 'enteredInError') OR origin = 'reported' OR signed_at IS NOT NULL)
);
CREATE INDEX medications_by_patient ON medications (patient_id, status);
CREATE INDEX medications_drafts ON medications (status, written_at) WHERE status = 'draft';
CREATE INDEX medications_by_visit ON medications (visit_id);
CREATE INDEX medications_by_writer ON medications (written_by);
CREATE INDEX medications_by_signer ON medications (signed_by);
CREATE INDEX medications_by_renews ON medications (renews);
CREATE INDEX medications_by_replaces ON medications (replaces);
CREATE INDEX medications_by_ender ON medications (ended_by);
CREATE TRIGGER medications_are_never_deleted BEFORE DELETE ON medications
BEGIN SELECT RAISE(ABORT, 'medications are stopped or entered in error, never deleted'); END;
-- Signed content is fixed: once signed_at is set, only status, end fields and version move.
CREATE TRIGGER signed_prescriptions_are_never_rewritten BEFORE UPDATE ON medications
WHEN OLD.signed_at IS NOT NULL AND (
       NEW.product_code IS NOT OLD.product_code OR NEW.name IS NOT OLD.name
    OR NEW.ingredient_codes IS NOT OLD.ingredient_codes OR NEW.sig IS NOT OLD.sig
    OR NEW.sig_text IS NOT OLD.sig_text OR NEW.quantity IS NOT OLD.quantity
    OR NEW.quantity_unit IS NOT OLD.quantity_unit OR NEW.refills IS NOT OLD.refills
    OR NEW.dispense_as_written IS NOT OLD.dispense_as_written
    OR NEW.note_to_pharmacist IS NOT OLD.note_to_pharmacist OR NEW.indication IS NOT OLD.indication
    OR NEW.patient_id IS NOT OLD.patient_id OR NEW.signed_at IS NOT OLD.signed_at
    OR NEW.signed_by IS NOT OLD.signed_by OR NEW.written_at IS NOT OLD.written_at
    OR NEW.written_by IS NOT OLD.written_by OR NEW.start_date IS NOT OLD.start_date
    OR NEW.renews IS NOT OLD.renews OR NEW.replaces IS NOT OLD.replaces)
BEGIN SELECT RAISE(ABORT, 'a signed prescription is never rewritten; renew or change it'); END;

-- Every version of every entry, append-only (owner: medications::prescriptions).
CREATE TABLE medication_history (
    medication_id TEXT NOT NULL REFERENCES medications (id),
    version       INTEGER NOT NULL CHECK (version >= 1),
    change        TEXT NOT NULL,                  -- drafted, draft_saved, signed, renewal_drafted, change_drafted, superseded, stopped, completed, reconciled, entered_in_error, reported
    snapshot      TEXT NOT NULL,                  -- the entry's fields as JSON
    changed_at    TEXT NOT NULL,
    changed_by    TEXT NOT NULL REFERENCES users (id),
    reason        TEXT,
    PRIMARY KEY (medication_id, version)
) WITHOUT ROWID;
CREATE INDEX medication_history_by_user ON medication_history (changed_by);
CREATE TRIGGER medication_history_is_append_only_u BEFORE UPDATE ON medication_history
BEGIN SELECT RAISE(ABORT, 'medication history cannot be changed'); END;
CREATE TRIGGER medication_history_is_append_only_d BEFORE DELETE ON medication_history
BEGIN SELECT RAISE(ABORT, 'medication history cannot be deleted'); END;

-- The alerts shown when a prescription was signed, and the override reasons (owner:
-- medications::prescriptions). Append-only.
CREATE TABLE prescription_alerts (
    medication_id TEXT NOT NULL REFERENCES medications (id),
    alert_key     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    severity      TEXT NOT NULL CHECK (severity IN ('minor', 'moderate', 'major', 'contraindicated')),
    title         TEXT NOT NULL,
    source        TEXT NOT NULL,
    rule_id       TEXT,
    override_reason TEXT,
    signed_at     TEXT NOT NULL,
    signed_by     TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (medication_id, alert_key)
) WITHOUT ROWID;
CREATE INDEX prescription_alerts_by_user ON prescription_alerts (signed_by);
CREATE TRIGGER prescription_alerts_are_append_only_u BEFORE UPDATE ON prescription_alerts
BEGIN SELECT RAISE(ABORT, 'prescription alerts cannot be changed'); END;
CREATE TRIGGER prescription_alerts_are_append_only_d BEFORE DELETE ON prescription_alerts
BEGIN SELECT RAISE(ABORT, 'prescription alerts cannot be deleted'); END;

-- Reconciliations at a visit (owner: medications::prescriptions): each active entry's decision.
CREATE TABLE reconciliations (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    visit_id      TEXT REFERENCES visits (id),
    done_at       TEXT NOT NULL,
    done_by       TEXT NOT NULL REFERENCES users (id)
);
CREATE INDEX reconciliations_by_patient ON reconciliations (patient_id, done_at);
CREATE INDEX reconciliations_by_visit ON reconciliations (visit_id);
CREATE INDEX reconciliations_by_user ON reconciliations (done_by);
CREATE TABLE reconciliation_items (
    reconciliation_id TEXT NOT NULL REFERENCES reconciliations (id),
    medication_id     TEXT NOT NULL REFERENCES medications (id),
    action            TEXT NOT NULL CHECK (action IN ('confirmed', 'changed', 'stopped')),
    note              TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (reconciliation_id, medication_id)
) WITHOUT ROWID;
CREATE INDEX reconciliation_items_by_medication ON reconciliation_items (medication_id);
CREATE TRIGGER reconciliations_are_never_deleted BEFORE DELETE ON reconciliations
BEGIN SELECT RAISE(ABORT, 'reconciliations are kept'); END;
CREATE TRIGGER reconciliation_items_are_never_deleted BEFORE DELETE ON reconciliation_items
BEGIN SELECT RAISE(ABORT, 'reconciliations are kept'); END;
