//! batch_update_doc: a list of high-level operations checked one by one (an error names the
//! operation by position), turned into the Docs requests they stand for, and sent as ONE
//! atomic batchUpdate. A Google error about `requests[k]` is traced back to its operation.

use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::Value;
use wsmcp_core::scope;
use wsmcp_core::tool::ToolMeta;
use wsmcp_core::{Hints, Service, Tier, ToolCtx, ToolDef, ToolError, ToolOutput};

use super::doc_ref;
use crate::api;
use crate::operations::translate::{Shifts, translate};
use crate::operations::{operations_schema, parse};

// Arguments of `batch_update_doc`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct BatchUpdateDocParams {
    /// The document's id or its docs.google.com URL.
    pub document_id: String,
    #[schemars(schema_with = "operations_schema")]
    pub operations: Vec<Value>,
}

pub fn batch_update_doc() -> ToolDef {
    let mut def = ToolDef::new(
        ToolMeta {
            name: "batch_update_doc",
            title: "Batch Update Google Doc",
            description: "Apply several operations to a Google Doc in one atomic update: insert, delete, replace \
                and format text, paragraph styles, lists, tables (insert, rows, columns, merge, cell styles), \
                page and section breaks, find and replace, named ranges, page and section setup, headers and \
                footers, images, people chips and tabs. Operations apply in order, so an operation's indices \
                must account for the earlier ones; to avoid index arithmetic, append with \
                end_of_segment=true or place relative to after_heading, before_heading or anchor_text (found \
                in the document as it was before the batch and moved along by the batch's earlier text, \
                break, image, chip and table inserts and deletes). For header or footer text prefer \
                update_doc_headers_footers.",
            service: Service::Docs,
            tier: Tier::Complete,
            hints: Hints::DESTRUCTIVE,
            scopes: &[scope::DOCUMENTS],
        },
        batch,
    );
    // A zero minimum is meaningful here (no pinned rows) but the schema normalizer drops
    // `minimum: 0` as noise, so it is put back on the one field that has it.
    let schema = std::sync::Arc::make_mut(&mut def.input_schema);
    if let Some(Value::Array(variants)) =
        schema.get_mut("properties").and_then(|p| p.pointer_mut("/operations/items/oneOf"))
    {
        for v in variants {
            if let Some(count) = v.pointer_mut("/properties/pinned_header_rows_count") {
                count["minimum"] = serde_json::json!(0);
            }
        }
    }
    def
}

/// Google names the failing request as `requests[k]`; which operation made it.
fn operation_of(message: &str, owner: &[usize]) -> Option<usize> {
    let k: usize = message.split("requests[").nth(1)?.split(']').next()?.parse().ok()?;
    owner.get(k).map(|op| op + 1)
}

async fn batch(ctx: ToolCtx, p: BatchUpdateDocParams) -> Result<ToolOutput, ToolError> {
    let (id, _) = doc_ref(&p.document_id)?;
    if p.operations.is_empty() {
        return Err(ToolError::invalid("operations is empty: give at least one operation"));
    }
    let ops = p
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| parse(i + 1, op))
        .collect::<Result<Vec<_>, _>>()
        .map_err(ToolError::invalid)?;
    let g = ctx.google().await?;
    let doc = api::documents_get(&g, &id, "DEFAULT_FOR_CURRENT_ACCESS").await?;
    let (mut requests, mut owner, mut done) = (Vec::new(), Vec::new(), Vec::new());
    let mut shifts = Shifts::default();
    for (i, op) in ops.iter().enumerate() {
        let kind = p.operations.get(i).and_then(|o| o.get("type")).and_then(Value::as_str).unwrap_or_default();
        let t = translate(op, &doc, &mut shifts)
            .map_err(|e| ToolError::invalid(format!("operation {} ({kind}): {e}", i + 1)))?;
        owner.extend(std::iter::repeat_n(i, t.requests.len()));
        requests.extend(t.requests);
        done.push(format!("{}. {kind}: {}", i + 1, t.summary));
    }
    let reply = api::documents_batch_update(&g, &id, requests.clone(), None).await.map_err(|mut e| {
        if let Some(n) = operation_of(&e.message, &owner) {
            e.advice = format!("The failing request came from operation {n}; nothing was applied. {}", e.advice);
        }
        ToolError::Google(e)
    })?;
    let first = crate::read::tabs(&doc).first().map(|t| format!("{} (\"{}\")", t.id, t.title)).unwrap_or_default();
    let mut out = format!(
        "Applied {} operation(s) as {} request(s) in one update to document {id} (operations without tab_id \
         went to the first tab, {first}):\n",
        ops.len(),
        requests.len()
    );
    for line in done {
        out.push_str(&format!("{line}\n"));
    }
    for r in &reply.replies {
        if let Some(tab) = r.pointer("/addDocumentTab/tabProperties") {
            out.push_str(&format!(
                "New tab \"{}\": tab_id {}\n",
                tab["title"].as_str().unwrap_or_default(),
                tab["tabId"].as_str().unwrap_or_default()
            ));
        }
        for key in ["createHeader", "createFooter"] {
            if let Some(seg) =
                r.pointer(&format!("/{key}/{}", if key == "createHeader" { "headerId" } else { "footerId" }))
            {
                out.push_str(&format!("{key}: segment_id {}\n", seg.as_str().unwrap_or_default()));
            }
        }
        if let Some(nr) = r.pointer("/createNamedRange/namedRangeId") {
            out.push_str(&format!("Named range id: {}\n", nr.as_str().unwrap_or_default()));
        }
    }
    if let Some(rev) = reply.write_control.and_then(|w| w.required_revision_id) {
        out.push_str(&format!("Revision now {rev}.\n"));
    }
    Ok(ToolOutput::text(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn google_request_numbers_map_to_operations() {
        let owner = [0, 1, 1, 2];
        assert_eq!(operation_of("Invalid requests[2].insertText: bad", &owner), Some(2));
        assert_eq!(operation_of("Invalid requests[9].insertText: bad", &owner), None);
        assert_eq!(operation_of("no index here", &owner), None);
    }
}
