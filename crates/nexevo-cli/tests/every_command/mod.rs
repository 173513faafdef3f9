//! Every operation of the spec has a command that reaches it: each generated command runs as
//! users run it (the `nexevo` binary, the spec's example values, its secrets from their
//! variables), against a fresh sandbox, which must count the command's operation. A command
//! that sends nothing, or the wrong call, fails it; so does an operation with no command. Every
//! answer printed with `--json` must match the spec's schema for it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

pub(crate) mod examples;

use crate::support::{self, User};
use nexevo_sandbox::Sandbox;
use serde_json::Value;

/// A command with the spec's example values (generated in `examples.rs`).
pub(crate) struct Example {
    /// The operation it makes (`create_key`).
    pub(crate) operation: &'static str,
    pub(crate) args: &'static [&'static str],
    /// The secrets it reads, from their variables.
    pub(crate) env: &'static [(&'static str, &'static str)],
    /// The status of the operation's success.
    pub(crate) status: u16,
    /// The field of the answer the call answers, if not the whole body.
    pub(crate) answer: Option<&'static str>,
    /// Secrets the CLI stores and never prints (a session token), by path.
    pub(crate) withheld: &'static [&'static str],
}

/// The commands written by hand, for the operations the spec marks `x-nexevo-hand-written`.
const HAND_WRITTEN: &[(&str, &[&str])] =
    &[("create_chat_completion", &["chat", "--no-stream", "Hi"])];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_of_the_spec_has_a_command_that_reaches_it() {
    let spec = spec_check::Spec::load().unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for operation in nexevo_api::OPERATIONS {
        let example = examples::EXAMPLES
            .iter()
            .find(|example| example.operation == operation.id);
        let (args, env) = match (
            example,
            HAND_WRITTEN.iter().find(|(id, _)| *id == operation.id),
        ) {
            (Some(example), _) => (example.args, example.env),
            (None, Some((_, args))) => (*args, &[][..]),
            (None, None) => {
                missing.push(operation.id);
                continue;
            }
        };
        let sandbox = Sandbox::builder().start().await.unwrap();
        let user = User::of(&sandbox);
        let mut command = user.command(args);
        // `--yes` answers the question a call that cannot be undone asks first.
        command.args(["--json", "--yes"]).envs(env.iter().copied());
        let run = support::Run(command.output().unwrap());
        assert!(
            matches!(run.code(), 0 | 1),
            "`nexevo {}` ended with {} (2 means it sent nothing): {}",
            args.join(" "),
            run.code(),
            run.stderr()
        );
        assert_eq!(
            sandbox.counters(operation.id).received,
            1,
            "`nexevo {}` did not reach {} once: {}",
            args.join(" "),
            operation.id,
            run.stderr()
        );
        if run.code() == 0
            && let Some(example) = example
        {
            check_json(&spec, operation, example, &run.stdout());
            checked += 1;
        }
    }
    assert!(
        missing.is_empty(),
        "operations of the spec without a command: {missing:?}"
    );
    assert!(
        checked >= 15,
        "only {checked} commands succeeded with the spec's examples: the JSON check covers too little"
    );
}

/// Every generated command's help ends with its example: the same command the test above
/// runs against a sandbox, so an example in the help is one that works.
#[test]
fn every_commands_help_shows_the_example_that_is_run() {
    let config = support::config_dir();
    for example in examples::EXAMPLES {
        let mut command = support::nexevo(&config);
        command.args(&example.args[..2]).arg("--help");
        let help = support::Run(command.output().unwrap()).ok();
        let shown = help
            .split("Example:\n  ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| {
                panic!(
                    "`nexevo {}` has no example:\n{help}",
                    example.args[..2].join(" ")
                )
            });
        let words: Vec<String> = example
            .args
            .iter()
            .map(|arg| {
                if arg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c))
                    && !arg.is_empty()
                {
                    arg.to_string()
                } else {
                    format!("'{}'", arg.replace('\'', "'\\''"))
                }
            })
            .collect();
        let line = format!("nexevo {}", words.join(" "));
        assert!(shown.starts_with(&line), "{shown:?} is not {line:?}");
    }
}

/// Help speaks the CLI's words: commands and flags, not the spec's operation ids, headers and
/// request fields.
#[test]
fn every_commands_help_speaks_the_clis_words() {
    let spec = spec_check::Spec::load().unwrap();
    let operation_ids: Vec<String> = spec.document()["paths"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|item| item.as_object().unwrap().values())
        .filter_map(|operation| operation.get("operationId")?.as_str().map(str::to_owned))
        .collect();
    assert!(operation_ids.len() >= nexevo_api::OPERATIONS.len());
    let config = support::config_dir();
    let mut problems = Vec::new();
    for example in examples::EXAMPLES {
        let mut command = support::nexevo(&config);
        command.args(&example.args[..2]).arg("--help");
        let help = support::Run(command.output().unwrap()).ok();
        let spec_words = operation_ids
            .iter()
            .map(|id| format!("`{id}`"))
            .chain(["`Nexevo-Organization`", "`Idempotency-Key`", "clear: true"].map(String::from));
        for word in spec_words {
            if help.contains(&word) {
                problems.push(format!(
                    "`nexevo {}` says {word}",
                    example.args[..2].join(" ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

/// `--json` prints the typed answer as the spec describes it, without the secrets it stores.
fn check_json(
    spec: &spec_check::Spec,
    operation: &nexevo_api::ApiOperation,
    example: &Example,
    stdout: &str,
) {
    let Some(mut schema) = spec.response_schema(
        &format!("{} {}", operation.method, operation.path),
        example.status,
    ) else {
        assert_eq!(stdout, "", "`{}` answers no content", operation.id);
        return;
    };
    let mut value: Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("{}: --json printed no JSON ({e}): {stdout}", operation.id));
    for path in example.withheld {
        let pointer = format!("/{}", path.replace('.', "/"));
        assert!(
            value.pointer(&pointer).is_none(),
            "{}: the stored secret `{path}` was printed",
            operation.id
        );
        // What the server sent there, for the schema check of the rest.
        let (parent, field) = pointer.rsplit_once('/').unwrap();
        let parent = if parent.is_empty() {
            &mut value
        } else {
            value.pointer_mut(parent).unwrap()
        };
        parent
            .as_object_mut()
            .unwrap()
            .insert(field.to_owned(), Value::String("withheld".to_owned()));
    }
    if let Some(field) = example.answer {
        schema = spec.resolve(&schema)["properties"][field].clone();
    }
    spec.check(&schema, &value).unwrap_or_else(|e| {
        panic!(
            "{}: --json does not match the spec: {e}\n{stdout}",
            operation.id
        )
    });
}

/// Values no command expects, for every argument of every command.
const ODD_VALUES: [&str; 6] = [
    "",
    " ",
    "-1",
    "{",
    "💥\u{7}\t\n",
    "99999999999999999999.999999999",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_input_makes_a_command_panic() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);
    let mut runs = 0;
    for example in examples::EXAMPLES {
        // Each positional argument (after `<area> <call>`) in turn, and an odd flag.
        for position in 2..=example.args.len() {
            for odd in ODD_VALUES {
                let mut args: Vec<&str> = example.args.to_vec();
                if position < args.len() {
                    args[position] = odd;
                } else {
                    args.extend(["--limit", odd]);
                }
                let mut command = user.command(&args);
                command.envs(example.env.iter().copied());
                let run = support::Run(command.output().unwrap());
                runs += 1;
                assert!(
                    matches!(run.code(), 0..=2),
                    "`nexevo {args:?}` ended with {}: {}",
                    run.code(),
                    run.stderr()
                );
                assert!(
                    !run.stderr().contains("panicked"),
                    "`nexevo {args:?}` panicked: {}",
                    run.stderr()
                );
            }
        }
    }
    assert!(runs > 200, "{runs} runs");
}
