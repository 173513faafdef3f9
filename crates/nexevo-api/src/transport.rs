//! How the generated client sends requests: the one seam between generated and hand-written code.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use progenitor_client::{ClientHooks, OperationInfo};

use crate::Client;

/// The future a [`Transport`] returns.
pub type TransportFuture<'a> =
    Pin<Box<dyn Future<Output = reqwest::Result<reqwest::Response>> + Send + 'a>>;

/// Sends the requests the generated [`Client`] builds.
///
/// The generated code builds each request (URL, headers, JSON body) and decodes each answer; in
/// between it hands the request to the client's transport. The `nexevo` crates implement it to
/// add credentials, retries with backoff, per-attempt timeouts and tracing, in one place.
pub trait Transport: Send + Sync + fmt::Debug {
    /// Sends `request` for the operation `operation_id` (snake_case) and answers the response
    /// the generated code should decode.
    fn execute<'a>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        operation_id: &'static str,
    ) -> TransportFuture<'a>;
}

/// Sends each request once, as it is.
#[derive(Debug, Clone, Copy, Default)]
pub struct DirectTransport;

impl Transport for DirectTransport {
    // Inline: compiled by the application that picks this transport, not by every build of
    // this crate (the SDK's clients use their own).
    #[inline]
    fn execute<'a>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        _operation_id: &'static str,
    ) -> TransportFuture<'a> {
        Box::pin(client.execute(request))
    }
}

impl ClientHooks<Arc<dyn Transport>> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        self.inner
            .execute(&self.client, request, info.operation_id)
            .await
    }
}
