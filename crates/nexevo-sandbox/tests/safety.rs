//! The sandbox is safe to run on a developer's machine: it answers loopback hosts only (a web
//! page cannot drive it through DNS rebinding), reads bodies only as JSON (a page cannot post
//! a form or text to it without a preflight), times out slow request heads, and serves a
//! bounded number of connections.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Duration;

use crate::common::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn address(sandbox: &Sandbox) -> String {
    sandbox.base_url().trim_start_matches("http://").to_owned()
}

/// Sends `request` raw on a new connection and answers the whole answer (the connection is
/// asked to close).
async fn raw(sandbox: &Sandbox, request: String) -> String {
    let mut stream = TcpStream::connect(address(sandbox)).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer))
        .await
        .unwrap()
        .unwrap();
    String::from_utf8_lossy(&answer).into_owned()
}

async fn balance_with_host(sandbox: &Sandbox, host: &str) -> String {
    let key = sandbox.demo().api_key.expose().to_owned();
    raw(
        sandbox,
        format!(
            "GET /v1/billing/balance HTTP/1.1\r\nhost: {host}\r\nauthorization: Bearer {key}\r\nconnection: close\r\n\r\n"
        ),
    )
    .await
}

#[tokio::test]
async fn only_loopback_hosts_are_answered() {
    let sandbox = Sandbox::start().await.unwrap();
    let port = address(&sandbox).rsplit_once(':').unwrap().1.to_owned();
    for host in [
        format!("localhost:{port}"),
        format!("LocalHost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("127.1.2.3:{port}"),
        format!("[::1]:{port}"),
        format!("app.localhost:{port}"),
        "localhost".to_owned(),
    ] {
        let answer = balance_with_host(&sandbox, &host).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{host}: {answer}");
    }
    for host in [
        format!("attacker.example:{port}"),
        format!("localhost.attacker.example:{port}"),
        format!("10.0.0.1:{port}"),
        format!("[::2]:{port}"),
    ] {
        let answer = balance_with_host(&sandbox, &host).await;
        assert!(answer.starts_with("HTTP/1.1 421"), "{host}: {answer}");
        assert!(answer.contains(r#""code":"forbidden""#), "{host}: {answer}");
        assert!(answer.contains("x-request-id"), "{host}: {answer}");
    }
    assert_eq!(
        sandbox.total_counters().received,
        7,
        "the refused ones reached no operation"
    );
}

#[tokio::test]
async fn a_host_can_be_allowed_by_name() {
    let sandbox = Sandbox::builder()
        .allow_host("Sandbox.Internal")
        .start()
        .await
        .unwrap();
    let answer = balance_with_host(&sandbox, "sandbox.internal:80").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let answer = balance_with_host(&sandbox, "other.internal").await;
    assert!(answer.starts_with("HTTP/1.1 421"), "{answer}");
}

#[tokio::test]
async fn a_body_is_read_only_as_json() {
    let (sandbox, api, key) = start().await;
    let body = br#"{"name":"from a web page"}"#.to_vec();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let reply = api
            .post("/v1/keys")
            .token(&key)
            .raw(body.clone(), content_type)
            .send()
            .await;
        let error = reply.expect_error(415, "validation_failed");
        assert_eq!(error["field"], json!("Content-Type"), "{content_type:?}");
    }
    assert_eq!(sandbox.counters("create_key").applied, 0);
    for content_type in ["application/json; charset=utf-8", "Application/JSON"] {
        api.post("/v1/keys")
            .token(&key)
            .raw(body.clone(), Some(content_type))
            .send()
            .await
            .expect(201);
    }
}

#[tokio::test]
async fn a_slow_request_head_is_cut_off() {
    let sandbox = Sandbox::builder()
        .header_read_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap();
    let mut stream = TcpStream::connect(address(&sandbox)).await.unwrap();
    stream
        .write_all(b"GET /v1/models HTTP/1.1\r\nhost: localhost\r\n")
        .await
        .unwrap();
    // The head never ends: the sandbox closes the connection (answering 408 or not).
    let mut answer = Vec::new();
    let closed =
        tokio::time::timeout(Duration::from_secs(3), stream.read_to_end(&mut answer)).await;
    assert!(closed.is_ok(), "the connection was still open after 3 s");
    let text = String::from_utf8_lossy(&answer);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "{text}"
    );
    assert!(DEFAULT_HEADER_READ_TIMEOUT <= Duration::from_secs(30));
}

#[tokio::test]
async fn connections_are_capped() {
    const { assert!(DEFAULT_MAX_CONNECTIONS >= 1_024) };
    let sandbox = Sandbox::builder().max_connections(4).start().await.unwrap();
    let request = b"GET /v1/models HTTP/1.1\r\nhost: localhost\r\n\r\n";
    let mut open = Vec::new();
    for _ in 0..4 {
        let mut stream = TcpStream::connect(address(&sandbox)).await.unwrap();
        stream.write_all(request).await.unwrap();
        let mut buffer = [0u8; 4096];
        let read = stream.read(&mut buffer).await.unwrap();
        assert!(buffer[..read].starts_with(b"HTTP/1.1 "));
        open.push(stream);
    }
    // A fifth connects (the kernel queues it) but is not served while four are open.
    let mut fifth = TcpStream::connect(address(&sandbox)).await.unwrap();
    fifth.write_all(request).await.unwrap();
    let mut buffer = [0u8; 4096];
    let waited = tokio::time::timeout(Duration::from_millis(500), fifth.read(&mut buffer)).await;
    assert!(waited.is_err(), "a fifth connection was served");
    drop(open.pop());
    let read = tokio::time::timeout(Duration::from_secs(3), fifth.read(&mut buffer))
        .await
        .expect("served once one closed")
        .unwrap();
    assert!(buffer[..read].starts_with(b"HTTP/1.1 "), "an answer");
    assert_eq!(sandbox.connections_accepted(), 5);
}
