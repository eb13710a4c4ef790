//! SQL for the patient aggregate: `patients`, its `patient_phones` and `patient_revisions`.

use super::{date_from_sql, instant_from_sql, instant_to_sql};
use crate::dates::age_in_years;
use crate::error::{CoreError, CoreResult};
use crate::ids::PatientId;
use crate::patient::{
    EmergencyContact, Patient, PatientStatus, PatientSummary, Phone, PhoneKind, PostalAddress,
    SexAtBirth, ValidPatient,
};
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

/// Columns read by [`summary_from_row`], with the patients table aliased `p`.
pub const SUMMARY_COLUMNS: &str = "p.id, p.mrn, p.family_name, p.given_name, p.middle_name, \
     p.preferred_name, p.date_of_birth, p.sex_at_birth, p.status, \
     (SELECT number FROM patient_phones WHERE patient_id = p.id ORDER BY position LIMIT 1), \
     p.restricted";

const PATIENT_COLUMNS: &str = "id, mrn, family_name, given_name, middle_name, preferred_name, \
     date_of_birth, sex_at_birth, gender_identity, pronouns, email, address_line1, address_line2, \
     address_city, address_region, address_postal_code, address_country, preferred_language, \
     emergency_name, emergency_relationship, emergency_phone, status, deceased_on, version, \
     created_at, updated_at, restricted";

/// The next chart number. Chart numbers start at 1001 and, since patients are never
/// deleted, are never reused.
pub fn next_mrn(conn: &Connection) -> CoreResult<u32> {
    let max: Option<u32> = conn.query_row("SELECT MAX(mrn) FROM patients", [], |r| r.get(0))?;
    Ok(max.map_or(1001, |m| m + 1))
}

/// Whether a chart number is in use (an imported chart keeps its number only when free).
pub fn mrn_taken(conn: &Connection, mrn: u32) -> CoreResult<bool> {
    let n: i64 = conn
        .prepare_cached("SELECT COUNT(*) FROM patients WHERE mrn = ?1")?
        .query_row([mrn], |r| r.get(0))?;
    Ok(n > 0)
}

/// The columns an insert and an update both write, as named parameters.
const DEMOGRAPHIC_COLUMNS: [&str; 25] = [
    "family_name",
    "given_name",
    "middle_name",
    "preferred_name",
    "date_of_birth",
    "sex_at_birth",
    "gender_identity",
    "pronouns",
    "email",
    "address_line1",
    "address_line2",
    "address_city",
    "address_region",
    "address_postal_code",
    "address_country",
    "preferred_language",
    "emergency_name",
    "emergency_relationship",
    "emergency_phone",
    "status",
    "deceased_on",
    "family_fold",
    "given_fold",
    "family_sound",
    "given_sound",
];

/// A validated patient turned into column values, search keys included.
struct DemographicValues<'a> {
    p: &'a ValidPatient,
    date_of_birth: String,
    deceased_on: Option<String>,
    sex_at_birth: &'static str,
    status: &'static str,
    keys: [String; 4],
}

impl<'a> DemographicValues<'a> {
    fn new(p: &'a ValidPatient) -> Self {
        DemographicValues {
            p,
            date_of_birth: p.date_of_birth.to_string(),
            deceased_on: p.deceased_on.map(|d| d.to_string()),
            sex_at_birth: p.sex_at_birth.as_str(),
            status: p.status.as_str(),
            keys: [
                text::fold(&p.family_name),
                text::fold(&p.given_name),
                text::sound_key(&p.family_name),
                text::sound_key(&p.given_name),
            ],
        }
    }

    /// Values in [`DEMOGRAPHIC_COLUMNS`] order.
    fn values(&self) -> [&dyn ToSql; 25] {
        let p = self.p;
        let contact = p.emergency_contact.as_ref();
        [
            &p.family_name,
            &p.given_name,
            &p.middle_name,
            &p.preferred_name,
            &self.date_of_birth,
            &self.sex_at_birth,
            &p.gender_identity,
            &p.pronouns,
            &p.email,
            &p.address.line1,
            &p.address.line2,
            &p.address.city,
            &p.address.region,
            &p.address.postal_code,
            &p.address.country,
            &p.preferred_language,
            contact.map_or(&NULL, |c| &c.name),
            contact.map_or(&NULL, |c| &c.relationship),
            contact.map_or(&NULL, |c| &c.phone),
            &self.status,
            &self.deceased_on,
            &self.keys[0],
            &self.keys[1],
            &self.keys[2],
            &self.keys[3],
        ]
    }
}

const NULL: Option<String> = None;

/// `?1` … `?25` for the demographic columns; the caller's own parameters follow from `?26`.
fn demographic_placeholders() -> Vec<String> {
    (1..=DEMOGRAPHIC_COLUMNS.len())
        .map(|i| format!("?{i}"))
        .collect()
}

pub fn insert(
    conn: &Connection,
    id: PatientId,
    mrn: u32,
    p: &ValidPatient,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let row = DemographicValues::new(p);
    let sql = format!(
        "INSERT INTO patients ({}, id, mrn, version, created_at, updated_at)
         VALUES ({}, ?26, ?27, 1, ?28, ?28)",
        DEMOGRAPHIC_COLUMNS.join(", "),
        demographic_placeholders().join(", "),
    );
    let (id_text, now) = (id.to_string(), instant_to_sql(now));
    let mut values = row.values().to_vec();
    values.extend([&id_text as &dyn ToSql, &mrn, &now]);
    conn.prepare_cached(&sql)?.execute(values.as_slice())?;
    insert_phones(conn, id, &p.phones)
}

/// Replaces the demographics of patient `id` if it is still at `expected_version`, keeping
/// the replaced version in `patient_revisions`. Returns `false` when the patient moved on.
pub fn update(
    conn: &Connection,
    id: PatientId,
    expected_version: u32,
    p: &ValidPatient,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let Some(previous) = get(conn, id, NaiveDate::MIN)? else {
        return Err(CoreError::NotFound {
            entity: "patient",
            id: id.to_string(),
        });
    };
    if previous.version != expected_version {
        return Ok(false);
    }
    let snapshot = serde_json::to_string(&previous)
        .map_err(|e| CoreError::Corrupt(format!("cannot snapshot patient: {e}")))?;
    conn.execute(
        "INSERT INTO patient_revisions (patient_id, version, snapshot, replaced_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            id.to_string(),
            previous.version,
            snapshot,
            instant_to_sql(now)
        ],
    )?;
    let row = DemographicValues::new(p);
    let assignments: Vec<String> = DEMOGRAPHIC_COLUMNS
        .iter()
        .zip(demographic_placeholders())
        .map(|(column, placeholder)| format!("{column} = {placeholder}"))
        .collect();
    let sql = format!(
        "UPDATE patients SET {}, version = version + 1, updated_at = ?27 WHERE id = ?26",
        assignments.join(", ")
    );
    let (id_text, now) = (id.to_string(), instant_to_sql(now));
    let mut values = row.values().to_vec();
    values.extend([&id_text as &dyn ToSql, &now]);
    conn.prepare_cached(&sql)?.execute(values.as_slice())?;
    conn.execute(
        "DELETE FROM patient_phones WHERE patient_id = ?1",
        params![id_text],
    )?;
    insert_phones(conn, id, &p.phones)?;
    Ok(true)
}

fn id_from(text: &str) -> CoreResult<PatientId> {
    PatientId::parse(text).ok_or_else(|| CoreError::Corrupt(format!("bad patient id {text:?}")))
}

fn insert_phones(conn: &Connection, id: PatientId, phones: &[Phone]) -> CoreResult<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO patient_phones (patient_id, position, kind, number, digits, digits_reversed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (position, phone) in phones.iter().enumerate() {
        let key = text::phone_key(&phone.number);
        let reversed: String = key.chars().rev().collect();
        stmt.execute(params![
            id.to_string(),
            i64::try_from(position).unwrap_or(i64::MAX),
            phone.kind.as_str(),
            phone.number,
            key,
            reversed,
        ])?;
    }
    Ok(())
}

/// The whole record of patient `id`, with the age on `today`.
pub fn get(conn: &Connection, id: PatientId, today: NaiveDate) -> CoreResult<Option<Patient>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PATIENT_COLUMNS} FROM patients WHERE id = ?1"
    ))?;
    let row = stmt
        .query_row(params![id.to_string()], |r| Ok(raw_patient(r)))
        .optional()?;
    let Some(raw) = row else { return Ok(None) };
    let mut patient = raw?;
    patient.age_years = age_in_years(patient.date_of_birth, today);
    patient.phones = phones(conn, id)?;
    Ok(Some(patient))
}

fn phones(conn: &Connection, id: PatientId) -> CoreResult<Vec<Phone>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, number FROM patient_phones WHERE patient_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (kind, number) = row?;
        let kind = PhoneKind::parse(&kind)
            .ok_or_else(|| CoreError::Corrupt(format!("unknown phone kind {kind:?}")))?;
        Ok(Phone { kind, number })
    })
    .collect()
}

fn raw_patient(r: &Row<'_>) -> CoreResult<Patient> {
    let id: String = r.get(0)?;
    let sex: String = r.get(7)?;
    let status: String = r.get(21)?;
    let deceased_on: Option<String> = r.get(22)?;
    let contact_name: Option<String> = r.get(18)?;
    Ok(Patient {
        id: id_from(&id)?,
        mrn: r.get(1)?,
        family_name: r.get(2)?,
        given_name: r.get(3)?,
        middle_name: r.get(4)?,
        preferred_name: r.get(5)?,
        date_of_birth: date_from_sql(&r.get::<_, String>(6)?)?,
        age_years: 0,
        sex_at_birth: SexAtBirth::parse(&sex)
            .ok_or_else(|| CoreError::Corrupt(format!("unknown sex {sex:?}")))?,
        gender_identity: r.get(8)?,
        pronouns: r.get(9)?,
        phones: Vec::new(),
        email: r.get(10)?,
        address: PostalAddress {
            line1: r.get(11)?,
            line2: r.get(12)?,
            city: r.get(13)?,
            region: r.get(14)?,
            postal_code: r.get(15)?,
            country: r.get(16)?,
        },
        preferred_language: r.get(17)?,
        emergency_contact: match contact_name {
            Some(name) => Some(EmergencyContact {
                name,
                relationship: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
                phone: r.get::<_, Option<String>>(20)?.unwrap_or_default(),
            }),
            None => None,
        },
        status: PatientStatus::parse(&status)
            .ok_or_else(|| CoreError::Corrupt(format!("unknown status {status:?}")))?,
        deceased_on: deceased_on.as_deref().map(date_from_sql).transpose()?,
        version: r.get(23)?,
        created_at: instant_from_sql(&r.get::<_, String>(24)?)?,
        updated_at: instant_from_sql(&r.get::<_, String>(25)?)?,
        restricted: r.get(26)?,
    })
}

/// The search-row view of patient `id` (what a list shows of a patient), with the age on
/// `today`; restricted charts come back with their details hidden.
pub fn summary(
    conn: &Connection,
    id: PatientId,
    today: NaiveDate,
) -> CoreResult<Option<PatientSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM patients p WHERE p.id = ?1"
    ))?;
    let row = stmt
        .query_row(params![id.to_string()], |r| Ok(summary_from_row(r, today)))
        .optional()?;
    row.transpose()
}

/// Maps a row selected with [`SUMMARY_COLUMNS`], leaving out what a restricted chart hides.
pub fn summary_from_row(r: &Row<'_>, today: NaiveDate) -> CoreResult<PatientSummary> {
    let id: String = r.get(0)?;
    let sex: String = r.get(7)?;
    let status: String = r.get(8)?;
    let date_of_birth = date_from_sql(&r.get::<_, String>(6)?)?;
    Ok(PatientSummary {
        id: id_from(&id)?,
        mrn: r.get(1)?,
        family_name: r.get(2)?,
        given_name: r.get(3)?,
        middle_name: r.get(4)?,
        preferred_name: r.get(5)?,
        date_of_birth,
        age_years: age_in_years(date_of_birth, today),
        sex_at_birth: SexAtBirth::parse(&sex)
            .ok_or_else(|| CoreError::Corrupt(format!("unknown sex {sex:?}")))?,
        status: PatientStatus::parse(&status)
            .ok_or_else(|| CoreError::Corrupt(format!("unknown status {status:?}")))?,
        primary_phone: r.get(9)?,
        restricted: false,
    }
    .restricted_if(r.get(10)?))
}

/// Patients who may be the same person as the one being registered or edited: same folded
/// family name and birth date, or sharing a phone number. `except` leaves out the patient
/// being edited.
pub fn possible_duplicates(
    conn: &Connection,
    family_name: &str,
    date_of_birth: NaiveDate,
    phone_keys: &[String],
    except: Option<PatientId>,
    today: NaiveDate,
) -> CoreResult<Vec<(PatientSummary, bool, bool)>> {
    let except = except.map(|id| id.to_string()).unwrap_or_default();
    let mut found: Vec<(PatientSummary, bool, bool)> = Vec::new();
    let mut by_name = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM patients p
         WHERE p.family_fold = ?1 AND p.date_of_birth = ?2 AND p.id <> ?3
         ORDER BY p.mrn LIMIT 20"
    ))?;
    let rows = by_name.query_map(
        params![text::fold(family_name), date_of_birth.to_string(), except],
        |r| Ok(summary_from_row(r, today)),
    )?;
    for row in rows {
        found.push((row??, true, false));
    }
    let mut by_phone = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM patients p
         WHERE p.id IN (SELECT patient_id FROM patient_phones WHERE digits = ?1) AND p.id <> ?2
         ORDER BY p.mrn LIMIT 20"
    ))?;
    for key in phone_keys {
        let rows = by_phone.query_map(params![key, except], |r| Ok(summary_from_row(r, today)))?;
        for row in rows {
            let summary = row??;
            match found.iter_mut().find(|(s, _, _)| s.id == summary.id) {
                Some(entry) => entry.2 = true,
                None => found.push((summary, false, true)),
            }
        }
    }
    Ok(found)
}

/// Every replaced version of patient `id`, oldest first, as stored JSON.
pub fn revisions(conn: &Connection, id: PatientId) -> CoreResult<Vec<(u32, String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, snapshot, replaced_at FROM patient_revisions
         WHERE patient_id = ?1 ORDER BY version",
    )?;
    let rows = stmt.query_map(params![id.to_string()], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn count(conn: &Connection) -> CoreResult<u64> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM patients", [], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `Some(restricted)` for a registered patient, `None` for an unknown id.
pub fn is_restricted(conn: &Connection, id: PatientId) -> CoreResult<Option<bool>> {
    Ok(conn
        .prepare_cached("SELECT restricted FROM patients WHERE id = ?1")?
        .query_row(params![id.to_string()], |r| r.get(0))
        .optional()?)
}

pub fn set_restricted(conn: &Connection, id: PatientId, restricted: bool) -> CoreResult<bool> {
    Ok(conn.execute(
        "UPDATE patients SET restricted = ?2 WHERE id = ?1",
        params![id.to_string(), restricted],
    )? == 1)
}

/// Registered patients of this family name, given name and birth date (folded as search
/// folds them): whom a row of another system's appointment list names.
pub fn by_name_and_birth(
    conn: &Connection,
    family_name: &str,
    given_name: &str,
    date_of_birth: NaiveDate,
    today: NaiveDate,
) -> CoreResult<Vec<PatientSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM patients p
         WHERE p.family_fold = ?1 AND p.date_of_birth = ?2 AND p.given_fold = ?3
         ORDER BY p.mrn LIMIT 20"
    ))?;
    let rows = stmt.query_map(
        params![
            text::fold(family_name),
            date_of_birth.to_string(),
            text::fold(given_name)
        ],
        |r| Ok(summary_from_row(r, today)),
    )?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row??);
    }
    Ok(out)
}

/// The patient with chart number `mrn`, as a list shows them.
pub fn summary_by_mrn(
    conn: &Connection,
    mrn: u32,
    today: NaiveDate,
) -> CoreResult<Option<PatientSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM patients p WHERE p.mrn = ?1"
    ))?;
    let row = stmt
        .query_row(params![mrn], |r| Ok(summary_from_row(r, today)))
        .optional()?;
    row.transpose()
}
