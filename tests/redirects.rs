//! Secrets stay on the host they were meant for: the SDK follows no redirect. A server that
//! answers `307` pointing at another origin gets a typed error back naming the status and the
//! `Location`, and the other origin receives nothing — not the provider key, not the prompt,
//! not a password.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::sync::atomic::Ordering;

use nexevo::auth::AuthExt;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::keys::KeysExt;
use nexevo::{Client, Error, RetryPolicy};
use nexevo_e2e::raw_server;

/// A server that answers every request `status` with `Location: to` plus the request's path.
async fn redirecting_server(status: u16, to: &str) -> String {
    let to = to.to_owned();
    let (url, _) = raw_server(move |path| {
        format!(
            "HTTP/1.1 {status} Redirect\r\nlocation: {to}{path}\r\nx-request-id: req_redirect\r\ncontent-length: 0\r\n\r\n"
        )
        .into_bytes()
    })
    .await;
    url
}

fn client(base_url: &str) -> Client {
    Client::builder()
        .base_url(base_url)
        .api_key("nx-test-SENTINEL-api-key")
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap()
}

fn assert_redirect(error: &Error, status: u16, elsewhere: &str) {
    match error {
        Error::Redirect {
            status: got,
            location,
            request_id,
        } => {
            assert_eq!(*got, status, "{error}");
            assert!(
                location
                    .as_deref()
                    .is_some_and(|l| l.starts_with(elsewhere)),
                "{error}"
            );
            assert_eq!(request_id.as_deref(), Some("req_redirect"));
            assert!(error.to_string().contains(elsewhere), "{error}");
            assert_eq!(error.status(), Some(status));
        }
        other => panic!("expected a redirect error, got {other:?}"),
    }
}

#[tokio::test]
async fn no_call_follows_a_redirect_to_another_host() {
    let (elsewhere, seen) =
        raw_server(|_| b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec()).await;
    for status in [301, 302, 303, 307, 308] {
        let redirector = redirecting_server(status, &elsewhere).await;
        let client = client(&redirector);
        let request = ChatRequest::new(Model::FAST)
            .user("a private prompt")
            .provider_key("sk-SENTINEL-provider-key");
        let error = client
            .chat()
            .completions()
            .create(request.clone())
            .await
            .unwrap_err();
        assert_redirect(&error, status, &elsewhere);
        let error = client
            .chat()
            .completions()
            .create_stream(request)
            .await
            .unwrap_err();
        assert_redirect(&error, status, &elsewhere);
        let error = client
            .auth()
            .login("jane@acme.com", "SENTINEL-password")
            .await
            .unwrap_err();
        assert_redirect(&error, status, &elsewhere);
        let error = client.keys().list().await.unwrap_err();
        assert_redirect(&error, status, &elsewhere);
    }
    assert_eq!(
        seen.load(Ordering::SeqCst),
        0,
        "the other host received nothing"
    );
}

/// An error status whose body is not the error shape — a proxy's HTML page, or nothing — is an
/// API error with its status and request id, whichever call met it: never a decode error.
#[tokio::test]
async fn an_error_status_without_the_error_shape_is_an_api_error() {
    for (status, body) in [
        (502, "<html><body>Bad gateway</body></html>"),
        (503, ""),
        (500, "{\"not\": \"the error shape\"}"),
        (404, "Not Found"),
    ] {
        let (url, seen) = raw_server(move |_| {
            format!(
                "HTTP/1.1 {status} Oops\r\ncontent-type: text/html\r\nx-request-id: req_proxy\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            )
            .into_bytes()
        })
        .await;
        let client = client(&url);
        let errors = [
            client.keys().list().await.unwrap_err(),
            client.auth().me().await.unwrap_err(),
            client
                .chat()
                .completions()
                .create(ChatRequest::new(Model::FAST).user("Hi"))
                .await
                .unwrap_err(),
            client
                .chat()
                .completions()
                .create_stream(ChatRequest::new(Model::FAST).user("Hi"))
                .await
                .unwrap_err(),
        ];
        for error in errors {
            let api = error
                .as_api()
                .unwrap_or_else(|| panic!("{status} {body:?}: not an API error: {error:?}"));
            assert_eq!(api.status, status, "{error}");
            assert_eq!(api.request_id.as_deref(), Some("req_proxy"), "{error}");
        }
        assert_eq!(seen.load(Ordering::SeqCst), 4, "one attempt each");
    }
}
