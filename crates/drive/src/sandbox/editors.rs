//! One Drive for the editors: the Docs, Sheets and Slides emulations of the same sandbox keep
//! their files in this Drive, as Google's do.
//!
//! Each editor stays the owner of its file's content (documents, cells, slides) and lends it
//! to Drive through [`Editor`]; Drive offers [`Editors`] to the other emulations of its
//! sandbox (`ServiceEmulation::provide`) and every editor that finds it attaches itself. Around
//! each Drive request a layer keeps the two in step:
//!
//! - before it, Drive catches up with the editors: a file an editor created appears in My
//!   Drive (owned by the user, parent `root`, created now); a file whose content or title
//!   changed in its editor gets the new content, a new `modifiedTime` and version, so
//!   export, copy and full-text search see the editor's current text;
//! - after it, the editors learn what Drive did: a Google file Drive made (an empty one, a
//!   conversion on upload, a copy) is offered to its editor, which may open it from Drive's
//!   content; a rename becomes the editor's title, a file deleted for good disappears from its
//!   editor (trashing does not: Google's editor APIs still open a trashed file).
//!
//! Lock order: the link, then Drive's store, then an editor's store; an editor never locks
//! Drive, so no request can wait on another in a circle.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use wsmcp_sandbox_kit::{ids, lock};

use super::access::{Role, role_of};
use super::content::Content;
use super::metadata::blank;
use super::store::SharedStore;

/// An editor emulation (Docs, Sheets, Slides) whose files live in Drive.
pub trait Editor: Send + Sync {
    /// The Google type of the editor's files (`application/vnd.google-apps.document`...).
    fn mime_type(&self) -> &'static str;
    /// Every file the editor holds now, with its title and content in Drive's model.
    fn files(&self) -> Vec<EditorFile>;
    /// Drive renamed the file: editors show the Drive name as the title.
    fn renamed(&self, id: &str, name: &str);
    /// Drive deleted the file for good: the editor answers 404 for it from now on.
    fn deleted(&self, id: &str);
    /// Drive made a file of the editor's type (from `content`); the editor may hold it from now
    /// on, editable when `writable`. An editor that cannot build its model from Drive's keeps
    /// the default, which leaves the file to Drive alone.
    fn adopt(&self, file: &EditorFile, writable: bool) {
        let _ = (file, writable);
    }
}

/// One file as its editor holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct EditorFile {
    pub id: String,
    /// `application/vnd.google-apps.document`, `.spreadsheet` or `.presentation`.
    pub mime_type: &'static str,
    pub title: String,
    pub content: Content,
}

/// What an editor's file looked like the last time Drive caught up with it.
struct Seen {
    editor: usize,
    title: String,
    content: Content,
}

#[derive(Default)]
struct Link {
    editors: Vec<Arc<dyn Editor>>,
    seen: HashMap<String, Seen>,
}

/// The editors attached to one Drive; cheap to clone (clones share the link).
#[derive(Clone, Default)]
pub struct Editors {
    link: Arc<Mutex<Link>>,
}

impl std::fmt::Debug for Editors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Editors").field("attached", &lock(&self.link).editors.len()).finish()
    }
}

impl Editors {
    /// Keep `editor`'s files in this Drive.
    pub fn attach(&self, editor: impl Editor + 'static) {
        lock(&self.link).editors.push(Arc::new(editor));
    }

    /// Forget what was seen (on reset, when Drive and the editors reseed together).
    pub(crate) fn forget(&self) {
        lock(&self.link).seen.clear();
    }

    /// Bring Drive up to date with the editors (see the module doc).
    pub(crate) fn catch_up(&self, store: &SharedStore) {
        let mut link = lock(&self.link);
        if link.editors.is_empty() {
            return;
        }
        let files: Vec<(usize, EditorFile)> =
            link.editors.iter().enumerate().flat_map(|(i, e)| e.files().into_iter().map(move |f| (i, f))).collect();
        let mut store = store.lock();
        let now = ids::now_millis();
        let me = store.me().clone();
        for (editor, f) in files {
            let previous = link.seen.get(&f.id);
            if let Some(file) = store.file_mut(&f.id) {
                match previous {
                    Some(seen) if seen.content != f.content || seen.title != f.title => {
                        if seen.content != f.content {
                            file.set_content(f.content.clone());
                        }
                        file.name = f.title.clone();
                        file.modified = now;
                        file.version += 1;
                        file.last_modifying = me.clone();
                    }
                    Some(_) => {}
                    // First sight: a seeded file, which Drive's seed dates; the editor's content is current.
                    None => file.set_content(f.content.clone()),
                }
            } else if previous.is_some() {
                // Deleted in Drive a moment ago; the editor is being told.
                continue;
            } else {
                let root = store.root_id().to_string();
                let mut file = blank(&store, f.id.clone(), (root, None));
                file.name = f.title.clone();
                file.mime_type = f.mime_type.to_string();
                file.set_content(f.content.clone());
                store.insert(file);
            }
            link.seen.insert(f.id, Seen { editor, title: f.title, content: f.content });
        }
    }

    /// Tell the editors what the last Drive request renamed or deleted.
    pub(crate) fn tell_editors(&self, store: &SharedStore) {
        let mut link = lock(&self.link);
        if link.editors.is_empty() {
            return;
        }
        let mut renamed = Vec::new();
        let mut deleted = Vec::new();
        let mut offers = Vec::new();
        {
            let store = store.lock();
            for file in store.files().filter(|f| !link.seen.contains_key(&f.id)) {
                let Some(editor) = link.editors.iter().position(|e| e.mime_type() == file.mime_type) else { continue };
                // Only what the user may open: a file hidden from them stays out of the editor too.
                let Some(role) = role_of(&store, file) else { continue };
                let offered = EditorFile {
                    id: file.id.clone(),
                    mime_type: "",
                    title: file.name.clone(),
                    content: file.content.clone(),
                };
                offers.push((editor, offered, role >= Role::Writer));
            }
            for (id, seen) in link.seen.iter_mut() {
                match store.file(id) {
                    None => deleted.push((seen.editor, id.clone())),
                    Some(file) if file.name != seen.title => {
                        seen.title = file.name.clone();
                        renamed.push((seen.editor, id.clone(), file.name.clone()));
                    }
                    Some(_) => {}
                }
            }
        }
        for (editor, id) in deleted {
            link.seen.remove(&id);
            if let Some(e) = link.editors.get(editor) {
                e.deleted(&id);
            }
        }
        for (editor, id, name) in renamed {
            if let Some(e) = link.editors.get(editor) {
                e.renamed(&id, &name);
            }
        }
        // Adopted files are seen by the next catch-up, which takes their content as it comes back.
        for (editor, mut file, writable) in offers {
            if let Some(e) = link.editors.get(editor) {
                file.mime_type = e.mime_type();
                e.adopt(&file, writable);
            }
        }
    }
}

/// The layer around every Drive request (see the module doc).
pub(crate) async fn keep_in_step(
    State((store, editors)): State<(SharedStore, Editors)>,
    request: Request,
    next: Next,
) -> Response {
    editors.catch_up(&store);
    let response = next.run(request).await;
    editors.tell_editors(&store);
    response
}
