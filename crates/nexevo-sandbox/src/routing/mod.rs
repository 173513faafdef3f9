//! Where a completion is served: each model's regions and backends, and a key's geo policy.
//!
//! | model | regions, preferred first | backend per region |
//! |---|---|---|
//! | `nexevo/fast` | overseas, cn | `nexevo-fast-1`, `nexevo-fast-cn-1` |
//! | `nexevo/balanced` | overseas, cn | `nexevo-balanced-1`, `nexevo-balanced-cn-1` |
//! | `openai/gpt-4o-mini`, `anthropic/claude-3-5-haiku` | overseas | the model itself |
//! | `deepseek/deepseek-chat` | cn, overseas | the model itself |
//! | any other model name | overseas | the model itself |
//!
//! A bring-your-own-key call is served in its model's regions. `cn-only` and `overseas-only`
//! take the model's backend in that region; `any` takes the first listed.

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

/// The region and backend a call for `model` is served by under `policy`, or the 403 that
/// refuses it.
pub(crate) fn route(model: &str, policy: &GeoPolicy) -> Result<(Region, String), ApiError> {
    let regions = regions_of(model);
    let allowed = |region: &Region| match policy {
        GeoPolicy::CnOnly => *region == Region::Cn,
        GeoPolicy::OverseasOnly => *region == Region::Overseas,
        // `any`, and a policy this version does not know, take the preferred region.
        _ => true,
    };
    let Some(region) = regions.iter().find(|region| allowed(region)).cloned() else {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            ErrorCode::GeoRestricted,
            format!(
                "The model {model} is not served in a region the key's geo policy {policy} allows."
            ),
        ));
    };
    let backend = match (model, &region) {
        ("nexevo/fast", Region::Cn) => "nexevo-fast-cn-1".to_owned(),
        ("nexevo/fast", _) => "nexevo-fast-1".to_owned(),
        ("nexevo/balanced", Region::Cn) => "nexevo-balanced-cn-1".to_owned(),
        ("nexevo/balanced", _) => "nexevo-balanced-1".to_owned(),
        (other, _) => other.to_owned(),
    };
    Ok((region, backend))
}
