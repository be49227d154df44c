//! MCP over Streamable HTTP at `/mcp`, behind a bearer token.
//!
//! A request without `Authorization: Bearer <token>` (or with another
//! token) gets 401 before the MCP layer sees it: nothing runs. `Host`
//! headers other than the loopback names (and those allowed) are refused by
//! the MCP layer (DNS rebinding). Each stateful client gets its own handler;
//! when it ends the session (HTTP DELETE) or stays silent past the idle
//! expiry, the sandboxes it opened are removed.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::{StreamableHttpServerConfig, StreamableHttpService};
use tokio_util::sync::CancellationToken;

use super::tools::{SandboxServer, Shared};
use crate::run::Interrupts;

/// The path clients connect to.
pub const PATH: &str = "/mcp";

/// How to serve HTTP.
pub struct HttpOptions {
    /// `host:port` to listen on.
    pub address: String,
    /// The bearer token clients must send.
    pub token: String,
    /// `Host` headers accepted besides loopback.
    pub allowed_hosts: Vec<String>,
    /// How long a silent client's MCP session lives.
    pub keep_alive: Duration,
}

type Mcp = StreamableHttpService<SandboxServer, LocalSessionManager>;

/// Serve until a signal comes; returns its exit code.
pub async fn serve(
    options: HttpOptions,
    shared: Arc<Shared>,
    interrupts: &mut Interrupts,
) -> anyhow::Result<u8> {
    let stop = CancellationToken::new();
    let mut hosts: Vec<String> = ["localhost", "127.0.0.1", "::1"].map(String::from).to_vec();
    hosts.extend(options.allowed_hosts.iter().cloned());
    let config = StreamableHttpServerConfig::default()
        .with_allowed_hosts(hosts)
        .with_cancellation_token(stop.child_token());
    let mut manager = LocalSessionManager::default();
    manager.session_config.keep_alive = Some(options.keep_alive);
    let mcp: Mcp = StreamableHttpService::new(
        move || Ok(SandboxServer::new(shared.clone())),
        Arc::new(manager),
        config,
    );
    let listener = tokio::net::TcpListener::bind(&options.address)
        .await
        .with_context(|| format!("cannot listen on {}", options.address))?;
    let local = listener
        .local_addr()
        .context("cannot read the listening address")?;
    // Scripts and tests read the address (port 0 picks one) from this line.
    eprintln!("host: MCP server listening on http://{local}{PATH}");
    let token = Arc::new(format!("Bearer {}", options.token));
    let code = loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    tracing::warn!("accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            code = interrupts.next() => break code,
        };
        let (mcp, token, stop) = (mcp.clone(), token.clone(), stop.clone());
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let (mcp, token) = (mcp.clone(), token.clone());
                async move { Ok::<_, Infallible>(route(request, &mcp, &token).await) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                served = connection => if let Err(e) = served {
                    tracing::debug!(%peer, "HTTP connection: {e}");
                },
                () = stop.cancelled() => {}
            }
        });
    };
    stop.cancel();
    Ok(code)
}

async fn route(
    request: Request<Incoming>,
    mcp: &Mcp,
    token: &str,
) -> Response<BoxBody<Bytes, Infallible>> {
    if request.uri().path() != PATH {
        return plain(
            StatusCode::NOT_FOUND,
            "not found: the MCP endpoint is /mcp\n",
        );
    }
    let presented = request
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if !constant_time_eq(presented, token.as_bytes()) {
        tracing::info!("refused an HTTP request without the right bearer token");
        let mut response = plain(
            StatusCode::UNAUTHORIZED,
            "unauthorized: send the server's token as `Authorization: Bearer <token>`\n",
        );
        response.headers_mut().insert(
            hyper::header::WWW_AUTHENTICATE,
            hyper::header::HeaderValue::from_static("Bearer"),
        );
        return response;
    }
    mcp.handle(request).await
}

fn plain(status: StatusCode, text: &'static str) -> Response<BoxBody<Bytes, Infallible>> {
    let mut response = Response::new(Full::new(Bytes::from_static(text.as_bytes())).boxed());
    *response.status_mut() = status;
    response.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

/// Compare without leaking, through timing, how much of the token matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_only_exactly() {
        assert!(constant_time_eq(b"Bearer abc", b"Bearer abc"));
        assert!(!constant_time_eq(b"Bearer abd", b"Bearer abc"));
        assert!(!constant_time_eq(b"Bearer ab", b"Bearer abc"));
        assert!(!constant_time_eq(b"", b"Bearer abc"));
    }
}
