//! The one error type of `charta-core`, and the one list of stable codes the UI can branch on
//! (the desktop crate's own codes included, so the generated TypeScript union is complete).

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// Every code an error can reach the UI with, serialized in snake_case. The TypeScript union is
/// generated from this enum, so a new code cannot be forgotten in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    InvalidInput,
    NotFound,
    Conflict,
    SchemaTooNew,
    Database,
    WrongKey,
    CorruptData,
    Forbidden,
    Restricted,
    Unauthenticated,
    SessionLocked,
    Io,
    /// The practice file could not be reopened (a failed restore): nothing more is written
    /// until Charta restarts.
    RestartRequired,
    /// Desktop: a bad command line or request the UI should not have sent.
    Usage,
    /// Desktop: no data folder is known for this user.
    NoDataDir,
    /// Desktop: a previous operation failed badly; restart.
    Internal,
    /// Desktop: the window system failed.
    WindowSystem,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 17] = [
        ErrorCode::InvalidInput,
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::SchemaTooNew,
        ErrorCode::Database,
        ErrorCode::WrongKey,
        ErrorCode::CorruptData,
        ErrorCode::Forbidden,
        ErrorCode::Restricted,
        ErrorCode::Unauthenticated,
        ErrorCode::SessionLocked,
        ErrorCode::Io,
        ErrorCode::RestartRequired,
        ErrorCode::Usage,
        ErrorCode::NoDataDir,
        ErrorCode::Internal,
        ErrorCode::WindowSystem,
    ];

    /// The code as it travels: the same text serde writes.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::Database => "database",
            ErrorCode::WrongKey => "wrong_key",
            ErrorCode::CorruptData => "corrupt_data",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::Restricted => "restricted",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::SessionLocked => "session_locked",
            ErrorCode::Io => "io",
            ErrorCode::RestartRequired => "restart_required",
            ErrorCode::Usage => "usage",
            ErrorCode::NoDataDir => "no_data_dir",
            ErrorCode::Internal => "internal",
            ErrorCode::WindowSystem => "window_system",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// So tests and callers can compare with the text the UI sees: `err.code() == "forbidden"`.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for ErrorCode {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// One problem with one input field, worded for the person at the keyboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldError {
    /// The field's path in the submitted form, e.g. `dateOfBirth` or `phones.1.number`.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// Input was rejected; nothing was written.
    #[error("{}", .0.first().map(|e| e.message.as_str()).unwrap_or("The form has errors"))]
    Invalid(Vec<FieldError>),

    #[error("No {entity} with id {id}")]
    NotFound { entity: &'static str, id: String },

    /// Someone else saved the record after it was opened here.
    #[error(
        "This {entity} was changed since you opened it; reload it and apply your change again"
    )]
    Conflict { entity: &'static str },

    /// The file was written by a newer Charta; opening it could damage it.
    #[error("This chart database was created by a newer version of Charta (schema {found}, this version knows up to {supported}); update Charta to open it")]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("The chart database could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),

    /// The user's roles do not allow this; the message says who may.
    #[error("{0}")]
    Forbidden(String),

    /// A restricted chart, opened without emergency access.
    #[error("{0}")]
    Restricted(String),

    /// The screen locked after inactivity: the same user unlocks, or another logs in.
    #[error("The screen is locked; enter your password to go on")]
    SessionLocked,

    /// No one is logged in, the password was wrong, or the account cannot log in.
    #[error("{0}")]
    Unauthenticated(String),

    /// The key (or the password or recovery key that unwraps it) does not open this database,
    /// or the file is not an encrypted Charta database at all.
    #[error("This key does not open the chart database (wrong key, or not an encrypted Charta database)")]
    WrongKey,

    #[error("Stored data is damaged: {0}")]
    Corrupt(String),

    #[error("File error: {0}")]
    Io(#[from] std::io::Error),

    /// The practice file could not be reopened (after a failed restore): nothing more can be
    /// read or written until Charta restarts.
    #[error("{0} — restart Charta before going on")]
    NeedsRestart(String),
}

impl CoreError {
    /// A stable, machine-readable code for the UI.
    pub fn code(&self) -> ErrorCode {
        match self {
            CoreError::Invalid(_) => ErrorCode::InvalidInput,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::Conflict { .. } => ErrorCode::Conflict,
            CoreError::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            CoreError::Database(_) => ErrorCode::Database,
            CoreError::WrongKey => ErrorCode::WrongKey,
            CoreError::Corrupt(_) => ErrorCode::CorruptData,
            CoreError::Forbidden(_) => ErrorCode::Forbidden,
            CoreError::Restricted(_) => ErrorCode::Restricted,
            CoreError::Unauthenticated(_) => ErrorCode::Unauthenticated,
            CoreError::SessionLocked => ErrorCode::SessionLocked,
            CoreError::Io(_) => ErrorCode::Io,
            CoreError::NeedsRestart(_) => ErrorCode::RestartRequired,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            CoreError::Invalid(errors) => errors,
            _ => &[],
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Invalid(vec![FieldError::new(field, message)])
    }
}

pub type CoreResult<T> = Result<T, CoreError>;

/// How an error crosses to the UI: `{code, message, field?}` plus every field error, so a
/// form can mark all wrong fields at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub field_errors: Vec<FieldError>,
}

impl From<&CoreError> for ErrorReport {
    fn from(e: &CoreError) -> Self {
        let field_errors = e.field_errors().to_vec();
        ErrorReport {
            code: e.code(),
            message: e.to_string(),
            field: field_errors.first().map(|f| f.field.clone()),
            field_errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_serializes_as_the_text_it_is_compared_with() {
        for code in ErrorCode::ALL {
            assert_eq!(
                serde_json::to_value(code).unwrap(),
                serde_json::Value::String(code.as_str().into())
            );
        }
        let mut texts: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), ErrorCode::ALL.len(), "two codes share a text");
    }
}
