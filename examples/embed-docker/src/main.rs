//! The smallest embedding of the host: the built-in plugins on the local
//! Docker engine, one Python snippet, its output.
//!
//! ```sh
//! cargo run -p embed-docker -- 'print(6 * 7)'
//! ```

use llm_sandbox_host::{SandboxHost, SessionConfig};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let code = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "print('hello from the sandbox')".into());
    let host = SandboxHost::docker().await?;
    let session = host.open(SessionConfig::new("python")).await?;
    let result = session.run(&code, &[]).await?;
    print!("{}", result.stdout);
    eprint!("{}", result.stderr);
    session.close().await?;
    std::process::exit(i32::try_from(result.exit_code).unwrap_or(1));
}
