//! Turning what the host returns into MCP tool results.
//!
//! A run answers with one JSON text (exit code, output, findings, the list
//! of artifacts), then every plot as image content, in order (PNG and SVG;
//! PDF and plotly's HTML as embedded resources), then every file the program
//! wrote to `$LLM_SANDBOX_ARTIFACTS` as an embedded resource (text when it
//! is UTF-8 text, else base64).

use base64::Engine as _;
use llm_sandbox_host::artifacts::{Artifact, ArtifactKind, mime_of};
use llm_sandbox_host::{Error, Finding, RunResult};
use rmcp::model::{CallToolResult, ContentBlock, ResourceContents};
use serde::Serialize;

/// The exit code a blocked run reports (as `host run`).
const BLOCKED_EXIT: i64 = 126;

/// A successful tool call answering `value` as JSON text.
pub fn json(value: &impl Serialize) -> CallToolResult {
    match serde_json::to_string_pretty(value) {
        Ok(text) => CallToolResult::success(vec![ContentBlock::text(text)]),
        Err(e) => failure(format!("cannot encode the answer: {e}")),
    }
}

/// A tool error the model reads: `message` says what went wrong and what to do.
pub fn failure(message: impl Into<String>) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(message.into())])
}

/// The answer to a run: the result, or why it did not run.
pub fn run_outcome(outcome: Result<RunResult, Error>, session_id: Option<&str>) -> CallToolResult {
    match outcome {
        Ok(result) => run_result(&result, session_id),
        Err(Error::PolicyViolation { findings }) => blocked(&findings),
        Err(e) => failure(describe(&e)),
    }
}

/// A refused program: the findings, and that nothing ran.
pub fn blocked(findings: &[Finding]) -> CallToolResult {
    let value = serde_json::json!({
        "exit_code": BLOCKED_EXIT,
        "blocked": true,
        "message": "security policy blocked this code; nothing ran. Remove what the blocking findings name, or ask the operator for another preset.",
        "findings": findings,
    });
    let mut result = json(&value);
    result.is_error = Some(true);
    result
}

fn run_result(result: &RunResult, session_id: Option<&str>) -> CallToolResult {
    let mut value = match serde_json::to_value(result) {
        Ok(value) => value,
        Err(e) => return failure(format!("cannot encode the result: {e}")),
    };
    if let Some(id) = session_id {
        value["session_id"] = id.into();
    }
    let text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| value.to_string());
    let mut content = vec![ContentBlock::text(text)];
    content.extend(result.artifacts.iter().map(artifact_content));
    CallToolResult::success(content)
}

/// One artifact as content: plots the client can show as images, the rest
/// as embedded resources.
fn artifact_content(artifact: &Artifact) -> ContentBlock {
    let encoded = || base64::engine::general_purpose::STANDARD.encode(&artifact.bytes);
    let is_image = matches!(
        artifact.mime.as_str(),
        "image/png" | "image/svg+xml" | "image/jpeg" | "image/gif" | "image/webp"
    );
    if artifact.kind == ArtifactKind::Plot && is_image {
        return ContentBlock::image(encoded(), artifact.mime.clone());
    }
    let uri = match artifact.kind {
        ArtifactKind::Plot => format!("artifact://plots/{}", artifact.name),
        ArtifactKind::File => format!("artifact://files/{}", artifact.name),
    };
    let textual = artifact.mime.starts_with("text/")
        || matches!(artifact.mime.as_str(), "application/json" | "image/svg+xml");
    let contents = match std::str::from_utf8(&artifact.bytes) {
        Ok(text) if textual => ResourceContents::TextResourceContents {
            uri,
            mime_type: Some(artifact.mime.clone()),
            text: text.to_string(),
            meta: None,
        },
        _ => ResourceContents::BlobResourceContents {
            uri,
            mime_type: Some(artifact.mime.clone()),
            blob: encoded(),
            meta: None,
        },
    };
    ContentBlock::resource(contents)
}

/// A file read from a sandbox, as an embedded resource.
pub fn file(path: &str, bytes: Vec<u8>) -> CallToolResult {
    let name = path.rsplit('/').next().unwrap_or(path);
    let extension = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    let mut mime = mime_of(&extension);
    // Source files and logs of any extension read best as text.
    if mime == "application/octet-stream"
        && !bytes.contains(&0)
        && std::str::from_utf8(&bytes).is_ok()
    {
        mime = "text/plain";
    }
    let artifact = Artifact {
        kind: ArtifactKind::File,
        name: name.to_string(),
        order: None,
        format: String::new(),
        mime: mime.to_string(),
        size: bytes.len() as u64,
        bytes,
    };
    let summary =
        serde_json::json!({ "path": path, "bytes": artifact.size, "mime": artifact.mime });
    let mut result = json(&summary);
    result.content.push(artifact_content(&artifact));
    result
}

/// An error and its causes on one line.
pub fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        let part = cause.to_string();
        if !text.contains(&part) {
            text.push_str(": ");
            text.push_str(&part);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(kind: ArtifactKind, name: &str, mime: &str, bytes: &[u8]) -> Artifact {
        Artifact {
            kind,
            name: name.into(),
            order: None,
            format: String::new(),
            mime: mime.into(),
            size: bytes.len() as u64,
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn png_plots_are_images_and_files_are_resources() {
        let plot = artifact_content(&artifact(
            ArtifactKind::Plot,
            "0001.png",
            "image/png",
            b"\x89PNG",
        ));
        let image = plot.as_image().expect("image content");
        assert_eq!(image.mime_type, "image/png");
        let csv = artifact_content(&artifact(
            ArtifactKind::File,
            "a.csv",
            "text/csv",
            b"x,y\n1,2\n",
        ));
        let ContentBlock::Resource(resource) = csv else {
            panic!("{csv:?}")
        };
        assert!(
            matches!(resource.resource, ResourceContents::TextResourceContents { ref text, .. } if text == "x,y\n1,2\n")
        );
        let bin = artifact_content(&artifact(
            ArtifactKind::File,
            "a.bin",
            "application/octet-stream",
            b"\0\xff",
        ));
        let ContentBlock::Resource(resource) = bin else {
            panic!("{bin:?}")
        };
        assert!(
            matches!(resource.resource, ResourceContents::BlobResourceContents { ref blob, .. } if blob == "AP8=")
        );
    }

    #[test]
    fn text_that_is_not_utf8_goes_as_base64() {
        let odd = artifact_content(&artifact(
            ArtifactKind::File,
            "a.txt",
            "text/plain",
            b"\xff\xfe",
        ));
        let ContentBlock::Resource(resource) = odd else {
            panic!("{odd:?}")
        };
        assert!(matches!(
            resource.resource,
            ResourceContents::BlobResourceContents { .. }
        ));
    }

    #[test]
    fn a_blocked_run_is_an_error_that_lists_the_findings() {
        let result = blocked(&[]);
        assert_eq!(result.is_error, Some(true));
        let text = &result.content[0].as_text().unwrap().text;
        assert!(
            text.contains("\"blocked\": true") && text.contains("nothing ran"),
            "{text}"
        );
    }
}
