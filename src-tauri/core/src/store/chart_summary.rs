//! SQL for chart_summary (see chart::).
