//! SQL for `vitals`: one row per recorded set, in canonical units; rows are inserted once and
//! only ever gain an entered-in-error mark (the table's triggers refuse anything else).

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::chart::common::ErrorMark;
use crate::chart::vitals::validate::ValidVitals;
use crate::chart::vitals::BpPosition;
use crate::error::{CoreError, CoreResult};
use crate::ids::{PatientId, UserId, VisitId, VitalsId};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{named_params, Connection, OptionalExtension, Row};

/// A stored set as read back, before flags are computed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVitals {
    pub id: VitalsId,
    pub patient_id: PatientId,
    pub visit_id: Option<VisitId>,
    pub taken_at: DateTime<Utc>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: UserId,
    pub recorded_by_name: String,
    pub systolic: Option<i64>,
    pub diastolic: Option<i64>,
    pub bp_position: Option<BpPosition>,
    pub pulse: Option<i64>,
    pub respiration: Option<i64>,
    pub temperature_c: Option<f64>,
    pub spo2: Option<i64>,
    pub height_cm: Option<f64>,
    pub weight_kg: Option<f64>,
    pub bmi: Option<f64>,
    /// The earlier set whose height the BMI used: (id, taken at, height).
    pub bmi_height_from: Option<(VitalsId, DateTime<Utc>, f64)>,
    pub head_circumference_cm: Option<f64>,
    pub pain_score: Option<i64>,
    pub entered_in_error: Option<ErrorMark>,
}

const COLUMNS: &str = "v.id, v.patient_id, v.visit_id, v.taken_at, v.recorded_at, v.recorded_by, \
     u.display_name, v.systolic, v.diastolic, v.bp_position, v.pulse, v.respiration, \
     v.temperature_c, v.spo2, v.height_cm, v.weight_kg, v.bmi, v.bmi_height_from, h.taken_at, \
     h.height_cm, v.head_circumference_cm, v.pain_score, v.entered_in_error_at, \
     v.entered_in_error_by, e.display_name, v.entered_in_error_reason";

const FROM: &str = "FROM vitals v JOIN users u ON u.id = v.recorded_by \
     LEFT JOIN vitals h ON h.id = v.bmi_height_from \
     LEFT JOIN users e ON e.id = v.entered_in_error_by";

fn corrupt(what: &str, text: &str) -> CoreError {
    CoreError::Corrupt(format!("bad {what} {text:?} in vitals"))
}

fn from_row(r: &Row<'_>) -> CoreResult<StoredVitals> {
    let text = |i: usize| -> CoreResult<String> { Ok(r.get::<_, String>(i)?) };
    let opt = |i: usize| -> CoreResult<Option<String>> { Ok(r.get::<_, Option<String>>(i)?) };
    let id = text(0)?;
    let patient = text(1)?;
    let recorded_by = text(5)?;
    let visit_id = opt(2)?
        .map(|v| VisitId::parse(&v).ok_or_else(|| corrupt("visit id", &v)))
        .transpose()?;
    let bp_position = opt(9)?
        .map(|p| BpPosition::parse(&p).ok_or_else(|| corrupt("position", &p)))
        .transpose()?;
    let bmi_height_from = match (opt(17)?, opt(18)?, r.get::<_, Option<f64>>(19)?) {
        (Some(hid), Some(at), Some(cm)) => Some((
            VitalsId::parse(&hid).ok_or_else(|| corrupt("vitals id", &hid))?,
            instant_from_sql(&at)?,
            cm,
        )),
        _ => None,
    };
    let entered_in_error = match (opt(22)?, opt(23)?) {
        (Some(at), Some(by)) => Some(ErrorMark {
            at: instant_from_sql(&at)?,
            by: UserId::parse(&by).ok_or_else(|| corrupt("user id", &by))?,
            by_name: opt(24)?.unwrap_or_default(),
            reason: opt(25)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(StoredVitals {
        id: VitalsId::parse(&id).ok_or_else(|| corrupt("vitals id", &id))?,
        patient_id: PatientId::parse(&patient).ok_or_else(|| corrupt("patient id", &patient))?,
        visit_id,
        taken_at: instant_from_sql(&text(3)?)?,
        recorded_at: instant_from_sql(&text(4)?)?,
        recorded_by: UserId::parse(&recorded_by).ok_or_else(|| corrupt("user id", &recorded_by))?,
        recorded_by_name: text(6)?,
        systolic: r.get(7)?,
        diastolic: r.get(8)?,
        bp_position,
        pulse: r.get(10)?,
        respiration: r.get(11)?,
        temperature_c: r.get(12)?,
        spo2: r.get(13)?,
        height_cm: r.get(14)?,
        weight_kg: r.get(15)?,
        bmi: r.get(16)?,
        bmi_height_from,
        head_circumference_cm: r.get(20)?,
        pain_score: r.get(21)?,
        entered_in_error,
    })
}

/// The patient's date of birth, `None` if there is no such patient.
pub fn birth_date(conn: &Connection, patient: PatientId) -> CoreResult<Option<NaiveDate>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT date_of_birth FROM patients WHERE id = ?1",
            [patient.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.as_deref().map(date_from_sql).transpose()
}

/// The patient a set belongs to, `None` if there is no such set.
pub fn patient_of(conn: &Connection, id: VitalsId) -> CoreResult<Option<PatientId>> {
    let text: Option<String> = conn
        .query_row(
            "SELECT patient_id FROM vitals WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    text.map(|t| PatientId::parse(&t).ok_or_else(|| corrupt("patient id", &t)))
        .transpose()
}

/// The newest height taken between `from` and `to` (inclusive) in a set not entered in
/// error: (set, taken at, cm).
pub fn latest_height(
    conn: &Connection,
    patient: PatientId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CoreResult<Option<(VitalsId, DateTime<Utc>, f64)>> {
    let row: Option<(String, String, f64)> = conn
        .query_row(
            "SELECT id, taken_at, height_cm FROM vitals \
             WHERE patient_id = :patient AND taken_at BETWEEN :from AND :to \
               AND height_cm IS NOT NULL AND entered_in_error_at IS NULL \
             ORDER BY taken_at DESC, recorded_at DESC LIMIT 1",
            named_params! {
                ":patient": patient.to_string(),
                ":from": instant_to_sql(from),
                ":to": instant_to_sql(to),
            },
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    row.map(|(id, at, cm)| {
        Ok((
            VitalsId::parse(&id).ok_or_else(|| corrupt("vitals id", &id))?,
            instant_from_sql(&at)?,
            cm,
        ))
    })
    .transpose()
}

/// What one insert writes besides the readings.
pub struct NewVitals<'a> {
    pub id: VitalsId,
    pub patient: PatientId,
    pub visit: Option<VisitId>,
    pub valid: &'a ValidVitals,
    pub bmi: Option<f64>,
    pub bmi_height_from: Option<VitalsId>,
    pub recorded_by: UserId,
    pub recorded_at: DateTime<Utc>,
}

pub fn insert(conn: &Connection, n: &NewVitals<'_>) -> CoreResult<()> {
    let v = n.valid;
    conn.prepare_cached(
        "INSERT INTO vitals (id, patient_id, visit_id, taken_at, recorded_at, recorded_by, \
           systolic, diastolic, bp_position, pulse, respiration, temperature_c, spo2, height_cm, \
           weight_kg, bmi, bmi_height_from, head_circumference_cm, pain_score) \
         VALUES (:id, :patient, :visit, :taken_at, :recorded_at, :recorded_by, :systolic, \
           :diastolic, :bp_position, :pulse, :respiration, :temperature_c, :spo2, :height_cm, \
           :weight_kg, :bmi, :bmi_height_from, :head_circumference_cm, :pain_score)",
    )?
    .execute(named_params! {
        ":id": n.id.to_string(),
        ":patient": n.patient.to_string(),
        ":visit": n.visit.map(|v| v.to_string()),
        ":taken_at": instant_to_sql(v.taken_at),
        ":recorded_at": instant_to_sql(n.recorded_at),
        ":recorded_by": n.recorded_by.to_string(),
        ":systolic": v.systolic,
        ":diastolic": v.diastolic,
        ":bp_position": v.bp_position.map(|p| p.as_str()),
        ":pulse": v.pulse,
        ":respiration": v.respiration,
        ":temperature_c": v.temperature_c,
        ":spo2": v.spo2,
        ":height_cm": v.height_cm,
        ":weight_kg": v.weight_kg,
        ":bmi": n.bmi,
        ":bmi_height_from": n.bmi_height_from.map(|h| h.to_string()),
        ":head_circumference_cm": v.head_circumference_cm,
        ":pain_score": v.pain_score,
    })?;
    Ok(())
}

pub fn get(conn: &Connection, id: VitalsId) -> CoreResult<Option<StoredVitals>> {
    let sql = format!("SELECT {COLUMNS} {FROM} WHERE v.id = ?1");
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([id.to_string()])?;
    match rows.next()? {
        Some(r) => Ok(Some(from_row(r)?)),
        None => Ok(None),
    }
}

/// Every set of the patient, newest first (entered-in-error ones included).
pub fn list(conn: &Connection, patient: PatientId) -> CoreResult<Vec<StoredVitals>> {
    let sql = format!(
        "SELECT {COLUMNS} {FROM} WHERE v.patient_id = ?1 \
         ORDER BY v.taken_at DESC, v.recorded_at DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([patient.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(from_row(r)?);
    }
    Ok(out)
}

/// Marks a set entered in error; `false` if it was already marked.
pub fn mark_entered_in_error(
    conn: &Connection,
    id: VitalsId,
    by: UserId,
    reason: &str,
    at: DateTime<Utc>,
) -> CoreResult<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE vitals SET entered_in_error_at = :at, entered_in_error_by = :by, \
               entered_in_error_reason = :reason \
             WHERE id = :id AND entered_in_error_at IS NULL",
        )?
        .execute(named_params! {
            ":at": instant_to_sql(at),
            ":by": by.to_string(),
            ":reason": reason,
            ":id": id.to_string(),
        })?;
    Ok(n == 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::vitals::VitalsInput;
    use crate::testing::{person, staffed_practice, test_now, Staff};
    use crate::ChartDb;

    fn practice_with_a_set() -> (ChartDb, Staff, VitalsId) {
        let mut db = ChartDb::open_in_memory().unwrap();
        let staff = staffed_practice(&mut db, test_now()).unwrap();
        let patient = PatientId::from_u128(7);
        db.as_user(&staff.physician)
            .register_patient(
                &person("Rowe", "Ada", "1970-01-02", "555 123 4567"),
                true,
                patient,
                test_now(),
            )
            .unwrap();
        let input = VitalsInput {
            systolic: "120".into(),
            diastolic: "80".into(),
            pulse: "70".into(),
            ..Default::default()
        };
        let id = VitalsId::from_u128(1);
        db.as_user(&staff.nurse)
            .record_vitals(patient, None, &input, id, test_now())
            .unwrap();
        (db, staff, id)
    }

    #[test]
    fn the_database_refuses_rewriting_or_deleting_a_recorded_set() {
        let (mut db, _, id) = practice_with_a_set();
        for sql in [
            "UPDATE vitals SET systolic = 200 WHERE id = ?1",
            "UPDATE vitals SET pulse = NULL WHERE id = ?1",
            "UPDATE vitals SET taken_at = '2020-01-01T00:00:00.000000Z' WHERE id = ?1",
            "UPDATE vitals SET bmi = 40 WHERE id = ?1",
            "UPDATE vitals SET bmi_height_from = id WHERE id = ?1",
            "DELETE FROM vitals WHERE id = ?1",
        ] {
            let err = db
                .write(|tx| Ok(tx.execute(sql, [id.to_string()])?))
                .unwrap_err();
            assert!(err.to_string().contains("vitals are never"), "{sql}: {err}");
        }
        assert_eq!(
            db.read(|c| get(c, id)).unwrap().unwrap().systolic,
            Some(120)
        );
    }

    #[test]
    fn a_set_entered_in_error_cannot_be_changed_again() {
        let (mut db, _, id) = practice_with_a_set();
        let by = UserId::from_u128(1);
        assert!(db
            .write(|tx| mark_entered_in_error(tx, id, by, "wrong patient", test_now()))
            .unwrap());
        assert!(!db
            .write(|tx| mark_entered_in_error(tx, id, by, "again", test_now()))
            .unwrap());
        let err = db
            .write(|tx| {
                Ok(tx.execute(
                    "UPDATE vitals SET entered_in_error_reason = 'changed' WHERE id = ?1",
                    [id.to_string()],
                )?)
            })
            .unwrap_err();
        assert!(err.to_string().contains("never rewritten"), "{err}");
        let mark = db
            .read(|c| get(c, id))
            .unwrap()
            .unwrap()
            .entered_in_error
            .unwrap();
        assert_eq!(mark.reason, "wrong patient");
    }

    #[test]
    fn a_set_may_belong_only_to_a_visit_of_the_same_patient() {
        let (mut db, staff, _) = practice_with_a_set();
        let other = PatientId::from_u128(8);
        db.as_user(&staff.physician)
            .register_patient(
                &person("Vale", "Bo", "1990-05-06", "555 987 6543"),
                true,
                other,
                test_now(),
            )
            .unwrap();
        let visit = VisitId::from_u128(70);
        let physician = staff.physician.user_id().to_string();
        db.write(|tx| {
            tx.execute(
                "INSERT INTO visits (id, patient_id, provider_id, started_at, visit_type, reason, \
                   created_at, created_by) VALUES (?1, ?2, ?3, ?4, 'office', 'check-up', ?4, ?3)",
                [
                    visit.to_string(),
                    PatientId::from_u128(7).to_string(),
                    physician,
                    instant_to_sql(test_now()),
                ],
            )?;
            Ok(())
        })
        .unwrap();
        let input = VitalsInput {
            pulse: "80".into(),
            ..Default::default()
        };
        let err = db
            .as_user(&staff.nurse)
            .record_vitals(
                other,
                Some(visit),
                &input,
                VitalsId::from_u128(2),
                test_now(),
            )
            .unwrap_err();
        assert_eq!(err.field_errors()[0].field, "visitId", "{err}");
        assert!(db.read(|c| list(c, other)).unwrap().is_empty());

        let set = db
            .as_user(&staff.nurse)
            .record_vitals(
                PatientId::from_u128(7),
                Some(visit),
                &input,
                VitalsId::from_u128(3),
                test_now(),
            )
            .unwrap();
        assert_eq!(set.visit_id, Some(visit));
    }
}
