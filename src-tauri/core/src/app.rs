//! What the running application tells its UI about itself.

use crate::practice::Practice;
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Where the chart database lives, shown so staff know what to back up.
    pub database_path: String,
    /// `None` until the practice is set up.
    pub practice: Option<Practice>,
    #[ts(type = "number")]
    pub patient_count: u64,
    /// Today at the practice, `YYYY-MM-DD`, so the UI never uses the workstation's own clock.
    pub today: String,
}
