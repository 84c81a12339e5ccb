//! Each tier as a list of tool names (as in the reference's `tool_tiers.yaml`); a tier lists
//! its own tools and those of the tiers below it.

use wsmcp_core::Tier;
use wsmcp_server::ToolSelection;

use crate::{names, sorted};

const CORE: &[&str] = &[
    "search_gmail_messages",
    "get_gmail_message_content",
    "get_gmail_messages_content_batch",
    "send_gmail_message",
    "search_drive_files",
    "get_drive_file_content",
    "get_drive_file_download_url",
    "create_drive_file",
    "create_drive_folder",
    "import_to_google_doc",
    "import_to_google_sheets",
    "import_to_google_slides",
    "get_drive_shareable_link",
    "list_calendars",
    "get_events",
    "manage_event",
    "list_tasks",
    "get_task",
    "manage_task",
    // Chat
    "get_messages",
    "search_messages",
    "send_message",
    "create_reaction",
    // Search
    "search_custom",
];

const EXTENDED: &[&str] = &[
    "get_gmail_attachment_content",
    "get_gmail_thread_content",
    "draft_gmail_message",
    "list_gmail_labels",
    "manage_gmail_label",
    "modify_gmail_message_labels",
    "list_gmail_filters",
    "manage_gmail_filter",
    "list_drive_items",
    "copy_drive_file",
    "update_drive_file",
    "manage_drive_access",
    "set_drive_file_permissions",
    "create_calendar",
    "query_freebusy",
    "manage_out_of_office",
    "manage_focus_time",
    // Chat
    "list_spaces",
    "download_chat_attachment",
];

const COMPLETE: &[&str] = &[
    "get_gmail_threads_content_batch",
    "batch_modify_gmail_message_labels",
    "start_google_auth",
    "get_drive_file_permissions",
    "check_drive_file_public_access",
    "list_task_lists",
    "get_task_list",
    "manage_task_list",
    // Search
    "get_search_engine_info",
];

fn tier(t: Tier) -> Vec<String> {
    names(&ToolSelection { tier: Some(t), ..Default::default() })
}

#[test]
fn core_tier() {
    assert_eq!(tier(Tier::Core), sorted(CORE));
}

#[test]
fn extended_tier() {
    assert_eq!(tier(Tier::Extended), sorted(&[CORE, EXTENDED].concat()));
}

#[test]
fn complete_tier_is_every_tool() {
    let all = sorted(&[CORE, EXTENDED, COMPLETE].concat());
    assert_eq!(tier(Tier::Complete), all);
    assert_eq!(names(&ToolSelection::default()), all);
}
