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

/// A local web endpoint (axum) that receives spend alerts, verifies each with the key's
/// signing secret, and hands on the events it accepts.
pub mod alerts {
    use std::sync::Arc;

    use axum::extract::State;
    use axum::http::{HeaderMap, StatusCode};
    use nexevo::keys::AlertEvent;
    use nexevo::keys::webhooks::WebhookVerifier;
    use tokio::sync::{OnceCell, mpsc};

    struct Receiver {
        verifier: OnceCell<WebhookVerifier>,
        events: mpsc::UnboundedSender<AlertEvent>,
    }

    /// The running endpoint.
    pub struct Endpoint {
        /// Its URL, to set as a key's alert webhook.
        pub url: String,
        receiver: Arc<Receiver>,
        events: mpsc::UnboundedReceiver<AlertEvent>,
    }

    /// `POST /alerts`: verify, then act once per event id (deliveries are retried until a 2xx).
    async fn receive(
        State(receiver): State<Arc<Receiver>>,
        headers: HeaderMap,
        body: axum::body::Bytes,
    ) -> StatusCode {
        let Some(verifier) = receiver.verifier.get() else {
            return StatusCode::SERVICE_UNAVAILABLE;
        };
        match verifier.verify(&headers, &body) {
            Ok(event) => {
                let _ = receiver.events.send(event);
                StatusCode::NO_CONTENT
            }
            Err(_) => StatusCode::BAD_REQUEST,
        }
    }

    impl Endpoint {
        /// Starts one on a free port of 127.0.0.1.
        pub async fn start() -> std::io::Result<Self> {
            let (sender, events) = mpsc::unbounded_channel();
            let receiver = Arc::new(Receiver {
                verifier: OnceCell::new(),
                events: sender,
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let url = format!("http://{}/alerts", listener.local_addr()?);
            let app = axum::Router::new()
                .route("/alerts", axum::routing::post(receive))
                .with_state(Arc::clone(&receiver));
            tokio::spawn(async move { axum::serve(listener, app).await });
            Ok(Self {
                url,
                receiver,
                events,
            })
        }

        /// Verify deliveries with these secrets (`whsec_…`, the newest first).
        pub fn trust(&self, secrets: &[&str]) -> Result<(), Box<dyn std::error::Error>> {
            let (first, rest) = secrets.split_first().ok_or("no secret")?;
            let mut verifier = WebhookVerifier::new(first)?;
            for secret in rest {
                verifier = verifier.also_accept(secret)?;
            }
            self.receiver
                .verifier
                .set(verifier)
                .map_err(|_| "the endpoint already trusts its secrets".into())
        }

        /// The next verified event (within 10 s).
        pub async fn next(&mut self) -> Result<AlertEvent, Box<dyn std::error::Error>> {
            let event =
                tokio::time::timeout(std::time::Duration::from_secs(10), self.events.recv())
                    .await?
                    .ok_or("the endpoint stopped")?;
            Ok(event)
        }
    }
}
