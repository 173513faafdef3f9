//! Writing a string a pattern matches: short, deterministic for a seed, and printable where
//! the pattern allows it.

use crate::{Class, Step};

/// The most characters an unbounded repetition adds to the fewest it needs.
const MOST_EXTRA: u32 = 3;

/// Characters preferred where a class allows them, so examples read well.
const PREFERRED: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-. ";

/// The fewest characters `steps` can match, or `None` when they match nothing.
pub(crate) fn shortest(steps: &[Step]) -> Option<u64> {
    steps.iter().try_fold(0u64, |total, step| {
        let least = match step {
            Step::Repeat { class, min, .. } => {
                if *min > 0 && first_member(class).is_none() {
                    return None;
                }
                u64::from(*min)
            }
            Step::Literal(text) => u64::try_from(text.chars().count()).unwrap_or(u64::MAX),
            Step::Optional(_) => 0,
            Step::Either(alternatives) => alternatives.iter().filter_map(|a| shortest(a)).min()?,
        };
        Some(total.saturating_add(least))
    })
}

/// A string `steps` match, chosen by `seed`, of at most `max_chars` characters; the caller has
/// checked that one exists and that the shortest fits.
pub(crate) fn write(steps: &[Step], seed: u64, max_chars: u64) -> String {
    let least = shortest(steps).unwrap_or(0);
    let mut writer = Writer {
        choices: seed,
        slack: max_chars.saturating_sub(least).min(MOST_SLACK),
        out: String::new(),
    };
    writer.steps(steps);
    writer.out
}

/// The most characters an example has beyond the fewest the pattern needs.
const MOST_SLACK: u64 = 32;

struct Writer {
    /// The state of a SplitMix64 stream of choices.
    choices: u64,
    /// Characters still allowed beyond the fewest the rest of the pattern needs.
    slack: u64,
    out: String,
}

impl Writer {
    fn steps(&mut self, steps: &[Step]) {
        for step in steps {
            self.step(step);
        }
    }

    fn step(&mut self, step: &Step) {
        match step {
            Step::Literal(text) => self.out.push_str(text),
            Step::Optional(group) => {
                if let Some(cost) = shortest(group)
                    && cost <= self.slack
                    && self.below(2) == 1
                {
                    self.slack -= cost;
                    self.steps(group);
                }
            }
            Step::Either(alternatives) => {
                let costs: Vec<(u64, &[Step])> = alternatives
                    .iter()
                    .filter_map(|a| Some((shortest(a)?, &a[..])))
                    .collect();
                let Some(least) = costs.iter().map(|(cost, _)| *cost).min() else {
                    return;
                };
                let fitting: Vec<(u64, &[Step])> = costs
                    .into_iter()
                    .filter(|(cost, _)| cost - least <= self.slack)
                    .collect();
                if let Some(&(cost, chosen)) = fitting.get(self.below(fitting.len())) {
                    self.slack -= cost - least;
                    self.steps(chosen);
                }
            }
            Step::Repeat { class, min, max } => {
                let members = members(class);
                if members.is_empty() {
                    return;
                }
                let room = max.map_or(u64::MAX, |max| u64::from(max - min));
                let most = room.min(self.slack).min(u64::from(MOST_EXTRA));
                let extra =
                    u64::try_from(self.below(usize::try_from(most).unwrap_or(0) + 1)).unwrap_or(0);
                self.slack -= extra;
                for _ in 0..u64::from(*min) + extra {
                    let pick = self.below(members.len());
                    self.out.push(members[pick]);
                }
            }
        }
    }

    /// A choice in `0..count` (0 when `count` is 0).
    fn below(&mut self, count: usize) -> usize {
        self.choices = self.choices.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.choices;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^= x >> 31;
        let count = u64::try_from(count).unwrap_or(u64::MAX).max(1);
        usize::try_from(x % count).unwrap_or(0)
    }
}

/// The characters an example draws from for `class`: the preferred ones it holds, else its
/// first member.
fn members(class: &Class) -> Vec<char> {
    let preferred: Vec<char> = PREFERRED.chars().filter(|&c| class.contains(c)).collect();
    if !preferred.is_empty() {
        return preferred;
    }
    first_member(class).into_iter().collect()
}

/// The lowest character in the class, found from its ranges (not by trying every character).
fn first_member(class: &Class) -> Option<char> {
    if !class.negated {
        return class.ranges.iter().map(|&(first, _)| first).min();
    }
    let mut ranges = class.ranges.to_vec();
    ranges.sort_unstable();
    let mut candidate = 0u32;
    for (first, last) in ranges {
        if candidate < u32::from(first) {
            break;
        }
        candidate = candidate.max(u32::from(last).saturating_add(1));
    }
    // Skip the surrogates, which are no characters.
    (candidate..=u32::from(char::MAX))
        .take(0x801)
        .find_map(char::from_u32)
        .filter(|&c| class.contains(c))
}

#[cfg(test)]
mod tests {
    use crate::Pattern;

    #[test]
    fn examples_match_and_are_deterministic() {
        for source in [
            r"^-?[0-9]+(\.[0-9]+)?$",
            r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
            r"^http(s|://(localhost|127\.0\.0\.1))?$",
            r"^[^\u0000-\uffff]$",
            r"^\d{3}-\d{4}$",
            "sku",
            r"^[A-Z][a-z]*( [A-Z][a-z]*)?$",
        ] {
            let pattern = Pattern::compile(source).unwrap();
            for seed in 0..200 {
                let example = pattern.example(seed, 100).unwrap();
                assert!(pattern.is_match(&example), "{source}: {example:?}");
                assert_eq!(pattern.example(seed, 100).unwrap(), example);
            }
        }
    }

    #[test]
    fn nothing_matches_or_too_long_is_none() {
        let everything_but_nothing = Pattern {
            source: "[^…]".into(),
            steps: vec![crate::Step::Repeat {
                class: crate::Class {
                    ranges: vec![('\0', char::MAX)].into(),
                    negated: true,
                },
                min: 1,
                max: Some(1),
            }]
            .into(),
        };
        assert_eq!(everything_but_nothing.shortest_match(), None);
        assert_eq!(everything_but_nothing.example(0, 100), None);

        let long = Pattern::compile("^a{200}(b|c{5000})$").unwrap();
        assert_eq!(long.shortest_match(), Some(201));
        assert_eq!(long.example(0, 200), None);
        let example = long.example(0, 201).unwrap();
        assert!(long.is_match(&example));

        let huge = Pattern::compile("^a{4294967295}b{4294967295}$").unwrap();
        assert_eq!(huge.shortest_match(), Some(2 * u64::from(u32::MAX)));
        assert_eq!(huge.example(0, 1_000), None);
    }
}
