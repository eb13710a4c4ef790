//! The one error type of `charta-core`, with stable codes the UI can branch on.

use serde::Serialize;
use ts_rs::TS;

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
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::Invalid(_) => "invalid_input",
            CoreError::NotFound { .. } => "not_found",
            CoreError::Conflict { .. } => "conflict",
            CoreError::SchemaTooNew { .. } => "schema_too_new",
            CoreError::Database(_) => "database",
            CoreError::WrongKey => "wrong_key",
            CoreError::Corrupt(_) => "corrupt_data",
            CoreError::Forbidden(_) => "forbidden",
            CoreError::Restricted(_) => "restricted",
            CoreError::Unauthenticated(_) => "unauthenticated",
            CoreError::SessionLocked => "session_locked",
            CoreError::Io(_) => "io",
            CoreError::NeedsRestart(_) => "restart_required",
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
    pub code: String,
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
            code: e.code().to_string(),
            message: e.to_string(),
            field: field_errors.first().map(|f| f.field.clone()),
            field_errors,
        }
    }
}
