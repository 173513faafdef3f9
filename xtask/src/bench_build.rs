//! `cargo xtask bench-build`: what the SDK costs at build time. Tiny apps making the same call —
//! a floor of tokio + reqwest + serde_json alone, and `nexevo` with `billing` and with `full` —
//! are built cold with `--release`, each in a fresh target directory, alternating, several
//! times; the report gives each build's time, crates compiled and stripped binary size, the
//! median and spread per app, and the overheads over the floor. Every build also records, from
//! cargo's `--timings` data, the summed compile times of its units — all of them, and the SDK's
//! own crates with the app's `main` — which drift far less between identical builds than wall
//! time does. With `--baseline DIR` (another checkout of the SDK, say a `git worktree` of an
//! earlier revision), `billing-baseline` and `full-baseline` build the same apps against it, in
//! the same rounds, so a change is measured side by side with what it changes.
#![allow(
    clippy::float_arithmetic,
    clippy::print_stdout,
    reason = "timings and a report, not money"
)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail, ensure};

mod apps;

pub use apps::App;

/// What `bench-build` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Builds per app.
    pub runs: usize,
    /// The apps, in the order of the first round.
    pub apps: Vec<App>,
    /// Where to put cargo's `--timings` reports, if wanted.
    pub timings: Option<PathBuf>,
    /// Another checkout of the SDK, for the baseline apps.
    pub baseline: Option<PathBuf>,
    /// Keep the temporary folder.
    pub keep: bool,
}

impl Options {
    /// Reads `--runs N`, `--apps a,b`, `--timings DIR`, `--baseline DIR` and `--keep`.
    pub fn parse(args: &[String]) -> anyhow::Result<Options> {
        let mut options = Options {
            runs: 3,
            apps: App::ALL.to_vec(),
            timings: None,
            baseline: None,
            keep: false,
        };
        let mut apps_given = false;
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--runs" => {
                    options.runs = value()?.parse().context("--runs takes a number")?;
                    ensure!(options.runs > 0, "--runs must be at least 1");
                }
                "--apps" => {
                    apps_given = true;
                    options.apps = value()?
                        .split(',')
                        .map(|name| {
                            App::from_name(name).with_context(|| {
                                let known: Vec<&str> = App::ALL
                                    .iter()
                                    .chain(&App::ON_REQUEST)
                                    .chain(&App::BASELINES)
                                    .map(|app| app.name())
                                    .collect();
                                format!("unknown app {name:?} ({})", known.join(", "))
                            })
                        })
                        .collect::<anyhow::Result<_>>()?;
                }
                "--timings" => options.timings = Some(PathBuf::from(value()?)),
                "--baseline" => options.baseline = Some(PathBuf::from(value()?)),
                "--keep" => options.keep = true,
                other => bail!("unknown option {other:?}"),
            }
        }
        if options.baseline.is_some() && !apps_given {
            options.apps.extend(App::BASELINES);
        }
        ensure!(
            options.baseline.is_some() || !options.apps.iter().any(|app| app.is_baseline()),
            "the baseline apps need --baseline DIR"
        );
        Ok(options)
    }
}

/// One cold build.
#[derive(Debug, Clone, Copy)]
pub struct Build {
    /// The app built.
    pub app: App,
    /// Wall time of `cargo build --release`.
    pub time: Duration,
    /// CPU time (user and system) of cargo and every compiler it ran, when the platform tells.
    pub cpu: Option<Duration>,
    /// Crates cargo compiled.
    pub crates: usize,
    /// The binary's size after `strip`, in bytes.
    pub stripped_bytes: u64,
    /// The summed compile times of every unit cargo built (from its `--timings` data).
    pub unit_seconds: Option<f64>,
    /// The summed compile times of the SDK's own crates (`nexevo*`) and the app's `main`.
    pub own_unit_seconds: Option<f64>,
}

/// The median of `values` (the lower middle for an even count); `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(sorted.len().saturating_sub(1) / 2).copied()
}

/// Runs the benchmark and prints the report.
pub fn run(root: &Path, options: &Options) -> anyhow::Result<()> {
    let folder = std::env::temp_dir().join(format!("nexevo-bench-build-{}", std::process::id()));
    let outcome = run_in(root, &folder, options);
    if options.keep {
        eprintln!("kept {}", folder.display());
    } else {
        let _ = std::fs::remove_dir_all(&folder);
    }
    outcome
}

fn run_in(root: &Path, folder: &Path, options: &Options) -> anyhow::Result<()> {
    for &app in &options.apps {
        if app.cli_features().is_some() {
            continue;
        }
        let sdk_root = match (&options.baseline, app.is_baseline()) {
            (Some(baseline), true) => baseline.as_path(),
            _ => root,
        };
        let sdk = sdk_root.join("crates").join("nexevo");
        let dir = folder.join(app.name());
        std::fs::create_dir_all(dir.join("src"))?;
        std::fs::write(dir.join("Cargo.toml"), app.manifest(&sdk))?;
        std::fs::write(dir.join("src").join("main.rs"), app.main_rs())?;
        // The workspace's lock file pins the same versions for every app; cargo drops what an
        // app does not use.
        std::fs::copy(sdk_root.join("Cargo.lock"), dir.join("Cargo.lock"))?;
        eprintln!("fetching {}", app.name());
        cargo(&dir)
            .arg("fetch")
            .status_ok()
            .with_context(|| format!("cargo fetch for {}", app.name()))?;
    }

    println!("{}", machine());
    let mut builds = Vec::new();
    for round in 0..options.runs {
        // Alternate: each round starts with the next app.
        let mut order = options.apps.clone();
        let first = round % order.len().max(1);
        order.rotate_left(first);
        for app in order {
            let build = build(root, folder, app, round, options.timings.as_deref())?;
            println!(
                "round {} {:<18} {:>7.1} s wall {:>7.1} s cpu {:>5} crates {:>7.2} MB stripped {:>7.1} s units {:>6.1} s own",
                round + 1,
                app.name(),
                build.time.as_secs_f64(),
                build.cpu.map_or(f64::NAN, |cpu| cpu.as_secs_f64()),
                build.crates,
                megabytes(build.stripped_bytes),
                build.unit_seconds.unwrap_or(f64::NAN),
                build.own_unit_seconds.unwrap_or(f64::NAN),
            );
            builds.push(build);
        }
    }
    print!("{}", report(&builds, &options.apps));
    Ok(())
}

fn build(
    root: &Path,
    folder: &Path,
    app: App,
    round: usize,
    timings: Option<&Path>,
) -> anyhow::Result<Build> {
    let target = folder.join(format!("target-{}-{round}", app.name()));
    let _ = std::fs::remove_dir_all(&target);
    let (mut command, binary_name) = match app.cli_features() {
        Some(features) => {
            let mut command = cargo(root);
            command.args(["build", "-p", "nexevo-cli"]).args(features);
            (command, "nexevo")
        }
        None => {
            let mut command = cargo(&folder.join(app.name()));
            command.arg("build");
            (command, app.name())
        }
    };
    command
        .args(["--release", "--locked", "--offline", "--timings"])
        .env("CARGO_TARGET_DIR", &target);
    let cpu_before = children_cpu_time();
    let started = Instant::now();
    let output = command.output().context("running cargo build")?;
    let time = started.elapsed();
    let cpu = children_cpu_time()
        .zip(cpu_before)
        .map(|(after, before)| after.saturating_sub(before));
    let log = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        bail!("building {} failed:\n{log}", app.name());
    }
    let crates = log
        .lines()
        .filter(|line| line.trim_start().starts_with("Compiling "))
        .count();
    let binary = target.join("release").join(binary_name);
    let stripped = folder.join(format!("{}-{round}.stripped", app.name()));
    std::fs::copy(&binary, &stripped).with_context(|| format!("copying {}", binary.display()))?;
    Command::new("strip")
        .arg(&stripped)
        .status_ok()
        .context("strip (from binutils) is needed to measure stripped sizes")?;
    let stripped_bytes = std::fs::metadata(&stripped)?.len();
    let report = target.join("cargo-timings").join("cargo-timing.html");
    let units = std::fs::read_to_string(&report)
        .ok()
        .and_then(|html| unit_durations(&html));
    let sum = |own: bool| {
        units.as_ref().map(|units| {
            units
                .iter()
                .filter(|(name, _)| {
                    !own || name.starts_with("nexevo") || name == app.name() || name == binary_name
                })
                .map(|(_, seconds)| seconds)
                .sum::<f64>()
        })
    };
    if let Some(timings) = timings {
        std::fs::create_dir_all(timings)?;
        let to = timings.join(format!("{}-{}.html", app.name(), round + 1));
        std::fs::copy(&report, &to).with_context(|| format!("copying {}", report.display()))?;
    }
    let _ = std::fs::remove_dir_all(&target);
    let _ = std::fs::remove_file(&stripped);
    Ok(Build {
        app,
        time,
        cpu,
        crates,
        stripped_bytes,
        unit_seconds: sum(false),
        own_unit_seconds: sum(true),
    })
}

/// Each unit's package name and compile time, from the `UNIT_DATA` of cargo's timing report.
pub fn unit_durations(html: &str) -> Option<Vec<(String, f64)>> {
    let start = html.find("UNIT_DATA = ")? + "UNIT_DATA = ".len();
    let rest = &html[start..];
    let end = rest.find("];")? + 1;
    let units: Vec<serde_json::Value> = serde_json::from_str(&rest[..end]).ok()?;
    units
        .iter()
        .map(|unit| {
            Some((
                unit.get("name")?.as_str()?.to_owned(),
                unit.get("duration")?.as_f64()?,
            ))
        })
        .collect()
}

/// User and system time of this process's finished children and their descendants (Linux:
/// fields 16 and 17 of `/proc/self/stat`, in clock ticks of 1/100 s).
fn children_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after its `)` are plain.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // `fields[0]` is field 3 of the file, so fields 16 and 17 are at 13 and 14.
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The summary: per app, the median and spread of build times, crates and size; then the
/// overheads over the floor.
pub fn report(builds: &[Build], apps: &[App]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<54} {:>9} {:>15} {:>9} {:>7} {:>10} {:>9} {:>15} {:>9}",
        "app (cold cargo build --release)",
        "wall",
        "wall spread",
        "cpu",
        "crates",
        "stripped",
        "units",
        "own units",
        "own spread"
    );
    let summary = |app: App| {
        let of: Vec<&Build> = builds.iter().filter(|b| b.app == app).collect();
        let times: Vec<f64> = of.iter().map(|b| b.time.as_secs_f64()).collect();
        let cpus: Vec<f64> = of
            .iter()
            .filter_map(|b| b.cpu)
            .map(|c| c.as_secs_f64())
            .collect();
        let sizes: Vec<f64> = of.iter().map(|b| b.stripped_bytes as f64).collect();
        let crates: Vec<f64> = of.iter().map(|b| b.crates as f64).collect();
        let units: Vec<f64> = of.iter().filter_map(|b| b.unit_seconds).collect();
        let own: Vec<f64> = of.iter().filter_map(|b| b.own_unit_seconds).collect();
        Some(Summary {
            wall: median(&times)?,
            low: times.iter().copied().fold(f64::INFINITY, f64::min),
            high: times.iter().copied().fold(0.0, f64::max),
            cpu: median(&cpus),
            crates: median(&crates)?,
            size: median(&sizes)?,
            units: median(&units),
            own: median(&own),
            own_low: own.iter().copied().fold(f64::INFINITY, f64::min),
            own_high: own.iter().copied().fold(0.0, f64::max),
        })
    };
    for &app in apps {
        if let Some(s) = summary(app) {
            let _ = writeln!(
                out,
                "{:<54} {:>7.1} s {:>6.1}–{:<6.1} s {:>7.1} s {:>7.0} {:>7.2} MB {:>7.1} s {:>13.1} s {:>4.1}–{:<4.1}",
                app.describe(),
                s.wall,
                s.low,
                s.high,
                s.cpu.unwrap_or(f64::NAN),
                s.crates,
                megabytes(s.size as u64),
                s.units.unwrap_or(f64::NAN),
                s.own.unwrap_or(f64::NAN),
                s.own_low,
                s.own_high,
            );
        }
    }
    if let Some(floor) = summary(App::Floor) {
        let percent = |value: f64, base: f64| format!("{:+.1}%", (value / base - 1.0) * 100.0);
        let mut wall = String::from("overhead");
        let mut cpu = String::from("cpu overhead");
        for app in App::ALL
            .into_iter()
            .chain(App::BASELINES)
            .filter(|&app| app != App::Floor)
        {
            if let Some(s) = summary(app) {
                let _ = write!(wall, " {}={}", app.name(), percent(s.wall, floor.wall));
                if let (Some(value), Some(base)) = (s.cpu, floor.cpu) {
                    let _ = write!(cpu, " {}={}", app.name(), percent(value, base));
                }
            }
        }
        let _ = writeln!(out, "{wall}");
        if floor.cpu.is_some() {
            let _ = writeln!(out, "{cpu}");
        }
        if let Some(billing) = summary(App::Billing) {
            let _ = writeln!(
                out,
                "binary billing - floor = {:+.2} MB",
                megabytes(billing.size as u64) - megabytes(floor.size as u64)
            );
        }
    }
    out
}

/// One app's medians over its builds.
struct Summary {
    wall: f64,
    low: f64,
    high: f64,
    cpu: Option<f64>,
    crates: f64,
    size: f64,
    units: Option<f64>,
    own: Option<f64>,
    own_low: f64,
    own_high: f64,
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(dir);
    // Nothing from the calling build may leak in: no wrapper cache, no shared target folder.
    for variable in [
        "RUSTC_WRAPPER",
        "CARGO_BUILD_RUSTC_WRAPPER",
        "CARGO_TARGET_DIR",
        "RUSTFLAGS",
    ] {
        command.env_remove(variable);
    }
    command
}

/// The machine the figures come from.
fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split(':').nth(1))
                .map(|model| model.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let rustc = Command::new("rustc")
        .arg("--version")
        .output()
        .ok()
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned())
        .unwrap_or_default();
    format!("machine: {cores} cores, {cpu}; {rustc}")
}

trait StatusOk {
    fn status_ok(&mut self) -> anyhow::Result<()>;
}

impl StatusOk for Command {
    fn status_ok(&mut self) -> anyhow::Result<()> {
        let status = self.status()?;
        ensure!(status.success(), "{self:?} exited with {status}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::apps::{SDK_DECIMAL_FEATURES, SDK_REQWEST_FEATURES};
    use super::*;

    #[test]
    fn the_median_is_the_middle_value() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn the_report_gives_overheads_over_the_floor() {
        let build = |app, seconds, bytes| Build {
            app,
            time: Duration::from_secs(seconds),
            cpu: Some(Duration::from_secs(seconds * 2)),
            crates: 100,
            stripped_bytes: bytes,
            unit_seconds: Some(seconds as f64 * 2.0),
            own_unit_seconds: Some(seconds as f64 / 10.0),
        };
        let builds = [
            build(App::Floor, 100, 6_000_000),
            build(App::Floor, 102, 6_000_000),
            build(App::Floor, 98, 6_000_000),
            build(App::Billing, 103, 6_200_000),
            build(App::Full, 110, 6_900_000),
        ];
        let report = report(&builds, &App::ALL);
        assert!(
            report.contains("overhead billing=+3.0% full=+10.0%"),
            "{report}"
        );
        assert!(
            report.contains("cpu overhead billing=+3.0% full=+10.0%"),
            "{report}"
        );
        assert!(
            report.contains("binary billing - floor = +0.20 MB"),
            "{report}"
        );
        assert!(report.contains("98.0–102.0"), "{report}");
    }

    #[test]
    fn the_floor_uses_the_sdks_reqwest_features() {
        let manifest = App::Floor.manifest(Path::new("/sdk"));
        assert!(manifest.contains(SDK_REQWEST_FEATURES), "{manifest}");
        let sdk =
            std::fs::read_to_string(crate::workspace_root().join("Cargo.toml")).unwrap_or_default();
        // The workspace's reqwest line, which nexevo-core's `rustls` feature completes.
        let workspace_features = SDK_REQWEST_FEATURES.replace(r#", "rustls""#, "");
        assert!(
            sdk.contains(&format!(
                r#"reqwest = {{ version = "0.13", {workspace_features} }}"#
            )),
            "the workspace's reqwest features and SDK_REQWEST_FEATURES differ"
        );
        let core =
            std::fs::read_to_string(crate::workspace_root().join("crates/nexevo-core/Cargo.toml"))
                .unwrap_or_default();
        assert!(core.contains(r#"rustls = ["reqwest/rustls"]"#), "{core}");
    }

    #[test]
    fn the_decimal_floor_uses_the_sdks_rust_decimal_features() {
        let manifest = App::FloorDecimal.manifest(Path::new("/sdk"));
        assert!(manifest.contains(SDK_DECIMAL_FEATURES), "{manifest}");
        let main = App::FloorDecimal.main_rs();
        assert!(
            main.contains("balance_usd: rust_decimal::Decimal,"),
            "{main}"
        );
        let main = App::Floor.main_rs();
        assert!(main.contains("balance_usd: String,"), "{main}");
        assert!(manifest.contains(SDK_REQWEST_FEATURES), "{manifest}");
        let sdk =
            std::fs::read_to_string(crate::workspace_root().join("Cargo.toml")).unwrap_or_default();
        assert!(
            sdk.contains(&format!(
                "rust_decimal = {{ version = \"1.36\", {SDK_DECIMAL_FEATURES} }}"
            )),
            "the workspace's rust_decimal features changed: update SDK_DECIMAL_FEATURES"
        );
    }

    #[test]
    fn children_cpu_time_grows_when_a_child_works() {
        let before = children_cpu_time().expect("Linux has /proc/self/stat");
        let status = Command::new("sh")
            .args(["-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done"])
            .status()
            .expect("sh runs");
        assert!(status.success());
        let after = children_cpu_time().expect("still readable");
        assert!(after > before, "{before:?} -> {after:?}");
    }

    #[test]
    fn unit_durations_are_read_from_a_timing_report() {
        let html = r#"<script>
const UNIT_DATA = [{"i":0,"name":"serde","version":"1.0.0","mode":"todo","target":"","start":0.0,"duration":2.5},{"i":1,"name":"nexevo-core","version":"0.1.0","mode":"todo","target":"","start":2.5,"duration":1.25}];
const CONCURRENCY_DATA = [];
</script>"#;
        assert_eq!(
            unit_durations(html).unwrap(),
            [("serde".to_owned(), 2.5), ("nexevo-core".to_owned(), 1.25)]
        );
        assert_eq!(unit_durations("no report"), None);
    }

    #[test]
    fn baseline_apps_need_a_baseline_and_come_with_one() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert!(Options::parse(&args(&["--apps", "billing-baseline"])).is_err());
        let options = Options::parse(&args(&["--baseline", "/base"])).unwrap();
        assert!(options.apps.ends_with(&App::BASELINES));
        let manifest = App::BaselineFull.manifest(Path::new("/base/crates/nexevo"));
        assert!(manifest.contains(r#"features = ["full"]"#), "{manifest}");
        assert!(manifest.contains("name = \"full-baseline\""), "{manifest}");
    }

    #[test]
    fn options_are_read_and_checked() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let options = Options::parse(&args(&["--runs", "5", "--apps", "floor,full"])).unwrap();
        assert_eq!(options.runs, 5);
        assert_eq!(options.apps, vec![App::Floor, App::Full]);
        assert!(Options::parse(&args(&["--runs", "0"])).is_err());
        assert!(Options::parse(&args(&["--apps", "nope"])).is_err());
        assert!(Options::parse(&args(&["--frobnicate"])).is_err());
    }
}
