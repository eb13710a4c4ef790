-- Users and their roles, the tamper-evident audit log, emergency ("break the glass") access to
-- restricted charts, and the practice's security settings.
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
CREATE TRIGGER users_are_never_deleted BEFORE DELETE ON users
BEGIN SELECT RAISE(ABORT, 'users are never deleted; deactivate them (the audit log refers to them)'); END;

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id),
    role    TEXT NOT NULL CHECK (role IN ('physician', 'nurse', 'frontDesk', 'admin')),
    PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

-- Append-only and hash-chained: each row's hash covers its content and the previous row's hash.
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
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_user ON audit_log (user_id, seq);
CREATE INDEX audit_log_by_patient ON audit_log (patient_id, seq);
CREATE INDEX audit_log_by_action ON audit_log (action, seq);
CREATE TRIGGER audit_log_is_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END;
CREATE TRIGGER audit_log_is_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log cannot be deleted from'); END;

-- A restricted chart (a colleague's, a public figure's) opens only through emergency access.
ALTER TABLE patients ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0 CHECK (restricted IN (0, 1));

CREATE TABLE emergency_grants (
    id          INTEGER PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users (id),
    patient_id  TEXT NOT NULL REFERENCES patients (id),
    reason      TEXT NOT NULL,
    granted_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX emergency_grants_by_user ON emergency_grants (user_id, patient_id, expires_at);
CREATE INDEX emergency_grants_by_patient ON emergency_grants (patient_id);
CREATE TRIGGER emergency_grants_are_append_only_u BEFORE UPDATE ON emergency_grants
BEGIN SELECT RAISE(ABORT, 'emergency grants cannot be changed'); END;
CREATE TRIGGER emergency_grants_are_append_only_d BEFORE DELETE ON emergency_grants
BEGIN SELECT RAISE(ABORT, 'emergency grants cannot be deleted'); END;

ALTER TABLE practice ADD COLUMN auto_lock_minutes INTEGER NOT NULL DEFAULT 10
    CHECK (auto_lock_minutes BETWEEN 1 AND 240);
ALTER TABLE practice ADD COLUMN backup_dir TEXT NOT NULL DEFAULT '';
ALTER TABLE practice ADD COLUMN backups_kept INTEGER NOT NULL DEFAULT 14
    CHECK (backups_kept BETWEEN 1 AND 365);
