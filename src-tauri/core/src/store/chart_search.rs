//! SQL for chart_search (see chart::).
