// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `auth` operations: compiled only with the `auth` feature.

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
    /// Builds the request [`Self::two_fa_status`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn two_fa_status_request<'a>(&'a self) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/2fa", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
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
    /// Get the two-factor status
    ///
    /// Whether two-factor authentication is on, and whether an enrolment awaits verification.
    ///
    /// Sends a `GET` request to `/v1/auth/2fa`
    ///
    #[inline]
    pub async fn two_fa_status<'a>(
        &'a self,
    ) -> Result<ResponseValue<types::TwoFaStatus>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.two_fa_status_request()?;
        let info = OperationInfo {
            operation_id: "two_fa_status",
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
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::disable_two_fa`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn disable_two_fa_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::TwoFaCodeRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/2fa/disable", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Turn two-factor authentication off
    ///
    /// Turns two-factor authentication off with a current code. Needs two-factor
    /// authentication on (else a 409 `conflict`), and `code` must be the enrolled
    /// secret's TOTP code for the current 30-second step (RFC 6238, SHA-1, 6 digits; the
    /// neighbouring steps are accepted too); any other code is a 422 on `code`, and so is
    /// a code of the step of one already accepted for the account (by `login` or
    /// `verifyTwoFa`), or of an earlier step: a code is accepted once.
    ///
    /// Wrong two-factor codes are limited. They are counted per account: per client
    /// (the credential a request is sent with; for `login`, which has none, the network
    /// address it comes from — in the sandbox every request comes from loopback, so an
    /// account's logins count as one client), and for all clients together. After 5
    /// wrong codes from one client, its next code is checked only 1 s after its latest
    /// wrong one, a wait that doubles with each further wrong code up to 5 minutes;
    /// after 10 from all clients together, every client's next code is checked only 1 s
    /// after the account's latest wrong one, doubling up to 1 minute. A code sent sooner
    /// is not checked and counts for nothing: the answer is 429 `too_many_attempts`, with
    /// `Retry-After` and `retry-after-ms` saying how long is left. A correct code clears
    /// its client's count, and counts are forgotten an hour after their latest wrong
    /// code. So a code never waits more than 5 minutes after its own client's latest
    /// wrong code, nor more than 1 minute after anyone else's: guessing is slowed to a
    /// crawl, and the account's owner is never locked out for long.
    ///
    ///
    /// Sends a `POST` request to `/v1/auth/2fa/disable`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn disable_two_fa<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::TwoFaCodeRequest,
    ) -> Result<ResponseValue<types::TwoFaStatus>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.disable_two_fa_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "disable_two_fa",
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
    /// Builds the request [`Self::enable_two_fa`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn enable_two_fa_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/2fa/enable", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Start two-factor enrolment
    ///
    /// Returns a new TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) and its otpauth URL. Two-factor authentication turns on only once `verifyTwoFa` accepts a code from it.
    ///
    /// Sends a `POST` request to `/v1/auth/2fa/enable`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    #[inline]
    pub async fn enable_two_fa<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
    ) -> Result<ResponseValue<types::TwoFaEnrollment>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.enable_two_fa_request(idempotency_key)?;
        let info = OperationInfo {
            operation_id: "enable_two_fa",
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
    /// Builds the request [`Self::verify_two_fa`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn verify_two_fa_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::TwoFaCodeRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/2fa/verify", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Verify two-factor enrolment
    ///
    /// Turns two-factor authentication on with a current code from the enrolled secret.
    /// Needs an enrolment pending from `enableTwoFa` (else a 409 `conflict`), and `code`
    /// must be the secret's TOTP code for the current 30-second step (RFC 6238, SHA-1, 6
    /// digits; the previous and next steps are accepted too); any other code is a 422 on
    /// `code`. The accepted code's step counts as used: `login` and `disableTwoFa` then
    /// refuse a code of that step or an earlier one (a 422 on `code` here too for a
    /// code used before).
    ///
    /// Wrong two-factor codes are limited. They are counted per account: per client
    /// (the credential a request is sent with; for `login`, which has none, the network
    /// address it comes from — in the sandbox every request comes from loopback, so an
    /// account's logins count as one client), and for all clients together. After 5
    /// wrong codes from one client, its next code is checked only 1 s after its latest
    /// wrong one, a wait that doubles with each further wrong code up to 5 minutes;
    /// after 10 from all clients together, every client's next code is checked only 1 s
    /// after the account's latest wrong one, doubling up to 1 minute. A code sent sooner
    /// is not checked and counts for nothing: the answer is 429 `too_many_attempts`, with
    /// `Retry-After` and `retry-after-ms` saying how long is left. A correct code clears
    /// its client's count, and counts are forgotten an hour after their latest wrong
    /// code. So a code never waits more than 5 minutes after its own client's latest
    /// wrong code, nor more than 1 minute after anyone else's: guessing is slowed to a
    /// crawl, and the account's owner is never locked out for long.
    ///
    ///
    /// Sends a `POST` request to `/v1/auth/2fa/verify`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn verify_two_fa<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::TwoFaCodeRequest,
    ) -> Result<ResponseValue<types::TwoFaStatus>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.verify_two_fa_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "verify_two_fa",
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
    /// Builds the request [`Self::change_password`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn change_password_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::ChangePasswordRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/change-password", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Change the password
    ///
    /// Replaces the password after checking the current one (a wrong current password is a 403 `invalid_credentials`). Every other session of the account ends; the calling session, if it is one, stays. API keys keep working.
    ///
    /// Sends a `POST` request to `/v1/auth/change-password`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn change_password<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::ChangePasswordRequest,
    ) -> Result<ResponseValue<()>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.change_password_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "change_password",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(ResponseValue::empty(response)),
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
    /// Builds the request [`Self::deactivate_account`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn deactivate_account_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::DeactivateAccountRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/deactivate", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Deactivate the account (GDPR)
    ///
    /// Deactivates the caller's account after checking its password. Every session and API key of the account stops authenticating at once.
    ///
    /// Sends a `POST` request to `/v1/auth/deactivate`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn deactivate_account<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::DeactivateAccountRequest,
    ) -> Result<ResponseValue<types::Deactivation>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.deactivate_account_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "deactivate_account",
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
    /// Builds the request [`Self::login`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn login_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::LoginRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/login", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Log in
    ///
    /// Exchanges email and password for a session token usable as the Bearer token.
    /// Once two-factor authentication is on, `totp_code` is required: without it the
    /// answer is 401 `two_factor_required`, with a wrong one 401 `invalid_two_factor_code`.
    /// The code is checked only once the password is right. A code is accepted once
    /// (RFC 6238 §5.2): a code of the 30-second step of one already accepted for the
    /// account (by a login, `verifyTwoFa` or `disableTwoFa`), or of an earlier step, is
    /// refused as `invalid_two_factor_code` too; wait for the next one.
    ///
    /// Wrong two-factor codes are limited. They are counted per account: per client
    /// (the credential a request is sent with; for `login`, which has none, the network
    /// address it comes from — in the sandbox every request comes from loopback, so an
    /// account's logins count as one client), and for all clients together. After 5
    /// wrong codes from one client, its next code is checked only 1 s after its latest
    /// wrong one, a wait that doubles with each further wrong code up to 5 minutes;
    /// after 10 from all clients together, every client's next code is checked only 1 s
    /// after the account's latest wrong one, doubling up to 1 minute. A code sent sooner
    /// is not checked and counts for nothing: the answer is 429 `too_many_attempts`, with
    /// `Retry-After` and `retry-after-ms` saying how long is left. A correct code clears
    /// its client's count, and counts are forgotten an hour after their latest wrong
    /// code. So a code never waits more than 5 minutes after its own client's latest
    /// wrong code, nor more than 1 minute after anyone else's: guessing is slowed to a
    /// crawl, and the account's owner is never locked out for long.
    ///
    ///
    /// Sends a `POST` request to `/v1/auth/login`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn login<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::LoginRequest,
    ) -> Result<ResponseValue<types::AuthSession>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.login_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "login",
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
    /// Builds the request [`Self::logout`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn logout_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/logout", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Log out
    ///
    /// Ends the session whose token authenticates this request. The bearer credential must be a session token from `login`; an API key is not a session and is refused with a 422.
    ///
    /// Sends a `POST` request to `/v1/auth/logout`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    #[inline]
    pub async fn logout<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
    ) -> Result<ResponseValue<()>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.logout_request(idempotency_key)?;
        let info = OperationInfo {
            operation_id: "logout",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(ResponseValue::empty(response)),
            401u16 => Err(Error::ErrorResponse(
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
    /// Builds the request [`Self::me`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn me_request<'a>(&'a self) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/me", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
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
    /// Get the current user
    ///
    /// The account that the Bearer token belongs to.
    ///
    /// Sends a `GET` request to `/v1/auth/me`
    ///
    #[inline]
    pub async fn me<'a>(&'a self) -> Result<ResponseValue<types::User>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.me_request()?;
        let info = OperationInfo { operation_id: "me" };
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
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::update_profile`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn update_profile_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::UpdateProfileRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/me", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .patch(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Update the profile
    ///
    /// Changes the current user's full name.
    ///
    /// Sends a `PATCH` request to `/v1/auth/me`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn update_profile<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::UpdateProfileRequest,
    ) -> Result<ResponseValue<types::User>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.update_profile_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "update_profile",
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
    /// Builds the request [`Self::request_password_reset`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn request_password_reset_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::PasswordResetRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/password-reset", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Request a password reset
    ///
    /// Emails a single-use reset token, valid for an hour, if an account has this email. The answer is the same whether or not it does, so it cannot be used to discover accounts. An account holds its five newest tokens; an older one stops working.
    ///
    /// Sends a `POST` request to `/v1/auth/password-reset`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn request_password_reset<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::PasswordResetRequest,
    ) -> Result<ResponseValue<()>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.request_password_reset_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "request_password_reset",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            202u16 => Ok(ResponseValue::empty(response)),
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
    /// Builds the request [`Self::confirm_password_reset`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn confirm_password_reset_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::PasswordResetConfirmRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/password-reset/confirm", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Confirm a password reset
    ///
    /// Sets a new password with the emailed reset token. The token works once, and every other reset token of the account stops working with it; every existing session of the account ends.
    ///
    /// Sends a `POST` request to `/v1/auth/password-reset/confirm`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn confirm_password_reset<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::PasswordResetConfirmRequest,
    ) -> Result<ResponseValue<()>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.confirm_password_reset_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "confirm_password_reset",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(ResponseValue::empty(response)),
            401u16 => Err(Error::ErrorResponse(
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
    /// Builds the request [`Self::register`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn register_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::RegisterRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/auth/register", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
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
    /// Register an account
    ///
    /// Creates an account and returns a session for it. The email must not be taken.
    /// An invitation to an organization (see `inviteMember`) is taken only with the
    /// `invitation_token` it emailed, which proves the mailbox: the account then takes
    /// the invitation's user id and becomes an `active` member of every organization
    /// that invited this email. Without a token the account is a plain one and the
    /// invitations stay `invited`. A token that is not an open invitation to this email
    /// (another email's, expired, or withdrawn by removing the member) is a 422 on
    /// `invitation_token`, and nothing is created.
    ///
    ///
    /// Sends a `POST` request to `/v1/auth/register`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn register<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::RegisterRequest,
    ) -> Result<ResponseValue<types::AuthSession>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.register_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "register",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
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
