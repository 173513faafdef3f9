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
/// signing secret, and hands on the events it accepts, each once.
pub mod alerts {
    use std::collections::{HashSet, VecDeque};
    use std::sync::{Arc, Mutex, PoisonError};

    use axum::extract::{DefaultBodyLimit, State};
    use axum::http::{HeaderMap, StatusCode};
    use nexevo::keys::AlertEvent;
    use nexevo::keys::webhooks::{DEFAULT_MAX_BODY_BYTES, WebhookVerifier};
    use tokio::sync::{OnceCell, mpsc};

    /// How many handled event ids the endpoint remembers. A production receiver keeps them
    /// where it records what it did (its database), for longer than the verifier's tolerance.
    const REMEMBERED_EVENTS: usize = 10_000;

    struct Receiver {
        verifier: OnceCell<WebhookVerifier>,
        events: mpsc::UnboundedSender<AlertEvent>,
        handled: Mutex<HandledEvents>,
    }

    /// The ids of the events already handed on, the oldest forgotten first. Only verified
    /// events reach it, so a stranger cannot fill it.
    #[derive(Default)]
    struct HandledEvents {
        ids: HashSet<String>,
        order: VecDeque<String>,
    }

    impl HandledEvents {
        /// Whether `id` is new (and now remembered).
        fn first_time(&mut self, id: &str) -> bool {
            if self.ids.contains(id) {
                return false;
            }
            if self.order.len() == REMEMBERED_EVENTS
                && let Some(oldest) = self.order.pop_front()
            {
                self.ids.remove(&oldest);
            }
            self.ids.insert(id.to_owned());
            self.order.push_back(id.to_owned());
            true
        }
    }

    /// The running endpoint.
    pub struct Endpoint {
        /// Its URL, to set as a key's alert webhook.
        pub url: String,
        receiver: Arc<Receiver>,
        events: mpsc::UnboundedReceiver<AlertEvent>,
    }

    /// `POST /alerts`: verify, then act once per event id. Deliveries are retried until
    /// answered 2xx, so a repeat of a handled event is acknowledged and not acted on again.
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
                let first_time = receiver
                    .handled
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .first_time(&event.id);
                if first_time {
                    let _ = receiver.events.send(event);
                }
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
                handled: Mutex::default(),
            });
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
            let url = format!("http://{}/alerts", listener.local_addr()?);
            let app = axum::Router::new()
                .route("/alerts", axum::routing::post(receive))
                // An alert is a few hundred bytes: a larger body is refused before it is read.
                .layer(DefaultBodyLimit::max(DEFAULT_MAX_BODY_BYTES))
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
            let mut verifier = WebhookVerifier::new(*first)?;
            for secret in rest {
                verifier = verifier.also_accept(*secret)?;
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

        /// An event handed on and not yet taken by [`Endpoint::next`], if there is one.
        pub fn pending(&mut self) -> Option<AlertEvent> {
            self.events.try_recv().ok()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // a test reports by panicking

    use std::time::Duration;

    use nexevo::chat::{ChatExt, ChatRequest, Model};
    use nexevo::keys::KeysExt;
    use rust_decimal::Decimal;

    use super::*;

    /// A delivery retried after the endpoint handled it (its 2xx lost on the way back) is
    /// acknowledged and not handed on a second time.
    #[tokio::test]
    async fn the_alert_endpoint_acts_once_per_event() {
        let sandbox = Sandbox::builder()
            .alert_retry_backoff(Duration::from_millis(20))
            .start()
            .await
            .unwrap();
        let mut endpoint = alerts::Endpoint::start().await.unwrap();
        let client = |key: &str| {
            Client::builder()
                .base_url(sandbox.base_url())
                .api_key(key)
                .build()
                .unwrap()
        };
        let owner = client(sandbox.demo().api_key.expose());
        let created = owner.keys().create("alerting").await.unwrap();
        let key_id = created.key.key_id;
        let secret = owner
            .keys()
            .update_alert_webhook(&key_id, endpoint.url.as_str())
            .await
            .unwrap()
            .signing_secret
            .unwrap();
        endpoint.trust(&[secret.expose()]).unwrap();
        let spender = client(created.full_key.expose());
        let request = || ChatRequest::new(Model::BALANCED).user("word ".repeat(800));
        let cost = spender
            .chat()
            .completions()
            .create(request())
            .await
            .unwrap()
            .cost_usd();
        // The second call takes the spend past 80 % of the cap, not to it.
        let cap = (cost * Decimal::new(24, 1)).round_dp(6);
        owner.keys().update_spend_cap(&key_id, cap).await.unwrap();
        spender
            .chat()
            .completions()
            .create(request())
            .await
            .unwrap();
        let event = endpoint.next().await.unwrap();

        // The sandbox records the attempt once it has the endpoint's answer.
        let mut delivered = None;
        for _ in 0..200 {
            delivered = sandbox
                .webhook_deliveries()
                .into_iter()
                .find(|delivery| delivery.event_id == event.id && delivery.delivered());
            if delivered.is_some() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let delivered = delivered.expect("the delivery is recorded");
        let again = reqwest::Client::new()
            .post(&endpoint.url)
            .header("content-type", "application/json")
            .header("webhook-id", &delivered.event_id)
            .header("webhook-timestamp", &delivered.timestamp)
            .header("webhook-signature", &delivered.signature)
            .body(delivered.body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), 204, "a repeat is acknowledged");
        assert!(
            endpoint.pending().is_none(),
            "the repeat of {} was handed on again",
            event.id
        );
    }
}

/// Showing the router learn: completions of a tier, and the backend each was routed to.
pub mod routing {
    use nexevo::chat::{ChatExt, ChatRequest, Completion, Model};

    /// `count` completions of `nexevo/balanced`.
    pub async fn balanced_routes(
        client: &nexevo::Client,
        count: usize,
    ) -> Result<Vec<Completion>, nexevo::Error> {
        let mut completions = Vec::with_capacity(count);
        for _ in 0..count {
            completions.push(
                client
                    .chat()
                    .completions()
                    .create(ChatRequest::new(Model::BALANCED).user("Route me"))
                    .await?,
            );
        }
        Ok(completions)
    }

    /// Each completion's backend, and why the router chose it.
    pub fn describe(completions: &[Completion]) -> String {
        let routes: Vec<String> = completions
            .iter()
            .map(|completion| {
                let reason = completion
                    .routing_reason()
                    .map_or_else(|| "unsaid".to_owned(), ToString::to_string);
                format!("{} ({reason})", completion.routed_model())
            })
            .collect();
        routes.join(", ")
    }
}
