//! `cargo xtask bench-crates`: what the SDK's own crates cost to compile, with nothing else
//! compiling beside them.
//!
//! A cold build of an app spends most of its time in dependencies, and on two cores a unit's
//! measured time grows with whatever compiles next to it, so the SDK's share of a cold build
//! drifts by more than a change of the SDK moves it. Here every dependency is built once, then
//! each round marks `nexevo-api` changed and rebuilds `nexevo` with one job (`-j1`), so only the
//! SDK's crates compile, one at a time, and cargo's timing data gives each one's time. With
//! `--baseline DIR` (another checkout of the SDK) the same builds of it alternate with the
//! current tree's, so the two are compared side by side, round by round.
#![allow(
    clippy::float_arithmetic,
    clippy::print_stdout,
    reason = "timings and a report, not money"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail, ensure};

use crate::bench_build::{median, unit_durations};

/// The `nexevo` features measured.
const FEATURES: [&str; 2] = ["billing", "full"];

/// What `bench-crates` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// Rounds of rebuilds.
    pub runs: usize,
    /// Another checkout of the SDK to compare with.
    pub baseline: Option<PathBuf>,
}

impl Options {
    /// Reads `--runs N` and `--baseline DIR`.
    pub fn parse(args: &[String]) -> anyhow::Result<Options> {
        let mut options = Options {
            runs: 5,
            baseline: None,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
            match arg.as_str() {
                "--runs" => {
                    options.runs = value()?.parse().context("--runs takes a number")?;
                    ensure!(options.runs > 0, "--runs must be at least 1");
                }
                "--baseline" => options.baseline = Some(PathBuf::from(value()?)),
                other => bail!("unknown option {other:?}"),
            }
        }
        Ok(options)
    }
}

/// One rebuild: each SDK crate's compile time, in seconds.
type Crates = BTreeMap<String, f64>;

/// Runs the benchmark and prints the report.
pub fn run(root: &Path, options: &Options) -> anyhow::Result<()> {
    let mut trees = vec![("current", root.to_path_buf())];
    if let Some(baseline) = &options.baseline {
        trees.push(("baseline", baseline.clone()));
    }
    let folder = std::env::temp_dir().join(format!("nexevo-bench-crates-{}", std::process::id()));
    let target = |tree: &str| folder.join(format!("target-{tree}"));
    for (name, tree) in &trees {
        for feature in FEATURES {
            eprintln!("building the dependencies of {name} with {feature}");
            build(tree, &target(name), feature, false)?;
        }
    }
    let mut results: BTreeMap<(&str, &str), Vec<Crates>> = BTreeMap::new();
    for round in 0..options.runs {
        for feature in FEATURES {
            let mut order = trees.clone();
            let first = round % order.len();
            order.rotate_left(first);
            for (name, tree) in &order {
                let crates = build(tree, &target(name), feature, true)?;
                let total: f64 = crates.values().sum();
                println!("round {} {feature:<8} {name:<9} {total:>6.2} s", round + 1);
                results.entry((feature, *name)).or_default().push(crates);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&folder);
    print!("{}", report(&results));
    Ok(())
}

/// Builds `nexevo` with `feature` in `tree`; when `measure`, after marking `nexevo-api` changed
/// and with one job, answering each SDK crate's compile time.
fn build(tree: &Path, target: &Path, feature: &str, measure: bool) -> anyhow::Result<Crates> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command
        .current_dir(tree)
        .args(["build", "--quiet", "--release", "--locked", "-p", "nexevo"])
        .args(["--features", feature])
        .env("CARGO_TARGET_DIR", target);
    for variable in ["RUSTC_WRAPPER", "CARGO_BUILD_RUSTC_WRAPPER", "RUSTFLAGS"] {
        command.env_remove(variable);
    }
    if measure {
        let changed = tree.join("crates/nexevo-api/src/lib.rs");
        std::fs::File::options()
            .append(true)
            .open(&changed)
            .and_then(|file| file.set_modified(std::time::SystemTime::now()))
            .with_context(|| format!("marking {} changed", changed.display()))?;
        command.args(["-j", "1", "--timings"]);
    }
    let status = command.status().context("running cargo build")?;
    ensure!(status.success(), "building {} failed", tree.display());
    if !measure {
        return Ok(Crates::new());
    }
    let report = target.join("cargo-timings").join("cargo-timing.html");
    let html = std::fs::read_to_string(&report)
        .with_context(|| format!("reading {}", report.display()))?;
    let units = unit_durations(&html).context("cargo's timing report has no unit data")?;
    let mut crates = Crates::new();
    for (name, seconds) in units.into_iter().filter(|(n, _)| n.starts_with("nexevo")) {
        *crates.entry(name).or_default() += seconds;
    }
    Ok(crates)
}

/// Per feature and tree: the median of each crate's time and of their sum, with the sum's
/// spread; and, with a baseline, the median of the round-by-round differences of the sums.
pub fn report(results: &BTreeMap<(&str, &str), Vec<Crates>>) -> String {
    let mut out = String::new();
    for feature in FEATURES {
        let _ = writeln!(
            out,
            "\nnexevo with {feature}: the SDK's crates, -j1, seconds"
        );
        let mut sums: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
        for ((f, tree), rounds) in results {
            if *f != feature {
                continue;
            }
            let totals: Vec<f64> = rounds.iter().map(|c| c.values().sum()).collect();
            let mut names: Vec<&String> = rounds.iter().flat_map(|c| c.keys()).collect();
            names.sort();
            names.dedup();
            let crates: Vec<String> = names
                .iter()
                .map(|name| {
                    let times: Vec<f64> = rounds
                        .iter()
                        .map(|c| c.get(*name).copied().unwrap_or(0.0))
                        .collect();
                    format!("{name} {:.2}", median(&times).unwrap_or(f64::NAN))
                })
                .collect();
            let low = totals.iter().copied().fold(f64::INFINITY, f64::min);
            let high = totals.iter().copied().fold(0.0, f64::max);
            let _ = writeln!(
                out,
                "  {tree:<9} total {:.2} ({low:.2}–{high:.2}): {}",
                median(&totals).unwrap_or(f64::NAN),
                crates.join(", ")
            );
            sums.insert(tree, totals);
        }
        if let (Some(current), Some(baseline)) = (sums.get("current"), sums.get("baseline")) {
            let differences: Vec<f64> = current
                .iter()
                .zip(baseline)
                .map(|(now, then)| now - then)
                .collect();
            let _ = writeln!(
                out,
                "  current - baseline, round by round: median {:+.2} s ({})",
                median(&differences).unwrap_or(f64::NAN),
                differences
                    .iter()
                    .map(|d| format!("{d:+.2}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_compares_round_by_round() {
        let crates = |api: f64, core: f64| -> Crates {
            [
                ("nexevo-api".to_owned(), api),
                ("nexevo-core".to_owned(), core),
            ]
            .into()
        };
        let mut results = BTreeMap::new();
        results.insert(
            ("billing", "current"),
            vec![crates(1.0, 2.0), crates(1.0, 2.5)],
        );
        results.insert(
            ("billing", "baseline"),
            vec![crates(1.0, 1.5), crates(1.0, 2.0)],
        );
        let report = report(&results);
        assert!(
            report.contains("current   total 3.00 (3.00–3.50): nexevo-api 1.00, nexevo-core 2.00"),
            "{report}"
        );
        assert!(report.contains("median +0.50 s (+0.50, +0.50)"), "{report}");
    }

    #[test]
    fn options_are_read_and_checked() {
        let args = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let options = Options::parse(&args(&["--runs", "3", "--baseline", "/b"])).unwrap();
        assert_eq!(options.runs, 3);
        assert_eq!(options.baseline.as_deref(), Some(Path::new("/b")));
        assert!(Options::parse(&args(&["--runs", "0"])).is_err());
        assert!(Options::parse(&args(&["--nope"])).is_err());
    }
}
