//! The practice's RxNorm import on a generated 10,000-product release (`rxnorm_import_10k`,
//! one import's wall time: a report, not a budget) and the imported products' word-prefix
//! search over them (`imported_drug_search_10k`, the part of `drug_search` that reads the
//! database).

use super::{time, Report};
use charta_core::ids::DrugImportId;
use charta_core::medications::rxnorm::generated::write_release;
use charta_core::testing::imported_drug_search;
use charta_core::{Actor, ChartDb, CoreError};
use chrono::{DateTime, Utc};
use std::path::Path;

/// Products in the generated release.
const PRODUCTS: u32 = 10_000;

/// What a prescriber types: prefixes, a brand, strengths, a dose form, one letter.
const QUERIES: &[&str] = &[
    "lisin",
    "amox 50",
    "metformin 500 tab",
    "brand105",
    "zorva",
    "oral susp",
    "inhal",
    "a",
    "cream 10",
    "atorvastatin 20",
    "pra lo",
    "nothing like this",
];

pub fn rxnorm_ops(
    report: &mut Report<'_>,
    db: &mut ChartDb,
    admin: &Actor,
    dir: &Path,
    now: DateTime<Utc>,
) -> Result<(), CoreError> {
    let files = dir.join("rxnorm-10k");
    std::fs::create_dir_all(&files)?;
    write_release(&files, PRODUCTS)?;
    let id = DrugImportId::from_u128(0xBE4C_4C00);
    let micros = time(|| db.as_user(admin).import_rxnorm(&files, id, now))?;
    report.print_once("rxnorm_import_10k", micros);
    db.checkpoint()?;
    let mut micros = Vec::with_capacity(report.options.samples);
    for q in QUERIES.iter().cycle().take(report.options.samples) {
        micros.push(time(|| imported_drug_search(db, q, 12))?);
    }
    report.print("imported_drug_search_10k", micros);
    let _ = std::fs::remove_dir_all(&files);
    Ok(())
}
