//! What `create` and `create_stream` do before sending: check the request and work out its
//! headers.

use nexevo_api::Validate;
use nexevo_api::validate::params;
use nexevo_core::__private;
use nexevo_core::{Client, Result};

use crate::request::ChatRequest;

/// Checks a request and works out its headers: the provider key, organization and
/// `Idempotency-Key`.
pub(crate) struct Prepared {
    pub(crate) body: nexevo_api::types::ChatCompletionRequest,
    pub(crate) provider_key: Option<String>,
    pub(crate) organization: Option<String>,
    pub(crate) idempotency_key: String,
}

pub(crate) fn prepare(client: &Client, request: ChatRequest, stream: bool) -> Result<Prepared> {
    if let Some(invalid) = request.invalid {
        return Err(invalid.into());
    }
    let mut body = request.body;
    body.stream = stream;
    body.validate()?;
    let provider_key = match &request.provider_key {
        Some(key) => {
            params::provider_key(key.expose())?;
            Some(key.expose().to_owned())
        }
        None => None,
    };
    let organization =
        __private::organization_header(client, params::nexevo_organization)?.map(str::to_owned);
    let idempotency_key =
        __private::idempotency_key(request.idempotency_key.as_deref(), params::idempotency_key)?;
    Ok(Prepared {
        body,
        provider_key,
        organization,
        idempotency_key,
    })
}
