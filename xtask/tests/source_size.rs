//! No hand-written source file outside the tests is over 800 lines: a file that long holds more
//! than one idea, and a reader scrolls through one to find another. Generated files (they open
//! with the generator's header) and tests (anything under a `tests` folder) are exempt.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::{Path, PathBuf};

const MOST_LINES: usize = 800;

/// The first line of every file `cargo xtask generate` writes.
const GENERATED_HEADER: &str = "// Generated from openapi/nexevo.yaml by `cargo xtask generate`.";

/// Every `.rs` file under `dir` but those in a `tests` or `target` folder.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if name != "tests" && name != "target" {
                sources(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_hand_written_source_file_is_over_800_lines() {
    let root = xtask::workspace_root();
    let mut files = Vec::new();
    for (_, dir) in crate::workspace::packages() {
        // The end-to-end tests' package is tests through and through.
        if dir
            .strip_prefix(&root)
            .is_ok_and(|relative| relative == Path::new("tests"))
        {
            continue;
        }
        sources(&dir, &mut files);
    }
    assert!(
        files
            .iter()
            .any(|f| f.ends_with("xtask/src/codegen/mod.rs")),
        "the walk reads every package's sources: {files:#?}"
    );
    let mut too_long: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let text = std::fs::read_to_string(file).unwrap();
            let lines = text.lines().count();
            (lines > MOST_LINES && !text.starts_with(GENERATED_HEADER)).then(|| {
                let relative = file.strip_prefix(&root).unwrap_or(file);
                format!("{} ({lines} lines)", relative.display())
            })
        })
        .collect();
    too_long.sort();
    assert!(
        too_long.is_empty(),
        "over {MOST_LINES} lines, split by what each part is about:\n  {}",
        too_long.join("\n  ")
    );
}
