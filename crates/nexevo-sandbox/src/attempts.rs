//! The limit on wrong two-factor codes: failures counted per account and client, and per
//! account over all clients, each with an exponential wait after the latest failure and a low
//! cap — guessing slows to a crawl, while nobody can keep an account's owner out for long.
//! Held in the store's data, so that a code is checked and counted in one critical section;
//! kept bounded, on the sandbox's clock. A leaf of the module graph.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

/// Wrong codes one client may send for an account before each next code waits.
pub(crate) const CLIENT_FREE_FAILURES: u32 = 5;
/// The longest a client waits after its own latest wrong code.
pub(crate) const CLIENT_MAX_WAIT: TimeDelta = TimeDelta::minutes(5);
/// Wrong codes all clients together may send for an account before every next code waits.
pub(crate) const ACCOUNT_FREE_FAILURES: u32 = 10;
/// The longest anyone waits after the account's latest wrong code: another client's failures
/// slow the owner down by this much at most.
pub(crate) const ACCOUNT_MAX_WAIT: TimeDelta = TimeDelta::minutes(1);
/// A count is forgotten this long after its latest wrong code.
pub(crate) const FORGET_AFTER: TimeDelta = TimeDelta::hours(1);
/// The most counts kept in each map: past it, the forgotten go first, then the stalest.
pub(crate) const MAX_COUNTS: usize = 10_000;

/// Wrong codes, and when the latest came.
#[derive(Debug, Clone, Copy)]
struct Failures {
    count: u32,
    latest: DateTime<Utc>,
}

impl Failures {
    fn forgotten(&self, now: DateTime<Utc>) -> bool {
        self.latest + FORGET_AFTER <= now
    }

    /// When the next code may be checked: `free` failures wait nothing, then 1 s after the
    /// latest, doubling with each one, up to `max`.
    fn next_check(&self, free: u32, max: TimeDelta) -> Option<DateTime<Utc>> {
        let beyond = self.count.checked_sub(free)?;
        let wait = TimeDelta::seconds(1_i64 << beyond.min(30)).min(max);
        Some(self.latest + wait)
    }
}

/// The wrong two-factor codes of every account, per client and in all.
#[derive(Debug, Default)]
pub(crate) struct TwoFactorAttempts {
    /// By (account, client): the client is the credential a request was sent with, or one
    /// name for all logins of the account (which carry none).
    by_client: HashMap<(String, String), Failures>,
    by_account: HashMap<String, Failures>,
}

impl TwoFactorAttempts {
    /// How long `client` must still wait before a code of its for `account` is checked, if at
    /// all: the longer of its own wait and the account's.
    pub(crate) fn wait(
        &self,
        account: &str,
        client: &str,
        now: DateTime<Utc>,
    ) -> Option<std::time::Duration> {
        let own = self
            .by_client
            .get(&(account.to_owned(), client.to_owned()))
            .filter(|failures| !failures.forgotten(now))
            .and_then(|failures| failures.next_check(CLIENT_FREE_FAILURES, CLIENT_MAX_WAIT));
        let shared = self
            .by_account
            .get(account)
            .filter(|failures| !failures.forgotten(now))
            .and_then(|failures| failures.next_check(ACCOUNT_FREE_FAILURES, ACCOUNT_MAX_WAIT));
        let until = own.max(shared)?;
        (until > now).then(|| (until - now).to_std().unwrap_or_default())
    }

    /// Counts a wrong code of `client` for `account`.
    pub(crate) fn failed(&mut self, account: &str, client: &str, now: DateTime<Utc>) {
        count(
            &mut self.by_client,
            (account.to_owned(), client.to_owned()),
            now,
        );
        count(&mut self.by_account, account.to_owned(), now);
    }

    /// A correct code: the client's count starts again. The account's stays, to be forgotten
    /// in time, so that succeeding from one client does not free another to guess.
    pub(crate) fn succeeded(&mut self, account: &str, client: &str) {
        self.by_client
            .remove(&(account.to_owned(), client.to_owned()));
    }

    /// How many counts are kept, in both maps.
    pub(crate) fn len(&self) -> usize {
        self.by_client.len() + self.by_account.len()
    }
}

/// Adds a failure to `key`'s count (a forgotten count starts again), making room first when
/// the map is full.
fn count<K: std::hash::Hash + Eq + Clone>(
    map: &mut HashMap<K, Failures>,
    key: K,
    now: DateTime<Utc>,
) {
    if !map.contains_key(&key) && map.len() >= MAX_COUNTS {
        map.retain(|_, failures| !failures.forgotten(now));
        if map.len() >= MAX_COUNTS {
            let stalest = map
                .iter()
                .min_by_key(|(_, failures)| failures.latest)
                .map(|(key, _)| key.clone());
            if let Some(stalest) = stalest {
                map.remove(&stalest);
            }
        }
    }
    let failures = map.entry(key).or_insert(Failures {
        count: 0,
        latest: now,
    });
    if failures.forgotten(now) {
        failures.count = 0;
    }
    failures.count = failures.count.saturating_add(1);
    failures.latest = now;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + TimeDelta::seconds(seconds)
    }

    fn waits(attempts: &TwoFactorAttempts, client: &str, now: DateTime<Utc>) -> Option<u64> {
        attempts.wait("u_1", client, now).map(|wait| wait.as_secs())
    }

    #[test]
    fn a_client_waits_twice_as_long_after_each_failure_past_its_free_ones_up_to_the_cap() {
        let mut attempts = TwoFactorAttempts::default();
        let mut now = at(0);
        for _ in 0..CLIENT_FREE_FAILURES {
            assert_eq!(waits(&attempts, "a", now), None);
            attempts.failed("u_1", "a", now);
        }
        let mut expected = 1;
        for _ in 0..12 {
            assert_eq!(waits(&attempts, "a", now), Some(expected));
            now += TimeDelta::seconds(i64::try_from(expected).unwrap());
            assert_eq!(waits(&attempts, "a", now), None);
            attempts.failed("u_1", "a", now);
            expected = (expected * 2).min(300);
        }
        assert_eq!(waits(&attempts, "a", now), Some(300));
        // Another client is held only by the account's ceiling: a minute at most.
        assert_eq!(waits(&attempts, "b", now), Some(60));
        // A success frees its client; the account's count is forgotten an hour on.
        attempts.succeeded("u_1", "a");
        assert_eq!(waits(&attempts, "a", now), Some(60));
        assert_eq!(waits(&attempts, "a", now + FORGET_AFTER), None);
    }

    #[test]
    fn the_counts_stay_within_their_cap() {
        let mut attempts = TwoFactorAttempts::default();
        for n in 0..(MAX_COUNTS + 100) {
            let now = at(0) + TimeDelta::milliseconds(i64::try_from(n).unwrap());
            attempts.failed(&format!("u_{n}"), "login", now);
        }
        assert_eq!(attempts.len(), 2 * MAX_COUNTS);
        // The stalest went first.
        assert!(!attempts.by_account.contains_key("u_0"));
        assert!(
            attempts
                .by_account
                .contains_key(&format!("u_{}", MAX_COUNTS + 99))
        );
    }
}
