-- Every message now carries its thread's status (owner: messages). Until v11 only a thread's
-- first message did and replies kept 'open'; the inbox read each addressed message's first
-- message to learn whether its thread was open. With the status on every row, the to_user and
-- to_role indexes (which hold status) find the open threads directly. Data only: the schema is
-- unchanged, and the history stays in message_status_changes.
UPDATE messages SET status = (SELECT t.status FROM messages t WHERE t.id = messages.thread_id)
 WHERE id <> thread_id;
