// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `feedback` operations: compiled only with the `feedback` feature.

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
    /// Builds the request [`Self::submit_feedback`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn submit_feedback_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::SubmitFeedbackRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/feedback", self.baseurl,);
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
    /// Submit feedback on a generation
    ///
    /// Records a thumbs up (1) or down (-1) on a generation the caller produced, with an optional comment and tags. An unknown generation id is a 404. Rating a generation again replaces the earlier rating, in the summary and in routing; the rating trains the routing of the generation's payer for the backend that served it (see `createChatCompletion`), unless the generation was of a named model or bring-your-own-key.
    ///
    /// Sends a `POST` request to `/v1/feedback`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn submit_feedback<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::SubmitFeedbackRequest,
    ) -> Result<ResponseValue<types::Feedback>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.submit_feedback_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "submit_feedback",
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
    /// Builds the request [`Self::get_feedback_summary`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_feedback_summary_request<'a>(
        &'a self,
        days: Option<u32>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/feedback/summary", self.baseurl,);
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
            .query(&progenitor_client::QueryParam::new("days", &days))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Summarise feedback
    ///
    /// Counts of the caller's feedback over the last `days` days, by rating and by tag.
    ///
    /// Sends a `GET` request to `/v1/feedback/summary`
    ///
    /// Arguments:
    /// - `days`: How many days back to cover, today included.
    #[inline]
    pub async fn get_feedback_summary<'a>(
        &'a self,
        days: Option<u32>,
    ) -> Result<ResponseValue<types::FeedbackSummary>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_feedback_summary_request(days)?;
        let info = OperationInfo {
            operation_id: "get_feedback_summary",
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
