//! SQL for chart_seed (see chart::).
