//! The last step of every attempt: handing a request to HTTP.

use std::fmt;

use crate::operation::BoxFuture;

/// Sends one attempt of a request and answers what came back. The SDK sends with its
/// `reqwest::Client`; [`ClientBuilder::sender`](crate::ClientBuilder::sender) substitutes
/// another — canned answers in a test of your own code, say, or a recorder. Credentials,
/// retries, timeouts and decoding all happen around it, exactly as for real requests.
pub trait RequestSender: Send + Sync + fmt::Debug + 'static {
    /// Sends `request` once.
    fn send(&self, request: reqwest::Request) -> BoxFuture<reqwest::Result<reqwest::Response>>;
}
