//! The `nexevo` binary as scripts and people use it, against an embedded sandbox: its output,
//! its secrets, its exit codes, its configuration, and streaming chat.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::io::Read as _;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::{self, User};
use nexevo_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, Fault, FaultRule, Sandbox};

async fn sandbox() -> (Sandbox, User) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);
    (sandbox, user)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_balance_is_the_servers_decimal_string_for_scripts_and_a_summary_for_people() {
    let (_sandbox, user) = sandbox().await;
    let balance = user.run(&["billing", "balance", "--json"]).json();
    assert_eq!(balance["balance_usd"], "100.00", "{balance}");
    let shown = user.run(&["billing", "balance"]).ok();
    assert!(
        shown
            .lines()
            .any(|line| line.starts_with("balance_usd") && line.ends_with("100.00")),
        "{shown}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_keys_secret_is_shown_once_saying_so_and_never_again() {
    let (_sandbox, user) = sandbox().await;
    let run = user.run(&[
        "keys",
        "create",
        "ci-key",
        "--monthly-spend-cap",
        "100.00",
        "--json",
    ]);
    let created = run.json();
    let full_key = created["full_key"].as_str().unwrap().to_owned();
    assert!(full_key.starts_with("nx-"), "{created}");
    assert_eq!(
        created["key"]["monthly_spend_cap_usd"], "100.00",
        "{created}"
    );
    assert!(
        run.stderr().contains("shown only this once"),
        "{}",
        run.stderr()
    );
    let listed = user.run(&["keys", "list", "--all"]).ok();
    assert!(listed.contains("ci-key"), "{listed}");
    assert!(
        !listed.contains(&full_key),
        "the list shows no secret: {listed}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_pages_with_limit_and_cursor_or_walks_everything_with_all() {
    let (_sandbox, user) = sandbox().await;
    for name in ["k1", "k2", "k3"] {
        user.run(&["keys", "create", name]).ok();
    }
    let first = user.run(&["keys", "list", "--limit", "2", "--json"]).json();
    assert_eq!(first["data"].as_array().unwrap().len(), 2, "{first}");
    let cursor = first["next_cursor"].as_str().unwrap();
    let rest = user
        .run(&["keys", "list", "--limit", "2", "--cursor", cursor, "--json"])
        .json();
    let all = user
        .run(&["keys", "list", "--limit", "2", "--all", "--json"])
        .json();
    let count = |page: &serde_json::Value| page["data"].as_array().unwrap().len();
    assert_eq!(count(&first) + count(&rest), count(&all), "{all}");
    assert!(all["next_cursor"].is_null());
    let table = user.run(&["keys", "list", "--limit", "2"]);
    assert!(table.ok().starts_with("KEY_ID"), "{}", table.stdout());
    assert!(table.stderr().contains("--cursor"), "{}", table.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_kind_of_failure_has_its_exit_code_and_says_what_happened() {
    let (sandbox, user) = sandbox().await;
    // A usage error: clap's.
    assert_eq!(user.run(&["keys", "create"]).code(), 2);
    assert_eq!(
        user.run(&["billing", "balance", "--no-such-flag"]).code(),
        2
    );
    // A broken rule of the spec, found before sending: nothing reaches the server.
    let long_name = "n".repeat(101);
    let run = user.run(&["keys", "create", &long_name]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("name"),
        "names the field: {}",
        run.stderr()
    );
    assert_eq!(sandbox.counters("create_key").received, 0);
    // A value that is not of its kind.
    let run = user.run(&["billing", "usage", "--days", "thirty"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert_eq!(sandbox.counters("get_usage").received, 0);
    // The API's answer: status, code and request id on stderr.
    let run = user.run(&["keys", "get", "key_doesnotexist"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let stderr = run.stderr();
    assert!(stderr.contains("status: 404"), "{stderr}");
    assert!(stderr.contains("code: not_found"), "{stderr}");
    assert!(stderr.contains("request id: "), "{stderr}");
    // The network: nothing listens there.
    let mut command = user.command(&["billing", "balance"]);
    command.env("NEXEVO_BASE_URL", "http://127.0.0.1:9");
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 1, "{}", run.stderr());
    // No credential at all.
    let mut command = user.command(&["billing", "balance"]);
    command.env_remove("NEXEVO_API_KEY");
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("nexevo auth login"),
        "{}",
        run.stderr()
    );
}

/// A server that accepts connections and never answers: `--timeout` (or `NEXEVO_TIMEOUT`)
/// bounds the whole call, retries included, and the error names the server; a server that is
/// not there is named too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_silent_server_fails_within_the_timeout_naming_the_server() {
    let (_sandbox, user) = sandbox().await;
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    // Accepted by the kernel, read by no one: the call hears nothing.
    let held = std::thread::spawn(move || {
        let _connections: Vec<_> = silent.incoming().take(8).collect();
    });
    for (args, variable) in [
        (vec!["billing", "balance", "--timeout", "1500ms"], None),
        (vec!["billing", "balance"], Some("1.5")),
    ] {
        let mut command = user.command(&args);
        command.env("NEXEVO_BASE_URL", &url);
        if let Some(total) = variable {
            command.env("NEXEVO_TIMEOUT", total);
        }
        let started = std::time::Instant::now();
        let run = support::Run(command.output().unwrap());
        let took = started.elapsed();
        assert_eq!(run.code(), 1, "{}", run.stderr());
        assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
        let stderr = run.stderr();
        assert!(
            stderr.contains(&format!("no answer in time from {url}")),
            "{stderr}"
        );
        assert!(stderr.contains("deadline of 1.5s"), "{stderr}");
    }
    drop(held);

    let gone = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", gone.local_addr().unwrap());
    drop(gone);
    let mut command = user.command(&["billing", "balance"]);
    command.env("NEXEVO_BASE_URL", &url);
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr().contains(&format!("could not reach {url}")),
        "{}",
        run.stderr()
    );

    // A duration that is none is refused before anything is sent.
    let run = user.run(&["billing", "balance", "--timeout", "soon"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("--timeout \"soon\" is not a duration"),
        "{}",
        run.stderr()
    );
}

/// The SDK's hand-written calls have commands beside the generated ones: a spend cap and an
/// alert webhook can be cleared, as `update-spend-cap`'s help says.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spend_cap_and_an_alert_webhook_can_be_cleared() {
    let (_sandbox, user) = sandbox().await;
    let created = user
        .run(&[
            "keys",
            "create",
            "capped",
            "--monthly-spend-cap",
            "25.00",
            "--json",
        ])
        .json();
    let key_id = created["key"]["key_id"].as_str().unwrap().to_owned();
    user.run(&[
        "keys",
        "update-alert-webhook",
        &key_id,
        "http://127.0.0.1:9/alerts",
    ])
    .ok();
    let shown = user.run(&["keys", "get", &key_id, "--json"]).json();
    assert_eq!(shown["monthly_spend_cap_usd"], "25.00", "{shown}");
    assert!(shown["alert_webhook_url"].is_string(), "{shown}");

    let cleared = user
        .run(&["keys", "clear-spend-cap", &key_id, "--json"])
        .json();
    assert!(cleared["monthly_spend_cap_usd"].is_null(), "{cleared}");
    user.run(&["keys", "clear-alert-webhook", &key_id]).ok();
    let shown = user.run(&["keys", "get", &key_id, "--json"]).json();
    assert!(shown["monthly_spend_cap_usd"].is_null(), "{shown}");
    assert!(shown["alert_webhook_url"].is_null(), "{shown}");
    let help = user.run(&["keys", "--help"]).ok();
    assert!(
        help.contains("clear-spend-cap") && help.contains("clear-alert-webhook"),
        "{help}"
    );
}

/// A misspelt profile is named as one that does not exist, with the ones that do.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_that_does_not_exist_is_named_with_the_ones_that_do() {
    let (_sandbox, user) = sandbox().await;
    log_in(&user, "work").ok();
    let mut command = user.command(&["billing", "balance", "--profile", "wrok"]);
    command.env_remove("NEXEVO_API_KEY");
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let stderr = run.stderr();
    assert!(stderr.contains("no profile `wrok`"), "{stderr}");
    assert!(stderr.contains("it has work"), "{stderr}");
    // The profile that exists works.
    let mut command = user.command(&["billing", "balance", "--profile", "work", "--json"]);
    command.env_remove("NEXEVO_API_KEY");
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 0, "{}", run.stderr());
}

/// A retry the server asks to wait for is shown on a terminal, with why and a countdown, and the
/// call then succeeds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_after_wait_counts_down_on_a_terminal() {
    let sandbox = Sandbox::builder()
        .fault("get_balance=429:2x1".parse().unwrap())
        .start()
        .await
        .unwrap();
    let user = User::of(&sandbox);
    let started = std::time::Instant::now();
    let shown = user.in_terminal(&["billing", "balance"], &[]);
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(2),
        "it waited"
    );
    assert!(
        shown.contains("Nexevo answered 429 and asked to wait: retrying in 2s"),
        "{shown:?}"
    );
    assert!(shown.contains("retrying in 1s"), "{shown:?}");
    assert!(shown.contains("100.00"), "{shown:?}");
}

/// An open enum's known values are listed in help and offered by completions; a value this
/// version does not know reaches the SDK, whose check (the one every caller gets) names the
/// values it knows, before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_enums_list_their_known_values_and_pass_on_others() {
    let (sandbox, user) = sandbox().await;
    let help = user.run(&["orgs", "invite-member", "--help"]).ok();
    assert!(help.contains("owner, admin, developer"), "{help}");
    let completions = user.run(&["completions", "bash"]).ok();
    assert!(
        completions.contains("owner admin developer"),
        "bash completions offer the roles"
    );
    let org = user.run(&["orgs", "create", "Acme", "--json"]).json();
    let org_id = org["organization"]["org_id"]
        .as_str()
        .unwrap_or_else(|| panic!("{org}"))
        .to_owned();
    let run = user.run(&["orgs", "invite-member", &org_id, "new@acme.com", "auditor"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains("role must be one of owner, admin, developer"),
        "{}",
        run.stderr()
    );
    assert_eq!(sandbox.counters("invite_member").received, 0);
    user.run(&[
        "orgs",
        "invite-member",
        &org_id,
        "new@acme.com",
        "developer",
    ])
    .ok();
}

/// Money is read by one grammar, plain digits with an optional fraction: what `Decimal`'s own
/// parser would also take is refused before anything is sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amounts_are_plain_digits_and_nothing_else() {
    let (sandbox, user) = sandbox().await;
    for amount in ["1e2", "1_000", "+5", "5.", " 5"] {
        let run = user.run(&["billing", "checkout", amount, "top-up-1"]);
        assert_eq!(run.code(), 2, "{amount}: {}", run.stderr());
        assert!(
            run.stderr().contains("an amount is digits"),
            "{}",
            run.stderr()
        );
    }
    assert_eq!(sandbox.counters("create_checkout").received, 0);
    let run = user.run(&["billing", "checkout", "12.50", "top-up-2", "--json"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(sandbox.counters("create_checkout").received, 1);

    // Without a key, a fresh one, said on stderr; given again, the same session, paid once.
    let run = user.run(&["billing", "checkout", "5", "--json"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let first = run.json();
    let stderr = run.stderr();
    let key = stderr
        .split_whitespace()
        .skip_while(|word| *word != "key")
        .nth(1)
        .unwrap_or_else(|| panic!("{stderr}"))
        .trim_end_matches(':')
        .to_owned();
    assert_eq!(key.len(), 36, "{stderr}");
    let again = user
        .run(&["billing", "checkout", "5", &key, "--json"])
        .json();
    assert!(first["checkout_session_id"].is_string(), "{first}");
    assert_eq!(first["idempotency_key"], key.as_str(), "{first}");
    assert_eq!(
        again["checkout_session_id"], first["checkout_session_id"],
        "{again}"
    );
    assert_eq!(sandbox.counters("create_checkout").applied, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_ends_a_call_with_130() {
    let (sandbox, user) = sandbox().await;
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Delay(Duration::from_secs(20))).on("get_balance"));
    let mut child = user
        .command(&["billing", "balance"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while sandbox.counters("get_balance").received == 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    support::interrupt(&child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_stores_the_session_owner_only_without_printing_it_and_logout_removes_it() {
    let (_sandbox, user) = sandbox().await;
    let mut login = user.command(&["auth", "login", DEMO_EMAIL, "--password-stdin"]);
    login.env_remove("NEXEVO_API_KEY");
    let run = user.run_with_stdin(login, &format!("{DEMO_PASSWORD}\n"));
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stderr().contains("session stored"), "{}", run.stderr());
    let file = user.config.join("config.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let token = text
        .lines()
        .find_map(|line| line.strip_prefix("session_token = "))
        .unwrap()
        .trim_matches('"')
        .to_owned();
    assert!(!run.stdout().contains(&token), "printed: {}", run.stdout());
    assert!(!run.stderr().contains(&token), "printed: {}", run.stderr());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner only");
    }
    // The stored session authenticates later commands.
    let mut me = user.command(&["auth", "me", "--json"]);
    me.env_remove("NEXEVO_API_KEY");
    let me = support::Run(me.output().unwrap()).json();
    assert_eq!(me["email"], DEMO_EMAIL, "{me}");
    // Logout ends it, with the session even while an API key is set, and forgets it.
    let run = user.run(&["auth", "logout"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("session_token"), "{text}");
    let mut me = user.command(&["auth", "me"]);
    me.env_remove("NEXEVO_API_KEY");
    assert_eq!(
        support::Run(me.output().unwrap()).code(),
        2,
        "no credential left"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_is_never_an_argument() {
    let (sandbox, user) = sandbox().await;
    let run = user.run(&["auth", "login", DEMO_EMAIL, "--password", DEMO_PASSWORD]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    // Without a terminal, a variable or --password-stdin, nothing is sent.
    let run = user.run(&["auth", "login", DEMO_EMAIL]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(run.stderr().contains("NEXEVO_PASSWORD"), "{}", run.stderr());
    assert_eq!(sandbox.counters("login").received, 0);
    // From its variable.
    let mut login = user.command(&["auth", "login", DEMO_EMAIL]);
    login.env("NEXEVO_PASSWORD", DEMO_PASSWORD);
    assert_eq!(support::Run(login.output().unwrap()).code(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn profiles_hold_settings_and_flags_win_over_variables() {
    let (_sandbox, user) = sandbox().await;
    std::fs::create_dir_all(&user.config).unwrap();
    std::fs::write(
        user.config.join("config.toml"),
        format!(
            "[profiles.local]\nbase_url = \"{}\"\napi_key = \"{}\"\n",
            user.base_url, user.api_key
        ),
    )
    .unwrap();
    let mut command = support::nexevo(&user.config);
    command.args(["--profile", "local", "billing", "balance", "--json"]);
    assert_eq!(
        support::Run(command.output().unwrap()).json()["balance_usd"],
        "100.00"
    );
    // A flag beats the variable: the variable's URL has nothing listening.
    let mut command = user.command(&["billing", "balance", "--base-url", &user.base_url, "--json"]);
    command.env("NEXEVO_BASE_URL", "http://127.0.0.1:9");
    assert_eq!(
        support::Run(command.output().unwrap()).json()["balance_usd"],
        "100.00"
    );
    // A mistyped setting is an error, not silently ignored.
    std::fs::write(
        user.config.join("config.toml"),
        "[profiles.local]\napi_kee = \"x\"\n",
    )
    .unwrap();
    let mut command = support::nexevo(&user.config);
    command.args(["--profile", "local", "billing", "balance"]);
    assert_eq!(support::Run(command.output().unwrap()).code(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_streams_tokens_as_they_arrive_and_reports_the_generation_on_stderr() {
    let (sandbox, user) = sandbox().await;
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(Duration::from_millis(150)))
            .on("create_chat_completion")
            .once(),
    );
    let mut child = user
        .command(&["chat", "one two three four five six seven eight"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    assert!(
        child.try_wait().unwrap().is_none(),
        "the first token arrived before the stream ended"
    );
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("generation gen_"), "{stderr}");
    assert!(stderr.contains("tier balanced"), "{stderr}");
    assert!(stderr.contains("cost $"), "{stderr}");
    assert!(!rest.is_empty());

    // Whole, and from stdin.
    let mut command = user.command(&["chat", "--no-stream", "--model", "nexevo/fast"]);
    command.stdin(Stdio::piped());
    let run = user.run_with_stdin(command, "Hello there");
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(!run.stdout().trim().is_empty());
    assert!(run.stderr().contains("tier fast"), "{}", run.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_with_a_schema_file_prints_a_json_answer_of_that_schema() {
    let (_sandbox, user) = sandbox().await;
    let dir = support::config_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let schema = dir.join("city.json");
    // Hand-written and open: the CLI makes it strict before sending.
    std::fs::write(
        &schema,
        r#"{"type": "object", "properties": {"name": {"type": "string"}, "population": {"type": "integer", "minimum": 0}}}"#,
    )
    .unwrap();
    let path = schema.to_str().unwrap();
    for mode in ["--no-stream", "--model=nexevo/fast"] {
        let run = user.run(&["chat", mode, "--schema", path, "Lyon"]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        let answer: serde_json::Value = serde_json::from_str(run.stdout().trim()).unwrap();
        assert_eq!(answer["name"], "Lyon", "{answer}");
        assert!(answer["population"].as_u64().is_some(), "{answer}");
    }

    // A refusal fails the command with the model's words; the charge is still reported.
    let run = user.run(&["chat", "--schema", path, "[sandbox:refuse] Lyon"]);
    assert_eq!(run.code(), 1);
    assert!(
        run.stderr().contains("the model refused"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("cost $"), "{}", run.stderr());

    // A schema the strict subset cannot say is refused before anything is sent.
    std::fs::write(
        &schema,
        r#"{"type": "object", "additionalProperties": {"type": "string"}}"#,
    )
    .unwrap();
    let run = user.run(&["chat", "--schema", path, "Lyon"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("map with arbitrary keys"),
        "{}",
        run.stderr()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interactive_chat_keeps_the_conversation_and_can_store_it() {
    let (sandbox, user) = sandbox().await;
    let command = user.command(&["chat", "--interactive", "--save", "--no-stream"]);
    let run = user.run_with_stdin(command, "first question\nsecond question\n");
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert_eq!(sandbox.counters("create_chat_completion").received, 2);
    let conversations = user.run(&["conversations", "list", "--json"]).json();
    let stored = &conversations["data"][0];
    assert_eq!(stored["message_count"], 4, "{conversations}");
    let id = stored["conversation_id"].as_str().unwrap();
    // Continuing sends the stored messages before the new prompt.
    let run = user.run(&["chat", "--conversation", id, "--no-stream", "third"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let messages = user
        .run(&["conversations", "list-messages", id, "--all", "--json"])
        .json();
    assert_eq!(messages["data"].as_array().unwrap().len(), 6, "{messages}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_is_a_bar_chart_by_tier_for_people_and_plain_values_for_scripts() {
    let (_sandbox, user) = sandbox().await;
    user.run(&["chat", "--no-stream", "--model", "nexevo/fast", "hi"])
        .ok();
    user.run(&["chat", "--no-stream", "hello there"]).ok();
    let chart = user.run(&["billing", "usage", "--days", "7"]).ok();
    assert!(chart.starts_with("Usage over 7 days: $"), "{chart}");
    assert!(chart.contains('█') && chart.contains('▓'), "{chart}");
    assert!(
        chart.contains("█ fast  ▓ balanced  ▒ passthrough  ░ byok"),
        "{chart}"
    );
    let usage = user
        .run(&["billing", "usage", "--days", "7", "--json"])
        .json();
    assert_eq!(usage["total_requests"], 2, "{usage}");
    assert!(
        usage["total_cost_usd"].is_string(),
        "money stays a decimal string"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feedback_summary_shows_what_the_router_learns_from_as_a_table() {
    let (_sandbox, user) = sandbox().await;
    // Ratings by name or number, a negative one without `--`; a real flag after it stays a
    // flag.
    for rating in ["up", "-1", "down"] {
        let completion = user
            .run(&[
                "chat",
                "--no-stream",
                "--json",
                "--model",
                "nexevo/balanced",
                "hi",
            ])
            .json();
        let generation = completion["nexevo"]["generation_id"]
            .as_str()
            .unwrap()
            .to_owned();
        let stored = user
            .run(&["feedback", "submit", &generation, rating, "--json"])
            .json();
        let expected = if rating == "up" { 1 } else { -1 };
        assert_eq!(stored["rating"], expected, "{rating}: {stored}");
    }
    // The router may move a later request to another backend: the rows follow where each
    // rated generation was served.
    let summary = user.run(&["feedback", "summary", "--json"]).json();
    let rows = summary["by_model"].as_array().unwrap();
    let total = |field: &str| {
        rows.iter()
            .map(|row| row[field].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!((total("up"), total("down")), (1, 2), "{summary}");
    let shown = user.run(&["feedback", "summary"]).ok();
    let table: Vec<&str> = shown
        .lines()
        .skip_while(|line| !line.starts_with("by_model"))
        .skip(1)
        .collect();
    let header: Vec<&str> = table[0].split_whitespace().collect();
    // The spec's order of the fields.
    assert_eq!(header, ["ROUTED_MODEL", "TIER", "UP", "DOWN"], "{shown}");
    assert_eq!(table.len(), 1 + rows.len(), "{shown}");
    for (line, row) in table[1..].iter().zip(rows) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let expected = [
            row["routed_model"].as_str().unwrap().to_owned(),
            "balanced".to_owned(),
            row["up"].to_string(),
            row["down"].to_string(),
        ];
        assert_eq!(cells, expected, "{shown}");
    }
}

#[test]
fn completions_are_printed_for_each_shell() {
    let config = support::config_dir();
    for shell in ["bash", "zsh", "fish"] {
        let output = support::nexevo(&config)
            .args(["completions", shell])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        assert!(
            script.contains("nexevo") && script.contains("create"),
            "{shell}"
        );
    }
}

/// The help of every area, pinned: a change to the spec's descriptions or the command set shows
/// in review.
#[test]
fn each_areas_help_is_pinned() {
    let config = support::config_dir();
    let help = |args: &[&str]| {
        let output = support::nexevo(&config)
            .args(args)
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let top = help(&["--help"]);
    insta::assert_snapshot!("help", top);
    let areas: Vec<String> = top
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        // A wrapped description continues further in.
        .filter(|line| !line.starts_with("   "))
        .filter_map(|line| line.split_whitespace().next().map(str::to_owned))
        .filter(|name| !["completions", "sandbox", "help"].contains(&name.as_str()))
        .collect();
    assert!(areas.len() >= 7, "{areas:?}");
    for area in areas {
        insta::assert_snapshot!(format!("help_{area}"), help(&[&area, "--help"]));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_command_prints_the_variables_that_reach_it_and_stops_on_ctrl_c() {
    let config = support::config_dir();
    let mut child = support::nexevo(&config)
        .args(["sandbox"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut printed = String::new();
    let mut byte = [0u8; 1];
    while printed.lines().count() < 2 || !printed.ends_with('\n') {
        stdout.read_exact(&mut byte).unwrap();
        printed.push(char::from(byte[0]));
    }
    let value = |name: &str| {
        printed
            .lines()
            .find_map(|line| line.strip_prefix(&format!("export {name}=")))
            .unwrap()
            .to_owned()
    };
    let user = User {
        base_url: value("NEXEVO_BASE_URL"),
        api_key: value("NEXEVO_API_KEY"),
        config: support::config_dir(),
    };
    assert_eq!(
        user.run(&["billing", "balance", "--json"]).json()["balance_usd"],
        "100.00"
    );
    support::interrupt(&child);
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_2fa_secret_and_a_webhooks_signing_secret_are_shown_once_saying_so() {
    let (_sandbox, user) = sandbox().await;
    let run = user.run(&["auth", "enable-two-fa"]);
    let shown = run.ok();
    assert!(shown.contains("otpauth://"), "{shown}");
    let stderr = run.stderr();
    for field in ["`secret`", "`otpauth_url`"] {
        assert!(
            stderr.contains(&format!("{field} is shown only this once")),
            "{stderr}"
        );
    }
    let key = user.run(&["keys", "create", "alerts", "--json"]).json();
    let key_id = key["key"]["key_id"].as_str().unwrap();
    let run = user.run(&[
        "keys",
        "update-alert-webhook",
        key_id,
        "http://127.0.0.1:9/alerts",
    ]);
    assert!(run.ok().contains("whsec_"), "{}", run.stdout());
    assert!(
        run.stderr()
            .contains("`signing_secret` is shown only this once"),
        "{}",
        run.stderr()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_stops_a_stream_cleanly_with_130() {
    let (sandbox, user) = sandbox().await;
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(Duration::from_millis(300)))
            .on("create_chat_completion")
            .once(),
    );
    let mut child = user
        .command(&["chat", "one two three four five six seven eight nine ten"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    support::interrupt(&child);
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organization_flag_acts_for_that_organization() {
    let (_sandbox, user) = sandbox().await;
    let created = user.run(&["orgs", "create", "Acme", "--json"]).json();
    let org = created["organization"]["org_id"]
        .as_str()
        .unwrap()
        .to_owned();
    user.run(&["keys", "create", "org-key", "--organization", &org])
        .ok();
    let org_keys = user
        .run(&["keys", "list", "--all", "--organization", &org, "--json"])
        .json();
    let names = |page: &serde_json::Value| -> Vec<String> {
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|key| key["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&org_keys), ["org-key"], "{org_keys}");
    let mut command = user.command(&["keys", "list", "--all", "--json"]);
    command.env("NEXEVO_ORGANIZATION", &org);
    let via_variable = support::Run(command.output().unwrap()).json();
    assert_eq!(names(&via_variable), ["org-key"]);
    let personal = user.run(&["keys", "list", "--all", "--json"]).json();
    assert!(
        !names(&personal).contains(&"org-key".to_owned()),
        "{personal}"
    );
}

/// Logs in to `user`'s sandbox with `--password-stdin` in `profile`, storing the session.
fn log_in(user: &User, profile: &str) -> support::Run {
    let mut login = user.command(&[
        "--profile",
        profile,
        "auth",
        "login",
        DEMO_EMAIL,
        "--password-stdin",
    ]);
    login.env_remove("NEXEVO_API_KEY");
    user.run_with_stdin(login, &format!("{DEMO_PASSWORD}\n"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stored_session_is_sent_only_to_the_server_that_issued_it() {
    let (sandbox, user) = sandbox().await;
    assert_eq!(log_in(&user, "default").code(), 0);
    let elsewhere = support::Recorder::start();
    let mut me = support::nexevo(&user.config);
    me.args(["auth", "me"])
        .env("NEXEVO_BASE_URL", &elsewhere.url);
    let run = support::Run(me.output().unwrap());
    assert_eq!(run.code(), 2, "{}", run.stderr());
    for named in [
        &user.base_url,
        &elsewhere.url,
        &"NEXEVO_BASE_URL".to_owned(),
    ] {
        assert!(
            run.stderr().contains(named.as_str()),
            "{named}: {}",
            run.stderr()
        );
    }
    assert!(elsewhere.heads().is_empty(), "{:?}", elsewhere.heads());
    // A call that needs no credential goes there without it.
    let mut login = support::nexevo(&user.config);
    login
        .args(["auth", "login", DEMO_EMAIL, "--password-stdin"])
        .env("NEXEVO_BASE_URL", &elsewhere.url);
    let run = user.run_with_stdin(login, &format!("{DEMO_PASSWORD}\n"));
    assert_eq!(run.code(), 1, "the recorder refuses: {}", run.stderr());
    let heads = elsewhere.heads();
    assert!(!heads.is_empty());
    for head in heads {
        assert!(
            !head.to_ascii_lowercase().contains("authorization"),
            "{head}"
        );
    }
    // At home, it still works.
    let mut me = support::nexevo(&user.config);
    me.args(["auth", "me", "--json"])
        .env("NEXEVO_BASE_URL", &user.base_url);
    assert_eq!(
        support::Run(me.output().unwrap()).json()["email"],
        DEMO_EMAIL
    );
    assert_eq!(sandbox.counters("me").received, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profiles_api_key_is_sent_only_to_the_profiles_server() {
    let (_sandbox, user) = sandbox().await;
    std::fs::create_dir_all(&user.config).unwrap();
    std::fs::write(
        user.config.join("config.toml"),
        format!(
            "[profiles.default]\nbase_url = \"{}\"\napi_key = \"{}\"\n",
            user.base_url, user.api_key
        ),
    )
    .unwrap();
    let elsewhere = support::Recorder::start();
    for redirected in [
        vec!["billing", "balance", "--base-url", elsewhere.url.as_str()],
        vec!["keys", "list"],
    ] {
        let mut command = support::nexevo(&user.config);
        command
            .args(&redirected)
            .env("NEXEVO_BASE_URL", &elsewhere.url);
        let run = support::Run(command.output().unwrap());
        assert_eq!(run.code(), 2, "{redirected:?}: {}", run.stderr());
        assert!(
            run.stderr()
                .contains("the API key stored in profile `default`"),
            "{}",
            run.stderr()
        );
    }
    assert!(elsewhere.heads().is_empty(), "{:?}", elsewhere.heads());
    // A key given for the run goes where the run points; the stored one stays home.
    let mut command = support::nexevo(&user.config);
    command
        .args(["billing", "balance"])
        .env("NEXEVO_BASE_URL", &elsewhere.url)
        .env("NEXEVO_API_KEY", "nx-test-given");
    assert_eq!(support::Run(command.output().unwrap()).code(), 1);
    let heads = elsewhere.heads();
    assert_eq!(heads.len(), 1, "a 401 is final: {heads:?}");
    assert!(heads[0].contains("nx-test-given"), "{}", heads[0]);
    assert!(!heads[0].contains(&user.api_key), "{}", heads[0]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_beyond_this_machine_needs_the_variable() {
    let sandbox = Sandbox::builder()
        .allow_host("0.0.0.0")
        .start()
        .await
        .unwrap();
    let user = User::of(&sandbox);
    // 0.0.0.0 is not loopback by name, though Linux delivers it here: nothing leaves.
    let port = user.base_url.rsplit(':').next().unwrap();
    let unencrypted = format!("http://0.0.0.0:{port}");
    let mut command = user.command(&["billing", "balance", "--json"]);
    command.env("NEXEVO_BASE_URL", &unencrypted);
    let run = support::Run(command.output().unwrap());
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("NEXEVO_ALLOW_INSECURE_HTTP"),
        "{}",
        run.stderr()
    );
    assert_eq!(sandbox.total_counters().received, 0);
    let mut command = user.command(&["billing", "balance", "--json"]);
    command
        .env("NEXEVO_BASE_URL", &unencrypted)
        .env("NEXEVO_ALLOW_INSECURE_HTTP", "1");
    assert_eq!(
        support::Run(command.output().unwrap()).json()["balance_usd"],
        "100.00"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logins_to_many_profiles_at_once_keep_every_profile() {
    let (_sandbox, user) = sandbox().await;
    let profiles: Vec<String> = (0..12).map(|n| format!("p{n}")).collect();
    let children: Vec<_> = profiles
        .iter()
        .map(|profile| {
            let mut login = user.command(&[
                "--profile",
                profile,
                "auth",
                "login",
                DEMO_EMAIL,
                "--password-stdin",
            ]);
            login.env_remove("NEXEVO_API_KEY");
            let mut child = login
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            std::io::Write::write_all(
                &mut child.stdin.take().unwrap(),
                format!("{DEMO_PASSWORD}\n").as_bytes(),
            )
            .unwrap();
            child
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let text = std::fs::read_to_string(user.config.join("config.toml")).unwrap();
    for profile in &profiles {
        assert!(
            text.contains(&format!("[profiles.{profile}]")),
            "{profile} lost:\n{text}"
        );
    }
    assert_eq!(
        text.matches("session_token").count(),
        profiles.len(),
        "{text}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&user.config)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// A terminal obeys control characters: a key's name, a chat answer or a server's error
/// message could retitle the window, clear the screen or overwrite a line. On a terminal they
/// are shown escaped; `--json` stays JSON that reads back exact; a pipe gets the bytes exact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_characters_reach_a_terminal_escaped_and_a_pipe_exact() {
    const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2Jkey\rmasked\u{9b}2J";
    const ESCAPED: &str = "\\x1b]0;pwned\\x07\\x1b[2Jkey\\x0dmasked\\u{9b}2J";
    let raw = ["\u{1b}]0;pwned", "\u{1b}[2J", "key\rmasked", "\u{9b}"];
    let (_sandbox, user) = sandbox().await;
    user.run(&["keys", "create", HOSTILE]).ok();

    let listed = user.in_terminal(&["keys", "list"], &[]);
    let echoed = user.in_terminal(&["chat", HOSTILE], &[]);
    let refusing = support::Recorder::answering(HOSTILE);
    let refused = user.in_terminal(
        &["billing", "balance"],
        &[("NEXEVO_BASE_URL", &refusing.url)],
    );
    for (what, shown) in [("table", &listed), ("chat", &echoed), ("error", &refused)] {
        for sequence in raw {
            assert!(
                !shown.contains(sequence),
                "{what}: {sequence:?} reached the terminal: {shown:?}"
            );
        }
        assert!(shown.contains(ESCAPED), "{what}: {shown:?}");
    }

    let shown = user.in_terminal(&["keys", "list", "--json"], &[]);
    // After the spinner, which is on the same terminal (stderr).
    let json = &shown[shown.find('{').unwrap()..];
    let page: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json:?}"));
    assert!(!json.contains('\u{9b}'), "{json:?}");
    assert!(
        page["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|key| key["name"] == HOSTILE),
        "{page}"
    );
    assert!(
        user.run(&["keys", "list"]).ok().contains(HOSTILE),
        "a pipe gets it exact"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_token_is_read_from_its_variable_and_takes_the_invitation() {
    let (sandbox, user) = sandbox().await;
    let created = user.run(&["orgs", "create", "Acme", "--json"]).json();
    let org = created["organization"]["org_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let invited = user
        .run(&[
            "orgs",
            "invite-member",
            &org,
            "newcomer@acme.com",
            "developer",
            "--json",
        ])
        .json();
    assert_eq!(invited["status"], "invited", "{invited}");
    let token = sandbox.outbox().last().unwrap().token.clone();
    // Never an argument; its variable is named in the help.
    let run = user.run(&[
        "auth",
        "register",
        "newcomer@acme.com",
        "--invitation-token",
        &token,
    ]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let help = user.run(&["auth", "register", "--help"]).ok();
    assert!(help.contains("NEXEVO_INVITATION_TOKEN"), "{help}");
    let mut register = user.command(&["auth", "register", "newcomer@acme.com", "--json"]);
    register
        .env("NEXEVO_PASSWORD", "newcomer-password")
        .env("NEXEVO_INVITATION_TOKEN", &token);
    let session = support::Run(register.output().unwrap()).json();
    assert_eq!(session["user"]["user_id"], invited["user_id"], "{session}");
    let members = user
        .run(&["orgs", "list-members", &org, "--all", "--json"])
        .json();
    let statuses: Vec<&str> = members["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|member| member["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["active", "active"], "{members}");
}
