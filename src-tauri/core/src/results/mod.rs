//! Results arriving and reviewed: HL7 v2.5.1 ORU^R01 result files (a picked file or the
//! admin's watched folder) parsed, matched to the patient by MRN or name + date of birth, held
//! for a human when unsure, refused whole with the segment named when malformed; and each
//! physician's results inbox (abnormal first), sign-off with a comment, and the results letter
//! that notifies the patient. Reports are stored through `store::lab_results`. Tables:
//! `migrations/0008_checkup/results_inbox.sql` (+ `lab_reports` in `labs.sql`).
//!
//! OWNER: results helper. `import_hl7` is called by charta-bench (op `hl7_import`): keep its
//! signature; the outcome type may gain fields.

use crate::access::AsUser;
use crate::error::{not_built, CoreResult};
use crate::ids::{Hl7ImportId, LabReportId, PatientId};
use chrono::{DateTime, Utc};
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
}

impl AsUser<'_> {
    /// Reads one ORU^R01 file (`ImportResults`): all of it or nothing. A malformed file is an
    /// invalid-input error naming the segment (and line); nothing is written but the refusal's
    /// audit row.
    pub fn import_hl7(
        &mut self,
        _file_name: &str,
        _bytes: &[u8],
        _id: Hl7ImportId,
        _now: DateTime<Utc>,
    ) -> CoreResult<Hl7ImportOutcome> {
        Err(not_built("result file import"))
    }
}
