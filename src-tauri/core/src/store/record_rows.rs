//! Every stored row of one chart, table by table, as read for the FHIR export: the export maps
//! the practice's whole record (45 CFR 170.315(b)(10)), so it reads the tables as they are
//! rather than through each area's view, which hides superseded and entered-in-error rows.

use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use std::rc::Rc;

/// A chart's tables, in the order the export reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordTable {
    Patient,
    Phones,
    Visits,
    NoteAmendments,
    VisitDiagnoses,
    OutsideVisits,
    OutsideVisitDiagnoses,
    Problems,
    Allergies,
    AllergyStatements,
    Vitals,
    LabReports,
    LabResults,
    Medications,
    Immunizations,
    SocialHistory,
    FamilyHistory,
    SurgicalHistory,
    Screenings,
    Appointments,
    Documents,
    Letters,
    Referrals,
    ReferralChanges,
    Messages,
}

impl RecordTable {
    pub const ALL: [RecordTable; 25] = [
        RecordTable::Patient,
        RecordTable::Phones,
        RecordTable::Visits,
        RecordTable::NoteAmendments,
        RecordTable::VisitDiagnoses,
        RecordTable::OutsideVisits,
        RecordTable::OutsideVisitDiagnoses,
        RecordTable::Problems,
        RecordTable::Allergies,
        RecordTable::AllergyStatements,
        RecordTable::Vitals,
        RecordTable::LabReports,
        RecordTable::LabResults,
        RecordTable::Medications,
        RecordTable::Immunizations,
        RecordTable::SocialHistory,
        RecordTable::FamilyHistory,
        RecordTable::SurgicalHistory,
        RecordTable::Screenings,
        RecordTable::Appointments,
        RecordTable::Documents,
        RecordTable::Letters,
        RecordTable::Referrals,
        RecordTable::ReferralChanges,
        RecordTable::Messages,
    ];

    /// The query for one patient's rows (`?1` is the patient's id), oldest first.
    fn sql(self) -> &'static str {
        match self {
            RecordTable::Patient => "SELECT * FROM patients WHERE id = ?1",
            RecordTable::Phones => {
                "SELECT * FROM patient_phones WHERE patient_id = ?1 ORDER BY position"
            }
            RecordTable::Visits => {
                "SELECT * FROM visits WHERE patient_id = ?1 ORDER BY started_at, id"
            }
            RecordTable::NoteAmendments => {
                "SELECT a.* FROM note_amendments a JOIN visits v ON v.id = a.visit_id
                 WHERE v.patient_id = ?1 ORDER BY a.created_at, a.id"
            }
            RecordTable::VisitDiagnoses => {
                "SELECT * FROM visit_diagnoses WHERE patient_id = ?1
                 ORDER BY visit_id, position, id"
            }
            RecordTable::OutsideVisits => {
                "SELECT * FROM outside_visits WHERE patient_id = ?1 ORDER BY started_at, id"
            }
            RecordTable::OutsideVisitDiagnoses => {
                "SELECT * FROM outside_visit_diagnoses WHERE patient_id = ?1
                 ORDER BY outside_visit_id, position"
            }
            RecordTable::Problems => {
                "SELECT * FROM problems WHERE patient_id = ?1 ORDER BY created_at, id"
            }
            RecordTable::Allergies => {
                "SELECT * FROM allergies WHERE patient_id = ?1 ORDER BY recorded_at, id"
            }
            RecordTable::AllergyStatements => {
                "SELECT * FROM allergy_statements WHERE patient_id = ?1 ORDER BY recorded_at, id"
            }
            RecordTable::Vitals => {
                "SELECT * FROM vitals WHERE patient_id = ?1 ORDER BY taken_at, id"
            }
            RecordTable::LabReports => {
                "SELECT * FROM lab_reports WHERE patient_id = ?1 ORDER BY collected_at, id"
            }
            RecordTable::LabResults => {
                "SELECT * FROM lab_results WHERE patient_id = ?1 ORDER BY collected_at, id"
            }
            RecordTable::Medications => {
                "SELECT * FROM medications WHERE patient_id = ?1 ORDER BY written_at, id"
            }
            RecordTable::Immunizations => {
                "SELECT * FROM immunizations WHERE patient_id = ?1 ORDER BY given_on, id"
            }
            RecordTable::SocialHistory => {
                "SELECT * FROM social_history WHERE patient_id = ?1 ORDER BY recorded_at, id"
            }
            RecordTable::FamilyHistory => {
                "SELECT * FROM family_history WHERE patient_id = ?1 ORDER BY recorded_at, id"
            }
            RecordTable::SurgicalHistory => {
                "SELECT * FROM surgical_history WHERE patient_id = ?1 ORDER BY recorded_at, id"
            }
            RecordTable::Screenings => {
                "SELECT * FROM screening_procedures WHERE patient_id = ?1
                 ORDER BY performed_on, id"
            }
            RecordTable::Appointments => {
                "SELECT a.*, t.name AS type_name, r.name AS room_name, s.rule AS series_rule,
                    s.first_local AS series_first, s.ended_after AS series_ended_after,
                    s.split_from AS series_split_from
                 FROM appointments a JOIN appointment_types t ON t.id = a.type_id
                 LEFT JOIN rooms r ON r.id = a.room_id
                 LEFT JOIN appointment_series s ON s.id = a.series_id
                 WHERE a.patient_id = ?1 ORDER BY a.starts_at, a.id"
            }
            RecordTable::Documents => {
                "SELECT d.*, c.content FROM documents d
                 JOIN document_contents c ON c.document_id = d.id
                 WHERE d.patient_id = ?1 ORDER BY d.filed_at, d.id"
            }
            RecordTable::Letters => {
                "SELECT * FROM letters WHERE patient_id = ?1 ORDER BY signed_at, id"
            }
            RecordTable::Referrals => {
                "SELECT * FROM referrals WHERE patient_id = ?1 ORDER BY created_at, id"
            }
            RecordTable::ReferralChanges => {
                "SELECT c.* FROM referral_status_changes c
                 JOIN referrals r ON r.id = c.referral_id
                 WHERE r.patient_id = ?1 ORDER BY c.changed_at, c.id"
            }
            RecordTable::Messages => {
                "SELECT * FROM messages WHERE patient_id = ?1 ORDER BY created_at, id"
            }
        }
    }
}

/// One stored row: its columns by name, as SQLite holds them.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRow {
    /// The query's column names, shared by all its rows.
    names: Rc<[String]>,
    values: Vec<Value>,
}

impl StoredRow {
    fn value(&self, column: &str) -> Option<&Value> {
        self.names
            .iter()
            .position(|name| name == column)
            .and_then(|i| self.values.get(i))
    }

    /// A text column; `None` when null, empty or absent.
    pub fn text(&self, column: &str) -> Option<&str> {
        match self.value(column) {
            Some(Value::Text(t)) if !t.trim().is_empty() => Some(t.as_str()),
            _ => None,
        }
    }

    pub fn int(&self, column: &str) -> Option<i64> {
        match self.value(column) {
            Some(Value::Integer(n)) => Some(*n),
            _ => None,
        }
    }

    pub fn real(&self, column: &str) -> Option<f64> {
        match self.value(column) {
            Some(Value::Real(x)) => Some(*x),
            Some(Value::Integer(n)) => Some(*n as f64),
            _ => None,
        }
    }

    /// A 0/1 column.
    pub fn flag(&self, column: &str) -> bool {
        self.int(column) == Some(1)
    }

    pub fn blob(&self, column: &str) -> Option<&[u8]> {
        match self.value(column) {
            Some(Value::Blob(b)) => Some(b.as_slice()),
            _ => None,
        }
    }
}

fn collect(
    conn: &Connection,
    sql: &str,
    bind: impl rusqlite::Params,
) -> CoreResult<Vec<StoredRow>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let names: Rc<[String]> = stmt.column_names().map(|n| n.to_string()).collect();
    let rows = stmt.query_map(bind, |row| {
        let mut values = Vec::with_capacity(names.len());
        for i in 0..names.len() {
            values.push(row.get::<_, Value>(i)?);
        }
        Ok(StoredRow {
            names: Rc::clone(&names),
            values,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}

/// One table's rows of a patient.
pub fn of_patient(
    conn: &Connection,
    table: RecordTable,
    patient: PatientId,
) -> CoreResult<Vec<StoredRow>> {
    collect(conn, table.sql(), params![patient.to_string()])
}

/// Up to `limit` patients' ids after chart number `after_mrn`, in chart-number order: the
/// practice export's batches.
pub fn patients_after(
    conn: &Connection,
    after_mrn: i64,
    limit: u32,
) -> CoreResult<Vec<(PatientId, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, mrn FROM patients WHERE mrn > ?1 ORDER BY mrn LIMIT ?2")?;
    let rows = stmt.query_map(params![after_mrn, limit], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, mrn) = row?;
        let id = PatientId::parse(&id)
            .ok_or_else(|| CoreError::Corrupt(format!("bad stored patient id {id:?}")))?;
        out.push((id, mrn));
    }
    Ok(out)
}

/// The practice's user accounts with their roles (space-separated in `roles`).
pub fn users(conn: &Connection) -> CoreResult<Vec<StoredRow>> {
    collect(
        conn,
        "SELECT u.*, (SELECT group_concat(role, ' ') FROM user_roles r WHERE r.user_id = u.id)
           AS roles
         FROM users u ORDER BY u.created_at, u.id",
        [],
    )
}

/// The practice's own row (name, address, phone, zone).
pub fn practice(conn: &Connection) -> CoreResult<Vec<StoredRow>> {
    collect(
        conn,
        "SELECT name, address, phone, time_zone FROM practice",
        [],
    )
}

/// The patient with chart number `mrn`, if any.
pub fn patient_by_mrn(conn: &Connection, mrn: i64) -> CoreResult<Option<PatientId>> {
    let mut stmt = conn.prepare_cached("SELECT id FROM patients WHERE mrn = ?1")?;
    let mut rows = stmt.query(params![mrn])?;
    match rows.next()? {
        None => Ok(None),
        Some(row) => {
            let id: String = row.get(0)?;
            PatientId::parse(&id)
                .map(Some)
                .ok_or_else(|| CoreError::Corrupt(format!("bad stored patient id {id:?}")))
        }
    }
}
