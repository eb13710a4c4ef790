-- Patients who want an earlier slot (owner: schedule::waitlist). An entry stays until it is
-- resolved (booked into a slot, or removed with a reason); never deleted.
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
CREATE INDEX wait_list_open ON wait_list (resolved_at, created_at);
CREATE INDEX wait_list_by_patient ON wait_list (patient_id);
CREATE INDEX wait_list_by_provider ON wait_list (provider_id);
CREATE INDEX wait_list_by_type ON wait_list (type_id);
CREATE INDEX wait_list_by_appointment ON wait_list (appointment_id);
CREATE INDEX wait_list_by_booked ON wait_list (booked_appointment);
CREATE INDEX wait_list_by_creator ON wait_list (created_by);
CREATE INDEX wait_list_by_resolver ON wait_list (resolved_by);
CREATE TRIGGER wait_list_is_never_deleted BEFORE DELETE ON wait_list
BEGIN SELECT RAISE(ABORT, 'wait-list entries are resolved, never deleted'); END;

-- The free-slot search reads the blocks still ending after a date (owner: schedule::slots):
-- by end, so fifteen years of past blocks are not scanned to find next week's.
CREATE INDEX schedule_blocks_by_end ON schedule_blocks (ends_at);
