//! Nexevo API keys: create one (its secret is shown once), list, get, revoke; set a monthly
//! spend cap, a spend alert webhook (HTTPS only) and a geo routing policy.
//!
//! ```no_run
//! use nexevo_keys::KeysExt;
//! use rust_decimal::Decimal;
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let created = client.keys().create("prod-2026").await?;
//! // The only time the secret is shown: store it now.
//! let secret = created.full_key.expose();
//! # let _ = secret;
//! let key_id = created.key.key_id;
//! client.keys().update_spend_cap(&key_id, Decimal::new(10000, 2)).await?;
//! client.keys().update_alert_webhook(&key_id, "https://your-app.com/billing-alert").await?;
//! # Ok(()) }
//! ```
//!
//! With an organization set on the client (`Nexevo-Organization`), keys are the organization's.

use nexevo_api::Validate;
use nexevo_api::types::{
    CreateKeyRequest, KeyList, UpdateAlertWebhookRequest, UpdateGeoPolicyRequest,
    UpdateSpendCapRequest,
};
use nexevo_api::validate::params;
use nexevo_core::{BoxFuture, Client, Operation, Page, Paginated, Response, Result, awaitable};
pub use rust_decimal::Decimal;

pub use nexevo_api::Secret;
pub use nexevo_api::types::{ApiKey, CreatedKey, GeoPolicy, KeyId, KeyStatus};

/// Adds [`keys()`](KeysExt::keys) to the client.
pub trait KeysExt {
    /// The API key calls.
    fn keys(&self) -> Keys;
}

impl KeysExt for Client {
    fn keys(&self) -> Keys {
        Keys {
            client: self.clone(),
        }
    }
}

/// The API key calls of a client.
#[derive(Debug, Clone)]
pub struct Keys {
    client: Client,
}

impl Keys {
    /// Creates a key named `name` (1 to 100 characters). The answer's `full_key` is the only
    /// time its secret is shown; the call carries an `Idempotency-Key`, so if the answer is
    /// lost the SDK's retry gets the same key back rather than making a second one.
    ///
    /// ```no_run
    /// # use nexevo_keys::{KeysExt, GeoPolicy, Decimal};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let created = client
    ///     .keys()
    ///     .create("prod-2026")
    ///     .monthly_spend_cap(Decimal::new(100, 0))
    ///     .geo_policy(GeoPolicy::OverseasOnly)
    ///     .await?;
    /// println!("{} {}", created.key.key_id, created.key.prefix);
    /// # Ok(()) }
    /// ```
    pub fn create(&self, name: impl Into<String>) -> CreateKey {
        CreateKey {
            client: self.client.clone(),
            body: CreateKeyRequest {
                name: name.into(),
                monthly_spend_cap_usd: None,
                geo_policy: None,
            },
            idempotency_key: None,
        }
    }

    /// One page of keys, newest first; [`Paginated::into_stream`] walks them all. Secrets are
    /// never shown, only each key's `prefix`.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # use nexevo_core::Paginated;
    /// # use futures_util::TryStreamExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let page = client.keys().list().limit(50).await?;
    /// let every_key: Vec<_> = client.keys().list().into_stream().try_collect().await?;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListKeys {
        ListKeys {
            client: self.client.clone(),
            limit: None,
            cursor: None,
        }
    }

    /// One key.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let key = client.keys().get("key_5b7e9c").await?;
    /// println!("{} spent {} this month", key.name, key.month_to_date_spend_usd);
    /// # Ok(()) }
    /// ```
    pub fn get(&self, key_id: impl Into<KeyId>) -> GetKey {
        GetKey {
            client: self.client.clone(),
            key_id: key_id.into(),
        }
    }

    /// Revokes a key: it stops authenticating at once.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let revoked = client.keys().revoke("key_5b7e9c").await?;
    /// assert!(revoked.revoked_at.is_some());
    /// # Ok(()) }
    /// ```
    pub fn revoke(&self, key_id: impl Into<KeyId>) -> RevokeKey {
        RevokeKey {
            client: self.client.clone(),
            key_id: key_id.into(),
        }
    }

    /// Caps the key's spend per UTC month (kept exactly: `100.00` stays `100.00`). Over the cap,
    /// billable calls with the key are refused with 402 `spend_cap_exceeded` until the month
    /// ends or the cap changes.
    ///
    /// ```no_run
    /// # use nexevo_keys::{KeysExt, Decimal};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let key = client.keys().update_spend_cap("key_5b7e9c", Decimal::new(10000, 2)).await?;
    /// assert_eq!(key.monthly_spend_cap_usd.map(|cap| cap.to_string()).as_deref(), Some("100.00"));
    /// # Ok(()) }
    /// ```
    pub fn update_spend_cap(
        &self,
        key_id: impl Into<KeyId>,
        monthly_spend_cap_usd: Decimal,
    ) -> UpdateSpendCap {
        UpdateSpendCap {
            client: self.client.clone(),
            key_id: key_id.into(),
            body: UpdateSpendCapRequest {
                monthly_spend_cap_usd: Some(monthly_spend_cap_usd),
                clear: false,
            },
        }
    }

    /// Removes the key's spend cap.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let key = client.keys().clear_spend_cap("key_5b7e9c").await?;
    /// assert!(key.monthly_spend_cap_usd.is_none());
    /// # Ok(()) }
    /// ```
    pub fn clear_spend_cap(&self, key_id: impl Into<KeyId>) -> UpdateSpendCap {
        UpdateSpendCap {
            client: self.client.clone(),
            key_id: key_id.into(),
            body: UpdateSpendCapRequest {
                monthly_spend_cap_usd: None,
                clear: true,
            },
        }
    }

    /// Sets the HTTPS URL called when the key nears its cap; an `http://` URL is refused before
    /// anything is sent.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.keys().update_alert_webhook("key_5b7e9c", "https://your-app.com/billing-alert").await?;
    /// # Ok(()) }
    /// ```
    pub fn update_alert_webhook(
        &self,
        key_id: impl Into<KeyId>,
        url: impl Into<String>,
    ) -> UpdateAlertWebhook {
        UpdateAlertWebhook {
            client: self.client.clone(),
            key_id: key_id.into(),
            body: UpdateAlertWebhookRequest {
                url: Some(url.into()),
            },
        }
    }

    /// Removes the key's alert webhook.
    ///
    /// ```no_run
    /// # use nexevo_keys::KeysExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.keys().clear_alert_webhook("key_5b7e9c").await?;
    /// # Ok(()) }
    /// ```
    pub fn clear_alert_webhook(&self, key_id: impl Into<KeyId>) -> UpdateAlertWebhook {
        UpdateAlertWebhook {
            client: self.client.clone(),
            key_id: key_id.into(),
            body: UpdateAlertWebhookRequest { url: None },
        }
    }

    /// Restricts where the key's requests are routed.
    ///
    /// ```no_run
    /// # use nexevo_keys::{KeysExt, GeoPolicy};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.keys().update_geo_policy("key_5b7e9c", GeoPolicy::CnOnly).await?;
    /// # Ok(()) }
    /// ```
    pub fn update_geo_policy(
        &self,
        key_id: impl Into<KeyId>,
        geo_policy: GeoPolicy,
    ) -> UpdateGeoPolicy {
        UpdateGeoPolicy {
            client: self.client.clone(),
            key_id: key_id.into(),
            body: UpdateGeoPolicyRequest { geo_policy },
        }
    }
}

/// [`Keys::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateKey {
    client: Client,
    body: CreateKeyRequest,
    idempotency_key: Option<String>,
}

impl CreateKey {
    /// Caps the new key's monthly spend.
    pub fn monthly_spend_cap(mut self, cap: Decimal) -> Self {
        self.body.monthly_spend_cap_usd = Some(cap);
        self
    }

    /// Sets the new key's geo routing policy (`any` when not set).
    pub fn geo_policy(mut self, policy: GeoPolicy) -> Self {
        self.body.geo_policy = Some(policy);
        self
    }

    /// Uses your own `Idempotency-Key` (a fresh UUID when not set), so that a create retried
    /// across processes, not only within this call, still makes one key.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for CreateKey {
    type Output = CreatedKey;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<CreatedKey>>> {
        Box::pin(async move {
            self.body.validate()?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let body = self.body;
            self.client
                .call(|api| async move {
                    api.create_key(Some(&key), organization.as_deref(), &body)
                        .await
                })
                .await
        })
    }
}

/// [`Keys::list`], ready to await (one page) or to stream (every key).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListKeys {
    client: Client,
    limit: Option<u32>,
    cursor: Option<String>,
}

impl ListKeys {
    /// Keys per page, 1 to 100 (20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl Operation for ListKeys {
    type Output = Page<ApiKey>;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Page<ApiKey>>>> {
        Box::pin(async move {
            nexevo_core::check_page(
                self.limit,
                self.cursor.as_deref(),
                params::limit,
                params::cursor,
            )?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let (limit, cursor) = (self.limit, self.cursor);
            let answer = self
                .client
                .call(|api| async move {
                    api.list_keys(cursor.as_deref(), limit, organization.as_deref())
                        .await
                })
                .await?;
            Ok(answer.map(|KeyList { data, next_cursor }| Page {
                items: data,
                next_cursor,
            }))
        })
    }
}

impl Paginated for ListKeys {
    type Item = ApiKey;

    fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }
}

/// [`Keys::get`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetKey {
    client: Client,
    key_id: KeyId,
}

impl Operation for GetKey {
    type Output = ApiKey;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ApiKey>>> {
        Box::pin(async move {
            params::key_id(&self.key_id)?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let key_id = self.key_id;
            self.client
                .call(|api| async move { api.get_key(&key_id, organization.as_deref()).await })
                .await
        })
    }
}

/// [`Keys::revoke`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RevokeKey {
    client: Client,
    key_id: KeyId,
}

impl Operation for RevokeKey {
    type Output = ApiKey;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ApiKey>>> {
        Box::pin(async move {
            params::key_id(&self.key_id)?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let key_id = self.key_id;
            self.client
                .call(|api| async move { api.revoke_key(&key_id, organization.as_deref()).await })
                .await
        })
    }
}

/// [`Keys::update_spend_cap`] or [`Keys::clear_spend_cap`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateSpendCap {
    client: Client,
    key_id: KeyId,
    body: UpdateSpendCapRequest,
}

impl Operation for UpdateSpendCap {
    type Output = ApiKey;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ApiKey>>> {
        Box::pin(async move {
            params::key_id(&self.key_id)?;
            self.body.validate()?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let (key_id, body) = (self.key_id, self.body);
            self.client
                .call(|api| async move {
                    api.update_spend_cap(&key_id, organization.as_deref(), &body)
                        .await
                })
                .await
        })
    }
}

/// [`Keys::update_alert_webhook`] or [`Keys::clear_alert_webhook`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateAlertWebhook {
    client: Client,
    key_id: KeyId,
    body: UpdateAlertWebhookRequest,
}

impl Operation for UpdateAlertWebhook {
    type Output = ApiKey;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ApiKey>>> {
        Box::pin(async move {
            params::key_id(&self.key_id)?;
            self.body.validate()?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let (key_id, body) = (self.key_id, self.body);
            self.client
                .call(|api| async move {
                    api.update_alert_webhook(&key_id, organization.as_deref(), &body)
                        .await
                })
                .await
        })
    }
}

/// [`Keys::update_geo_policy`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateGeoPolicy {
    client: Client,
    key_id: KeyId,
    body: UpdateGeoPolicyRequest,
}

impl Operation for UpdateGeoPolicy {
    type Output = ApiKey;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ApiKey>>> {
        Box::pin(async move {
            params::key_id(&self.key_id)?;
            self.body.validate()?;
            let organization = self
                .client
                .organization_header(params::nexevo_organization)?;
            let (key_id, body) = (self.key_id, self.body);
            self.client
                .call(|api| async move {
                    api.update_geo_policy(&key_id, organization.as_deref(), &body)
                        .await
                })
                .await
        })
    }
}

awaitable!(
    CreateKey,
    ListKeys,
    GetKey,
    RevokeKey,
    UpdateSpendCap,
    UpdateAlertWebhook,
    UpdateGeoPolicy
);
