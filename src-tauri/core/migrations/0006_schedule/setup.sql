-- The schedule's set-up (owner: schedule::setup): who sees patients, when the practice is
-- open, each provider's weekly availability from a date, blocked time, appointment types and
-- rooms. Nothing here is deleted: providers and types are retired, blocks are lifted, and an
-- availability template is superseded by a newer one with a later effective date.
CREATE TABLE schedule_providers (
    user_id        TEXT PRIMARY KEY REFERENCES users (id),
    colour         TEXT NOT NULL CHECK (colour GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'),
    display_order  INTEGER NOT NULL DEFAULT 0,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES users (id)
);
CREATE INDEX schedule_providers_by_updater ON schedule_providers (updated_by);

-- Opening hours per ISO weekday (1 = Monday … 7 = Sunday), local wall-clock 'HH:MM';
-- a weekday without a row (or with NULLs) is closed.
CREATE TABLE practice_hours (
    weekday     INTEGER PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7),
    opens       TEXT CHECK (opens IS NULL OR opens GLOB '[0-2][0-9]:[0-5][0-9]'),
    closes      TEXT CHECK (closes IS NULL OR closes GLOB '[0-2][0-9]:[0-5][0-9]'),
    updated_at  TEXT NOT NULL,
    updated_by  TEXT REFERENCES users (id),
    CHECK ((opens IS NULL) = (closes IS NULL) AND (opens IS NULL OR opens < closes))
);
CREATE INDEX practice_hours_by_updater ON practice_hours (updated_by);

-- A provider's weekly pattern from effective_from (a local date) until the next template of
-- the same provider takes over. Intervals are local wall-clock times, so 08:00 stays 08:00
-- across daylight-saving changes.
CREATE TABLE availability_templates (
    id              TEXT PRIMARY KEY,
    provider_id     TEXT NOT NULL REFERENCES schedule_providers (user_id),
    effective_from  TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    created_by      TEXT REFERENCES users (id)
);
CREATE INDEX availability_templates_by_provider ON availability_templates (provider_id, effective_from);
CREATE INDEX availability_templates_by_creator ON availability_templates (created_by);

CREATE TABLE availability_intervals (
    template_id  TEXT NOT NULL REFERENCES availability_templates (id),
    weekday      INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts       TEXT NOT NULL CHECK (starts GLOB '[0-2][0-9]:[0-5][0-9]'),
    ends         TEXT NOT NULL CHECK (ends GLOB '[0-2][0-9]:[0-5][0-9]'),
    CHECK (starts < ends),
    PRIMARY KEY (template_id, weekday, starts)
);

-- Time nobody can be booked into: one provider's (leave, a meeting) or, with provider_id
-- NULL, the whole practice's (holidays, closures). UTC instants. Lifted, never deleted.
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
CREATE INDEX schedule_blocks_by_provider_time ON schedule_blocks (provider_id, starts_at);
CREATE INDEX schedule_blocks_by_time ON schedule_blocks (starts_at);
CREATE INDEX schedule_blocks_by_creator ON schedule_blocks (created_by);
CREATE INDEX schedule_blocks_by_lifter ON schedule_blocks (lifted_by);
CREATE TRIGGER schedule_blocks_are_never_deleted BEFORE DELETE ON schedule_blocks
BEGIN SELECT RAISE(ABORT, 'blocked time is lifted, never deleted'); END;

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
CREATE UNIQUE INDEX appointment_types_by_name ON appointment_types (name COLLATE NOCASE) WHERE retired = 0;
CREATE INDEX appointment_types_by_updater ON appointment_types (updated_by);

CREATE TABLE rooms (
    id             TEXT PRIMARY KEY,
    name           TEXT NOT NULL,
    display_order  INTEGER NOT NULL DEFAULT 0,
    retired        INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    updated_at     TEXT NOT NULL,
    updated_by     TEXT REFERENCES users (id)
);
CREATE UNIQUE INDEX rooms_by_name ON rooms (name COLLATE NOCASE) WHERE retired = 0;
CREATE INDEX rooms_by_updater ON rooms (updated_by);

-- Starter appointment types every new practice gets (fixed ids, one fixed timestamp), and
-- Monday–Friday 08:00–17:00 opening hours; the admin edits both.
-- The rest of the set-up is kept whole too: rows are retired or superseded, never deleted.
CREATE TRIGGER schedule_providers_are_never_deleted BEFORE DELETE ON schedule_providers
BEGIN SELECT RAISE(ABORT, 'providers are retired, never deleted'); END;
CREATE TRIGGER practice_hours_are_never_deleted BEFORE DELETE ON practice_hours
BEGIN SELECT RAISE(ABORT, 'a closed weekday keeps its row, never deleted'); END;
CREATE TRIGGER availability_templates_are_never_deleted BEFORE DELETE ON availability_templates
BEGIN SELECT RAISE(ABORT, 'availability templates are superseded, never deleted'); END;
CREATE TRIGGER availability_intervals_are_never_deleted BEFORE DELETE ON availability_intervals
BEGIN SELECT RAISE(ABORT, 'availability templates are superseded, never deleted'); END;
CREATE TRIGGER availability_intervals_are_never_changed BEFORE UPDATE ON availability_intervals
BEGIN SELECT RAISE(ABORT, 'availability templates are superseded, never changed'); END;
CREATE TRIGGER appointment_types_are_never_deleted BEFORE DELETE ON appointment_types
BEGIN SELECT RAISE(ABORT, 'appointment types are retired, never deleted'); END;
CREATE TRIGGER rooms_are_never_deleted BEFORE DELETE ON rooms
BEGIN SELECT RAISE(ABORT, 'rooms are retired, never deleted'); END;

INSERT INTO appointment_types (id, name, default_minutes, colour, visit_type, display_order, updated_at) VALUES
('00000000-0000-0000-0006-000000000001', 'New patient',      30, '#2f6fb0', 'office',    1, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000002', 'Follow-up',        15, '#3a8f5c', 'office',    2, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000003', 'Annual physical',  40, '#8a5cb8', 'office',    3, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000004', 'Acute / same day', 15, '#c0552f', 'office',    4, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000005', 'Procedure',        30, '#b08a2f', 'office',    5, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000006', 'Well child',       30, '#2f9fa8', 'office',    6, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000007', 'Telephone',        10, '#6b7280', 'telephone', 7, '2026-12-01T00:00:00.000000Z'),
('00000000-0000-0000-0006-000000000008', 'Home visit',       45, '#a8506b', 'home',      8, '2026-12-01T00:00:00.000000Z');
INSERT INTO practice_hours (weekday, opens, closes, updated_at) VALUES
(1, '08:00', '17:00', '2026-12-01T00:00:00.000000Z'),
(2, '08:00', '17:00', '2026-12-01T00:00:00.000000Z'),
(3, '08:00', '17:00', '2026-12-01T00:00:00.000000Z'),
(4, '08:00', '17:00', '2026-12-01T00:00:00.000000Z'),
(5, '08:00', '17:00', '2026-12-01T00:00:00.000000Z');
