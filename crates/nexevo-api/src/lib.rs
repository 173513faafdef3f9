//! The low-level Nexevo API client, generated from `openapi/nexevo.yaml`.
//!
//! Most users want the `nexevo` crate instead: it wraps this one with retries, idempotency,
//! typed errors and builders. This crate is the boring layer under it:
//!
//! - [`Client`] has one `async fn` per operation of the spec, taking exactly the spec's
//!   parameters and answering `ResponseValue<T>` (the value plus status and headers), and beside
//!   it `<operation>_request`, which only builds the request (for a caller that sends it itself,
//!   as the SDK does). The `async fn`s send with the client's own `reqwest::Client`, once, as
//!   they are: credentials and any other header every request needs go on that client
//!   (below), and nothing retries.
//! - [`types`] holds a Rust type per schema. Money is [`rust_decimal::Decimal`] (sent and read as
//!   a string that keeps its scale), secrets are [`Secret`], instants and days are [`Timestamp`]
//!   and [`Date`] (with `chrono` conversions behind the `chrono` feature), enums the server may
//!   extend are open (an unknown value parses as `Unknown`).
//! - [`validate`] checks a value against every constraint the spec states; the SDK runs it before
//!   sending and the sandbox runs it on receipt.
//!
//! Each API area is a Cargo feature (`chat`, `conversations`, `auth`, `keys`, `billing`,
//! `orgs` (also `organizations`), `feedback`, or `full`); an area's operations and the types only it uses are
//! compiled only when its feature is on.
//!
//! ```no_run
//! # #[cfg(feature = "billing")]
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use nexevo_api::reqwest::header::{AUTHORIZATION, HeaderMap, HeaderValue};
//!
//! let mut authorization = HeaderValue::from_str("Bearer nx-live-…")?;
//! authorization.set_sensitive(true);
//! let http = nexevo_api::reqwest::Client::builder()
//!     .default_headers(HeaderMap::from_iter([(AUTHORIZATION, authorization)]))
//!     .build()?;
//! let api = nexevo_api::Client::new_with_client("https://api.nexevo.ai", http);
//! let balance = api.get_balance(None).await?.into_inner();
//! println!("{} USD", balance.balance_usd);
//! # Ok(()) }
//! ```
//!
//! Everything under `src/generated/` is written by `cargo xtask generate`; the rest of this crate
//! is the small hand-written support it builds on.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
// With no area enabled there are no open enums, so their support has no user yet.
#![cfg_attr(
    not(any(
        feature = "chat",
        feature = "conversations",
        feature = "auth",
        feature = "keys",
        feature = "billing",
        feature = "orgs",
        feature = "feedback"
    )),
    allow(dead_code, unused_macros, unused_imports)
)]

mod api_operation;
mod decimal_number;
mod generated;
mod open_enum;
mod request_error;
mod secret;
pub mod time;
#[cfg(feature = "chat")]
mod tool_arguments;
pub mod validation;

pub use api_operation::ApiOperation;
pub use decimal_number::DecimalNumber;
pub use generated::{
    API_VERSION, ByteStream, Client, ClientInfo, Error, OPERATIONS, ResponseValue, SECRET_FIELDS,
    SECRET_HEADERS, types, validate,
};
pub use open_enum::{UnknownValue, UnknownVariant};
pub use request_error::RequestError;
/// The HTTP client the generated code is built on, at the version it needs.
pub use reqwest;
/// Money: an exact decimal.
pub use rust_decimal::Decimal;
pub use secret::Secret;
pub use time::{Date, Timestamp};
#[cfg(feature = "chat")]
pub use tool_arguments::ToolArgumentsError;
pub use validation::{Validate, ValidationError};

pub(crate) use open_enum::open_enum_impls;

// Here rather than in `api_operation`, beside the table it reads: the generated table is made
// of `ApiOperation`s, so `api_operation` reads nothing generated.
impl ApiOperation {
    /// The operation with this id.
    pub fn by_id(id: &str) -> Option<&'static ApiOperation> {
        OPERATIONS.iter().find(|op| op.id == id)
    }
}

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(all(doctest, feature = "billing"))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
