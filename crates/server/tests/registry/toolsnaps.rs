//! One snapshot per tool: its full `tools/list` entry (default selection, no default user) in
//! `toolsnaps/<name>.json`, so a change to one tool shows up in review as a change to one
//! small file. Refresh with `UPDATE_TOOLSNAPS=1 cargo test -p wsmcp-server --test registry`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use wsmcp_server::ToolSelection;

use crate::listed;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/registry/toolsnaps")
}

#[test]
fn every_tool_matches_its_snapshot() {
    let update = std::env::var_os("UPDATE_TOOLSNAPS").is_some();
    let mut problems = Vec::new();
    let mut expected_files = BTreeSet::new();
    for tool in listed(&ToolSelection::default(), None) {
        let name = tool["name"].as_str().unwrap().to_string();
        let path = dir().join(format!("{name}.json"));
        let text = serde_json::to_string_pretty(&tool).unwrap() + "\n";
        expected_files.insert(format!("{name}.json"));
        if update {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            problems.push(format!("{name}: differs from (or has no) {}", path.display()));
        }
    }
    for entry in std::fs::read_dir(dir()).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().to_string();
        if !expected_files.contains(&file) {
            if update {
                std::fs::remove_file(dir().join(&file)).unwrap();
            } else {
                problems.push(format!("{file}: no tool of that name"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "tool snapshots out of date (review, then refresh with \
         UPDATE_TOOLSNAPS=1 cargo test -p wsmcp-server --test registry):\n{}",
        problems.join("\n")
    );
}
