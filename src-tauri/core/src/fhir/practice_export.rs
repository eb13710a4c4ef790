//! The whole practice as FHIR bulk-data NDJSON: one owner-only file per resource type and a
//! `manifest.json`, written into a new folder. Charts are read in chart-number order in
//! batches, each batch read and audited in one transaction and held as NDJSON text until it
//! commits (nothing leaves before its audit rows are kept); a batch ends at a number of charts
//! or of bytes, so memory stays bounded by the batch, not by the practice or its charts' weight.

use super::{practice_resources, PatientRecord};
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult, FieldError};
use crate::permissions::Operation;
use crate::store;
use crate::vault::atomic::{create_private, create_private_dir, sync_parent};
use crate::AsUser;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Charts read (and audited) per transaction at the most.
const BATCH: u32 = 200;
/// A batch also ends once its NDJSON passes this: a practice whose charts each hold a
/// thousand appointments held 2.5 GB of resources per 200 charts (measured, BENCHMARKS.md).
const BATCH_BYTES: usize = 32 << 20;

/// How many resources of one type the export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TypeCount {
    pub resource_type: String,
    pub file: String,
    #[ts(type = "number")]
    pub count: u64,
}

/// How far a practice export is: charts written of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// What a practice export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeExport {
    pub dir: String,
    #[ts(type = "number")]
    pub patients: u64,
    #[ts(type = "number")]
    pub resources: u64,
    pub by_type: Vec<TypeCount>,
}

/// A batch's resources as NDJSON lines per resource type, with their counts.
#[derive(Default)]
struct Lines {
    by_type: BTreeMap<String, (Vec<u8>, u64)>,
    bytes: usize,
}

impl Lines {
    fn push(&mut self, resource: &Value) -> CoreResult<()> {
        let kind = resource["resourceType"].as_str().unwrap_or("Unknown");
        let (text, count) = self.by_type.entry(kind.to_string()).or_default();
        let before = text.len();
        serde_json::to_writer(&mut *text, resource).map_err(std::io::Error::from)?;
        text.push(b'\n');
        *count += 1;
        self.bytes += text.len() - before;
        Ok(())
    }
}

/// One NDJSON file per resource type, opened on its first resource.
struct TypeFiles {
    dir: PathBuf,
    open: BTreeMap<String, (BufWriter<File>, u64)>,
}

impl TypeFiles {
    fn write(&mut self, lines: &Lines) -> CoreResult<()> {
        for (kind, (text, added)) in &lines.by_type {
            if !self.open.contains_key(kind) {
                let file = create_private(&self.dir.join(format!("{kind}.ndjson")))?;
                self.open.insert(kind.clone(), (BufWriter::new(file), 0));
            }
            if let Some((writer, count)) = self.open.get_mut(kind) {
                writer.write_all(text)?;
                *count += added;
            }
        }
        Ok(())
    }

    /// Flushes and syncs every file; answers the counts.
    fn finish(self) -> CoreResult<Vec<TypeCount>> {
        let mut counts = Vec::new();
        for (kind, (writer, count)) in self.open {
            let file = writer.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
            counts.push(TypeCount {
                file: format!("{kind}.ndjson"),
                resource_type: kind,
                count,
            });
        }
        Ok(counts)
    }
}

/// Refuses a folder that already exists: an export never mixes with older files.
fn new_folder(dir: &Path) -> CoreResult<()> {
    if dir.as_os_str().is_empty() {
        return Err(CoreError::Invalid(vec![FieldError::new(
            "dir",
            "Choose a folder to export into",
        )]));
    }
    if dir.exists() {
        return Err(CoreError::Invalid(vec![FieldError::new(
            "dir",
            format!(
                "{} already exists; export into a new folder so no older file is mixed in",
                dir.display()
            ),
        )]));
    }
    create_private_dir(dir)?;
    Ok(())
}

impl AsUser<'_> {
    /// Every chart of the practice as FHIR R4 NDJSON in the new folder `dir`. Admin only; one
    /// `export_practice_fhir` audit row per chart. `progress(done, total)` runs after each batch.
    pub fn export_practice_fhir(
        &mut self,
        dir: &Path,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> CoreResult<PracticeExport> {
        self.export_practice_in_batches(dir, now, progress, BATCH_BYTES)
    }

    /// [`Self::export_practice_fhir`] with batches ending past `batch_bytes` of NDJSON.
    fn export_practice_in_batches(
        &mut self,
        dir: &Path,
        now: DateTime<Utc>,
        progress: &mut dyn FnMut(u64, u64),
        batch_bytes: usize,
    ) -> CoreResult<PracticeExport> {
        self.require(Operation::ExportRecords, "export_practice_fhir", now)?;
        new_folder(dir)?;
        let total = self.db.read(store::patients::count)?;
        let mut files = TypeFiles {
            dir: dir.to_path_buf(),
            open: BTreeMap::new(),
        };
        let mut shared = Lines::default();
        for resource in self.db.read(practice_resources)? {
            shared.push(&resource)?;
        }
        files.write(&shared)?;
        let actor = self.actor;
        let (mut after, mut done) = (0_i64, 0_u64);
        progress(0, total);
        loop {
            let batch = self.db.write_relaxed(|tx| {
                let ids = store::record_rows::patients_after(tx, after, BATCH)?;
                let mut lines = Lines::default();
                let (mut last, mut read) = (None, 0_u64);
                for (patient, mrn) in &ids {
                    let resources = PatientRecord::read(tx, *patient)?.resources();
                    for resource in &resources {
                        lines.push(resource)?;
                    }
                    let event = actor
                        .event(now, "export_practice_fhir", Outcome::Ok)
                        .patient(*patient)
                        .entity("patient", patient)
                        .detail(format!("MRN {mrn}: {} resources", resources.len()));
                    audit::append(tx, &event)?;
                    (last, read) = (Some(*mrn), read + 1);
                    if lines.bytes >= batch_bytes {
                        break;
                    }
                }
                Ok((last, read, lines))
            })?;
            let (last, read, lines) = batch;
            files.write(&lines)?;
            done += read;
            progress(done.min(total), total);
            match last {
                Some(mrn) => after = mrn,
                None => break,
            }
        }
        let by_type = files.finish()?;
        let manifest = json!({
            "transactionTime": store::instant_to_sql(now),
            "request": "charta export-fhir",
            "requiresAccessToken": false,
            "output": by_type.iter().map(|t| json!({
                "type": t.resource_type, "url": t.file, "count": t.count,
            })).collect::<Vec<_>>(),
            "error": [],
        });
        let manifest_path = dir.join("manifest.json");
        let mut file = create_private(&manifest_path)?;
        serde_json::to_writer_pretty(&mut file, &manifest).map_err(std::io::Error::from)?;
        file.sync_all()?;
        sync_parent(&manifest_path)?;
        Ok(PracticeExport {
            dir: dir.display().to_string(),
            patients: done,
            resources: by_type.iter().map(|t| t.count).sum(),
            by_type,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{fully_generated_practice, staffed_practice, test_now};
    use crate::ChartDb;

    /// Batches cut by size write what whole batches write: no chart lost or written twice
    /// where a batch ends.
    #[test]
    fn batches_ended_by_their_size_write_the_same_files() {
        let mut db = ChartDb::open_in_memory().unwrap();
        let staff = staffed_practice(&mut db, test_now()).unwrap();
        fully_generated_practice(&mut db, &staff, 12, 7, test_now()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (whole, cut) = (dir.path().join("whole"), dir.path().join("cut"));
        let mut admin = db.as_user(&staff.admin);
        let mut batches = 0;
        let first = admin
            .export_practice_fhir(&whole, test_now(), &mut |_, _| {})
            .unwrap();
        // One byte: every chart ends its batch.
        let second = admin
            .export_practice_in_batches(&cut, test_now(), &mut |_, _| batches += 1, 1)
            .unwrap();
        assert_eq!((first.patients, second.patients), (12, 12));
        assert_eq!(first.by_type, second.by_type);
        assert!(batches > 12, "one batch per chart: {batches} reports");
        for t in &first.by_type {
            let read = |d: &std::path::Path| std::fs::read(d.join(&t.file)).unwrap();
            assert!(read(&whole) == read(&cut), "{} differs", t.file);
        }
    }
}
