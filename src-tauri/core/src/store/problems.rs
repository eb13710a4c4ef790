//! SQL for problems (see chart::).
