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
    // Keep
    "list_keep_notes",
    "get_keep_note",
    "create_keep_note",
    // Meet
    "create_meet_space",
    "get_meet_space",
    "list_meet_conference_records",
    "get_meet_transcript",
    // Forms
    "create_form",
    "get_form",
    // Apps Script
    "get_script_project",
    "manage_script_project",
    "manage_script_content",
    "run_script_function",
    "generate_trigger_code",
    // Contacts
    "list_contacts",
    "get_contact",
    "search_contacts",
    "manage_contact",
    // Slides
    "create_presentation",
    "get_presentation",
    // Sheets
    "create_spreadsheet",
    "read_sheet_values",
    "modify_sheet_values",
    // Docs
    "create_doc",
    "get_doc_content",
    "modify_doc_text",
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
    // Keep
    "delete_keep_note",
    "download_keep_attachment",
    // Meet
    "end_meet_conference",
    "list_meet_participants",
    "list_meet_recordings",
    // Forms
    "list_form_responses",
    // Apps Script
    "get_script_activity",
    "get_script_version",
    "list_script_deployments",
    "manage_deployment",
    "manage_script_trigger",
    "manage_script_version",
    // Contacts
    "list_contact_groups",
    "get_contact_group",
    // Slides
    "batch_update_presentation",
    "get_page",
    "render_page_to_image",
    // Sheets
    "get_spreadsheet_info",
    "list_spreadsheets",
    "format_sheet_range",
    "list_sheet_tables",
    // Docs
    "get_doc_as_markdown",
    "find_and_replace_doc",
    "insert_doc_elements",
    "update_paragraph_style",
    "search_docs",
    "list_docs_in_folder",
    "export_doc_to_pdf",
    "list_document_comments",
    "manage_document_comment",
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
    // Keep
    "manage_keep_note_sharing",
    // Forms
    "batch_update_form",
    "get_form_response",
    "set_publish_settings",
    // Contacts
    "manage_contact_group",
    "manage_contacts_batch",
    // Slides
    "list_presentation_comments",
    "manage_presentation_comment",
    // Sheets
    "create_sheet",
    "manage_sheet_tab",
    "manage_named_range",
    "append_table_rows",
    "manage_conditional_formatting",
    "move_sheet_rows",
    "resize_sheet_dimensions",
    "list_spreadsheet_comments",
    "manage_spreadsheet_comment",
    // Docs
    "inspect_doc_structure",
    "create_table_with_data",
    "debug_table_structure",
    "insert_doc_image",
    "update_doc_headers_footers",
    "batch_update_doc",
    "manage_doc_tab",
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
