//! The results letter ("notify patient") for a signed-off report: the template filled in —
//! practice letterhead, the patient, each result in plain words with its range, the
//! physician's comment and a signature line — and the record that it was printed (who, when,
//! the letter as printed), which the inbox shows as "letter printed".

use super::inbox::not_found;
use super::{LetterLine, LetterRecord, ResultLine, ResultsLetter};
use crate::access::{Access, AsUser};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::{LabReportId, ResultsLetterId};
use crate::labs::{LabFlag, LabValue};
use crate::permissions::Operation;
use crate::practice::practice_zone;
use crate::store;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

fn number(n: f64) -> String {
    let s = format!("{n:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

pub fn meaning(flag: LabFlag) -> &'static str {
    match flag {
        LabFlag::Normal => "within the usual range",
        LabFlag::Low => "lower than the usual range",
        LabFlag::High => "higher than the usual range",
        LabFlag::CriticalLow => "much lower than the usual range",
        LabFlag::CriticalHigh => "much higher than the usual range",
        LabFlag::Abnormal => "not the usual result",
        LabFlag::None => "no usual range to compare it with",
    }
}

pub fn line(r: &ResultLine) -> LetterLine {
    let unit = r
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let value = match &r.value {
        LabValue::Number(n) => format!("{}{unit}", number(*n)),
        LabValue::Text(t) => t.clone(),
    };
    let range = match (r.ref_low, r.ref_high, &r.ref_text) {
        (Some(l), Some(h), _) => Some(format!("usual range {}–{}{unit}", number(l), number(h))),
        (None, Some(h), _) => Some(format!("usual range below {}{unit}", number(h))),
        (Some(l), None, _) => Some(format!("usual range above {}{unit}", number(l))),
        (None, None, Some(t)) => Some(format!("usual result {t}")),
        _ => None,
    };
    LetterLine {
        name: r.name.clone(),
        value,
        range,
        meaning: meaning(r.flag).to_string(),
        flag: r.flag,
    }
}

fn fill(
    conn: &Connection,
    report: LabReportId,
    zone: Tz,
    now: DateTime<Utc>,
) -> CoreResult<ResultsLetter> {
    let head = store::result_inbox::head(conn, report)?.ok_or_else(|| not_found(report))?;
    let Some(review) = head.item.review.clone() else {
        return Err(CoreError::invalid(
            "reportId",
            "Sign the report off before notifying the patient",
        ));
    };
    let today = now.with_timezone(&zone).date_naive();
    let practice = store::practice::get(conn)?;
    let patient =
        store::patients::get(conn, head.item.patient.id, today)?.ok_or(CoreError::NotFound {
            entity: "patient",
            id: head.item.patient.id.to_string(),
        })?;
    let lines: Vec<LetterLine> = store::result_inbox::results(conn, report, false)?
        .iter()
        .map(line)
        .collect();
    let outside = lines.iter().filter(|l| l.flag.is_abnormal()).count();
    let summary = match outside {
        0 => "All of these results are within the usual range.".to_string(),
        1 => {
            "One result is outside the usual range; your physician's comment is below.".to_string()
        }
        n => format!("{n} results are outside the usual range; your physician's comment is below."),
    };
    let a = &patient.address;
    let city = [a.city.as_str(), a.region.as_str(), a.postal_code.as_str()]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let patient_address = [a.line1.clone(), a.line2.clone(), city]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let name = format!("{} {}", patient.given_name, patient.family_name);
    Ok(ResultsLetter {
        report_id: report,
        patient_id: patient.id,
        practice_name: practice
            .as_ref()
            .map(|p| p.name.clone())
            .unwrap_or_default(),
        practice_address: practice
            .as_ref()
            .map(|p| p.address.clone())
            .unwrap_or_default(),
        practice_phone: practice
            .as_ref()
            .map(|p| p.phone.clone())
            .unwrap_or_default(),
        date: today,
        greeting: format!("Dear {name},"),
        patient_name: name,
        patient_address,
        panel_name: head.item.panel_name.clone(),
        collected_on: head.item.collected_at.with_timezone(&zone).date_naive(),
        lines,
        summary,
        comment: review.comment.clone(),
        physician_name: review.by_name.clone(),
        letters: store::result_inbox::letters(conn, report)?,
    })
}

impl AsUser<'_> {
    fn report_patient(&mut self, report: LabReportId) -> CoreResult<crate::ids::PatientId> {
        self.db
            .read(|c| store::result_inbox::head(c, report))?
            .map(|h| h.item.patient.id)
            .ok_or_else(|| not_found(report))
    }

    /// The results letter of a signed-off report, filled in (`SignOffResults`; audited
    /// `view_results_letter`).
    pub fn results_letter(
        &mut self,
        report: LabReportId,
        now: DateTime<Utc>,
    ) -> CoreResult<ResultsLetter> {
        let patient = self.report_patient(report)?;
        let access = self.require_for_patient(
            Operation::SignOffResults,
            "view_results_letter",
            patient,
            now,
        )?;
        let zone = practice_zone(self.db)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let letter = fill(tx, report, zone, now)?;
            let event = actor
                .event(now, "view_results_letter", Outcome::Ok)
                .patient(patient)
                .entity("lab_report", report)
                .emergency(access == Access::Emergency);
            audit::append(tx, &event)?;
            Ok(letter)
        })
    }

    /// Records that the letter was printed (the letter as printed kept; audited
    /// `print_results_letter`).
    pub fn print_results_letter(
        &mut self,
        report: LabReportId,
        id: ResultsLetterId,
        now: DateTime<Utc>,
    ) -> CoreResult<LetterRecord> {
        let patient = self.report_patient(report)?;
        let access = self.require_for_patient(
            Operation::SignOffResults,
            "print_results_letter",
            patient,
            now,
        )?;
        let zone = practice_zone(self.db)?;
        let by = self.actor.user_id();
        let actor = self.actor;
        self.db.write(|tx| {
            let letter = fill(tx, report, zone, now)?;
            store::result_inbox::insert_letter(tx, id, report, patient, &letter.body(), by, now)?;
            let event = actor
                .event(now, "print_results_letter", Outcome::Ok)
                .patient(patient)
                .entity("results_letter", id)
                .emergency(access == Access::Emergency)
                .detail(letter.panel_name.clone());
            audit::append(tx, &event)?;
            store::result_inbox::letters(tx, report)?
                .into_iter()
                .find(|l| l.id == id)
                .ok_or(CoreError::NotFound {
                    entity: "results letter",
                    id: id.to_string(),
                })
        })
    }
}
