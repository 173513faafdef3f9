//! What the end-to-end tests share: a sandbox and a client for it.

// Test support: failing a test is its way to report.
#![allow(clippy::panic)]

use std::time::Duration;

use nexevo::{Client, ClientBuilder, RetryPolicy};
use nexevo_sandbox::Sandbox;

/// A started sandbox and a builder for clients of it (demo account's key, fast retries).
pub async fn sandbox() -> (Sandbox, ClientBuilder) {
    let sandbox = Sandbox::start()
        .await
        .unwrap_or_else(|e| panic!("the sandbox starts: {e}"));
    let builder = builder_for(&sandbox, sandbox.demo().api_key.expose());
    (sandbox, builder)
}

/// The code of a base32 TOTP secret `steps` 30-second steps from now, as an authenticator app
/// computes it (the sandbox accepts -1, 0 and 1). A code works once, and never after a later
/// one: a test that needs several takes them in this order.
pub fn totp_code(secret: &str, steps: i64) -> String {
    totp(secret).generate(unix_now().saturating_add_signed(steps * 30))
}

/// A 6-digit code that is not valid for a base32 TOTP secret now, nor in the steps either
/// side of now.
pub fn wrong_totp_code(secret: &str) -> String {
    let totp = totp(secret);
    let now = unix_now();
    (0..1_000_000u32)
        .map(|n| format!("{n:06}"))
        .find(|candidate| !totp.check(candidate, now) && !totp.check(candidate, now + 30))
        .unwrap_or_else(|| panic!("some 6-digit code is wrong"))
}

/// An authenticator app's TOTP of a base32 secret: SHA-1, 6 digits, 30-second steps, one
/// step either side accepted.
fn totp(secret: &str) -> totp_rs::TOTP {
    use totp_rs::{Algorithm, Secret, TOTP};
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .unwrap_or_else(|e| panic!("a base32 TOTP secret: {e:?}"));
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes).unwrap_or_else(|e| panic!("a TOTP: {e:?}"))
}

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// A client builder for `sandbox` with `key`, with retries quick enough for tests.
pub fn builder_for(sandbox: &Sandbox, key: &str) -> ClientBuilder {
    Client::builder()
        .base_url(sandbox.base_url())
        .api_key(key.to_owned())
        .retry_policy(fast_retries())
}

/// The default policy, with waits in milliseconds.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(20))
        .max_backoff(Duration::from_millis(100))
}

/// Builds a client, failing the test if the settings are refused.
pub fn build(builder: ClientBuilder) -> Client {
    builder
        .build()
        .unwrap_or_else(|e| panic!("the client builds: {e}"))
}

/// A small HTTP/1.1 server on loopback for what the sandbox cannot do: it reads each request
/// (its head, and a body as long as its `content-length`), answers `answer(path)` as raw bytes
/// and closes the connection. Answers its base URL and a count of the requests it read.
pub async fn raw_server(
    answer: impl Fn(&str) -> Vec<u8> + Send + Sync + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    scripted_server(move |_, path| vec![Step::Write(answer(path))]).await
}

/// One server-sent event carrying a minimal completion chunk whose content is `text`.
pub fn chunk_event(text: &str) -> String {
    format!(
        "data: {{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"nexevo/fast\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":\"{text}\"}}}}],\"nexevo\":{{\"generation_id\":\"gen_1\",\"tier\":\"fast\"}}}}\n\n"
    )
}

/// One step of a [`scripted_server`]'s answer.
#[derive(Debug, Clone)]
pub enum Step {
    /// Write these bytes.
    Write(Vec<u8>),
    /// Pause.
    Sleep(Duration),
    /// Write these bytes again and again, for as long as the client reads.
    Repeat(Vec<u8>),
    /// Say nothing more, keeping the connection open, until the client gives up.
    Hang,
    /// Close the connection with a reset.
    Reset,
}

/// [`raw_server`] with an answer made of steps: `script(n, path)` for the `n`th request (from
/// 0) — so an answer can stall, never end, or break off, and differ from one attempt to the
/// next. Without a final `Hang` or `Reset`, the connection is closed after the last step.
pub async fn scripted_server(
    script: impl Fn(usize, &str) -> Vec<Step> + Send + Sync + 'static,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .unwrap_or_else(|e| panic!("a loopback port: {e}"));
    let url = format!(
        "http://{}",
        listener
            .local_addr()
            .unwrap_or_else(|e| panic!("its address: {e}"))
    );
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&seen);
    let script = Arc::new(script);
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (script, counter) = (Arc::clone(&script), Arc::clone(&counter));
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buffer = [0u8; 8192];
                let path = loop {
                    let Ok(read) = socket.read(&mut buffer).await else {
                        return;
                    };
                    if read == 0 {
                        return;
                    }
                    request.extend_from_slice(&buffer[..read]);
                    let text = String::from_utf8_lossy(&request);
                    let Some(end) = text.find("\r\n\r\n") else {
                        continue;
                    };
                    let length = text[..end]
                        .lines()
                        .find_map(|line| {
                            let line = line.to_ascii_lowercase();
                            let value = line.strip_prefix("content-length:")?;
                            value.trim().parse::<usize>().ok()
                        })
                        .unwrap_or(0);
                    if request.len() >= end + 4 + length {
                        break text.split_whitespace().nth(1).unwrap_or("/").to_owned();
                    }
                };
                let index = counter.fetch_add(1, Ordering::SeqCst);
                for step in script(index, &path) {
                    match step {
                        Step::Write(bytes) => {
                            if socket.write_all(&bytes).await.is_err() {
                                return;
                            }
                        }
                        Step::Sleep(pause) => tokio::time::sleep(pause).await,
                        Step::Repeat(bytes) => {
                            while socket.write_all(&bytes).await.is_ok() {}
                            return;
                        }
                        Step::Hang => {
                            // Until the client closes its side.
                            while matches!(socket.read(&mut buffer).await, Ok(read) if read > 0) {}
                            return;
                        }
                        Step::Reset => {
                            let _ = socket.set_zero_linger();
                            return;
                        }
                    }
                }
                let _ = socket.shutdown().await;
            });
        }
    });
    (url, seen)
}

/// The SDK's whole response handling, driven by canned answers instead of a server: what the
/// fuzz target and the property tests of the response handler both run.
pub mod canned {
    use futures_util::StreamExt as _;
    use nexevo::billing::BillingExt;
    use nexevo::chat::{ChatExt, ChatRequest, Model};
    use nexevo::feedback::{FeedbackExt, Rating};
    use nexevo::keys::KeysExt;
    use nexevo::{BoxFuture, Client, Error, RequestSender, RetryPolicy};

    /// An answer to serve: status, headers, body.
    #[derive(Debug, Clone)]
    pub struct Answer {
        /// The status (clamped to a valid one).
        pub status: u16,
        /// Header names and values (those HTTP cannot carry are dropped).
        pub headers: Vec<(String, String)>,
        /// The body.
        pub body: Vec<u8>,
    }

    /// Which call reads the answer: a value, a page, a create, a completion, a stream.
    #[derive(Debug, Clone, Copy)]
    pub enum Call {
        /// `billing().balance()`.
        Balance,
        /// `keys().list()`: a page.
        ListKeys,
        /// `keys().create(..)`: a secret in the answer.
        CreateKey,
        /// `chat().completions().create(..)`.
        Completion,
        /// `chat().completions().create_stream(..)`, read to its end.
        Stream,
        /// `feedback().summary()`: a map.
        Summary,
        /// `feedback().submit(..)`.
        Feedback,
    }

    impl Call {
        /// Every call.
        pub const ALL: [Call; 7] = [
            Call::Balance,
            Call::ListKeys,
            Call::CreateKey,
            Call::Completion,
            Call::Stream,
            Call::Summary,
            Call::Feedback,
        ];
    }

    /// Serves whatever answer the current run set.
    #[derive(Debug, Clone, Default)]
    struct Canned(std::sync::Arc<std::sync::Mutex<Option<Answer>>>);

    impl RequestSender for Canned {
        fn send(&self, _: reqwest::Request) -> BoxFuture<reqwest::Result<reqwest::Response>> {
            let answer = self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .clone();
            let answer = answer.unwrap_or(Answer {
                status: 500,
                headers: Vec::new(),
                body: Vec::new(),
            });
            let status = http::StatusCode::from_u16(answer.status.clamp(100, 999))
                .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            let mut builder = http::Response::builder().status(status);
            for (name, value) in &answer.headers {
                if let (Ok(name), Ok(value)) = (
                    http::HeaderName::from_bytes(name.as_bytes()),
                    http::HeaderValue::from_bytes(value.as_bytes()),
                ) {
                    builder = builder.header(name, value);
                }
            }
            let response = builder
                .body(reqwest::Body::from(answer.body))
                .map(reqwest::Response::from);
            Box::pin(async move {
                // The parts were checked one by one above, so the response always builds.
                Ok(response.unwrap_or_else(|_| {
                    reqwest::Response::from(http::Response::new(reqwest::Body::from(Vec::new())))
                }))
            })
        }
    }

    /// One client and runtime per thread, reused by every run (building a client loads TLS
    /// roots, far slower than what is being tested).
    struct Harness {
        runtime: tokio::runtime::Runtime,
        client: Client,
        canned: Canned,
    }

    thread_local! {
        static HARNESS: Option<Harness> = harness();
    }

    fn harness() -> Option<Harness> {
        let canned = Canned::default();
        let client = Client::builder()
            .api_key("nx-live-canned")
            .sender(canned.clone())
            .retry_policy(RetryPolicy::none())
            .build()
            .ok()?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        Some(Harness {
            runtime,
            client,
            canned,
        })
    }

    /// Runs `call` with `answer` as the server's answer, with no retries: a description of the
    /// value, or the typed error. Never panics (that is what is being tested).
    pub fn run(call: Call, answer: Answer) -> Result<String, Error> {
        HARNESS.with(|harness| {
            let Some(harness) = harness else {
                return Err(Error::Config("the harness could not start".into()));
            };
            *harness
                .canned
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(answer);
            let client = harness.client.clone();
            harness.runtime.block_on(async move {
                let request = || ChatRequest::new(Model::FAST).user("hi");
                Ok(match call {
                    Call::Balance => format!("{:?}", client.billing().balance().await?),
                    Call::ListKeys => format!("{:?}", client.keys().list().await?),
                    Call::CreateKey => format!("{:?}", client.keys().create("k").await?),
                    Call::Completion => {
                        format!("{:?}", client.chat().completions().create(request()).await?)
                    }
                    Call::Stream => {
                        let mut stream =
                            client.chat().completions().create_stream(request()).await?;
                        let mut chunks = 0;
                        while let Some(chunk) = stream.next().await {
                            chunk?;
                            chunks += 1;
                        }
                        format!("{chunks} chunks")
                    }
                    Call::Summary => format!("{:?}", client.feedback().summary().await?),
                    Call::Feedback => {
                        format!("{:?}", client.feedback().submit("gen_1", Rating::Up).await?)
                    }
                })
            })
        })
    }

    /// What must hold of any outcome: an error status is an error carrying that status, and
    /// an answer that arrived is never mistaken for a transport failure.
    pub fn check(status: u16, outcome: &Result<String, Error>) -> Result<(), String> {
        let status = status.clamp(100, 999);
        let success = (200..300).contains(&status);
        match outcome {
            Ok(_) if success => Ok(()),
            Ok(value) => Err(format!("status {status} answered Ok({value})")),
            Err(Error::Stream(_)) if success => Ok(()),
            Err(error) if error.status() == Some(status) => Ok(()),
            Err(error) => Err(format!("status {status} gave {error:?}")),
        }
    }
}
