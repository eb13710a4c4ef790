//! The whole practice as FHIR bulk-data NDJSON: one owner-only file per resource type and a
//! `manifest.json`, written into a new folder. Charts are read in chart-number order in
//! batches, each batch read and audited in one transaction, so memory stays bounded by the
//! batch and not by the practice.

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

/// Charts read (and audited) per transaction.
const BATCH: u32 = 200;

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

/// One NDJSON file per resource type, opened on its first resource.
struct TypeFiles {
    dir: PathBuf,
    open: BTreeMap<String, (BufWriter<File>, u64)>,
}

impl TypeFiles {
    fn write(&mut self, resource: &Value) -> CoreResult<()> {
        let kind = resource["resourceType"].as_str().unwrap_or("Unknown");
        if !self.open.contains_key(kind) {
            let file = create_private(&self.dir.join(format!("{kind}.ndjson")))?;
            self.open
                .insert(kind.to_string(), (BufWriter::new(file), 0));
        }
        if let Some((writer, count)) = self.open.get_mut(kind) {
            serde_json::to_writer(&mut *writer, resource).map_err(std::io::Error::from)?;
            writer.write_all(b"\n")?;
            *count += 1;
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
        self.require(Operation::ExportRecords, "export_practice_fhir", now)?;
        new_folder(dir)?;
        let total = self.db.read(store::patients::count)?;
        let mut files = TypeFiles {
            dir: dir.to_path_buf(),
            open: BTreeMap::new(),
        };
        for resource in self.db.read(practice_resources)? {
            files.write(&resource)?;
        }
        let actor = self.actor;
        let (mut after, mut done) = (0_i64, 0_u64);
        progress(0, total);
        loop {
            let batch = self.db.write_relaxed(|tx| {
                let ids = store::record_rows::patients_after(tx, after, BATCH)?;
                let mut resources = Vec::new();
                for (patient, mrn) in &ids {
                    let record = PatientRecord::read(tx, *patient)?;
                    let before = resources.len();
                    resources.extend(record.resources());
                    let event = actor
                        .event(now, "export_practice_fhir", Outcome::Ok)
                        .patient(*patient)
                        .entity("patient", patient)
                        .detail(format!("MRN {mrn}: {} resources", resources.len() - before));
                    audit::append(tx, &event)?;
                }
                Ok((ids.last().map(|(_, mrn)| *mrn), ids.len() as u64, resources))
            })?;
            let (last, read, resources) = batch;
            for resource in &resources {
                files.write(resource)?;
            }
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
