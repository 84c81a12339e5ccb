//! Capabilities declared are capabilities served: resources and prompts are listed (empty), and
//! reading one or getting one answers with the spec's error codes, not "method not found".

use rmcp::model::{ErrorCode, GetPromptRequestParams, ReadResourceRequestParams};
use rmcp::service::ServiceError;

use crate::harness::{command, sandbox, stdio_client};

#[tokio::test]
async fn declared_resources_and_prompts_answer_with_the_specs_errors() {
    let sb = sandbox().await;
    let home = tempfile::tempdir().unwrap();
    let client = stdio_client(command(&sb, home.path())).await;
    let caps = client.peer_info().unwrap().capabilities.clone();
    assert!(caps.resources.is_some() && caps.prompts.is_some() && caps.tools.is_some());
    assert!(client.list_all_resources().await.unwrap().is_empty());
    assert!(client.list_all_prompts().await.unwrap().is_empty());

    let e = client.read_resource(ReadResourceRequestParams::new("file:///etc/passwd")).await.unwrap_err();
    let ServiceError::McpError(e) = e else { panic!("not an MCP error: {e}") };
    assert_eq!(e.code, ErrorCode::RESOURCE_NOT_FOUND, "{e:?}");
    assert!(e.message.contains("file:///etc/passwd"), "{e:?}");

    let e = client.get_prompt(GetPromptRequestParams::new("summarize")).await.unwrap_err();
    let ServiceError::McpError(e) = e else { panic!("not an MCP error: {e}") };
    assert_eq!(e.code, ErrorCode::INVALID_PARAMS, "{e:?}");
    client.cancel().await.unwrap();
}
