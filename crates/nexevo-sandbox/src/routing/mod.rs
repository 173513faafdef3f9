//! Where a completion is served: each model's regions, a tier's candidate backends in each,
//! and a key's geo policy; which candidate serves a request is learned from feedback
//! ([`learned`]).
//!
//! | model | regions, preferred first | candidates per region (the first is the default) |
//! |---|---|---|
//! | `nexevo/fast` | overseas, cn | `nexevo-fast-1`, `nexevo-fast-2`; `nexevo-fast-cn-1`, `nexevo-fast-cn-2` |
//! | `nexevo/balanced` | overseas, cn | `nexevo-balanced-1`, `nexevo-balanced-2`; `nexevo-balanced-cn-1`, `nexevo-balanced-cn-2` |
//! | `openai/gpt-4o-mini`, `anthropic/claude-3-5-haiku` | overseas | the model itself |
//! | `deepseek/deepseek-chat` | cn, overseas | the model itself |
//! | any other model name | overseas | the model itself |
//!
//! A bring-your-own-key call is served in its model's regions by the region's first backend,
//! never re-routed. `cn-only` and `overseas-only` take the model's region of that name; `any`
//! takes the first listed.

pub(crate) mod learned;

use nexevo_api::types::{ErrorCode, GeoPolicy, Region};

use crate::errors::ApiError;

/// A model's regions, preferred first.
pub(crate) fn regions_of(model: &str) -> &'static [Region] {
    match model {
        "nexevo/fast" | "nexevo/balanced" => &[Region::Overseas, Region::Cn],
        "deepseek/deepseek-chat" => &[Region::Cn, Region::Overseas],
        _ => &[Region::Overseas],
    }
}

/// A tier's candidate backends in a region, the default first; `None` for a named model.
fn candidates(model: &str, region: &Region) -> Option<&'static [&'static str]> {
    Some(match (model, region) {
        ("nexevo/fast", Region::Cn) => &["nexevo-fast-cn-1", "nexevo-fast-cn-2"],
        ("nexevo/fast", _) => &["nexevo-fast-1", "nexevo-fast-2"],
        ("nexevo/balanced", Region::Cn) => &["nexevo-balanced-cn-1", "nexevo-balanced-cn-2"],
        ("nexevo/balanced", _) => &["nexevo-balanced-1", "nexevo-balanced-2"],
        _ => return None,
    })
}

/// Where a request may be served: its region, and the backends to choose from there.
#[derive(Debug, Clone)]
pub(crate) struct Route {
    pub(crate) region: Region,
    pub(crate) backends: Backends,
}

/// The backends a request may be served by.
#[derive(Debug, Clone)]
pub(crate) enum Backends {
    /// A tier's candidates, the default first: the router chooses by the payer's feedback.
    Learned(&'static [&'static str]),
    /// One backend, never re-routed: a named model, or a bring-your-own-key call.
    Fixed(String),
}

/// Where a call for `model` may be served under `policy`, or the 403 that refuses it.
pub(crate) fn route(model: &str, policy: &GeoPolicy, byok: bool) -> Result<Route, ApiError> {
    let allowed = |region: &Region| match policy {
        GeoPolicy::CnOnly => *region == Region::Cn,
        GeoPolicy::OverseasOnly => *region == Region::Overseas,
        // `any`, and a policy this version does not know, take the preferred region.
        _ => true,
    };
    let Some(region) = regions_of(model).iter().find(|r| allowed(r)).cloned() else {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::GeoRestricted,
            format!(
                "The model {model} is not served in a region the key's geo policy {policy} allows."
            ),
        ));
    };
    let backends = match candidates(model, &region) {
        Some(candidates) if !byok => Backends::Learned(candidates),
        Some(candidates) => Backends::Fixed(candidates[0].to_owned()),
        None => Backends::Fixed(model.to_owned()),
    };
    Ok(Route { region, backends })
}
