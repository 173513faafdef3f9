//! What every example shares: a client for `NEXEVO_BASE_URL` when it is set, else for an
//! embedded sandbox started on the spot.

use nexevo::Client;
use nexevo_sandbox::Sandbox;

/// Where an example runs.
pub struct Target {
    /// The client to use.
    pub client: Client,
    /// The embedded sandbox, kept alive for as long as the example runs; `None` against a real
    /// server.
    pub sandbox: Option<Sandbox>,
}

impl Target {
    /// A client from `NEXEVO_BASE_URL` and `NEXEVO_API_KEY` when the base URL is set; otherwise
    /// a sandbox started here and its demo account's API key.
    pub async fn connect() -> Result<Self, Box<dyn std::error::Error>> {
        if std::env::var_os("NEXEVO_BASE_URL").is_some() {
            return Ok(Self {
                client: Client::from_env()?,
                sandbox: None,
            });
        }
        let sandbox = Sandbox::start().await?;
        let client = Client::builder()
            .base_url(sandbox.base_url())
            .api_key(sandbox.demo().api_key.expose().to_owned())
            .build()?;
        Ok(Self {
            client,
            sandbox: Some(sandbox),
        })
    }

    /// Where the example runs, for its first line of output.
    pub fn describe(&self) -> String {
        match &self.sandbox {
            Some(sandbox) => format!("the embedded sandbox at {}", sandbox.base_url()),
            None => format!("{} (NEXEVO_BASE_URL)", self.client.base_url()),
        }
    }
}
