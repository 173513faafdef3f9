// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `chat` operations: compiled only with the `chat` feature.

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
    /// Builds the request [`Self::create_chat_completion`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn create_chat_completion_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        x_nexevo_provider_key: Option<&'a str>,
        body: &'a types::ChatCompletionRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/chat/completions", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(4usize);
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
        if let Some(value) = x_nexevo_provider_key {
            header_map.append("X-Nexevo-Provider-Key", value.to_string().try_into()?);
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
    /// Create a chat completion
    ///
    /// Creates a completion for the conversation in `messages`. The billing tier
    /// follows `model`: `nexevo/fast` and `nexevo/balanced` are flat-price tiers, any
    /// other model name is passthrough at +5%, and a request carrying
    /// `X-Nexevo-Provider-Key` is billed at the `byok` tier. The cost is charged
    /// exactly, with no per-call rounding.
    ///
    /// Routing honours the calling key's `geo_policy` (a session, or a key without
    /// one, is `any`). Each model is served in the `regions` the catalogue
    /// (`listModels`) lists for it, in order of preference; a model outside the
    /// catalogue is served `overseas` only, and a bring-your-own-key call in the
    /// regions of its model. `cn-only` routes to the model's `cn` backend,
    /// `overseas-only` to its `overseas` one, and `any` to the first region listed
    /// for the model. A model not served in a region the policy allows is refused
    /// with a 403 `geo_restricted` naming the model and the policy, before anything
    /// is charged. The answer's `nexevo.region` (and each chunk's) says where it was
    /// served, and `nexevo.routed_model` which backend.
    ///
    /// Within that region a tier (`nexevo/fast`, `nexevo/balanced`) has several
    /// candidate backends, and the router learns which to use from feedback
    /// (`submitFeedback`). Each payer (the account, or the organization an
    /// organization's key or `Nexevo-Organization` acts for) has its own scores: a
    /// thumbs up or down trains only the routing of the generation's payer, for the
    /// backend that served it, so one customer's ratings never steer another's
    /// routing. A backend's score is its share of thumbs up, counting each rating
    /// with a weight that halves every 7 days (one pseudo-rating each way keeps an
    /// unrated backend at one half). Until the payer has rated a generation of the
    /// tier in that region, the tier's first backend serves it, as if nothing were
    /// learned (`routing_reason: default`). After that, the best-scored backend
    /// serves it (`learned`), except that a tenth of requests (the `exploration`
    /// share) go to one of the others (`exploring`), so a backend that fell behind
    /// is still tried now and then. A named model (passthrough) and a
    /// bring-your-own-key call are never re-routed (`fixed`), and feedback on their
    /// generations trains nothing. The tier's price is the same whichever backend
    /// serves it.
    ///
    /// With `stream: true` the answer is `text/event-stream`: one
    /// `chat.completion.chunk` per `data:` line, ending with `data: [DONE]`. An
    /// error after the stream started arrives as an `event: error` whose data is
    /// the error shape.
    ///
    ///
    /// Sends a `POST` request to `/v1/chat/completions`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    /// - `x_nexevo_provider_key`: Your own provider API key (bring-your-own-key). The request is then billed at the `byok` tier. It is a secret and is never stored or logged.
    /// - `body`
    #[inline]
    pub async fn create_chat_completion<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        nexevo_organization: Option<&'a str>,
        x_nexevo_provider_key: Option<&'a str>,
        body: &'a types::ChatCompletionRequest,
    ) -> Result<ResponseValue<types::ChatCompletion>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.create_chat_completion_request(
            idempotency_key,
            nexevo_organization,
            x_nexevo_provider_key,
            body,
        )?;
        let info = OperationInfo {
            operation_id: "create_chat_completion",
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
            402u16 => Err(Error::ErrorResponse(
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
    /// Builds the request [`Self::list_models`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn list_models_request<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/models", self.baseurl,);
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
    /// List models
    ///
    /// The models the caller can use, with their billing tier, price per million tokens, and the regions they are served in (in order of preference).
    ///
    /// Sends a `GET` request to `/v1/models`
    ///
    /// Arguments:
    /// - `nexevo_organization`: Act on this organization's keys and billing instead of the caller's own account. The caller must be a member (403 otherwise).
    #[inline]
    pub async fn list_models<'a>(
        &'a self,
        nexevo_organization: Option<&'a str>,
    ) -> Result<ResponseValue<types::ModelList>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.list_models_request(nexevo_organization)?;
        let info = OperationInfo {
            operation_id: "list_models",
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
