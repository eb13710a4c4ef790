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
CREATE TABLE appointment_history (
    id              INTEGER PRIMARY KEY,
    appointment_id  TEXT NOT NULL REFERENCES appointments (id),
    at              TEXT NOT NULL,
    by_user         TEXT NOT NULL REFERENCES users (id),
    change          TEXT NOT NULL CHECK (change IN ('booked', 'status', 'moved', 'edited', 'cancelled', 'visitStarted')),
    status          TEXT NOT NULL,
    starts_at       TEXT NOT NULL,
    ends_at         TEXT NOT NULL,
    provider_id     TEXT NOT NULL REFERENCES users (id),
    room_id         TEXT REFERENCES rooms (id),
    detail          TEXT NOT NULL DEFAULT ''
);
CREATE TABLE appointment_series (
    id               TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL REFERENCES patients (id),
    -- The rule as JSON (schedule::RecurrenceRule) and the first occurrence's local wall-clock
    -- start 'YYYY-MM-DDTHH:MM' in the practice zone, from which every occurrence is computed.
    rule             TEXT NOT NULL,
    first_local      TEXT NOT NULL,
    -- "This and following" ends a series at an occurrence and continues as a new series.
    split_from       TEXT REFERENCES appointment_series (id),
    ended_after      INTEGER,
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id),
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL REFERENCES users (id)
);
CREATE TABLE appointment_types (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    default_minutes  INTEGER NOT NULL CHECK (default_minutes BETWEEN 5 AND 480),
    colour           TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    -- What kind of chart visit "Start visit" opens for this type.
    visit_type       TEXT NOT NULL DEFAULT 'office' CHECK (visit_type IN ('office', 'telephone', 'home')),
    display_order    INTEGER NOT NULL DEFAULT 0,
    retired          INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    updated_at       TEXT NOT NULL,
    updated_by       TEXT REFERENCES users (id)
);
CREATE TABLE appointments (
    id               TEXT PRIMARY KEY,
    patient_id       TEXT NOT NULL REFERENCES patients (id),
    provider_id      TEXT NOT NULL REFERENCES users (id),
    room_id          TEXT REFERENCES rooms (id),
    type_id          TEXT NOT NULL REFERENCES appointment_types (id),
    starts_at        TEXT NOT NULL,              -- UTC instant
    ends_at          TEXT NOT NULL,              -- UTC instant
    reason           TEXT NOT NULL DEFAULT '',
    note             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT 'booked' CHECK (status IN
        ('booked', 'confirmed', 'arrived', 'inRoom', 'withProvider', 'checkedOut', 'noShow', 'cancelled')),
    status_at        TEXT NOT NULL,
    status_by        TEXT NOT NULL REFERENCES users (id),
    cancel_kind      TEXT CHECK (cancel_kind IN ('patient', 'practice')),
    cancel_reason    TEXT,
    -- Set when the booking was made over a collision the user chose to override.
    overbook_reason  TEXT,
    series_id        TEXT REFERENCES appointment_series (id),
    occurrence       INTEGER,
    is_exception     INTEGER NOT NULL DEFAULT 0 CHECK (is_exception IN (0, 1)),
    -- The chart visit started from this appointment.
    visit_id         TEXT REFERENCES visits (id),
    version          INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL REFERENCES users (id),
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL REFERENCES users (id),
    CHECK (starts_at < ends_at),
    CHECK ((status = 'cancelled') = (cancel_kind IS NOT NULL)),
    CHECK ((series_id IS NULL) = (occurrence IS NULL))
);
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     TEXT,
    username    TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL DEFAULT '',
    entity_id   TEXT NOT NULL DEFAULT '',
    patient_id  TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
    emergency   INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
    detail      TEXT NOT NULL DEFAULT '',
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE TABLE availability_intervals (
    template_id  TEXT NOT NULL REFERENCES availability_templates (id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts       TEXT NOT NULL CHECK (starts GLOB '[0-2][0-9]:[0-5][0-9]'),
    ends         TEXT NOT NULL CHECK (ends GLOB '[0-2][0-9]:[0-5][0-9]'),
    CHECK (starts < ends),
    PRIMARY KEY (template_id, weekday, starts)
);
CREATE TABLE availability_templates (
    id              TEXT PRIMARY KEY,
    provider_id     TEXT NOT NULL REFERENCES schedule_providers (user_id),
    effective_from  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users (id)
);
CREATE TABLE document_contents (
    document_id             TEXT PRIMARY KEY REFERENCES documents (id),
    content                 BLOB NOT NULL
);
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
CREATE TABLE drug_imports (
    id            TEXT PRIMARY KEY,
    imported_at   TEXT NOT NULL,
    imported_by   TEXT NOT NULL REFERENCES users (id),
    source        TEXT NOT NULL,
    products      INTEGER NOT NULL CHECK (products >= 0),
    updated       INTEGER NOT NULL CHECK (updated >= 0),
    ingredients_matched   INTEGER NOT NULL CHECK (ingredients_matched >= 0),
    ingredients_unmatched INTEGER NOT NULL CHECK (ingredients_unmatched >= 0),
    lines         INTEGER NOT NULL CHECK (lines >= 0),
    skipped       INTEGER NOT NULL CHECK (skipped >= 0)   -- suppressed, obsolete or veterinary-only
);
CREATE TABLE drug_product_words (
    word          TEXT NOT NULL,
    code          TEXT NOT NULL REFERENCES drug_products (code),
    PRIMARY KEY (word, code)
) WITHOUT ROWID;
CREATE TABLE drug_products (
    code          TEXT PRIMARY KEY,               -- 'rx:<RxCUI>'
    rxcui         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    tty           TEXT NOT NULL,                  -- SCD, SBD, GPCK, BPCK
    product       TEXT NOT NULL,                  -- the Product as JSON
    search_text   TEXT NOT NULL,                  -- folded name, ingredients and brands
    sort_key      TEXT NOT NULL,                  -- the folded name's words: the order hits are listed in
    import_id     TEXT NOT NULL REFERENCES drug_imports (id)
);
CREATE TABLE emergency_grants (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    reason      TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE TABLE family_history (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    relative       TEXT NOT NULL,              -- mother, father, sister, brother, …
    condition      TEXT NOT NULL,
    code           TEXT,                       -- ICD-10-CM when picked from the code set
    onset_age      INTEGER CHECK (onset_age BETWEEN 0 AND 130),
    comment        TEXT NOT NULL DEFAULT '',
    replaces       TEXT REFERENCES family_history (id),
    superseded_at  TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT
);
CREATE TABLE favourites (
    id            TEXT PRIMARY KEY,
    label         TEXT NOT NULL,
    product_code  TEXT NOT NULL,
    sig           TEXT NOT NULL,                  -- the Sig as JSON
    quantity      REAL NOT NULL CHECK (quantity > 0),
    quantity_unit TEXT NOT NULL,
    refills       INTEGER NOT NULL CHECK (refills >= 0),
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL REFERENCES users (id),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL REFERENCES users (id),
    retired_at    TEXT,
    retired_by    TEXT REFERENCES users (id)
);
CREATE TABLE fhir_import_sources (
    source      TEXT PRIMARY KEY,
    patient_id  TEXT NOT NULL REFERENCES patients(id),
    imported_by TEXT NOT NULL REFERENCES users(id),
    imported_at TEXT NOT NULL
) WITHOUT ROWID;
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
CREATE TABLE icd_recent (
    code          TEXT PRIMARY KEY,
    uses          INTEGER NOT NULL CHECK (uses >= 1),
    last_used_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE immunizations (
    id                      TEXT PRIMARY KEY,
    patient_id              TEXT NOT NULL REFERENCES patients (id),
    visit_id                TEXT REFERENCES visits (id),
    cvx                     TEXT NOT NULL,      -- CDC CVX code (assets/cvx)
    vaccine                 TEXT NOT NULL,      -- its name as shown
    -- 'given': given in the practice; 'historical': reported by the patient / another record;
    -- 'refused': offered and declined (refusal_reason says why).
    kind                    TEXT NOT NULL CHECK (kind IN ('given', 'historical', 'refused')),
    given_on                TEXT NOT NULL,      -- local date (YYYY-MM-DD); a refusal's date
    dose_number             INTEGER CHECK (dose_number BETWEEN 1 AND 20),
    lot                     TEXT,
    expires_on              TEXT,
    manufacturer            TEXT,               -- MVX code or name
    site                    TEXT,               -- e.g. 'left deltoid'
    route                   TEXT,               -- 'IM', 'SC', 'ID', 'PO', 'IN'
    given_by                TEXT REFERENCES users (id),
    given_by_name           TEXT,               -- outside giver of a historical dose
    vis_date                TEXT,               -- edition date of the Vaccine Information Statement
    refusal_reason          TEXT,
    source_note             TEXT,               -- where a historical dose was recorded
    recorded_by             TEXT NOT NULL REFERENCES users (id),
    recorded_at             TEXT NOT NULL,
    entered_in_error_at     TEXT,
    entered_in_error_by     TEXT REFERENCES users (id),
    entered_in_error_reason TEXT,
    CHECK ((kind = 'refused') = (refusal_reason IS NOT NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
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
CREATE TABLE message_reads (
    message_id      TEXT NOT NULL REFERENCES messages (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    read_at         TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE TABLE message_status_changes (
    id              INTEGER PRIMARY KEY,
    thread_id       TEXT NOT NULL REFERENCES messages (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'done')),
    changed_by      TEXT NOT NULL REFERENCES users (id),
    changed_at      TEXT NOT NULL
);
CREATE TABLE messages (
    id              TEXT PRIMARY KEY,
    -- The thread's first message (itself for a first message).
    thread_id       TEXT NOT NULL REFERENCES messages (id),
    kind            TEXT NOT NULL CHECK (kind IN ('message', 'task', 'phoneNote', 'refillRequest')),
    patient_id      TEXT REFERENCES patients (id),
    from_user       TEXT NOT NULL REFERENCES users (id),
    to_user         TEXT REFERENCES users (id),
    to_role         TEXT CHECK (to_role IN ('physician', 'nurse', 'frontDesk')),
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    -- Clinical content: shown only to roles that may view the clinical record.
    clinical        INTEGER NOT NULL CHECK (clinical IN (0, 1)),
    priority        TEXT NOT NULL CHECK (priority IN ('routine', 'urgent')),
    due_on          TEXT,
    caller          TEXT,
    callback_number TEXT,
    medication_id   TEXT REFERENCES medications (id),
    created_at      TEXT NOT NULL,
    -- The thread's status (kept on its first message; replies keep 'open').
    status          TEXT NOT NULL CHECK (status IN ('open', 'done')),
    status_by       TEXT REFERENCES users (id),
    status_at       TEXT,
    CHECK ((to_user IS NULL) <> (to_role IS NULL)),
    CHECK ((status_by IS NULL) = (status_at IS NULL))
);
CREATE TABLE note_amendments (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    author_id   TEXT NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL,
    reason      TEXT NOT NULL,
    text        TEXT NOT NULL
);
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
CREATE TABLE outside_visit_diagnoses (
    id                TEXT PRIMARY KEY,
    outside_visit_id  TEXT NOT NULL REFERENCES outside_visits (id),
    patient_id        TEXT NOT NULL REFERENCES patients (id),
    code_system       TEXT,
    code              TEXT,
    description       TEXT NOT NULL,
    position          INTEGER NOT NULL CHECK (position >= 0),
    CHECK ((code_system IS NULL) = (code IS NULL))
);
CREATE TABLE outside_visits (
    id           TEXT PRIMARY KEY,
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    started_at   TEXT NOT NULL,              -- UTC instant
    ended_at     TEXT,                       -- UTC instant
    visit_class  TEXT NOT NULL CHECK (visit_class IN ('ambulatory', 'virtual', 'home',
                     'emergency', 'inpatient', 'observation', 'shortStay', 'field', 'other')),
    visit_type   TEXT NOT NULL DEFAULT '',
    reason       TEXT NOT NULL DEFAULT '',
    clinician    TEXT NOT NULL DEFAULT '',
    place        TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    imported_by  TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK (ended_at IS NULL OR ended_at >= started_at),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE TABLE patient_phones (
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    position    INTEGER NOT NULL CHECK (position >= 0),
    kind        TEXT NOT NULL CHECK (kind IN ('mobile', 'home', 'work')),
    number      TEXT NOT NULL,
    digits      TEXT NOT NULL, digits_reversed TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (patient_id, position)
) WITHOUT ROWID;
CREATE TABLE patient_revisions (
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    version     INTEGER NOT NULL,
    snapshot    TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (patient_id, version)
) WITHOUT ROWID;
CREATE TABLE patients (
    id                      TEXT PRIMARY KEY,
    mrn                     INTEGER NOT NULL UNIQUE CHECK (mrn > 0),
    family_name             TEXT NOT NULL,
    given_name              TEXT NOT NULL,
    middle_name             TEXT,
    preferred_name          TEXT,
    date_of_birth           TEXT NOT NULL,
    sex_at_birth            TEXT NOT NULL CHECK (sex_at_birth IN ('female', 'male', 'intersex', 'unknown')),
    gender_identity         TEXT,
    pronouns                TEXT,
    email                   TEXT,
    address_line1           TEXT NOT NULL DEFAULT '',
    address_line2           TEXT NOT NULL DEFAULT '',
    address_city            TEXT NOT NULL DEFAULT '',
    address_region          TEXT NOT NULL DEFAULT '',
    address_postal_code     TEXT NOT NULL DEFAULT '',
    address_country         TEXT NOT NULL DEFAULT '',
    preferred_language      TEXT,
    emergency_name          TEXT,
    emergency_relationship  TEXT,
    emergency_phone         TEXT,
    status                  TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'deceased')),
    deceased_on             TEXT,
    version                 INTEGER NOT NULL CHECK (version >= 1),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    -- Search keys (see text.rs): folded names for prefix search.
    family_fold             TEXT NOT NULL,
    given_fold              TEXT NOT NULL, family_sound TEXT NOT NULL DEFAULT '', given_sound TEXT NOT NULL DEFAULT '', restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1)),
    CHECK ((status = 'deceased') = (deceased_on IS NOT NULL))
);
CREATE TABLE practice (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    time_zone   TEXT NOT NULL,
    is_demo     INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    updated_at  TEXT NOT NULL
, auto_lock_minutes INTEGER NOT NULL DEFAULT 10
    CHECK (auto_lock_minutes BETWEEN 1 AND 240), backup_dir TEXT NOT NULL DEFAULT '', backups_kept INTEGER NOT NULL DEFAULT 14
    CHECK (backups_kept BETWEEN 1 AND 365));
CREATE TABLE practice_hours (
    weekday     INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7),
    opens       TEXT CHECK (opens IS NULL OR opens GLOB '[0-2][0-9]:[0-5][0-9]'),
    closes      TEXT CHECK (closes IS NULL OR closes GLOB '[0-2][0-9]:[0-5][0-9]'),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES users (id),
    CHECK ((opens IS NULL) = (closes IS NULL) AND (opens IS NULL OR opens < closes))
);
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
CREATE TABLE printed_copies (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    medication_id TEXT REFERENCES medications (id),
    kind          TEXT NOT NULL CHECK (kind IN ('prescription', 'medication_list')),
    printed_at    TEXT NOT NULL,
    printed_by    TEXT NOT NULL REFERENCES users (id),
    pdf           BLOB NOT NULL
);
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
CREATE TABLE problem_visits (
    problem_id  TEXT NOT NULL REFERENCES problems (id),
    visit_id    TEXT NOT NULL REFERENCES visits (id),
    linked_at   TEXT NOT NULL,
    linked_by   TEXT NOT NULL REFERENCES users (id),
    PRIMARY KEY (problem_id, visit_id)
) WITHOUT ROWID;
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
CREATE TABLE reconciliation_items (
    reconciliation_id TEXT NOT NULL REFERENCES reconciliations (id),
    medication_id     TEXT NOT NULL REFERENCES medications (id),
    action            TEXT NOT NULL CHECK (action IN ('confirmed', 'changed', 'stopped')),
    note              TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (reconciliation_id, medication_id)
) WITHOUT ROWID;
CREATE TABLE reconciliations (
    id            TEXT PRIMARY KEY,
    patient_id    TEXT NOT NULL REFERENCES patients (id),
    visit_id      TEXT REFERENCES visits (id),
    done_at       TEXT NOT NULL,
    done_by       TEXT NOT NULL REFERENCES users (id)
);
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
CREATE TABLE results_folder (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    path        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users (id)
);
CREATE TABLE results_letters (
    id          TEXT PRIMARY KEY,
    report_id   TEXT NOT NULL REFERENCES lab_reports (id),
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    body        TEXT NOT NULL,
    printed_at  TEXT NOT NULL,
    printed_by  TEXT NOT NULL REFERENCES users (id)
);
CREATE TABLE rooms (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    display_order  INTEGER NOT NULL DEFAULT 0,
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES users (id)
);
CREATE TABLE schedule_blocks (
    id           TEXT PRIMARY KEY,
    provider_id  TEXT REFERENCES schedule_providers (user_id),
    starts_at    TEXT NOT NULL,
    ends_at      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('lunch', 'leave', 'holiday', 'closure', 'meeting', 'other')),
    reason       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    created_by   TEXT REFERENCES users (id),
    lifted_at    TEXT,
    lifted_by    TEXT REFERENCES users (id),
    lift_reason  TEXT,
    CHECK (starts_at < ends_at)
);
CREATE TABLE schedule_providers (
    user_id        TEXT PRIMARY KEY REFERENCES users (id),
    colour         TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    display_order  INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES users (id)
);
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
CREATE TABLE smart_phrases (
    id            TEXT PRIMARY KEY,
    owner_id      TEXT REFERENCES users (id),
    abbreviation  TEXT NOT NULL,
    expansion     TEXT NOT NULL,
    retired       INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    updated_at    TEXT NOT NULL,
    updated_by    TEXT REFERENCES users (id)
);
CREATE TABLE social_history (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    kind           TEXT NOT NULL CHECK (kind IN ('smoking', 'alcohol', 'substance', 'occupation')),
    status         TEXT NOT NULL,              -- e.g. smoking: never/former/current_every_day/current_some_days/unknown
    detail         TEXT NOT NULL DEFAULT '',
    packs_per_day  REAL,
    years          REAL,
    pack_years     REAL,                       -- computed for smoking
    quit_date      TEXT,
    drinks_per_week REAL,                      -- alcohol
    audit_c        INTEGER CHECK (audit_c BETWEEN 0 AND 12),  -- alcohol: AUDIT-C score, optional
    as_of          TEXT NOT NULL,              -- date the history was taken (practice-local)
    replaces       TEXT REFERENCES social_history (id),
    superseded_at  TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT
);
CREATE TABLE surgical_history (
    id             TEXT PRIMARY KEY,
    patient_id     TEXT NOT NULL REFERENCES patients (id),
    procedure      TEXT NOT NULL,
    performed_on   TEXT,                       -- YYYY, YYYY-MM or YYYY-MM-DD
    comment        TEXT NOT NULL DEFAULT '',
    replaces       TEXT REFERENCES surgical_history (id),
    superseded_at  TEXT,
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT
);
CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('physician', 'nurse', 'frontDesk', 'admin')),
    PRIMARY KEY (user_id, role)
) WITHOUT ROWID;
CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name    TEXT NOT NULL,
    licence_number  TEXT,
    npi             TEXT,
    dea             TEXT,
    active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    version         INTEGER NOT NULL CHECK (version >= 1),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE TABLE visit_diagnoses (
    id           TEXT PRIMARY KEY,
    visit_id     TEXT NOT NULL REFERENCES visits (id),
    patient_id   TEXT NOT NULL REFERENCES patients (id),
    code         TEXT NOT NULL,
    description  TEXT NOT NULL,
    is_primary   INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    position     INTEGER NOT NULL CHECK (position >= 0),
    added_at     TEXT NOT NULL,
    added_by     TEXT NOT NULL REFERENCES users (id),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
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
CREATE TABLE vitals (
    id                     TEXT PRIMARY KEY,
    patient_id             TEXT NOT NULL REFERENCES patients (id),
    visit_id               TEXT REFERENCES visits (id),
    taken_at               TEXT NOT NULL,      -- UTC instant
    recorded_at            TEXT NOT NULL,
    recorded_by            TEXT NOT NULL REFERENCES users (id),
    systolic               INTEGER,
    diastolic              INTEGER,
    bp_position            TEXT CHECK (bp_position IN ('sitting', 'standing', 'lying')),
    pulse                  INTEGER,
    respiration            INTEGER,
    temperature_c          REAL,
    spo2                   INTEGER,
    height_cm              REAL,
    weight_kg              REAL,
    bmi                    REAL,
    -- The earlier set whose height this set's BMI used (NULL: this set's own height, or no BMI).
    bmi_height_from        TEXT REFERENCES vitals (id),
    head_circumference_cm  REAL,
    pain_score             INTEGER CHECK (pain_score BETWEEN 0 AND 10),
    entered_in_error_at      TEXT,
    entered_in_error_by      TEXT REFERENCES users (id),
    entered_in_error_reason  TEXT,
    CHECK ((systolic IS NULL) = (diastolic IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)),
    CHECK ((entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE TABLE wait_list (
    id                 TEXT PRIMARY KEY,
    patient_id         TEXT NOT NULL REFERENCES patients (id),
    -- NULL: any provider.
    provider_id        TEXT REFERENCES users (id),
    type_id            TEXT NOT NULL REFERENCES appointment_types (id),
    -- The booking the patient already holds and wants moved earlier, if any.
    appointment_id     TEXT REFERENCES appointments (id),
    earliest           TEXT,            -- local date
    latest             TEXT,            -- local date
    time_of_day        TEXT NOT NULL DEFAULT 'any' CHECK (time_of_day IN ('any', 'morning', 'afternoon')),
    note               TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL REFERENCES users (id),
    resolved_at        TEXT,
    resolved_by        TEXT REFERENCES users (id),
    resolution         TEXT CHECK (resolution IN ('booked', 'removed')),
    resolution_note    TEXT,
    booked_appointment TEXT REFERENCES appointments (id),
    CHECK ((resolved_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX allergies_by_error_marker ON allergies (entered_in_error_by);
CREATE INDEX allergies_by_patient ON allergies (patient_id, status);
CREATE INDEX allergies_by_recorder ON allergies (recorded_by);
CREATE INDEX allergies_by_updater ON allergies (updated_by);
CREATE INDEX allergy_history_by_user ON allergy_history (changed_by);
CREATE INDEX allergy_statements_by_patient ON allergy_statements (patient_id, recorded_at);
CREATE INDEX allergy_statements_by_recorder ON allergy_statements (recorded_by);
CREATE INDEX allergy_statements_by_withdrawer ON allergy_statements (withdrawn_by);
CREATE INDEX appointment_history_by_appointment ON appointment_history (appointment_id, id);
CREATE INDEX appointment_history_by_provider ON appointment_history (provider_id);
CREATE INDEX appointment_history_by_room ON appointment_history (room_id);
CREATE INDEX appointment_history_by_user ON appointment_history (by_user);
CREATE INDEX appointment_series_by_creator ON appointment_series (created_by);
CREATE INDEX appointment_series_by_patient ON appointment_series (patient_id);
CREATE INDEX appointment_series_by_split ON appointment_series (split_from);
CREATE INDEX appointment_series_by_updater ON appointment_series (updated_by);
CREATE UNIQUE INDEX appointment_types_by_name ON appointment_types (name COLLATE NOCASE) WHERE retired = 0;
CREATE INDEX appointment_types_by_updater ON appointment_types (updated_by);
CREATE INDEX appointments_by_creator ON appointments (created_by);
CREATE INDEX appointments_by_patient_time ON appointments (patient_id, starts_at);
CREATE INDEX appointments_by_provider_time ON appointments (provider_id, starts_at);
CREATE INDEX appointments_by_room_time ON appointments (room_id, starts_at);
CREATE INDEX appointments_by_series ON appointments (series_id, occurrence);
CREATE INDEX appointments_by_status_user ON appointments (status_by);
CREATE INDEX appointments_by_time ON appointments (starts_at);
CREATE INDEX appointments_by_type ON appointments (type_id);
CREATE INDEX appointments_by_updater ON appointments (updated_by);
CREATE UNIQUE INDEX appointments_by_visit ON appointments (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_patient ON audit_log (patient_id, seq);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_user ON audit_log (user_id, seq);
CREATE INDEX availability_templates_by_creator ON availability_templates (created_by);
CREATE INDEX availability_templates_by_provider ON availability_templates (provider_id, effective_from);
CREATE INDEX documents_by_error_marker ON documents (entered_in_error_by);
CREATE INDEX documents_by_filer ON documents (filed_by);
CREATE INDEX documents_by_patient ON documents (patient_id, document_date);
CREATE INDEX documents_by_task ON documents (task_message_id);
CREATE INDEX drug_imports_by_user ON drug_imports (imported_by);
CREATE INDEX drug_product_words_by_code ON drug_product_words (code);
CREATE INDEX drug_products_by_import ON drug_products (import_id);
CREATE INDEX drug_products_by_sort_key ON drug_products (sort_key, code);
CREATE INDEX drug_products_rxcui ON drug_products(rxcui);
CREATE INDEX emergency_grants_by_patient ON emergency_grants (patient_id);
CREATE INDEX emergency_grants_by_user ON emergency_grants (user_id, patient_id, expires_at);
CREATE INDEX family_history_by_error_marker ON family_history (entered_in_error_by);
CREATE INDEX family_history_by_patient ON family_history (patient_id, recorded_at);
CREATE INDEX family_history_by_recorder ON family_history (recorded_by);
CREATE INDEX family_history_by_replaced ON family_history (replaces);
CREATE INDEX favourites_by_creator ON favourites (created_by);
CREATE INDEX favourites_by_retirer ON favourites (retired_by);
CREATE INDEX favourites_by_updater ON favourites (updated_by);
CREATE INDEX fhir_import_sources_patient ON fhir_import_sources(patient_id);
CREATE INDEX fhir_import_sources_user ON fhir_import_sources(imported_by);
CREATE INDEX hl7_imports_by_matcher ON hl7_imports (matched_by);
CREATE INDEX hl7_imports_by_patient ON hl7_imports (patient_id);
CREATE INDEX hl7_imports_by_receiver ON hl7_imports (received_by);
CREATE INDEX hl7_imports_by_refuser ON hl7_imports (refused_by);
CREATE INDEX hl7_imports_by_responsible ON hl7_imports (responsible_id);
CREATE INDEX hl7_imports_by_sha ON hl7_imports (sha256);
CREATE INDEX hl7_imports_by_status ON hl7_imports (status, received_at);
CREATE INDEX icd_recent_by_time ON icd_recent (last_used_at);
CREATE INDEX immunizations_by_code ON immunizations (cvx, given_on);
CREATE INDEX immunizations_by_error_marker ON immunizations (entered_in_error_by);
CREATE INDEX immunizations_by_giver ON immunizations (given_by);
CREATE INDEX immunizations_by_patient ON immunizations (patient_id, given_on);
CREATE INDEX immunizations_by_recorder ON immunizations (recorded_by);
CREATE INDEX immunizations_by_visit ON immunizations (visit_id);
CREATE INDEX lab_reports_by_enterer ON lab_reports (entered_by);
CREATE INDEX lab_reports_by_error_marker ON lab_reports (entered_in_error_by);
CREATE INDEX lab_reports_by_import ON lab_reports (hl7_import_id);
CREATE INDEX lab_reports_by_order ON lab_reports (placer_order);
CREATE INDEX lab_reports_by_patient ON lab_reports (patient_id, collected_at);
CREATE INDEX lab_reports_by_reviewer ON lab_reports (reviewed_by);
CREATE INDEX lab_reports_in_error ON lab_reports (id) WHERE entered_in_error_at IS NOT NULL;
CREATE INDEX lab_reports_inbox ON lab_reports (responsible_id, reviewed_at, worst_flag);
CREATE INDEX lab_results_by_code ON lab_results
    (loinc, patient_id, collected_at, report_id, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX lab_results_by_error_marker ON lab_results (entered_in_error_by);
CREATE INDEX lab_results_by_report ON lab_results (report_id);
CREATE INDEX lab_results_by_superseded ON lab_results (supersedes);
CREATE INDEX lab_results_by_superseding ON lab_results (supersedes) WHERE supersedes IS NOT NULL;
CREATE INDEX lab_results_hba1c ON lab_results
    (patient_id, collected_at, canonical_unit, canonical_value, unit, value_num, report_id, id,
     loinc, entered_in_error_at)
    WHERE loinc = '4548-4' AND entered_in_error_at IS NULL;
CREATE INDEX lab_results_trend ON lab_results (patient_id, loinc, collected_at);
CREATE INDEX letter_templates_by_updater ON letter_templates (updated_by);
CREATE INDEX letters_by_error_marker ON letters (entered_in_error_by);
CREATE INDEX letters_by_patient ON letters (patient_id, signed_at);
CREATE INDEX letters_by_signer ON letters (signed_by);
CREATE INDEX letters_by_template ON letters (template_id);
CREATE INDEX medication_history_by_user ON medication_history (changed_by);
CREATE INDEX medications_by_ender ON medications (ended_by);
CREATE INDEX medications_by_patient ON medications (patient_id, status);
CREATE INDEX medications_by_renews ON medications (renews);
CREATE INDEX medications_by_replaces ON medications (replaces);
CREATE INDEX medications_by_signer ON medications (signed_by);
CREATE INDEX medications_by_visit ON medications (visit_id);
CREATE INDEX medications_by_writer ON medications (written_by);
CREATE INDEX medications_drafts ON medications (status, written_at) WHERE status = 'draft';
CREATE INDEX message_reads_by_user ON message_reads (user_id, message_id);
CREATE INDEX message_status_changes_by_thread ON message_status_changes (thread_id, id);
CREATE INDEX message_status_changes_by_user ON message_status_changes (changed_by);
CREATE INDEX messages_by_medication ON messages (medication_id);
CREATE INDEX messages_by_patient ON messages (patient_id, created_at);
CREATE INDEX messages_by_sender ON messages (from_user, created_at);
CREATE INDEX messages_by_status_user ON messages (status_by);
CREATE INDEX messages_by_thread ON messages (thread_id, created_at);
CREATE INDEX messages_to_role ON messages (to_role, status, created_at);
CREATE INDEX messages_to_user ON messages (to_user, status, created_at);
CREATE INDEX note_amendments_by_author ON note_amendments (author_id);
CREATE INDEX note_amendments_by_visit ON note_amendments (visit_id, created_at);
CREATE INDEX note_templates_by_type ON note_templates (visit_type, name);
CREATE INDEX note_templates_by_updater ON note_templates (updated_by);
CREATE UNIQUE INDEX note_templates_unique_name
    ON note_templates (visit_type, lower(name)) WHERE retired = 0;
CREATE INDEX outside_visit_diagnoses_by_patient ON outside_visit_diagnoses (patient_id);
CREATE UNIQUE INDEX outside_visit_diagnoses_by_visit
    ON outside_visit_diagnoses (outside_visit_id, position);
CREATE INDEX outside_visits_by_error_marker ON outside_visits (entered_in_error_by);
CREATE INDEX outside_visits_by_importer ON outside_visits (imported_by);
CREATE INDEX outside_visits_by_patient ON outside_visits (patient_id, started_at);
CREATE INDEX patient_phones_by_digits ON patient_phones (digits);
CREATE INDEX patient_phones_by_digits_reversed ON patient_phones (digits_reversed);
CREATE INDEX patients_by_birth ON patients (date_of_birth);
CREATE INDEX patients_by_family_given ON patients (family_fold, given_fold);
CREATE INDEX patients_by_family_sound ON patients (family_sound, family_fold, given_fold);
CREATE INDEX patients_by_given ON patients (given_fold);
CREATE INDEX patients_by_sounds ON patients (family_sound, given_sound, family_fold, given_fold);
CREATE INDEX patients_for_appointments ON patients (id, family_name, given_name, mrn, date_of_birth);
CREATE INDEX patients_named_by_id ON patients (id, family_name, given_name, mrn, date_of_birth);
CREATE INDEX practice_hours_by_updater ON practice_hours (updated_by);
CREATE INDEX prescription_alerts_by_user ON prescription_alerts (signed_by);
CREATE INDEX printed_copies_by_medication ON printed_copies (medication_id);
CREATE INDEX printed_copies_by_patient ON printed_copies (patient_id, printed_at);
CREATE INDEX printed_copies_by_user ON printed_copies (printed_by);
CREATE INDEX problem_history_by_user ON problem_history (changed_by);
CREATE INDEX problem_visits_by_user ON problem_visits (linked_by);
CREATE INDEX problem_visits_by_visit ON problem_visits (visit_id);
CREATE INDEX problems_by_code ON problems (code, status, patient_id, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX problems_by_creator ON problems (created_by);
CREATE INDEX problems_by_error_marker ON problems (entered_in_error_by);
CREATE INDEX problems_by_patient ON problems (patient_id, status);
CREATE INDEX problems_by_updater ON problems (updated_by);
CREATE INDEX reconciliation_items_by_medication ON reconciliation_items (medication_id);
CREATE INDEX reconciliations_by_patient ON reconciliations (patient_id, done_at);
CREATE INDEX reconciliations_by_user ON reconciliations (done_by);
CREATE INDEX reconciliations_by_visit ON reconciliations (visit_id);
CREATE INDEX referral_status_changes_by_document ON referral_status_changes (document_id);
CREATE INDEX referral_status_changes_by_referral ON referral_status_changes (referral_id, id);
CREATE INDEX referral_status_changes_by_user ON referral_status_changes (changed_by);
CREATE INDEX referrals_by_patient ON referrals (patient_id, created_at);
CREATE INDEX referrals_by_physician ON referrals (physician_id, status, expected_by);
CREATE INDEX reminder_decisions_by_patient ON reminder_decisions (patient_id, rule, recorded_at);
CREATE INDEX reminder_decisions_by_recorder ON reminder_decisions (recorded_by);
CREATE INDEX reminder_decisions_by_successor ON reminder_decisions (superseded_by);
CREATE INDEX reminder_decisions_by_withdrawer ON reminder_decisions (withdrawn_by);
CREATE INDEX results_folder_by_updater ON results_folder (updated_by);
CREATE INDEX results_letters_by_patient ON results_letters (patient_id);
CREATE INDEX results_letters_by_printer ON results_letters (printed_by);
CREATE INDEX results_letters_by_report ON results_letters (report_id);
CREATE UNIQUE INDEX rooms_by_name ON rooms (name COLLATE NOCASE) WHERE retired = 0;
CREATE INDEX rooms_by_updater ON rooms (updated_by);
CREATE INDEX schedule_blocks_by_creator ON schedule_blocks (created_by);
CREATE INDEX schedule_blocks_by_lifter ON schedule_blocks (lifted_by);
CREATE INDEX schedule_blocks_by_provider_time ON schedule_blocks (provider_id, starts_at);
CREATE INDEX schedule_blocks_by_time ON schedule_blocks (starts_at);
CREATE INDEX schedule_blocks_open_by_end
    ON schedule_blocks (ends_at, starts_at, provider_id, lifted_at) WHERE lifted_at IS NULL;
CREATE INDEX schedule_providers_by_updater ON schedule_providers (updated_by);
CREATE INDEX screening_procedures_by_error_marker ON screening_procedures (entered_in_error_by);
CREATE INDEX screening_procedures_by_kind ON screening_procedures
    (procedure, patient_id, performed_on, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX screening_procedures_by_patient ON screening_procedures (patient_id, procedure, performed_on);
CREATE INDEX screening_procedures_by_recorder ON screening_procedures (recorded_by);
CREATE INDEX smart_phrases_by_owner ON smart_phrases (owner_id);
CREATE INDEX smart_phrases_by_updater ON smart_phrases (updated_by);
CREATE UNIQUE INDEX smart_phrases_own_abbrev
    ON smart_phrases (owner_id, abbreviation) WHERE owner_id IS NOT NULL AND retired = 0;
CREATE UNIQUE INDEX smart_phrases_practice_abbrev
    ON smart_phrases (abbreviation) WHERE owner_id IS NULL AND retired = 0;
CREATE INDEX social_history_by_error_marker ON social_history (entered_in_error_by);
CREATE INDEX social_history_by_patient ON social_history (patient_id, kind, recorded_at);
CREATE INDEX social_history_by_recorder ON social_history (recorded_by);
CREATE INDEX social_history_by_replaced ON social_history (replaces);
CREATE INDEX surgical_history_by_error_marker ON surgical_history (entered_in_error_by);
CREATE INDEX surgical_history_by_patient ON surgical_history (patient_id, recorded_at);
CREATE INDEX surgical_history_by_recorder ON surgical_history (recorded_by);
CREATE INDEX surgical_history_by_replaced ON surgical_history (replaces);
CREATE INDEX visit_diagnoses_by_adder ON visit_diagnoses (added_by);
CREATE INDEX visit_diagnoses_by_code ON visit_diagnoses (code, patient_id, visit_id, entered_in_error_at)
    WHERE entered_in_error_at IS NULL;
CREATE INDEX visit_diagnoses_by_error_marker ON visit_diagnoses (entered_in_error_by);
CREATE INDEX visit_diagnoses_by_patient ON visit_diagnoses (patient_id, code);
CREATE INDEX visit_diagnoses_by_visit ON visit_diagnoses (visit_id, position);
CREATE UNIQUE INDEX visit_diagnoses_one_primary ON visit_diagnoses (visit_id)
    WHERE is_primary = 1 AND entered_in_error_at IS NULL;
CREATE INDEX visits_by_creator ON visits (created_by);
CREATE INDEX visits_by_draft_saver ON visits (draft_saved_by);
CREATE INDEX visits_by_error_marker ON visits (entered_in_error_by);
CREATE INDEX visits_by_patient ON visits (patient_id, started_at);
CREATE INDEX visits_by_provider ON visits (provider_id, started_at);
CREATE INDEX visits_by_signer ON visits (signed_by);
CREATE INDEX visits_by_start ON visits (started_at);
CREATE INDEX visits_by_template ON visits (template_id);
CREATE INDEX visits_in_error ON visits (id) WHERE entered_in_error_at IS NOT NULL;
CREATE INDEX visits_in_error_by_patient ON visits (patient_id) WHERE entered_in_error_at IS NOT NULL;
CREATE INDEX visits_unsigned ON visits (started_at) WHERE signed_at IS NULL AND entered_in_error_at IS NULL;
CREATE INDEX visits_unsigned_by_patient ON visits (patient_id)
    WHERE signed_at IS NULL AND entered_in_error_at IS NULL;
CREATE INDEX vitals_by_bmi_height ON vitals (bmi_height_from);
CREATE INDEX vitals_by_error_marker ON vitals (entered_in_error_by);
CREATE INDEX vitals_by_patient ON vitals (patient_id, taken_at);
CREATE INDEX vitals_by_recorder ON vitals (recorded_by);
CREATE INDEX vitals_by_visit ON vitals (visit_id);
CREATE INDEX vitals_in_error_by_patient ON vitals (patient_id) WHERE entered_in_error_at IS NOT NULL;
CREATE INDEX wait_list_by_appointment ON wait_list (appointment_id);
CREATE INDEX wait_list_by_booked ON wait_list (booked_appointment);
CREATE INDEX wait_list_by_creator ON wait_list (created_by);
CREATE INDEX wait_list_by_patient ON wait_list (patient_id);
CREATE INDEX wait_list_by_provider ON wait_list (provider_id);
CREATE INDEX wait_list_by_resolver ON wait_list (resolved_by);
CREATE INDEX wait_list_by_type ON wait_list (type_id);
CREATE INDEX wait_list_open ON wait_list (resolved_at, created_at);
CREATE TRIGGER allergies_are_never_deleted BEFORE DELETE ON allergies
BEGIN SELECT RAISE(ABORT, 'allergies are never deleted; mark them inactive or entered in error'); END;
CREATE TRIGGER allergies_keep_their_origin BEFORE UPDATE ON allergies
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.version IS NOT OLD.version + 1
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'allergies keep their origin and are frozen once entered in error; record a new version'); END;
CREATE TRIGGER allergy_history_is_append_only_d BEFORE DELETE ON allergy_history
BEGIN SELECT RAISE(ABORT, 'allergy history cannot be deleted'); END;
CREATE TRIGGER allergy_history_is_append_only_u BEFORE UPDATE ON allergy_history
BEGIN SELECT RAISE(ABORT, 'allergy history cannot be changed'); END;
CREATE TRIGGER allergy_statements_are_never_deleted BEFORE DELETE ON allergy_statements
BEGIN SELECT RAISE(ABORT, 'allergy statements are never deleted'); END;
CREATE TRIGGER appointment_history_is_append_only_delete BEFORE DELETE ON appointment_history
BEGIN SELECT RAISE(ABORT, 'appointment history is never rewritten'); END;
CREATE TRIGGER appointment_history_is_append_only_update BEFORE UPDATE ON appointment_history
BEGIN SELECT RAISE(ABORT, 'appointment history is never rewritten'); END;
CREATE TRIGGER appointment_series_are_never_deleted BEFORE DELETE ON appointment_series
BEGIN SELECT RAISE(ABORT, 'appointment series are never deleted; cancel their occurrences'); END;
CREATE TRIGGER appointment_types_are_never_deleted BEFORE DELETE ON appointment_types
BEGIN SELECT RAISE(ABORT, 'appointment types are retired, never deleted'); END;
CREATE TRIGGER appointments_are_never_deleted BEFORE DELETE ON appointments
BEGIN SELECT RAISE(ABORT, 'appointments are never deleted; cancel them'); END;
CREATE TRIGGER audit_log_is_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted from'); END;
CREATE TRIGGER audit_log_is_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER availability_intervals_are_never_changed BEFORE UPDATE ON availability_intervals
BEGIN SELECT RAISE(ABORT, 'availability templates are superseded, never changed'); END;
CREATE TRIGGER availability_intervals_are_never_deleted BEFORE DELETE ON availability_intervals
BEGIN SELECT RAISE(ABORT, 'availability templates are superseded, never deleted'); END;
CREATE TRIGGER availability_templates_are_never_deleted BEFORE DELETE ON availability_templates
BEGIN SELECT RAISE(ABORT, 'availability templates are superseded, never deleted'); END;
CREATE TRIGGER document_contents_are_never_deleted BEFORE DELETE ON document_contents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted; mark them entered in error'); END;
CREATE TRIGGER document_contents_are_never_rewritten BEFORE UPDATE ON document_contents
BEGIN SELECT RAISE(ABORT, 'a document''s content is never rewritten'); END;
CREATE TRIGGER documents_are_never_deleted BEFORE DELETE ON documents
BEGIN SELECT RAISE(ABORT, 'documents are never deleted; mark them entered in error'); END;
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
CREATE TRIGGER drug_imports_are_never_deleted BEFORE DELETE ON drug_imports
BEGIN SELECT RAISE(ABORT, 'drug imports are kept'); END;
CREATE TRIGGER emergency_grants_are_append_only_d BEFORE DELETE ON emergency_grants
BEGIN SELECT RAISE(ABORT, 'emergency grants cannot be deleted'); END;
CREATE TRIGGER emergency_grants_are_append_only_u BEFORE UPDATE ON emergency_grants
BEGIN SELECT RAISE(ABORT, 'emergency grants cannot be changed'); END;
CREATE TRIGGER family_history_is_never_deleted BEFORE DELETE ON family_history
BEGIN SELECT RAISE(ABORT, 'history entries are never deleted'); END;
CREATE TRIGGER family_history_is_never_rewritten BEFORE UPDATE ON family_history
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.relative IS NOT OLD.relative OR NEW.condition IS NOT OLD.condition
    OR NEW.code IS NOT OLD.code OR NEW.onset_age IS NOT OLD.onset_age
    OR NEW.comment IS NOT OLD.comment OR NEW.replaces IS NOT OLD.replaces
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    OR (OLD.entered_in_error_at IS NOT NULL AND NEW.entered_in_error_at IS NOT OLD.entered_in_error_at)
BEGIN SELECT RAISE(ABORT, 'history entries are never rewritten; record a new version'); END;
CREATE TRIGGER favourites_are_never_deleted BEFORE DELETE ON favourites
BEGIN SELECT RAISE(ABORT, 'favourites are retired, never deleted'); END;
CREATE TRIGGER hl7_imports_are_never_deleted BEFORE DELETE ON hl7_imports
BEGIN SELECT RAISE(ABORT, 'result files are never deleted; refuse them with a reason'); END;
CREATE TRIGGER hl7_imports_are_never_rewritten BEFORE UPDATE ON hl7_imports
WHEN OLD.status <> 'held' OR NEW.id IS NOT OLD.id OR NEW.file_name IS NOT OLD.file_name
    OR NEW.sha256 IS NOT OLD.sha256 OR NEW.raw_text IS NOT OLD.raw_text
    OR NEW.file_patient IS NOT OLD.file_patient OR NEW.received_at IS NOT OLD.received_at
    OR NEW.received_by IS NOT OLD.received_by OR NEW.status = 'held'
BEGIN SELECT RAISE(ABORT, 'result files are never rewritten; a held file is matched or refused once'); END;
CREATE TRIGGER immunizations_are_never_deleted BEFORE DELETE ON immunizations
BEGIN SELECT RAISE(ABORT, 'immunizations are never deleted; mark them entered in error'); END;
CREATE TRIGGER immunizations_are_never_rewritten BEFORE UPDATE ON immunizations
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.visit_id IS NOT OLD.visit_id
    OR NEW.cvx IS NOT OLD.cvx OR NEW.vaccine IS NOT OLD.vaccine OR NEW.kind IS NOT OLD.kind
    OR NEW.given_on IS NOT OLD.given_on OR NEW.dose_number IS NOT OLD.dose_number
    OR NEW.lot IS NOT OLD.lot OR NEW.expires_on IS NOT OLD.expires_on
    OR NEW.manufacturer IS NOT OLD.manufacturer OR NEW.site IS NOT OLD.site
    OR NEW.route IS NOT OLD.route OR NEW.given_by IS NOT OLD.given_by
    OR NEW.given_by_name IS NOT OLD.given_by_name OR NEW.vis_date IS NOT OLD.vis_date
    OR NEW.refusal_reason IS NOT OLD.refusal_reason OR NEW.source_note IS NOT OLD.source_note
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'immunizations are never rewritten; mark them entered in error'); END;
CREATE TRIGGER lab_reports_are_never_deleted BEFORE DELETE ON lab_reports
BEGIN SELECT RAISE(ABORT, 'lab reports are never deleted; mark them entered in error'); END;
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
CREATE TRIGGER medication_history_is_append_only_d BEFORE DELETE ON medication_history
BEGIN SELECT RAISE(ABORT, 'medication history cannot be deleted'); END;
CREATE TRIGGER medication_history_is_append_only_u BEFORE UPDATE ON medication_history
BEGIN SELECT RAISE(ABORT, 'medication history cannot be changed'); END;
CREATE TRIGGER medications_are_never_deleted BEFORE DELETE ON medications
BEGIN SELECT RAISE(ABORT, 'medications are stopped or entered in error, never deleted'); END;
CREATE TRIGGER note_amendments_are_append_only_d BEFORE DELETE ON note_amendments
BEGIN SELECT RAISE(ABORT, 'amendments cannot be deleted'); END;
CREATE TRIGGER note_amendments_are_append_only_u BEFORE UPDATE ON note_amendments
BEGIN SELECT RAISE(ABORT, 'amendments cannot be changed'); END;
CREATE TRIGGER outside_visit_diagnoses_are_append_only_d BEFORE DELETE ON outside_visit_diagnoses
BEGIN SELECT RAISE(ABORT, 'an outside visit''s diagnoses cannot be deleted'); END;
CREATE TRIGGER outside_visit_diagnoses_are_append_only_u BEFORE UPDATE ON outside_visit_diagnoses
BEGIN SELECT RAISE(ABORT, 'an outside visit''s diagnoses cannot be changed'); END;
CREATE TRIGGER outside_visits_are_never_deleted BEFORE DELETE ON outside_visits
BEGIN SELECT RAISE(ABORT, 'outside visits are never deleted; mark them entered in error'); END;
CREATE TRIGGER outside_visits_are_never_rewritten BEFORE UPDATE ON outside_visits
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.started_at IS NOT OLD.started_at OR NEW.ended_at IS NOT OLD.ended_at
    OR NEW.visit_class IS NOT OLD.visit_class OR NEW.visit_type IS NOT OLD.visit_type
    OR NEW.reason IS NOT OLD.reason OR NEW.clinician IS NOT OLD.clinician
    OR NEW.place IS NOT OLD.place OR NEW.note IS NOT OLD.note OR NEW.source IS NOT OLD.source
    OR NEW.imported_at IS NOT OLD.imported_at OR NEW.imported_by IS NOT OLD.imported_by
    OR (OLD.entered_in_error_at IS NOT NULL AND (
           NEW.entered_in_error_at IS NOT OLD.entered_in_error_at
        OR NEW.entered_in_error_by IS NOT OLD.entered_in_error_by
        OR NEW.entered_in_error_reason IS NOT OLD.entered_in_error_reason))
BEGIN SELECT RAISE(ABORT, 'an outside visit is never rewritten; mark it entered in error'); END;
CREATE TRIGGER patient_revisions_are_append_only_d BEFORE DELETE ON patient_revisions
BEGIN SELECT RAISE(ABORT, 'patient revisions cannot be deleted'); END;
CREATE TRIGGER patient_revisions_are_append_only_u BEFORE UPDATE ON patient_revisions
BEGIN SELECT RAISE(ABORT, 'patient revisions cannot be changed'); END;
CREATE TRIGGER patients_are_never_deleted BEFORE DELETE ON patients
BEGIN SELECT RAISE(ABORT, 'patients are never deleted; mark them inactive'); END;
CREATE TRIGGER practice_hours_are_never_deleted BEFORE DELETE ON practice_hours
BEGIN SELECT RAISE(ABORT, 'a closed weekday keeps its row, never deleted'); END;
CREATE TRIGGER prescription_alerts_are_append_only_d BEFORE DELETE ON prescription_alerts
BEGIN SELECT RAISE(ABORT, 'prescription alerts cannot be deleted'); END;
CREATE TRIGGER prescription_alerts_are_append_only_u BEFORE UPDATE ON prescription_alerts
BEGIN SELECT RAISE(ABORT, 'prescription alerts cannot be changed'); END;
CREATE TRIGGER printed_copies_are_append_only_d BEFORE DELETE ON printed_copies
BEGIN SELECT RAISE(ABORT, 'printed copies cannot be deleted'); END;
CREATE TRIGGER printed_copies_are_append_only_u BEFORE UPDATE ON printed_copies
BEGIN SELECT RAISE(ABORT, 'printed copies cannot be changed'); END;
CREATE TRIGGER problem_history_is_append_only_d BEFORE DELETE ON problem_history
BEGIN SELECT RAISE(ABORT, 'problem history cannot be deleted'); END;
CREATE TRIGGER problem_history_is_append_only_u BEFORE UPDATE ON problem_history
BEGIN SELECT RAISE(ABORT, 'problem history cannot be changed'); END;
CREATE TRIGGER problem_visits_are_append_only_d BEFORE DELETE ON problem_visits
BEGIN SELECT RAISE(ABORT, 'problem-visit links cannot be deleted'); END;
CREATE TRIGGER problems_are_never_deleted BEFORE DELETE ON problems
BEGIN SELECT RAISE(ABORT, 'problems are never deleted; resolve them or mark them entered in error'); END;
CREATE TRIGGER reconciliation_items_are_never_deleted BEFORE DELETE ON reconciliation_items
BEGIN SELECT RAISE(ABORT, 'reconciliations are kept'); END;
CREATE TRIGGER reconciliations_are_never_deleted BEFORE DELETE ON reconciliations
BEGIN SELECT RAISE(ABORT, 'reconciliations are kept'); END;
CREATE TRIGGER referral_status_changes_are_never_deleted BEFORE DELETE ON referral_status_changes
BEGIN SELECT RAISE(ABORT, 'referral history is never deleted'); END;
CREATE TRIGGER referral_status_changes_are_never_rewritten BEFORE UPDATE ON referral_status_changes
BEGIN SELECT RAISE(ABORT, 'referral history is never rewritten'); END;
CREATE TRIGGER referrals_are_never_deleted BEFORE DELETE ON referrals
BEGIN SELECT RAISE(ABORT, 'referrals are never deleted'); END;
CREATE TRIGGER reminder_decisions_are_never_deleted BEFORE DELETE ON reminder_decisions
BEGIN SELECT RAISE(ABORT, 'reminder decisions are never deleted; withdraw them'); END;
CREATE TRIGGER reminder_decisions_are_never_rewritten BEFORE UPDATE ON reminder_decisions
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.rule IS NOT OLD.rule
    OR NEW.kind IS NOT OLD.kind OR NEW.done_on IS NOT OLD.done_on OR NEW.place IS NOT OLD.place
    OR NEW.reason IS NOT OLD.reason OR NEW.decided_on IS NOT OLD.decided_on
    OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
    OR OLD.superseded_at IS NOT NULL OR OLD.withdrawn_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'reminder decisions are never rewritten; record a new one or withdraw it'); END;
CREATE TRIGGER results_letters_are_never_deleted BEFORE DELETE ON results_letters
BEGIN SELECT RAISE(ABORT, 'results letters are never deleted'); END;
CREATE TRIGGER results_letters_are_never_rewritten BEFORE UPDATE ON results_letters
BEGIN SELECT RAISE(ABORT, 'results letters are never rewritten'); END;
CREATE TRIGGER rooms_are_never_deleted BEFORE DELETE ON rooms
BEGIN SELECT RAISE(ABORT, 'rooms are retired, never deleted'); END;
CREATE TRIGGER schedule_blocks_are_never_deleted BEFORE DELETE ON schedule_blocks
BEGIN SELECT RAISE(ABORT, 'blocked time is lifted, never deleted'); END;
CREATE TRIGGER schedule_providers_are_never_deleted BEFORE DELETE ON schedule_providers
BEGIN SELECT RAISE(ABORT, 'providers are retired, never deleted'); END;
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
CREATE TRIGGER signed_diagnoses_are_never_rewritten BEFORE UPDATE ON visit_diagnoses
WHEN (SELECT signed_at FROM visits WHERE id = OLD.visit_id) IS NOT NULL AND (
       NEW.visit_id IS NOT OLD.visit_id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.code IS NOT OLD.code OR NEW.description IS NOT OLD.description
    OR NEW.is_primary IS NOT OLD.is_primary OR NEW.position IS NOT OLD.position
    OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
    OR (OLD.entered_in_error_at IS NOT NULL AND (
           NEW.entered_in_error_at IS NOT OLD.entered_in_error_at
        OR NEW.entered_in_error_by IS NOT OLD.entered_in_error_by
        OR NEW.entered_in_error_reason IS NOT OLD.entered_in_error_reason)))
BEGIN SELECT RAISE(ABORT, 'a diagnosis on a signed visit is never rewritten; mark it entered in error'); END;
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
CREATE TRIGGER signed_visits_take_no_new_diagnoses BEFORE INSERT ON visit_diagnoses
WHEN (SELECT signed_at FROM visits WHERE id = NEW.visit_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed visit takes no new diagnoses; add an amendment'); END;
CREATE TRIGGER social_history_is_never_deleted BEFORE DELETE ON social_history
BEGIN SELECT RAISE(ABORT, 'history entries are never deleted'); END;
CREATE TRIGGER social_history_is_never_rewritten BEFORE UPDATE ON social_history
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.kind IS NOT OLD.kind
    OR NEW.status IS NOT OLD.status OR NEW.detail IS NOT OLD.detail
    OR NEW.packs_per_day IS NOT OLD.packs_per_day OR NEW.years IS NOT OLD.years
    OR NEW.pack_years IS NOT OLD.pack_years OR NEW.quit_date IS NOT OLD.quit_date
    OR NEW.drinks_per_week IS NOT OLD.drinks_per_week OR NEW.audit_c IS NOT OLD.audit_c
    OR NEW.as_of IS NOT OLD.as_of OR NEW.replaces IS NOT OLD.replaces
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    OR (OLD.entered_in_error_at IS NOT NULL AND NEW.entered_in_error_at IS NOT OLD.entered_in_error_at)
BEGIN SELECT RAISE(ABORT, 'history entries are never rewritten; record a new version'); END;
CREATE TRIGGER surgical_history_is_never_deleted BEFORE DELETE ON surgical_history
BEGIN SELECT RAISE(ABORT, 'history entries are never deleted'); END;
CREATE TRIGGER surgical_history_is_never_rewritten BEFORE UPDATE ON surgical_history
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id
    OR NEW.procedure IS NOT OLD.procedure OR NEW.performed_on IS NOT OLD.performed_on
    OR NEW.comment IS NOT OLD.comment OR NEW.replaces IS NOT OLD.replaces
    OR NEW.recorded_at IS NOT OLD.recorded_at OR NEW.recorded_by IS NOT OLD.recorded_by
    OR (OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS NOT OLD.superseded_at)
    OR (OLD.entered_in_error_at IS NOT NULL AND NEW.entered_in_error_at IS NOT OLD.entered_in_error_at)
BEGIN SELECT RAISE(ABORT, 'history entries are never rewritten; record a new version'); END;
CREATE TRIGGER users_are_never_deleted BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are never deleted; deactivate them (the audit log refers to them)'); END;
CREATE TRIGGER visit_diagnoses_are_never_deleted BEFORE DELETE ON visit_diagnoses
BEGIN SELECT RAISE(ABORT, 'diagnoses are never deleted; mark them entered in error'); END;
CREATE TRIGGER visits_are_never_deleted BEFORE DELETE ON visits
BEGIN SELECT RAISE(ABORT, 'visits are never deleted; mark them entered in error'); END;
CREATE TRIGGER vitals_are_never_deleted BEFORE DELETE ON vitals
BEGIN SELECT RAISE(ABORT, 'vitals are never deleted; mark them entered in error'); END;
CREATE TRIGGER vitals_are_never_rewritten BEFORE UPDATE ON vitals
WHEN NEW.id IS NOT OLD.id OR NEW.patient_id IS NOT OLD.patient_id OR NEW.visit_id IS NOT OLD.visit_id
    OR NEW.taken_at IS NOT OLD.taken_at OR NEW.recorded_at IS NOT OLD.recorded_at
    OR NEW.recorded_by IS NOT OLD.recorded_by
    OR NEW.systolic IS NOT OLD.systolic OR NEW.diastolic IS NOT OLD.diastolic
    OR NEW.bp_position IS NOT OLD.bp_position OR NEW.pulse IS NOT OLD.pulse
    OR NEW.respiration IS NOT OLD.respiration OR NEW.temperature_c IS NOT OLD.temperature_c
    OR NEW.spo2 IS NOT OLD.spo2 OR NEW.height_cm IS NOT OLD.height_cm
    OR NEW.weight_kg IS NOT OLD.weight_kg OR NEW.bmi IS NOT OLD.bmi
    OR NEW.bmi_height_from IS NOT OLD.bmi_height_from
    OR NEW.head_circumference_cm IS NOT OLD.head_circumference_cm
    OR NEW.pain_score IS NOT OLD.pain_score
    OR OLD.entered_in_error_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'recorded vitals are never rewritten; mark them entered in error'); END;
CREATE TRIGGER wait_list_is_never_deleted BEFORE DELETE ON wait_list
BEGIN SELECT RAISE(ABORT, 'wait-list entries are resolved, never deleted'); END;
