//! SQL for templates (see chart::).
