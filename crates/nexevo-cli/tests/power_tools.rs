//! The tools of people who script and debug: `--debug`, `--dry-run`, `nexevo api`,
//! confirmations, `config` and `--version`, each against an embedded sandbox.

use crate::support::User;
use nexevo_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, Sandbox};

async fn sandbox() -> (Sandbox, User) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);
    (sandbox, user)
}

/// Every secret these calls carry, in requests and answers, is absent from `--debug`'s trace,
/// which still shows each exchange.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_debug_trace_shows_each_exchange_and_no_secret_it_carried() {
    let (_sandbox, user) = sandbox().await;
    let mut secrets = vec![user.api_key.clone(), DEMO_PASSWORD.to_owned()];
    let mut traces = String::new();

    let mut login = user.command(&["auth", "login", DEMO_EMAIL, "--debug"]);
    login.env_remove("NEXEVO_API_KEY");
    login.env("NEXEVO_PASSWORD", DEMO_PASSWORD);
    let run = user.run_with_stdin(login, "");
    assert_eq!(run.code(), 0, "{}", run.stderr());
    traces.push_str(&run.stderr());
    let config = std::fs::read_to_string(user.config.join("config.toml")).unwrap();
    let session = config
        .lines()
        .find_map(|line| line.strip_prefix("session_token = "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    secrets.push(session);

    let run = user.run(&["keys", "create", "traced", "--json", "--debug"]);
    let created = run.json();
    traces.push_str(&run.stderr());
    secrets.push(created["full_key"].as_str().unwrap().to_owned());
    let key_id = created["key"]["key_id"].as_str().unwrap().to_owned();

    let run = user.run(&[
        "keys",
        "update-alert-webhook",
        &key_id,
        "http://127.0.0.1:9/alerts",
        "--json",
        "--debug",
    ]);
    secrets.push(run.json()["signing_secret"].as_str().unwrap().to_owned());
    traces.push_str(&run.stderr());

    let run = user.run(&["auth", "enable-two-fa", "--json", "--debug"]);
    let enrolled = run.json();
    traces.push_str(&run.stderr());
    secrets.push(enrolled["secret"].as_str().unwrap().to_owned());

    for exchange in [
        "> POST ",
        "/v1/auth/login",
        "< 200",
        "/v1/keys",
        "< 201",
        "> authorization: [redacted]",
    ] {
        assert!(traces.contains(exchange), "no `{exchange}` in:\n{traces}");
    }
    for secret in &secrets {
        assert!(
            !traces.contains(secret.as_str()),
            "the trace shows `{secret}`:\n{traces}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_prints_the_request_as_curl_and_sends_nothing() {
    let (sandbox, user) = sandbox().await;
    sandbox.reset_counters();
    let run = user.run(&[
        "keys",
        "create",
        "dry",
        "--monthly-spend-cap",
        "5.00",
        "--dry-run",
    ]);
    let line = run.ok();
    assert_eq!(sandbox.total_counters().received, 0, "sent: {line}");
    assert!(
        line.starts_with(&format!("curl -X POST '{}/v1/keys'", user.base_url)),
        "{line}"
    );
    assert!(
        line.contains(r#"-H "Authorization: Bearer $NEXEVO_API_KEY""#),
        "{line}"
    );
    assert!(!line.contains(&user.api_key), "{line}");
    assert!(line.contains("idempotency-key: "), "{line}");
    assert!(line.contains(r#""monthly_spend_cap_usd":"5.00""#), "{line}");

    // What a dry run refuses, it refuses as the real call would: nothing built, exit 2.
    let run = user.run(&["keys", "create", "", "--dry-run"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert_eq!(sandbox.total_counters().received, 0);
}
