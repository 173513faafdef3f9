//! Matching without backtracking: each step turns the set of positions the steps before it can
//! end at into the set it can end at, so no pattern costs more than one pass per step.

use crate::Step;

/// Whether `steps` match the whole of `text`.
pub(crate) fn is_match(steps: &[Step], text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    let mut start = vec![false; chars.len() + 1];
    start[0] = true;
    let ends = advance(steps, &chars, start);
    ends[chars.len()]
}

/// The positions (character indices, `0..=chars.len()`) at which `steps` can end, starting at
/// any position set in `starts`.
fn advance(steps: &[Step], chars: &[char], mut reach: Vec<bool>) -> Vec<bool> {
    for step in steps {
        if !reach.contains(&true) {
            break;
        }
        reach = match step {
            Step::Repeat { class, min, max } => {
                repeat(chars, &reach, |c| class.contains(c), *min, *max)
            }
            Step::Literal(literal) => {
                let literal: Vec<char> = literal.chars().collect();
                let mut ends = vec![false; reach.len()];
                for (start, _) in reach.iter().enumerate().filter(|(_, set)| **set) {
                    if chars[start..].starts_with(&literal) {
                        ends[start + literal.len()] = true;
                    }
                }
                ends
            }
            Step::Optional(group) => {
                let mut ends = advance(group, chars, reach.clone());
                union(&mut ends, &reach);
                ends
            }
            Step::Either(alternatives) => {
                let mut ends = vec![false; reach.len()];
                for alternative in alternatives.iter() {
                    union(&mut ends, &advance(alternative, chars, reach.clone()));
                }
                ends
            }
        };
    }
    reach
}

/// Where `min..=max` characters of a class can take each start of `reach`: an end `p` is
/// reachable when some start `s` lies in `[p - max, p - min]` and every character between
/// them is in the class. One pass, with a running count of starts and the latest character
/// outside the class.
fn repeat(
    chars: &[char],
    reach: &[bool],
    in_class: impl Fn(char) -> bool,
    min: u32,
    max: Option<u32>,
) -> Vec<bool> {
    let min = usize::try_from(min).unwrap_or(usize::MAX);
    let max = max.map(|max| usize::try_from(max).unwrap_or(usize::MAX));
    // starts_before[i]: how many starts lie in 0..i.
    let mut starts_before = Vec::with_capacity(reach.len() + 1);
    starts_before.push(0usize);
    for (i, set) in reach.iter().enumerate() {
        starts_before.push(starts_before[i] + usize::from(*set));
    }
    let mut ends = vec![false; reach.len()];
    // The first position of the run of class characters that ends at `end`.
    let mut run_start = 0;
    for (end, reachable) in ends.iter_mut().enumerate() {
        if end > 0 && !in_class(chars[end - 1]) {
            run_start = end;
        }
        let Some(latest) = end.checked_sub(min) else {
            continue;
        };
        let earliest = match max {
            Some(max) => run_start.max(end.saturating_sub(max)),
            None => run_start,
        };
        *reachable = earliest <= latest && starts_before[latest + 1] > starts_before[earliest];
    }
    ends
}

fn union(into: &mut [bool], other: &[bool]) {
    for (a, b) in into.iter_mut().zip(other) {
        *a |= *b;
    }
}

#[cfg(test)]
mod tests {
    use crate::Pattern;

    #[test]
    fn whole_strings_only() {
        let decimal = Pattern::compile(r"^-?[0-9]{1,3}(\.[0-9]{1,2})?$").unwrap();
        for yes in ["0", "-1", "999", "12.5", "-12.50", "7.0"] {
            assert!(decimal.is_match(yes), "{yes}");
        }
        for no in ["", "-", "1000", "1.", "1.234", ".5", "1.5x", "x1", "١٢"] {
            assert!(!decimal.is_match(no), "{no}");
        }
        let at_sign = Pattern::compile(r"^[^@\s]+@.+$").unwrap();
        for yes in ["a@b", "日本@語", "a@b@c", "a@ b"] {
            assert!(at_sign.is_match(yes), "{yes}");
        }
        for no in ["@b", "a b@c", "a@", "a@\n"] {
            assert!(!at_sign.is_match(no), "{no}");
        }
        let anywhere = Pattern::compile("b+c").unwrap();
        assert!(anywhere.is_match("abbbcd\n"));
        assert!(!anywhere.is_match("abd"));
    }

    /// A pattern that takes a backtracking matcher exponential time (or polynomial of a high
    /// degree) is one pass per step here.
    #[test]
    fn hostile_patterns_cost_one_pass_per_step() {
        let stacked = Pattern::compile(&format!("^{}b$", "a*".repeat(30))).unwrap();
        let text = "a".repeat(20_000);
        assert!(!stacked.is_match(&text));
        let nested = Pattern::compile(&format!("^{}a{{20}}$", "(a?)?".repeat(20))).unwrap();
        assert!(nested.is_match(&"a".repeat(20)));
        assert!(!nested.is_match(&"a".repeat(41)));
    }
}
