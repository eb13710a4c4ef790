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
CREATE TABLE emergency_grants (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    reason      TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
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
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE INDEX audit_log_by_patient ON audit_log (patient_id, seq);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_user ON audit_log (user_id, seq);
CREATE INDEX emergency_grants_by_patient ON emergency_grants (patient_id);
CREATE INDEX emergency_grants_by_user ON emergency_grants (user_id, patient_id, expires_at);
CREATE INDEX patient_phones_by_digits ON patient_phones (digits);
CREATE INDEX patient_phones_by_digits_reversed ON patient_phones (digits_reversed);
CREATE INDEX patients_by_birth ON patients (date_of_birth);
CREATE INDEX patients_by_family_given ON patients (family_fold, given_fold);
CREATE INDEX patients_by_family_sound ON patients (family_sound, family_fold, given_fold);
CREATE INDEX patients_by_given ON patients (given_fold);
CREATE INDEX patients_by_sounds ON patients (family_sound, given_sound, family_fold, given_fold);
CREATE TRIGGER audit_log_is_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted from'); END;
CREATE TRIGGER audit_log_is_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER emergency_grants_are_append_only_d BEFORE DELETE ON emergency_grants
BEGIN SELECT RAISE(ABORT, 'emergency grants cannot be deleted'); END;
CREATE TRIGGER emergency_grants_are_append_only_u BEFORE UPDATE ON emergency_grants
BEGIN SELECT RAISE(ABORT, 'emergency grants cannot be changed'); END;
CREATE TRIGGER patient_revisions_are_append_only_d BEFORE DELETE ON patient_revisions
BEGIN SELECT RAISE(ABORT, 'patient revisions cannot be deleted'); END;
CREATE TRIGGER patient_revisions_are_append_only_u BEFORE UPDATE ON patient_revisions
BEGIN SELECT RAISE(ABORT, 'patient revisions cannot be changed'); END;
CREATE TRIGGER patients_are_never_deleted BEFORE DELETE ON patients
BEGIN SELECT RAISE(ABORT, 'patients are never deleted; mark them inactive'); END;
CREATE TRIGGER users_are_never_deleted BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are never deleted; deactivate them (the audit log refers to them)'); END;
