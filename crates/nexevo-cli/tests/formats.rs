//! The output formats (`--format json|jsonl|yaml|table`, `--json`) and `--jq`, over real HTTP
//! against a sandbox: what scripts read, money exact in each, and a filter that does not
//! compile refused before anything is sent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::io::Read as _;

use nexevo_sandbox::{Fault, FaultRule, Sandbox};
use serde_json::Value;

use crate::support::{self, User};

async fn sandbox() -> (Sandbox, User) {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);
    (sandbox, user)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_list_with_all_as_jsonl_is_every_item_of_every_page_one_a_line() {
    let (sandbox, user) = sandbox().await;
    for name in ["k1", "k2", "k3", "k4"] {
        user.run(&["keys", "create", name]).ok();
    }
    sandbox.reset_counters();
    let all = user.run(&["keys", "list", "--limit", "2", "--all", "--format", "jsonl"]);
    let lines: Vec<Value> = all
        .ok()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line:?}")))
        .collect();
    // The demo account's own key and the four made here, over three pages.
    assert_eq!(lines.len(), 5, "{}", all.stdout());
    assert_eq!(sandbox.counters("list_keys").received, 3);
    assert!(
        lines.iter().all(|key| key["key_id"].is_string()),
        "{lines:?}"
    );
    let whole = user.run(&["keys", "list", "--all", "--json"]).json();
    let ids = |keys: &[Value]| {
        keys.iter()
            .map(|key| key["key_id"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        ids(whole["data"].as_array().unwrap()),
        ids(&lines),
        "the items --json has"
    );

    // One page: its items, and the cursor on stderr (stdout has no room for it).
    let page = user.run(&["keys", "list", "--limit", "2", "--format", "jsonl"]);
    assert_eq!(page.ok().lines().count(), 2, "{}", page.stdout());
    assert!(page.stderr().contains("--cursor"), "{}", page.stderr());
    // A single answer: one line.
    let balance = user.run(&["billing", "balance", "--format", "jsonl"]).ok();
    assert_eq!(balance.lines().count(), 1, "{balance}");
    let balance: Value = serde_json::from_str(&balance).unwrap();
    assert_eq!(balance["balance_usd"], "100.00");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn yaml_keeps_money_exact_as_the_servers_decimal_strings() {
    let sandbox = Sandbox::builder()
        .demo_balance("12.345678".parse().unwrap())
        .start()
        .await
        .unwrap();
    let user = User::of(&sandbox);
    let yaml = user.run(&["billing", "balance", "--format", "yaml"]).ok();
    assert!(yaml.contains("balance_usd: '12.345678'"), "{yaml}");
    let read: Value = serde_norway::from_str(&yaml).unwrap();
    let json = user.run(&["billing", "balance", "--json"]).json();
    assert_eq!(read, json, "YAML reads back as the JSON answer");
    // People see it rounded only when it has more than six places; here it is exact.
    let shown = user.run(&["billing", "balance"]).ok();
    assert!(shown.contains("12.345678"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_is_byte_for_byte_what_it_was_and_format_json_is_the_same() {
    let (_sandbox, user) = sandbox().await;
    user.run(&["keys", "create", "k1", "--monthly-spend-cap", "100.00"])
        .ok();
    let flag = user.run(&["keys", "list", "--json"]).ok();
    let page: Value = serde_json::from_str(&flag).unwrap();
    assert_eq!(flag, serde_json::to_string_pretty(&page).unwrap() + "\n");
    let named = user.run(&["keys", "list", "--format", "json"]).ok();
    let named: Value = serde_json::from_str(&named).unwrap();
    // Only `last_used_at` of the demo key may move between two calls.
    let without_use = |mut page: Value| {
        for key in page["data"].as_array_mut().unwrap() {
            key.as_object_mut().unwrap().remove("last_used_at");
        }
        page
    };
    assert_eq!(without_use(named), without_use(page));
    let both = user.run(&["keys", "list", "--json", "--format", "yaml"]);
    assert_eq!(both.code(), 2, "{}", both.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jq_filters_the_json_answer_printing_strings_raw_and_values_as_compact_json() {
    let (_sandbox, user) = sandbox().await;
    user.run(&["keys", "create", "capped", "--monthly-spend-cap", "100.00"])
        .ok();
    user.run(&["keys", "create", "open"]).ok();
    let names = user
        .run(&[
            "keys",
            "list",
            "--jq",
            ".data[] | select(.monthly_spend_cap_usd) | .name",
        ])
        .ok();
    assert_eq!(names, "capped\n");
    let caps = user
        .run(&[
            "keys",
            "list",
            "--jq",
            "[.data[].monthly_spend_cap_usd | values]",
        ])
        .ok();
    assert_eq!(caps, "[\"100.00\"]\n", "money stays the server's string");
    let count = user
        .run(&[
            "keys",
            "list",
            "--limit",
            "1",
            "--all",
            "--jq",
            ".data | length",
        ])
        .ok();
    assert_eq!(count, "3\n", "with --all, the whole list");
    let objects = user
        .run(&[
            "keys",
            "list",
            "--jq",
            ".data[] | {name}",
            "--format",
            "jsonl",
        ])
        .ok();
    assert_eq!(objects.lines().count(), 3, "{objects}");
    assert!(
        objects.lines().all(|line| line.starts_with("{\"name\":")),
        "{objects}"
    );

    let runtime = user.run(&["keys", "list", "--jq", ".data[0].name + 1"]);
    assert_eq!(runtime.code(), 1, "{}", runtime.stderr());
    assert!(
        runtime.stderr().contains("error: --jq: "),
        "{}",
        runtime.stderr()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_jq_filter_that_does_not_compile_is_refused_before_anything_is_sent() {
    let (sandbox, user) = sandbox().await;
    for (filter, why) in [
        (".data[", "closing bracket"),
        ("map(.name", "closing parenthesis"),
        ("no_such_filter", "undefined filter `no_such_filter`"),
    ] {
        let run = user.run(&["keys", "list", "--jq", filter]);
        assert_eq!(run.code(), 2, "{filter}: {}", run.stderr());
        assert!(
            run.stderr().contains("does not compile"),
            "{}",
            run.stderr()
        );
        assert!(run.stderr().contains(why), "{filter}: {}", run.stderr());
    }
    assert_eq!(
        sandbox.total_counters().received,
        0,
        "nothing reached the server"
    );
    let with_table = user.run(&["keys", "list", "--jq", ".", "--format", "table"]);
    assert_eq!(with_table.code(), 2, "{}", with_table.stderr());
}

/// A new key's secret is for this one answer only: whatever the format, stderr says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_shown_once_is_said_so_on_stderr_in_every_format() {
    let (_sandbox, user) = sandbox().await;
    for format in [
        &["--format", "jsonl"][..],
        &["--format", "yaml"],
        &["--format", "table"],
        &["--jq", ".full_key"],
    ] {
        let mut args = vec!["keys", "create", "ci"];
        args.extend_from_slice(format);
        let run = user.run(&args);
        assert!(run.ok().contains("nx-"), "{format:?}: {}", run.stdout());
        assert!(
            run.stderr().contains("shown only this once"),
            "{format:?}: {}",
            run.stderr()
        );
    }
}

/// The rule for a call the API answers with no content: nothing on stdout for scripts, in
/// every machine format; `done` on stderr for people. Every such command of the spec.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_call_answered_with_no_content_prints_nothing_for_scripts_and_done_for_people() {
    let spec = spec_check::Spec::load().unwrap();
    let mut checked = Vec::new();
    for example in crate::every_command::examples::EXAMPLES {
        let operation = nexevo_api::OPERATIONS
            .iter()
            .find(|operation| operation.id == example.operation)
            .unwrap();
        let endpoint = format!("{} {}", operation.method, operation.path);
        if spec.response_schema(&endpoint, example.status).is_some() {
            continue;
        }
        for format in [
            &["--json"][..],
            &["--format", "jsonl"],
            &["--format", "yaml"],
            &["--jq", "."],
            &[],
        ] {
            let sandbox = Sandbox::builder().start().await.unwrap();
            let user = User::of(&sandbox);
            let args = crate::human_output::seeded_args(&user, example);
            let mut command = user.command(&args.iter().map(String::as_str).collect::<Vec<_>>());
            // `--yes` answers the question a call that cannot be undone asks first.
            command
                .args(format)
                .arg("--yes")
                .envs(crate::human_output::seeded_env(&sandbox, &user, example));
            if example.operation == "logout" {
                // Logout ends the profile's session: there must be one.
                crate::human_output::log_in(&user);
            }
            let run = support::Run(command.output().unwrap());
            assert_eq!(run.code(), 0, "{args:?} {format:?}: {}", run.stderr());
            assert_eq!(run.stdout(), "", "{args:?} {format:?}");
            assert_eq!(
                run.stderr().contains("done"),
                format.is_empty(),
                "{args:?} {format:?}: {}",
                run.stderr()
            );
        }
        checked.push(example.operation);
    }
    assert_eq!(
        checked,
        [
            "change_password",
            "logout",
            "request_password_reset",
            "confirm_password_reset",
            "remove_member"
        ],
        "every command the API answers with no content"
    );
}

/// A streamed answer cut short leaves the terminal mid-line: the error starts a line of its
/// own, not after the answer's last word (stdout and stderr joined, as on a terminal).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_that_fails_midway_reports_on_a_new_line() {
    let (sandbox, user) = sandbox().await;
    sandbox.faults().push(
        FaultRule::new(Fault::StreamErrorEvent {
            after_chunks: 2,
            code: "upstream_error".to_owned(),
        })
        .on("create_chat_completion")
        .once(),
    );
    let (mut reader, writer) = std::io::pipe().unwrap();
    let mut command = user.command(&["chat", "one two three four five six"]);
    command.stdout(writer.try_clone().unwrap()).stderr(writer);
    let mut child = command.spawn().unwrap();
    drop(command);
    let mut shown = String::new();
    reader.read_to_string(&mut shown).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{shown}");
    let error = shown.find("error: ").unwrap_or_else(|| panic!("{shown:?}"));
    assert!(error > 0, "the partial answer comes first: {shown:?}");
    assert_eq!(
        shown.as_bytes()[error - 1],
        b'\n',
        "the error starts its own line: {shown:?}"
    );
    assert!(!shown.contains("\n\nerror: "), "{shown:?}");
}

/// A table is cut to the terminal's width (`COLUMNS`), saying so; a pipe gets every value.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_table_fits_the_terminal_and_a_pipe_gets_it_whole() {
    let (_sandbox, user) = sandbox().await;
    let long = format!("a-very-long-key-name-{}", "x".repeat(60));
    user.run(&["keys", "create", &long]).ok();
    let shown = user.in_terminal(&["keys", "list"], &[("COLUMNS", "60")]);
    let table = support::after_spinner(&shown);
    let rows: Vec<&str> = table
        .lines()
        .filter(|line| !line.starts_with("note"))
        .collect();
    assert!(rows[0].starts_with("KEY_ID"), "{table:?}");
    for row in &rows {
        assert!(
            row.chars().count() <= 60,
            "{row:?} is wider than 60: {table}"
        );
    }
    assert!(table.contains("a-very-…") || table.contains('…'), "{table}");
    assert!(
        table.contains("--json"),
        "the note says where it is whole: {table}"
    );
    let piped = user.run(&["keys", "list"]).ok();
    assert!(piped.contains(&long), "{piped}");
}

/// The order of a table's columns is the spec's, whichever fields the first item has.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn columns_come_in_the_specs_order_whatever_the_items_have() {
    let (_sandbox, user) = sandbox().await;
    let header = |user: &User| {
        user.run(&["keys", "list"])
            .ok()
            .lines()
            .next()
            .unwrap()
            .to_owned()
    };
    let before = header(&user);
    user.run(&["keys", "create", "capped", "--monthly-spend-cap", "5.00"])
        .ok();
    let after = header(&user);
    let columns: Vec<&str> = after.split_whitespace().collect();
    assert_eq!(
        &columns[..4],
        ["KEY_ID", "NAME", "PREFIX", "STATUS"],
        "{after}"
    );
    let cap = columns
        .iter()
        .position(|c| *c == "MONTHLY_SPEND_CAP_USD")
        .unwrap();
    let created = columns.iter().position(|c| *c == "CREATED_AT").unwrap();
    assert!(cap < created, "{after}");
    let without_cap: Vec<&str> = columns
        .iter()
        .copied()
        .filter(|c| *c != "MONTHLY_SPEND_CAP_USD")
        .collect();
    assert_eq!(without_cap, before.split_whitespace().collect::<Vec<_>>());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn chat_takes_json_lines_and_refuses_yaml_and_jq_before_sending() {
    let (sandbox, user) = sandbox().await;
    let lines = user
        .run(&["chat", "--no-stream", "Hi", "--format", "jsonl"])
        .ok();
    assert_eq!(lines.lines().count(), 1, "{lines}");
    let _: Value = serde_json::from_str(&lines).unwrap();
    for flags in [&["--format", "yaml"][..], &["--jq", "."]] {
        let mut args = vec!["chat", "Hi"];
        args.extend_from_slice(flags);
        let run = user.run(&args);
        assert_eq!(run.code(), 2, "{flags:?}: {}", run.stderr());
    }
    assert_eq!(sandbox.counters("create_chat_completion").received, 1);
}
