//! Many calls in flight at once: one cloned SDK client against one cloned `reqwest::Client`
//! (the same requests written by hand with serde_json), with 64 and 256 calls in flight.
//!
//! The sandbox runs in a child process (this binary, started again with `--serve`), on a
//! runtime with one worker, so the client's CPU time is the whole of this process's and cannot
//! mix with the server's. Its rate limit is raised out of the way: the SDK retries a 429 and
//! the baseline does not, so a limit would measure that difference instead. The client runs on
//! a current-thread runtime; reqwest's connection tasks run there too. Where the machine has two
//! cores, the client is pinned to one and the server to the other.
//!
//! For each contender, concurrency and round: throughput (calls per second), p99 latency and
//! the client's CPU time per call (`getrusage`, user + system). Rounds alternate which
//! contender goes first; the table shows medians and the spread over the rounds, and the
//! median of the rounds' SDK/baseline ratios (each round's two runs are adjacent in time). Every call
//! must succeed, and each contender must keep to its one connection pool: after warm-up no new
//! connection is opened (the server counts them).
//!
//! `cargo bench -p nexevo-benches --bench concurrency`
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::float_arithmetic
)]
#![allow(missing_docs)] // a bench binary
// `getrusage` is a C call: it only fills the struct it is given.
#![allow(unsafe_code)]

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo_api::types::{Balance, ChatCompletion};
use nexevo_benches::{Samples, balance_request, completion_request, http_client};

const IN_FLIGHT: [usize; 2] = [64, 256];
const CALLS: usize = 15_000;
/// Rounds per cell, unless `CONCURRENCY_ROUNDS` says otherwise: more rounds narrow the
/// median of the round-by-round ratios (the p99's above all) at the cost of time.
const ROUNDS: usize = 121;

fn rounds() -> usize {
    std::env::var("CONCURRENCY_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .filter(|&rounds| rounds > 0)
        .unwrap_or(ROUNDS)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list" || a == "--test") {
        return;
    }
    if args.iter().any(|a| a == "--serve") {
        serve();
        return;
    }
    let mut server = Server::start();
    // The client on one core, the server (see `serve`) on the other: neither preempts the
    // other, and neither migrates.
    pin_to_core(0);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let sdk = nexevo::Client::builder()
        .base_url(&server.base)
        .api_key(server.key.clone())
        .build()
        .unwrap();
    let raw = Raw {
        http: http_client(),
        base: server.base.clone(),
        key: server.key.clone(),
    };
    let chat = ChatRequest::new(Model::FAST).user("Hello!");
    let round_count = rounds();
    println!(
        "against the sandbox in a child process; {CALLS} calls per measurement, {round_count} rounds, contenders alternating"
    );
    for call in [Call::Balance, Call::Chat] {
        // Warm-up at the highest concurrency opens every connection either pool will use.
        for contender in [Contender::Sdk, Contender::Raw] {
            runtime.block_on(measure(contender, call, &sdk, &raw, &chat, 256, CALLS / 4));
        }
        // New connections per contender after warm-up: none, if each keeps to its pool.
        let mut opened = [0u64; 2];
        for in_flight in IN_FLIGHT {
            // Warmed again at this concurrency: a pool closes a connection idle for 90 s, and
            // a long run's cell before can outlast that (chat at 64 in flight, 161 rounds).
            for contender in [Contender::Sdk, Contender::Raw] {
                runtime.block_on(measure(
                    contender,
                    call,
                    &sdk,
                    &raw,
                    &chat,
                    in_flight,
                    CALLS / 4,
                ));
            }
            let mut rounds: [Vec<Measurement>; 2] = Default::default();
            for round in 0..round_count {
                let order = if round % 2 == 0 {
                    [Contender::Sdk, Contender::Raw]
                } else {
                    [Contender::Raw, Contender::Sdk]
                };
                for contender in order {
                    let before = server.connections();
                    let measured = runtime.block_on(measure(
                        contender, call, &sdk, &raw, &chat, in_flight, CALLS,
                    ));
                    opened[contender as usize] += server.connections() - before;
                    rounds[contender as usize].push(measured);
                }
            }
            report(call, in_flight, &rounds);
        }
        println!(
            "connections opened after warm-up: SDK {}, baseline {}\n",
            opened[0], opened[1]
        );
        assert_eq!(
            opened,
            [0, 0],
            "a pool opened new connections after warm-up"
        );
    }
    server.stop();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Contender {
    Sdk = 0,
    Raw = 1,
}

#[derive(Debug, Clone, Copy)]
enum Call {
    Balance,
    Chat,
}

/// The baseline: one `reqwest::Client`, configured as the SDK's is, cloned into every task.
#[derive(Clone)]
struct Raw {
    http: reqwest::Client,
    base: String,
    key: String,
}

impl Raw {
    async fn balance(&self) {
        let response = balance_request(&self.http, &self.base, &self.key)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        let _: Balance = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    }

    async fn chat(&self, body: &nexevo_api::types::ChatCompletionRequest) {
        let response = completion_request(&self.http, &self.base, &self.key, body)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success(), "{}", response.status());
        let _: ChatCompletion = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
    }
}

/// One contender's run: how long, each call's latency, and the client's CPU time.
struct Measurement {
    calls: usize,
    elapsed: Duration,
    latencies: Samples,
    cpu: Duration,
}

/// Makes `calls` calls with `in_flight` tasks, each taking the next call until none is left.
async fn measure(
    contender: Contender,
    call: Call,
    sdk: &nexevo::Client,
    raw: &Raw,
    chat: &ChatRequest,
    in_flight: usize,
    calls: usize,
) -> Measurement {
    let left = Arc::new(AtomicUsize::new(calls));
    let cpu_before = cpu_time();
    let started = Instant::now();
    let tasks: Vec<_> = (0..in_flight)
        .map(|_| {
            let (left, sdk, raw, chat) =
                (Arc::clone(&left), sdk.clone(), raw.clone(), chat.clone());
            tokio::spawn(async move {
                let body = chat.body().clone();
                let mut latencies = Vec::new();
                while left
                    .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1))
                    .is_ok()
                {
                    let started = Instant::now();
                    match (contender, call) {
                        (Contender::Sdk, Call::Balance) => {
                            sdk.billing().balance().await.unwrap();
                        }
                        (Contender::Sdk, Call::Chat) => {
                            sdk.chat().completions().create(chat.clone()).await.unwrap();
                        }
                        (Contender::Raw, Call::Balance) => raw.balance().await,
                        // A copy, as the SDK's call is given one: as if just built.
                        (Contender::Raw, Call::Chat) => raw.chat(&body.clone()).await,
                    }
                    latencies.push(started.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut latencies = Samples::default();
    for task in tasks {
        for latency in task.await.unwrap() {
            latencies.push(latency);
        }
    }
    Measurement {
        calls,
        elapsed: started.elapsed(),
        latencies,
        cpu: cpu_time() - cpu_before,
    }
}

/// Keeps this thread, and the threads it starts, on one core (where the machine has it).
fn pin_to_core(core: usize) {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    if cores < 2 {
        return;
    }
    // SAFETY: the set is zeroed, then filled by the libc macros, and handed to the kernel.
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_SET(core % cores, &mut set);
        assert_eq!(
            libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set),
            0
        );
    }
}

/// User and system CPU time of this process so far.
fn cpu_time() -> Duration {
    // SAFETY: `getrusage` writes only into the zeroed struct it is handed.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_SELF, &mut usage), 0);
        usage
    };
    let time = |t: libc::timeval| {
        Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
    };
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// The lowest, the median and the highest of `values`.
fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(f64::total_cmp);
    (
        values[0],
        values[values.len() / 2],
        values[values.len() - 1],
    )
}

fn report(call: Call, in_flight: usize, rounds: &[Vec<Measurement>; 2]) {
    let name = match call {
        Call::Balance => "billing().balance()",
        Call::Chat => "chat create",
    };
    println!(
        "{name}, {in_flight} in flight (median, and min–max over {} rounds)",
        rounds[0].len()
    );
    println!(
        "{:<32} {:>24} {:>24} {:>24}",
        "", "calls/s", "p99 µs", "client CPU µs/call"
    );
    // Throughput, p99 and CPU per call of each round.
    let figures = |m: &Measurement| {
        [
            m.calls as f64 / m.elapsed.as_secs_f64(),
            m.latencies.quantile(0.99),
            m.cpu.as_secs_f64() * 1e6 / m.calls as f64,
        ]
    };
    let column = |measurements: &[Measurement], metric: usize| {
        spread(measurements.iter().map(|m| figures(m)[metric]).collect())
    };
    for (label, measurements) in [
        ("nexevo (SDK)", &rounds[0]),
        ("reqwest + serde_json (baseline)", &rounds[1]),
    ] {
        let cells = [0, 1, 2].map(|metric| {
            let (low, mid, high) = column(measurements, metric);
            format!("{mid:.1} ({low:.1}–{high:.1})")
        });
        println!(
            "{label:<32} {:>24} {:>24} {:>24}",
            cells[0], cells[1], cells[2]
        );
    }
    // The machine's speed drifts within seconds: each round's two measurements ran one after
    // the other, so their ratio cancels the drift that comparing two medians would keep.
    let ratios = [0, 1, 2].map(|metric| {
        let (low, mid, high) = spread(
            rounds[0]
                .iter()
                .zip(&rounds[1])
                .map(|(sdk, raw)| figures(sdk)[metric] / figures(raw)[metric])
                .collect(),
        );
        format!("{mid:.3} ({low:.3}–{high:.3})")
    });
    println!(
        "{:<32} {:>24} {:>24} {:>24}\n",
        "SDK / baseline, round by round", ratios[0], ratios[1], ratios[2]
    );
}

/// The sandbox in a child process: its base URL and demo key, and a line protocol on its
/// stdin (`connections` answers how many it has accepted; end of input stops it).
struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: BufReader<ChildStdout>,
    base: String,
    key: String,
}

impl Server {
    fn start() -> Self {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = || {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            line.trim().to_owned()
        };
        let (base, key) = (line(), line());
        Self {
            child,
            stdin,
            stdout,
            base,
            key,
        }
    }

    fn connections(&mut self) -> u64 {
        let stdin = self.stdin.as_mut().unwrap();
        writeln!(stdin, "connections").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        self.stdout.read_line(&mut line).unwrap();
        line.trim().parse().unwrap()
    }

    fn stop(mut self) {
        drop(self.stdin.take());
        self.child.wait().unwrap();
    }
}

/// The child: serves the sandbox on a one-worker runtime until its stdin ends.
fn serve() {
    pin_to_core(1);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let sandbox = runtime
        .block_on(
            nexevo_sandbox::Sandbox::builder()
                .demo_balance(nexevo::billing::Decimal::new(1_000_000_000, 0))
                .rate_limit(u32::MAX, Duration::from_secs(1))
                // Connections a low concurrency leaves idle stay open for the next, so the
                // server's connection count shows whether each pool is reused.
                .header_read_timeout(Duration::from_secs(3600))
                .start(),
        )
        .unwrap();
    let mut stdout = std::io::stdout();
    writeln!(stdout, "{}", sandbox.base_url()).unwrap();
    writeln!(stdout, "{}", sandbox.demo().api_key.expose()).unwrap();
    stdout.flush().unwrap();
    for line in std::io::stdin().lock().lines() {
        if line.unwrap().trim() == "connections" {
            writeln!(stdout, "{}", sandbox.connections_accepted()).unwrap();
            stdout.flush().unwrap();
        }
    }
    drop(sandbox);
}
