//! Embedding the host: open a Python session, install a package, run code
//! with streamed output, run a shell command, close.
//!
//! ```sh
//! cargo run --release --example run_python
//! # behind a TLS-intercepting proxy:
//! LLM_SANDBOX_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt cargo run --release --example run_python
//! ```

use std::sync::Arc;

use llm_sandbox_host::backend::OutputStream;
use llm_sandbox_host::{RunOptions, SandboxHost, SessionConfig};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let host = SandboxHost::docker().await?;
    let config = SessionConfig {
        ca_bundle: std::env::var_os("LLM_SANDBOX_CA_BUNDLE").map(Into::into),
        ..SessionConfig::new("python")
    };
    let session = host.open(config).await?;

    let options = RunOptions {
        libraries: vec!["six".into()],
        on_output: Some(Arc::new(|stream, bytes| {
            let tag = match stream {
                OutputStream::Stdout => "out",
                OutputStream::Stderr => "err",
            };
            print!("[{tag}] {}", String::from_utf8_lossy(bytes));
        })),
        ..Default::default()
    };
    let code = "import six, sys\nprint('six', six.__version__)\nprint('done', file=sys.stderr)";
    let result = session.run_with(code, options).await?;
    println!(
        "exit code {} after {:.2?}",
        result.exit_code, result.duration
    );

    let listing = session.execute_command("ls -a /sandbox").await?;
    println!("work dir:\n{}", listing.stdout);

    session.close().await?;
    Ok(())
}
