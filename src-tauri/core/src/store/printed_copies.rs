//! SQL for `printed_copies` (the PDF copies of printed prescriptions and medication lists),
//! and the print's own small reads of `medications`: only the columns a printed form shows,
//! so printing does not lean on the prescribing area's store.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::error::{CoreError, CoreResult};
use crate::ids::{MedicationId, PatientId, PrintId, UserId, VisitId};
use crate::medications::print::PrintedCopy;
use crate::medications::{
    AlertOverride, AlertSeverity, ControlledSchedule, Medication, MedicationOrigin,
    MedicationStatus, Sig,
};
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

/// What kind of copy a row holds (the table's CHECK).
pub const PRESCRIPTION: &str = "prescription";
pub const MEDICATION_LIST: &str = "medication_list";

#[allow(clippy::too_many_arguments)]
pub fn insert(
    conn: &Connection,
    id: PrintId,
    patient: PatientId,
    medication: Option<MedicationId>,
    kind: &str,
    by: UserId,
    at: DateTime<Utc>,
    pdf: &[u8],
) -> CoreResult<()> {
    conn.execute(
        "INSERT INTO printed_copies (id, patient_id, medication_id, kind, printed_at, printed_by, pdf)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id.to_string(),
            patient.to_string(),
            medication.map(|m| m.to_string()),
            kind,
            instant_to_sql(at),
            by.to_string(),
            pdf
        ],
    )?;
    Ok(())
}

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad stored {what} {text:?}"))
}

fn copy_from_row(r: &Row<'_>) -> CoreResult<PrintedCopy> {
    let id: String = r.get(0)?;
    let patient: String = r.get(1)?;
    let medication: Option<String> = r.get(2)?;
    Ok(PrintedCopy {
        id: PrintId::parse(&id).ok_or_else(|| corrupt("print id", &id))?,
        patient_id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
        medication_id: match medication {
            Some(m) => Some(MedicationId::parse(&m).ok_or_else(|| corrupt("medication id", &m))?),
            None => None,
        },
        kind: r.get(3)?,
        printed_at: instant_from_sql(&r.get::<_, String>(4)?)?,
        printed_by_name: r.get(5)?,
        bytes: r.get(6)?,
    })
}

const COPY_COLUMNS: &str = "c.id, c.patient_id, c.medication_id, c.kind, c.printed_at,
    u.display_name, length(c.pdf)";

/// The patient's copies, newest first (without the PDFs).
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<PrintedCopy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COPY_COLUMNS} FROM printed_copies c JOIN users u ON u.id = c.printed_by
         WHERE c.patient_id = ?1 ORDER BY c.printed_at DESC, c.id"
    ))?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(copy_from_row(r)?);
    }
    Ok(out)
}

/// One copy's description.
pub fn get(conn: &Connection, id: PrintId) -> CoreResult<Option<PrintedCopy>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COPY_COLUMNS} FROM printed_copies c JOIN users u ON u.id = c.printed_by
         WHERE c.id = ?1"
    ))?;
    let mut rows = stmt.query(params![id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(copy_from_row(r)?)),
        None => Ok(None),
    }
}

/// The patient a copy belongs to (so the door can check that chart).
pub fn patient_of(conn: &Connection, id: PrintId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT patient_id FROM printed_copies WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| PatientId::parse(&t).ok_or_else(|| corrupt("patient id", &t)))
        .transpose()
}

/// One copy's PDF bytes.
pub fn pdf(conn: &Connection, id: PrintId) -> CoreResult<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT pdf FROM printed_copies WHERE id = ?1",
            params![id.to_string()],
            |r| r.get(0),
        )
        .optional()?)
}

const MEDICATION_COLUMNS: &str = "m.id, m.patient_id, m.origin, m.status, m.product_code,
    m.rxcui, m.name, m.ingredient_codes, m.controlled, m.sig, m.sig_text, m.quantity,
    m.quantity_unit, m.refills, m.dispense_as_written, m.note_to_pharmacist, m.indication,
    m.reported_by, m.visit_id, m.start_date, m.end_date, m.written_by, w.display_name,
    m.written_at, m.signed_by, s.display_name, m.signed_at, m.renews, m.replaces,
    m.ended_reason, e.display_name, m.ended_at, m.version";

const MEDICATION_JOINS: &str = "FROM medications m
    JOIN users w ON w.id = m.written_by
    LEFT JOIN users s ON s.id = m.signed_by
    LEFT JOIN users e ON e.id = m.ended_by";

fn opt_id<T>(
    text: Option<String>,
    parse: fn(&str) -> Option<T>,
    what: &str,
) -> CoreResult<Option<T>> {
    match text {
        Some(t) => Ok(Some(parse(&t).ok_or_else(|| corrupt(what, &t))?)),
        None => Ok(None),
    }
}

fn medication_from_row(r: &Row<'_>) -> CoreResult<Medication> {
    let id: String = r.get(0)?;
    let patient: String = r.get(1)?;
    let origin: String = r.get(2)?;
    let status: String = r.get(3)?;
    let controlled: Option<String> = r.get(8)?;
    let sig: Option<String> = r.get(9)?;
    let ingredients: String = r.get(7)?;
    let written_by: String = r.get(21)?;
    let start: Option<String> = r.get(19)?;
    let end: Option<String> = r.get(20)?;
    let signed_at: Option<String> = r.get(26)?;
    let ended_at: Option<String> = r.get(31)?;
    Ok(Medication {
        id: MedicationId::parse(&id).ok_or_else(|| corrupt("medication id", &id))?,
        patient_id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
        origin: match origin.as_str() {
            "prescribed" => MedicationOrigin::Prescribed,
            "reported" => MedicationOrigin::Reported,
            _ => return Err(corrupt("origin", &origin)),
        },
        status: MedicationStatus::parse(&status).ok_or_else(|| corrupt("status", &status))?,
        product_code: r.get(4)?,
        rxcui: r.get(5)?,
        name: r.get(6)?,
        ingredient_codes: ingredients.split_whitespace().map(String::from).collect(),
        controlled: match controlled {
            Some(c) => Some(ControlledSchedule::parse(&c).ok_or_else(|| corrupt("schedule", &c))?),
            None => None,
        },
        sig: match sig {
            Some(json) => {
                Some(serde_json::from_str::<Sig>(&json).map_err(|_| corrupt("sig", &json))?)
            }
            None => None,
        },
        sig_text: r.get(10)?,
        quantity: r.get(11)?,
        quantity_unit: r.get(12)?,
        refills: r.get(13)?,
        dispense_as_written: r.get(14)?,
        note_to_pharmacist: r.get(15)?,
        indication: r.get(16)?,
        reported_by: r.get(17)?,
        visit_id: opt_id(r.get(18)?, VisitId::parse, "visit id")?,
        start_date: start.as_deref().map(date_from_sql).transpose()?,
        end_date: end.as_deref().map(date_from_sql).transpose()?,
        written_by: UserId::parse(&written_by).ok_or_else(|| corrupt("user id", &written_by))?,
        written_by_name: r.get(22)?,
        written_at: instant_from_sql(&r.get::<_, String>(23)?)?,
        signed_by: opt_id(r.get(24)?, UserId::parse, "user id")?,
        signed_by_name: r.get(25)?,
        signed_at: signed_at.as_deref().map(instant_from_sql).transpose()?,
        renews: opt_id(r.get(27)?, MedicationId::parse, "medication id")?,
        replaces: opt_id(r.get(28)?, MedicationId::parse, "medication id")?,
        ended_reason: r.get(29)?,
        ended_by_name: r.get(30)?,
        ended_at: ended_at.as_deref().map(instant_from_sql).transpose()?,
        overrides: Vec::new(),
        version: r.get(32)?,
    })
}

/// The alerts overridden when a prescription was signed.
fn overrides(conn: &Connection, id: MedicationId) -> CoreResult<Vec<AlertOverride>> {
    let mut stmt = conn.prepare_cached(
        "SELECT alert_key, override_reason, title, severity FROM prescription_alerts
         WHERE medication_id = ?1 AND override_reason IS NOT NULL ORDER BY alert_key",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (key, reason, title, severity) = row?;
        out.push(AlertOverride {
            key,
            reason,
            title,
            severity: AlertSeverity::parse(&severity),
        });
    }
    Ok(out)
}

/// One medication list entry as the printed prescription shows it.
pub fn prescription_for_print(
    conn: &Connection,
    id: MedicationId,
) -> CoreResult<Option<Medication>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEDICATION_COLUMNS} {MEDICATION_JOINS} WHERE m.id = ?1"
    ))?;
    let mut rows = stmt.query(params![id.to_string()])?;
    let Some(r) = rows.next()? else {
        return Ok(None);
    };
    let mut m = medication_from_row(r)?;
    m.overrides = overrides(conn, id)?;
    Ok(Some(m))
}

/// The patient's active medications, by name, as the printed list shows them.
pub fn active_for_print(conn: &Connection, patient: PatientId) -> CoreResult<Vec<Medication>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {MEDICATION_COLUMNS} {MEDICATION_JOINS}
         WHERE m.patient_id = ?1 AND m.status = 'active' ORDER BY m.name COLLATE NOCASE, m.id"
    ))?;
    let mut rows = stmt.query(params![patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(medication_from_row(r)?);
    }
    Ok(out)
}

/// A prescription or reported medication written straight into `medications`, so the print
/// tests need not wait on the prescribing operations. `signed` signs it as its writer.
#[cfg(test)]
#[allow(clippy::too_many_arguments)]
pub fn insert_test_medication(
    conn: &Connection,
    id: MedicationId,
    patient: PatientId,
    writer: UserId,
    name: &str,
    sig: Option<&Sig>,
    quantity: Option<f64>,
    quantity_unit: &str,
    refills: u32,
    controlled: Option<ControlledSchedule>,
    status: MedicationStatus,
    signed: bool,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    let sig_json = sig
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| CoreError::Corrupt(e.to_string()))?;
    let sig_text = sig
        .map(crate::medications::sig::describe)
        .unwrap_or_default();
    let at = instant_to_sql(at);
    let origin = if sig.is_some() {
        "prescribed"
    } else {
        "reported"
    };
    conn.execute(
        "INSERT INTO medications (id, patient_id, origin, status, product_code, name,
            ingredient_codes, controlled, sig, sig_text, quantity, quantity_unit, refills,
            dispense_as_written, note_to_pharmacist, written_at, written_by, signed_at, signed_by,
            start_date, version)
         VALUES (?1, ?2, ?3, ?4, CASE WHEN ?3 = 'prescribed' THEN 'charta:test' END, ?5, '', ?6,
            ?7, ?8, ?9, ?10, ?11, 1, 'Call with questions', ?12, ?13, ?14, ?15, '2026-11-26', 1)",
        params![
            id.to_string(),
            patient.to_string(),
            origin,
            status.as_str(),
            name,
            controlled.map(|c| c.as_str()),
            sig_json,
            sig_text,
            quantity,
            quantity_unit,
            refills,
            at,
            writer.to_string(),
            signed.then(|| at.clone()),
            signed.then(|| writer.to_string()),
        ],
    )?;
    Ok(())
}
