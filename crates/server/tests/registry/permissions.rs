//! Each `--permissions` level lists exactly the tools it allows. A level is what the user lets
//! the agent do: `gmail:drafts` does not list `send_gmail_message`, although Google's compose
//! scope can send. The sign-in tool is always listed.

use wsmcp_server::ToolSelection;
use wsmcp_server::registry::parse_permission;

use crate::{names, sorted};

fn allowed(levels: &[&str]) -> Vec<String> {
    let perms = levels.iter().map(|l| parse_permission(l).unwrap()).collect();
    names(&ToolSelection { permissions: Some(perms), ..Default::default() })
}

const AUTH: &str = "start_google_auth";

const GMAIL_READ: &[&str] = &[
    "search_gmail_messages",
    "get_gmail_message_content",
    "get_gmail_messages_content_batch",
    "get_gmail_attachment_content",
    "get_gmail_thread_content",
    "get_gmail_threads_content_batch",
    "list_gmail_labels",
    "list_gmail_filters",
];
const GMAIL_ORGANIZE: &[&str] =
    &["manage_gmail_label", "modify_gmail_message_labels", "batch_modify_gmail_message_labels"];

fn gmail(extra: &[&[&str]]) -> Vec<String> {
    let mut all = vec![AUTH];
    all.extend(GMAIL_READ);
    extra.iter().for_each(|e| all.extend(*e));
    sorted(&all)
}

#[test]
fn gmail_readonly() {
    assert_eq!(allowed(&["gmail:readonly"]), gmail(&[]));
}

#[test]
fn gmail_organize() {
    assert_eq!(allowed(&["gmail:organize"]), gmail(&[GMAIL_ORGANIZE]));
}

#[test]
fn gmail_drafts_does_not_send() {
    assert_eq!(allowed(&["gmail:drafts"]), gmail(&[GMAIL_ORGANIZE, &["draft_gmail_message"]]));
}

#[test]
fn gmail_send() {
    assert_eq!(allowed(&["gmail:send"]), gmail(&[GMAIL_ORGANIZE, &["draft_gmail_message", "send_gmail_message"]]));
}

#[test]
fn gmail_full() {
    let all = gmail(&[GMAIL_ORGANIZE, &["draft_gmail_message", "send_gmail_message", "manage_gmail_filter"]]);
    assert_eq!(allowed(&["gmail:full"]), all);
}

#[test]
fn gmail_joined_levels_grant_only_those() {
    assert_eq!(allowed(&["gmail:readonly+send"]), gmail(&[&["send_gmail_message"]]));
}

const DRIVE_READ: &[&str] = &[
    "search_drive_files",
    "list_drive_items",
    "get_drive_file_content",
    "get_drive_file_download_url",
    "get_drive_shareable_link",
    "get_drive_file_permissions",
    "check_drive_file_public_access",
];

#[test]
fn drive_readonly() {
    let mut want = vec![AUTH];
    want.extend(DRIVE_READ);
    assert_eq!(allowed(&["drive:readonly"]), sorted(&want));
}

#[test]
fn drive_full() {
    let mut want = vec![AUTH];
    want.extend(DRIVE_READ);
    want.extend([
        "create_drive_file",
        "create_drive_folder",
        "import_to_google_doc",
        "import_to_google_sheets",
        "import_to_google_slides",
        "copy_drive_file",
        "update_drive_file",
        "manage_drive_access",
        "set_drive_file_permissions",
    ]);
    assert_eq!(allowed(&["drive:full"]), sorted(&want));
}

const CALENDAR_READ: &[&str] = &["list_calendars", "get_events", "query_freebusy"];

#[test]
fn calendar_readonly() {
    let mut want = vec![AUTH];
    want.extend(CALENDAR_READ);
    assert_eq!(allowed(&["calendar:readonly"]), sorted(&want));
}

#[test]
fn calendar_full() {
    let mut want = vec![AUTH];
    want.extend(CALENDAR_READ);
    want.extend(["create_calendar", "manage_event", "manage_out_of_office", "manage_focus_time"]);
    assert_eq!(allowed(&["calendar:full"]), sorted(&want));
}

const TASKS_READ: &[&str] = &["list_tasks", "get_task", "list_task_lists", "get_task_list"];
const TASKS_WRITE: &[&str] = &["manage_task", "manage_task_list"];

#[test]
fn tasks_readonly() {
    let mut want = vec![AUTH];
    want.extend(TASKS_READ);
    assert_eq!(allowed(&["tasks:readonly"]), sorted(&want));
}

#[test]
fn tasks_manage_and_full_change_tasks() {
    let mut want = vec![AUTH];
    want.extend(TASKS_READ);
    want.extend(TASKS_WRITE);
    assert_eq!(allowed(&["tasks:manage"]), sorted(&want));
    assert_eq!(allowed(&["tasks:full"]), sorted(&want));
    // `a+b` grants exactly those levels: without `readonly` the reading tools stay hidden,
    // though Google's `tasks` scope could read.
    let mut writes = vec![AUTH];
    writes.extend(TASKS_WRITE);
    assert_eq!(allowed(&["tasks:manage+full"]), sorted(&writes));
}

// Keep
const KEEP_READ: &[&str] = &["list_keep_notes", "get_keep_note", "download_keep_attachment"];
const KEEP_WRITE: &[&str] = &["create_keep_note", "delete_keep_note", "manage_keep_note_sharing"];

#[test]
fn keep_readonly_reads_and_full_writes() {
    let mut want = vec![AUTH];
    want.extend(KEEP_READ);
    assert_eq!(allowed(&["keep:readonly"]), sorted(&want));
    want.extend(KEEP_WRITE);
    assert_eq!(allowed(&["keep:full"]), sorted(&want));
}

// Meet
const MEET_READ: &[&str] = &[
    "get_meet_space",
    "list_meet_conference_records",
    "list_meet_participants",
    "list_meet_recordings",
    "get_meet_transcript",
];
const MEET_WRITE: &[&str] = &["create_meet_space", "end_meet_conference"];

#[test]
fn meet_readonly_reads_records_and_full_adds_spaces() {
    let mut want = vec![AUTH];
    want.extend(MEET_READ);
    assert_eq!(allowed(&["meet:readonly"]), sorted(&want));
    want.extend(MEET_WRITE);
    assert_eq!(allowed(&["meet:full"]), sorted(&want));
}

#[test]
fn levels_of_several_services_add_up() {
    let mut want = gmail(&[]);
    want.extend(sorted(CALENDAR_READ));
    want.sort();
    assert_eq!(allowed(&["gmail:readonly", "calendar:readonly"]), want);
}

// Forms
const FORMS_READ: &[&str] = &["get_form", "list_form_responses", "get_form_response"];

#[test]
fn forms_readonly_reads_forms_and_responses() {
    let mut want = vec![AUTH];
    want.extend(FORMS_READ);
    assert_eq!(allowed(&["forms:readonly"]), sorted(&want));
}

#[test]
fn forms_full_also_edits_and_publishes() {
    let mut want = vec![AUTH];
    want.extend(FORMS_READ);
    want.extend(["create_form", "batch_update_form", "set_publish_settings"]);
    assert_eq!(allowed(&["forms:full"]), sorted(&want));
}

// Apps Script
const APPSCRIPT_READ: &[&str] = &[
    "get_script_project",
    "get_script_activity",
    "get_script_version",
    "list_script_deployments",
    "generate_trigger_code",
];
const APPSCRIPT_WRITE: &[&str] = &[
    "manage_script_project",
    "manage_script_content",
    "run_script_function",
    "manage_deployment",
    "manage_script_trigger",
    "manage_script_version",
];

#[test]
fn appscript_readonly() {
    let mut want = vec![AUTH];
    want.extend(APPSCRIPT_READ);
    assert_eq!(allowed(&["appscript:readonly"]), sorted(&want));
}

#[test]
fn appscript_full() {
    let mut want = vec![AUTH];
    want.extend(APPSCRIPT_READ);
    want.extend(APPSCRIPT_WRITE);
    assert_eq!(allowed(&["appscript:full"]), sorted(&want));
}

// Contacts
const CONTACTS_READ: &[&str] =
    &["list_contacts", "get_contact", "search_contacts", "list_contact_groups", "get_contact_group"];

#[test]
fn contacts_readonly_and_full() {
    let mut want = vec![AUTH];
    want.extend(CONTACTS_READ);
    assert_eq!(allowed(&["contacts:readonly"]), sorted(&want));
    want.extend(["manage_contact", "manage_contact_group", "manage_contacts_batch"]);
    assert_eq!(allowed(&["contacts:full"]), sorted(&want));
}

// Slides
const SLIDES_READ: &[&str] = &["get_presentation", "get_page", "render_page_to_image", "list_presentation_comments"];

#[test]
fn slides_readonly() {
    let mut want = vec![AUTH];
    want.extend(SLIDES_READ);
    assert_eq!(allowed(&["slides:readonly"]), sorted(&want));
}

#[test]
fn slides_full() {
    let mut want = vec![AUTH];
    want.extend(SLIDES_READ);
    want.extend(["create_presentation", "batch_update_presentation", "manage_presentation_comment"]);
    assert_eq!(allowed(&["slides:full"]), sorted(&want));
}

// Sheets
const SHEETS_READ: &[&str] =
    &["read_sheet_values", "get_spreadsheet_info", "list_spreadsheets", "list_sheet_tables", "list_spreadsheet_comments"];

#[test]
fn sheets_readonly() {
    let mut want = vec![AUTH];
    want.extend(SHEETS_READ);
    assert_eq!(allowed(&["sheets:readonly"]), sorted(&want));
}

#[test]
fn sheets_full() {
    let mut want = vec![AUTH];
    want.extend(SHEETS_READ);
    want.extend([
        "create_spreadsheet",
        "modify_sheet_values",
        "format_sheet_range",
        "create_sheet",
        "manage_sheet_tab",
        "manage_named_range",
        "append_table_rows",
        "manage_conditional_formatting",
        "move_sheet_rows",
        "resize_sheet_dimensions",
        "manage_spreadsheet_comment",
    ]);
    assert_eq!(allowed(&["sheets:full"]), sorted(&want));
}

// Docs
const DOCS_READ: &[&str] = &[
    "get_doc_content",
    "inspect_doc_structure",
    "debug_table_structure",
    "search_docs",
    "list_docs_in_folder",
    "list_document_comments",
    "get_doc_as_markdown",
];
const DOCS_WRITE: &[&str] = &[
    "create_doc",
    "find_and_replace_doc",
    "create_table_with_data",
    "insert_doc_elements",
    "insert_doc_image",
    "update_doc_headers_footers",
    "modify_doc_text",
    "update_paragraph_style",
    "batch_update_doc",
    "export_doc_to_pdf",
    "manage_document_comment",
    "manage_doc_tab",
];

#[test]
fn docs_readonly_and_full() {
    let mut want = vec![AUTH];
    want.extend(DOCS_READ);
    assert_eq!(allowed(&["docs:readonly"]), sorted(&want));
    want.extend(DOCS_WRITE);
    assert_eq!(allowed(&["docs:full"]), sorted(&want));
}


// Chat
const CHAT_READ: &[&str] = &["list_spaces", "get_messages", "search_messages", "download_chat_attachment"];

#[test]
fn chat_readonly_reads_and_full_also_sends_and_reacts() {
    let mut want = vec![AUTH];
    want.extend(CHAT_READ);
    assert_eq!(allowed(&["chat:readonly"]), sorted(&want));
    want.extend(["send_message", "create_reaction"]);
    assert_eq!(allowed(&["chat:full"]), sorted(&want));
}

// Search
#[test]
fn search_levels_list_both_tools_which_need_no_scope() {
    let want = sorted(&[AUTH, "search_custom", "get_search_engine_info"]);
    assert_eq!(allowed(&["search:readonly"]), want);
    assert_eq!(allowed(&["search:full"]), want);
}
