//! No module of `nexevo-core` or `nexevo-sandbox` depends on itself through others: the graph
//! of `crate::…` references between a crate's modules (a name the crate root re-exports counts
//! as its module) has no cycle. A leaf such as the sandbox's `context` keeps it so: the layers,
//! the extractors and the handlers all read it, and it reads none of them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each module of the crate at `src`, with the other modules it names. A folder module
/// (`handlers/`) is one module.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap().flatten() {
        let path = entry.path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let text = if path.is_dir() {
            let mut all = String::new();
            for file in std::fs::read_dir(&path).unwrap().flatten() {
                all.push_str(&std::fs::read_to_string(file.path()).unwrap());
            }
            all
        } else if path.extension().is_some_and(|e| e == "rs") {
            std::fs::read_to_string(&path).unwrap()
        } else {
            continue;
        };
        // Comments and docs name things without depending on them.
        let code: String = text
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        sources.insert(name, code);
    }
    let modules: BTreeSet<String> = sources
        .keys()
        .filter(|m| !matches!(m.as_str(), "lib" | "main"))
        .cloned()
        .collect();
    // Names the crate root re-exports, by the module they come from.
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    let root = &sources["lib"];
    for statement in root.split(';') {
        let Some(rest) = statement
            .trim()
            .strip_prefix("pub use ")
            .or_else(|| statement.trim().strip_prefix("pub(crate) use "))
        else {
            continue;
        };
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let Some((module, names)) = rest.split_once("::") else {
            continue;
        };
        if !modules.contains(module) {
            continue;
        }
        for name in names
            .trim_matches(|c| c == '{' || c == '}')
            .split(',')
            .filter(|n| !n.is_empty())
        {
            let name = name
                .rsplit("::")
                .next()
                .unwrap()
                .split(" as ")
                .next()
                .unwrap();
            owner.insert(name.to_owned(), module.to_owned());
        }
    }
    let mut graph = BTreeMap::new();
    for module in &modules {
        let code = &sources[module];
        let mut edges = BTreeSet::new();
        for (at, _) in code.match_indices("crate::") {
            let after: String = code[at + "crate::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '{')
                .collect();
            let mut names = vec![after.trim_start_matches('{').to_owned()];
            if after.starts_with('{') {
                // `crate::{a::X, b}`: every first segment in the group.
                let group = &code[at + "crate::{".len()..];
                let group = &group[..group.find('}').unwrap_or(group.len())];
                names = group
                    .split(',')
                    .map(|part| {
                        part.trim()
                            .split("::")
                            .next()
                            .unwrap_or_default()
                            .to_owned()
                    })
                    .collect();
            }
            for name in names {
                let target = if modules.contains(&name) {
                    Some(name.clone())
                } else {
                    owner.get(&name).cloned()
                };
                if let Some(target) = target.filter(|t| t != module) {
                    edges.insert(target);
                }
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

/// A cycle of the graph, if it has one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut found = path[start..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(found) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(found);
        }
    }
    None
}

fn assert_acyclic(krate: &str, expected_edge: (&str, &str)) {
    let graph = module_graph(
        &xtask::workspace_root()
            .join("crates")
            .join(krate)
            .join("src"),
    );
    assert!(
        graph
            .get(expected_edge.0)
            .is_some_and(|edges| edges.contains(expected_edge.1)),
        "{krate}: the graph was read ({} → {} expected): {graph:#?}",
        expected_edge.0,
        expected_edge.1
    );
    if let Some(cycle) = cycle(&graph) {
        panic!("{krate} has a module cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cores_modules_have_no_cycle() {
    assert_acyclic("nexevo-core", ("client", "retry_loop"));
}

#[test]
fn the_sandboxs_modules_have_no_cycle() {
    assert_acyclic("nexevo-sandbox", ("handlers", "extract"));
}

#[test]
fn a_cycle_is_found() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}
