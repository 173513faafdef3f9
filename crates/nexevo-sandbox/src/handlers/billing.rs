//! Billing: balance, usage by day and tier, plan, upgrade hint, checkout.

use axum::Json;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Duration, NaiveDate, TimeZone, Utc};
use nexevo_api::types::{
    Balance, CheckoutRequest, CheckoutSession, CheckoutStatus, ErrorCode, Plan, TierUsage,
    UpgradeHint, UpgradeHintResponse, Usage, UsageByTier, UsageDay,
};
use nexevo_api::types::{PlanId, Tier};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::errors::{ApiError, ApiResult};
use crate::extract::{Caller, Ctx, JsonBody, QueryParams, header_param, require_manager};
use crate::pricing::{PLANS, plan_terms};
use crate::state::{BillingAccount, Checkout, Payer, UsageRecord, day_of, new_id};

fn organization_id(payer: &Payer) -> Option<String> {
    match payer {
        Payer::Org(org) => Some(org.clone()),
        Payer::User(_) => None,
    }
}

pub(crate) async fn get_balance(ctx: Ctx, caller: Caller) -> ApiResult<Json<Balance>> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, _) = caller.payer(&data)?;
    let account = data.billing_mut(&payer, now);
    Ok(Json(Balance {
        balance_usd: account.balance,
        currency: "USD".into(),
        organization_id: organization_id(&payer),
        updated_at: account.updated_at.into(),
    }))
}

#[derive(Default)]
struct Tally {
    fast: (Decimal, u64),
    balanced: (Decimal, u64),
    passthrough: (Decimal, u64),
    byok: (Decimal, u64),
}

impl Tally {
    fn add(&mut self, record: &UsageRecord) {
        let slot = match record.tier {
            Tier::Fast => &mut self.fast,
            Tier::Balanced => &mut self.balanced,
            Tier::Byok => &mut self.byok,
            _ => &mut self.passthrough,
        };
        slot.0 += record.cost;
        slot.1 += 1;
    }

    fn total(&self) -> (Decimal, u64) {
        [self.fast, self.balanced, self.passthrough, self.byok]
            .iter()
            .fold((Decimal::ZERO, 0), |(cost, n), (c, r)| (cost + c, n + r))
    }

    fn by_tier(&self) -> UsageByTier {
        let usage = |(cost_usd, requests): (Decimal, u64)| TierUsage { cost_usd, requests };
        UsageByTier {
            fast: usage(self.fast),
            balanced: usage(self.balanced),
            passthrough: usage(self.passthrough),
            byok: usage(self.byok),
        }
    }
}

pub(crate) async fn get_usage(
    ctx: Ctx,
    caller: Caller,
    query: QueryParams,
) -> ApiResult<Json<Usage>> {
    let days = query.days()?;
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, _) = caller.payer(&data)?;
    let account = data.billing_mut(&payer, now);
    let today = day_of(now);
    let first = today - Duration::days(i64::from(days) - 1);
    let mut by_day: Vec<(NaiveDate, Tally)> = first
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|d| (d, Tally::default()))
        .collect();
    let mut total = Tally::default();
    for record in &account.usage {
        let day = day_of(record.at);
        if let Some((_, tally)) = by_day.iter_mut().find(|(d, _)| *d == day) {
            tally.add(record);
            total.add(record);
        }
    }
    let (total_cost_usd, total_requests) = total.total();
    Ok(Json(Usage {
        days,
        total_cost_usd,
        total_requests,
        by_tier: total.by_tier(),
        daily: by_day
            .iter()
            .map(|(date, tally)| {
                let (cost_usd, requests) = tally.total();
                UsageDay {
                    date: crate::state::api_date(*date),
                    cost_usd,
                    requests,
                    by_tier: tally.by_tier(),
                }
            })
            .collect(),
    }))
}

fn percent(fraction: Decimal) -> Decimal {
    (fraction * Decimal::ONE_HUNDRED).normalize()
}

pub(crate) async fn get_plan(ctx: Ctx, caller: Caller) -> ApiResult<Json<Plan>> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, _) = caller.payer(&data)?;
    let account = data.billing_mut(&payer, now);
    let (name, fee, discount) = plan_terms(&account.plan);
    let next_month = if now.month() == 12 {
        (now.year() + 1, 1)
    } else {
        (now.year(), now.month() + 1)
    };
    let renews_at = Utc
        .with_ymd_and_hms(next_month.0, next_month.1, 1, 0, 0, 0)
        .single();
    Ok(Json(Plan {
        plan_id: account.plan.clone(),
        name: name.into(),
        monthly_fee_usd: fee,
        usage_discount_pct: percent(discount),
        renews_at: renews_at.map(Into::into),
    }))
}

/// What the last 30 days of usage would cost on a plan: its fee plus the discounted usage.
fn cost_on(plan: &PlanId, list_cost: Decimal) -> Decimal {
    let (_, fee, discount) = plan_terms(plan);
    fee + list_cost * (Decimal::ONE - discount)
}

pub(crate) async fn get_upgrade_hint(
    ctx: Ctx,
    caller: Caller,
) -> ApiResult<Json<UpgradeHintResponse>> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, _) = caller.payer(&data)?;
    let account = data.billing_mut(&payer, now);
    let since = now - Duration::days(30);
    let list_cost: Decimal = account
        .usage
        .iter()
        .filter(|r| r.at >= since)
        .map(|r| r.list_cost)
        .sum();
    let current = cost_on(&account.plan, list_cost);
    let best = PLANS
        .iter()
        .map(|plan| (cost_on(plan, list_cost), plan))
        .min_by(|a, b| a.0.cmp(&b.0))
        .filter(|(cost, plan)| *cost < current && **plan != account.plan);
    let hint = best.map(|(cost, plan)| {
        let savings = current - cost;
        let savings_pct = percent(savings / current)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        let (name, _, _) = plan_terms(plan);
        UpgradeHint {
            recommend_plan: plan.clone(),
            savings_pct,
            estimated_monthly_savings_usd: savings,
            reason: format!("Your last 30 days would have cost {savings_pct}% less on {name}."),
        }
    });
    Ok(Json(UpgradeHintResponse { hint }))
}

pub(crate) async fn create_checkout(
    ctx: Ctx,
    caller: Caller,
    headers: HeaderKey,
    JsonBody(body): JsonBody<CheckoutRequest>,
) -> ApiResult<Response> {
    if let Some(header) = headers.0
        && header != body.idempotency_key
    {
        return Err(ApiError::invalid(
            "Idempotency-Key",
            "Idempotency-Key must equal the body's idempotency_key when both are sent",
        ));
    }
    let amount = body.amount_usd.value();
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let (payer, role) = caller.payer(&data)?;
    require_manager(role.as_ref())?;
    let account = data.billing_mut(&payer, now);
    let checkout = match account.checkouts.get(&body.idempotency_key) {
        Some(existing) if existing.amount_usd == amount => existing.clone(),
        Some(_) => {
            return Err(ApiError::conflict(
                ErrorCode::IdempotencyConflict,
                "This idempotency_key was used for a checkout of another amount.",
            ));
        }
        None => {
            let checkout = Checkout {
                checkout_session_id: new_id("cs_"),
                amount_usd: amount,
                idempotency_key: body.idempotency_key.clone(),
                created_at: now,
            };
            credit(account, &checkout, now);
            ctx.applied();
            checkout
        }
    };
    let session = CheckoutSession {
        checkout_url: format!(
            "https://checkout.stripe.com/c/pay/{}",
            checkout.checkout_session_id
        ),
        checkout_session_id: checkout.checkout_session_id,
        amount_usd: checkout.amount_usd,
        status: CheckoutStatus::Complete,
        idempotency_key: checkout.idempotency_key,
        created_at: checkout.created_at.into(),
    };
    Ok((StatusCode::CREATED, Json(session)).into_response())
}

/// The sandbox completes a checkout at once: the payer's balance is credited on creation.
fn credit(account: &mut BillingAccount, checkout: &Checkout, now: chrono::DateTime<Utc>) {
    account.balance += checkout.amount_usd;
    account.updated_at = now;
    account
        .checkouts
        .insert(checkout.idempotency_key.clone(), checkout.clone());
}

/// The `Idempotency-Key` header, validated.
pub(crate) struct HeaderKey(Option<String>);

impl axum::extract::FromRequestParts<std::sync::Arc<crate::context::App>> for HeaderKey {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        _: &std::sync::Arc<crate::context::App>,
    ) -> Result<Self, Self::Rejection> {
        header_param(
            parts,
            "Idempotency-Key",
            nexevo_api::validate::params::idempotency_key,
        )
        .map(Self)
    }
}
