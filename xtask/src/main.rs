//! `cargo xtask generate` writes every generated file from `openapi/nexevo.yaml`;
//! `cargo xtask check` fails, naming each stale file, when the checked-in code differs from a
//! fresh generation, and naming the dependency, when a published crate's `rust-version` is
//! below what it needs; `cargo xtask api-diff` says what a change of the spec breaks for users;
//! `cargo xtask public-api` lists `nexevo`'s public API, pinned and compared between revisions;
//! `cargo xtask bench-build` measures what the SDK costs at build time.

use std::process::ExitCode;

use xtask::{codegen, workspace_root};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  generate   write the generated code (nexevo-api, each area's calls) from openapi/nexevo.yaml
  check      fail if the checked-in generated code is stale, or if a published crate's
             rust-version is below what its dependencies or its edition need
  api-diff [REV] [--allow-breaking]
             list the spec's changes since REV (default HEAD), each breaking or not for
             users of the SDK; fails on a breaking one unless --allow-breaking
  public-api [--check | --diff OLD [NEW] [--allow-breaking]]
             write the public API of nexevo (all features) to crates/nexevo/public-api.txt;
             --check fails when that file is stale; --diff classifies the changes between
             two listings (files or git revisions; NEW defaults to the code as it is)
  release-plan [SINCE] [--apply | --check]
             the version each published crate needs next and why, from the spec's changes
             (api-diff), its pinned public API and the crates it re-exports, since SINCE
             (default: the last release tag, else the baseline in Cargo.toml); --apply
             writes versions and changelogs; --check fails on a breaking change without
             its bump
  bench-build [--runs N] [--apps floor,billing,full,floor-decimal,reqwest-defaults,chat,chat-untyped,cli,cli-no-sandbox,full-otel]
              [--baseline DIR] [--timings DIR] [--keep]
             cold release builds of tiny apps with and without the SDK, alternating;
             prints times, crates, stripped sizes, summed unit times and the overheads over
             the floor; --baseline DIR (another checkout of the SDK) adds billing-baseline
             and full-baseline, the same apps against it
  bench-crates [--runs N] [--baseline DIR]
             the SDK's own crates alone, rebuilt with one job after their dependencies,
             with billing and with full; side by side with another checkout if given
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate(),
        Some("check") => check(),
        Some("api-diff") => api_diff(&args[1..]),
        Some("public-api") => public_api(&args[1..]),
        Some("release-plan") => release_plan(&args[1..]),
        Some("bench-crates") => xtask::bench_crates::Options::parse(&args[1..])
            .and_then(|options| xtask::bench_crates::run(&workspace_root(), &options))
            .map(|()| ExitCode::SUCCESS),
        Some("bench-build") => xtask::bench_build::Options::parse(&args[1..])
            .and_then(|options| xtask::bench_build::run(&workspace_root(), &options))
            .map(|()| ExitCode::SUCCESS),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn generate() -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    let generation = codegen::generate(&root)?;
    let changed = codegen::write(&root, &generation)?;
    if changed.is_empty() {
        eprintln!("generated code is up to date");
    }
    for path in changed {
        eprintln!("wrote {}", path.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn api_diff(args: &[String]) -> anyhow::Result<ExitCode> {
    let mut revision = "HEAD".to_owned();
    let mut allow_breaking = false;
    for arg in args {
        match arg.as_str() {
            "--allow-breaking" => allow_breaking = true,
            flag if flag.starts_with('-') => anyhow::bail!("unknown option {flag}\n{USAGE}"),
            rev => revision = rev.to_owned(),
        }
    }
    let (report, ok) = xtask::api_diff::run(&workspace_root(), &revision, allow_breaking)?;
    Ok(print_report(&report, ok))
}

fn public_api(args: &[String]) -> anyhow::Result<ExitCode> {
    let mode = xtask::public_api::Mode::parse(args)?;
    let (report, ok) = xtask::public_api::run(&workspace_root(), &mode)?;
    Ok(print_report(&report, ok))
}

fn release_plan(args: &[String]) -> anyhow::Result<ExitCode> {
    let options = xtask::release::Options::parse(args)?;
    let (report, ok) = xtask::release::run(&workspace_root(), &options)?;
    Ok(print_report(&report, ok))
}

fn check() -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    let generated_fresh = generated_code_is_fresh(&root)?;
    let (msrv_report, msrv_holds) = xtask::msrv::check(&root)?;
    eprintln!("{msrv_report}");
    Ok(if generated_fresh && msrv_holds {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn generated_code_is_fresh(root: &std::path::Path) -> anyhow::Result<bool> {
    let generation = codegen::generate(root)?;
    let stale = codegen::stale_files(root, &generation)?;
    if stale.is_empty() {
        eprintln!(
            "generated code is up to date with {}",
            xtask::spec::SPEC_PATH
        );
        return Ok(true);
    }
    for (path, why) in &stale {
        eprintln!("stale: {} {why}", path.display());
    }
    eprintln!("run `cargo xtask generate` and commit the result");
    Ok(false)
}

/// Prints a command's report, its output for a reviewer or a script, and answers its exit code.
#[allow(clippy::print_stdout)]
fn print_report(report: &str, ok: bool) -> ExitCode {
    print!("{report}");
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
