//! A report as CSV (RFC 4180 quoting, CRLF lines): its heading lines (title, date, definition,
//! source), its tables, then its patient list. Cells a spreadsheet would run as a formula are
//! defused the way the audit export does it.

use super::PracticeReport;

fn field(s: &str) -> String {
    // A leading = + - @ would make a spreadsheet run it as a formula, and so would one after a
    // leading TAB or CR, which spreadsheets skip (OWASP's CSV-injection list).
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn line<S: AsRef<str>>(out: &mut String, cells: &[S]) {
    let cells: Vec<String> = cells.iter().map(|c| field(c.as_ref())).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn table(out: &mut String, columns: &[String], rows: &[Vec<String>]) {
    line(out, columns);
    for row in rows {
        line(out, row);
    }
    out.push_str("\r\n");
}

/// The whole report, every patient listed (the screen may show only the first ones).
pub fn to_csv(report: &PracticeReport) -> String {
    let mut out = String::new();
    line(&mut out, &["report", report.title.as_str()]);
    line(&mut out, &["as of", &report.as_of.to_string()]);
    line(&mut out, &["definition", report.definition.as_str()]);
    if !report.source.is_empty() {
        line(&mut out, &["source", report.source.as_str()]);
    }
    out.push_str("\r\n");
    table(&mut out, &report.columns, &report.rows);
    for more in &report.more_tables {
        line(&mut out, &[more.title.as_str()]);
        table(&mut out, &more.columns, &more.rows);
    }
    if !report.patient_columns.is_empty() {
        line(&mut out, &[report.patient_list_title.as_str()]);
        let mut columns: Vec<String> = ["patient_id", "name", "date_of_birth", "mrn"]
            .map(String::from)
            .to_vec();
        columns.extend(report.patient_columns.iter().cloned());
        let rows: Vec<Vec<String>> = report
            .patients
            .iter()
            .map(|p| {
                let mut row = vec![
                    p.patient.to_string(),
                    p.name.clone(),
                    p.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
                    p.mrn.to_string(),
                ];
                row.extend(p.values.iter().cloned());
                row
            })
            .collect();
        table(&mut out, &columns, &rows);
    }
    out
}
