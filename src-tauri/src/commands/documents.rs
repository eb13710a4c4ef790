//! Commands for scanned documents in the chart (thin wrappers over charta_core::documents).
//! The file's bytes travel as the raw IPC body, not as JSON numbers, and come back the same
//! way; the filing form's draft rides beside them in a header.

use crate::error::CommandResult;
use crate::state::AppState;
use charta_core::documents::{CategoryChoice, Document, DocumentDraft};
use charta_core::ids::{DocumentId, MessageId};
use charta_core::{CoreError, PatientId};
use chrono::Utc;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::State;

/// The header that carries the percent-encoded JSON draft.
const DRAFT_HEADER: &str = "x-charta-draft";

#[tauri::command(async)]
pub fn file_document(state: State<'_, AppState>, request: Request<'_>) -> CommandResult<Document> {
    let (draft, bytes) = draft_and_bytes(&request)?;
    let now = Utc::now();
    state.run(now, |u| {
        u.file_document(
            &draft,
            bytes,
            DocumentId::random(),
            MessageId::random(),
            now,
        )
    })
}

#[tauri::command(async)]
pub fn patient_documents(
    state: State<'_, AppState>,
    patient_id: PatientId,
) -> CommandResult<Vec<Document>> {
    let now = Utc::now();
    state.run(now, |u| u.patient_documents(patient_id, now))
}

#[tauri::command(async)]
pub fn open_document(state: State<'_, AppState>, id: DocumentId) -> CommandResult<Response> {
    let now = Utc::now();
    state
        .run(now, |u| u.open_document(id, now))
        .map(Response::new)
}

#[tauri::command(async)]
pub fn document_entered_in_error(
    state: State<'_, AppState>,
    id: DocumentId,
    reason: String,
) -> CommandResult<Document> {
    let now = Utc::now();
    state.run(now, |u| u.document_entered_in_error(id, &reason, now))
}

#[tauri::command(async)]
pub fn document_categories(state: State<'_, AppState>) -> CommandResult<Vec<CategoryChoice>> {
    state.run(Utc::now(), |u| Ok(u.document_categories()))
}

fn draft_and_bytes<'a>(request: &'a Request<'_>) -> Result<(DocumentDraft, &'a [u8]), CoreError> {
    let unreadable =
        || CoreError::invalid("file", "The filing form reached Charta damaged; try again");
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(unreadable());
    };
    let header = request
        .headers()
        .get(DRAFT_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(unreadable)?;
    let json = percent_decoded(header).ok_or_else(unreadable)?;
    let draft = serde_json::from_slice(&json).map_err(|_| unreadable())?;
    Ok((draft, bytes))
}

/// `encodeURIComponent`'s output back to bytes.
fn percent_decoded(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::percent_decoded;

    #[test]
    fn percent_decoding_reads_what_encode_uri_component_writes() {
        assert_eq!(
            percent_decoded("%7B%22title%22%3A%22Caf%C3%A9%20note%22%7D").as_deref(),
            Some("{\"title\":\"Café note\"}".as_bytes())
        );
        assert_eq!(percent_decoded("%2"), None);
        assert_eq!(percent_decoded("%zz"), None);
    }
}
