-- Messages and tasks inside the practice (owner: messages): from one user to another user or
-- to a role ("any physician", "front desk"), about a patient or not; phone notes (caller and
-- call-back number) and refill requests (the medication asked for) are messages of their own
-- kind. A reply is a message in its first message's thread. Nothing is deleted or rewritten:
-- a thread is closed (done) and reopened by rows in message_status_changes, and the row here
-- carries the latest status for the inbox.
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
CREATE INDEX messages_by_thread ON messages (thread_id, created_at);
CREATE INDEX messages_by_patient ON messages (patient_id, created_at);
CREATE INDEX messages_by_sender ON messages (from_user, created_at);
CREATE INDEX messages_to_user ON messages (to_user, status, created_at);
CREATE INDEX messages_to_role ON messages (to_role, status, created_at);
CREATE INDEX messages_by_medication ON messages (medication_id);
CREATE INDEX messages_by_status_user ON messages (status_by);

-- Who has read which message, once (the inbox's unread count).
CREATE TABLE message_reads (
    message_id      TEXT NOT NULL REFERENCES messages (id),
    user_id         TEXT NOT NULL REFERENCES users (id),
    read_at         TEXT NOT NULL,
    PRIMARY KEY (message_id, user_id)
) WITHOUT ROWID;
CREATE INDEX message_reads_by_user ON message_reads (user_id, message_id);

-- Every change of a thread's status, with who and when.
CREATE TABLE message_status_changes (
    id              INTEGER PRIMARY KEY,
    thread_id       TEXT NOT NULL REFERENCES messages (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'done')),
    changed_by      TEXT NOT NULL REFERENCES users (id),
    changed_at      TEXT NOT NULL
);
CREATE INDEX message_status_changes_by_thread ON message_status_changes (thread_id, id);
CREATE INDEX message_status_changes_by_user ON message_status_changes (changed_by);
