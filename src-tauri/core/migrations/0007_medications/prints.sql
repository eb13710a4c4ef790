-- PDF copies of printed prescriptions and medication lists, kept in the (encrypted) chart
-- (owner: medications::print). Append-only.
CREATE TABLE printed_copies (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    medication_id TEXT REFERENCES medications (id),
    kind          TEXT NOT NULL CHECK (kind IN ('prescription', 'medication_list')),
    printed_at    TEXT NOT NULL,
    printed_by    TEXT NOT NULL REFERENCES users (id),
    pdf           BLOB NOT NULL
);
CREATE INDEX printed_copies_by_patient ON printed_copies (patient_id, printed_at);
CREATE INDEX printed_copies_by_medication ON printed_copies (medication_id);
CREATE INDEX printed_copies_by_user ON printed_copies (printed_by);
CREATE TRIGGER printed_copies_are_append_only_u BEFORE UPDATE ON printed_copies
BEGIN SELECT RAISE(ABORT, 'printed copies cannot be changed'); END;
CREATE TRIGGER printed_copies_are_append_only_d BEFORE DELETE ON printed_copies
BEGIN SELECT RAISE(ABORT, 'printed copies cannot be deleted'); END;
