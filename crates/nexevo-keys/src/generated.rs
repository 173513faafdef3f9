// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `keys` calls: `client.keys()` and a builder per operation, from the spec's `keys` operations.

#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{AlertWebhook, ApiKey, CreatedKey, GeoPolicy, KeyId, KeyStatus};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::{Decimal, Secret, Timestamp};
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`keys()`](KeysExt::keys) to the client.
pub trait KeysExt {
    /// The `keys` calls: API keys, their spend caps, alert webhooks and geo routing policies.
    fn keys(&self) -> Keys;
}
impl KeysExt for Client {
    fn keys(&self) -> Keys {
        Keys {
            client: self.clone(),
        }
    }
}
/// The `keys` calls of a client: API keys, their spend caps, alert webhooks and geo routing policies.
#[derive(Debug, Clone)]
pub struct Keys {
    pub(crate) client: Client,
}
impl Keys {
    /// List API keys
    ///
    /// The account's (or, with `Nexevo-Organization`, the organization's) keys, newest first. Secrets are never shown.
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().list().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListKeys {
        ListKeys {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            limit: ::std::option::Option::None,
            cursor: ::std::option::Option::None,
        }
    }
    /// Create an API key
    ///
    /// Creates an API key. The answer's `full_key` is the only time the secret is
    /// shown: later reads show its `prefix` only. Retrying with the same
    /// `Idempotency-Key` replays the same answer, so a create whose answer was lost
    /// can be retried safely.
    ///
    /// - `name`: A display name, 1 to 100 characters.
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().create("prod-2026").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn create(&self, name: impl ::std::convert::Into<::std::string::String>) -> CreateKey {
        CreateKey {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::CreateKeyRequest {
                geo_policy: ::std::option::Option::None,
                monthly_spend_cap_usd: ::std::option::Option::None,
                name: name.into(),
            },
        }
    }
    /// Get an API key
    ///
    /// One key, with its prefix but never its secret.
    ///
    /// - `key_id`: The key's id (5 to 68 characters).
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().get("key_5b7e9c").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn get(&self, key_id: impl ::std::convert::Into<::nexevo_api::types::KeyId>) -> GetKey {
        GetKey {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            key_id: key_id.into(),
        }
    }
    /// Revoke an API key
    ///
    /// Revokes the key; it stops authenticating at once. Revoking a revoked key changes nothing and answers the same.
    ///
    /// - `key_id`: The key's id (5 to 68 characters).
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().revoke("key_5b7e9c").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn revoke(
        &self,
        key_id: impl ::std::convert::Into<::nexevo_api::types::KeyId>,
    ) -> RevokeKey {
        RevokeKey {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            key_id: key_id.into(),
        }
    }
    /// Set or clear a key's spend alert webhook
    ///
    /// Sets the URL that receives the key's spend alerts (`url` null removes it), and
    /// answers the secret that signs them — shown this once. Setting a URL again
    /// rotates the secret: for 24 hours after, each delivery is signed with both the
    /// old and the new secret, so a receiver can switch without missing an alert.
    ///
    /// Alerts (see the callback): `spend_cap.warning` when the key's month-to-date
    /// spend reaches 80 % of its monthly cap, `spend_cap.reached` when it reaches the
    /// cap (its requests are refused from then on). One event, with one id, per
    /// threshold per key per month. A delivery is a POST of the event as JSON, signed
    /// by the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`,
    /// `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed
    /// with the secret's bytes after `whsec_`); it is retried with backoff until the
    /// receiver answers 2xx or the attempts (5) run out, so a receiver must
    /// deduplicate by the event id. Raising the cap re-arms the thresholds not yet
    /// crossed at the new cap; a new month re-arms both.
    ///
    /// The URL must be `https://` and reach a public host. Answered 422 (`url`): a host
    /// that is an address of a special-purpose range, however it is written (`2130706433`,
    /// `0x7f.1`, `[::ffff:127.0.0.1]`) — loopback (`127.0.0.0/8`, `::1`), private
    /// (`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, `fc00::/7`), link-local
    /// (`169.254.0.0/16`, `fe80::/10`: cloud metadata services), shared (`100.64.0.0/10`),
    /// `0.0.0.0/8`, `::`, `192.0.0.0/24`, documentation, benchmarking, multicast and
    /// reserved ranges, IPv6 outside `2000::/3`, and the IPv4-mapped (`::ffff:0:0/96`) and
    /// NAT64 (`64:ff9b::/96`) forms of any of them; a local name (`localhost`,
    /// `*.localhost`, `*.local`, `*.internal`, `*.arpa`, a name without a dot); a user name
    /// or password; a backslash. A name is resolved at each delivery attempt, and every
    /// address it resolves to must pass the same rule, or the attempt is refused without
    /// connecting (DNS can change); the connection goes to an address that was checked,
    /// with TLS verified for the URL's name. No redirect is followed (a 3xx is a failed
    /// attempt), and each retry goes to the key's webhook as it is then: if it was changed
    /// or removed, the alert is given up.
    ///
    /// For tests, `http://127.0.0.1[:PORT]/…` and `http://localhost[:PORT]/…` are
    /// accepted by a sandbox only, which delivers to them on loopback only: the real
    /// service answers them 422.
    ///
    /// - `key_id`: The key's id (5 to 68 characters).
    /// - `url`: An `https://` URL of a public host — not an internal address (loopback, private, link-local, metadata, …, however written), a local name (`localhost`, `*.internal`, …), a user name or password (the operation lists the rule); for tests, `http://127.0.0.1[:PORT]/…` or `http://localhost[:PORT]/…`, which only a sandbox accepts (the real service answers 422). Any other `http://` is refused.
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().update_alert_webhook("key_5b7e9c", "https://your-app.com/billing-alert").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn update_alert_webhook(
        &self,
        key_id: impl ::std::convert::Into<::nexevo_api::types::KeyId>,
        url: impl ::std::convert::Into<::std::string::String>,
    ) -> UpdateAlertWebhook {
        UpdateAlertWebhook {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            key_id: key_id.into(),
            body: ::nexevo_api::types::UpdateAlertWebhookRequest {
                url: ::std::option::Option::Some(url.into()),
            },
        }
    }
    /// Set a key's geo routing policy
    ///
    /// Restricts where the key's requests are routed. `cn-only` and `overseas-only` restrict; `any` lets the router choose.
    ///
    /// - `key_id`: The key's id (5 to 68 characters).
    /// - `geo_policy`: Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().update_geo_policy("key_5b7e9c", nexevo_keys::GeoPolicy::CnOnly).await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn update_geo_policy(
        &self,
        key_id: impl ::std::convert::Into<::nexevo_api::types::KeyId>,
        geo_policy: ::nexevo_api::types::GeoPolicy,
    ) -> UpdateGeoPolicy {
        UpdateGeoPolicy {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            key_id: key_id.into(),
            body: ::nexevo_api::types::UpdateGeoPolicyRequest { geo_policy },
        }
    }
    /// Set or clear a key's monthly spend cap
    ///
    /// Sets `monthly_spend_cap_usd`, or with `clear: true` removes the cap; exactly one of the two must be given.
    /// Over the cap, every billable request made with
    /// the key is refused with 402 `spend_cap_exceeded` until the UTC month ends or
    /// the cap is raised or cleared. Account operations keep working.
    ///
    /// - `key_id`: The key's id (5 to 68 characters).
    /// - `monthly_spend_cap_usd`: A monthly spend cap in USD as a decimal string (`"100.00"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.
    ///
    /// ```no_run
    /// # use nexevo_keys::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.keys().update_spend_cap("key_5b7e9c", nexevo_keys::Decimal::new(10000, 2)).await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn update_spend_cap(
        &self,
        key_id: impl ::std::convert::Into<::nexevo_api::types::KeyId>,
        monthly_spend_cap_usd: ::nexevo_api::Decimal,
    ) -> UpdateSpendCap {
        UpdateSpendCap {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            key_id: key_id.into(),
            body: ::nexevo_api::types::UpdateSpendCapRequest {
                clear: ::std::default::Default::default(),
                monthly_spend_cap_usd: ::std::option::Option::Some(monthly_spend_cap_usd),
            },
        }
    }
}
/// [`Keys::list`], ready to await (one page) or to walk every item ([`Paginated::into_stream`]).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListKeys {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) limit: ::std::option::Option<u32>,
    pub(crate) cursor: ::std::option::Option<::std::string::String>,
}
impl ListKeys {
    /// Page size (1 to 100; 20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = ::std::option::Option::Some(limit);
        self
    }
}
impl Operation for ListKeys {
    type Output = ::nexevo_core::Page<::nexevo_api::types::ApiKey>;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_core::Page<::nexevo_api::types::ApiKey>>>> {
        let Self {
            client,
            options,
            limit,
            cursor,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(value) = &limit {
                params::limit(*value)?;
            }
            if let ::std::option::Option::Some(value) = &cursor {
                params::cursor(value)?;
            }
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            Ok(__private::call::<::nexevo_api::types::KeyList>(
                &client,
                &options,
                "list_keys",
                200u16,
                &|api| api.list_keys_request(cursor.as_deref(), limit, organization),
            )
            .await?
            .map(|list| ::nexevo_core::Page {
                items: list.data,
                next_cursor: list.next_cursor,
            }))
        })
    }
}
impl Paginated for ListKeys {
    type Item = ::nexevo_api::types::ApiKey;
    fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.cursor = ::std::option::Option::Some(cursor.into());
        self
    }
}
impl CallBuilder for ListKeys {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ListKeys {}
awaitable!(ListKeys);
/// [`Keys::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateKey {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::CreateKeyRequest,
}
impl CreateKey {
    /// Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.
    pub fn geo_policy(mut self, geo_policy: ::nexevo_api::types::GeoPolicy) -> Self {
        self.body.geo_policy = ::std::option::Option::Some(geo_policy);
        self
    }
    /// A monthly spend cap in USD as a decimal string (`"100.00"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.
    pub fn monthly_spend_cap(mut self, monthly_spend_cap: ::nexevo_api::Decimal) -> Self {
        self.body.monthly_spend_cap_usd = ::std::option::Option::Some(monthly_spend_cap);
        self
    }
}
impl Operation for CreateKey {
    type Output = ::nexevo_api::types::CreatedKey;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::CreatedKey>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::CreatedKey>(
                &client,
                &options,
                "create_key",
                201u16,
                &|api| {
                    api.create_key_request(::std::option::Option::Some(&key), organization, &body)
                },
            )
            .await
        })
    }
}
impl CallBuilder for CreateKey {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for CreateKey {}
impl Idempotent for CreateKey {}
awaitable!(CreateKey);
/// [`Keys::get`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetKey {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) key_id: ::nexevo_api::types::KeyId,
}
impl Operation for GetKey {
    type Output = ::nexevo_api::types::ApiKey;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::ApiKey>>> {
        let Self {
            client,
            options,
            key_id,
        } = self;
        Box::pin(async move {
            {
                let value = &key_id;
                params::key_id(value)?;
            }
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            __private::call::<::nexevo_api::types::ApiKey>(
                &client,
                &options,
                "get_key",
                200u16,
                &|api| api.get_key_request(&key_id, organization),
            )
            .await
        })
    }
}
impl CallBuilder for GetKey {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetKey {}
awaitable!(GetKey);
/// [`Keys::revoke`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RevokeKey {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) key_id: ::nexevo_api::types::KeyId,
}
impl Operation for RevokeKey {
    type Output = ::nexevo_api::types::ApiKey;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::ApiKey>>> {
        let Self {
            client,
            options,
            key_id,
        } = self;
        Box::pin(async move {
            {
                let value = &key_id;
                params::key_id(value)?;
            }
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::ApiKey>(
                &client,
                &options,
                "revoke_key",
                200u16,
                &|api| {
                    api.revoke_key_request(&key_id, ::std::option::Option::Some(&key), organization)
                },
            )
            .await
        })
    }
}
impl CallBuilder for RevokeKey {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for RevokeKey {}
impl Idempotent for RevokeKey {}
awaitable!(RevokeKey);
/// [`Keys::update_alert_webhook`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateAlertWebhook {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) key_id: ::nexevo_api::types::KeyId,
    pub(crate) body: ::nexevo_api::types::UpdateAlertWebhookRequest,
}
impl Operation for UpdateAlertWebhook {
    type Output = ::nexevo_api::types::AlertWebhook;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::AlertWebhook>>> {
        let Self {
            client,
            options,
            key_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &key_id;
                params::key_id(value)?;
            }
            body.validate()?;
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::AlertWebhook>(
                &client,
                &options,
                "update_alert_webhook",
                200u16,
                &|api| {
                    api.update_alert_webhook_request(
                        &key_id,
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
impl CallBuilder for UpdateAlertWebhook {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for UpdateAlertWebhook {}
impl Idempotent for UpdateAlertWebhook {}
awaitable!(UpdateAlertWebhook);
/// [`Keys::update_geo_policy`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateGeoPolicy {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) key_id: ::nexevo_api::types::KeyId,
    pub(crate) body: ::nexevo_api::types::UpdateGeoPolicyRequest,
}
impl Operation for UpdateGeoPolicy {
    type Output = ::nexevo_api::types::ApiKey;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::ApiKey>>> {
        let Self {
            client,
            options,
            key_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &key_id;
                params::key_id(value)?;
            }
            body.validate()?;
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::ApiKey>(
                &client,
                &options,
                "update_geo_policy",
                200u16,
                &|api| {
                    api.update_geo_policy_request(
                        &key_id,
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
impl CallBuilder for UpdateGeoPolicy {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for UpdateGeoPolicy {}
impl Idempotent for UpdateGeoPolicy {}
awaitable!(UpdateGeoPolicy);
/// [`Keys::update_spend_cap`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateSpendCap {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) key_id: ::nexevo_api::types::KeyId,
    pub(crate) body: ::nexevo_api::types::UpdateSpendCapRequest,
}
impl Operation for UpdateSpendCap {
    type Output = ::nexevo_api::types::ApiKey;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::ApiKey>>> {
        let Self {
            client,
            options,
            key_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &key_id;
                params::key_id(value)?;
            }
            body.validate()?;
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::ApiKey>(
                &client,
                &options,
                "update_spend_cap",
                200u16,
                &|api| {
                    api.update_spend_cap_request(
                        &key_id,
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
impl CallBuilder for UpdateSpendCap {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for UpdateSpendCap {}
impl Idempotent for UpdateSpendCap {}
awaitable!(UpdateSpendCap);
