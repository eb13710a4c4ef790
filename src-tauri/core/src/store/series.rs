//! SQL for recurring series (owner: the recurrence helper).
