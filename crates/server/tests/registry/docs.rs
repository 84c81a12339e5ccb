//! `docs/tools.md` is generated from the registry; this fails when the committed file drifts.
//! Regenerate with `UPDATE_DOCS=1 cargo test -p wsmcp-server --test registry`.

use std::path::PathBuf;

use crate::all_tools;
use wsmcp_server::tool_docs;

#[test]
fn docs_tools_md_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/tools.md");
    let want = tool_docs::markdown(&all_tools());
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/tools.md is out of date with the registry; regenerate it with \
         UPDATE_DOCS=1 cargo test -p wsmcp-server --test registry"
    );
}
