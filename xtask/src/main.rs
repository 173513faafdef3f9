//! `cargo xtask generate` writes `crates/nexevo-api/src/generated/` from `openapi/nexevo.yaml`;
//! `cargo xtask check` fails, naming each stale file, when the checked-in code differs from a
//! fresh generation; `cargo xtask bench-build` measures what the SDK costs at build time.

use std::process::ExitCode;

use xtask::{codegen, workspace_root};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  generate   write crates/nexevo-api/src/generated/ from openapi/nexevo.yaml
  check      fail if the checked-in generated code is stale
  bench-build [--runs N] [--apps floor,billing,full,floor-decimal,reqwest-defaults] [--timings DIR] [--keep]
             cold release builds of tiny apps with and without the SDK, alternating;
             prints times, crates, stripped sizes and the overheads over the floor
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") => generate(),
        Some("check") => check(),
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

fn check() -> anyhow::Result<ExitCode> {
    let root = workspace_root();
    let generation = codegen::generate(&root)?;
    let stale = codegen::stale_files(&root, &generation)?;
    if stale.is_empty() {
        eprintln!(
            "generated code is up to date with {}",
            xtask::spec::SPEC_PATH
        );
        return Ok(ExitCode::SUCCESS);
    }
    for (path, why) in &stale {
        eprintln!("stale: {} {why}", path.display());
    }
    eprintln!("run `cargo xtask generate` and commit the result");
    Ok(ExitCode::FAILURE)
}
