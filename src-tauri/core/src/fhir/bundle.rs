//! One chart's collection Bundle, written as JSON text while the mappers make its resources:
//! each resource is serialised into its entry and freed at once, so the export never holds
//! (or frees) a tree of every resource, and the allocator reuses the same memory from one
//! resource to the next. (Freeing a 700-visit chart's whole tree at the end was some 40% of
//! its export in a profile.)

use super::{Sink, BASE_URL};
use crate::error::{CoreError, CoreResult};
use serde_json::Value;

/// The Bundle's text so far: `{"entry":[` and the entries written.
pub(super) struct BundleText {
    json: Vec<u8>,
    entries: usize,
    /// The first failure to serialise an entry; reported by [`BundleText::finish`].
    failed: Option<serde_json::Error>,
}

impl BundleText {
    pub(super) fn new() -> BundleText {
        BundleText {
            json: b"{\"entry\":[".to_vec(),
            entries: 0,
            failed: None,
        }
    }

    /// The entry `{"fullUrl":…,"resource":…}` of `resource`.
    fn write_entry(&mut self, resource: &Value) -> serde_json::Result<()> {
        let kind = resource["resourceType"].as_str().unwrap_or_default();
        let id = resource["id"].as_str().unwrap_or_default();
        if self.entries > 0 {
            self.json.push(b',');
        }
        self.json.extend_from_slice(b"{\"fullUrl\":");
        serde_json::to_writer(&mut self.json, &[BASE_URL, "/", kind, "/", id].concat())?;
        self.json.extend_from_slice(b",\"resource\":");
        serde_json::to_writer(&mut self.json, resource)?;
        self.json.push(b'}');
        Ok(())
    }

    /// The finished Bundle. Its members come in the order serde_json gives an object's keys
    /// (sorted), as when the Bundle was one `Value`, so the text is the same as it was.
    pub(super) fn finish(mut self, id: &str, timestamp: &str) -> CoreResult<String> {
        let failed = |e: serde_json::Error| {
            CoreError::Corrupt(format!("the export could not be written as JSON: {e}"))
        };
        if let Some(e) = self.failed.take() {
            return Err(failed(e));
        }
        self.json.extend_from_slice(b"],\"id\":");
        serde_json::to_writer(&mut self.json, id).map_err(failed)?;
        self.json
            .extend_from_slice(b",\"resourceType\":\"Bundle\",\"timestamp\":");
        serde_json::to_writer(&mut self.json, timestamp).map_err(failed)?;
        self.json.extend_from_slice(b",\"type\":\"collection\"}");
        String::from_utf8(self.json)
            .map_err(|e| CoreError::Corrupt(format!("the export is not UTF-8: {e}")))
    }
}

impl Sink for BundleText {
    fn push(&mut self, resource: Value) {
        if self.failed.is_some() {
            return;
        }
        match self.write_entry(&resource) {
            Ok(()) => self.entries += 1,
            Err(e) => self.failed = Some(e),
        }
    }

    fn count(&self) -> usize {
        self.entries
    }
}
