//! The report operations behind the checked door: the list of reports the user may run, a
//! run (audited `run_practice_report`, the kind as detail and never a value), the CSV export
//! (audited `export_practice_report`) and opening a listed patient's chart (audited
//! `open_chart_from_report`, beside the chart's own audited read).

use super::clinical::{self, reminder_rules};
use super::{csv, operational, PracticeReport, ReportKind, ReportListing};
use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::practice::{practice_today, practice_zone};
use crate::store;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

fn check_kind(kind: &ReportKind) -> CoreResult<()> {
    if let ReportKind::RemindersDue { rule } = kind {
        let ok = rule.len() <= 40
            && rule
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            return Err(CoreError::invalid(
                "rule",
                "Choose a reminder rule from the list of reports",
            ));
        }
    }
    Ok(())
}

fn compute(
    conn: &Connection,
    kind: &ReportKind,
    zone: Tz,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> CoreResult<PracticeReport> {
    match kind {
        ReportKind::RemindersDue { rule } => clinical::reminders_due(conn, rule, today),
        ReportKind::DiabetesControl => clinical::diabetes_control(conn, zone, today),
        ReportKind::BloodPressureControl => clinical::blood_pressure_control(conn, zone, today),
        ReportKind::ImmunizationCoverage => clinical::immunization_coverage(conn, today),
        ReportKind::VisitsPerProvider => operational::visits_per_provider(conn, zone, today),
        ReportKind::NoShowRate => operational::no_show_rate(conn, zone, today, now),
    }
}

fn listing(kind: ReportKind, title: &str) -> ReportListing {
    ReportListing {
        key: kind.key(),
        clinical: kind.is_clinical(),
        kind,
        title: title.into(),
    }
}

impl AsUser<'_> {
    /// The reports this user may run, clinical first. Reads nothing about a patient, so it is
    /// answered from the user's roles and not audited.
    pub fn practice_report_kinds(&self) -> Vec<ReportListing> {
        let mut all = vec![
            listing(
                ReportKind::DiabetesControl,
                "Diabetes: HbA1c poor control (> 9 %)",
            ),
            listing(
                ReportKind::BloodPressureControl,
                "Controlling high blood pressure (< 140/90)",
            ),
            listing(
                ReportKind::ImmunizationCoverage,
                "Immunization coverage by age band",
            ),
            listing(
                ReportKind::RemindersDue {
                    rule: String::new(),
                },
                "Reminders due (every rule)",
            ),
        ];
        all.extend(reminder_rules().into_iter().map(|(rule, title)| {
            listing(
                ReportKind::RemindersDue {
                    rule: rule.to_string(),
                },
                &format!("Due: {}", super::in_sentence(title)),
            )
        }));
        all.push(listing(
            ReportKind::VisitsPerProvider,
            "Visits per provider per month",
        ));
        all.push(listing(ReportKind::NoShowRate, "No-show rate"));
        all.retain(|l| self.actor.can(l.kind.operation()));
        all
    }

    fn run(
        &mut self,
        kind: &ReportKind,
        action: &str,
        now: DateTime<Utc>,
    ) -> CoreResult<PracticeReport> {
        self.require(kind.operation(), action, now)?;
        check_kind(kind)?;
        let zone = practice_zone(self.db)?;
        let today = practice_today(self.db, now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let report = compute(tx, kind, zone, now, today)?;
            let detail = if action == "export_practice_report" {
                format!("{}; {} patients listed", kind.key(), report.patients.len())
            } else {
                kind.key()
            };
            let event = actor
                .event(now, action, Outcome::Ok)
                .entity("practice_report", kind.key())
                .detail(detail);
            audit::append(tx, &event)?;
            Ok(report)
        })
    }

    /// Runs one report over the whole practice.
    pub fn practice_report(
        &mut self,
        kind: &ReportKind,
        now: DateTime<Utc>,
    ) -> CoreResult<PracticeReport> {
        self.run(kind, "run_practice_report", now)
    }

    /// Runs one report and answers it as CSV (the caller writes the file owner-only).
    pub fn export_practice_report(
        &mut self,
        kind: &ReportKind,
        now: DateTime<Utc>,
    ) -> CoreResult<String> {
        let report = self.run(kind, "export_practice_report", now)?;
        Ok(csv::to_csv(&report))
    }

    /// Records that the user opened `patient`'s chart from `kind`'s list. The chart's own
    /// reads check the chart (restricted charts still need emergency access) and are audited
    /// as usual; this says where the user came from.
    pub fn open_chart_from_report(
        &mut self,
        patient: PatientId,
        kind: &ReportKind,
        now: DateTime<Utc>,
    ) -> CoreResult<()> {
        self.require(kind.operation(), "open_chart_from_report", now)?;
        check_kind(kind)?;
        if self
            .db
            .read(|c| store::patients::is_restricted(c, patient))?
            .is_none()
        {
            return Err(CoreError::NotFound {
                entity: "patient",
                id: patient.to_string(),
            });
        }
        let event = self
            .actor
            .event(now, "open_chart_from_report", Outcome::Ok)
            .patient(patient)
            .entity("patient", patient)
            .detail(kind.key());
        self.db
            .write_relaxed(|tx| audit::append(tx, &event).map(drop))
    }
}
