//! The tools of people who script and debug: `--debug`, `--dry-run`, `nexevo api`,
//! confirmations, `config` and `--version`, each against an embedded sandbox.

use crate::support::{self, User};
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_makes_a_known_operation_as_its_command_would() {
    let (sandbox, user) = sandbox().await;
    let balance = user.run(&["api", "GET", "/v1/billing/balance"]).json();
    assert_eq!(balance["balance_usd"], "100.00", "{balance}");

    // A body from fields, with the idempotency key given: sent twice, applied once.
    sandbox.reset_counters();
    let create = [
        "api",
        "POST",
        "/v1/keys",
        "-f",
        "name=from-api",
        "-f",
        "monthly_spend_cap_usd=25.00",
        "-H",
        "Idempotency-Key: api-create-1",
    ];
    let first = user.run(&create).json();
    let again = user.run(&create).json();
    assert_eq!(first["key"]["key_id"], again["key"]["key_id"], "{again}");
    assert_eq!(first["key"]["monthly_spend_cap_usd"], "25.00", "{first}");
    assert_eq!(sandbox.counters("create_key").applied, 1);

    // A typed field clears what the spec lets null clear; -i shows the answer's head.
    let key_id = first["key"]["key_id"].as_str().unwrap();
    let run = user.run(&[
        "api",
        "PUT",
        &format!("/v1/keys/{key_id}/spend-cap"),
        "-F",
        "clear=true",
        "-i",
    ]);
    let shown = run.ok();
    assert!(shown.starts_with("HTTP 200\n"), "{shown}");
    assert!(
        shown.to_ascii_lowercase().contains("x-request-id: "),
        "{shown}"
    );
    let (_, body) = shown.split_once("\n\n").unwrap();
    let key: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(key["key_id"], key_id, "{key}");
    assert!(key["monthly_spend_cap_usd"].is_null(), "{key}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_refuses_before_sending_what_the_operation_or_the_spec_refuses() {
    let (sandbox, user) = sandbox().await;
    sandbox.reset_counters();
    for refused in [
        // The operation's validators: an empty name, a key id of the wrong shape.
        &["api", "POST", "/v1/keys", "-f", "name="][..],
        &["api", "GET", "/v1/keys/not-a-key"],
        &["api", "GET", "/v1/keys", "-f", "limit=1000"],
        // A body that is not the operation's.
        &["api", "POST", "/v1/keys", "-F", "name=12"],
        // A path the spec does not know, and one that would leave the API.
        &["api", "GET", "/v1/nowhere"],
        &["api", "GET", "//elsewhere.example/v1/keys", "--raw"],
        &[
            "api",
            "GET",
            "/v1/keys",
            "-H",
            "Authorization: Bearer nx-test-other",
        ],
    ] {
        let run = user.run(refused);
        assert_eq!(run.code(), 2, "{refused:?}: {}", run.stderr());
    }
    assert_eq!(sandbox.total_counters().received, 0, "something was sent");

    // `--raw` sends what the spec does not know, with the client's credential.
    let run = user.run(&["api", "GET", "/v1/nowhere", "--raw"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("404"), "{}", run.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_paginate_walks_every_page_and_a_dry_run_builds_the_same_request() {
    let (sandbox, user) = sandbox().await;
    for name in ["p1", "p2", "p3"] {
        user.run(&["keys", "create", name]).ok();
    }
    let all = user
        .run(&["api", "GET", "/v1/keys", "-f", "limit=1", "--paginate"])
        .json();
    let listed = user.run(&["keys", "list", "--all", "--json"]).json();
    let ids = |page: &serde_json::Value| -> Vec<String> {
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| key["key_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&all), ids(&listed), "{all}");
    assert_eq!(ids(&all).len(), 4, "the sandbox's key and three: {all}");
    let counted = user
        .run(&[
            "api",
            "GET",
            "/v1/keys",
            "-f",
            "limit=1",
            "--paginate",
            "--jq",
            ".data | length",
        ])
        .ok();
    assert_eq!(counted.trim(), "4");
    assert!(all["next_cursor"].is_null(), "{all}");

    sandbox.reset_counters();
    let generated = user
        .run(&[
            "keys",
            "update-spend-cap",
            "key_5b7e9c",
            "5.00",
            "--dry-run",
        ])
        .ok();
    let by_path = user
        .run(&[
            "api",
            "PUT",
            "/v1/keys/key_5b7e9c/spend-cap",
            "-f",
            "monthly_spend_cap_usd=5.00",
            "--dry-run",
        ])
        .ok();
    assert_eq!(sandbox.total_counters().received, 0);
    // The same method, URL and headers; bodies alike but for the typed call's defaults.
    let (generated_head, generated_body) = generated.split_once(" --data ").unwrap();
    let (path_head, path_body) = by_path.split_once(" --data ").unwrap();
    // Headers in any order, each idempotency key fresh.
    let headers = |head: &str| {
        let mut headers: Vec<String> = head
            .split(" -H ")
            .map(|part| match part.strip_prefix("'idempotency-key: ") {
                Some(_) => "'idempotency-key: …'".to_owned(),
                None => part.to_owned(),
            })
            .collect();
        headers.sort();
        headers
    };
    assert_eq!(headers(generated_head), headers(path_head));
    for body in [generated_body, path_body] {
        assert!(body.contains(r#""monthly_spend_cap_usd":"5.00""#), "{body}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_that_cannot_be_undone_asks_first_or_takes_yes() {
    let (sandbox, user) = sandbox().await;
    let key = |name: &str| {
        let created = user.run(&["keys", "create", name, "--json"]).json();
        created["key"]["key_id"].as_str().unwrap().to_owned()
    };
    let status = |key_id: &str| {
        user.run(&["keys", "get", key_id, "--json"]).json()["status"]
            .as_str()
            .unwrap()
            .to_owned()
    };

    // A script that did not say --yes: refused, nothing sent.
    let kept = key("kept");
    sandbox.reset_counters();
    let run = user.run(&["keys", "revoke", &kept]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("--yes"), "{}", run.stderr());
    assert_eq!(sandbox.counters("revoke_key").received, 0);

    // On a terminal: anything but yes keeps the key, yes revokes it.
    let shown = user.in_terminal_typing(&["keys", "revoke", &kept], &[], "no\n");
    assert!(shown.contains("Revoking is final"), "{shown}");
    assert!(shown.contains("nothing was sent"), "{shown}");
    assert_eq!(status(&kept), "active");
    user.in_terminal_typing(&["keys", "revoke", &kept], &[], "yes\n");
    assert_eq!(status(&kept), "revoked");

    // --yes answers for a script.
    let other = key("other");
    user.run(&["keys", "revoke", &other, "--yes"]).ok();
    assert_eq!(status(&other), "revoked");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn config_sets_reads_and_unsets_a_profiles_settings_never_printing_the_key() {
    let (_sandbox, user) = sandbox().await;
    let config = |args: &[&str]| {
        let mut command = user.command(args);
        command
            .env_remove("NEXEVO_BASE_URL")
            .env_remove("NEXEVO_API_KEY");
        command
    };
    let run = |args: &[&str]| support::Run(config(args).output().unwrap());

    run(&[
        "config",
        "set",
        "base_url",
        &user.base_url,
        "--profile",
        "work",
    ])
    .ok();
    let set_key = config(&["config", "set", "api_key", "--profile", "work"]);
    let stored = user.run_with_stdin(set_key, &format!("{}\n", user.api_key));
    assert_eq!(stored.code(), 0, "{}", stored.stderr());

    // The profile now reaches the sandbox with no flag or variable.
    let balance = run(&["billing", "balance", "--json", "--profile", "work"]).json();
    assert_eq!(balance["balance_usd"], "100.00", "{balance}");

    let listed = run(&["config", "list", "--profile", "work"]).ok();
    assert!(listed.contains(&user.base_url), "{listed}");
    assert!(listed.contains("api_key      (set)"), "{listed}");
    assert!(!listed.contains(&user.api_key), "{listed}");
    let got = run(&["config", "get", "base_url", "--profile", "work"]).ok();
    assert_eq!(got.trim(), user.base_url);
    assert_eq!(
        run(&["config", "get", "api_key", "--profile", "work"]).code(),
        2
    );
    // A key on the command line would be in the shell's history.
    assert_eq!(
        run(&["config", "set", "api_key", "nx-test-x", "--profile", "work"]).code(),
        2
    );
    // The stored key belongs to its server: the profile cannot be pointed elsewhere with it.
    let moved = run(&[
        "config",
        "set",
        "base_url",
        "https://elsewhere.example",
        "--profile",
        "work",
    ]);
    assert_eq!(moved.code(), 2, "{}", moved.stderr());
    assert!(
        moved.stderr().contains("unset api_key"),
        "{}",
        moved.stderr()
    );

    run(&["config", "unset", "api_key", "--profile", "work"]).ok();
    let listed = run(&["config", "list", "--json", "--profile", "work"]).json();
    assert!(listed["api_key"].is_null(), "{listed}");
    assert_eq!(
        run(&[
            "config",
            "set",
            "organization",
            "not an org",
            "--profile",
            "work"
        ])
        .code(),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_version_names_the_api_it_was_generated_from() {
    let (_sandbox, user) = sandbox().await;
    let shown = user.run(&["--version"]).ok();
    assert!(
        shown.contains(&format!("Nexevo API {}", nexevo_api::API_VERSION)),
        "{shown}"
    );
}

/// The code of a base32 TOTP secret `steps` 30-second steps from now, as an authenticator app
/// computes it.
fn totp_code(secret: &str, steps: i64) -> String {
    use totp_rs::{Algorithm, Secret, TOTP};
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes)
        .unwrap()
        .generate(now.saturating_add_signed(steps * 30))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_on_a_two_factor_account_asks_for_the_code_or_reads_its_variable() {
    let (_sandbox, user) = sandbox().await;
    let secret = user.run(&["auth", "enable-two-fa", "--json"]).json()["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    // Three codes of the three steps the server accepts (-1, 0, 1), each later than the one
    // before (a code works once, and never after a later one), all within one step of time:
    // started early in a step, so no step ends while they are used.
    let into_step = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        % 30;
    if into_step >= 20 {
        std::thread::sleep(std::time::Duration::from_secs(31 - into_step));
    }
    user.run(&["auth", "verify-two-fa", &totp_code(&secret, -1)])
        .ok();
    let later = |steps: i64| totp_code(&secret, steps);
    let login = |variables: &[(&str, &str)]| {
        let mut command = user.command(&["auth", "login", DEMO_EMAIL]);
        command
            .env_remove("NEXEVO_API_KEY")
            .env("NEXEVO_PASSWORD", DEMO_PASSWORD)
            .envs(variables.iter().copied());
        support::Run(command.output().unwrap())
    };

    // A script with no code and no terminal: told how to give one.
    let run = login(&[]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains("two_factor_required"),
        "{}",
        run.stderr()
    );
    assert!(
        run.stderr().contains("--totp-code or set NEXEVO_TOTP_CODE"),
        "{}",
        run.stderr()
    );

    // From the variable.
    let code = later(0);
    let run = login(&[("NEXEVO_TOTP_CODE", &code)]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("session stored"), "{}", run.stderr());

    // On a terminal, typed at the prompt.
    let code = later(1);
    let shown = user.in_terminal_typing(
        &["auth", "login", DEMO_EMAIL],
        &[("NEXEVO_PASSWORD", DEMO_PASSWORD)],
        &format!("{code}\n"),
    );
    assert!(shown.contains("Two-factor code: "), "{shown}");
    assert!(shown.contains("session stored"), "{shown}");
}

/// A refused value is told in words the spec gives its pattern, not as a regex.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_value_is_told_in_words_not_a_regex() {
    let (_sandbox, user) = sandbox().await;
    let run = user.run(&[
        "keys",
        "update-alert-webhook",
        "key_5b7e9c",
        "ftp://example.com/x",
    ]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("must be an https URL, or for a sandbox a local http receiver"),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains('^'), "{}", run.stderr());
}
