//! Running the `nexevo` binary as a user would, against an embedded sandbox, with a config
//! directory of its own and none of the developer's `NEXEVO_*` settings.
#![allow(unreachable_pub)] // a test module's helpers, public to the tests beside it

use std::io::Write as _;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use nexevo_sandbox::Sandbox;

/// The variables the CLI reads, removed so a developer's own never leak into a test.
const SETTINGS: [&str; 11] = [
    "NEXEVO_API_KEY",
    "NEXEVO_BASE_URL",
    "NEXEVO_ORGANIZATION",
    "NEXEVO_PROFILE",
    "NEXEVO_CONFIG_DIR",
    "NEXEVO_PASSWORD",
    "NEXEVO_NEW_PASSWORD",
    "NEXEVO_CURRENT_PASSWORD",
    "NEXEVO_RESET_TOKEN",
    "NO_COLOR",
    "NEXEVO_ALLOW_INSECURE_HTTP",
];

/// A fresh, empty directory for one test's config.
pub fn config_dir() -> PathBuf {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "nexevo-cli-test-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The binary, with no settings but a config directory of its own.
pub fn nexevo(config: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nexevo"));
    for name in SETTINGS {
        command.env_remove(name);
    }
    command.env("NEXEVO_CONFIG_DIR", config);
    command
}

/// A user of one sandbox: its URL and the demo account's key in the environment.
pub struct User {
    pub base_url: String,
    pub api_key: String,
    pub config: PathBuf,
}

impl User {
    pub fn of(sandbox: &Sandbox) -> Self {
        Self {
            base_url: sandbox.base_url().to_owned(),
            api_key: sandbox.demo().api_key.expose().to_owned(),
            config: config_dir(),
        }
    }

    /// The binary with this user's URL and key.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = nexevo(&self.config);
        command
            .env("NEXEVO_BASE_URL", &self.base_url)
            .env("NEXEVO_API_KEY", &self.api_key)
            .args(args)
            .stdin(Stdio::null());
        command
    }

    /// Runs a command on a terminal (a pseudo-terminal by util-linux's `script`), with
    /// `variables` set, and answers what the terminal received (stdout and stderr).
    pub fn in_terminal(&self, args: &[&str], variables: &[(&str, &str)]) -> String {
        self.in_terminal_typing(args, variables, "")
    }

    /// [`in_terminal`](Self::in_terminal), with `typed` typed on the terminal.
    pub fn in_terminal_typing(
        &self,
        args: &[&str],
        variables: &[(&str, &str)],
        typed: &str,
    ) -> String {
        let mut script = String::from("exec \"$NEXEVO_TEST_BIN\"");
        let mut command = Command::new("script");
        for name in SETTINGS {
            command.env_remove(name);
        }
        for (n, arg) in args.iter().enumerate() {
            script.push_str(&format!(" \"$NEXEVO_TEST_ARG{n}\""));
            command.env(format!("NEXEVO_TEST_ARG{n}"), arg);
        }
        command
            .args(["-qec", &script, "/dev/null"])
            .env("NEXEVO_TEST_BIN", env!("CARGO_BIN_EXE_nexevo"))
            .env("NEXEVO_CONFIG_DIR", &self.config)
            .env("NEXEVO_BASE_URL", &self.base_url)
            .env("NEXEVO_API_KEY", &self.api_key)
            .envs(variables.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|e| panic!("script: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            use std::io::Write as _;
            let _ = stdin.write_all(typed.as_bytes());
        }
        let output = child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("script: {e}"));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs a command to its end.
    pub fn run(&self, args: &[&str]) -> Run {
        Run(self
            .command(args)
            .output()
            .unwrap_or_else(|e| panic!("nexevo: {e}")))
    }

    /// Runs a command with `input` on stdin.
    pub fn run_with_stdin(&self, mut command: Command, input: &str) -> Run {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("nexevo: {e}"));
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(input.as_bytes())
                .unwrap_or_else(|e| panic!("{e}"));
        }
        Run(child
            .wait_with_output()
            .unwrap_or_else(|e| panic!("nexevo: {e}")))
    }
}

/// A finished run.
pub struct Run(pub Output);

impl Run {
    pub fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// Asserts success and answers stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        assert_eq!(self.code(), 0, "stderr: {}", self.stderr());
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout()))
    }

    /// Asserts success and answers stdout.
    pub fn ok(&self) -> String {
        assert_eq!(self.code(), 0, "stderr: {}", self.stderr());
        self.stdout()
    }
}

/// What a terminal shows after the spinner on stderr has cleared its line for the last time.
pub fn after_spinner(shown: &str) -> &str {
    shown.rsplit("\u{1b}[2K").next().unwrap_or(shown)
}

/// Sends the process Ctrl-C's signal, as a terminal would.
pub fn interrupt(child: &std::process::Child) {
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap_or_else(|e| panic!("kill: {e}"));
    assert!(sent.success(), "kill -INT {}", child.id());
}

/// A server on 127.0.0.1 that records the head of every request it receives and answers each
/// `401` in the API's error shape: where a credential must never arrive.
pub struct Recorder {
    pub url: String,
    heads: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Recorder {
    pub fn start() -> Self {
        Self::answering("recorder")
    }

    /// One whose 401 says `message`.
    pub fn answering(message: &str) -> Self {
        use std::io::{BufRead as _, BufReader};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let heads = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let recorded = std::sync::Arc::clone(&heads);
        let message = message.to_owned();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { return };
                let mut reader = BufReader::new(&stream);
                let mut head = String::new();
                while reader.read_line(&mut head).is_ok_and(|n| n > 0) {
                    if head.ends_with("\r\n\r\n") {
                        break;
                    }
                }
                recorded.lock().unwrap().push(head);
                let body = serde_json::json!({
                    "error": {"code": "unauthorized", "message": message, "request_id": "req_1"}
                })
                .to_string();
                let _ = (&stream).write_all(
                    format!(
                        "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\
                         content-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    )
                    .as_bytes(),
                );
            }
        });
        Self { url, heads }
    }

    /// The heads received so far.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
    }
}
