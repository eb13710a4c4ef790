//! SQL for the wait list (owner: the slots helper).
