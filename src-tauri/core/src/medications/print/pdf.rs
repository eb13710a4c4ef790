//! The PDF copies: a US-letter page (or pages, for a long medication list) drawn with
//! printpdf in the built-in Helvetica, every word as real text so the copy can be searched
//! and its content checked. Nothing is embedded, so a copy is a few kilobytes.

use super::{MedicationListPrint, PrescriptionPrint};
use crate::medications::MedicationOrigin;
use chrono::{DateTime, Datelike, Timelike, Utc};
use printpdf::{
    BuiltinFont, Line, LinePoint, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions,
    Point, Pt, TextItem,
};

/// US letter in points (8.5 × 11 in).
const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
pub(crate) const MARGIN: f32 = 54.0;
/// Helvetica's average advance is about half an em; wrapping by it keeps lines inside the
/// margins without font metrics.
const AVERAGE_ADVANCE: f32 = 0.5;

/// Pages being drawn top to bottom, a new page when the current one is full.
pub(crate) struct Pages {
    done: Vec<Vec<Op>>,
    ops: Vec<Op>,
    pub(crate) y: f32,
    /// Repeated at the top of every page after the first (who the page is about).
    running_head: String,
}

impl Pages {
    pub(crate) fn new(running_head: String) -> Self {
        Pages {
            done: Vec::new(),
            ops: Vec::new(),
            y: PAGE_HEIGHT - MARGIN,
            running_head,
        }
    }

    /// Room for `height` more points, or a new page.
    pub(crate) fn room(&mut self, height: f32) {
        if self.y - height >= MARGIN {
            return;
        }
        self.done.push(std::mem::take(&mut self.ops));
        self.y = PAGE_HEIGHT - MARGIN;
        let head = self.running_head.clone();
        self.line(&head, 9.0, false);
        self.rule();
    }

    fn text_at(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        let font = if bold {
            BuiltinFont::HelveticaBold
        } else {
            BuiltinFont::Helvetica
        };
        self.ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: Point { x: Pt(x), y: Pt(y) },
            },
            Op::SetFont {
                font: PdfFontHandle::Builtin(font),
                size: Pt(size),
            },
            Op::ShowText {
                items: vec![TextItem::Text(text.to_string())],
            },
            Op::EndTextSection,
        ]);
    }

    /// One line of text at the left margin (indented by `indent`), wrapped to the page.
    pub(crate) fn line_indented(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let width = PAGE_WIDTH - 2.0 * MARGIN - indent;
        let per_line = ((width / (size * AVERAGE_ADVANCE)) as usize).max(20);
        for part in wrap(text, per_line) {
            self.room(size * 1.4);
            self.y -= size * 1.25;
            let y = self.y;
            self.text_at(MARGIN + indent, y, size, bold, &part);
            self.y -= size * 0.15;
        }
    }

    pub(crate) fn line(&mut self, text: &str, size: f32, bold: bool) {
        self.line_indented(text, size, bold, 0.0);
    }

    /// "Label: value" on one line (a long value wraps below).
    pub(crate) fn field(&mut self, label: &str, value: &str) {
        self.line(&format!("{label}: {value}"), 11.0, false);
    }

    pub(crate) fn gap(&mut self, points: f32) {
        self.y -= points;
    }

    pub(crate) fn stroke(&mut self, from: (f32, f32), to: (f32, f32)) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point { x: Pt(x), y: Pt(y) },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineThickness { pt: Pt(0.75) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(from), point(to)],
                    is_closed: false,
                },
            },
        ]);
    }

    /// A thin rule across the page.
    pub(crate) fn rule(&mut self) {
        self.room(10.0);
        self.y -= 5.0;
        let y = self.y;
        self.stroke((MARGIN, y), (PAGE_WIDTH - MARGIN, y));
        self.y -= 5.0;
    }

    pub(crate) fn finish(mut self, title: &str, now: DateTime<Utc>) -> Vec<u8> {
        self.done.push(self.ops);
        let pages = self
            .done
            .into_iter()
            .map(|ops| PdfPage::new(Mm(215.9), Mm(279.4), ops))
            .collect();
        let mut doc = PdfDocument::new(title);
        // The copy's dates are the print's, not the machine clock's.
        let when = pdf_date(now);
        doc.metadata.info.creation_date = when;
        doc.metadata.info.modification_date = when;
        doc.metadata.info.metadata_date = when;
        doc.metadata.info.producer = "Charta".into();
        doc.metadata.info.creator = "Charta".into();
        let mut warnings = Vec::new();
        doc.with_pages(pages)
            .save(&PdfSaveOptions::default(), &mut warnings)
    }
}

fn pdf_date(at: DateTime<Utc>) -> printpdf::DateTime {
    printpdf::DateTime {
        date: printpdf::Date {
            year: at.year(),
            month: at.month() as u8,
            day: at.day() as u8,
        },
        time: printpdf::Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: at.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// Splits text into lines of at most `per_line` characters at spaces (a longer word gets
/// a line of its own).
fn wrap(text: &str, per_line: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > per_line {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

pub(crate) fn letterhead(pages: &mut Pages, name: &str, lines: &[String]) {
    pages.line(name, 16.0, true);
    for l in lines {
        pages.line(l, 10.0, false);
    }
    pages.rule();
}

pub(crate) fn birth_date(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.format("%-d %b %Y").to_string())
        .unwrap_or_else(|| "not recorded".into())
}

/// The prescription form.
pub fn prescription_pdf(p: &PrescriptionPrint, now: DateTime<Utc>) -> Vec<u8> {
    let m = &p.medication;
    let mut pages = Pages::new(format!(
        "Prescription for {} (born {})",
        p.patient_name,
        birth_date(p.patient_date_of_birth)
    ));
    letterhead(&mut pages, &p.practice_name, &p.practice_lines);

    pages.line(
        &format!("{}, {}", p.prescriber_name, p.prescriber_credentials),
        11.0,
        true,
    );
    let mut ids = Vec::new();
    if let Some(l) = &p.licence_number {
        ids.push(format!("Licence {l}"));
    }
    if let Some(n) = &p.npi {
        ids.push(format!("NPI {n}"));
    }
    if let Some(d) = &p.dea {
        ids.push(format!("DEA {d}"));
    }
    if !ids.is_empty() {
        pages.line(&ids.join("    "), 10.0, false);
    }
    pages.rule();

    pages.field(
        "Patient",
        &format!("{}    Chart #{}", p.patient_name, p.patient_mrn),
    );
    pages.field("Date of birth", &birth_date(p.patient_date_of_birth));
    if !p.patient_address.is_empty() {
        pages.field("Address", &p.patient_address.join(", "));
    }
    pages.field("Date", &p.date.format("%-d %B %Y").to_string());
    pages.rule();

    pages.line("Rx", 20.0, true);
    pages.gap(4.0);
    pages.line(&m.name, 13.0, true);
    pages.gap(4.0);
    pages.field("Sig", &m.sig_text);
    pages.field("Dispense", &p.quantity_text);
    pages.field("Refills", &p.refills_text);
    pages.line(
        if m.dispense_as_written {
            "Dispense as written (no substitution)"
        } else {
            "Substitution permitted"
        },
        11.0,
        false,
    );
    if let Some(schedule) = &p.controlled {
        pages.line(
            &format!("Controlled substance, schedule {schedule}"),
            11.0,
            true,
        );
    }
    if !m.indication.trim().is_empty() {
        pages.field("For", m.indication.trim());
    }
    if !m.note_to_pharmacist.trim().is_empty() {
        pages.field("Note to pharmacist", m.note_to_pharmacist.trim());
    }

    pages.gap(48.0);
    pages.room(40.0);
    let y = pages.y;
    pages.stroke((MARGIN, y), (MARGIN + 260.0, y));
    pages.gap(2.0);
    pages.line(
        &format!("Signature of prescriber: {}", p.prescriber_name),
        9.0,
        false,
    );
    if let Some(at) = m.signed_at {
        pages.line(
            &format!("Signed electronically {}", at.format("%-d %b %Y %H:%M UTC")),
            9.0,
            false,
        );
    }
    pages.gap(12.0);
    pages.line(&format!("Print {}", p.print_id), 7.0, false);
    pages.finish(&format!("Prescription: {}", m.name), now)
}

/// The printable medication list.
pub fn medication_list_pdf(l: &MedicationListPrint, now: DateTime<Utc>) -> Vec<u8> {
    let mut pages = Pages::new(format!(
        "Medication list for {} (born {})",
        l.patient_name,
        birth_date(l.patient_date_of_birth)
    ));
    letterhead(&mut pages, &l.practice_name, &l.practice_lines);
    pages.line("Current medications", 14.0, true);
    pages.field(
        "Patient",
        &format!("{}    Chart #{}", l.patient_name, l.patient_mrn),
    );
    pages.field("Date of birth", &birth_date(l.patient_date_of_birth));
    pages.field("Date", &l.date.format("%-d %B %Y").to_string());
    pages.rule();
    if l.active.is_empty() {
        pages.line("No current medications are recorded.", 11.0, false);
    }
    for m in &l.active {
        pages.gap(3.0);
        pages.line(&m.name, 11.0, true);
        if !m.sig_text.trim().is_empty() {
            pages.line_indented(m.sig_text.trim(), 10.0, false, 12.0);
        }
        let from = match m.origin {
            MedicationOrigin::Prescribed => m
                .signed_by_name
                .as_deref()
                .map(|n| format!("Prescribed by {n}"))
                .unwrap_or_else(|| "Prescribed here".into()),
            MedicationOrigin::Reported if m.reported_by.trim().is_empty() => "Reported".to_string(),
            MedicationOrigin::Reported => format!("Reported by {}", m.reported_by.trim()),
        };
        let since = m
            .start_date
            .map(|d| format!(", since {}", d.format("%-d %b %Y")))
            .unwrap_or_default();
        pages.line_indented(&format!("{from}{since}"), 9.0, false, 12.0);
    }
    pages.rule();
    pages.line("Allergies", 12.0, true);
    for a in &l.allergies {
        pages.line_indented(a, 10.0, false, 12.0);
    }
    if let Some(statement) = &l.allergy_statement {
        pages.line_indented(statement, 10.0, false, 12.0);
    }
    pages.gap(12.0);
    pages.line(&format!("Print {}", l.print_id), 7.0, false);
    pages.finish("Medication list", now)
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_breaks_at_spaces_within_the_width() {
        assert_eq!(
            wrap("Take 1 tablet by mouth twice daily", 14),
            ["Take 1 tablet", "by mouth twice", "daily"]
        );
        assert_eq!(wrap("", 10), [""]);
        assert_eq!(
            wrap("supercalifragilistic word", 5),
            ["supercalifragilistic", "word"]
        );
    }
}
