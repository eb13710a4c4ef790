//! The importer for RxNorm release files a practice downloads itself (the "Current
//! Prescribable Content" subset: `RXNCONSO.RRF`, `RXNSAT.RRF`, `RXNREL.RRF`): prescribable
//! clinical and branded drugs become products keeping their RxCUI, with ingredients, strength,
//! dose form and route, brand names as synonyms; ingredients the vocabulary knows get its codes
//! so the safety checks see them. One transaction: a malformed line is refused with its file
//! and line number and nothing is imported.
//!
//! The files are read and checked whole before anything is written (`release`, `products`);
//! the write is then one transaction (products, search words, the import's row, its audit).

pub mod dose_forms;
#[doc(hidden)]
pub mod generated;
pub mod products;
pub mod release;
pub mod rrf;
pub mod strength;
mod vocabulary;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_import;

use crate::access::AsUser;
use crate::audit::{self, Outcome};
use crate::error::{CoreError, CoreResult};
use crate::ids::DrugImportId;
use crate::permissions::Operation;
use crate::store;
use chrono::{DateTime, Utc};
use rrf::RrfFile;
use serde::Serialize;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// What one import did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DrugImportReport {
    pub id: DrugImportId,
    #[ts(type = "string")]
    pub imported_at: DateTime<Utc>,
    pub imported_by_name: String,
    /// The folder the files came from.
    pub source: String,
    /// Products added or updated (by RxCUI).
    pub products: u32,
    /// Of which already present and updated.
    pub updated: u32,
    /// Ingredients matched to the vocabulary (so checks see them) and not matched.
    pub ingredients_matched: u32,
    pub ingredients_unmatched: u32,
    /// Lines of the files read.
    #[ts(type = "number")]
    pub lines: u64,
    /// Products of the files left out: suppressed, obsolete or for animals only.
    pub skipped: u32,
}

/// The form field errors about the folder are reported against (the screen's path field).
pub const DIR_FIELD: &str = "dir";

/// Where one release file is: in `dir`, or in its `rrf` folder as NLM's zip unpacks.
fn locate(dir: &Path, file: RrfFile) -> Option<PathBuf> {
    [dir.to_path_buf(), dir.join("rrf")]
        .into_iter()
        .map(|d| d.join(file.name()))
        .find(|p| p.is_file())
}

fn open(dir: &Path, file: RrfFile) -> CoreResult<BufReader<File>> {
    let path = locate(dir, file).ok_or_else(|| {
        CoreError::invalid(
            DIR_FIELD,
            format!(
                "{} is missing from {} (the folder needs RXNCONSO.RRF, RXNREL.RRF and RXNSAT.RRF)",
                file.name(),
                dir.display()
            ),
        )
    })?;
    let f = File::open(&path).map_err(|e| {
        CoreError::invalid(
            DIR_FIELD,
            format!("{} could not be opened: {e}", path.display()),
        )
    })?;
    Ok(BufReader::with_capacity(1 << 16, f))
}

/// Reads and checks the release in `dir` into products, writing nothing.
pub fn read_release(dir: &Path) -> CoreResult<(products::Catalogue, u64)> {
    if dir.as_os_str().is_empty() {
        return Err(CoreError::invalid(
            DIR_FIELD,
            "Give the folder that holds RXNCONSO.RRF, RXNREL.RRF and RXNSAT.RRF",
        ));
    }
    if !dir.is_dir() {
        return Err(CoreError::invalid(
            DIR_FIELD,
            format!("{} is not a folder", dir.display()),
        ));
    }
    // Every file is found before the first is read, so a missing one is reported at once.
    let [conso, rel, sat] = RrfFile::ALL.map(|f| open(dir, f));
    let release = release::read(conso?, rel?, sat?)?;
    Ok((products::build(&release), release.lines))
}

impl AsUser<'_> {
    /// Imports the release files in `dir` (admin; audited `import_drug_catalogue`).
    pub fn import_rxnorm(
        &mut self,
        dir: &Path,
        id: DrugImportId,
        now: DateTime<Utc>,
    ) -> CoreResult<DrugImportReport> {
        self.require(Operation::ImportDrugCatalogue, "import_drug_catalogue", now)?;
        let (catalogue, lines) = read_release(dir)?;
        // The log names the folder in full, whatever the working directory was.
        let source = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        let actor = self.actor;
        let mut report = DrugImportReport {
            id,
            imported_at: now,
            imported_by_name: actor.display_name().to_string(),
            source: source.display().to_string(),
            products: u32::try_from(catalogue.products.len()).unwrap_or(u32::MAX),
            updated: 0,
            ingredients_matched: catalogue.ingredients_matched,
            ingredients_unmatched: catalogue.ingredients_unmatched,
            lines,
            skipped: catalogue.skipped,
        };
        self.db.write(|tx| {
            // The import's row first: each product refers to the import that last wrote it.
            store::drug_products::insert_import(tx, &report, actor.user_id())?;
            for built in &catalogue.products {
                if store::drug_products::upsert(tx, &built.product, built.tty, id)? {
                    report.updated += 1;
                }
            }
            store::drug_products::set_updated(tx, id, report.updated)?;
            let event = actor
                .event(now, "import_drug_catalogue", Outcome::Ok)
                .entity("drug_import", id)
                .detail(format!(
                    "RxNorm files from {}: {} products ({} updated, {} skipped), {} ingredients matched to the vocabulary, {} not matched, {} lines",
                    report.source,
                    report.products,
                    report.updated,
                    report.skipped,
                    report.ingredients_matched,
                    report.ingredients_unmatched,
                    report.lines
                ));
            audit::append(tx, &event)?;
            Ok(())
        })?;
        Ok(report)
    }

    /// Past imports, newest first (admin; audited `view_drug_imports`).
    pub fn drug_imports(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<DrugImportReport>> {
        self.require(Operation::ImportDrugCatalogue, "view_drug_imports", now)?;
        let actor = self.actor;
        self.db.write_relaxed(|tx| {
            let imports = store::drug_products::imports(tx)?;
            audit::append(tx, &actor.event(now, "view_drug_imports", Outcome::Ok))?;
            Ok(imports)
        })
    }
}
