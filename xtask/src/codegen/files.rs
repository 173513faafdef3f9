//! Generated files as text, and on disk: each rendered with its header, its purpose and its
//! lint allowances, formatted by prettyplease and then rustfmt (so `cargo fmt --check` and
//! `cargo xtask check` can never disagree); written, or compared with what is checked in.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use proc_macro2::TokenStream;

use crate::codegen::model::{GENERATED_DIR, GeneratedFile};

const HEADER: &str =
    "// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.\n";

/// Lints the generated files allow, and why. Each is something progenitor or typify emits that
/// our workspace lints would otherwise reject; we never edit their output to satisfy them.
const GENERATED_ALLOWS: &str = "\
#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]
";

/// A file of the low-level client, `name` under [`GENERATED_DIR`], with the lint allowances
/// progenitor's and typify's code needs.
pub(crate) fn render_file(
    name: &str,
    tokens: &TokenStream,
    purpose: &str,
) -> Result<GeneratedFile> {
    let path = Path::new(GENERATED_DIR).join(name);
    render_source(&path.to_string_lossy(), tokens, purpose, GENERATED_ALLOWS)
}

/// A generated source file at `path` (relative to the workspace root): the header, `purpose`
/// as its module doc, `allows`, then `tokens`, formatted.
pub(crate) fn render_source(
    path: &str,
    tokens: &TokenStream,
    purpose: &str,
    allows: &str,
) -> Result<GeneratedFile> {
    let file: syn::File =
        syn::parse2(tokens.clone()).with_context(|| format!("generated {path} does not parse"))?;
    let body = line_doc_comments(&prettyplease::unparse(&file));
    let text = format!("{HEADER}//! {purpose}\n\n{allows}\n{body}");
    let formatted = rustfmt(&text).with_context(|| format!("formatting generated {path}"))?;
    Ok(GeneratedFile {
        path: PathBuf::from(path),
        contents: formatted,
    })
}

/// Rewrites prettyplease's `/** … */` doc blocks as `///` lines, with a space after `///`.
///
/// rustfmt indents the inside of a block comment with the code around it, and markdown reads a
/// line indented by four spaces as a code block, which rustdoc would then compile as a doctest.
fn line_doc_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut block_indent: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        match &block_indent {
            Some(outer) => {
                let (content, ends) = match line.strip_suffix("*/") {
                    Some(content) => (content, true),
                    None => (line, false),
                };
                if !(ends && content.trim().is_empty()) {
                    push_doc_line(&mut out, outer, content);
                }
                if ends {
                    block_indent = None;
                }
            }
            None => match trimmed.strip_prefix("/**") {
                Some(rest) => {
                    let (content, ends) = match rest.strip_suffix("*/") {
                        Some(content) => (content, true),
                        None => (rest, false),
                    };
                    push_doc_line(&mut out, indent, content);
                    if !ends {
                        block_indent = Some(indent.to_owned());
                    }
                }
                None => match trimmed.strip_prefix("///") {
                    Some(rest) => push_doc_line(&mut out, indent, rest),
                    None => {
                        out.push_str(line);
                        out.push('\n');
                    }
                },
            },
        }
    }
    out
}

fn push_doc_line(out: &mut String, indent: &str, content: &str) {
    out.push_str(indent);
    out.push_str("///");
    if !content.is_empty() && !content.starts_with(' ') {
        out.push(' ');
    }
    out.push_str(content.trim_end());
    out.push('\n');
}

/// Formats with the toolchain's rustfmt, as `cargo fmt` would (edition 2024, default style).
fn rustfmt(text: &str) -> Result<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let rustfmt = std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into());
    let mut child = Command::new(&rustfmt)
        .args(["--edition", "2024", "--quiet"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("running rustfmt (install it with `rustup component add rustfmt`)")?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| anyhow!("rustfmt has no stdin"))?;
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().context("waiting for rustfmt")?;
    writer
        .join()
        .map_err(|_| anyhow!("writing to rustfmt panicked"))?
        .context("writing to rustfmt")?;
    if !output.status.success() {
        bail!(
            "rustfmt failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).context("rustfmt wrote invalid UTF-8")
}

/// Writes the generated files to disk, removing those no longer produced.
pub(crate) fn write(root: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>> {
    let dir = root.join(GENERATED_DIR);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut changed = Vec::new();
    for file in files {
        let path = root.join(&file.path);
        let current = std::fs::read_to_string(&path).ok();
        if current.as_deref() != Some(file.contents.as_str()) {
            std::fs::write(&path, &file.contents)
                .with_context(|| format!("writing {}", path.display()))?;
            changed.push(file.path.clone());
        }
    }
    for stale in extra_files(root, files)? {
        std::fs::remove_file(root.join(&stale))
            .with_context(|| format!("removing {}", stale.display()))?;
        changed.push(stale);
    }
    Ok(changed)
}

/// The generated files whose checked-in text differs from a fresh generation: changed,
/// missing, or no longer generated.
pub(crate) fn stale_files(root: &Path, files: &[GeneratedFile]) -> Result<Vec<(PathBuf, String)>> {
    let mut stale = Vec::new();
    for file in files {
        match std::fs::read_to_string(root.join(&file.path)) {
            Ok(current) if current == file.contents => {}
            Ok(current) => {
                let line = current
                    .lines()
                    .zip(file.contents.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or_else(|| current.lines().count().min(file.contents.lines().count()))
                    + 1;
                stale.push((
                    file.path.clone(),
                    format!("differs from a fresh generation from line {line}"),
                ));
            }
            Err(_) => stale.push((file.path.clone(), "is missing".to_owned())),
        }
    }
    for extra in extra_files(root, files)? {
        stale.push((extra, "is no longer generated".to_owned()));
    }
    Ok(stale)
}

fn extra_files(root: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>> {
    let dir = root.join(GENERATED_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let expected: BTreeSet<&PathBuf> = files.iter().map(|f| &f.path).collect();
    let mut extra = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let relative = Path::new(GENERATED_DIR).join(entry.file_name());
        if !expected.contains(&relative) {
            extra.push(relative);
        }
    }
    extra.sort();
    Ok(extra)
}
