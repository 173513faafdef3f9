//! `nexevo chat` counts the answer's tokens, and at the end its cost, on a terminal while it
//! streams; pipes get the answer and the report, nothing more.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo_sandbox::Sandbox;

use crate::support::User;

/// Short: the answer echoes it, and the status is drawn only where it fits in the row.
const PROMPT: &str = "one two";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_streamed_answer_counts_its_tokens_on_a_terminal_and_not_in_a_pipe() {
    let sandbox = Sandbox::builder().start().await.unwrap();
    let user = User::of(&sandbox);

    let shown = user.in_terminal(&["chat", PROMPT], &[]);
    assert!(shown.contains("[~1 token]"), "{shown:?}");
    assert!(shown.contains("[~2 tokens]"), "{shown:?}");
    // The last chunk says the exact count and the cost; then the status is erased before the
    // report.
    let last = shown
        .rfind(" tokens · $")
        .unwrap_or_else(|| panic!("{shown:?}"));
    let report = shown.find("generation gen_").unwrap();
    assert!(last < report, "{shown:?}");
    assert!(shown[last..report].contains("\x1b[K"), "{shown:?}");

    let run = user.run(&["chat", PROMPT]);
    let (stdout, stderr) = (run.ok(), run.stderr());
    assert!(!stdout.is_empty() && stderr.contains("generation gen_"));
    for printed in [&stdout, &stderr] {
        assert!(!printed.contains("token"), "{printed:?}");
        assert!(!printed.contains('\x1b'), "{printed:?}");
    }
}
