-- Appointments and their history (owner: schedule::appointments; series rows: schedule::recurrence).
-- A recurring series is materialised: each occurrence is an appointments row with series_id
-- and its occurrence number, so a series cannot "vanish" and every occurrence is checked for
-- conflicts like any booking. An occurrence edited on its own is an exception: later edits
-- of the series leave it alone. Nothing is deleted: cancelling sets the status, and every
-- change is a row in appointment_history.
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
CREATE INDEX appointment_series_by_patient ON appointment_series (patient_id);
CREATE INDEX appointment_series_by_split ON appointment_series (split_from);
CREATE INDEX appointment_series_by_creator ON appointment_series (created_by);
CREATE INDEX appointment_series_by_updater ON appointment_series (updated_by);
CREATE TRIGGER appointment_series_are_never_deleted BEFORE DELETE ON appointment_series
BEGIN SELECT RAISE(ABORT, 'appointment series are never deleted; cancel their occurrences'); END;

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
CREATE INDEX appointments_by_provider_time ON appointments (provider_id, starts_at);
CREATE INDEX appointments_by_room_time ON appointments (room_id, starts_at);
CREATE INDEX appointments_by_patient_time ON appointments (patient_id, starts_at);
CREATE INDEX appointments_by_time ON appointments (starts_at);
CREATE INDEX appointments_by_type ON appointments (type_id);
CREATE INDEX appointments_by_series ON appointments (series_id, occurrence);
CREATE UNIQUE INDEX appointments_by_visit ON appointments (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX appointments_by_status_user ON appointments (status_by);
CREATE INDEX appointments_by_creator ON appointments (created_by);
CREATE INDEX appointments_by_updater ON appointments (updated_by);
CREATE TRIGGER appointments_are_never_deleted BEFORE DELETE ON appointments
BEGIN SELECT RAISE(ABORT, 'appointments are never deleted; cancel them'); END;

-- Every change to an appointment, with who and when: the booking, each status change, each
-- move or edit. Append-only.
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
CREATE INDEX appointment_history_by_appointment ON appointment_history (appointment_id, id);
CREATE INDEX appointment_history_by_user ON appointment_history (by_user);
CREATE INDEX appointment_history_by_provider ON appointment_history (provider_id);
CREATE INDEX appointment_history_by_room ON appointment_history (room_id);
CREATE TRIGGER appointment_history_is_append_only_update BEFORE UPDATE ON appointment_history
BEGIN SELECT RAISE(ABORT, 'appointment history is never rewritten'); END;
CREATE TRIGGER appointment_history_is_append_only_delete BEFORE DELETE ON appointment_history
BEGIN SELECT RAISE(ABORT, 'appointment history is never rewritten'); END;
