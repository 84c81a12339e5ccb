//! export_doc_to_pdf: Drive renders the document as PDF (files.export) and the PDF is saved
//! as a new Drive file, in My Drive or a given folder.

use schemars::JsonSchema;
use serde::Deserialize;
use wsmcp_core::args::given_owned;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};
use wsmcp_drive::upload::{self, Media, Target, UploadTuning};
use wsmcp_drive::wire::FileMetadata;
use wsmcp_drive::{api, formats, render};

use super::doc_ref;
use super::find::DOC_MIME;

const PDF: &str = "application/pdf";

// Arguments of `export_doc_to_pdf`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct ExportDocToPdfParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    /// Name of the new PDF file (".pdf" is added when missing). Default: the document's name
    /// followed by "_PDF".
    pub pdf_filename: Option<String>,
    /// Drive folder to save the PDF in. Default: My Drive.
    pub folder_id: Option<String>,
}

pub fn export_doc_to_pdf() -> ToolDef {
    ToolDef::new(
        ToolMeta {
            name: "export_doc_to_pdf",
            title: "Export Google Doc to PDF",
            description: "Save a Google Doc as a PDF file in Drive (My Drive or a given folder). Returns the PDF's \
                file id, size and link; the document itself is unchanged.",
            service: Service::Docs,
            tier: Tier::Extended,
            hints: Hints::CREATE,
            // Reading any document needs drive.readonly; drive.file covers the PDF this creates.
            scopes: &[scope::DRIVE_READONLY, scope::DRIVE_FILE],
        },
        export,
    )
}

/// `name` as a PDF file name.
fn pdf_name(name: &str) -> String {
    if name.to_ascii_lowercase().ends_with(".pdf") { name.to_string() } else { format!("{name}.pdf") }
}

async fn export(ctx: ToolCtx, p: ExportDocToPdfParams) -> Result<ToolOutput, ToolError> {
    let (id, _) = doc_ref(&p.document_id)?;
    let folder = given_owned(&p.folder_id);
    let g = ctx.google().await?;
    let doc = api::files_get(&g, &id, "id, name, mimeType").await?;
    if doc.mime() != DOC_MIME {
        return Err(ToolError::invalid(format!(
            "{id} (\"{}\") is a {}, not a Google Doc; export_doc_to_pdf exports Google Docs only \
             (get_drive_file_download_url downloads or converts other files)",
            doc.name(),
            formats::kind_name(doc.mime())
        )));
    }
    let pdf = api::files_export(&g, &id, PDF).await?;
    let name = match given_owned(&p.pdf_filename) {
        Some(n) => pdf_name(n),
        None => pdf_name(&format!("{}_PDF", doc.name())),
    };
    let meta = FileMetadata {
        name: Some(name),
        mime_type: Some(PDF.into()),
        parents: folder.map(|f| vec![f.to_string()]),
        ..Default::default()
    };
    let fields = "id, name, size, webViewLink, parents";
    let saved =
        upload::upload(&g, Target::Create, &meta, &Media::Memory(pdf), PDF, fields, UploadTuning::default()).await?;
    let mut out = format!(
        "Exported \"{}\" (document_id: {id}) to PDF and saved it as \"{}\" (file_id: {}",
        doc.name(),
        saved.name(),
        saved.id()
    );
    if let Some(size) = saved.size_bytes() {
        out.push_str(&format!(", {}", render::size(size)));
    }
    out.push_str(&format!(") in {}.\n", folder.map_or("My Drive".to_string(), |f| format!("folder {f}"))));
    if let Some(link) = &saved.web_view_link {
        out.push_str(&format!("Link: {link}\n"));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_end_in_pdf_once() {
        assert_eq!(pdf_name("Plan_PDF"), "Plan_PDF.pdf");
        assert_eq!(pdf_name("Plan.PDF"), "Plan.PDF");
    }
}
