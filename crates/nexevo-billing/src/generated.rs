// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `billing` calls: `client.billing()` and a builder per operation, from the spec's `billing` operations.

#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{
    Balance, CheckoutSession, CheckoutStatus, Plan, PlanId, TierUsage, UpgradeHint, Usage,
    UsageByTier, UsageDay,
};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::{Date, Decimal, Timestamp};
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`billing()`](BillingExt::billing) to the client.
pub trait BillingExt {
    /// The `billing` calls: Balance, usage by day and tier, plan, upgrade hints and top-up checkout.
    fn billing(&self) -> Billing;
}
impl BillingExt for Client {
    fn billing(&self) -> Billing {
        Billing {
            client: self.clone(),
        }
    }
}
/// The `billing` calls of a client: Balance, usage by day and tier, plan, upgrade hints and top-up checkout.
#[derive(Debug, Clone)]
pub struct Billing {
    pub(crate) client: Client,
}
impl Billing {
    /// Get the balance
    ///
    /// The prepaid balance of the account, or of the organization named by `Nexevo-Organization`.
    ///
    /// ```no_run
    /// # use nexevo_billing::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.billing().balance().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn balance(&self) -> GetBalance {
        GetBalance {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Create a top-up checkout session
    ///
    /// Creates a Stripe checkout session that tops the balance up by `amount_usd`.
    /// `amount_usd` is a JSON number, greater than 0, at most 10000, with at most two decimal places; it is read exactly, never through binary floating point.
    /// The same `idempotency_key` with the same amount returns the same session and
    /// credits once; with a different amount it is a 409. The key is also accepted as the `Idempotency-Key` header, which must then match (else a 422 on `Idempotency-Key`).
    /// For an organization's balance the caller must be its
    /// owner or an admin (else a 403).
    ///
    /// - `amount_usd`: A top-up amount in USD as a JSON number, greater than 0, at most 10000, with at most two decimal places.
    /// - `idempotency_key`: Makes the top-up safe to retry; suggested form `topup-YYYY-MM-DD-NNN` (1 to 255 characters).
    ///
    /// ```no_run
    /// # use nexevo_billing::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.billing().checkout(nexevo_billing::Decimal::new(20, 0), "topup-2026-04-27-001").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn checkout(
        &self,
        amount_usd: ::nexevo_api::Decimal,
        idempotency_key: impl ::std::convert::Into<::std::string::String>,
    ) -> CreateCheckout {
        CreateCheckout {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::CheckoutRequest {
                amount_usd: ::nexevo_api::DecimalNumber::new(amount_usd),
                idempotency_key: idempotency_key.into(),
            },
        }
    }
    /// Get the plan
    ///
    /// The plan the account (or organization) is on, with its monthly fee and per-tier discount.
    ///
    /// ```no_run
    /// # use nexevo_billing::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.billing().get_plan().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn get_plan(&self) -> GetPlan {
        GetPlan {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Get an upgrade hint
    ///
    /// Compares the last 30 days of usage priced on every plan. `hint` is null when
    /// the current plan is already the cheapest, else it names the cheaper plan and
    /// the saving.
    ///
    /// ```no_run
    /// # use nexevo_billing::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.billing().upgrade_hint().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn upgrade_hint(&self) -> GetUpgradeHint {
        GetUpgradeHint {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Get usage by day
    ///
    /// Cost and request counts for each of the last `days` UTC days (today included), split by billing tier, with totals.
    ///
    /// ```no_run
    /// # use nexevo_billing::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.billing().usage().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn usage(&self) -> GetUsage {
        GetUsage {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            days: ::std::option::Option::None,
        }
    }
}
/// [`Billing::balance`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetBalance {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for GetBalance {
    type Output = ::nexevo_api::types::Balance;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Balance>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            __private::call::<::nexevo_api::types::Balance>(
                &client,
                &options,
                "get_balance",
                200u16,
                &|api| api.get_balance_request(organization),
            )
            .await
        })
    }
}
impl CallBuilder for GetBalance {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetBalance {}
awaitable!(GetBalance);
/// [`Billing::checkout`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateCheckout {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::CheckoutRequest,
}
impl Operation for CreateCheckout {
    type Output = ::nexevo_api::types::CheckoutSession;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::CheckoutSession>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            let key = body.idempotency_key.clone();
            __private::call::<::nexevo_api::types::CheckoutSession>(
                &client,
                &options,
                "create_checkout",
                201u16,
                &|api| {
                    api.create_checkout_request(
                        ::std::option::Option::Some(&key),
                        organization,
                        &body,
                    )
                },
            )
            .await
        })
    }
}
impl CallBuilder for CreateCheckout {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for CreateCheckout {}
awaitable!(CreateCheckout);
/// [`Billing::get_plan`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetPlan {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for GetPlan {
    type Output = ::nexevo_api::types::Plan;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Plan>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            __private::call::<::nexevo_api::types::Plan>(
                &client,
                &options,
                "get_plan",
                200u16,
                &|api| api.get_plan_request(organization),
            )
            .await
        })
    }
}
impl CallBuilder for GetPlan {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetPlan {}
awaitable!(GetPlan);
/// [`Billing::upgrade_hint`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetUpgradeHint {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for GetUpgradeHint {
    type Output = ::std::option::Option<::nexevo_api::types::UpgradeHint>;
    #[inline]
    fn send(
        self,
    ) -> BoxFuture<Result<Response<::std::option::Option<::nexevo_api::types::UpgradeHint>>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            Ok(__private::call::<::nexevo_api::types::UpgradeHintResponse>(
                &client,
                &options,
                "get_upgrade_hint",
                200u16,
                &|api| api.get_upgrade_hint_request(organization),
            )
            .await?
            .map(|answer| answer.hint))
        })
    }
}
impl CallBuilder for GetUpgradeHint {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetUpgradeHint {}
awaitable!(GetUpgradeHint);
/// [`Billing::usage`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetUsage {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) days: ::std::option::Option<u32>,
}
impl GetUsage {
    /// How many days back to cover, today included (1 to 90; 7 when not set).
    pub fn days(mut self, days: u32) -> Self {
        self.days = ::std::option::Option::Some(days);
        self
    }
}
impl Operation for GetUsage {
    type Output = ::nexevo_api::types::Usage;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Usage>>> {
        let Self {
            client,
            options,
            days,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(value) = &days {
                params::days(*value)?;
            }
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            __private::call::<::nexevo_api::types::Usage>(
                &client,
                &options,
                "get_usage",
                200u16,
                &|api| api.get_usage_request(days, organization),
            )
            .await
        })
    }
}
impl CallBuilder for GetUsage {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetUsage {}
awaitable!(GetUsage);
