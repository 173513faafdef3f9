//! Area crates compile to (almost) no machine code of their own: every operation's `send` is
//! `#[inline]`, so it, the generated call and the decoders it reaches are compiled only in the
//! application, and only for the operations it uses. (Without it, `nexevo` with `full` compiled
//! every operation of every area; see BENCHMARKS.md.) This test keeps a new operation from
//! quietly dropping the attribute, in the generated calls (`src/generated.rs`) and the
//! hand-written ones alike.

use std::path::Path;

#[test]
fn every_operation_send_is_inline() {
    let crates = xtask::workspace_root().join("crates");
    let mut checked = 0;
    let mut impls = 0;
    let mut generated_impls = 0;
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&crates).expect("crates/ is readable") {
        let dir = entry.expect("a crates/ entry").path();
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !name.starts_with("nexevo-")
            || matches!(name, "nexevo-api" | "nexevo-core" | "nexevo-sandbox")
        {
            continue;
        }
        for file in rust_files(&dir.join("src")) {
            let text = std::fs::read_to_string(&file).expect("a source file is readable");
            let lines: Vec<&str> = text.lines().collect();
            for (index, line) in lines.iter().enumerate() {
                if line.trim_start().starts_with("impl Operation for ") {
                    impls += 1;
                    if file.ends_with("generated.rs") {
                        generated_impls += 1;
                    }
                }
                if line.trim_start().starts_with("fn send(") {
                    checked += 1;
                    let before = index.checked_sub(1).map(|i| lines[i].trim());
                    if before != Some("#[inline]") {
                        missing.push(format!("{}:{}", file.display(), index + 1));
                    }
                }
            }
        }
    }
    assert!(
        checked > 40,
        "found only {checked} operations: did the layout change?"
    );
    assert!(
        generated_impls > 40,
        "found only {generated_impls} generated operations: are the area crates' calls generated?"
    );
    assert_eq!(
        checked, impls,
        "every `impl Operation` has a `send` this test recognises"
    );
    assert!(missing.is_empty(), "`send` without #[inline]: {missing:#?}");
}

#[test]
fn awaiting_a_call_is_inline_too() {
    let operation = std::fs::read_to_string(
        xtask::workspace_root().join("crates/nexevo-core/src/__private.rs"),
    )
    .expect("__private.rs is readable");
    assert!(
        operation.contains("#[inline]\n            fn into_future(self)"),
        "the awaitable! macro's into_future must stay #[inline]"
    );
}

/// `nexevo-api` compiles none of its operations either: each operation's `<operation>_request`
/// (which the SDK's calls use) and `async fn` (which they do not) are `#[inline]`, so they are
/// compiled where they are called. Walks the spec, so no operation escapes.
#[test]
fn every_generated_operation_method_is_inline() {
    let root = xtask::workspace_root();
    let spec = xtask::spec::Spec::load(&root).expect("the spec loads");
    let mut missing = Vec::new();
    for operation in &spec.operations {
        let path = root.join(format!(
            "crates/nexevo-api/src/generated/{}.rs",
            operation.area
        ));
        let text = std::fs::read_to_string(&path).expect("an area's generated file is readable");
        let name = &operation.method_name;
        for signature in [
            format!("pub fn {name}_request<"),
            format!("pub async fn {name}<"),
        ] {
            let inline = text
                .split_once(&format!("\n    {signature}"))
                .is_some_and(|(before, _)| before.trim_end().ends_with("#[inline]"));
            if !inline {
                missing.push(format!("{}: {signature}", path.display()));
            }
        }
    }
    assert!(spec.operations.len() > 30, "the spec lists its operations");
    assert!(missing.is_empty(), "without #[inline]: {missing:#?}");
}

fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}
