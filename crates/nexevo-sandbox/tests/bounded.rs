//! A sandbox that stays bounded: a body is read only after its request is authenticated and
//! its content type checked, up to its operation's stated size and within a time limit; a
//! junk body is refused without being built up in memory; and `Idempotency-Key` records stay
//! within their byte caps, a record too large to keep refusing its repeat rather than running
//! it again.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::{Duration, Instant};

use crate::common::*;
use nexevo_sandbox::DEFAULT_BODY_READ_TIMEOUT;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn address(base_url: &str) -> String {
    base_url.trim_start_matches("http://").to_owned()
}

/// What came back on a raw connection: the answer's text (empty if none), and whether the
/// sandbox closed the connection.
struct RawAnswer {
    text: String,
    closed: bool,
}

impl RawAnswer {
    fn status(&self) -> Option<u16> {
        self.text
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
    }

    /// The JSON error detail of the answer's body.
    #[track_caller]
    fn error(&self) -> Value {
        let body = self
            .text
            .split_once("\r\n\r\n")
            .map(|(_, body)| body)
            .unwrap_or_else(|| panic!("no body: {}", self.text));
        let body: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
        spec().check_named("Error", &body).unwrap();
        body["error"].clone()
    }
}

/// Reads from `stream` until it closes or `wait` passes, whichever is first.
async fn read_for(stream: &mut TcpStream, wait: Duration) -> RawAnswer {
    let mut answer = Vec::new();
    let deadline = tokio::time::Instant::now() + wait;
    let mut buffer = [0u8; 8192];
    let closed = loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break true,
            Ok(Ok(read)) => {
                answer.extend_from_slice(&buffer[..read]);
                // One answer is enough: stop at the end of its body when its length is known.
                if answer_is_complete(&answer) {
                    break false;
                }
            }
            Err(_) => break false,
        }
    };
    RawAnswer {
        text: String::from_utf8_lossy(&answer).into_owned(),
        closed,
    }
}

fn answer_is_complete(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some((head, body)) = text.split_once("\r\n\r\n") else {
        return false;
    };
    head.lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse::<usize>().ok())?
        })
        .is_some_and(|length| body.len() >= length)
}

/// Sends a request head without its body, and reads what comes back within `wait`.
async fn head_only(base_url: &str, head: &str, wait: Duration) -> (TcpStream, RawAnswer) {
    let mut stream = TcpStream::connect(address(base_url)).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let answer = read_for(&mut stream, wait).await;
    (stream, answer)
}

fn head(method: &str, path: &str, headers: &[(&str, &str)], length: u64) -> String {
    let mut text = format!("{method} {path} HTTP/1.1\r\nhost: localhost\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str(&format!("content-length: {length}\r\n\r\n"));
    text
}

#[tokio::test]
async fn every_body_over_its_operations_stated_size_is_refused_unread_with_413() {
    let (sandbox, _api, key) = start().await;
    let bearer = format!("Bearer {key}");
    let with_body: Vec<_> = nexevo_api::OPERATIONS
        .iter()
        .filter_map(|op| op.max_request_bytes.map(|max| (op, max)))
        .collect();
    assert_eq!(
        with_body.len(),
        23,
        "every operation with a body states its size"
    );
    for (op, max) in with_body {
        let path = concrete_path(op, &PathIds::default());
        let started = Instant::now();
        // Declared by its length, and never sent: the answer must not wait for it.
        let (stream, answer) = head_only(
            sandbox.base_url(),
            &head(
                op.method,
                &path,
                &[
                    ("authorization", &bearer),
                    ("content-type", "application/json"),
                    ("idempotency-key", &format!("too-large-{}", op.id)),
                ],
                max + 1,
            ),
            Duration::from_secs(3),
        )
        .await;
        assert_eq!(
            answer.status(),
            Some(413),
            "{}: a {}-byte body declared: {:?} after {:?}",
            op.id,
            max + 1,
            answer.text,
            started.elapsed()
        );
        let error = answer.error();
        assert_eq!(error["code"], json!("validation_failed"), "{}", op.id);
        assert_eq!(error["field"], json!("body"), "{}", op.id);
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .contains(&max.to_string()),
            "{}: {error}",
            op.id
        );
        // The body is not read: the connection closes after the answer.
        let mut stream = stream;
        assert!(
            read_for(&mut stream, Duration::from_secs(3)).await.closed,
            "{}: the connection stayed open",
            op.id
        );
    }
    assert_eq!(sandbox.total_counters().applied, 0);
}

#[tokio::test]
async fn a_chunked_body_is_cut_off_at_its_operations_size_and_one_at_the_size_is_read() {
    let (sandbox, api, key) = start().await;
    let max = nexevo_api::ApiOperation::by_id("create_conversation")
        .unwrap()
        .max_request_bytes
        .unwrap() as usize;
    // At the limit exactly (whitespace counts, as sent): read and applied.
    let body = json!({ "title": "at the limit" }).to_string();
    let padded = format!("{body}{}", " ".repeat(max - body.len()));
    api.post("/v1/conversations")
        .token(&key)
        .raw(padded.clone().into_bytes(), Some("application/json"))
        .send()
        .await
        .expect(201);
    // One byte more, sent without a length: refused once it passes the limit.
    let mut stream = TcpStream::connect(address(sandbox.base_url()))
        .await
        .unwrap();
    let head = format!(
        "POST /v1/conversations HTTP/1.1\r\nhost: localhost\r\nauthorization: Bearer {key}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let over = format!("{padded} ");
    for piece in over.as_bytes().chunks(1000) {
        let chunk = [format!("{:x}\r\n", piece.len()).as_bytes(), piece, b"\r\n"].concat();
        if stream.write_all(&chunk).await.is_err() {
            break;
        }
    }
    // The body never ends: the answer cannot wait for its end.
    let answer = read_for(&mut stream, Duration::from_secs(3)).await;
    assert_eq!(answer.status(), Some(413), "{:?}", answer.text);
    assert_eq!(answer.error()["field"], json!("body"));
    assert_eq!(sandbox.counters("create_conversation").applied, 1);
}

#[tokio::test]
async fn a_request_is_authenticated_and_its_content_type_checked_before_its_body_is_read() {
    let (sandbox, _api, key) = start().await;
    let bearer = format!("Bearer {key}");
    let chat_max = nexevo_api::ApiOperation::by_id("create_chat_completion")
        .unwrap()
        .max_request_bytes
        .unwrap();
    let keyed_json = |auth: Option<&'static str>| {
        let mut headers = vec![
            ("content-type", "application/json"),
            ("idempotency-key", "before-the-body"),
        ];
        if let Some(auth) = auth {
            headers.push(("authorization", auth));
        }
        headers
    };
    // Each of these heads declares a body it never sends: its answer comes without it.
    let refused = [
        (
            "no credential, keyed",
            head("POST", "/v1/chat/completions", &keyed_json(None), chat_max),
            401,
        ),
        (
            "a made-up credential, keyed",
            head(
                "POST",
                "/v1/chat/completions",
                &keyed_json(Some("Bearer made-up")),
                chat_max,
            ),
            401,
        ),
        (
            "text/plain, keyed",
            head(
                "POST",
                "/v1/keys",
                &[
                    ("authorization", &bearer),
                    ("content-type", "text/plain"),
                    ("idempotency-key", "before-the-body"),
                ],
                4096,
            ),
            415,
        ),
        (
            "no content type",
            head("POST", "/v1/keys", &[("authorization", &bearer)], 4096),
            415,
        ),
    ];
    for (what, head, status) in refused {
        let (_stream, answer) = head_only(sandbox.base_url(), &head, Duration::from_secs(3)).await;
        assert_eq!(
            answer.status(),
            Some(status),
            "{what}: no answer before its body was sent: {:?}",
            answer.text
        );
    }
    // The control: authenticated JSON waits for its body, and is applied once it comes.
    let body = json!({ "name": "after the body" }).to_string();
    let (mut stream, answer) = head_only(
        sandbox.base_url(),
        &head(
            "POST",
            "/v1/keys",
            &[
                ("authorization", &bearer),
                ("content-type", "application/json"),
                ("idempotency-key", "after-the-body"),
            ],
            body.len() as u64,
        ),
        Duration::from_millis(500),
    )
    .await;
    assert_eq!(answer.text, "", "answered before its body");
    stream.write_all(body.as_bytes()).await.unwrap();
    let answer = read_for(&mut stream, Duration::from_secs(3)).await;
    assert_eq!(answer.status(), Some(201), "{}", answer.text);
    assert_eq!(sandbox.counters("create_key").applied, 1);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 0);
}

#[tokio::test]
async fn a_body_sent_a_byte_at_a_time_is_cut_off_and_its_connection_freed() {
    let sandbox = Sandbox::builder()
        .max_connections(1)
        .body_read_timeout(Duration::from_millis(600))
        .start()
        .await
        .unwrap();
    let key = sandbox.demo().api_key.expose().to_owned();
    let mut slow = TcpStream::connect(address(sandbox.base_url()))
        .await
        .unwrap();
    slow.write_all(
        head(
            "POST",
            "/v1/keys",
            &[
                ("authorization", &format!("Bearer {key}")),
                ("content-type", "application/json"),
            ],
            4000,
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let (mut reader, mut writer) = slow.into_split();
    // A byte every 200 ms: 4,000 of them would take 13 minutes.
    let dribble = tokio::spawn(async move {
        loop {
            if writer.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), reader.read_to_end(&mut answer)).await;
    dribble.abort();
    let text = String::from_utf8_lossy(&answer);
    assert!(
        read.is_ok(),
        "the slow body still held its connection after {:?}: {text:?}",
        started.elapsed()
    );
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 408"),
        "{text}"
    );
    if let Some((_, body)) = text.split_once("\r\n\r\n") {
        let body: Value = serde_json::from_str(body).unwrap();
        assert_eq!(body["error"]["field"], json!("body"));
    }
    // The one connection slot is free again.
    let api = Api::new(&sandbox);
    let models = tokio::time::timeout(
        Duration::from_secs(3),
        api.get("/v1/models").token(&key).send(),
    )
    .await
    .expect("another connection is served");
    models.expect(200);
    assert_eq!(sandbox.counters("create_key").applied, 0);
    assert!(DEFAULT_BODY_READ_TIMEOUT <= Duration::from_secs(30));
}

#[tokio::test]
async fn a_junk_list_in_a_body_is_refused_without_being_built() {
    let (sandbox, api, key) = start().await;
    let junk = |items: usize| format!("{}[]", "[],".repeat(items - 1));
    // A million empty lists where messages belong, within chat's 4 MiB: too many values.
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .raw(
            format!(
                r#"{{"model":"nexevo/fast","messages":[{}]}}"#,
                junk(1 << 20)
            )
            .into_bytes(),
            Some("application/json"),
        )
        .send()
        .await;
    reply.expect_error(413, "validation_failed");
    // Fewer of them: refused at the first, which is not a message.
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .raw(
            format!(
                r#"{{"model":"nexevo/fast","messages":[{}]}}"#,
                junk(100_000)
            )
            .into_bytes(),
            Some("application/json"),
        )
        .send()
        .await;
    reply.expect_invalid("messages[0]");
    // And in a field no schema names, which is skipped unread.
    let ignored = format!(
        r#"{{"model":"nexevo/fast","messages":[{{"role":"user","content":"hi"}}],"x":[{}]}}"#,
        junk(100_000)
    );
    api.post("/v1/chat/completions")
        .token(&key)
        .raw(ignored.into_bytes(), Some("application/json"))
        .send()
        .await
        .expect(200);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}

#[tokio::test]
async fn a_stream_too_large_to_keep_is_answered_whole_and_its_repeat_refused_not_charged_again() {
    let sandbox = Sandbox::builder()
        .idempotency_byte_caps(64 * 1024, 1024 * 1024)
        .start()
        .await
        .unwrap();
    let (api, key) = client_of(&sandbox);
    // A thousand words: about 300 KB of events, over the 64 KiB a credential may keep.
    let prompt: Vec<String> = (0..1000).map(|n| format!("w{n}")).collect();
    let body = chat_request(&prompt.join(" "), true);
    let before = api.balance(&key).await;
    let first = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("too-large-to-keep")
        .json(body.clone())
        .send()
        .await;
    assert!(first.text.len() > 200 * 1024, "{} bytes", first.text.len());
    let stream = first.stream();
    assert!(stream.done, "answered whole");
    assert!(stream.content().ends_with(&prompt.join(" ")));
    let charged = before - api.balance(&key).await;
    assert!(charged > Decimal::ZERO);
    assert!(
        sandbox.idempotency_bytes() <= 64 * 1024,
        "{}",
        sandbox.idempotency_bytes()
    );

    let repeat = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("too-large-to-keep")
        .json(body)
        .send()
        .await;
    let error = repeat.expect_error(409, "conflict");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("no longer kept"),
        "{error}"
    );
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
    assert_eq!(before - api.balance(&key).await, charged, "charged once");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn records_stay_within_their_byte_caps_the_oldest_answers_refused_not_run_again() {
    const PER_CREDENTIAL: usize = 64 * 1024;
    const TOTAL: usize = 256 * 1024;
    let sandbox = Sandbox::builder()
        .idempotency_byte_caps(PER_CREDENTIAL, TOTAL)
        .start()
        .await
        .unwrap();
    let api = Api::new(&sandbox);
    let tokens: Vec<String> = (0..6)
        .map(|_| account(&sandbox, dec!(10)).api_key.expose().to_owned())
        .collect();
    let prompt = "a".repeat(4000);
    let keyed_chat = |token: &str, key: &str| {
        api.post("/v1/chat/completions")
            .token(token)
            .idem(key)
            .json(chat_request(&prompt, false))
    };
    // One answer of the last account, before the others flood theirs.
    let kept = keyed_chat(&tokens[5], "kept").send().await;
    kept.expect(200);

    // The first account: 30 answers of some 4 KB, past its 64 KiB.
    let mut first_answers = Vec::new();
    for n in 0..30 {
        let reply = keyed_chat(&tokens[0], &format!("flood-{n}")).send().await;
        reply.expect(200);
        first_answers.push(reply.text);
        assert!(sandbox.idempotency_bytes() <= TOTAL);
    }
    assert!(
        sandbox.idempotency_bytes() <= PER_CREDENTIAL + 8 * 1024,
        "{} bytes",
        sandbox.idempotency_bytes()
    );
    let newest = keyed_chat(&tokens[0], "flood-29").send().await;
    assert_eq!(newest.header("idempotent-replayed"), Some("true"));
    assert_eq!(newest.text, first_answers[29]);
    // Replayed as it was sent, with its length.
    assert_eq!(
        newest.header("content-length"),
        Some(first_answers[29].len().to_string().as_str())
    );
    let oldest = keyed_chat(&tokens[0], "flood-0").send().await;
    let error = oldest.expect_error(409, "conflict");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("no longer kept")
    );
    // One credential's flood takes only its own room.
    let again = keyed_chat(&tokens[5], "kept").send().await;
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.text, kept.text);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 31);

    // Five credentials' floods pass the total: the oldest answers of all go first.
    for token in &tokens[1..5] {
        for n in 0..20 {
            keyed_chat(token, &format!("flood-{n}"))
                .send()
                .await
                .expect(200);
            assert!(sandbox.idempotency_bytes() <= TOTAL);
        }
    }
    keyed_chat(&tokens[5], "kept")
        .send()
        .await
        .expect_error(409, "conflict");
    assert_eq!(sandbox.counters("create_chat_completion").applied, 31 + 80);
    assert!(sandbox.idempotency_bytes() <= TOTAL);
}

#[tokio::test]
async fn a_body_of_many_small_values_is_refused_before_it_is_parsed() {
    let (sandbox, api, key) = start().await;
    // Within chat's 4 MiB, two million numbers where a function's parameters go: parsed, each
    // would cost 32 bytes or more.
    let numbers = "1,".repeat((4 * 1024 * 1024 - 300) / 2);
    let body = format!(
        r#"{{"model":"nexevo/fast","messages":[{{"role":"user","content":"hi"}}],"tools":[{{"type":"function","function":{{"name":"f","parameters":{{"a":[{numbers}1]}}}}}}]}}"#
    );
    let reply = api
        .post("/v1/chat/completions")
        .token(&key)
        .raw(body.into_bytes(), Some("application/json"))
        .send()
        .await;
    let error = reply.expect_error(413, "validation_failed");
    assert_eq!(error["field"], json!("body"));
    assert!(error["message"].as_str().unwrap().contains("JSON values"));
    // A function's parameters of the usual size are read.
    let tools = json!([{ "type": "function", "function": { "name": "f", "parameters": {
        "type": "object",
        "properties": (0..200).map(|n| (format!("p{n}"), json!({ "type": "string", "enum": ["a", "b", "c"] }))).collect::<serde_json::Map<_, _>>(),
    } } }]);
    api.post("/v1/chat/completions")
        .token(&key)
        .json(json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "hi" }], "tools": tools }))
        .send()
        .await
        .expect(200);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}
