//! FHIR R4 import from another system (an old EMR's export, Synthea, Charta's own export):
//! Bundles and NDJSON, read whole first, each patient matched against the practice (the
//! source record already imported, or the duplicate rules), every supported resource mapped
//! through the same checks the chart's forms use (encounters as read-only outside visits with
//! their notes and diagnoses, the files other DocumentReferences carry as the chart's documents),
//! the rest kept as a document in the chart.
//! A dry run does everything in a transaction that is rolled back; a real run writes one
//! transaction per patient, so an interruption leaves whole charts and a second run picks
//! up where the first stopped.

mod appointments;
mod clinical;
mod documents;
mod encounters;
mod fields;
mod histories;
mod kept;
mod labs;
mod patient;
mod plan;
mod read;
mod screenings;
mod vitals;
mod write;

pub(crate) use encounters::{NULL_FLAVOR, RECORDED_ELSEWHERE};
pub use read::{MAX_BUNDLE_BYTES, MAX_RESOURCE_BYTES};

use crate::audit::Outcome;
use crate::error::CoreResult;
use crate::permissions::Operation;
use crate::practice::{practice_today, practice_zone};
use crate::AsUser;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;
use uuid::Uuid;

/// Something wrong with one resource: which one, where in it, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportIssue {
    /// `Condition/abc` (or the resource type and its place in the file).
    pub resource: String,
    /// The element, as a FHIRPath-like path: `code.coding[0].code`.
    pub path: String,
    pub message: String,
}

impl ImportIssue {
    pub fn new(resource: String, path: &str, message: String) -> Self {
        ImportIssue {
            resource,
            path: path.to_string(),
            message,
        }
    }
}

/// What happened (or, in a dry run, would happen) to one patient of the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ChartOutcome {
    /// A dry run: this chart would be created.
    WouldCreate,
    Created,
    /// The same source record was imported before (a second run, or resuming one).
    AlreadyImported,
    /// The duplicate rules found this person already registered; not imported.
    PossibleDuplicate,
    /// Something in this patient's resources is wrong; nothing of them was imported.
    Invalid,
}

/// A count under a name (a record kind, a resource type, a reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub name: String,
    pub count: u32,
}

fn tallies(map: &BTreeMap<String, u32>) -> Vec<Tally> {
    map.iter()
        .map(|(name, count)| Tally {
            name: name.clone(),
            count: *count,
        })
        .collect()
}

/// One patient's line in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartReport {
    /// The Patient resource (`Patient/abc`).
    pub resource: String,
    /// "Family, Given" as the file has it.
    pub name: String,
    pub birth_date: String,
    pub outcome: ChartOutcome,
    /// The chart number made, or the one it matched.
    pub mrn: Option<u32>,
    /// Why it was matched or refused, in a sentence.
    pub detail: String,
    /// What was (would be) filed: problems, allergies, medications …
    pub records: Vec<Tally>,
    /// Resource types kept in the chart's import document rather than filed.
    pub kept: Vec<Tally>,
    /// Resources left out on purpose, by reason.
    pub skipped: Vec<Tally>,
    pub issues: Vec<ImportIssue>,
    /// Charts of the practice this report names (a possible duplicate): a read of them.
    #[serde(skip)]
    #[ts(skip)]
    pub(crate) shown: Vec<crate::ids::PatientId>,
}

/// The answer to an import or a dry run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub dry_run: bool,
    pub files: u32,
    pub resources: u32,
    pub charts: Vec<ChartReport>,
    pub created: u32,
    pub already_imported: u32,
    pub duplicates: u32,
    pub invalid: u32,
    /// Records filed, over all charts, by kind.
    pub records: Vec<Tally>,
    /// Resources kept as documents, over all charts, by type.
    pub kept: Vec<Tally>,
    /// Resources that are nobody's chart (practitioners, organisations …), by type.
    pub outside: Vec<Tally>,
    /// Resources pointing at a patient the files do not hold.
    pub orphans: Vec<ImportIssue>,
}

/// Progress of a long import: charts done out of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
}

/// Where a chart's new ids come from: derived from the run's namespace (chosen by the
/// caller, random in the app, fixed in tests) and what the id is for, so the same run
/// makes the same ids.
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdSpace(pub Uuid);

impl IdSpace {
    pub fn derive(&self, parts: &[&str]) -> u128 {
        use sha2::{Digest, Sha256};
        let mut h = Sha256::new();
        h.update(self.0.as_bytes());
        for p in parts {
            h.update([0x1f]);
            h.update(p.as_bytes());
        }
        let digest = h.finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        // Shaped as a version-4 UUID, so the ids look like every other id in the file.
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        u128::from_be_bytes(bytes)
    }
}

impl AsUser<'_> {
    /// Imports FHIR R4 files (admin, `ImportRecords`), or with `dry_run` says what an
    /// import would do and changes nothing. `namespace` seeds the new records' ids.
    pub fn import_fhir(
        &mut self,
        files: &[impl AsRef<Path>],
        dry_run: bool,
        namespace: Uuid,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> CoreResult<ImportReport> {
        let action = if dry_run {
            "import_fhir_dry_run"
        } else {
            "import_fhir"
        };
        self.require(Operation::ImportRecords, action, now)?;
        let resources = read::read_files(files)?;
        let resource_count = u32::try_from(resources.len()).unwrap_or(u32::MAX);
        let mut sorted = read::sort(resources);
        let today = practice_today(self.db, now)?;
        let tz = practice_zone(self.db)?;
        let ctx = write::Context {
            actor: self.actor,
            ids: IdSpace(namespace),
            now,
            today,
            tz,
            book: self
                .db
                .read(|conn| crate::csv_import::appointment_rows::Book::read(conn, tz, today))?,
        };
        let mut reopened =
            read::Reopened::new(files.iter().map(|f| f.as_ref().to_path_buf()).collect());
        let queue = std::mem::take(&mut sorted.charts);
        let names = std::mem::take(&mut sorted.names);
        let total = u32::try_from(queue.len()).unwrap_or(u32::MAX);
        // One chart at a time: read whole (its NDJSON lines again), mapped, written, freed.
        let mut each = |tx: &rusqlite::Connection, mut chart: read::Chart| {
            reopened.load(&mut chart)?;
            write::apply(tx, &plan::plan(&chart, &names, now), &ctx, dry_run)
        };
        let mut tell = |i: usize| {
            progress(ImportProgress {
                done: u32::try_from(i + 1).unwrap_or(total),
                total,
            })
        };
        let charts = if dry_run {
            self.db.rehearse(|tx| {
                let mut out = Vec::new();
                for (i, chart) in queue.into_iter().enumerate() {
                    out.push(each(tx, chart)?);
                    tell(i);
                }
                Ok(out)
            })?
        } else {
            let mut out = Vec::new();
            for (i, chart) in queue.into_iter().enumerate() {
                out.push(self.db.write(|tx| each(tx, chart))?);
                tell(i);
            }
            out
        };
        let report = summarise(dry_run, files.len(), resource_count, charts, &sorted);
        // Naming a registered patient as a possible duplicate shows their chart: a read.
        let shown: Vec<crate::ids::PatientId> = report
            .charts
            .iter()
            .flat_map(|c| c.shown.iter().copied())
            .collect();
        if !shown.is_empty() {
            let event = self
                .actor
                .event(now, "duplicate_check", Outcome::Ok)
                .detail(crate::patient::shown_detail(&shown));
            self.db.audit(&event)?;
        }
        let event = self.actor.event(now, action, Outcome::Ok).detail(format!(
            "{} files, {} charts: {} {}, {} already imported, {} possible duplicates, {} invalid",
            report.files,
            report.charts.len(),
            report.created,
            if dry_run {
                "would be created"
            } else {
                "created"
            },
            report.already_imported,
            report.duplicates,
            report.invalid
        ));
        self.db.audit(&event)?;
        Ok(report)
    }
}

fn summarise(
    dry_run: bool,
    files: usize,
    resources: u32,
    charts: Vec<ChartReport>,
    sorted: &read::Sorted,
) -> ImportReport {
    let mut records: BTreeMap<String, u32> = BTreeMap::new();
    let mut kept: BTreeMap<String, u32> = BTreeMap::new();
    let count = |o: ChartOutcome| u32::try_from(charts.iter().filter(|c| c.outcome == o).count());
    for c in &charts {
        if matches!(c.outcome, ChartOutcome::Created | ChartOutcome::WouldCreate) {
            for t in &c.records {
                *records.entry(t.name.clone()).or_default() += t.count;
            }
            for t in &c.kept {
                *kept.entry(t.name.clone()).or_default() += t.count;
            }
        }
    }
    let outside: BTreeMap<String, u32> = sorted
        .outside
        .iter()
        .map(|(k, v)| (k.clone(), u32::try_from(*v).unwrap_or(u32::MAX)))
        .collect();
    ImportReport {
        dry_run,
        files: u32::try_from(files).unwrap_or(u32::MAX),
        resources,
        created: count(if dry_run {
            ChartOutcome::WouldCreate
        } else {
            ChartOutcome::Created
        })
        .unwrap_or(0),
        already_imported: count(ChartOutcome::AlreadyImported).unwrap_or(0),
        duplicates: count(ChartOutcome::PossibleDuplicate).unwrap_or(0),
        invalid: count(ChartOutcome::Invalid).unwrap_or(0),
        charts,
        records: tallies(&records),
        kept: tallies(&kept),
        outside: tallies(&outside),
        orphans: sorted.orphans.clone(),
    }
}
