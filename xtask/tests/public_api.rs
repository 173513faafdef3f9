//! `cargo xtask public-api`: the listing of a small fixture (`fixtures/public_api`, where
//! `facade` re-exports from `inner` as `nexevo` does from the SDK's crates), built the way the
//! command builds `nexevo`'s, and the verdicts of `--diff` and `--check`.

use std::path::{Path, PathBuf};

use xtask::public_api::build::{parse, plan_from_tree};
use xtask::public_api::diff::{Kind, Verdict, diff, identity};
use xtask::public_api::lint::{Named, Problem, lint};
use xtask::public_api::render::Listing;
use xtask::public_api::{check, listing_of};
use xtask::workspace_root;

fn fixture() -> PathBuf {
    workspace_root().join("xtask/tests/fixtures/public_api")
}

#[test]
fn the_fixture_lists_every_public_item_at_the_path_users_reach_it_by() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("public-api-fixture");
    let listing = listing_of(&fixture(), "facade", &target).unwrap();
    insta::assert_snapshot!(listing.text(), @r"
    # The public API of `facade` with all its features, one item per line, from rustdoc's JSON.
    # `cargo xtask public-api` writes it, `--check` (run by CI) fails when it is stale, and
    # `--diff OLD [NEW]` says which changes between two listings break users.
    # Shows items of: inner.
    pub mod facade
    pub struct facade::Bag<T> { /* private fields */ }
    impl<T: core::clone::Clone> facade::Bag<T>
    pub fn facade::Bag::first(&self) -> Option<T>
    impl<T> core::default::Default for facade::Bag<T>
    impl<T> !core::marker::Send for facade::Bag<T>
    impl<T> !core::marker::Sync for facade::Bag<T>
    impl<T> core::marker::Unpin for facade::Bag<T> where T: core::marker::Unpin
    pub struct facade::Circle
    field facade::Circle::radius: u32
    #[deprecated] pub fn facade::Circle::diameter(&self) -> u32
    pub const fn facade::Circle::new(radius: u32) -> Self
    pub fn facade::Circle::token(&self) -> inner::shapes::Token
    impl core::clone::Clone for facade::Circle
    impl core::fmt::Debug for facade::Circle
    impl core::marker::Copy for facade::Circle
    impl core::marker::Send for facade::Circle
    impl core::marker::Sync for facade::Circle
    impl core::marker::Unpin for facade::Circle
    impl facade::Shape for facade::Circle
    pub use facade::Duration = core::time::Duration
    #[non_exhaustive] pub enum facade::Event
    variant facade::Event::Moved(i32, i32)
    #[deprecated] variant facade::Event::Paused
    variant facade::Event::Started
    variant facade::Event::Stopped { at: u64 }
    impl core::clone::Clone for facade::Event
    impl core::cmp::PartialEq for facade::Event
    impl core::fmt::Debug for facade::Event
    impl core::marker::Send for facade::Event
    impl core::marker::Sync for facade::Event
    impl core::marker::Unpin for facade::Event
    pub const facade::LIMIT: usize = 3
    pub type facade::Result<T, E = facade::Event> = core::result::Result<T, E>
    pub trait facade::Shape: core::marker::Send
    trait fn facade::Shape::area(&self) -> u64
    pub mod facade::events
    pub use facade::events::Moved = facade::Event::Moved
    pub use facade::events::Paused = facade::Event::Paused
    pub use facade::events::Started = facade::Event::Started
    pub use facade::events::Stopped = facade::Event::Stopped
    pub async fn facade::extra(bag: &facade::Bag<String>) -> Option<String>
    #[doc(hidden)] pub mod facade::internals
    #[doc(hidden)] pub use facade::internals::Circle = facade::Circle
    #[doc(hidden)] pub fn facade::internals::plumbing()
    pub mod facade::legacy
    pub struct facade::legacy::Circle;
    impl core::marker::Send for facade::legacy::Circle
    impl core::marker::Sync for facade::legacy::Circle
    impl core::marker::Unpin for facade::legacy::Circle
    pub fn facade::start<S: facade::Shape + ?core::marker::Sized>(shape: &S, after: core::time::Duration) -> facade::Result<u64>
    pub mod facade::tools
    pub struct facade::tools::Hammer
    field facade::tools::Hammer::weight: u16
    impl core::marker::Send for facade::tools::Hammer
    impl core::marker::Sync for facade::tools::Hammer
    impl core::marker::Unpin for facade::tools::Hammer
    pub trait facade::tools::Tool
    trait type facade::tools::Tool::Output
    trait const facade::tools::Tool::WEIGHT: u32
    trait fn facade::tools::Tool::apply(&self, times: u32) -> Self::Output
    trait fn facade::tools::Tool::name(&self) -> &str { .. }
    pub struct facade::tools::Wrench { /* private fields */ }
    field facade::tools::Wrench::size: u8
    impl core::clone::Clone for facade::tools::Wrench
    impl core::cmp::PartialEq for facade::tools::Wrench
    impl core::default::Default for facade::tools::Wrench
    impl core::fmt::Debug for facade::tools::Wrench
    impl core::marker::Send for facade::tools::Wrench
    impl core::marker::Sync for facade::tools::Wrench
    impl core::marker::Unpin for facade::tools::Wrench
    impl facade::tools::Tool for facade::tools::Wrench { type Output = u8; const WEIGHT: u32 = 3; }
    #[doc(hidden)] pub use facade::tools::plumbing = facade::internals::plumbing
    ");
}

// ------------------------------------------------------------------------------- the plan

#[test]
fn each_crate_is_documented_with_the_features_the_root_crate_gives_it_and_its_dependencies() {
    let tree = "\
0facade v0.1.0 (/ws/facade)|default,extra
1inner v0.1.0 (/ws/inner)|bag
2serde v1.0.0|derive,std
3serde_derive v1.0.0 (proc-macro)|default
2leaf v0.1.0 (/ws/leaf)|
1leaf v0.1.0 (/ws/leaf)| (*)
1serde v1.0.0|derive,std (*)
";
    let plan = plan_from_tree(tree, Path::new("/ws")).unwrap();
    let summary: Vec<String> = plan
        .iter()
        .map(|member| {
            format!(
                "{} [{}] [{}]",
                member.package,
                member.features.join(","),
                member.dependency_features.join(",")
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "facade [default,extra] [inner/bag,serde/derive,serde/std]",
            "inner [bag] [serde/derive,serde/std]",
            "leaf [] []",
        ]
    );
}

#[test]
fn json_of_another_format_is_refused_with_what_to_do() {
    let error = parse(br#"{"format_version": 12, "index": {}}"#).unwrap_err();
    let message = format!("{error:#}");
    assert!(message.contains("format 12"), "{message}");
    assert!(message.contains("rustdoc-types"), "{message}");
    assert!(parse(b"[]").is_err());
}

// ------------------------------------------------------------------------------- the diff

/// A listing file's text from its item lines.
fn listing(lines: &[&str]) -> String {
    let mut text = "# a header\n#\n".to_owned();
    for line in lines {
        text.push_str(line);
        text.push('\n');
    }
    text
}

/// The verdict on each change from `old` to `new`, as `(verdict, kind, reason)`.
fn verdicts(old: &[&str], new: &[&str]) -> Vec<(Verdict, Kind, Option<&'static str>)> {
    diff(&listing(old), &listing(new))
        .into_iter()
        .map(|change| (change.verdict, change.kind, change.reason))
        .collect()
}

const CLIENT: &str = "pub struct nexevo::Client { /* private fields */ }";

#[test]
fn the_same_listing_has_no_changes_whatever_its_header() {
    let lines = [CLIENT, "pub fn nexevo::Client::new() -> Self"];
    assert_eq!(diff(&listing(&lines), &lines.join("\n")), []);
}

#[test]
fn a_removed_item_is_breaking_and_an_added_one_additive() {
    let old = [CLIENT, "pub fn nexevo::Client::new() -> Self"];
    let new = [
        CLIENT,
        "pub fn nexevo::Client::builder() -> nexevo::ClientBuilder",
    ];
    assert_eq!(
        verdicts(&old, &new),
        [
            (Verdict::Breaking, Kind::Removed, None),
            (Verdict::Additive, Kind::Added, None),
        ]
    );
}

#[test]
fn a_changed_signature_shape_or_bound_is_breaking() {
    for (old, new) in [
        (
            "pub fn nexevo::Client::new() -> Self",
            "pub fn nexevo::Client::new(key: String) -> Self",
        ),
        (
            "pub struct nexevo::Page<T>",
            "pub struct nexevo::Page<T> { /* private fields */ }",
        ),
        (
            "impl<T: core::clone::Clone> core::clone::Clone for nexevo::Page<T>",
            "impl<T: core::clone::Clone + core::marker::Send> core::clone::Clone for nexevo::Page<T>",
        ),
        (
            "impl core::future::into_future::IntoFuture for nexevo::Call { type Output = u8; }",
            "impl core::future::into_future::IntoFuture for nexevo::Call { type Output = u16; }",
        ),
        (
            "pub use nexevo::billing::Decimal = rust_decimal::Decimal",
            "pub use nexevo::billing::Decimal = bigdecimal::BigDecimal",
        ),
    ] {
        assert_eq!(
            verdicts(&[old], &[new]),
            [(Verdict::Breaking, Kind::Changed, None)],
            "{old} → {new}"
        );
    }
}

#[test]
fn a_renamed_argument_is_compatible_and_a_retyped_one_is_not() {
    let old = ["pub fn nexevo::f<T: Into<String>>(a: T, b: (u8, u16)) -> impl Fn(u8) -> u8"];
    let renamed =
        ["pub fn nexevo::f<T: Into<String>>(name: T, pair: (u8, u16)) -> impl Fn(u8) -> u8"];
    let retyped = ["pub fn nexevo::f<T: Into<String>>(a: T, b: (u8, u32)) -> impl Fn(u8) -> u8"];
    assert_eq!(
        verdicts(&old, &renamed),
        [(
            Verdict::Compatible,
            Kind::Changed,
            Some("only an argument's name changed")
        )]
    );
    assert_eq!(
        verdicts(&old, &retyped),
        [(Verdict::Breaking, Kind::Changed, None)]
    );
}

#[test]
fn marks_decide_by_what_they_promise() {
    let item = "pub fn nexevo::Client::call(&self)";
    let with = |marks: &str| format!("{marks}{item}");
    let cases = [
        ("", "#[deprecated] ", Verdict::Compatible),
        ("#[deprecated] ", "", Verdict::Compatible),
        ("", "#[non_exhaustive] ", Verdict::Breaking),
        ("#[non_exhaustive] ", "", Verdict::Additive),
        ("", "#[doc(hidden)] ", Verdict::Breaking),
        ("#[doc(hidden)] ", "", Verdict::Additive),
    ];
    for (old, new, verdict) in cases {
        let found = verdicts(&[&with(old)], &[&with(new)]);
        assert_eq!(found.len(), 1, "{old} → {new}");
        assert_eq!(found[0].0, verdict, "{old:?} → {new:?}: {found:?}");
    }
}

#[test]
fn a_hidden_item_may_go_or_change() {
    let hidden = "#[doc(hidden)] pub fn nexevo::Client::call(&self)";
    let changed = "#[doc(hidden)] pub fn nexevo::Client::call(&self, retries: u8)";
    assert_eq!(
        verdicts(&[CLIENT, hidden], &[CLIENT]),
        [(
            Verdict::Compatible,
            Kind::Removed,
            Some("it was #[doc(hidden)]")
        )]
    );
    assert_eq!(verdicts(&[hidden], &[changed])[0].0, Verdict::Compatible);
}

#[test]
fn a_new_member_breaks_code_that_must_handle_every_member() {
    let exhaustive = "pub enum nexevo::Tier";
    let open = "#[non_exhaustive] pub enum nexevo::Tier";
    let variant = "variant nexevo::Tier::Fast";
    let new_variant = "variant nexevo::Tier::Turbo(u8)";
    assert_eq!(
        verdicts(&[exhaustive, variant], &[exhaustive, variant, new_variant])[0].0,
        Verdict::Breaking
    );
    assert_eq!(
        verdicts(&[open, variant], &[open, variant, new_variant])[0].0,
        Verdict::Additive
    );
    // A new enum's variants come with it.
    assert!(
        verdicts(&[], &[exhaustive, variant])
            .iter()
            .all(|(verdict, ..)| *verdict == Verdict::Additive)
    );

    let plain = "pub struct nexevo::Timeouts";
    let closed = "pub struct nexevo::Response<T> { /* private fields */ }";
    assert_eq!(
        verdicts(&[plain], &[plain, "field nexevo::Timeouts::read: u64"])[0].0,
        Verdict::Breaking
    );
    assert_eq!(
        verdicts(&[closed], &[closed, "field nexevo::Response::status: u16"])[0].0,
        Verdict::Additive
    );
    // Generated types are built by the SDK and their builders, never by struct literals (the
    // versioning policy): a field the spec adds is additive.
    let generated = "pub struct nexevo::billing::Balance // generated";
    assert_eq!(
        verdicts(
            &[generated],
            &[generated, "field nexevo::billing::Balance::hold: u16"]
        )[0]
        .0,
        Verdict::Additive
    );

    let trait_ = "pub trait nexevo::CallOptions: core::marker::Sized";
    assert_eq!(
        verdicts(
            &[trait_],
            &[
                trait_,
                "trait fn nexevo::CallOptions::options(&mut self) -> u8"
            ]
        )[0]
        .0,
        Verdict::Breaking
    );
    assert_eq!(
        verdicts(
            &[trait_],
            &[
                trait_,
                "trait fn nexevo::CallOptions::retries(self, n: u8) -> Self { .. }"
            ]
        )[0]
        .0,
        Verdict::Additive
    );
    assert_eq!(
        verdicts(
            &[trait_],
            &[trait_, "trait type nexevo::CallOptions::Output"]
        )[0]
        .0,
        Verdict::Breaking
    );
}

#[test]
fn an_identity_is_the_kind_and_path_or_the_impl_without_its_generics() {
    for (line, expected) in [
        (
            "#[doc(hidden)] #[deprecated] pub async fn nexevo::Client::call<T: A>(&self) -> T",
            "pub async fn nexevo::Client::call",
        ),
        (
            "field nexevo::Timeouts::connect: core::time::Duration",
            "field nexevo::Timeouts::connect",
        ),
        ("pub mod nexevo", "pub mod nexevo"),
        (
            "pub use nexevo::auth::Secret = nexevo::Secret",
            "pub use nexevo::auth::Secret",
        ),
        (
            "impl<T> core::marker::Send for nexevo::Page<T> where T: core::marker::Send",
            "impl core::marker::Send for nexevo::Page<T>",
        ),
        (
            "impl<O: nexevo::Operation> core::future::into_future::IntoFuture for nexevo::WithMeta<O> { type Output = O; }",
            "impl core::future::into_future::IntoFuture for nexevo::WithMeta<O>",
        ),
        (
            "impl !core::marker::Send for nexevo::Bag<T>",
            "impl !core::marker::Send for nexevo::Bag<T>",
        ),
    ] {
        assert_eq!(identity(line), expected, "{line}");
    }
}

// ------------------------------------------------------------------------------ the check

#[test]
fn the_check_passes_on_the_same_listing_and_shows_the_classified_diff_otherwise() {
    let pinned = listing(&[CLIENT, "pub fn nexevo::Client::new() -> Self"]);
    let (report, ok) = check(&pinned, &pinned);
    assert!(ok, "{report}");

    let fresh = listing(&[CLIENT, "pub fn nexevo::Client::new(key: String) -> Self"]);
    let (report, ok) = check(&pinned, &fresh);
    assert!(!ok);
    assert!(
        report.contains("1 change: 1 breaking, 0 additive, 0 compatible"),
        "{report}"
    );
    assert!(
        report.contains("BREAKING   changed: pub fn nexevo::Client::new() -> Self"),
        "{report}"
    );
    assert!(
        report.contains("now: pub fn nexevo::Client::new(key: String) -> Self"),
        "{report}"
    );
    assert!(report.contains("cargo xtask public-api"), "{report}");

    let (report, ok) = check("", &fresh);
    assert!(!ok);
    assert!(report.contains("missing"), "{report}");
}

// ------------------------------------------------------------------------------- the lints

#[test]
fn the_lints_find_plumbing_unnameable_types_and_one_name_for_two_things_in_the_fixture() {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("public-api-fixture");
    let listing = listing_of(&fixture(), "facade", &target).unwrap();
    let found: Vec<String> = lint(&listing).iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "plumbing in the public API (#[doc(hidden)] outside `__private`): pub mod facade::internals",
            "plumbing in the public API (#[doc(hidden)] outside `__private`): pub use facade::internals::Circle = facade::Circle",
            "plumbing in the public API (#[doc(hidden)] outside `__private`): pub fn facade::internals::plumbing()",
            "plumbing in the public API (#[doc(hidden)] outside `__private`): pub use facade::tools::plumbing = facade::internals::plumbing",
            "`inner::shapes::Token` is named by a public signature but reached by no public path \
             (re-export it, or leave it out of the signature): pub fn facade::Circle::token(&self) -> inner::shapes::Token",
            "`Circle` names 2 different items: facade::Circle, facade::internals::Circle, facade::legacy::Circle",
        ]
    );
}

fn named(identity: &str, path: &str, defined_as: &str) -> Named {
    Named {
        identity: identity.to_owned(),
        path: path.to_owned(),
        defined_as: defined_as.to_owned(),
    }
}

fn lint_names(names: Vec<Named>) -> Vec<Problem> {
    lint(&Listing {
        crate_name: "nexevo".to_owned(),
        names,
        ..Listing::default()
    })
}

#[test]
fn paths_to_one_item_share_its_name_and_two_items_may_not() {
    // One item re-exported in two modules is one thing.
    let secret = [
        named("api:Secret", "nexevo::Secret", "Secret"),
        named("api:Secret", "nexevo::auth::Secret", "Secret"),
    ];
    assert_eq!(lint_names(secret.to_vec()), []);
    // Two items of one name in two modules are not.
    let mut two = secret.to_vec();
    two.push(named("keys:Secret", "nexevo::keys::Secret", "Secret"));
    assert_eq!(
        lint_names(two),
        [Problem::SharedName {
            name: "Secret".to_owned(),
            items: 2,
            paths: vec![
                "nexevo::Secret".to_owned(),
                "nexevo::auth::Secret".to_owned(),
                "nexevo::keys::Secret".to_owned()
            ],
        }]
    );
}

#[test]
fn a_renaming_re_export_does_not_hide_the_name_an_item_is_defined_with() {
    // `pub use nexevo_api::types::Model as ModelInfo` beside a `Model` of the chat crate's own.
    let names = vec![
        named("api:Model", "nexevo::chat::ModelInfo", "Model"),
        named("chat:Model", "nexevo::chat::Model", "Model"),
    ];
    let problems = lint_names(names);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        "`Model` names 2 different items: nexevo::chat::Model, nexevo::chat::ModelInfo (defined as `Model`)"
    );
}

#[test]
fn plumbing_and_unnameable_types_are_allowed_only_under_the_private_module() {
    let line = |text: &str| xtask::public_api::line::Line::from_text(text);
    let listing = Listing {
        crate_name: "nexevo".to_owned(),
        lines: vec![
            line("#[doc(hidden)] pub mod nexevo::__private"),
            line(
                "#[doc(hidden)] pub fn nexevo::__private::call(options: &nexevo::__private::RequestOptions)",
            ),
            line("pub trait nexevo::CallOptions: nexevo_core::__private::CallBuilder"),
            line("#[doc(hidden)] pub fn nexevo::Client::call(&self)"),
            line("pub fn nexevo::ValidationError::rule(&self) -> &nexevo_api::validation::Rule"),
            line("pub fn nexevo::nexevo_apis(&self) -> my_nexevo_api::Thing"),
        ],
        other_crates: vec!["nexevo_core".to_owned(), "nexevo_api".to_owned()],
        ..Listing::default()
    };
    let found: Vec<String> = lint(&listing).iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "plumbing in the public API (#[doc(hidden)] outside `__private`): pub fn nexevo::Client::call(&self)",
            "`nexevo_api::validation::Rule` is named by a public signature but reached by no public path \
             (re-export it, or leave it out of the signature): pub fn nexevo::ValidationError::rule(&self) -> &nexevo_api::validation::Rule",
        ]
    );
}
