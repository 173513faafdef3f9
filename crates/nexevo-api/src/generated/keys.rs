// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `keys` operations: compiled only with the `keys` feature.

#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]

#[allow(unused_imports)]
use super::{
    ByteStream, Client, ClientHooks, ClientInfo, Error, OperationInfo, RequestBuilderExt,
    ResponseValue, encode_path, types,
};
impl Client {
    /// Builds the request [`Self::list_keys`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn list_keys_request<'a>(
        &'a self,
        cursor: Option<&'a str>,
        limit: Option<u32>,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/keys", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("limit", &limit))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// List API keys
    ///
    /// The account's (or, with `Nexevo-Organization`, the organization's) keys, newest first. Secrets are never shown.
    ///
    /// Sends a `GET` request to `/v1/keys`
    ///
    /// Arguments:
    /// - `cursor`: Opaque. Only the `next_cursor` of a previous page of the same list is accepted; absent for the first page. Any other value — one made up, or past the end of the list — is a 422 on `cursor`.
    /// - `limit`: Page size.
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn list_keys<'a>(
        &'a self,
        cursor: Option<&'a str>,
        limit: Option<u32>,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::KeyList>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.list_keys_request(cursor, limit, nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "list_keys",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::create_key`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn create_key_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::CreateKeyRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/keys", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(3usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Create an API key
    ///
    /// Creates an API key. The answer's `full_key` is the only time the secret is
    /// shown: later reads show its `prefix` only. Retrying with the same
    /// `Idempotency-Key` replays the same answer, so a create whose answer was lost
    /// can be retried safely.
    ///
    ///
    /// Sends a `POST` request to `/v1/keys`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    /// - `body`
    #[inline]
    pub async fn create_key<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::CreateKeyRequest,
    ) -> Result<ResponseValue<types::CreatedKey>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.create_key_request(idempotency_key, nexevo_organization, body)?;
        let info = OperationInfo {
            operation_id: "create_key",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::get_key`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_key_request<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/keys/{}",
            self.baseurl,
            encode_path(&key_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Get an API key
    ///
    /// One key, with its prefix but never its secret.
    ///
    /// Sends a `GET` request to `/v1/keys/{key_id}`
    ///
    /// Arguments:
    /// - `key_id`: The key's id.
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn get_key<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::ApiKey>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_key_request(key_id, nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "get_key",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::revoke_key`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn revoke_key_request<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/keys/{}",
            self.baseurl,
            encode_path(&key_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(3usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Revoke an API key
    ///
    /// Revokes the key; it stops authenticating at once. Revoking a revoked key changes nothing and answers the same.
    ///
    /// Sends a `DELETE` request to `/v1/keys/{key_id}`
    ///
    /// Arguments:
    /// - `key_id`: The key's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn revoke_key<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::ApiKey>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.revoke_key_request(key_id, idempotency_key, nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "revoke_key",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::update_alert_webhook`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn update_alert_webhook_request<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::UpdateAlertWebhookRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/keys/{}/alert-webhook",
            self.baseurl,
            encode_path(&key_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(3usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
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
    ///
    /// Sends a `PUT` request to `/v1/keys/{key_id}/alert-webhook`
    ///
    /// Arguments:
    /// - `key_id`: The key's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    /// - `body`
    #[inline]
    pub async fn update_alert_webhook<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::UpdateAlertWebhookRequest,
    ) -> Result<ResponseValue<types::AlertWebhook>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request =
            self.update_alert_webhook_request(key_id, idempotency_key, nexevo_organization, body)?;
        let info = OperationInfo {
            operation_id: "update_alert_webhook",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::update_geo_policy`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn update_geo_policy_request<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::UpdateGeoPolicyRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/keys/{}/geo-policy",
            self.baseurl,
            encode_path(&key_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(3usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Set a key's geo routing policy
    ///
    /// Restricts where the key's requests are routed. `cn-only` and `overseas-only` restrict; `any` lets the router choose.
    ///
    /// Sends a `PUT` request to `/v1/keys/{key_id}/geo-policy`
    ///
    /// Arguments:
    /// - `key_id`: The key's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    /// - `body`
    #[inline]
    pub async fn update_geo_policy<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::UpdateGeoPolicyRequest,
    ) -> Result<ResponseValue<types::ApiKey>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request =
            self.update_geo_policy_request(key_id, idempotency_key, nexevo_organization, body)?;
        let info = OperationInfo {
            operation_id: "update_geo_policy",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::update_spend_cap`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn update_spend_cap_request<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::UpdateSpendCapRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/keys/{}/spend-cap",
            self.baseurl,
            encode_path(&key_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(3usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        if let Some(value) = nexevo_organization {
            header_map.append("Nexevo-Organization", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Set or clear a key's monthly spend cap
    ///
    /// Sets `monthly_spend_cap_usd`, or with `clear: true` removes the cap; exactly one of the two must be given.
    /// Over the cap, every billable request made with
    /// the key is refused with 402 `spend_cap_exceeded` until the UTC month ends or
    /// the cap is raised or cleared. Account operations keep working.
    ///
    ///
    /// Sends a `PUT` request to `/v1/keys/{key_id}/spend-cap`
    ///
    /// Arguments:
    /// - `key_id`: The key's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    /// - `body`
    #[inline]
    pub async fn update_spend_cap<'a>(
        &'a self,
        key_id: &'a types::KeyId,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::UpdateSpendCapRequest,
    ) -> Result<ResponseValue<types::ApiKey>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request =
            self.update_spend_cap_request(key_id, idempotency_key, nexevo_organization, body)?;
        let info = OperationInfo {
            operation_id: "update_spend_cap",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
