//! The `nexevo-sandbox` binary: it prints where it listens and a demo key, serves, and takes fault rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::common::child::*;
use crate::common::*;

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

/// Sends `request` on a new connection to `base_url`, and reads the answer's status line (or
/// nothing, if none comes within `wait`). The connection is kept, for the caller to close.
async fn status_line(
    stream: &mut tokio::net::TcpStream,
    wait: std::time::Duration,
) -> Option<String> {
    use tokio::io::AsyncReadExt;
    let mut buffer = vec![0u8; 4096];
    match tokio::time::timeout(wait, stream.read(&mut buffer)).await {
        Ok(Ok(read)) if read > 0 => String::from_utf8_lossy(&buffer[..read])
            .lines()
            .next()
            .map(str::to_owned),
        _ => None,
    }
}

async fn connect_and_ask(base_url: &str, key: &str) -> tokio::net::TcpStream {
    use tokio::io::AsyncWriteExt;
    let mut stream = tokio::net::TcpStream::connect(base_url.trim_start_matches("http://"))
        .await
        .unwrap();
    stream
        .write_all(
            format!("GET /v1/billing/balance HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer {key}\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    stream
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn out_of_descriptors_the_sandbox_backs_off_and_answers_once_they_come_back() {
    let running = run(&[]);
    let pid = running.child.id();
    let (mut soft, mut hard) = (0, 0);
    rlimit::prlimit(
        pid as _,
        rlimit::Resource::NOFILE,
        None,
        Some((&mut soft, &mut hard)),
    )
    .unwrap();
    // Room for two more descriptors: the third connection finds none.
    let tight = open_descriptors(pid) + 2;
    rlimit::prlimit(
        pid as _,
        rlimit::Resource::NOFILE,
        Some((tight, hard)),
        None,
    )
    .unwrap();
    let mut waiting = Vec::new();
    for _ in 0..12 {
        waiting.push(connect_and_ask(&running.base_url, &running.api_key).await);
    }
    // While accepting fails, the sandbox waits between attempts rather than spinning.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let (cpu_before, started) = (cpu_time(pid), std::time::Instant::now());
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let used = cpu_time(pid) - cpu_before;
    let elapsed = started.elapsed();
    assert!(
        used < elapsed / 4,
        "the sandbox used {used:?} of CPU in {elapsed:?} while out of descriptors"
    );
    // Descriptors come back: every waiting connection is served.
    rlimit::prlimit(pid as _, rlimit::Resource::NOFILE, Some((soft, hard)), None).unwrap();
    for (index, stream) in waiting.iter_mut().enumerate() {
        let line = status_line(stream, std::time::Duration::from_secs(5)).await;
        assert_eq!(
            line.as_deref(),
            Some("HTTP/1.1 200 OK"),
            "connection {index} was not served once descriptors came back"
        );
    }
}

/// The first line a child writes to its stderr, if it writes one within 5 s.
fn first_line(stderr: std::process::ChildStderr) -> Option<String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stderr).read_line(&mut line);
        let _ = sender.send(line);
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(5))
        .ok()
        .map(|line| line.trim().to_owned())
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn connections_are_capped_below_the_descriptor_limit() {
    // A hard limit of 64 descriptors, which the sandbox cannot raise.
    let port = free_port();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 64 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_nexevo-sandbox"))
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let stderr = child.stderr.take().unwrap();
    let api_key = loop {
        let mut line = String::new();
        assert!(stdout.read_line(&mut line).unwrap() > 0, "no banner");
        if let Some(found) = line.trim().strip_prefix("NEXEVO_API_KEY=") {
            break found.to_owned();
        }
    };
    let running = Running {
        child,
        base_url: format!("http://127.0.0.1:{port}"),
        api_key,
    };
    // A quarter of the limit is kept for the rest of the process (at least 8).
    let cap = 64 - 16;
    assert_eq!(
        first_line(stderr),
        Some(format!(
            "nexevo-sandbox: serving at most {cap} connections at once, as the open-file limit leaves room for"
        ))
    );
    // Twice as many connections as the cap, all held open: exactly the cap are served, and
    // the others once those close.
    let mut open = Vec::new();
    for _ in 0..2 * cap {
        open.push(connect_and_ask(&running.base_url, &running.api_key).await);
    }
    let mut served = Vec::new();
    let mut unserved = Vec::new();
    for mut stream in open {
        match status_line(&mut stream, std::time::Duration::from_millis(300)).await {
            Some(line) => {
                assert_eq!(line, "HTTP/1.1 200 OK");
                served.push(stream);
            }
            None => unserved.push(stream),
        }
    }
    assert_eq!(served.len(), cap, "served at once");
    drop(served);
    for (index, stream) in unserved.iter_mut().enumerate() {
        let line = status_line(stream, std::time::Duration::from_secs(5)).await;
        assert_eq!(
            line.as_deref(),
            Some("HTTP/1.1 200 OK"),
            "connection {index}"
        );
    }
    let pid = running.child.id();
    assert!(open_descriptors(pid) <= 64);
}

#[cfg(target_os = "linux")]
#[test]
fn the_binary_raises_its_soft_descriptor_limit_to_the_hard_one() {
    let (_, hard) = rlimit::getrlimit(rlimit::Resource::NOFILE).unwrap();
    if hard <= 256 {
        return; // nothing to raise it to here
    }
    let port = free_port();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg("ulimit -S -n 256 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_nexevo-sandbox"))
        .args(["--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let said = first_line(child.stderr.take().unwrap());
    let running = Running {
        child,
        base_url: String::new(),
        api_key: String::new(),
    };
    let (mut soft, mut now_hard) = (0, 0);
    rlimit::prlimit(
        running.child.id() as _,
        rlimit::Resource::NOFILE,
        None,
        Some((&mut soft, &mut now_hard)),
    )
    .unwrap();
    assert_eq!(soft, now_hard);
    assert_eq!(
        said,
        Some(format!(
            "nexevo-sandbox: raised the open-file limit from 256 to {soft}"
        ))
    );
}

#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_requests_leave_the_binarys_peak_memory_bounded() {
    let running = run(&[]);
    let pid = running.child.id();
    let base = running.base_url.clone();
    let key = running.api_key.clone();
    let at_start = status_kb(pid, "VmHWM");
    let http = reqwest::Client::new();
    let within_bound = |after: &str| {
        let peak = status_kb(pid, "VmHWM");
        assert!(
            peak <= PEAK_MEMORY_BOUND_KB,
            "after {after}, the sandbox's peak memory was {peak} kB, over {PEAK_MEMORY_BOUND_KB} kB"
        );
    };

    // Streamed chats of a 1 MB prompt, with fresh keys: their echo is some 40 MB of events,
    // more than a credential's records may keep. The first is read whole; the others are
    // left after their head, as a client that goes away does.
    let prompt = "abcdefg ".repeat(125_000);
    let chat = json!({ "model": "nexevo/fast", "stream": true, "messages": [{ "role": "user", "content": prompt }] });
    for n in 0..3 {
        let response = http
            .post(format!("{base}/v1/chat/completions"))
            .bearer_auth(&key)
            .header("idempotency-key", format!("hostile-stream-{n}"))
            .json(&chat)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        if n == 0 {
            let whole = response.bytes().await.unwrap();
            assert!(whole.len() > 30 * 1024 * 1024, "{} bytes", whole.len());
            assert!(whole.ends_with(b"data: [DONE]\n\n"));
        }
    }
    within_bound("three streamed chats of a 1 MB prompt");
    // A 14 MiB junk list, over chat's 4 MiB: refused before it is read.
    let junk = |bytes: usize| {
        let mut body = br#"{"model":"nexevo/fast","messages":["#.to_vec();
        body.extend(b"[],".repeat(bytes / 3));
        body.extend(b"[]]}");
        body
    };
    for _ in 0..2 {
        let body = junk(14 * 1024 * 1024);
        let head = post_head("/v1/chat/completions", Some(&key), "", body.len());
        assert_eq!(send_raw(&base, head, body).await, Some(413));
    }
    within_bound("two 14 MiB junk lists");
    // Junk within the limit: refused without building it.
    for _ in 0..3 {
        let body = junk(4 * 1024 * 1024 - 100);
        let head = post_head("/v1/chat/completions", Some(&key), "", body.len());
        assert_eq!(send_raw(&base, head, body).await, Some(413));
    }
    within_bound("three 4 MiB junk lists");
    // Keyed requests with big bodies and no credential, or a made-up one: refused unread.
    for n in 0..20_u32 {
        let body = junk(4 * 1024 * 1024 - 100);
        let auth = n.is_multiple_of(2).then_some("made-up");
        let head = post_head(
            "/v1/chat/completions",
            auth,
            &format!("idempotency-key: unread-{n}\r\n"),
            body.len(),
        );
        assert_eq!(send_raw(&base, head, body).await, Some(401));
    }

    within_bound("twenty keyed 4 MiB bodies without a credential");
    eprintln!(
        "VmHWM {at_start} kB at start, {} kB at its peak; VmRSS {} kB at the end",
        status_kb(pid, "VmHWM"),
        status_kb(pid, "VmRSS")
    );
    // And it still answers.
    let balance = http
        .get(format!("{base}/v1/billing/balance"))
        .bearer_auth(&key)
        .send()
        .await
        .unwrap();
    assert_eq!(balance.status(), 200);
}
