//! The compiler and the matcher held to a real ECMAScript engine (`regress`) on random
//! patterns of the subset, and the writer held to both.

use proptest::prelude::*;

use crate::Pattern;

/// Characters the strings are made of: those the patterns mention, and a few they do not.
const ALPHABET: &[char] = &['a', 'b', 'c', '-', '.', '0', '7', ' ', '\n', 'Z', '日'];

fn atom() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_owned()),
        Just("b".to_owned()),
        Just(r"\.".to_owned()),
        Just("-".to_owned()),
        Just("[a-c]".to_owned()),
        Just("[^a\\s]".to_owned()),
        Just(r"\d".to_owned()),
        Just(r"\s".to_owned()),
        Just(r"\W".to_owned()),
        Just(".".to_owned()),
    ]
}

fn quantifier() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(String::new()),
        1 => Just("?".to_owned()),
        1 => Just("*".to_owned()),
        1 => Just("+".to_owned()),
        1 => (0u32..3).prop_map(|n| format!("{{{n}}}")),
        1 => (0u32..3).prop_map(|n| format!("{{{n},}}")),
        1 => (0u32..3, 0u32..3).prop_map(|(n, more)| format!("{{{n},{}}}", n + more)),
    ]
}

/// A sequence of the subset: atoms with quantifiers, and groups (plain, optional, or with
/// alternatives) of sequences.
fn sequence() -> impl Strategy<Value = String> {
    let leaf = proptest::collection::vec((atom(), quantifier()), 0..4)
        .prop_map(|parts| parts.into_iter().map(|(a, q)| a + &q).collect::<String>());
    leaf.prop_recursive(3, 24, 4, |inner| {
        proptest::collection::vec(
            prop_oneof![
                (atom(), quantifier()).prop_map(|(a, q)| a + &q),
                (proptest::collection::vec(inner, 1..3), any::<bool>()).prop_map(
                    |(alternatives, optional)| {
                        format!(
                            "({}){}",
                            alternatives.join("|"),
                            if optional { "?" } else { "" }
                        )
                    }
                ),
            ],
            1..4,
        )
        .prop_map(|parts| parts.concat())
    })
}

fn pattern() -> impl Strategy<Value = String> {
    (any::<bool>(), sequence(), any::<bool>()).prop_map(|(start, body, end)| {
        format!(
            "{}{body}{}",
            if start { "^" } else { "" },
            if end { "$" } else { "" }
        )
    })
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..12)
        .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_matcher_agrees_with_a_regex_engine(source in pattern(), texts in proptest::collection::vec(text(), 4), seed in any::<u64>()) {
        let regex = regress::Regex::new(&source).map_err(|e| TestCaseError::fail(format!("{source}: {e}")))?;
        let pattern = Pattern::compile(&source).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let example = pattern.example(seed, 64);
        for text in texts.iter().chain(example.as_ref()) {
            prop_assert_eq!(
                pattern.is_match(text),
                regex.find(text).is_some(),
                "{} on {:?}", source, text
            );
        }
        if let Some(example) = example {
            prop_assert!(regex.find(&example).is_some(), "{} wrote {:?}", source, example);
            prop_assert!(example.chars().count() <= 64);
        }
    }
}
