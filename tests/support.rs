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
