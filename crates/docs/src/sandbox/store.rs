//! The emulated account: documents by id, each with whether the user may edit it.

use std::collections::BTreeMap;

use wsmcp_sandbox_kit::{GoogleError, Shared};

use super::model::Doc;

pub type SharedStore = Shared<Store>;

#[derive(Debug, Clone)]
pub struct Entry {
    pub doc: Doc,
    /// False for documents shared with the user as a reader: reads work, edits get 403.
    pub writable: bool,
}

#[derive(Debug, Clone)]
pub struct Store {
    pub user: String,
    pub docs: BTreeMap<String, Entry>,
}

impl Store {
    pub fn get(&self, id: &str) -> Result<&Entry, GoogleError> {
        self.docs.get(id).ok_or_else(GoogleError::not_found)
    }

    pub fn get_mut(&mut self, id: &str) -> Result<&mut Entry, GoogleError> {
        self.docs.get_mut(id).ok_or_else(GoogleError::not_found)
    }
}

/// A Docs-like document id (Google's are 44 URL-safe characters).
pub fn new_id() -> String {
    format!("1{}", wsmcp_sandbox_kit::ids::alphanumeric(43))
}
