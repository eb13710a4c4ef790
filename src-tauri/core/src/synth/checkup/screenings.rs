//! Generated screening procedures for a charted synthetic practice: some adults' colonoscopy
//! or FIT, mammogram, cervical cytology, DEXA scan (the outside ones with their facility, as a
//! letter brings them) and PHQ-9 with its score, each through the procedure form's own check,
//! so the reminders and the FHIR export and import meet every shape the form writes.
//! Deterministic from the seed; one transaction and audit row per batch.

use super::{Staff, BATCH};
use crate::audit::{AuditEvent, Outcome};
use crate::db::ChartDb;
use crate::error::{CoreError, CoreResult};
use crate::ids::{ScreeningProcedureId, UserId};
use crate::reminders::{ProcedurePlace, ScreeningProcedureDraft, ScreeningProcedureKind as Kind};
use crate::store::chart_seed::{self, SeedPatient};
use crate::store::checkup_seed as seed;
use crate::synth::{ChartProviders, Rng};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// Ids are sequential under their own kind, so a generated practice is the same on every run.
const SCREENING: u128 = 0x5C2E;
/// Where the outside procedures were done (fictional).
const ENDOSCOPY: &str = "Riverside Endoscopy Center";
const IMAGING: &str = "Prairie Imaging Center";

/// One procedure to write: what, how many days ago, where, and what came of it.
struct Planned {
    kind: Kind,
    days_ago: i64,
    outside: bool,
    score: Option<u64>,
    note: &'static str,
}

/// A day within the last `days` (at least yesterday: today's practice date may still be
/// yesterday's in UTC terms, and the form refuses a date in the future).
fn within(rng: &mut Rng, days: i64) -> i64 {
    1 + rng.below(days.max(1) as u64) as i64
}

/// What one patient had, by age and sex: a share of each screening's eligible adults.
fn plan(rng: &mut Rng, p: &SeedPatient, today: NaiveDate) -> Vec<Planned> {
    let age = (today - p.date_of_birth).num_days() / 365;
    // Not before the age the screening starts at.
    let since = |from: i64, most: i64| ((age - from) * 365).clamp(1, most);
    let mut out = Vec::new();
    let mut add = |kind, days_ago, outside, score, note| {
        out.push(Planned {
            kind,
            days_ago,
            outside,
            score,
            note,
        })
    };
    if (45..=75).contains(&age) {
        if rng.chance(450) {
            let note = *rng.pick(&[
                "No polyps; repeat in 10 years.",
                "Two small tubular adenomas removed; repeat in 7 years.",
                "",
            ]);
            add(
                Kind::Colonoscopy,
                within(rng, since(45, 9 * 365)),
                true,
                None,
                note,
            );
        } else if rng.chance(150) {
            add(Kind::Fit, within(rng, 330), false, None, "Negative.");
        }
    }
    if p.female && (40..=74).contains(&age) && rng.chance(500) {
        let note = *rng.pick(&["BI-RADS 1: negative.", "BI-RADS 2: benign finding.", ""]);
        add(
            Kind::Mammogram,
            within(rng, since(40, 700)),
            true,
            None,
            note,
        );
    }
    if p.female && (21..=65).contains(&age) && rng.chance(300) {
        let note = *rng.pick(&["NILM.", ""]);
        add(
            Kind::CervicalCytology,
            within(rng, since(21, 1000)),
            false,
            None,
            note,
        );
    }
    if p.female && age >= 65 && rng.chance(350) {
        let note = *rng.pick(&["Lowest T-score -1.8 (osteopenia).", "Normal bone density."]);
        add(
            Kind::Dexa,
            within(rng, since(65, 5 * 365)),
            true,
            None,
            note,
        );
    }
    if age >= 18 && rng.chance(250) {
        let note = *rng.pick(&[
            "",
            "Minimal symptoms.",
            "Discussed; follow up at the next visit.",
        ]);
        let score = rng.below(20);
        add(Kind::Phq9, within(rng, 400), false, Some(score), note);
    }
    out
}

impl ChartDb {
    /// Gives some living adults of a charted practice generated screening procedures (see
    /// the module comment); answers how many. Refused once any screening procedure exists, so
    /// generated ones never mix into a real chart. Audited `add_generated_screenings`, one row per
    /// transaction.
    pub fn add_generated_screenings(
        &mut self,
        seed: u64,
        providers: &ChartProviders,
        now: DateTime<Utc>,
    ) -> CoreResult<u64> {
        let staff = Staff::new(providers)?;
        let nurse = UserId::parse(&staff.nurse)
            .ok_or_else(|| CoreError::Corrupt("generator nurse id".into()))?;
        if self.read(seed::any_screening)? {
            return Err(CoreError::Forbidden(
                "Generated screening procedures go only into a practice without any".into(),
            ));
        }
        let today = now.date_naive();
        let patients = self.read(chart_seed::patients)?;
        let mut next_id: u128 = 0;
        let mut written = 0;
        for (batch_no, batch) in patients.chunks(BATCH).enumerate() {
            self.write(|tx| {
                let mut count = 0;
                for (i, p) in batch.iter().enumerate() {
                    if p.deceased_on.is_some() {
                        continue;
                    }
                    let index = (batch_no * BATCH + i) as u64;
                    let mut rng = Rng::new(seed ^ index.wrapping_mul(0x9FB2_1C65_1E98_DF25));
                    for planned in plan(&mut rng, p, today) {
                        let performed = today - Duration::days(planned.days_ago);
                        let draft = ScreeningProcedureDraft {
                            procedure: Some(planned.kind),
                            performed_on: performed.to_string(),
                            place: if planned.outside {
                                ProcedurePlace::Outside
                            } else {
                                ProcedurePlace::Here
                            },
                            facility: match (planned.outside, planned.kind) {
                                (false, _) => String::new(),
                                (true, Kind::Colonoscopy) => ENDOSCOPY.into(),
                                (true, _) => IMAGING.into(),
                            },
                            score: planned.score.map(|s| s.to_string()).unwrap_or_default(),
                            result_note: planned.note.into(),
                        };
                        let valid = crate::reminders::validate::procedure(&draft, today)?;
                        // An outside result is typed in when its letter arrives.
                        let afternoon = performed.and_hms_opt(16, 0, 0).unwrap_or_default();
                        let late = if planned.outside {
                            Duration::days(3 + rng.below(14) as i64)
                        } else {
                            Duration::minutes(rng.below(180) as i64)
                        };
                        let at = (Utc.from_utc_datetime(&afternoon) + late).min(now);
                        next_id += 1;
                        let id = ScreeningProcedureId::from_u128((SCREENING << 112) | next_id);
                        crate::store::reminders::insert_procedure(tx, id, p.id, &valid, nurse, at)?;
                        count += 1;
                    }
                }
                let event =
                    AuditEvent::new(now, None, "setup", "add_generated_screenings", Outcome::Ok)
                        .detail(format!(
                            "screening procedures for {} synthetic patients: {count}",
                            batch.len()
                        ));
                crate::audit::append(tx, &event)?;
                written += count;
                Ok(())
            })?;
        }
        Ok(written)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use crate::synth::{ChartProviders, PracticeGenerator};
    use crate::testing::{staffed_practice, test_now};
    use crate::ChartDb;

    #[test]
    fn generated_screenings_pass_the_form_and_come_once() {
        let mut db = ChartDb::open_in_memory().unwrap();
        let now = test_now();
        let staff = staffed_practice(&mut db, now).unwrap();
        db.add_generated_patients(&mut PracticeGenerator::new(5), 60, 1, now)
            .unwrap();
        let providers = ChartProviders {
            physicians: vec![staff.physician.user_id()],
            nurse: Some(staff.nurse.user_id()),
        };
        let written = db.add_generated_screenings(5, &providers, now).unwrap();
        assert!(written > 5, "a few adults screened: {written}");
        let kinds: i64 = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT count(DISTINCT procedure || place) FROM screening_procedures",
                    [],
                    |r| r.get(0),
                )?)
            })
            .unwrap();
        assert!(kinds >= 4, "several kinds, here and outside: {kinds}");
        let again = db.add_generated_screenings(5, &providers, now);
        assert!(
            matches!(again, Err(crate::CoreError::Forbidden(_))),
            "{again:?}"
        );
    }
}
