//! The fields of each batch_update_doc operation. Field names, required-ness and defaults are
//! the reference server's; doc comments are what a model reads in the schema.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Place;
use crate::edits::TextFormat;
use crate::paragraph_format::ParagraphFormat;

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertText {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure (never a guessed one).
    pub segment_id: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    /// The text to insert; "\n" starts a new paragraph.
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DeleteText {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    /// Start of the range to delete.
    pub start_index: i64,
    /// End of the range to delete (exclusive).
    pub end_index: i64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ReplaceText {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    /// Start of the range to replace.
    pub start_index: i64,
    /// End of the range to replace (exclusive).
    pub end_index: i64,
    /// The text that takes the range's place.
    pub text: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct FormatText {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    /// Start of the range to format.
    pub start_index: i64,
    /// End of the range to format (exclusive).
    pub end_index: i64,
    #[serde(flatten)]
    pub format: TextFormat,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateParagraphStyleOp {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    /// Start of the range; every paragraph it touches is styled.
    pub start_index: i64,
    /// End of the range (exclusive).
    pub end_index: i64,
    #[serde(flatten)]
    pub format: ParagraphFormat,
}

/// A table cell border edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CellEdge {
    Top,
    Bottom,
    Left,
    Right,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateTableCellStyle {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index (from inspect_doc_structure).
    pub table_start_index: i64,
    /// Cell background as #RRGGBB.
    pub background_color: Option<String>,
    /// Border color as #RRGGBB (black by default when a border is set).
    pub border_color: Option<String>,
    /// Border width in points.
    pub border_width: Option<f64>,
    /// Padding above the cell's content, in points.
    pub padding_top: Option<f64>,
    /// Padding below the cell's content, in points.
    pub padding_bottom: Option<f64>,
    /// Padding left of the cell's content, in points.
    pub padding_left: Option<f64>,
    /// Padding right of the cell's content, in points.
    pub padding_right: Option<f64>,
    /// TOP, MIDDLE or BOTTOM.
    pub content_alignment: Option<String>,
    /// First row to style (0-based); leave out row_index and column_index to style every cell.
    pub row_index: Option<i64>,
    /// First column to style (0-based).
    pub column_index: Option<i64>,
    /// How many rows from row_index (default 1).
    pub row_span: Option<i64>,
    /// How many columns from column_index (default 1).
    pub column_span: Option<i64>,
    /// Which cell borders border_color/border_width set (default: all four).
    #[schemars(length(min = 1))]
    pub border_edges: Option<Vec<CellEdge>>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertTable {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    /// Number of rows.
    pub rows: i64,
    /// Number of columns.
    pub columns: i64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertTableRow {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The row next to which the new row goes (0-based).
    pub row_index: i64,
    /// Below that row (true) or above it.
    #[serde(default = "yes")]
    pub insert_below: bool,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DeleteTableRow {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The row to delete (0-based).
    pub row_index: i64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertTableColumn {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The column next to which the new column goes (0-based).
    pub column_index: i64,
    /// Right of that column (true) or left of it.
    #[serde(default = "yes")]
    pub insert_right: bool,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DeleteTableColumn {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The column to delete (0-based).
    pub column_index: i64,
}

/// A block of cells (merge_table_cells, unmerge_table_cells).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CellBlock {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The block's first row (0-based).
    pub row_index: i64,
    /// The block's first column (0-based).
    pub column_index: i64,
    /// How many rows the block spans.
    pub row_span: i64,
    /// How many columns the block spans.
    pub column_span: i64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateTableColumnProperties {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The columns to change (0-based).
    pub column_indices: Vec<i64>,
    /// Column width in points (needs FIXED_WIDTH).
    pub width: Option<f64>,
    /// FIXED_WIDTH or EVENLY_DISTRIBUTED.
    pub width_type: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateTableRowStyle {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// The rows to change (0-based).
    pub row_indices: Vec<i64>,
    /// Smallest row height in points.
    pub min_row_height: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct PinTableHeaderRows {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// The table's start index.
    pub table_start_index: i64,
    /// How many top rows repeat on each page (0 unpins).
    pub pinned_header_rows_count: i64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertPageBreak {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    #[serde(flatten)]
    pub place: Place,
}

/// Where the new section starts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum SectionType {
    Continuous,
    #[default]
    NextPage,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertSectionBreak {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    /// NEXT_PAGE starts the section on a new page; CONTINUOUS on the same one.
    #[serde(default)]
    pub section_type: SectionType,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct FindReplace {
    /// Replace only in this tab (default: every tab).
    pub tab_id: Option<String>,
    /// Text to find, within one paragraph.
    pub find_text: String,
    /// What replaces each match.
    pub replace_text: String,
    /// Match case exactly.
    #[serde(default)]
    pub match_case: bool,
}

/// The kind of list create_bullet_list makes (NONE removes lists).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ListType {
    #[default]
    Unordered,
    Ordered,
    Checkbox,
    None,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CreateBulletList {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    /// Start of the range; every paragraph it touches joins the list.
    pub start_index: i64,
    /// End of the range (exclusive).
    pub end_index: i64,
    /// UNORDERED (bullets), ORDERED (numbers), CHECKBOX, or NONE to remove list formatting.
    #[serde(default)]
    pub list_type: ListType,
    /// Nesting level 0-8 for every paragraph of the range.
    pub nesting_level: Option<i64>,
    /// The start indices of the range's paragraphs, if known (else they are read).
    pub paragraph_start_indices: Option<Vec<i64>>,
    /// A Docs bullet preset (overrides list_type's), e.g. NUMBERED_DECIMAL_NESTED.
    pub bullet_preset: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CreateNamedRange {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    /// The range's name (1-256 characters; need not be unique).
    pub name: String,
    /// Start of the range.
    pub start_index: i64,
    /// End of the range (exclusive).
    pub end_index: i64,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ReplaceNamedRangeContent {
    /// Only in this tab (default: every tab).
    pub tab_id: Option<String>,
    /// The text that replaces the named range's content.
    pub text: String,
    /// The named range's id (or give named_range_name).
    pub named_range_id: Option<String>,
    /// The named ranges with this name (or give named_range_id).
    pub named_range_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DeleteNamedRange {
    /// Only in this tab (default: every tab).
    pub tab_id: Option<String>,
    /// The named range's id (or give named_range_name).
    pub named_range_id: Option<String>,
    /// Every named range with this name (or give named_range_id).
    pub named_range_name: Option<String>,
}

/// Pages or one endless page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DocumentMode {
    Pages,
    Pageless,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateDocumentStyle {
    /// The tab whose page setup changes (default: the first tab).
    pub tab_id: Option<String>,
    /// Page background as #RRGGBB.
    pub background_color: Option<String>,
    /// Top margin in points.
    pub margin_top: Option<f64>,
    /// Bottom margin in points.
    pub margin_bottom: Option<f64>,
    /// Left margin in points.
    pub margin_left: Option<f64>,
    /// Right margin in points.
    pub margin_right: Option<f64>,
    /// Header margin in points.
    pub margin_header: Option<f64>,
    /// Footer margin in points.
    pub margin_footer: Option<f64>,
    /// Page width in points (with page_height; Letter is 612 x 792).
    pub page_width: Option<f64>,
    /// Page height in points (with page_width).
    pub page_height: Option<f64>,
    /// The first page's number.
    pub page_number_start: Option<i64>,
    /// Different headers and footers on even pages.
    pub use_even_page_header_footer: Option<bool>,
    /// A different header and footer on the first page.
    pub use_first_page_header_footer: Option<bool>,
    /// Landscape pages.
    pub flip_page_orientation: Option<bool>,
    /// PAGES or PAGELESS.
    pub document_mode: Option<DocumentMode>,
}

/// A section's text direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ContentDirection {
    LeftToRight,
    RightToLeft,
}

/// Lines between a section's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ColumnSeparatorStyle {
    None,
    BetweenEachColumn,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateSectionStyle {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// Start of a range inside the section(s) to change.
    pub start_index: i64,
    /// End of the range (exclusive).
    pub end_index: i64,
    /// Top margin in points.
    pub margin_top: Option<f64>,
    /// Bottom margin in points.
    pub margin_bottom: Option<f64>,
    /// Left margin in points.
    pub margin_left: Option<f64>,
    /// Right margin in points.
    pub margin_right: Option<f64>,
    /// Header margin in points.
    pub margin_header: Option<f64>,
    /// Footer margin in points.
    pub margin_footer: Option<f64>,
    /// The section's first page number.
    pub page_number_start: Option<i64>,
    /// A different header and footer on the section's first page.
    pub use_first_page_header_footer: Option<bool>,
    /// Landscape pages for the section.
    pub flip_page_orientation: Option<bool>,
    /// LEFT_TO_RIGHT or RIGHT_TO_LEFT.
    pub content_direction: Option<ContentDirection>,
    /// Number of text columns (1-3).
    pub column_count: Option<i64>,
    /// Space between columns in points.
    pub column_spacing: Option<f64>,
    /// NONE or BETWEEN_EACH_COLUMN.
    pub column_separator_style: Option<ColumnSeparatorStyle>,
}

/// Header or footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SectionPart {
    Header,
    Footer,
}

/// Which pages a header or footer is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HeaderFooterType {
    #[default]
    Default,
    FirstPageOnly,
    EvenPage,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CreateHeaderFooter {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// "header" or "footer".
    pub section_type: SectionPart,
    /// DEFAULT (the Docs API creates only this type).
    #[serde(default)]
    pub header_footer_type: HeaderFooterType,
    /// Index of the section break whose section gets it (default: the document's first section).
    pub section_break_index: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertImage {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    /// A public http(s) URL of a PNG, JPEG or GIF under 50 MB.
    pub image_uri: String,
    /// Width in points.
    pub width: Option<i64>,
    /// Height in points.
    pub height: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertPerson {
    /// The tab to edit (default: the first tab).
    pub tab_id: Option<String>,
    /// A header, footer or footnote id from inspect_doc_structure.
    pub segment_id: Option<String>,
    #[serde(flatten)]
    pub place: Place,
    /// The email of the person to mention as a chip.
    #[schemars(length(min = 1))]
    pub email: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct InsertDocTab {
    /// The new tab's title.
    pub title: String,
    /// Its position among its siblings (0 is first).
    pub index: i64,
    /// Make it a child of this tab.
    pub parent_tab_id: Option<String>,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DeleteDocTab {
    /// The tab to delete (with its child tabs).
    pub tab_id: String,
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UpdateDocTab {
    /// The tab to rename.
    pub tab_id: String,
    /// Its new title.
    pub title: String,
}
