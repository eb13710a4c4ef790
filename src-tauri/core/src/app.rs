//! What the running application tells its UI about itself: which screen to show (setup,
//! login, the app), the session, and the practice.

use crate::error::CoreResult;
use crate::practice::Practice;
use crate::session::SessionView;
use crate::workstation::{Workstation, DEMO_PASSWORD};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// Which screen the application is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// First start: set up the practice and its first admin.
    Setup,
    /// The practice exists and is closed: someone must log in to open it.
    Login,
    /// Open: see `session` for who is logged in (or locked).
    Open,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    pub version: String,
    /// Where the chart database lives, shown so staff know what to back up.
    pub database_path: String,
    pub phase: Phase,
    pub session: SessionView,
    /// Known once the practice has been opened.
    pub practice: Option<Practice>,
    #[ts(type = "number")]
    pub patient_count: u64,
    /// Today at the practice, `YYYY-MM-DD`, so the UI never uses the workstation's own clock.
    pub today: String,
    /// The demo users' password, shown on the login screen of the demo practice only.
    pub demo_password: Option<String>,
    /// Idle seconds after which the UI locks the screen (the backend enforces the same).
    pub lock_after_seconds: u32,
}

impl AppInfo {
    /// Before the practice is opened: nothing but the phase is known.
    pub fn closed(version: &str, db_path: &Path, phase: Phase, now: DateTime<Utc>) -> AppInfo {
        AppInfo {
            version: version.to_string(),
            database_path: db_path.display().to_string(),
            phase,
            session: SessionView::LoggedOut,
            practice: None,
            patient_count: 0,
            today: now.date_naive().to_string(),
            demo_password: None,
            lock_after_seconds: 0,
        }
    }

    pub fn open(version: &str, ws: &mut Workstation, now: DateTime<Utc>) -> CoreResult<AppInfo> {
        let practice = ws.practice()?;
        let today = practice.as_ref().map_or(now.date_naive(), |p| p.today(now));
        let demo = practice.as_ref().is_some_and(|p| p.is_demo);
        Ok(AppInfo {
            version: version.to_string(),
            database_path: ws.db_path().display().to_string(),
            phase: Phase::Open,
            session: ws.session(now)?,
            patient_count: ws.db().patient_count()?,
            practice,
            today: today.to_string(),
            demo_password: demo.then(|| DEMO_PASSWORD.to_string()),
            lock_after_seconds: ws.lock_after_seconds()?,
        })
    }
}
