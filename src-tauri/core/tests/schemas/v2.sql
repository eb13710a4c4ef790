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
    given_fold              TEXT NOT NULL, family_sound TEXT NOT NULL DEFAULT '', given_sound TEXT NOT NULL DEFAULT '',
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
);
CREATE INDEX patient_phones_by_digits ON patient_phones (digits);
CREATE INDEX patient_phones_by_digits_reversed ON patient_phones (digits_reversed);
CREATE INDEX patients_by_birth ON patients (date_of_birth);
CREATE INDEX patients_by_family_given ON patients (family_fold, given_fold);
CREATE INDEX patients_by_family_sound ON patients (family_sound, family_fold, given_fold);
CREATE INDEX patients_by_given ON patients (given_fold);
CREATE INDEX patients_by_sounds ON patients (family_sound, given_sound, family_fold, given_fold);
CREATE TRIGGER patient_revisions_are_append_only_d BEFORE DELETE ON patient_revisions
BEGIN SELECT RAISE(ABORT, 'patient revisions cannot be deleted'); END;
CREATE TRIGGER patient_revisions_are_append_only_u BEFORE UPDATE ON patient_revisions
BEGIN SELECT RAISE(ABORT, 'patient revisions cannot be changed'); END;
CREATE TRIGGER patients_are_never_deleted BEFORE DELETE ON patients
BEGIN SELECT RAISE(ABORT, 'patients are never deleted; mark them inactive'); END;
