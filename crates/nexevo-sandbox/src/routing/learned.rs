//! The router that learns from feedback: per payer (named by `Payer::routing_key`), a score
//! per backend from its thumbs up and down, forgetting with a half-life; the best-scored
//! candidate serves a request, except for a share that explores the others.
//!
//! A choice is a function of the seed, the payer, the payer's ordinal (how many of its tier
//! requests the router has chosen for since it first rated) and its scores, so it does not
//! depend on how other payers' requests interleave with its own. Only payers who rated a
//! generation have state, at most [`RoutingSettings::max_payers`] of them: the least recently
//! routed or rated is forgotten first. Per payer it holds a score per backend that served a
//! rated generation, so at most one per candidate of the catalogue.
// Scores and rating weights are shares and decays, never money: floating point is exact
// enough, and the lint that keeps money exact does not apply to them.
#![allow(clippy::float_arithmetic)]

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use nexevo_api::types::RoutingReason;

use crate::seeded::{fnv, splitmix};

/// How fast a rating is forgotten: its weight halves every this many seconds (7 days).
const HALF_LIFE_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// A backend whose ratings weigh less than this in all is forgotten, as if never rated.
const FORGOTTEN_BELOW: f64 = 1.0 / 64.0;

/// How the router learns, set on the sandbox's builder or by its flags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RoutingSettings {
    /// Seeds the exploration draws.
    pub(crate) seed: u64,
    /// The share of a learned payer's requests that go to a backend other than the best.
    pub(crate) exploration: f64,
    /// Off: every tier request goes to its default backend, whatever the feedback.
    pub(crate) learning: bool,
    /// The most payers whose scores are kept.
    pub(crate) max_payers: usize,
}

impl Default for RoutingSettings {
    fn default() -> Self {
        Self {
            seed: 0,
            exploration: 0.1,
            learning: true,
            max_payers: 10_000,
        }
    }
}

/// Thumbs up and down for one backend, each a sum of weights as of `as_of`.
#[derive(Debug, Clone)]
struct Score {
    up: f64,
    down: f64,
    as_of: DateTime<Utc>,
}

impl Score {
    /// The sums as of `now`: every weight halved once per half-life since `as_of`.
    fn decayed(&self, now: DateTime<Utc>) -> (f64, f64) {
        let factor = decay(self.as_of, now);
        (self.up * factor, self.down * factor)
    }

    /// The share of thumbs up, with one pseudo-rating each way: one half for a backend with
    /// no weight left.
    fn value(&self, now: DateTime<Utc>) -> f64 {
        let (up, down) = self.decayed(now);
        (up + 1.0) / (up + down + 2.0)
    }
}

/// The factor a weight keeps from `then` to `now`.
fn decay(then: DateTime<Utc>, now: DateTime<Utc>) -> f64 {
    let seconds = (now - then).num_milliseconds().max(0) as f64 / 1000.0;
    0.5_f64.powf(seconds / HALF_LIFE_SECONDS)
}

/// One payer's learning.
#[derive(Debug)]
struct PayerState {
    /// Tier requests chosen for since the payer's state began.
    ordinal: u64,
    /// When it was last routed or rated, in the learner's ticks (for forgetting the least
    /// recent payer first).
    touched: u64,
    scores: BTreeMap<String, Score>,
}

/// Every payer's learning.
#[derive(Debug, Default)]
pub(crate) struct Learner {
    payers: HashMap<String, PayerState>,
    /// Payers by when they were last touched.
    recency: BTreeMap<u64, String>,
    tick: u64,
}

impl Learner {
    /// The backend among `candidates` (the default first) that serves `payer`'s next request,
    /// and why.
    pub(crate) fn choose(
        &mut self,
        settings: &RoutingSettings,
        payer: &str,
        candidates: &[&str],
        now: DateTime<Utc>,
    ) -> (String, RoutingReason) {
        let default = candidates.first().copied().unwrap_or_default();
        if !settings.learning {
            return (default.to_owned(), RoutingReason::Default);
        }
        let tick = self.next_tick();
        let Some(state) = self.payers.get_mut(payer) else {
            return (default.to_owned(), RoutingReason::Default);
        };
        self.recency.remove(&state.touched);
        state.touched = tick;
        self.recency.insert(tick, payer.to_owned());
        forget_faded(state, now);
        if !candidates.iter().any(|c| state.scores.contains_key(*c)) {
            return (default.to_owned(), RoutingReason::Default);
        }
        let ordinal = state.ordinal;
        state.ordinal += 1;
        let value = |backend: &str| state.scores.get(backend).map_or(0.5, |s| s.value(now));
        // The first of the best, so a tie keeps the default.
        let best = candidates
            .iter()
            .copied()
            .fold(None::<(&str, f64)>, |best, backend| {
                let score = value(backend);
                match best {
                    Some((_, top)) if top >= score => best,
                    _ => Some((backend, score)),
                }
            })
            .map_or(default, |(backend, _)| backend);
        let draw = draw(settings.seed, payer, ordinal);
        let others: Vec<&str> = candidates.iter().copied().filter(|c| *c != best).collect();
        if unit(draw) < settings.exploration && !others.is_empty() {
            let pick = usize::try_from(splitmix(draw) % others.len() as u64).unwrap_or(0);
            return (others[pick].to_owned(), RoutingReason::Exploring);
        }
        (best.to_owned(), RoutingReason::Learned)
    }

    /// Counts a rating (`up` or down) of a generation `backend` served `payer`, given at `at`;
    /// `replaced` is the rating it replaces, with when that was given.
    pub(crate) fn rate(
        &mut self,
        settings: &RoutingSettings,
        payer: &str,
        backend: &str,
        up: bool,
        replaced: Option<(bool, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) {
        let tick = self.next_tick();
        if !self.payers.contains_key(payer) {
            while self.payers.len() >= settings.max_payers.max(1) {
                let Some((_, oldest)) = self.recency.pop_first() else {
                    break;
                };
                self.payers.remove(&oldest);
            }
            self.payers.insert(
                payer.to_owned(),
                PayerState {
                    ordinal: 0,
                    touched: tick,
                    scores: BTreeMap::new(),
                },
            );
        } else if let Some(state) = self.payers.get(payer) {
            self.recency.remove(&state.touched);
        }
        self.recency.insert(tick, payer.to_owned());
        let Some(state) = self.payers.get_mut(payer) else {
            return;
        };
        state.touched = tick;
        let score = state.scores.entry(backend.to_owned()).or_insert(Score {
            up: 0.0,
            down: 0.0,
            as_of: now,
        });
        let (mut ups, mut downs) = score.decayed(now);
        if let Some((was_up, given)) = replaced {
            // The earlier rating's weight now, taken back out.
            let weight = decay(given, now);
            if was_up {
                ups = (ups - weight).max(0.0);
            } else {
                downs = (downs - weight).max(0.0);
            }
        }
        if up {
            ups += 1.0;
        } else {
            downs += 1.0;
        }
        *score = Score {
            up: ups,
            down: downs,
            as_of: now,
        };
    }

    /// How many payers have learning state.
    pub(crate) fn payers_kept(&self) -> usize {
        self.payers.len()
    }

    fn next_tick(&mut self) -> u64 {
        self.tick += 1;
        self.tick
    }
}

/// Drops the backends whose ratings have all but faded.
fn forget_faded(state: &mut PayerState, now: DateTime<Utc>) {
    state.scores.retain(|_, score| {
        let (up, down) = score.decayed(now);
        up + down >= FORGOTTEN_BELOW
    });
}

/// The draw for a payer's `ordinal`-th request: the same for the same seed, payer and ordinal.
fn draw(seed: u64, payer: &str, ordinal: u64) -> u64 {
    splitmix(seed ^ splitmix(fnv(payer.as_bytes()) ^ splitmix(ordinal)))
}

/// A draw as a number in `[0, 1)`.
fn unit(draw: u64) -> f64 {
    (draw >> 11) as f64 / (1u64 << 53) as f64
}
