//! No module of any crate of the workspace depends on itself through others: for every library
//! and binary that `cargo metadata` lists, the graph of paths between its modules (nested ones
//! included, the crate root among them) has no cycle. A leaf such as the sandbox's `context` or
//! the generator's `codegen::model` keeps it so: the modules around it read it, and it reads
//! none of them.
//!
//! A module depends on another when it names it or an item of it: in a `use`, in a path of its
//! code (`super::model::Area`, `crate::spec::SPEC_PATH`), or in a path inside a macro call other
//! than `quote!`, whose paths belong to the code it writes. A name re-exported by a `use`
//! counts as the module that defines it, and declaring a module (`mod cli;`) is no dependency on
//! it: using it is.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// A module by its path from the crate root (`[]` for the root, `["codegen", "model"]`).
type ModulePath = Vec<String>;

/// What one module declares and names.
#[derive(Debug, Default)]
struct Module {
    /// The modules it declares, by name.
    children: BTreeSet<String>,
    /// The names its own items take (functions, types, constants, macros).
    items: BTreeSet<String>,
    /// Its `use` declarations: the name each brings in (`*` for a glob) and the path it names.
    uses: Vec<(String, Vec<String>)>,
    /// Every path of two segments or more its code writes, as written.
    paths: Vec<Vec<String>>,
}

/// Every module of one crate.
#[derive(Debug, Default)]
struct Crate {
    modules: BTreeMap<ModulePath, Module>,
    /// `#[macro_export]` macros, with the module that defines each: Rust puts their names at
    /// the crate root, but they belong to the module that writes them.
    exported_macros: BTreeMap<String, ModulePath>,
}

/// Macros whose paths belong to the code they write, not to the crate calling them.
const CODE_WRITING_MACROS: [&str; 4] = [
    "quote",
    "quote_spanned",
    "parse_quote",
    "parse_quote_spanned",
];

impl Crate {
    /// Reads the crate whose root file is `root`, following its `mod` declarations.
    fn read(root: &Path) -> Crate {
        let mut krate = Crate::default();
        let dir = root.parent().unwrap().to_path_buf();
        krate.read_file(Vec::new(), root, dir);
        krate
    }

    /// Reads a module's file; `dir` is where the files of the modules it declares live.
    fn read_file(&mut self, path: ModulePath, file: &Path, dir: PathBuf) {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|error| panic!("reading {}: {error}", file.display()));
        let parsed = syn::parse_file(&text)
            .unwrap_or_else(|error| panic!("parsing {}: {error}", file.display()));
        self.read_items(path, &parsed.items, file, &dir);
    }

    fn read_items(&mut self, path: ModulePath, items: &[syn::Item], file: &Path, dir: &Path) {
        let mut module = Module::default();
        let mut nested = Vec::new();
        for item in items {
            match item {
                syn::Item::Mod(declared) => {
                    let name = declared.ident.to_string();
                    module.children.insert(name.clone());
                    let mut child = path.clone();
                    child.push(name.clone());
                    nested.push((child, declared));
                }
                syn::Item::Use(used) => flatten_use(&used.tree, Vec::new(), &mut module.uses),
                other => {
                    if let Some(name) = item_name(other) {
                        if let syn::Item::Macro(mac) = other
                            && mac
                                .attrs
                                .iter()
                                .any(|attr| attr.path().is_ident("macro_export"))
                        {
                            self.exported_macros.insert(name.clone(), path.clone());
                        }
                        module.items.insert(name);
                    }
                    let mut collector = PathCollector::default();
                    collector.visit_item(other);
                    module.paths.extend(collector.paths);
                }
            }
        }
        self.modules.insert(path, module);
        for (child, declared) in nested {
            let name = declared.ident.to_string();
            match &declared.content {
                Some((_, items)) => self.read_items(child, items, file, &dir.join(&name)),
                None => {
                    let explicit = declared.attrs.iter().find_map(|attr| match &attr.meta {
                        syn::Meta::NameValue(value) if attr.path().is_ident("path") => {
                            match &value.value {
                                syn::Expr::Lit(syn::ExprLit {
                                    lit: syn::Lit::Str(text),
                                    ..
                                }) => Some(text.value()),
                                _ => None,
                            }
                        }
                        _ => None,
                    });
                    let (child_file, child_dir) = match explicit {
                        Some(relative) => {
                            let child_file = file.parent().unwrap().join(relative);
                            let child_dir = child_file.parent().unwrap().to_path_buf();
                            (child_file, child_dir)
                        }
                        None if dir.join(format!("{name}.rs")).is_file() => {
                            (dir.join(format!("{name}.rs")), dir.join(&name))
                        }
                        None => (dir.join(&name).join("mod.rs"), dir.join(&name)),
                    };
                    self.read_file(child, &child_file, child_dir);
                }
            }
        }
    }

    /// `path`, written in module `at`, from the crate root; `None` for a path into another
    /// crate or to a local item.
    fn absolute(&self, at: &[String], path: &[String]) -> Option<Vec<String>> {
        self.absolute_within(at, path, 0)
    }

    fn absolute_within(&self, at: &[String], path: &[String], depth: usize) -> Option<Vec<String>> {
        // A `use` of an outside crate's item of the same name (`pub use secrecy;`) names
        // itself: followed only so far.
        if depth > 8 {
            return None;
        }
        let (first, rest) = path.split_first()?;
        let module = self.modules.get(at)?;
        match first.as_str() {
            "crate" | "$crate" => Some(rest.to_vec()),
            "self" => Some([at, rest].concat()),
            "super" => {
                let parent = &at[..at.len().checked_sub(1)?];
                self.absolute_within(parent, &[&["self".to_owned()], rest].concat(), depth + 1)
            }
            name if module.children.contains(name) => Some([at, path].concat()),
            name => {
                let (_, target) = module.uses.iter().find(|(alias, _)| alias == name)?;
                let target = self.absolute_within(at, target, depth + 1)?;
                Some([target.as_slice(), rest].concat())
            }
        }
    }

    /// The module that defines what `path` (from the crate root) names: its longest prefix that
    /// is a module, or, for a name that module re-exports, the module it comes from.
    fn owner(&self, path: &[String], depth: usize) -> Option<ModulePath> {
        let length = (0..=path.len())
            .rev()
            .find(|length| self.modules.contains_key(&path[..*length]))?;
        let module_path = path[..length].to_vec();
        let Some(name) = path.get(length) else {
            return Some(module_path);
        };
        if length == 0
            && let Some(defined_in) = self.exported_macros.get(name)
        {
            return Some(defined_in.clone());
        }
        let module = &self.modules[&module_path];
        if depth > 8 || module.items.contains(name) {
            return Some(module_path);
        }
        let reexport = module.uses.iter().find(|(alias, _)| alias == name);
        let globs = module.uses.iter().filter(|(alias, _)| alias == "*");
        for (_, target) in reexport.into_iter().chain(globs) {
            let Some(target) = self.absolute(&module_path, target) else {
                continue;
            };
            let followed: Vec<String> = if reexport.is_some() {
                [target.as_slice(), &path[length + 1..]].concat()
            } else {
                [target.as_slice(), &path[length..]].concat()
            };
            if let Some(owner) = self.owner(&followed, depth + 1)
                && (reexport.is_some() || self.modules[&owner].items.contains(name))
            {
                return Some(owner);
            }
        }
        Some(module_path)
    }

    /// Each module with the modules it depends on.
    fn graph(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut graph = BTreeMap::new();
        for (at, module) in &self.modules {
            let named = module
                .uses
                .iter()
                .map(|(_, path)| path)
                .chain(&module.paths);
            let edges: BTreeSet<String> = named
                .filter_map(|path| self.absolute(at, path))
                .filter_map(|path| self.owner(&path, 0))
                .filter(|owner| owner != at)
                .map(|owner| display(&owner))
                .collect();
            graph.insert(display(at), edges);
        }
        graph
    }
}

/// A module's path as a reader writes it: `crate` for the root, else `codegen::model`.
fn display(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path.join("::")
    }
}

/// Each name a `use` tree brings in, with the path it names.
fn flatten_use(tree: &syn::UseTree, prefix: Vec<String>, out: &mut Vec<(String, Vec<String>)>) {
    let with = |segment: String| {
        let mut path = prefix.clone();
        path.push(segment);
        path
    };
    match tree {
        syn::UseTree::Path(path) => flatten_use(&path.tree, with(path.ident.to_string()), out),
        syn::UseTree::Name(name) if name.ident == "self" => {
            if let Some(last) = prefix.last() {
                out.push((last.clone(), prefix.clone()));
            }
        }
        syn::UseTree::Name(name) => {
            out.push((name.ident.to_string(), with(name.ident.to_string())))
        }
        syn::UseTree::Rename(rename) => {
            out.push((rename.rename.to_string(), with(rename.ident.to_string())));
        }
        syn::UseTree::Glob(_) => out.push(("*".to_owned(), prefix.clone())),
        syn::UseTree::Group(group) => {
            for tree in &group.items {
                flatten_use(tree, prefix.clone(), out);
            }
        }
    }
}

/// The name an item defines, if it defines one.
fn item_name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Const(item) => &item.ident,
        syn::Item::Enum(item) => &item.ident,
        syn::Item::Fn(item) => &item.sig.ident,
        syn::Item::Macro(item) => item.ident.as_ref()?,
        syn::Item::Static(item) => &item.ident,
        syn::Item::Struct(item) => &item.ident,
        syn::Item::Trait(item) => &item.ident,
        syn::Item::TraitAlias(item) => &item.ident,
        syn::Item::Type(item) => &item.ident,
        syn::Item::Union(item) => &item.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

/// Every path of two segments or more in an item, macro calls' paths included.
#[derive(Default)]
struct PathCollector {
    paths: Vec<Vec<String>>,
}

impl PathCollector {
    /// `a::b::c` sequences in a macro's tokens (`$crate::x` as `crate::x`).
    fn scan(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut index = 0;
        while index < tokens.len() {
            if let TokenTree::Group(group) = &tokens[index] {
                self.scan(group.stream());
                index += 1;
                continue;
            }
            let mut path = Vec::new();
            let mut at = index;
            if matches!(&tokens[at], TokenTree::Punct(p) if p.as_char() == '$') {
                at += 1;
            }
            while let Some(TokenTree::Ident(ident)) = tokens.get(at) {
                path.push(ident.to_string());
                let is_separator = |offset: usize| matches!(tokens.get(at + offset), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                if is_separator(1) && is_separator(2) {
                    at += 3;
                } else {
                    at += 1;
                    break;
                }
            }
            if path.len() >= 2 {
                self.paths.push(path);
            }
            index = at.max(index + 1);
        }
    }
}

impl<'ast> Visit<'ast> for PathCollector {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.segments.len() >= 2 && path.leading_colon.is_none() {
            self.paths
                .push(path.segments.iter().map(|s| s.ident.to_string()).collect());
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        syn::visit::visit_macro(self, mac);
        let name = mac.path.segments.last().map(|s| s.ident.to_string());
        if !name.is_some_and(|name| CODE_WRITING_MACROS.contains(&name.as_str())) {
            self.scan(mac.tokens.clone());
        }
    }

    // Declared modules and `use`s are read on their own; an inline one inside an item (a
    // function's body) is read as part of it.
    fn visit_item_use(&mut self, used: &'ast syn::ItemUse) {
        let mut names = Vec::new();
        flatten_use(&used.tree, Vec::new(), &mut names);
        self.paths.extend(names.into_iter().map(|(_, path)| path));
    }
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

/// The modules that depend on each other through `node`, itself included: those it reaches that
/// reach it back.
fn loop_through(graph: &BTreeMap<String, BTreeSet<String>>, node: &str) -> BTreeSet<String> {
    let reached_from = |start: &str| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start.to_owned()];
        while let Some(next) = stack.pop() {
            for edge in graph.get(&next).into_iter().flatten() {
                if seen.insert(edge.clone()) {
                    stack.push(edge.clone());
                }
            }
        }
        seen
    };
    reached_from(node)
        .into_iter()
        .filter(|other| reached_from(other).contains(node))
        .collect()
}

/// A cycle of the graph and every module of the loop it is part of, as a failure says it.
fn describe_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<String> {
    let cycle = cycle(graph)?;
    let members = loop_through(graph, &cycle[0]);
    Some(format!(
        "{} (the modules of that loop: {})",
        cycle.join(" → "),
        members.into_iter().collect::<Vec<_>>().join(", ")
    ))
}

/// Every library and binary of the workspace, by name, with its root file.
fn workspace_crates() -> Vec<(String, PathBuf)> {
    let metadata = crate::workspace::metadata();
    let mut crates = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        for target in package["targets"].as_array().unwrap() {
            let kinds: Vec<&str> = target["kind"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(serde_json::Value::as_str)
                .collect();
            let Some(kind) = kinds
                .iter()
                .find(|kind| matches!(**kind, "lib" | "bin" | "proc-macro"))
            else {
                continue;
            };
            crates.push((
                format!(
                    "{} ({kind} {})",
                    package["name"].as_str().unwrap(),
                    target["name"].as_str().unwrap()
                ),
                PathBuf::from(target["src_path"].as_str().unwrap()),
            ));
        }
    }
    crates
}

/// The module graph of the library of the workspace crate in `crates/<dir>` (or `<dir>`).
fn library_graph(dir: &str) -> BTreeMap<String, BTreeSet<String>> {
    let root = xtask::workspace_root();
    let src = [root.join("crates").join(dir), root.join(dir)]
        .into_iter()
        .map(|dir| dir.join("src/lib.rs"))
        .find(|lib| lib.is_file())
        .unwrap_or_else(|| panic!("no src/lib.rs for {dir}"));
    Crate::read(&src).graph()
}

/// Fails naming the cycle, after checking the graph was read: some module at or under
/// `expected.0` depends on one at or under `expected.1`.
fn assert_acyclic(dir: &str, expected: (&str, &str)) {
    let graph = library_graph(dir);
    let under =
        |node: &str, prefix: &str| node == prefix || node.starts_with(&format!("{prefix}::"));
    assert!(
        graph
            .iter()
            .any(|(from, edges)| under(from, expected.0)
                && edges.iter().any(|to| under(to, expected.1))),
        "{dir}: the graph was read ({} → {} expected): {graph:#?}",
        expected.0,
        expected.1
    );
    if let Some(cycle) = describe_cycle(&graph) {
        panic!("{dir} has a module cycle: {cycle}");
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
fn the_generators_modules_have_no_cycle() {
    assert_acyclic("xtask", ("codegen", "spec"));
}

#[test]
fn no_crate_of_the_workspace_has_a_module_cycle() {
    let crates = workspace_crates();
    assert!(
        crates
            .iter()
            .any(|(name, _)| name.starts_with("xtask (lib"))
            && crates
                .iter()
                .any(|(name, _)| name.starts_with("nexevo-sandbox (bin")),
        "cargo metadata lists the workspace's libraries and binaries: {crates:#?}"
    );
    let cycles: Vec<String> = crates
        .iter()
        .filter_map(|(name, root)| {
            let cycle = describe_cycle(&Crate::read(root).graph())?;
            Some(format!("{name}: {cycle}"))
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "module cycles:\n  {}",
        cycles.join("\n  ")
    );
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

/// A scratch crate from `(file, source)` pairs, and its graph.
fn scratch_graph(name: &str, files: &[(&str, &str)]) -> BTreeMap<String, BTreeSet<String>> {
    let dir = std::env::temp_dir().join(format!("module-cycles-{name}-{}", std::process::id()));
    for (file, source) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, source).unwrap();
    }
    let graph = Crate::read(&dir.join("lib.rs")).graph();
    let _ = std::fs::remove_dir_all(dir);
    graph
}

#[test]
fn a_module_and_its_child_naming_each_other_are_a_cycle() {
    let graph = scratch_graph(
        "parent-child",
        &[
            ("lib.rs", "pub mod calls;"),
            (
                "calls.rs",
                "mod cli;\npub struct Plan;\npub fn generate() { cli::commands(); }",
            ),
            ("calls/cli.rs", "use super::Plan;\npub fn commands() {}"),
        ],
    );
    assert_eq!(
        cycle(&graph).unwrap(),
        ["calls", "calls::cli", "calls"],
        "{graph:#?}"
    );
}

#[test]
fn an_exported_macro_belongs_to_the_module_that_writes_it_not_to_the_root() {
    // Rust puts a `#[macro_export]` macro's name at the crate root; a module re-exporting it
    // by that path names the module that writes it, not the root and all the root re-exports.
    let graph = scratch_graph(
        "exported-macro",
        &[
            (
                "lib.rs",
                "pub mod plumbing;
mod options;
pub use options::Setting;",
            ),
            (
                "plumbing.rs",
                "pub use crate::__made as made;
pub trait Builder {}
                 #[macro_export]
macro_rules! __made { () => {} }",
            ),
            (
                "options.rs",
                "pub trait Setting: crate::plumbing::Builder {}",
            ),
        ],
    );
    assert!(graph["plumbing"].is_empty(), "{graph:#?}");
    assert_eq!(cycle(&graph), None, "{graph:#?}");
}

#[test]
fn re_exports_resolve_to_their_module_and_written_code_is_not_read() {
    let graph = scratch_graph(
        "re-exports",
        &[
            (
                "lib.rs",
                "mod model;\nmod emit;\npub use model::Area;\n\
                 pub fn run() { emit::all(); }\n#[cfg(test)]\nmod tests { use super::*; }",
            ),
            ("model.rs", "pub struct Area;"),
            (
                "emit.rs",
                "pub fn all() -> crate::Area {\n\
                 let _ = anyhow!(\"{}\", crate::model::NAME);\n\
                 let _ = quote!(crate::run());\n\
                 crate::Area }",
            ),
        ],
    );
    assert_eq!(
        graph["emit"],
        BTreeSet::from(["model".to_owned()]),
        "{graph:#?}"
    );
    assert_eq!(
        graph["tests"],
        BTreeSet::from(["crate".to_owned()]),
        "{graph:#?}"
    );
    assert!(graph["model"].is_empty(), "{graph:#?}");
    assert_eq!(cycle(&graph), None, "{graph:#?}");
}
