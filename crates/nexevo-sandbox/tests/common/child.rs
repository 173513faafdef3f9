//! The `nexevo-sandbox` binary as a child process: started on a free port, its banner read,
//! killed when dropped; what `/proc` says of it; and requests sent to it raw.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

/// The most the sandbox binary may hold at its peak (`VmHWM`), with its default settings,
/// through the hostile requests of `binary.rs` and of the soak: the process as it starts (some
/// 13 MiB), every `Idempotency-Key` record at the default cap of 64 MiB in all, a few bodies at
/// chat's 4 MiB limit read at once, and margin. Measured: 25 MiB through `binary.rs`'s
/// requests (378 MiB before bodies and records were bounded, after its first three), 77 MiB
/// through 100,000 requests of the soak on a release build.
pub(crate) const PEAK_MEMORY_BOUND_KB: u64 = 128 * 1024;

/// A running binary, killed when dropped (also when a test fails).
pub(crate) struct Running {
    pub(crate) child: Child,
    pub(crate) base_url: String,
    pub(crate) api_key: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port that was free a moment ago.
pub(crate) fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// Starts the binary with `args` after `--port PORT`, and reads its banner up to the API key.
pub(crate) fn run(args: &[&str]) -> Running {
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_nexevo-sandbox"))
        .arg("--port")
        .arg(port.to_string())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut running = Running {
        child,
        base_url: String::new(),
        api_key: String::new(),
    };
    let mut banner = String::new();
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).unwrap() == 0 {
            let mut stderr = String::new();
            let _ = running
                .child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut stderr);
            panic!("the sandbox exited before its banner:\n{banner}\n{stderr}");
        }
        banner.push_str(&line);
        let line = line.trim();
        if let Some(url) = line.strip_prefix("NEXEVO_BASE_URL=") {
            running.base_url = url.to_owned();
        }
        if let Some(key) = line.strip_prefix("NEXEVO_API_KEY=") {
            running.api_key = key.to_owned();
            break;
        }
    }
    assert!(
        banner.contains(&format!("listening on http://127.0.0.1:{port}")),
        "{banner}"
    );
    assert_eq!(running.base_url, format!("http://127.0.0.1:{port}"));
    running
}

/// A line of `/proc/<pid>/status`, in kB (`VmHWM`, the peak resident memory; `VmRSS`).
#[cfg(target_os = "linux")]
pub(crate) fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{field}:")))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in {status}"))
}

/// The CPU time a process has used so far (user and system), from `/proc/<pid>/stat`.
#[cfg(target_os = "linux")]
pub(crate) fn cpu_time(pid: u32) -> std::time::Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command's name, which ends at the last `)`.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // Linux reports these in USER_HZ, 100 a second.
    std::time::Duration::from_millis(ticks * 10)
}

/// How many descriptors a process has open.
#[cfg(target_os = "linux")]
pub(crate) fn open_descriptors(pid: u32) -> u64 {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .count() as u64
}

/// Sends `head` and `body` on a new connection, and answers the status the sandbox gives (or
/// `None` if the connection ends without one). The body is sent in pieces while the answer
/// is awaited: a body refused early is not sent whole.
pub(crate) async fn send_raw(base_url: &str, head: String, body: Vec<u8>) -> Option<u16> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let stream = tokio::net::TcpStream::connect(base_url.trim_start_matches("http://"))
        .await
        .unwrap();
    let (mut reader, mut writer) = stream.into_split();
    let sending = tokio::spawn(async move {
        writer.write_all(head.as_bytes()).await?;
        for piece in body.chunks(64 * 1024) {
            writer.write_all(piece).await?;
        }
        Ok::<_, std::io::Error>(writer)
    });
    let mut answer = vec![0u8; 4096];
    let read = tokio::time::timeout(std::time::Duration::from_secs(60), reader.read(&mut answer))
        .await
        .expect("an answer within a minute")
        .unwrap_or(0);
    sending.abort();
    String::from_utf8_lossy(&answer[..read])
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
}

pub(crate) fn post_head(path: &str, auth: Option<&str>, extra: &str, length: usize) -> String {
    let auth = auth.map_or(String::new(), |key| {
        format!("authorization: Bearer {key}\r\n")
    });
    format!(
        "POST {path} HTTP/1.1\r\nhost: localhost\r\n{auth}{extra}content-type: application/json\r\ncontent-length: {length}\r\n\r\n"
    )
}
