//! Forward-only schema migrations, embedded in the binary and tracked by `PRAGMA user_version`.

use crate::error::{CoreError, CoreResult};
use rusqlite::{Connection, TransactionBehavior};

/// Each step takes the schema from version `index` to `index + 1`. Append only: a released
/// step is never edited, because databases in the field already ran it.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "practice and patients",
        include_str!("../../migrations/0001_practice_and_patients.sql"),
    ),
    (
        "sound-alike and phone-suffix keys",
        include_str!("../../migrations/0002_sound_alike_keys.sql"),
    ),
    (
        "users, audit log and emergency access",
        include_str!("../../migrations/0003_users_audit_access.sql"),
    ),
    (
        "name keys for every script",
        include_str!("../../migrations/0004_name_keys_every_script.sql"),
    ),
    (
        "the clinical chart",
        // One step in several files, one per area, in dependency order.
        concat!(
            include_str!("../../migrations/0005_chart/visits.sql"),
            include_str!("../../migrations/0005_chart/templates.sql"),
            include_str!("../../migrations/0005_chart/diagnoses.sql"),
            include_str!("../../migrations/0005_chart/problems.sql"),
            include_str!("../../migrations/0005_chart/allergies.sql"),
            include_str!("../../migrations/0005_chart/vitals.sql"),
            include_str!("../../migrations/0005_chart/histories.sql"),
            include_str!("../../migrations/0005_chart/search.sql"),
        ),
    ),
    (
        "the schedule",
        concat!(
            include_str!("../../migrations/0006_schedule/setup.sql"),
            include_str!("../../migrations/0006_schedule/appointments.sql"),
            include_str!("../../migrations/0006_schedule/waitlist.sql"),
        ),
    ),
    (
        "prescriptions and medications, and the schedule's reads at scale",
        concat!(
            include_str!("../../migrations/0007_medications/catalogue.sql"),
            include_str!("../../migrations/0007_medications/prescriptions.sql"),
            include_str!("../../migrations/0007_medications/prints.sql"),
            include_str!("../../migrations/0007_medications/schedule_speed.sql"),
        ),
    ),
    (
        "lab results, immunizations and preventive care",
        concat!(
            include_str!("../../migrations/0008_checkup/labs.sql"),
            include_str!("../../migrations/0008_checkup/immunizations.sql"),
            include_str!("../../migrations/0008_checkup/results_inbox.sql"),
            include_str!("../../migrations/0008_checkup/reminders.sql"),
            include_str!("../../migrations/0008_checkup/reports.sql"),
        ),
    ),
    (
        "messages and tasks inside the practice",
        include_str!("../../migrations/0009_messages/messages.sql"),
    ),
    (
        "scanned and imported documents",
        include_str!("../../migrations/0010_documents/documents.sql"),
    ),
    (
        "letters and referrals",
        include_str!("../../migrations/0011_letters/letters.sql"),
    ),
    (
        "every message carries its thread's status",
        include_str!("../../migrations/0012_thread_status/thread_status.sql"),
    ),
    (
        "charts made by a FHIR import remember their source record",
        include_str!("../../migrations/0013_fhir_imports/fhir_imports.sql"),
    ),
    (
        "visits recorded elsewhere, brought in by a FHIR import",
        include_str!("../../migrations/0014_outside_visits/outside_visits.sql"),
    ),
    (
        "lists of appointments read their patients' names from one index",
        include_str!("../../migrations/0015_patient_list_index/patient_list_index.sql"),
    ),
    (
        "blocked time in force is found from one index",
        include_str!("../../migrations/0016_open_blocks_index/open_blocks_index.sql"),
    ),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema to [`SCHEMA_VERSION`] in one transaction: either every pending step is
/// applied or none is. A database from a newer Charta is refused untouched.
pub(super) fn migrate(conn: &mut Connection) -> CoreResult<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(CoreError::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    if found == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Another process may have migrated while we waited for the lock.
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let start = usize::try_from(found).unwrap_or(0);
    for (_name, sql) in MIGRATIONS.iter().skip(start) {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}
