//! The PDF copy of a signed letter: the practice letterhead, the date, whom it is to, the
//! patient it is about, the text as signed (blank lines kept as paragraph breaks, "- " lines
//! indented as a list) and the electronic signature. Drawn with the prescription's pages.

use crate::medications::print::pdf::{birth_date, letterhead, Pages, MARGIN};
use chrono::{DateTime, NaiveDate, Utc};

/// Everything the PDF shows.
#[derive(Debug)]
pub struct LetterPage<'a> {
    pub letter_id: String,
    pub practice_name: &'a str,
    pub practice_lines: &'a [String],
    pub date: NaiveDate,
    pub recipient: &'a str,
    pub patient_name: &'a str,
    pub patient_mrn: u32,
    pub patient_date_of_birth: NaiveDate,
    pub subject: &'a str,
    pub body: &'a str,
    pub signer: &'a str,
    pub signed_at: DateTime<Utc>,
}

pub fn letter_pdf(l: &LetterPage<'_>) -> Vec<u8> {
    let born = birth_date(Some(l.patient_date_of_birth));
    let mut pages = Pages::new(format!(
        "{} about {} (born {born})",
        l.subject, l.patient_name
    ));
    letterhead(&mut pages, l.practice_name, l.practice_lines);
    pages.line(&l.date.format("%-d %B %Y").to_string(), 11.0, false);
    pages.gap(8.0);
    for line in l.recipient.lines().map(str::trim).filter(|s| !s.is_empty()) {
        pages.line(line, 11.0, false);
    }
    pages.gap(10.0);
    pages.line(
        &format!(
            "Re: {}, born {born}, chart #{}",
            l.patient_name, l.patient_mrn
        ),
        11.0,
        true,
    );
    pages.line(l.subject, 11.0, true);
    pages.gap(8.0);
    for line in l.body.lines() {
        let text = line.trim_end();
        if text.trim().is_empty() {
            pages.gap(8.0);
        } else if let Some(item) = text.trim_start().strip_prefix("- ") {
            pages.line_indented(&format!("- {item}"), 11.0, false, 14.0);
        } else {
            pages.line(text, 11.0, false);
        }
    }
    pages.gap(40.0);
    pages.room(40.0);
    let y = pages.y;
    pages.stroke((MARGIN, y), (MARGIN + 240.0, y));
    pages.gap(2.0);
    pages.line(l.signer, 11.0, true);
    pages.line(
        &format!(
            "Signed electronically {}",
            l.signed_at.format("%-d %b %Y %H:%M UTC")
        ),
        9.0,
        false,
    );
    pages.gap(10.0);
    pages.line(&format!("Letter {}", l.letter_id), 7.0, false);
    pages.finish(l.subject, l.signed_at)
}
