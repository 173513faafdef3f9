//! The sandbox's data: everything a real Nexevo account holds, in memory, behind one lock.
//!
//! Handlers take the lock for short, synchronous critical sections only (never across an
//! `.await`), so concurrent requests see each change whole. Slow work — password hashing —
//! happens outside it.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use nexevo_api::types::{GeoPolicy, MessageRole, OrgRole, PlanId, Tier};
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::attempts::TwoFactorAttempts;
use crate::errors::{ApiError, ApiResult};
use crate::routing::learned::Learner;

/// Who pays: a personal account or an organization.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Payer {
    User(String),
    Org(String),
}

impl Payer {
    /// The payer's name in the router's learning (`user:…` or `org:…`).
    pub(crate) fn routing_key(&self) -> String {
        match self {
            Payer::User(id) => format!("user:{id}"),
            Payer::Org(id) => format!("org:{id}"),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct User {
    pub(crate) user_id: String,
    pub(crate) email: String,
    pub(crate) full_name: Option<String>,
    pub(crate) password_hash: String,
    pub(crate) active: bool,
    pub(crate) created_at: DateTime<Utc>,
    /// The enrolled TOTP secret, once verified.
    pub(crate) totp_secret: Option<Vec<u8>>,
    /// A secret from `enable` awaiting `verify`.
    pub(crate) pending_totp_secret: Option<Vec<u8>>,
    /// The latest 30-second step whose code was accepted for the enrolled secret: a code of
    /// it or of an earlier step is refused (a code works once).
    pub(crate) totp_last_step: Option<u64>,
    /// The hashes of the password-reset tokens issued to this user, oldest first (at most
    /// [`RESET_TOKENS_PER_USER`]; some may have expired since).
    pub(crate) reset_token_hashes: VecDeque<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub(crate) user_id: String,
    pub(crate) expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub(crate) struct ApiKey {
    pub(crate) key_id: String,
    pub(crate) name: String,
    pub(crate) prefix: String,
    pub(crate) secret_hash: String,
    /// The user who created it; the key authenticates as this user.
    pub(crate) user_id: String,
    /// The organization that owns it, if it was created in an organization's context.
    pub(crate) org_id: Option<String>,
    pub(crate) revoked_at: Option<DateTime<Utc>>,
    pub(crate) monthly_spend_cap_usd: Option<Decimal>,
    pub(crate) alert_webhook_url: Option<String>,
    /// The secrets that sign its alerts: the newest last; an older one until it retires.
    pub(crate) signing_keys: Vec<SigningKey>,
    /// The alert thresholds already crossed, by month and event type.
    pub(crate) alerts_fired: std::collections::BTreeSet<(i32, &'static str)>,
    pub(crate) geo_policy: GeoPolicy,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) last_used_at: Option<DateTime<Utc>>,
    /// Spend per UTC month (`year * 12 + month`), for the cap.
    pub(crate) spend_by_month: BTreeMap<i32, Decimal>,
}

/// A webhook signing secret's key bytes, and when it stops signing (none while it is the
/// newest).
#[derive(Debug, Clone)]
pub(crate) struct SigningKey {
    pub(crate) bytes: Vec<u8>,
    pub(crate) retires_at: Option<DateTime<Utc>>,
}

impl ApiKey {
    /// The keys that sign a delivery at `now`.
    pub(crate) fn signing_keys_at(&self, now: DateTime<Utc>) -> impl Iterator<Item = &[u8]> {
        self.signing_keys
            .iter()
            .filter(move |key| key.retires_at.is_none_or(|at| now < at))
            .map(|key| key.bytes.as_slice())
    }

    pub(crate) fn payer(&self) -> Payer {
        match &self.org_id {
            Some(org) => Payer::Org(org.clone()),
            None => Payer::User(self.user_id.clone()),
        }
    }
}

/// A billable call, for usage and the upgrade hint.
#[derive(Debug, Clone)]
pub(crate) struct UsageRecord {
    pub(crate) at: DateTime<Utc>,
    pub(crate) tier: Tier,
    /// The price before any plan discount.
    pub(crate) list_cost: Decimal,
    /// What was charged.
    pub(crate) cost: Decimal,
}

#[derive(Debug, Clone)]
pub(crate) struct Checkout {
    pub(crate) checkout_session_id: String,
    pub(crate) amount_usd: Decimal,
    pub(crate) idempotency_key: String,
    pub(crate) created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub(crate) struct BillingAccount {
    pub(crate) balance: Decimal,
    pub(crate) plan: PlanId,
    pub(crate) updated_at: DateTime<Utc>,
    pub(crate) usage: Vec<UsageRecord>,
    /// Checkouts by their body `idempotency_key`.
    pub(crate) checkouts: HashMap<String, Checkout>,
}

impl BillingAccount {
    pub(crate) fn new(balance: Decimal, now: DateTime<Utc>) -> Self {
        Self {
            balance,
            plan: PlanId::Payg,
            updated_at: now,
            usage: Vec::new(),
            checkouts: HashMap::new(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub(crate) user_id: String,
    pub(crate) email: String,
    pub(crate) role: OrgRole,
    /// False until an account is registered with the invitation's token (an email that
    /// already had an account is active at once).
    pub(crate) active: bool,
    pub(crate) added_at: DateTime<Utc>,
    /// For an invited member, the invitation emailed to it.
    pub(crate) invitation: Option<Invitation>,
}

/// An invitation emailed to an address without an account: registering with its token proves
/// the mailbox and takes it.
#[derive(Debug, Clone)]
pub(crate) struct Invitation {
    pub(crate) token_hash: String,
    pub(crate) expires_at: DateTime<Utc>,
}

impl Member {
    /// Whether it awaits registration with an invitation that is still open at `now`.
    fn invited_at(&self, now: DateTime<Utc>) -> Option<&Invitation> {
        self.invitation
            .as_ref()
            .filter(|invitation| !self.active && invitation.expires_at > now)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Organization {
    pub(crate) org_id: String,
    pub(crate) name: String,
    pub(crate) created_at: DateTime<Utc>,
    /// The owner first, then in the order they joined.
    pub(crate) members: Vec<Member>,
}

impl Organization {
    pub(crate) fn owner(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.role == OrgRole::Owner)
    }

    pub(crate) fn member(&self, user_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.user_id == user_id)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct StoredMessage {
    pub(crate) message_id: String,
    pub(crate) role: MessageRole,
    pub(crate) content: String,
    pub(crate) created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub(crate) struct Conversation {
    pub(crate) conversation_id: String,
    pub(crate) user_id: String,
    pub(crate) title: Option<String>,
    pub(crate) metadata: serde_json::Map<String, serde_json::Value>,
    pub(crate) messages: Vec<StoredMessage>,
    pub(crate) created_at: DateTime<Utc>,
    pub(crate) updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub(crate) struct Generation {
    pub(crate) user_id: String,
    /// Who paid for it: whose routing a rating of it trains.
    pub(crate) payer: Payer,
    /// The backend that served it.
    pub(crate) routed_model: String,
    pub(crate) tier: Tier,
    /// Whether the router chose its backend (a tier), so a rating of it trains the router.
    pub(crate) learned: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Feedback {
    pub(crate) feedback_id: String,
    pub(crate) user_id: String,
    pub(crate) generation_id: String,
    /// The backend that served the generation, and its tier.
    pub(crate) routed_model: String,
    pub(crate) tier: Tier,
    pub(crate) rating: i32,
    pub(crate) comment: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) created_at: DateTime<Utc>,
}

/// A password-reset token, kept until it is used (which spends every token of its user),
/// expires, or is retired by newer ones.
#[derive(Debug, Clone)]
pub(crate) struct ResetToken {
    pub(crate) user_id: String,
    pub(crate) expires_at: DateTime<Utc>,
}

/// How many unexpired reset tokens a user holds at most: a new one retires the oldest, so
/// that requests for one address cannot grow the store.
pub(crate) const RESET_TOKENS_PER_USER: usize = 5;

/// The keys of a map whose entries expire a fixed time after they are made, in the order they
/// were made — so in the order they expire, and pruning takes from the front only: O(1) per
/// entry, however many there are.
#[derive(Debug, Default)]
pub(crate) struct ExpiryQueue(VecDeque<(DateTime<Utc>, String)>);

impl ExpiryQueue {
    pub(crate) fn push(&mut self, expires_at: DateTime<Utc>, key: String) {
        self.0.push_back((expires_at, key));
    }

    /// Removes from `map` every entry that has expired at `now` (by `expires_at`). Keys of
    /// entries already removed otherwise are dropped from the queue as they come up, and all
    /// at once when they outnumber the live ones.
    pub(crate) fn prune<V>(
        &mut self,
        map: &mut HashMap<String, V>,
        now: DateTime<Utc>,
        expires_at: impl Fn(&V) -> DateTime<Utc>,
    ) {
        while let Some((at, key)) = self.0.front() {
            if *at > now {
                break;
            }
            if map.get(key).is_some_and(|value| expires_at(value) <= now) {
                map.remove(key);
            }
            self.0.pop_front();
        }
        if self.0.len() > 2 * map.len() + 64 {
            self.0.retain(|(_, key)| map.contains_key(key));
        }
    }
}

/// How many emails the outbox keeps: past it, the oldest go first.
pub const OUTBOX_CAPACITY: usize = 1_000;

/// An email the sandbox "sent" (password resets, invitations), readable from the handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentEmail {
    /// The recipient.
    pub to: String,
    /// The subject line.
    pub subject: String,
    /// The single-use token the email carries.
    pub token: String,
}

/// Everything the sandbox knows.
#[derive(Debug, Default)]
pub(crate) struct Data {
    pub(crate) users: BTreeMap<String, User>,
    pub(crate) user_by_email: HashMap<String, String>,
    pub(crate) sessions: HashMap<String, Session>,
    pub(crate) keys: BTreeMap<String, ApiKey>,
    pub(crate) key_by_hash: HashMap<String, String>,
    pub(crate) billing: HashMap<Payer, BillingAccount>,
    pub(crate) orgs: BTreeMap<String, Organization>,
    pub(crate) conversations: BTreeMap<String, Conversation>,
    pub(crate) generations: HashMap<String, Generation>,
    pub(crate) feedback: Vec<Feedback>,
    /// The sessions by their expiry, for pruning.
    pub(crate) sessions_by_expiry: ExpiryQueue,
    pub(crate) reset_tokens: HashMap<String, ResetToken>,
    /// The reset tokens by their expiry, for pruning.
    pub(crate) reset_tokens_by_expiry: ExpiryQueue,
    /// The latest [`OUTBOX_CAPACITY`] emails, oldest first.
    pub(crate) outbox: VecDeque<SentEmail>,
    pub(crate) two_factor_attempts: TwoFactorAttempts,
    /// What the router learned from feedback.
    pub(crate) learner: Learner,
}

impl Data {
    /// The user behind a credential; gone (deactivated and removed) is unauthorized.
    pub(crate) fn user(&self, user_id: &str) -> ApiResult<&User> {
        self.users
            .get(user_id)
            .ok_or_else(|| ApiError::unauthorized("No such user."))
    }

    /// [`Data::user`], to change.
    pub(crate) fn user_mut(&mut self, user_id: &str) -> ApiResult<&mut User> {
        self.users
            .get_mut(user_id)
            .ok_or_else(|| ApiError::unauthorized("No such user."))
    }

    /// The id given to `email` when an organization invited it before it had an account: an
    /// invitee keeps one id across every organization that invites it, and takes it on
    /// registering with an invitation's token.
    pub(crate) fn pending_invitee(&self, email: &str) -> Option<String> {
        self.orgs
            .values()
            .flat_map(|org| &org.members)
            .find(|m| !m.active && m.email == email)
            .map(|m| m.user_id.clone())
    }

    /// The user id of the invitation to `email` whose token hashes to `token_hash`, if it is
    /// still open at `now`.
    pub(crate) fn open_invitation(
        &self,
        email: &str,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Option<String> {
        self.orgs
            .values()
            .flat_map(|org| &org.members)
            .find(|member| {
                member.email == email
                    && member
                        .invited_at(now)
                        .is_some_and(|invitation| invitation.token_hash == token_hash)
            })
            .map(|member| member.user_id.clone())
    }

    /// `user_id`, who proved it holds `email`'s mailbox, joins every organization whose
    /// invitation to it is still open.
    pub(crate) fn accept_invitations(&mut self, email: &str, user_id: &str, now: DateTime<Utc>) {
        for member in self
            .orgs
            .values_mut()
            .flat_map(|org| org.members.iter_mut())
        {
            if member.email == email && member.invited_at(now).is_some() {
                member.active = true;
                member.user_id = user_id.to_owned();
                member.invitation = None;
            }
        }
    }

    /// Starts a session (its token's hash), pruning the expired ones first.
    pub(crate) fn add_session(&mut self, token_hash: String, session: Session, now: DateTime<Utc>) {
        self.sessions_by_expiry
            .prune(&mut self.sessions, now, |session| session.expires_at);
        self.sessions_by_expiry
            .push(session.expires_at, token_hash.clone());
        self.sessions.insert(token_hash, session);
    }

    /// Issues a reset token (its hash) to its user, pruning expired tokens first and retiring
    /// the user's oldest past [`RESET_TOKENS_PER_USER`].
    pub(crate) fn add_reset_token(
        &mut self,
        token_hash: String,
        token: ResetToken,
        now: DateTime<Utc>,
    ) {
        self.reset_tokens_by_expiry
            .prune(&mut self.reset_tokens, now, |token| token.expires_at);
        let Some(user) = self.users.get_mut(&token.user_id) else {
            return;
        };
        let tokens = &mut self.reset_tokens;
        user.reset_token_hashes
            .retain(|hash| tokens.contains_key(hash));
        while user.reset_token_hashes.len() >= RESET_TOKENS_PER_USER {
            if let Some(oldest) = user.reset_token_hashes.pop_front() {
                tokens.remove(&oldest);
            }
        }
        user.reset_token_hashes.push_back(token_hash.clone());
        self.reset_tokens_by_expiry
            .push(token.expires_at, token_hash.clone());
        tokens.insert(token_hash, token);
    }

    /// Spends a reset token: the user it was issued to, if it is unexpired at `now`. Every
    /// other token of that user stops working with it.
    pub(crate) fn spend_reset_token(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Option<String> {
        let token = self
            .reset_tokens
            .get(token_hash)
            .filter(|token| token.expires_at > now)?;
        let user_id = token.user_id.clone();
        if let Some(user) = self.users.get_mut(&user_id) {
            for hash in user.reset_token_hashes.drain(..) {
                self.reset_tokens.remove(&hash);
            }
        }
        self.reset_tokens.remove(token_hash);
        Some(user_id)
    }

    /// Puts an email in the outbox, dropping the oldest past [`OUTBOX_CAPACITY`].
    pub(crate) fn send_email(&mut self, email: SentEmail) {
        if self.outbox.len() >= OUTBOX_CAPACITY {
            self.outbox.pop_front();
        }
        self.outbox.push_back(email);
    }

    pub(crate) fn billing_mut(&mut self, payer: &Payer, now: DateTime<Utc>) -> &mut BillingAccount {
        self.billing
            .entry(payer.clone())
            .or_insert_with(|| BillingAccount::new(Decimal::ZERO, now))
    }
}

/// How far ahead of the real time the clock can be moved: 7,000 years, so that the sandbox's
/// time plus anything it adds to it (a session's life, a month) stays within the API's years
/// (up to 9999) and within what date arithmetic can hold.
pub(crate) const MAX_CLOCK_OFFSET_SECONDS: i64 = 7_000 * 366 * 24 * 3600;

/// The sandbox's state: its data and its clock.
#[derive(Debug, Default)]
pub(crate) struct Store {
    data: Mutex<Data>,
    clock_offset_seconds: AtomicI64,
}

impl Store {
    /// Locks the data. A handler that panicked cannot leave it half-changed in a way later
    /// requests cannot cope with, so a poisoned lock is simply taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Data> {
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The sandbox's time: the real time, moved forward by [`Store::advance_clock`].
    pub(crate) fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::seconds(self.clock_offset_seconds.load(Ordering::Relaxed))
    }

    /// Moves the clock forward by `by`, at most to [`MAX_CLOCK_OFFSET_SECONDS`] ahead of the
    /// real time.
    pub(crate) fn advance_clock(&self, by: std::time::Duration) {
        let seconds = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        let _ = self.clock_offset_seconds.fetch_update(
            Ordering::Relaxed,
            Ordering::Relaxed,
            |offset| Some(offset.saturating_add(seconds).min(MAX_CLOCK_OFFSET_SECONDS)),
        );
    }
}

/// A UTC month as one number, for spend caps.
pub(crate) fn month_index(at: DateTime<Utc>) -> i32 {
    at.year() * 12 + i32::try_from(at.month0()).unwrap_or(0)
}

/// The UTC day of a time.
/// A day as the API writes it (every day the sandbox's clock reaches is in the API's range).
pub(crate) fn api_date(day: NaiveDate) -> nexevo_api::Date {
    nexevo_api::Timestamp::from(day.and_time(chrono::NaiveTime::MIN).and_utc()).date()
}

pub(crate) fn day_of(at: DateTime<Utc>) -> NaiveDate {
    at.date_naive()
}

/// A new random id with a prefix: `key_3f9a0c1d2e3f4a5b`.
pub(crate) fn new_id(prefix: &str) -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("{prefix}{}", &random[..16])
}

/// A new random secret of `bytes` bytes, hex encoded.
pub(crate) fn random_hex(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes * 2);
    while out.len() < bytes * 2 {
        out.push_str(&uuid::Uuid::new_v4().simple().to_string());
    }
    out.truncate(bytes * 2);
    out
}

/// Random bytes (from UUIDv4's generator).
pub(crate) fn random_bytes(count: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(count + 16);
    while out.len() < count {
        out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    }
    out.truncate(count);
    out
}

/// SHA-256 of a secret, hex encoded: how keys, sessions and reset tokens are stored.
pub(crate) fn secret_hash(secret: &str) -> String {
    let digest = Sha256::digest(secret.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
