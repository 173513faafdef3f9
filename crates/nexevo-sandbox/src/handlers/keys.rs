//! API keys: the secret shown once, spend caps, alert webhooks, geo policies.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use nexevo_api::Secret;
use nexevo_api::types::{
    CreateKeyRequest, CreatedKey, GeoPolicy, KeyList, KeyStatus, UpdateAlertWebhookRequest,
    UpdateGeoPolicyRequest, UpdateSpendCapRequest,
};
use nexevo_api::validate::params;
use rust_decimal::Decimal;

use crate::context::EndedItsCredential;
use crate::delivery_guard::destination;
use crate::errors::{ApiError, ApiResult};
use crate::extract::{
    Caller, Ctx, JsonBody, JsonBodyAsSent, QueryParams, ValidPath, broken, decimal_string_as_sent,
    page, path_param, require_manager,
};
use crate::state::{
    ApiKey, Data, Payer, SigningKey, month_index, new_id, random_bytes, random_hex, secret_hash,
};

pub(crate) fn to_api_key(key: &ApiKey, now: DateTime<Utc>) -> nexevo_api::types::ApiKey {
    nexevo_api::types::ApiKey {
        key_id: key.key_id.clone().into(),
        name: key.name.clone(),
        prefix: key.prefix.clone(),
        status: if key.revoked_at.is_some() {
            KeyStatus::Revoked
        } else {
            KeyStatus::Active
        },
        organization_id: key.org_id.clone(),
        monthly_spend_cap_usd: key.monthly_spend_cap_usd,
        month_to_date_spend_usd: key
            .spend_by_month
            .get(&month_index(now))
            .copied()
            .unwrap_or(Decimal::ZERO),
        alert_webhook_url: key.alert_webhook_url.clone(),
        geo_policy: key.geo_policy.clone(),
        created_at: key.created_at.into(),
        last_used_at: key.last_used_at.map(Into::into),
        revoked_at: key.revoked_at.map(Into::into),
    }
}

/// Whether a key belongs to the account (or organization) the request acts on.
fn in_context(key: &ApiKey, payer: &Payer) -> bool {
    key.payer() == *payer
}

/// Creates a key for `user_id`, paid by `org_id` if given: the secret and the stored key.
pub(crate) fn issue_key(
    data: &mut Data,
    user_id: &str,
    org_id: Option<String>,
    name: String,
    cap: Option<Decimal>,
    geo_policy: GeoPolicy,
    now: DateTime<Utc>,
) -> (String, ApiKey) {
    let secret = format!("nx-live-{}", random_hex(20));
    let key = ApiKey {
        key_id: new_id("key_"),
        name,
        prefix: secret.chars().take(12).collect(),
        secret_hash: secret_hash(&secret),
        user_id: user_id.to_owned(),
        org_id,
        revoked_at: None,
        monthly_spend_cap_usd: cap,
        alert_webhook_url: None,
        signing_keys: Vec::new(),
        alerts_fired: Default::default(),
        geo_policy,
        created_at: now,
        last_used_at: None,
        spend_by_month: Default::default(),
    };
    data.key_by_hash
        .insert(key.secret_hash.clone(), key.key_id.clone());
    data.keys.insert(key.key_id.clone(), key.clone());
    (secret, key)
}

pub(crate) async fn create_key(
    ctx: Ctx,
    caller: Caller,
    JsonBodyAsSent(body, sent): JsonBodyAsSent<CreateKeyRequest>,
) -> ApiResult<Response> {
    decimal_string_as_sent(&sent, "monthly_spend_cap_usd", body.monthly_spend_cap_usd)?;
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, role) = caller.payer(&data)?;
    require_manager(role.as_ref())?;
    let org_id = match payer {
        Payer::Org(org) => Some(org),
        Payer::User(_) => None,
    };
    let geo_policy = body.geo_policy.unwrap_or(GeoPolicy::Any);
    let (secret, key) = issue_key(
        &mut data,
        &caller.user_id,
        org_id,
        body.name,
        body.monthly_spend_cap_usd,
        geo_policy,
        now,
    );
    ctx.applied();
    let created = CreatedKey {
        full_key: Secret::new(secret),
        key: to_api_key(&key, now),
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

pub(crate) async fn list_keys(
    ctx: Ctx,
    caller: Caller,
    query: QueryParams,
) -> ApiResult<Json<KeyList>> {
    let now = ctx.app.store.now();
    let data = ctx.app.store.lock();
    let (payer, _) = caller.payer(&data)?;
    let mut keys: Vec<&ApiKey> = data
        .keys
        .values()
        .filter(|k| in_context(k, &payer))
        .collect();
    keys.sort_by(|a, b| {
        b.created_at
            .cmp(&a.created_at)
            .then(b.key_id.cmp(&a.key_id))
    });
    let (keys, next_cursor) = page(keys, &query)?;
    Ok(Json(KeyList {
        data: keys.into_iter().map(|k| to_api_key(k, now)).collect(),
        next_cursor,
    }))
}

/// Runs `change` on a key of the request's context, as a manager; answers the key.
fn with_key(
    ctx: &Ctx,
    caller: &Caller,
    key_id: &str,
    manage: bool,
    change: impl FnOnce(&mut ApiKey) -> ApiResult<bool>,
) -> ApiResult<Json<nexevo_api::types::ApiKey>> {
    path_param(key_id, params::key_id)?;
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, role) = caller.payer(&data)?;
    if manage {
        require_manager(role.as_ref())?;
    }
    let key = data
        .keys
        .get_mut(key_id)
        .filter(|k| in_context(k, &payer))
        .ok_or_else(|| ApiError::not_found(format!("No key {key_id}.")))?;
    if change(key)? {
        ctx.applied();
    }
    Ok(Json(to_api_key(key, now)))
}

pub(crate) async fn get_key(
    ctx: Ctx,
    caller: Caller,
    ValidPath(key_id): ValidPath<String>,
) -> ApiResult<Json<nexevo_api::types::ApiKey>> {
    with_key(&ctx, &caller, &key_id, false, |_| Ok(false))
}

pub(crate) async fn revoke_key(
    ctx: Ctx,
    caller: Caller,
    ValidPath(key_id): ValidPath<String>,
) -> ApiResult<Response> {
    let now = ctx.app.store.now();
    let revoked = with_key(&ctx, &caller, &key_id, true, |key| {
        if key.revoked_at.is_some() {
            return Ok(false);
        }
        key.revoked_at = Some(now);
        Ok(true)
    })?;
    Ok(if caller.key_id() == Some(key_id.as_str()) {
        EndedItsCredential::mark(revoked)
    } else {
        revoked.into_response()
    })
}

pub(crate) async fn update_spend_cap(
    ctx: Ctx,
    caller: Caller,
    ValidPath(key_id): ValidPath<String>,
    JsonBodyAsSent(body, sent): JsonBodyAsSent<UpdateSpendCapRequest>,
) -> ApiResult<Json<nexevo_api::types::ApiKey>> {
    decimal_string_as_sent(&sent, "monthly_spend_cap_usd", body.monthly_spend_cap_usd)?;
    let cap = match (body.monthly_spend_cap_usd, body.clear) {
        (Some(cap), false) => Some(cap),
        (None, true) => None,
        _ => {
            return Err(broken(
                "monthly_spend_cap_usd",
                "give exactly one of monthly_spend_cap_usd and clear: true",
            ));
        }
    };
    let month = month_index(ctx.app.store.now());
    with_key(&ctx, &caller, &key_id, true, |key| {
        key.monthly_spend_cap_usd = cap;
        crate::alerts::rearm(key, month);
        Ok(true)
    })
}

/// How long a replaced signing secret goes on signing, beside the new one.
const ROTATION_OVERLAP: chrono::TimeDelta = chrono::TimeDelta::hours(24);

pub(crate) async fn update_alert_webhook(
    ctx: Ctx,
    caller: Caller,
    ValidPath(key_id): ValidPath<String>,
    JsonBody(body): JsonBody<UpdateAlertWebhookRequest>,
) -> ApiResult<Json<nexevo_api::types::AlertWebhook>> {
    // What is refused whatever DNS says is refused now; the addresses a name resolves to are
    // checked at each delivery.
    if let Some(url) = &body.url {
        destination(url).map_err(|rule| ApiError::invalid("url", format!("url {rule}")))?;
    }
    let now = ctx.app.store.now();
    let mut secret = None;
    let Json(key) = with_key(&ctx, &caller, &key_id, true, |key| {
        key.alert_webhook_url = body.url.clone();
        if body.url.is_none() {
            key.signing_keys.clear();
            return Ok(true);
        }
        // The one in force goes on signing for the overlap; older ones are done.
        key.signing_keys
            .retain(|old| old.retires_at.is_none_or(|at| now < at));
        for old in &mut key.signing_keys {
            old.retires_at.get_or_insert(now + ROTATION_OVERLAP);
        }
        let bytes = random_bytes(24);
        secret = Some(format!("whsec_{}", BASE64.encode(&bytes)));
        key.signing_keys.push(SigningKey {
            bytes,
            retires_at: None,
        });
        Ok(true)
    })?;
    Ok(Json(nexevo_api::types::AlertWebhook {
        key,
        signing_secret: secret.map(Secret::new),
    }))
}

pub(crate) async fn update_geo_policy(
    ctx: Ctx,
    caller: Caller,
    ValidPath(key_id): ValidPath<String>,
    JsonBody(body): JsonBody<UpdateGeoPolicyRequest>,
) -> ApiResult<Json<nexevo_api::types::ApiKey>> {
    with_key(&ctx, &caller, &key_id, true, |key| {
        key.geo_policy = body.geo_policy;
        Ok(true)
    })
}
