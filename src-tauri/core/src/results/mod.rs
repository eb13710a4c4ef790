//! Results arriving and reviewed: HL7 v2.5.1 ORU^R01 result files (a picked file or the
//! admin's watched folder) parsed, matched to the patient by MRN or name + date of birth, held
//! for a human when unsure, refused whole with the segment named when malformed; and each
//! physician's results inbox (abnormal first), sign-off with a comment, and the results letter
//! that notifies the patient. Reports are stored through `store::lab_results`. Tables:
//! `migrations/0008_checkup/results_inbox.sql` (+ `lab_reports` in `labs.sql`).
//!
//! `import_hl7` is called by charta-bench (op `hl7_import`): keep its signature.

mod build;
mod folder;
pub mod hl7;
pub(crate) mod import;
mod inbox;
mod letter;
mod matching;
mod queue;
mod types;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_inbox;

pub use folder::FolderRun;
pub use types::*;

use crate::ids::{Hl7ImportId, LabReportId, PatientId};
use serde::Serialize;
use ts_rs::TS;

/// What became of one result file.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Hl7ImportOutcome {
    /// Attached to the patient the file names (by MRN, or by name and date of birth).
    Matched {
        import: Hl7ImportId,
        patient: PatientId,
        reports: Vec<LabReportId>,
    },
    /// Held in the queue for a human to match.
    Held { import: Hl7ImportId, why: String },
    /// The same bytes were read before (matched or held): nothing imported twice.
    Duplicate {
        import: Hl7ImportId,
        /// The earlier file's status: "matched" or "held".
        status: String,
    },
}
