//! Nexevo billing: balance, usage by day and tier, plan, upgrade hint, and top-up checkout.
//! Every amount is a [`Decimal`], exact to the last digit the server sent.
//!
//! ```no_run
//! use nexevo_billing::BillingExt;
//! use rust_decimal::Decimal;
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let balance = client.billing().balance().await?;
//! println!("{} {}", balance.balance_usd, balance.currency);
//!
//! let usage = client.billing().usage().days(7).await?;
//! for day in &usage.daily {
//!     println!("{}: {} USD (fast {}, balanced {})", day.date, day.cost_usd,
//!         day.by_tier.fast.cost_usd, day.by_tier.balanced.cost_usd);
//! }
//!
//! let session = client.billing().checkout(Decimal::new(20, 0), "topup-2026-04-27-001").await?;
//! println!("pay at {}", session.checkout_url);
//! # Ok(()) }
//! ```
//!
//! With an organization set on the client (`Nexevo-Organization`), every call acts on the
//! organization's account.

use nexevo_api::types::{CheckoutRequest, UpgradeHintResponse};
use nexevo_api::validate::params;
use nexevo_api::{DecimalNumber, Validate};
use nexevo_core::{BoxFuture, Client, Operation, Response, Result, awaitable};
pub use rust_decimal::Decimal;

pub use nexevo_api::types::{
    Balance, CheckoutSession, CheckoutStatus, Plan, PlanId, TierUsage, UpgradeHint, Usage,
    UsageByTier, UsageDay,
};

/// Adds [`billing()`](BillingExt::billing) to the client.
pub trait BillingExt {
    /// The billing calls.
    fn billing(&self) -> Billing;
}

impl BillingExt for Client {
    fn billing(&self) -> Billing {
        Billing {
            client: self.clone(),
        }
    }
}

/// The billing calls of a client.
#[derive(Debug, Clone)]
pub struct Billing {
    client: Client,
}

impl Billing {
    /// The prepaid balance.
    ///
    /// ```no_run
    /// # use nexevo_billing::BillingExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let balance = client.billing().balance().await?;
    /// assert_eq!(balance.currency, "USD");
    /// # Ok(()) }
    /// ```
    pub fn balance(&self) -> GetBalance {
        GetBalance {
            client: self.client.clone(),
        }
    }

    /// Usage for the last 7 days (or [`GetUsage::days`]), by day and by tier, with totals.
    ///
    /// ```no_run
    /// # use nexevo_billing::BillingExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let usage = client.billing().usage().days(30).await?;
    /// println!("{} requests, {} USD", usage.total_requests, usage.total_cost_usd);
    /// # Ok(()) }
    /// ```
    pub fn usage(&self) -> GetUsage {
        GetUsage {
            client: self.client.clone(),
            days: None,
        }
    }

    /// The current plan, its fee and usage discount.
    ///
    /// ```no_run
    /// # use nexevo_billing::BillingExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let plan = client.billing().get_plan().await?;
    /// println!("{} ({} USD a month)", plan.name, plan.monthly_fee_usd);
    /// # Ok(()) }
    /// ```
    pub fn get_plan(&self) -> GetPlan {
        GetPlan {
            client: self.client.clone(),
        }
    }

    /// A cheaper plan for the last 30 days of usage, or `None` when the current plan is the
    /// cheapest.
    ///
    /// ```no_run
    /// # use nexevo_billing::BillingExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// if let Some(hint) = client.billing().upgrade_hint().await? {
    ///     println!("switch to {} and save {}%", hint.recommend_plan, hint.savings_pct);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn upgrade_hint(&self) -> GetUpgradeHint {
        GetUpgradeHint {
            client: self.client.clone(),
        }
    }

    /// A Stripe checkout session that tops the balance up by `amount_usd` (more than 0, at most
    /// 10000, at most two decimal places, sent exactly). Retrying with the same
    /// `idempotency_key` (suggested form `topup-YYYY-MM-DD-NNN`) never charges twice.
    ///
    /// ```no_run
    /// # use nexevo_billing::BillingExt;
    /// # use rust_decimal::Decimal;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let session = client
    ///     .billing()
    ///     .checkout(Decimal::new(2050, 2), "topup-2026-04-27-001")
    ///     .await?;
    /// println!("{}", session.checkout_url);
    /// # Ok(()) }
    /// ```
    pub fn checkout(&self, amount_usd: Decimal, idempotency_key: impl Into<String>) -> Checkout {
        Checkout {
            client: self.client.clone(),
            amount_usd,
            idempotency_key: idempotency_key.into(),
        }
    }
}

/// [`Billing::balance`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetBalance {
    client: Client,
}

impl Operation for GetBalance {
    type Output = Balance;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Balance>>> {
        Box::pin(async move {
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            self.client
                .call(|api| async move { api.get_balance(organization.as_deref()).await })
                .await
        })
    }
}

/// [`Billing::usage`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetUsage {
    client: Client,
    days: Option<u32>,
}

impl GetUsage {
    /// How many days back to cover, today included: 1 to 90 (7 when not set).
    pub fn days(mut self, days: u32) -> Self {
        self.days = Some(days);
        self
    }
}

impl Operation for GetUsage {
    type Output = Usage;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Usage>>> {
        Box::pin(async move {
            if let Some(days) = self.days {
                params::days(days)?;
            }
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let days = self.days;
            self.client
                .call(|api| async move { api.get_usage(days, organization.as_deref()).await })
                .await
        })
    }
}

/// [`Billing::get_plan`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetPlan {
    client: Client,
}

impl Operation for GetPlan {
    type Output = Plan;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Plan>>> {
        Box::pin(async move {
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            self.client
                .call(|api| async move { api.get_plan(organization.as_deref()).await })
                .await
        })
    }
}

/// [`Billing::upgrade_hint`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetUpgradeHint {
    client: Client,
}

impl Operation for GetUpgradeHint {
    type Output = Option<UpgradeHint>;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Option<UpgradeHint>>>> {
        Box::pin(async move {
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let answer = self
                .client
                .call(|api| async move { api.get_upgrade_hint(organization.as_deref()).await })
                .await?;
            Ok(answer.map(|UpgradeHintResponse { hint }| hint))
        })
    }
}

/// [`Billing::checkout`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Checkout {
    client: Client,
    amount_usd: Decimal,
    idempotency_key: String,
}

impl Operation for Checkout {
    type Output = CheckoutSession;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<CheckoutSession>>> {
        Box::pin(async move {
            let body = CheckoutRequest {
                amount_usd: DecimalNumber::new(self.amount_usd),
                idempotency_key: self.idempotency_key,
            };
            body.validate()?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            // The body's key doubles as the Idempotency-Key, so a retry of this call is
            // recognised by the same rules as every other POST.
            let key = body.idempotency_key.clone();
            self.client
                .call(|api| async move {
                    api.create_checkout(Some(&key), organization.as_deref(), &body)
                        .await
                })
                .await
        })
    }
}

awaitable!(GetBalance, GetUsage, GetPlan, GetUpgradeHint, Checkout);
