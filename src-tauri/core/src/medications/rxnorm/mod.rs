//! The importer for RxNorm release files a practice downloads itself (the "Current
//! Prescribable Content" subset: `RXNCONSO.RRF`, `RXNSAT.RRF`, `RXNREL.RRF`): prescribable
//! clinical and branded drugs become products keeping their RxCUI, with ingredients, strength,
//! dose form and route, brand names as synonyms; ingredients the vocabulary knows get its codes
//! so the safety checks see them. One transaction: a malformed line is refused with its file
//! and line number and nothing is imported.

use super::not_built;
use crate::access::AsUser;
use crate::error::CoreResult;
use crate::ids::DrugImportId;
use crate::permissions::Operation;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;
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
    pub lines: u64,
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
        let _ = (dir, id);
        Err(not_built("the RxNorm import"))
    }

    /// Past imports, newest first (admin; audited `view_drug_imports`).
    pub fn drug_imports(&mut self, now: DateTime<Utc>) -> CoreResult<Vec<DrugImportReport>> {
        self.require(Operation::ImportDrugCatalogue, "view_drug_imports", now)?;
        Err(not_built("the RxNorm import"))
    }
}
