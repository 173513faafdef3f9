//! What people see, pinned: every generated command (the spec's examples, as `every_command`
//! runs them) against a fresh sandbox seeded with what its example names, its table or summary
//! snapshotted with the values that change between runs (ids, times, secrets) redacted. Column
//! padding is pinned by the unit tests of `output`; here runs of spaces are one gap, since a
//! redacted value's width changes them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo_sandbox::{DEMO_EMAIL, DEMO_PASSWORD, Sandbox};
use serde_json::Value;

use crate::every_command::Example;
use crate::every_command::examples::EXAMPLES;
use crate::support::{self, User};

/// The filters that redact what changes between runs, in order.
const REDACTIONS: &[(&str, &str)] = &[
    (
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        "[time]",
    ),
    (r"\b\d{4}-\d{2}-\d{2}\b", "[date]"),
    (
        r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
        "[uuid]",
    ),
    (r"\bnx-live-[0-9a-f]+", "nx-live-[key]"),
    (r"otpauth://\S+", "otpauth://[secret]"),
    (r"\bwhsec_\S+", "whsec_[secret]"),
    (r"\(/\S*config\.toml\)", "([config file])"),
    (r"\b[A-Z2-7]{16,}\b", "[base32 secret]"),
    (r"\b([a-z]+)_[0-9a-f]{12,}\b", "${1}_[id]"),
    (r"http://127\.0\.0\.1:\d+", "http://[sandbox]"),
    (r"  +", "  "),
];

/// Every generated command's output for people, pinned.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_commands_output_for_people_is_pinned() {
    for example in EXAMPLES {
        let sandbox = Sandbox::builder().start().await.unwrap();
        let user = User::of(&sandbox);
        let args = seeded_args(&user, example);
        if example.operation == "logout" {
            // Logout ends the profile's session: there must be one.
            log_in(&user);
        }
        let mut command = user.command(&args.iter().map(String::as_str).collect::<Vec<_>>());
        // `--yes` answers the question a call that cannot be undone asks first.
        command
            .arg("--yes")
            .envs(seeded_env(&sandbox, &user, example));
        let run = support::Run(command.output().unwrap());
        let name = example.args[..2].join("_").replace('-', "_");
        pin(&name, &example.args.join(" "), &run);
    }
}

/// A table with a value wider than any terminal: whole in a pipe, cut on a terminal of 60
/// columns (`COLUMNS`); and a summary and a table with values of several lines, each on one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wide_and_multi_line_values_are_pinned() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);
    let wide = format!("nightly-batch-{}", "wide-".repeat(16));
    user.run(&["keys", "create", &wide, "--monthly-spend-cap", "250.00"])
        .ok();
    pin(
        "wide_keys_list_piped",
        "keys list",
        &user.run(&["keys", "list"]),
    );
    let shown = user.in_terminal(&["keys", "list"], &[("COLUMNS", "60")]);
    let terminal = support::after_spinner(&shown).replace("\r\n", "\n");
    insta::with_settings!({ filters => REDACTIONS.to_vec() }, {
        insta::assert_snapshot!("wide_keys_list_on_60_columns", terminal);
    });

    let created = user
        .run(&[
            "conversations",
            "create",
            "--title",
            "Line one\nline two",
            "--json",
        ])
        .json();
    let id = created["conversation_id"].as_str().unwrap();
    user.run(&[
        "conversations",
        "append-message",
        id,
        "user",
        "First line\nsecond line\n\tindented third",
    ])
    .ok();
    pin(
        "multi_line_conversation_get",
        "conversations get",
        &user.run(&["conversations", "get", id]),
    );
}

/// Snapshots a run's exit code, stdout and stderr, redacted.
fn pin(name: &str, line: &str, run: &support::Run) {
    let shown = format!(
        "$ nexevo {line}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        run.code(),
        run.stdout(),
        run.stderr()
    );
    insta::with_settings!({ filters => REDACTIONS.to_vec() }, {
        insta::assert_snapshot!(name, shown);
    });
}

/// The example's arguments with each id the spec's example names (`key_5b7e9c`) replaced by
/// one of its kind made in the user's sandbox: a key, a conversation with a message of several
/// lines, an organization, a member invited to it, a generation; and logging in is the demo
/// account's. So most commands show an answer, not a `not_found`.
pub(crate) fn seeded_args(user: &User, example: &Example) -> Vec<String> {
    // Each organization's member is invited to the organization named before it.
    let mut organization = None;
    let mut args = Vec::new();
    for arg in example.args {
        let seeded = match arg.split_once('_').map(|(kind, _)| kind) {
            Some("key") => {
                let created = user
                    .run(&[
                        "keys",
                        "create",
                        "seeded",
                        "--monthly-spend-cap",
                        "100.00",
                        "--json",
                    ])
                    .json();
                text(&created["key"]["key_id"])
            }
            Some("conv") => {
                let created = user
                    .run(&["conversations", "create", "--title", "Seeded", "--json"])
                    .json();
                let id = text(&created["conversation_id"]);
                user.run(&[
                    "conversations",
                    "append-message",
                    &id,
                    "user",
                    "A question\non two lines",
                ])
                .ok();
                id
            }
            Some("org") => {
                let created = user.run(&["orgs", "create", "Seeded", "--json"]).json();
                let id = text(&created["organization"]["org_id"]);
                organization = Some(id.clone());
                id
            }
            Some("u") => {
                let org = organization
                    .clone()
                    .expect("a member's organization comes first");
                let invited = user
                    .run(&[
                        "orgs",
                        "invite-member",
                        &org,
                        "member@acme.com",
                        "developer",
                        "--json",
                    ])
                    .json();
                text(&invited["user_id"])
            }
            Some("gen") => {
                let run = user.run(&["chat", "--no-stream", "Hi"]);
                let stderr = run.stderr();
                let generation = stderr
                    .split_whitespace()
                    .find(|word| word.starts_with("gen_"))
                    .unwrap_or_else(|| panic!("no generation: {stderr}"));
                generation.to_owned()
            }
            // Logging in is the demo account's.
            _ if example.operation == "login" && arg.contains('@') => DEMO_EMAIL.to_owned(),
            _ => (*arg).to_owned(),
        };
        args.push(seeded);
    }
    args
}

/// The example's secrets, with those that must be the demo account's to succeed made so: its
/// password, and a reset token the sandbox sent it.
pub(crate) fn seeded_env(
    sandbox: &Sandbox,
    user: &User,
    example: &Example,
) -> Vec<(String, String)> {
    example
        .env
        .iter()
        .map(|(name, value)| {
            let value = match *name {
                "NEXEVO_CURRENT_PASSWORD" => DEMO_PASSWORD.to_owned(),
                // A new account's password is the example's; any other is the demo's.
                "NEXEVO_PASSWORD" if example.operation != "register" => DEMO_PASSWORD.to_owned(),
                "NEXEVO_RESET_TOKEN" => {
                    user.run(&["auth", "request-password-reset", DEMO_EMAIL])
                        .ok();
                    sandbox.outbox().last().unwrap().token.clone()
                }
                _ => (*value).to_owned(),
            };
            ((*name).to_owned(), value)
        })
        .collect()
}

/// Logs the demo user in, storing the session in the default profile.
pub(crate) fn log_in(user: &User) {
    let mut login = user.command(&["auth", "login", DEMO_EMAIL, "--password-stdin"]);
    login.env_remove("NEXEVO_API_KEY");
    user.run_with_stdin(login, &format!("{DEMO_PASSWORD}\n"))
        .ok();
}

fn text(value: &Value) -> String {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not text: {value}"))
        .to_owned()
}
