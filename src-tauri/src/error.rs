//! The desktop crate's error type, and how every error reaches the UI as `{code, message, field?}`.

use charta_core::error::{ErrorCode, ErrorReport};
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
    /// The desktop crate's codes live in charta-core's one `ErrorCode`, so the UI's union
    /// (generated from it) has them all.
    pub fn code(&self) -> ErrorCode {
        match self {
            DesktopError::Core(e) => e.code(),
            DesktopError::Usage(_) => ErrorCode::Usage,
            DesktopError::NoDataDir => ErrorCode::NoDataDir,
            DesktopError::StatePoisoned => ErrorCode::Internal,
            DesktopError::Tauri(_) => ErrorCode::WindowSystem,
        }
    }

    pub fn report(&self) -> ErrorReport {
        match self {
            DesktopError::Core(e) => ErrorReport::from(e),
            other => ErrorReport {
                code: other.code(),
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
