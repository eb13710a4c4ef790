//! SQL for phrases (see chart::).
