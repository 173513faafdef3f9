//! The `nexevo-sandbox` binary: it prints where it listens and a demo key, serves, and takes fault rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod common;

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use common::*;

/// A running binary, killed when dropped (also when a test fails).
struct Running {
    child: Child,
    base_url: String,
    api_key: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Starts the binary with `args` after `--port PORT`, and reads its banner up to the API key.
fn run(args: &[&str]) -> Running {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nexevo-sandbox"))
        .arg("--port")
        .arg(port.to_string())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut running = Running {
        child,
        base_url: String::new(),
        api_key: String::new(),
    };
    let mut banner = String::new();
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            let mut stderr = String::new();
            let _ = running
                .child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr);
            panic!("the sandbox exited before its banner:\n{banner}\n{stderr}");
        }
        banner.push_str(&line);
        let line = line.trim();
        if let Some(url) = line.strip_prefix("NEXEVO_BASE_URL=") {
            running.base_url = url.to_owned();
        }
        if let Some(key) = line.strip_prefix("NEXEVO_API_KEY=") {
            running.api_key = key.to_owned();
            break;
        }
    }
    assert!(
        banner.contains(&format!("listening on http://127.0.0.1:{port}")),
        "{banner}"
    );
    assert_eq!(running.base_url, format!("http://127.0.0.1:{port}"));
    running
}

#[tokio::test]
async fn the_binary_serves_the_demo_account() {
    let running = run(&[]);
    let api = Api::at(&running.base_url);
    let reply = api
        .get("/v1/billing/balance")
        .token(&running.api_key)
        .send()
        .await;
    assert_eq!(reply.expect(200)["balance_usd"], json!("100.00"));
    let me = api.get("/v1/auth/me").token(&running.api_key).send().await;
    assert_eq!(me.expect(200)["email"], json!(nexevo_sandbox::DEMO_EMAIL));
    api.post("/v1/auth/login")
        .json(json!({ "email": nexevo_sandbox::DEMO_EMAIL, "password": nexevo_sandbox::DEMO_PASSWORD }))
        .send()
        .await
        .expect(200);
}

#[tokio::test]
async fn the_binary_takes_fault_rules_and_a_rate_limit() {
    let running = run(&["--fault", "get_balance=503x1", "--rate-limit", "4"]);
    let api = Api::at(&running.base_url);
    let balance = || api.get("/v1/billing/balance").token(&running.api_key);
    balance()
        .send()
        .await
        .expect_error(503, "service_unavailable");
    balance().send().await.expect(200);
    let reply = balance().send().await;
    assert_eq!(reply.header("x-ratelimit-limit"), Some("4"));
    balance().send().await.expect(200);
    balance().send().await.expect_error(429, "rate_limited");
}

#[test]
fn the_binary_refuses_bad_arguments() {
    for args in [
        &["--fault", "no_such_operation=503"][..],
        &["--fault", "get_balance=teapot"],
        &["--port", "not-a-port"],
        &["--rate-limit"],
        &["--unknown"],
        &["--help"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_nexevo-sandbox"))
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("usage: nexevo-sandbox"),
            "{args:?}: {stderr}"
        );
        assert!(output.stdout.is_empty());
    }
}
