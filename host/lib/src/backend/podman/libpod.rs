//! A minimal client for Podman's own (libpod) REST API, for what the
//! Docker-compatible API cannot do: containers in pods, systemd units. One
//! HTTP/1.1 connection per call, on the same socket as the compat API.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;

use crate::error::{Error, Result};

/// The libpod API version every path is under (Podman 4.0 and later).
const API: &str = "/v4.0.0/libpod";

/// Where the engine listens.
#[derive(Debug, Clone)]
pub(super) enum Socket {
    /// A unix socket path.
    Unix(String),
    /// `host:port`, plain HTTP.
    Tcp(String),
}

impl Socket {
    pub(super) fn parse(address: &str) -> Option<Socket> {
        if let Some(path) = address.strip_prefix("unix://") {
            Some(Socket::Unix(path.to_string()))
        } else if address.starts_with('/') {
            Some(Socket::Unix(address.to_string()))
        } else {
            address
                .strip_prefix("tcp://")
                .or_else(|| address.strip_prefix("http://"))
                .map(|a| Socket::Tcp(a.trim_end_matches('/').to_string()))
        }
    }
}

/// An answer: status and body.
pub(super) struct Reply {
    pub status: u16,
    pub body: Bytes,
}

impl Reply {
    /// The engine's `message` (or the body) for an error.
    pub fn message(&self) -> String {
        serde_json::from_slice::<serde_json::Value>(&self.body)
            .ok()
            .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(String::from))
            .unwrap_or_else(|| String::from_utf8_lossy(&self.body).trim().to_string())
    }
}

/// One container of a libpod listing: only what the host reads. Podman's
/// own state names (`stopped`, `configured`, `initialized`…) are not
/// Docker's, so they are not parsed at all: a Docker-typed listing fails on
/// them.
#[derive(Debug, serde::Deserialize)]
pub(super) struct ListedContainer {
    /// The container's id.
    #[serde(rename = "Id", default)]
    pub id: String,
    /// Its names (without Docker's leading `/`).
    #[serde(rename = "Names", default)]
    pub names: Vec<String>,
    /// Its labels.
    #[serde(rename = "Labels", default)]
    pub labels: Option<std::collections::BTreeMap<String, String>>,
}

/// `text` encoded for a URL query value.
pub(super) fn query_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Call `method path` (relative to the libpod API), with an optional JSON body.
pub(super) async fn call(
    socket: &Socket,
    method: &str,
    path: &str,
    body: Option<&serde_json::Value>,
) -> Result<Reply> {
    let failed = |reason: String, source: Option<crate::error::BoxError>| Error::Engine {
        engine: super::ENGINE,
        action: format!("{method} {path}"),
        reason,
        status: None,
        source,
    };
    let payload = body.map(|b| b.to_string()).unwrap_or_default();
    let host = match socket {
        Socket::Unix(_) => "d".to_string(),
        Socket::Tcp(addr) => addr.clone(),
    };
    let request = Request::builder()
        .method(method)
        .uri(format!("{API}{path}"))
        .header("Host", host)
        .header("Content-Type", "application/json")
        .body(Full::new(Bytes::from(payload)))
        .map_err(|e| failed(e.to_string(), Some(Box::new(e))))?;
    let response = match socket {
        Socket::Unix(path) => {
            let stream = tokio::net::UnixStream::connect(path)
                .await
                .map_err(|e| failed(format!("cannot connect to {path}: {e}"), Some(Box::new(e))))?;
            send(TokioIo::new(stream), request).await
        }
        Socket::Tcp(addr) => {
            let stream = tokio::net::TcpStream::connect(addr)
                .await
                .map_err(|e| failed(format!("cannot connect to {addr}: {e}"), Some(Box::new(e))))?;
            send(TokioIo::new(stream), request).await
        }
    }
    .map_err(|e| failed(e.to_string(), Some(Box::new(e))))?;
    Ok(response)
}

async fn send<T>(io: T, request: Request<Full<Bytes>>) -> hyper::Result<Reply>
where
    T: hyper::rt::Read + hyper::rt::Write + Unpin + Send + 'static,
{
    let (mut sender, connection) = hyper::client::conn::http1::handshake(io).await?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let response = sender.send_request(request).await?;
    let status = response.status().as_u16();
    let body = response.into_body().collect().await?.to_bytes();
    Ok(Reply { status, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(
            query_value(r#"{"label":["io.x-y=true"]}"#),
            "%7B%22label%22%3A%5B%22io.x-y%3Dtrue%22%5D%7D"
        );
    }

    #[test]
    fn a_listing_with_podman_states_and_missing_fields_parses() {
        let body = r#"[{"Id":"abc","Names":["box"],"Labels":{"k":"v"},"State":"stopped"},
                       {"Id":"def","State":"configured","Labels":null}]"#;
        let listed: Vec<ListedContainer> = serde_json::from_str(body).unwrap();
        assert_eq!(listed[0].names, ["box"]);
        assert_eq!(listed[0].labels.as_ref().unwrap()["k"], "v");
        assert!(listed[1].names.is_empty() && listed[1].labels.is_none());
    }
}
