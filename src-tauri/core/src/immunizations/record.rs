//! Recording an immunization: the form as typed, its validation (a coded vaccine, real
//! dates, no expired lot, a route CDC's HL7 table knows, a refusal with its reason) and the
//! entry as the chart shows it.

use super::{catalogue, ImmunizationKind, NewImmunization};
use crate::chart::common::{reason, ErrorMark};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::ids::{ImmunizationId, PatientId, UserId};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Routes of administration (HL7 table 0162's common ones).
pub const ROUTES: &[(&str, &str)] = &[
    ("IM", "intramuscular"),
    ("SC", "subcutaneous"),
    ("ID", "intradermal"),
    ("PO", "oral"),
    ("IN", "intranasal"),
];

const MAX_TEXT: usize = 200;

/// The immunization form as typed. Dates are `YYYY-MM-DD` text so a bad one is a field error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImmunizationDraft {
    pub kind: ImmunizationKind,
    pub cvx: String,
    pub given_on: String,
    pub dose_number: Option<u32>,
    pub lot: String,
    pub expires_on: String,
    /// MVX code or name; the catalogue's when it lists one manufacturer and none is typed.
    pub manufacturer: String,
    pub site: String,
    pub route: String,
    /// Who gave a historical dose (outside the practice).
    pub given_by_name: String,
    /// Where a historical dose was recorded ("school record", "CVS pharmacy").
    pub source_note: String,
    pub vis_date: String,
    pub refusal_reason: String,
}

/// A recorded entry as the chart shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Immunization {
    pub id: ImmunizationId,
    pub patient_id: PatientId,
    pub cvx: String,
    pub vaccine: String,
    pub kind: ImmunizationKind,
    #[ts(type = "string")]
    pub given_on: NaiveDate,
    pub dose_number: Option<u32>,
    pub lot: Option<String>,
    #[ts(type = "string | null")]
    pub expires_on: Option<NaiveDate>,
    pub manufacturer: Option<String>,
    pub site: Option<String>,
    pub route: Option<String>,
    /// The practice's giver, or the outside giver of a historical dose.
    pub given_by_name: Option<String>,
    #[ts(type = "string | null")]
    pub vis_date: Option<NaiveDate>,
    pub refusal_reason: Option<String>,
    pub source_note: Option<String>,
    /// The forecast series it counts toward (ids, e.g. "mmr").
    pub series: Vec<String>,
    #[ts(type = "string")]
    pub recorded_at: DateTime<Utc>,
    pub recorded_by_name: String,
    pub entered_in_error: Option<ErrorMark>,
}

fn text(value: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let t = value.trim();
    if t.chars().count() > MAX_TEXT {
        errors.push(FieldError::new(field, "Keep this under 200 characters"));
    }
    (!t.is_empty()).then(|| t.to_string())
}

fn date(value: &str, field: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let t = value.trim();
    if t.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errors.push(FieldError::new(field, "Type the date as YYYY-MM-DD"));
            None
        }
    }
}

/// Who is recording, for the row.
pub(crate) struct Recorder {
    pub user: UserId,
    pub at: DateTime<Utc>,
}

/// Checks a draft against the catalogue and the patient's dates; the row to write.
pub(crate) fn validate(
    draft: &ImmunizationDraft,
    id: ImmunizationId,
    patient: PatientId,
    born: NaiveDate,
    today: NaiveDate,
    by: Recorder,
) -> CoreResult<NewImmunization> {
    let mut errors = Vec::new();
    let kind = draft.kind;
    let vaccine = match catalogue::get(&draft.cvx) {
        Some(v) => Some(v),
        None if draft.cvx.trim().is_empty() => {
            errors.push(FieldError::new("cvx", "Pick the vaccine from the list"));
            None
        }
        None => {
            errors.push(FieldError::new(
                "cvx",
                "This CVX code is not in the catalogue; pick the vaccine from the list",
            ));
            None
        }
    };
    if let (Some(v), ImmunizationKind::Given) = (vaccine, kind) {
        if !v.active {
            errors.push(FieldError::new(
                "cvx",
                format!(
                    "{} is no longer in use (CDC status inactive); record an old dose as historical",
                    v.name
                ),
            ));
        }
    }
    let given_on = match date(&draft.given_on, "givenOn", &mut errors) {
        Some(d) if d > today => {
            errors.push(FieldError::new("givenOn", "This date is in the future"));
            None
        }
        Some(d) if d < born => {
            errors.push(FieldError::new(
                "givenOn",
                format!("This is before the patient's birth ({born})"),
            ));
            None
        }
        Some(d) => Some(d),
        None => {
            if draft.given_on.trim().is_empty() {
                errors.push(FieldError::new("givenOn", "Give the date"));
            }
            None
        }
    };
    if let Some(n) = draft.dose_number {
        if !(1..=20).contains(&n) {
            errors.push(FieldError::new("doseNumber", "A dose number is 1 to 20"));
        }
    }
    let lot = text(&draft.lot, "lot", &mut errors);
    let expires_on = date(&draft.expires_on, "expiresOn", &mut errors);
    let mut manufacturer = text(&draft.manufacturer, "manufacturer", &mut errors);
    let site = text(&draft.site, "site", &mut errors);
    let route = text(&draft.route, "route", &mut errors).map(|r| r.to_uppercase());
    if let Some(r) = &route {
        if !ROUTES.iter().any(|(code, _)| code == r) {
            errors.push(FieldError::new(
                "route",
                "Pick a route: IM, SC, ID, PO or IN",
            ));
        }
    }
    let vis_date = match date(&draft.vis_date, "visDate", &mut errors) {
        Some(d) if d > today => {
            errors.push(FieldError::new(
                "visDate",
                "A VIS edition date cannot be in the future",
            ));
            None
        }
        d => d,
    };
    let given_by_name = text(&draft.given_by_name, "givenByName", &mut errors);
    let source_note = text(&draft.source_note, "sourceNote", &mut errors);
    let mut refusal_reason = None;
    match kind {
        ImmunizationKind::Given => {
            if lot.is_none() {
                errors.push(FieldError::new("lot", "Give the lot number"));
            }
            match (expires_on, given_on) {
                (None, _) if draft.expires_on.trim().is_empty() => {
                    errors.push(FieldError::new("expiresOn", "Give the lot's expiry date"));
                }
                (Some(exp), Some(on)) if exp < on => {
                    errors.push(FieldError::new(
                        "expiresOn",
                        format!("This lot expired on {exp}: do not give it; use an unexpired lot"),
                    ));
                }
                _ => {}
            }
            if site.is_none() {
                errors.push(FieldError::new("site", "Give the site (e.g. left deltoid)"));
            }
            if route.is_none() {
                errors.push(FieldError::new("route", "Pick the route"));
            }
            if manufacturer.is_none() {
                if let Some([only]) = vaccine.map(|v| v.manufacturers.as_slice()) {
                    manufacturer = Some(only.to_string());
                }
            }
        }
        ImmunizationKind::Historical => {}
        ImmunizationKind::Refused => match reason(&draft.refusal_reason, "refusalReason") {
            Ok(r) => refusal_reason = Some(r),
            Err(e) => errors.extend(e.field_errors().iter().cloned()),
        },
    }
    if !errors.is_empty() {
        return Err(CoreError::Invalid(errors));
    }
    let (Some(v), Some(given_on)) = (vaccine, given_on) else {
        return Err(CoreError::invalid("cvx", "Pick the vaccine from the list"));
    };
    let refused = kind == ImmunizationKind::Refused;
    Ok(NewImmunization {
        id,
        patient,
        visit: None,
        cvx: v.cvx.to_string(),
        vaccine: v.name.to_string(),
        kind,
        given_on,
        dose_number: if refused { None } else { draft.dose_number },
        lot: if refused { None } else { lot },
        expires_on: if refused { None } else { expires_on },
        manufacturer: if refused { None } else { manufacturer },
        site: if refused { None } else { site },
        route: if refused { None } else { route },
        given_by: (kind == ImmunizationKind::Given).then_some(by.user),
        given_by_name: if kind == ImmunizationKind::Historical {
            given_by_name
        } else {
            None
        },
        vis_date,
        refusal_reason,
        source_note,
        recorded_by: by.user,
        recorded_at: by.at,
    })
}
