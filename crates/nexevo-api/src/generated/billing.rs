// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `billing` operations: compiled only with the `billing` feature.

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
    /// Builds the request [`Self::get_balance`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_balance_request<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/billing/balance", self.baseurl,);
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
    /// Get the balance
    ///
    /// The prepaid balance of the account, or of the organization named by `Nexevo-Organization`.
    ///
    /// Sends a `GET` request to `/v1/billing/balance`
    ///
    /// Arguments:
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn get_balance<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::Balance>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_balance_request(nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "get_balance",
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
    /// Builds the request [`Self::create_checkout`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn create_checkout_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::CheckoutRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/billing/checkout", self.baseurl,);
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
    /// Create a top-up checkout session
    ///
    /// Creates a Stripe checkout session that tops the balance up by `amount_usd`.
    /// `amount_usd` is a JSON number, greater than 0, at most 10000, with at most two decimal places; it is read exactly, never through binary floating point.
    /// The same `idempotency_key` with the same amount returns the same session and
    /// credits once; with a different amount it is a 409. The key is also accepted as the `Idempotency-Key` header, which must then match (else a 422 on `Idempotency-Key`).
    /// For an organization's balance the caller must be its
    /// owner or an admin (else a 403).
    ///
    ///
    /// Sends a `POST` request to `/v1/billing/checkout`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    /// - `body`
    #[inline]
    pub async fn create_checkout<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        body: &'a types::CheckoutRequest,
    ) -> Result<ResponseValue<types::CheckoutSession>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request =
            self.create_checkout_request(idempotency_key, nexevo_organization, body)?;
        let info = OperationInfo {
            operation_id: "create_checkout",
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
    /// Builds the request [`Self::get_plan`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_plan_request<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/billing/plan", self.baseurl,);
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
    /// Get the plan
    ///
    /// The plan the account (or organization) is on, with its monthly fee and per-tier discount.
    ///
    /// Sends a `GET` request to `/v1/billing/plan`
    ///
    /// Arguments:
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn get_plan<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::Plan>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_plan_request(nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "get_plan",
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
    /// Builds the request [`Self::get_upgrade_hint`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_upgrade_hint_request<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/billing/upgrade-hint", self.baseurl,);
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
    /// Get an upgrade hint
    ///
    /// Compares the last 30 days of usage priced on every plan. `hint` is null when
    /// the current plan is already the cheapest, else it names the cheaper plan and
    /// the saving.
    ///
    ///
    /// Sends a `GET` request to `/v1/billing/upgrade-hint`
    ///
    /// Arguments:
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn get_upgrade_hint<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::UpgradeHintResponse>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_upgrade_hint_request(nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "get_upgrade_hint",
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
    /// Builds the request [`Self::get_usage`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_usage_request<'a>(
        &'a self,
        days: Option<u32>,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/billing/usage", self.baseurl,);
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
            .query(&progenitor_client::QueryParam::new("days", &days))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Get usage by day
    ///
    /// Cost and request counts for each of the last `days` UTC days (today included), split by billing tier, with totals.
    ///
    /// Sends a `GET` request to `/v1/billing/usage`
    ///
    /// Arguments:
    /// - `days`: How many days back to cover, today included.
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn get_usage<'a>(
        &'a self,
        days: Option<u32>,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::Usage>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_usage_request(days, nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "get_usage",
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
}
