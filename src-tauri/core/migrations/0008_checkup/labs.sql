-- Lab results (owner: labs). A report is one set of results that arrived together — one
-- manual entry, one OBR of an HL7 ORU^R01 file, or an outside result typed in — for one
-- patient; its results are the observations. Never deleted; a result is never rewritten:
-- a corrected result is a new row that supersedes the old one, and a wrong one is marked
-- entered in error with a reason. Review (the physician's sign-off) is the one change a
-- report takes, once.
CREATE TABLE lab_reports (
    id                      TEXT PRIMARY KEY,
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    -- 'manual': typed in the practice; 'hl7': from a result file; 'outside': a result from
    -- elsewhere the practice was told about (counts for reminders, never in the inbox).
    source                  TEXT NOT NULL CHECK (source IN ('manual', 'hl7', 'outside')),
    -- The catalogue's panel or test code (LOINC) the report is for, and its name as shown.
    panel_code              TEXT,
    panel_name              TEXT NOT NULL,
    -- The physician whose inbox it goes to (ordering/responsible provider).
    responsible_id          TEXT REFERENCES users (id),
    collected_at            TEXT NOT NULL,      -- UTC instant the specimen was taken
    received_at             TEXT NOT NULL,      -- UTC instant Charta got it
    performing_lab          TEXT,
    -- The enterer's note on the whole report (manual and outside entry).
    comment                 TEXT,
    -- 'final', 'preliminary' or 'corrected' (HL7 OBR-25 F/P/C).
    status                  TEXT NOT NULL DEFAULT 'final'
                            CHECK (status IN ('final', 'preliminary', 'corrected')),
    hl7_import_id           TEXT REFERENCES hl7_imports (id), -- the result file it came from
    placer_order            TEXT,               -- HL7 OBR-2/OBR-3, to recognise a correction
    entered_by              TEXT NOT NULL REFERENCES users (id),
    entered_at              TEXT NOT NULL,
    -- Worst flag of its results: 'normal', 'abnormal', 'critical' (kept for the inbox's order).
    worst_flag              TEXT NOT NULL DEFAULT 'normal'
                            CHECK (worst_flag IN ('normal', 'abnormal', 'critical')),
    reviewed_by             TEXT REFERENCES users (id),
    reviewed_at             TEXT,
    review_comment          TEXT,
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((reviewed_at IS NULL) = (reviewed_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX lab_reports_by_patient ON lab_reports (patient_id, collected_at);
CREATE INDEX lab_reports_inbox ON lab_reports (responsible_id, reviewed_at, worst_flag);
CREATE INDEX lab_reports_by_enterer ON lab_reports (entered_by);
CREATE INDEX lab_reports_by_reviewer ON lab_reports (reviewed_by);
CREATE INDEX lab_reports_by_error_marker ON lab_reports (entered_in_error_by);
CREATE INDEX lab_reports_by_import ON lab_reports (hl7_import_id);
CREATE INDEX lab_reports_by_order ON lab_reports (placer_order);
CREATE TRIGGER lab_reports_are_never_deleted BEFORE DELETE ON lab_reports
BEGIN SELECT RAISE(ABORT, 'lab reports are never deleted; mark them entered in error'); END;
-- Only the review (once) and entered-in-error (once) may be added.
CREATE TRIGGER lab_reports_are_never_rewritten BEFORE UPDATE ON lab_reports
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.source IS NOT OLD.source
    OR NEW.panel_code IS NOT OLD.panel_code OR NEW.panel_name IS NOT OLD.panel_name
    OR NEW.responsible_id IS NOT OLD.responsible_id OR NEW.collected_at IS NOT OLD.collected_at
    OR NEW.received_at IS NOT OLD.received_at OR NEW.performing_lab IS NOT OLD.performing_lab
    OR NEW.comment IS NOT OLD.comment
    OR NEW.status IS NOT OLD.status OR NEW.hl7_import_id IS NOT OLD.hl7_import_id
    OR NEW.placer_order IS NOT OLD.placer_order OR NEW.entered_by IS NOT OLD.entered_by
    OR NEW.entered_at IS NOT OLD.entered_at OR NEW.worst_flag IS NOT OLD.worst_flag
    OR (OLD.reviewed_at IS NOT NULL AND (NEW.reviewed_at IS NOT OLD.reviewed_at
        OR NEW.reviewed_by IS NOT OLD.reviewed_by OR NEW.review_comment IS NOT OLD.review_comment))
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'lab reports are never rewritten; review once or mark entered in error'); END;

CREATE TABLE lab_results (
    id                      TEXT PRIMARY KEY,
    report_id               TEXT NOT NULL REFERENCES lab_reports (id),
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    loinc                   TEXT NOT NULL,      -- the catalogue's test code (or the file's, if unknown)
    name                    TEXT NOT NULL,      -- as shown (catalogue name, else the file's)
    -- Exactly one of a number or a text value ("positive", "see comment").
    value_num               REAL,
    value_text              TEXT,
    unit                    TEXT,               -- as reported / typed
    -- The value in the catalogue's canonical unit (NULL: text, or a unit Charta cannot convert).
    canonical_value         REAL,
    canonical_unit          TEXT,
    ref_low                 REAL,               -- the range applied, in `unit`
    ref_high                REAL,
    ref_text                TEXT,               -- the range as reported ("<200", "negative")
    -- Charta's flag: 'normal', 'low', 'high', 'critical_low', 'critical_high', 'abnormal'
    -- (a text result outside its expected answer), or 'none' (no range known).
    flag                    TEXT NOT NULL CHECK (flag IN
                            ('normal', 'low', 'high', 'critical_low', 'critical_high', 'abnormal', 'none')),
    lab_flag                TEXT,               -- the lab's own flag (HL7 OBX-8), kept as sent
    collected_at            TEXT NOT NULL,      -- UTC; the report's, repeated for trend reads
    result_status           TEXT NOT NULL DEFAULT 'final'
                            CHECK (result_status IN ('final', 'preliminary', 'corrected')),
    comment                 TEXT,               -- NTE lines / the enterer's note
    -- A correction supersedes an earlier result (the earlier stays readable).
    supersedes              TEXT REFERENCES lab_results (id),
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((value_num IS NULL) <> (value_text IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX lab_results_by_report ON lab_results (report_id);
CREATE INDEX lab_results_trend ON lab_results (patient_id, loinc, collected_at);
-- A test's latest per patient across the practice (the reminders' registries), from the index.
CREATE INDEX lab_results_by_code ON lab_results
    (loinc, patient_id, collected_at, report_id, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX lab_results_by_superseded ON lab_results (supersedes);
CREATE INDEX lab_results_by_error_marker ON lab_results (entered_in_error_by);
CREATE TRIGGER lab_results_are_never_deleted BEFORE DELETE ON lab_results
BEGIN SELECT RAISE(ABORT, 'lab results are never deleted; mark them entered in error'); END;
CREATE TRIGGER lab_results_are_never_rewritten BEFORE UPDATE ON lab_results
WHEN NEW.id IS NOT OLD.id OR NEW.report_id IS NOT OLD.report_id
    OR NEW.patient_id IS NOT OLD.patient_id OR NEW.loinc IS NOT OLD.loinc OR NEW.name IS NOT OLD.name
    OR NEW.value_num IS NOT OLD.value_num OR NEW.value_text IS NOT OLD.value_text
    OR NEW.unit IS NOT OLD.unit OR NEW.canonical_value IS NOT OLD.canonical_value
    OR NEW.canonical_unit IS NOT OLD.canonical_unit OR NEW.ref_low IS NOT OLD.ref_low
    OR NEW.ref_high IS NOT OLD.ref_high OR NEW.ref_text IS NOT OLD.ref_text
    OR NEW.flag IS NOT OLD.flag OR NEW.lab_flag IS NOT OLD.lab_flag
    OR NEW.collected_at IS NOT OLD.collected_at OR NEW.result_status IS NOT OLD.result_status
    OR NEW.comment IS NOT OLD.comment OR NEW.supersedes IS NOT OLD.supersedes
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'lab results are never rewritten; correct or mark entered in error'); END;
