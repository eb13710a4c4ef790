//! The pure engine: one patient's facts and one rule → the reminder's status, its due date and
//! why. The per-patient reminders and the registry both call [`evaluate`], so they agree.
//!
//! Definitions (README "Preventive-care reminders"):
//! - A rule applies while the patient's age (whole years, on the practice's today) is within
//!   its range (both ends inclusive), the sex at birth matches, and its condition holds
//!   (latest BMI ≥ 25; ever smoked; ≥ 20 pack-years and smoking now or quit < 15 years ago).
//!   A rule that does not apply is left out of the list.
//! - A deceased patient is reminded of nothing.
//! - Not applicable: a problem on the list (not entered in error, any status) whose ICD-10-CM
//!   code starts with one of the rule's prefixes, or an open "not applicable" decision.
//! - Declined: an open "declined" decision holds for [`DECLINED_MONTHS`] from the day it was
//!   recorded; then the reminder is due again.
//! - Satisfied: each satisfier's latest date plus its interval (0 = once, for good); a "done
//!   elsewhere" decision counts as a satisfier with the rule's `elsewhere_months`. The best
//!   of them decides: in its interval → up to date (or done elsewhere) until that date.
//! - Due: never satisfied and eligible for at most [`NEVER_DONE_GRACE_MONTHS`], or the last
//!   interval ran out at most [`OVERDUE_AFTER_MONTHS`] ago. Overdue: beyond either.

use super::rules::{Condition, Rule, RuleSex, SatisfierKind, ScreeningProcedureKind};
use super::{DecisionKind, Reminder, ReminderDecision, ReminderStatus};
use crate::dates::age_in_years;
use chrono::{Months, NaiveDate};
use std::collections::HashMap;

/// How long a "declined" holds before the reminder returns.
pub const DECLINED_MONTHS: u32 = 12;
/// A last interval that ran out more than this long ago is overdue.
pub const OVERDUE_AFTER_MONTHS: u32 = 3;
/// Never done and eligible for more than this long is overdue.
pub const NEVER_DONE_GRACE_MONTHS: u32 = 12;

/// The current smoking history.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SmokingFact {
    pub status: String,
    pub pack_years: Option<f64>,
    /// A partial date (YYYY, YYYY-MM or YYYY-MM-DD).
    pub quit_date: Option<String>,
}

/// The latest time one satisfier was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Done {
    pub on: NaiveDate,
    /// An outside result or a procedure done elsewhere.
    pub outside: bool,
}

/// What the engine knows about one patient. The registry fills only what its rule reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PatientFacts {
    pub date_of_birth: Option<NaiveDate>,
    /// As stored: female, male, intersex, unknown.
    pub sex: String,
    /// A deceased patient is reminded of nothing.
    pub deceased: bool,
    /// (code, description) of problems not entered in error.
    pub problems: Vec<(String, String)>,
    pub smoking: Option<SmokingFact>,
    /// The latest BMI and the day it was taken.
    pub bmi: Option<(f64, NaiveDate)>,
    pub last_bp: Option<NaiveDate>,
    /// Latest result date per LOINC code.
    pub labs: HashMap<String, Done>,
    pub procedures: HashMap<ScreeningProcedureKind, Done>,
    /// Latest given/historical dose per CVX code.
    pub immunizations: HashMap<String, Done>,
    /// Open decisions (not withdrawn, not superseded), any rule.
    pub decisions: Vec<ReminderDecision>,
}

fn add_months(d: NaiveDate, m: u32) -> NaiveDate {
    d.checked_add_months(Months::new(m))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day a partial date can mean (a quit "2012" may be 2012-12-31).
fn partial_date_end(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    match parts.as_slice() {
        [y] => NaiveDate::from_ymd_opt(y.parse().ok()?, 12, 31),
        [y, m] => {
            let first = NaiveDate::from_ymd_opt(y.parse().ok()?, num(m)?, 1)?;
            add_months(first, 1).pred_opt()
        }
        [y, m, d] => NaiveDate::from_ymd_opt(y.parse().ok()?, num(m)?, num(d)?),
        _ => None,
    }
}

fn is_current_smoker(status: &str) -> bool {
    status.starts_with("current")
}

/// Whether the rule's condition holds, with the data used (for the why); `None`: it does not.
fn condition_holds(rule: &Rule, f: &PatientFacts, today: NaiveDate) -> Option<String> {
    match rule.condition {
        Condition::None => Some(String::new()),
        Condition::Overweight => {
            let (bmi, on) = f.bmi?;
            (bmi >= 25.0).then(|| format!("; BMI {bmi:.1} on {on}"))
        }
        Condition::EverSmoked => {
            let s = f.smoking.as_ref()?;
            (s.status == "former" || is_current_smoker(&s.status))
                .then(|| format!("; smoking: {}", s.status.replace('_', " ")))
        }
        Condition::LungScreening => {
            let s = f.smoking.as_ref()?;
            let py = s.pack_years?;
            if py < 20.0 {
                return None;
            }
            if is_current_smoker(&s.status) {
                return Some(format!(
                    "; smoking: {}, {py:.0} pack-years",
                    s.status.replace('_', " ")
                ));
            }
            if s.status != "former" {
                return None;
            }
            let quit = s.quit_date.as_deref()?;
            let end = partial_date_end(quit)?;
            (add_months(end, 15 * 12) > today)
                .then(|| format!("; former smoker, {py:.0} pack-years, quit {quit}"))
        }
    }
}

fn sex_matches(rule: RuleSex, sex: &str) -> bool {
    match rule {
        RuleSex::Any => true,
        RuleSex::Female => sex == "female",
        RuleSex::Male => sex == "male",
    }
}

/// When the satisfier was last done, if ever.
fn last_done(kind: &SatisfierKind, f: &PatientFacts) -> Option<Done> {
    match kind {
        SatisfierKind::Lab(code) => f.labs.get(code).copied(),
        SatisfierKind::Procedure(p) => f.procedures.get(p).copied(),
        SatisfierKind::BloodPressure => f.last_bp.map(|on| Done { on, outside: false }),
        SatisfierKind::Immunization(cvx) => f.immunizations.get(cvx).copied(),
    }
}

/// The best evidence: its label, the day, whether outside, whether a decision, and until when
/// it satisfies (`None`: for good).
struct Evidence {
    label: String,
    done: Done,
    months: u32,
    decision: bool,
}

impl Evidence {
    fn until(&self) -> Option<NaiveDate> {
        (self.months > 0).then(|| add_months(self.done.on, self.months))
    }
}

fn better(a: &Evidence, b: &Evidence) -> bool {
    match (a.until(), b.until()) {
        (None, None) => a.done.on > b.done.on,
        (None, Some(_)) => true,
        (Some(_), None) => false,
        (Some(x), Some(y)) => x > y,
    }
}

fn ago(months: u32) -> String {
    match months {
        0 => String::new(),
        m if m % 12 == 0 && m >= 24 => format!(" (interval {} years)", m / 12),
        12 => " (interval 1 year)".to_string(),
        m => format!(" (interval {m} months)"),
    }
}

/// The rule's reminder for this patient, or `None` when the rule does not apply to them.
pub fn evaluate(rule: &Rule, f: &PatientFacts, today: NaiveDate) -> Option<Reminder> {
    judge(rule, f, today, true)
}

/// Only the status and its date, as [`evaluate`] decides them, without the words (the
/// registry judges tens of thousands of patients and shows no reason).
pub fn status(
    rule: &Rule,
    f: &PatientFacts,
    today: NaiveDate,
) -> Option<(ReminderStatus, Option<NaiveDate>)> {
    judge(rule, f, today, false).map(|r| (r.status, r.due_on))
}

/// `explain`: fill in why, the source and the procedures (else they are left empty).
fn judge(rule: &Rule, f: &PatientFacts, today: NaiveDate, explain: bool) -> Option<Reminder> {
    if f.deceased {
        return None;
    }
    let born = f.date_of_birth?;
    let age = age_in_years(born, today);
    if age < rule.min_age || rule.max_age.is_some_and(|max| age > max) {
        return None;
    }
    if !sex_matches(rule.sex, &f.sex) {
        return None;
    }
    let condition = condition_holds(rule, f, today)?;
    let eligible_since = add_months(born, rule.min_age * 12);
    let mut data = format!("Age {age}, sex {}{condition}", f.sex);
    let reminder = |status, due_on, data: String, decision: Option<ReminderDecision>| Reminder {
        rule: rule.id.clone(),
        title: rule.title.clone(),
        status,
        due_on,
        why: if explain {
            format!("{} {data}.", rule.in_words())
        } else {
            String::new()
        },
        source: if explain {
            rule.source()
        } else {
            String::new()
        },
        procedures: if explain {
            rule.procedures()
        } else {
            Vec::new()
        },
        decision,
    };

    if let Some((code, description)) = f.problems.iter().find(|(code, _)| {
        rule.not_applicable
            .iter()
            .any(|p| code.to_ascii_uppercase().starts_with(p.as_str()))
    }) {
        data.push_str(&format!(
            "; not applicable: {code} {description} on the problem list"
        ));
        return Some(reminder(ReminderStatus::NotApplicable, None, data, None));
    }

    let decision = f
        .decisions
        .iter()
        .filter(|d| d.rule == rule.id)
        .max_by_key(|d| d.recorded_at)
        .cloned();
    let mut best: Option<Evidence> = None;
    let mut consider = |e: Evidence| {
        if best.as_ref().is_none_or(|b| better(&e, b)) {
            best = Some(e);
        }
    };
    for s in &rule.satisfiers {
        if let Some(done) = last_done(&s.kind, f) {
            consider(Evidence {
                label: s.label(),
                done,
                months: s.months,
                decision: false,
            });
        }
    }
    if let Some(d) = &decision {
        match d.kind {
            DecisionKind::NotApplicable => {
                data.push_str(&format!(
                    "; marked not applicable on {}: {}",
                    d.decided_on,
                    d.reason.as_deref().unwrap_or("")
                ));
                return Some(reminder(
                    ReminderStatus::NotApplicable,
                    None,
                    data,
                    decision.clone(),
                ));
            }
            DecisionKind::Declined => {
                let until = add_months(d.decided_on, DECLINED_MONTHS);
                if until > today {
                    data.push_str(&format!(
                        "; declined on {}: {} (asked again from {until})",
                        d.decided_on,
                        d.reason.as_deref().unwrap_or("")
                    ));
                    return Some(reminder(
                        ReminderStatus::Declined,
                        Some(until),
                        data,
                        decision.clone(),
                    ));
                }
                data.push_str(&format!("; declined on {} (over a year ago)", d.decided_on));
            }
            DecisionKind::DoneElsewhere => {
                if let Some(on) = d.done_on {
                    let place = d.place.as_deref().unwrap_or("").trim().to_string();
                    consider(Evidence {
                        label: if place.is_empty() {
                            "done elsewhere".to_string()
                        } else {
                            format!("done elsewhere ({place})")
                        },
                        done: Done { on, outside: true },
                        months: rule.elsewhere_months,
                        decision: true,
                    });
                }
            }
        }
    }

    match best {
        Some(e) if e.until().is_none_or(|until| until > today) => {
            let outside = if e.done.outside && !e.decision {
                " (outside)"
            } else {
                ""
            };
            let until = e.until();
            data.push_str(&format!(
                "; last {} {}{outside}{}",
                e.label,
                e.done.on,
                match until {
                    Some(u) => format!(", up to date until {u}"),
                    None => ", once is enough".to_string(),
                }
            ));
            let status = if e.decision {
                ReminderStatus::DoneElsewhere
            } else {
                ReminderStatus::UpToDate
            };
            let decision = if e.decision { decision } else { None };
            Some(reminder(status, until, data, decision))
        }
        Some(e) => {
            let until = e.until().unwrap_or(e.done.on);
            data.push_str(&format!(
                "; last {} {}{} — due since {until}",
                e.label,
                e.done.on,
                ago(e.months)
            ));
            let status = if add_months(until, OVERDUE_AFTER_MONTHS) < today {
                ReminderStatus::Overdue
            } else {
                ReminderStatus::Due
            };
            Some(reminder(status, Some(until), data, decision))
        }
        None => {
            let names: Vec<String> = {
                let mut v: Vec<String> = Vec::new();
                for s in &rule.satisfiers {
                    let l = s.short_label();
                    if !v.contains(&l) {
                        v.push(l);
                    }
                }
                v
            };
            data.push_str(&format!("; no {} on record", names.join(", ")));
            let status = if add_months(eligible_since, NEVER_DONE_GRACE_MONTHS) < today {
                ReminderStatus::Overdue
            } else {
                ReminderStatus::Due
            };
            Some(reminder(status, Some(eligible_since), data, decision))
        }
    }
}
