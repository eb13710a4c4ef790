//! The desktop crate's error type, and how every error reaches the UI as `{code, message, field?}`.

use charta_core::error::ErrorReport;
use charta_core::CoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum DesktopError {
    #[error(transparent)]
    Core(#[from] CoreError),

    #[error("{0}")]
    Usage(String),

    #[error("No data folder is known for this user; start Charta with --db PATH")]
    NoDataDir,

    #[error("A previous operation failed badly; restart Charta")]
    StatePoisoned,

    #[error("The window system failed: {0}")]
    Tauri(#[from] tauri::Error),
}

impl DesktopError {
    pub fn report(&self) -> ErrorReport {
        match self {
            DesktopError::Core(e) => ErrorReport::from(e),
            other => ErrorReport {
                code: match other {
                    DesktopError::Usage(_) => "usage",
                    DesktopError::NoDataDir => "no_data_dir",
                    DesktopError::StatePoisoned => "internal",
                    _ => "window_system",
                }
                .to_string(),
                message: other.to_string(),
                field: None,
                field_errors: Vec::new(),
            },
        }
    }
}

/// Commands answer with this; serialized it is the `ErrorReport` the UI expects.
impl Serialize for DesktopError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.report().serialize(serializer)
    }
}

pub type CommandResult<T> = Result<T, DesktopError>;
