// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The generated client: `Client`, its constructors, and the operations as data.

#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]

#[cfg(feature = "auth")]
mod auth;
#[cfg(feature = "billing")]
mod billing;
#[cfg(feature = "chat")]
mod chat;
#[cfg(feature = "conversations")]
mod conversations;
#[cfg(feature = "feedback")]
mod feedback;
#[cfg(feature = "keys")]
mod keys;
#[cfg(feature = "orgs")]
mod organizations;
pub mod types;
pub mod validate;
/// The version of the API this crate was generated from (the spec's `info.version`).
pub const API_VERSION: &str = "1.0.0";
/// Every operation of the spec, by path then method, whichever features are on.
pub const OPERATIONS: &[crate::ApiOperation] = &[
    crate::ApiOperation {
        id: "two_fa_status",
        method: "GET",
        path: "/v1/auth/2fa",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "disable_two_fa",
        method: "POST",
        path: "/v1/auth/2fa/disable",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "enable_two_fa",
        method: "POST",
        path: "/v1/auth/2fa/enable",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: None,
        responses: &["200", "401", "403", "409", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "verify_two_fa",
        method: "POST",
        path: "/v1/auth/2fa/verify",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "change_password",
        method: "POST",
        path: "/v1/auth/change-password",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "204", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "deactivate_account",
        method: "POST",
        path: "/v1/auth/deactivate",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "login",
        method: "POST",
        path: "/v1/auth/login",
        area: "auth",
        requires_auth: false,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "logout",
        method: "POST",
        path: "/v1/auth/logout",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: None,
        responses: &["204", "401", "409", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "me",
        method: "GET",
        path: "/v1/auth/me",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "update_profile",
        method: "PATCH",
        path: "/v1/auth/me",
        area: "auth",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "request_password_reset",
        method: "POST",
        path: "/v1/auth/password-reset",
        area: "auth",
        requires_auth: false,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &["202", "408", "409", "413", "415", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "confirm_password_reset",
        method: "POST",
        path: "/v1/auth/password-reset/confirm",
        area: "auth",
        requires_auth: false,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "204", "401", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "register",
        method: "POST",
        path: "/v1/auth/register",
        area: "auth",
        requires_auth: false,
        takes_idempotency_key: true,
        max_request_bytes: Some(8192u64),
        responses: &["201", "408", "409", "413", "415", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "get_balance",
        method: "GET",
        path: "/v1/billing/balance",
        area: "billing",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "create_checkout",
        method: "POST",
        path: "/v1/billing/checkout",
        area: "billing",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "201", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "get_plan",
        method: "GET",
        path: "/v1/billing/plan",
        area: "billing",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "get_upgrade_hint",
        method: "GET",
        path: "/v1/billing/upgrade-hint",
        area: "billing",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "get_usage",
        method: "GET",
        path: "/v1/billing/usage",
        area: "billing",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "create_chat_completion",
        method: "POST",
        path: "/v1/chat/completions",
        area: "chat",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4194304u64),
        responses: &[
            "200", "401", "402", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "list_conversations",
        method: "GET",
        path: "/v1/conversations",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "create_conversation",
        method: "POST",
        path: "/v1/conversations",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(8192u64),
        responses: &[
            "201", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "get_conversation",
        method: "GET",
        path: "/v1/conversations/{conversation_id}",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "404", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "delete_conversation",
        method: "DELETE",
        path: "/v1/conversations/{conversation_id}",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: None,
        responses: &["200", "401", "403", "404", "409", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "update_conversation",
        method: "PATCH",
        path: "/v1/conversations/{conversation_id}",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(8192u64),
        responses: &[
            "200", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "list_messages",
        method: "GET",
        path: "/v1/conversations/{conversation_id}/messages",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "404", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "append_message",
        method: "POST",
        path: "/v1/conversations/{conversation_id}/messages",
        area: "conversations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(1048576u64),
        responses: &[
            "201", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "submit_feedback",
        method: "POST",
        path: "/v1/feedback",
        area: "feedback",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(16384u64),
        responses: &[
            "201", "401", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "get_feedback_summary",
        method: "GET",
        path: "/v1/feedback/summary",
        area: "feedback",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "list_keys",
        method: "GET",
        path: "/v1/keys",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "create_key",
        method: "POST",
        path: "/v1/keys",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "201", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "get_key",
        method: "GET",
        path: "/v1/keys/{key_id}",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "404", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "revoke_key",
        method: "DELETE",
        path: "/v1/keys/{key_id}",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: None,
        responses: &["200", "401", "403", "404", "409", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "update_alert_webhook",
        method: "PUT",
        path: "/v1/keys/{key_id}/alert-webhook",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(16384u64),
        responses: &[
            "200", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "update_geo_policy",
        method: "PUT",
        path: "/v1/keys/{key_id}/geo-policy",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "update_spend_cap",
        method: "PUT",
        path: "/v1/keys/{key_id}/spend-cap",
        area: "keys",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "list_models",
        method: "GET",
        path: "/v1/models",
        area: "chat",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "403", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "list_organizations",
        method: "GET",
        path: "/v1/organizations",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "create_organization",
        method: "POST",
        path: "/v1/organizations",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "201", "401", "403", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "get_organization",
        method: "GET",
        path: "/v1/organizations/{org_id}",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "404", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "list_members",
        method: "GET",
        path: "/v1/organizations/{org_id}/members",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: false,
        max_request_bytes: None,
        responses: &["200", "401", "404", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "invite_member",
        method: "POST",
        path: "/v1/organizations/{org_id}/members",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "201", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "remove_member",
        method: "DELETE",
        path: "/v1/organizations/{org_id}/members/{user_id}",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: None,
        responses: &["204", "401", "403", "404", "409", "422", "429", "5XX"],
    },
    crate::ApiOperation {
        id: "change_member_role",
        method: "PUT",
        path: "/v1/organizations/{org_id}/members/{user_id}/role",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
    crate::ApiOperation {
        id: "transfer_owner",
        method: "POST",
        path: "/v1/organizations/{org_id}/transfer-owner",
        area: "organizations",
        requires_auth: true,
        takes_idempotency_key: true,
        max_request_bytes: Some(4096u64),
        responses: &[
            "200", "401", "403", "404", "408", "409", "413", "415", "422", "429", "5XX",
        ],
    },
];
/// The header parameters that carry secrets (`format: password`), lowercase: the SDK's
/// client marks them sensitive so no `Debug` of a request shows them.
pub const SECRET_HEADERS: &[&str] = &["x-nexevo-provider-key"];
/// The names of the JSON properties, in any request or answer body, whose values are
/// secrets (`format: password`): what a trace of a body redacts.
pub const SECRET_FIELDS: &[&str] = &[
    "current_password",
    "full_key",
    "invitation_token",
    "new_password",
    "otpauth_url",
    "password",
    "reset_token",
    "secret",
    "signing_secret",
    "token",
];
#[allow(unused_imports)]
pub use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
#[allow(unused_imports)]
use progenitor_client::{ClientHooks, OperationInfo, RequestBuilderExt, encode_path};
#[derive(Clone, Debug)]
/// Client for Nexevo API
///
/// Nexevo is an LLM API gateway: OpenAI-compatible chat completions routed across
/// tiers (`nexevo/fast`, `nexevo/balanced`, passthrough to a named model, or
/// bring-your-own-key), plus the account side: conversations, auth, API keys,
/// billing, organizations and RLHF feedback.
///
/// Conventions that hold for every operation:
/// - Every response carries `X-Request-Id` and the rate-limit headers.
/// - Every error has the shape `{"error": {"code", "message", "request_id"}}`;
///  validation failures (422) also name the offending `field`.
/// - Money is a decimal string that keeps its precision (`"100.00"`).
/// - Every operation that is not a GET accepts an `Idempotency-Key` header: the
///  first request with a key is applied once and its response is replayed for
///  repeats with the same key and body; the same key with a different body is a
///  409 `idempotency_conflict`. A key is scoped to the credential it was sent
///  with and to the operation, and kept for 24 hours (then it is a new request);
///  a server may forget a credential's oldest keys past a cap (the sandbox keeps
///  10,000 per credential, and 10,000 for all requests without one). A request
///  that fails (any error status) applies nothing and leaves the key unused.
///  A streamed answer is recorded like any other: a repeat gets its events
///  replayed (the same generation, charged once). A repeat that arrives while
///  the first request is still being answered waits for its answer, or, for a
///  stream still being produced, gets a 409 `idempotency_in_progress` with
///  `Retry-After` (and `retry-after-ms`): ask again after it. No other 409
///  carries `Retry-After`. A replay goes only to a credential that still
///  authenticates, or to the one that its own request ended (a logout, a
///  revocation of the key in use, a deactivation): everyone else gets the 401.
///  A client never repeats a stream once one of its events has reached its
///  caller.
/// - A client retrying a request sends `X-Nexevo-Retry-Count: N` with it (N is 1
///  on the first retry, 2 on the second, …), so the server and its logs can tell
///  retries apart; the header changes nothing else. A first attempt has none.
/// - A 429 (and a 503, when the server knows) carries `Retry-After` in seconds;
///  clients also honour it as an HTTP date, and a `retry-after-ms` header in
///  milliseconds, which takes precedence.
///
///
/// Version: 1.0.0
pub struct Client {
    pub(crate) baseurl: String,
    pub(crate) client: reqwest::Client,
}
impl Client {
    /// Create a new client.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new(baseurl: &str) -> Self {
        #[cfg(not(target_arch = "wasm32"))]
        let client = {
            let dur = ::std::time::Duration::from_secs(15u64);
            reqwest::ClientBuilder::new()
                .connect_timeout(dur)
                .timeout(dur)
        };
        #[cfg(target_arch = "wasm32")]
        let client = reqwest::ClientBuilder::new();
        Self::new_with_client(baseurl, client.build().unwrap())
    }
    /// Construct a new client with an existing `reqwest::Client`,
    /// allowing more control over its configuration.
    ///
    /// `baseurl` is the base URL provided to the internal
    /// `reqwest::Client`, and should include a scheme and hostname,
    /// as well as port and a path stem if applicable.
    pub fn new_with_client(baseurl: &str, client: reqwest::Client) -> Self {
        Self {
            baseurl: baseurl.to_string(),
            client,
        }
    }
}
impl ClientInfo<()> for Client {
    fn api_version() -> &'static str {
        "1.0.0"
    }
    fn baseurl(&self) -> &str {
        self.baseurl.as_str()
    }
    fn client(&self) -> &reqwest::Client {
        &self.client
    }
    fn inner(&self) -> &() {
        &()
    }
}
impl ClientHooks<()> for &Client {}
/// Items consumers will typically use such as the Client.
pub mod prelude {
    #[allow(unused_imports)]
    pub use super::Client;
}
