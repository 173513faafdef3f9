//! Each crate's tests link once: a package has one integration-test binary, with its tests as
//! modules. Another binary is allowed only where a test needs process-wide state of its own (a
//! global subscriber, a raised descriptor limit…), and its `[[test]]` entry in the manifest says
//! why in the comment right above it. Two dozen binaries that each link the whole stack were
//! most of a cold CI's test build on two cores.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

/// The `name` of each `[[test]]` entry in `manifest` but the first (the crate's one binary)
/// whose line above is not a comment.
fn test_entries_without_a_reason(manifest: &str) -> Vec<String> {
    let lines: Vec<&str> = manifest.lines().map(str::trim).collect();
    let mut unexplained = Vec::new();
    let mut entries = 0;
    for (index, line) in lines.iter().enumerate() {
        if *line != "[[test]]" {
            continue;
        }
        entries += 1;
        let explained = index > 0 && lines[index - 1].starts_with('#');
        if entries == 1 || explained {
            continue;
        }
        let name = lines[index + 1..]
            .iter()
            .take_while(|line| !line.starts_with('['))
            .find_map(|line| line.strip_prefix("name").map(|rest| rest.trim_start()))
            .and_then(|rest| rest.strip_prefix('='))
            .map(|value| value.trim().trim_matches('"').to_owned())
            .unwrap_or_else(|| "(unnamed)".to_owned());
        unexplained.push(name);
    }
    unexplained
}

#[test]
fn every_crate_has_one_test_binary_and_each_other_one_says_why() {
    let metadata = crate::workspace::metadata();
    let mut faults = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        let name = package["name"].as_str().unwrap();
        let tests: Vec<&str> = package["targets"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|target| {
                target["kind"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k == "test")
            })
            .map(|target| target["name"].as_str().unwrap())
            .collect();
        if tests.len() <= 1 {
            continue;
        }
        let manifest = std::fs::read_to_string(package["manifest_path"].as_str().unwrap()).unwrap();
        let unexplained = test_entries_without_a_reason(&manifest);
        if !unexplained.is_empty() || tests.iter().any(|test| !manifest_declares(&manifest, test)) {
            faults.push(format!(
                "{name}: {} test binaries ({}); declare each in Cargo.toml (autotests = false) \
                 and say above every [[test]] after the first (the crate's one binary) why it needs a process \
                 of its own (unexplained: {})",
                tests.len(),
                tests.join(", "),
                unexplained.join(", ")
            ));
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// Whether `manifest` has a `[[test]]` entry named `test` (a binary cargo found by itself in
/// `tests/` has none, and so no reason either).
fn manifest_declares(manifest: &str, test: &str) -> bool {
    let wanted = format!("\"{test}\"");
    let lines: Vec<&str> = manifest.lines().map(str::trim).collect();
    lines.windows(2).any(|pair| {
        pair[0] == "[[test]]"
            && pair[1].starts_with("name")
            && pair[1].trim_end().ends_with(&wanted)
    })
}

#[test]
fn a_later_entry_without_a_comment_above_it_is_unexplained() {
    let manifest = "[package]\nname = \"x\"\n\n[[test]]\nname = \"one\"\npath = \"main.rs\"\n\n\
                    # Installs a global subscriber.\n[[test]]\nname = \"two\"\n\n[[test]]\n\
                    name = \"three\"\n";
    assert_eq!(test_entries_without_a_reason(manifest), ["three"]);
}
