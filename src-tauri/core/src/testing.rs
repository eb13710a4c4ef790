//! Helpers for tests across the workspace: a practice with users of each role, at fixed ids.
//! Creates accounts in the database only; passwords (the keystore) are not involved.

use crate::access::Actor;
use crate::db::ChartDb;
use crate::error::CoreResult;
use crate::ids::UserId;
use crate::patient::{PatientDraft, PatientStatus, Phone, PhoneKind, PostalAddress, SexAtBirth};
use crate::permissions::Role;
use crate::practice::PracticeDraft;
use crate::users::UserDraft;
use chrono::{DateTime, TimeZone, Utc};

/// 26 Nov 2026, 15:00 UTC: the fixed "now" of tests.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 15, 0, 0)
        .single()
        .unwrap_or_default()
}

pub fn user_draft(username: &str, roles: &[Role]) -> UserDraft {
    UserDraft {
        username: username.into(),
        display_name: format!("Test {username}"),
        roles: roles.to_vec(),
        licence_number: String::new(),
        npi: String::new(),
        dea: String::new(),
    }
}

/// The actors of a test practice.
#[derive(Debug, Clone)]
pub struct Staff {
    pub admin: Actor,
    pub physician: Actor,
    pub nurse: Actor,
    pub front_desk: Actor,
}

/// Sets up the practice (New York time) with an admin, a physician, a nurse and a front
/// desk user.
pub fn staffed_practice(db: &mut ChartDb, now: DateTime<Utc>) -> CoreResult<Staff> {
    db.set_up_practice(
        &PracticeDraft::new("Test Practice", "", "", "America/New_York"),
        now,
    )?;
    let admin = db.create_first_admin(
        &user_draft("admin", &[Role::Admin]),
        UserId::from_u128(1),
        now,
    )?;
    let mut make = |name: &str, role: Role, n: u128| -> CoreResult<Actor> {
        let mut draft = user_draft(name, &[role]);
        if role == Role::Physician {
            // A prescriber (synthetic credentials with valid check digits).
            draft.licence_number = "TEST-12345".into();
            draft.npi = "1234567893".into();
            draft.dea = "BD1111119".into();
        }
        let user = db
            .as_user(&admin)
            .create_user(&draft, UserId::from_u128(n), now)?;
        db.actor(user.id)
    };
    let physician = make("doc", Role::Physician, 2)?;
    let nurse = make("nurse", Role::Nurse, 3)?;
    let front_desk = make("desk", Role::FrontDesk, 4)?;
    Ok(Staff {
        admin,
        physician,
        nurse,
        front_desk,
    })
}

/// A registration form with just the fields a test cares about (no phone when `phone` is "").
pub fn person(family: &str, given: &str, dob: &str, phone: &str) -> PatientDraft {
    PatientDraft {
        family_name: family.into(),
        given_name: given.into(),
        middle_name: String::new(),
        preferred_name: String::new(),
        date_of_birth: dob.into(),
        sex_at_birth: Some(SexAtBirth::Female),
        gender_identity: String::new(),
        pronouns: String::new(),
        phones: if phone.is_empty() {
            vec![]
        } else {
            vec![Phone {
                kind: PhoneKind::Mobile,
                number: phone.into(),
            }]
        },
        email: String::new(),
        address: PostalAddress::default(),
        preferred_language: String::new(),
        emergency_contact: None,
        status: PatientStatus::Active,
        deceased_on: String::new(),
    }
}

/// What someone with the key (and the file) can do to the audit log: drop its append-only
/// triggers and delete every row from `from_seq` on. For tests of the audit anchor.
pub fn cut_audit_tail(db: &mut ChartDb, from_seq: i64) -> CoreResult<()> {
    db.write(|tx| {
        tx.execute_batch(
            "DROP TRIGGER audit_log_is_append_only_u; DROP TRIGGER audit_log_is_append_only_d;",
        )?;
        tx.execute("DELETE FROM audit_log WHERE seq >= ?1", [from_seq])?;
        Ok(())
    })
}

/// A bare office visit for tests of the areas that hang off visits (diagnoses, problems),
/// written straight into the table so they need not wait on the visit operations.
pub fn insert_test_visit(
    db: &mut ChartDb,
    id: crate::ids::VisitId,
    patient: crate::ids::PatientId,
    provider: &Actor,
    started: DateTime<Utc>,
    reason: &str,
) -> CoreResult<()> {
    let at = crate::store::instant_to_sql(started);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO visits (id, patient_id, provider_id, started_at, visit_type, reason,
                                 created_at, created_by)
             VALUES (?1, ?2, ?3, ?4, 'office', ?5, ?4, ?3)",
            rusqlite::params![
                id.to_string(),
                patient.to_string(),
                provider.user_id().to_string(),
                at,
                reason
            ],
        )?;
        Ok(())
    })
}

/// Signs a test visit's note as `by` at `at` (see [`insert_test_visit`]).
pub fn sign_test_visit(
    db: &mut ChartDb,
    id: crate::ids::VisitId,
    by: &Actor,
    at: DateTime<Utc>,
) -> CoreResult<()> {
    db.write(|tx| {
        tx.execute(
            "UPDATE visits SET signed_at = ?2, signed_by = ?3 WHERE id = ?1",
            rusqlite::params![
                id.to_string(),
                crate::store::instant_to_sql(at),
                by.user_id().to_string()
            ],
        )?;
        Ok(())
    })
}

/// The recurrence tests' practice (Chicago time): the staffed practice, its physician on the
/// schedule with availability Monday–Friday 08:00–17:00, a registered patient, and a
/// practice holiday blocking Thursday 24 December 2026 all day. Written straight into the
/// tables so the series tests need not wait on the set-up operations.
pub fn schedule_recurrence_practice(
    db: &mut ChartDb,
    now: DateTime<Utc>,
) -> CoreResult<(Staff, crate::ids::PatientId)> {
    let staff = staffed_practice(db, now)?;
    let patient = crate::ids::PatientId::from_u128(0x5e71e5);
    db.as_user(&staff.front_desk).register_patient(
        &person("Series", "Sam", "1970-04-02", ""),
        true,
        patient,
        now,
    )?;
    let at = crate::store::instant_to_sql(now);
    let doc = staff.physician.user_id().to_string();
    let zone: chrono_tz::Tz = "America/Chicago".parse().unwrap_or(chrono_tz::Tz::UTC);
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
    let (holiday_from, _) = crate::schedule::time::day_bounds(zone, day(24));
    let (holiday_to, _) = crate::schedule::time::day_bounds(zone, day(25));
    db.write(|tx| {
        tx.execute("UPDATE practice SET time_zone = 'America/Chicago'", [])?;
        tx.execute(
            "INSERT INTO schedule_providers (user_id, colour, display_order, active, updated_at)
             VALUES (?1, '#2f6fb0', 1, 1, ?2)",
            rusqlite::params![doc, at],
        )?;
        tx.execute(
            "INSERT INTO availability_templates (id, provider_id, effective_from, created_at)
             VALUES ('00000000-0000-0000-0000-00000000a001', ?1, '2026-01-01', ?2)",
            rusqlite::params![doc, at],
        )?;
        for weekday in 1..=5 {
            tx.execute(
                "INSERT INTO availability_intervals (template_id, weekday, starts, ends)
                 VALUES ('00000000-0000-0000-0000-00000000a001', ?1, '08:00', '17:00')",
                [weekday],
            )?;
        }
        tx.execute(
            "INSERT INTO schedule_blocks (id, provider_id, starts_at, ends_at, kind, reason,
                created_at)
             VALUES ('00000000-0000-0000-0000-00000000b001', NULL, ?1, ?2, 'holiday',
                'Christmas Eve', ?3)",
            rusqlite::params![
                crate::store::instant_to_sql(holiday_from),
                crate::store::instant_to_sql(holiday_to),
                at
            ],
        )?;
        Ok(())
    })?;
    Ok((staff, patient))
}

/// Every occurrence of a series, in occurrence order, read past the door (for tests that
/// must see rows no screen lists yet).
pub fn series_occurrences(
    db: &ChartDb,
    series: crate::ids::SeriesId,
) -> CoreResult<Vec<crate::schedule::Appointment>> {
    db.read(|conn| crate::store::series::occurrences(conn, series))
}

/// The `change` column of an appointment's history rows, oldest first.
pub fn history_changes(db: &ChartDb, id: crate::ids::AppointmentId) -> CoreResult<Vec<String>> {
    db.read(|conn| {
        let mut stmt = conn.prepare(
            "SELECT change FROM appointment_history WHERE appointment_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    })
}

/// How many appointment rows and series rows the database holds.
pub fn schedule_row_counts(db: &ChartDb) -> CoreResult<(i64, i64)> {
    db.read(|conn| {
        Ok(conn.query_row(
            "SELECT (SELECT count(*) FROM appointments), (SELECT count(*) FROM appointment_series)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })
}

/// A series' `split_from` and `ended_after`.
pub fn series_split(
    db: &ChartDb,
    series: crate::ids::SeriesId,
) -> CoreResult<(Option<String>, Option<i64>)> {
    db.read(|conn| {
        Ok(conn.query_row(
            "SELECT split_from, ended_after FROM appointment_series WHERE id = ?1",
            [series.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })
}

// ---- The next free slot and the wait list (slots helper) ----

/// Puts `user` on the schedule as a provider at `order`, straight into the table so the
/// schedule's tests need not wait on the set-up operations. With no availability template
/// the practice's hours (Mon–Fri 08:00–17:00 seeded) are theirs.
pub fn add_test_schedule_provider(
    db: &mut ChartDb,
    user: UserId,
    order: i64,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    db.write(|tx| {
        tx.execute(
            "INSERT INTO schedule_providers (user_id, colour, display_order, active, updated_at)
             VALUES (?1, '#336699', ?2, 1, ?3)",
            rusqlite::params![user.to_string(), order, crate::store::instant_to_sql(now)],
        )?;
        Ok(())
    })
}

/// Blocked time straight into the table (see [`add_test_schedule_provider`]); `provider`
/// `None` blocks the whole practice.
pub fn add_test_block(
    db: &mut ChartDb,
    id: crate::ids::BlockId,
    provider: Option<UserId>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    db.write(|tx| {
        tx.execute(
            "INSERT INTO schedule_blocks (id, provider_id, starts_at, ends_at, kind, reason,
                                          created_at)
             VALUES (?1, ?2, ?3, ?4, 'meeting', 'test', ?5)",
            rusqlite::params![
                id.to_string(),
                provider.map(|p| p.to_string()),
                crate::store::instant_to_sql(from),
                crate::store::instant_to_sql(to),
                crate::store::instant_to_sql(now)
            ],
        )?;
        Ok(())
    })
}

// ---- Prescribing and the medication list (prescribing helper) ----

/// Puts `product` among the practice's imported products, straight into the tables, so the
/// prescribing tests have products whatever the compiled formulary holds.
pub fn insert_test_product(
    db: &mut ChartDb,
    product: &crate::medications::Product,
    by: UserId,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let json = serde_json::to_string(product)
        .map_err(|e| crate::error::CoreError::Corrupt(e.to_string()))?;
    let at = crate::store::instant_to_sql(now);
    db.write(|tx| {
        tx.execute(
            "INSERT OR IGNORE INTO drug_imports (id, imported_at, imported_by, source, products,
                 updated, skipped, ingredients_matched, ingredients_unmatched, lines)
             VALUES ('00000000-0000-0000-0000-0000000d1001', ?1, ?2, 'test', 0, 0, 0, 0, 0, 0)",
            rusqlite::params![at, by.to_string()],
        )?;
        tx.execute(
            "INSERT INTO drug_products (code, rxcui, name, tty, product, search_text, sort_key, import_id)
             VALUES (?1, ?2, ?3, 'SCD', ?4, ?3, lower(?3), '00000000-0000-0000-0000-0000000d1001')",
            rusqlite::params![
                product.code,
                product
                    .rxcui
                    .clone()
                    .unwrap_or_else(|| product.code.clone()),
                product.name,
                json
            ],
        )?;
        Ok(())
    })
}

/// Tries to rewrite a medication's quantity with plain SQL, past the door, as someone with
/// the key could: the never-rewritten trigger must refuse it for a signed prescription.
pub fn rewrite_medication_quantity(
    db: &mut ChartDb,
    id: crate::ids::MedicationId,
    quantity: f64,
) -> CoreResult<usize> {
    db.write(|tx| {
        Ok(tx.execute(
            "UPDATE medications SET quantity = ?2 WHERE id = ?1",
            rusqlite::params![id.to_string(), quantity],
        )?)
    })
}

/// Tries to delete a medication with plain SQL (the delete trigger must refuse it).
pub fn delete_medication(db: &mut ChartDb, id: crate::ids::MedicationId) -> CoreResult<usize> {
    db.write(|tx| {
        Ok(tx.execute(
            "DELETE FROM medications WHERE id = ?1",
            rusqlite::params![id.to_string()],
        )?)
    })
}

// --- RxNorm import (owner: medications::rxnorm) ---

/// The imported products' own word-prefix search (`store::drug_products::search`), as the
/// formulary's drug search calls it: for the benchmark, which measures it alone.
pub fn imported_drug_search(
    db: &ChartDb,
    query: &str,
    limit: usize,
) -> CoreResult<Vec<crate::medications::Product>> {
    let words: Vec<String> = crate::store::drug_products::words(query).collect();
    db.read(|c| crate::store::drug_products::search(c, &words, limit))
}

// --- Preventive-care reminders (owner: reminders) ---

/// Writes one lab result (a report of one result) the way every lab writer does, for the
/// reminders' satisfier tests: `outside` makes it an outside result.
pub fn insert_test_lab(
    db: &mut ChartDb,
    patient: crate::ids::PatientId,
    loinc: &str,
    collected_at: DateTime<Utc>,
    outside: bool,
    n: u128,
) -> CoreResult<()> {
    use crate::labs::{LabFlag, LabValue, NewLabReport, NewLabResult, ReportSource, ResultStatus};
    let report = NewLabReport {
        id: crate::ids::LabReportId::from_u128(n),
        patient,
        source: if outside {
            ReportSource::Outside
        } else {
            ReportSource::Manual
        },
        panel_code: Some(loinc.into()),
        panel_name: format!("test {loinc}"),
        responsible: None,
        collected_at,
        received_at: collected_at,
        performing_lab: None,
        status: ResultStatus::Final,
        hl7_import: None,
        placer_order: None,
        entered_by: UserId::from_u128(2),
        entered_at: collected_at,
        results: vec![NewLabResult {
            id: crate::ids::LabResultId::from_u128(n),
            loinc: loinc.into(),
            name: format!("test {loinc}"),
            value: LabValue::Text("negative".into()),
            unit: None,
            canonical_value: None,
            canonical_unit: None,
            ref_low: None,
            ref_high: None,
            ref_text: None,
            flag: LabFlag::None,
            lab_flag: None,
            status: ResultStatus::Final,
            comment: None,
            supersedes: None,
        }],
    };
    db.write(|tx| crate::store::lab_results::insert_report(tx, &report))
}

/// Tries plain SQL on a reminder decision and a screening procedure (`sql`, with `?1` the
/// id): the triggers must refuse rewriting and deleting.
pub fn raw_reminder_sql(db: &mut ChartDb, sql: &str, id: &str) -> CoreResult<usize> {
    db.write(|tx| Ok(tx.execute(sql, rusqlite::params![id])?))
}

/// Runs plain SQL in a transaction, for tests that check the triggers refuse deleting or
/// rewriting records.
pub fn raw_sql(db: &mut ChartDb, sql: &str) -> CoreResult<usize> {
    db.write(|tx| Ok(tx.execute(sql, [])?))
}

/// Writes a critical potassium report for `physician` to sign off (the header badge counts it).
pub fn insert_critical_lab(
    db: &mut ChartDb,
    patient: crate::ids::PatientId,
    physician: UserId,
    collected_at: DateTime<Utc>,
    n: u128,
) -> CoreResult<()> {
    use crate::labs::{LabFlag, LabValue, NewLabReport, NewLabResult, ReportSource, ResultStatus};
    let report = NewLabReport {
        id: crate::ids::LabReportId::from_u128(n),
        patient,
        source: ReportSource::Manual,
        panel_code: Some("2823-3".into()),
        panel_name: "Potassium".into(),
        responsible: Some(physician),
        collected_at,
        received_at: collected_at,
        performing_lab: None,
        status: ResultStatus::Final,
        hl7_import: None,
        placer_order: None,
        entered_by: physician,
        entered_at: collected_at,
        results: vec![NewLabResult {
            id: crate::ids::LabResultId::from_u128(n),
            loinc: "2823-3".into(),
            name: "Potassium".into(),
            value: LabValue::Number(6.9),
            unit: Some("mmol/L".into()),
            canonical_value: Some(6.9),
            canonical_unit: Some("mmol/L".into()),
            ref_low: Some(3.5),
            ref_high: Some(5.1),
            ref_text: None,
            flag: LabFlag::CriticalHigh,
            lab_flag: None,
            status: ResultStatus::Final,
            comment: None,
            supersedes: None,
        }],
    };
    db.write(|tx| crate::store::lab_results::insert_report(tx, &report))
}

/// A generated practice with every kind of record (charts with one 700-visit patient,
/// medications, check-up results, immunizations and screening procedures, a schedule,
/// correspondence): the FHIR export's tests and benchmark. Answers the patients and the heavy
/// charts.
pub fn fully_generated_practice(
    db: &mut ChartDb,
    staff: &Staff,
    patients: u32,
    seed: u64,
    now: DateTime<Utc>,
) -> CoreResult<(Vec<crate::PatientId>, Vec<crate::PatientId>)> {
    use crate::synth::correspondence::CorrespondenceStaff;
    use crate::synth::{ChartProviders, PracticeGenerator, ScheduleProviders};
    let ids = db.add_generated_patients(&mut PracticeGenerator::new(seed), patients, 1, now)?;
    let providers = ChartProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
    };
    let charts = db.add_generated_charts(seed, &providers, now)?;
    db.add_generated_medications(seed, &providers, now)?;
    db.add_generated_checkup(seed, &providers, now)?;
    db.add_generated_screenings(seed, &providers, now)?;
    let who = ScheduleProviders {
        physicians: vec![staff.physician.user_id()],
        nurse: Some(staff.nurse.user_id()),
        desk: Some(staff.front_desk.user_id()),
    };
    db.add_generated_schedule_years(seed, &who, 1, now)?;
    db.add_generated_correspondence(
        seed,
        &CorrespondenceStaff {
            physicians: vec![staff.physician.user_id()],
            nurse: staff.nurse.user_id(),
            desk: staff.front_desk.user_id(),
        },
        now,
    )?;
    Ok((ids, charts.heavy))
}
