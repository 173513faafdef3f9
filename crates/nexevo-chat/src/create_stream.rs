//! A streamed completion: the call that opens the stream.

use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
use nexevo_core::{BoxFuture, CallOptions, Client, Operation, Response, Result, StreamOptions};
use reqwest::header::{ACCEPT, HeaderValue};

use crate::prepare::{Prepared, prepare};
use crate::request::ChatRequest;
use crate::stream::{ChatStream, StreamBounds};
use crate::telemetry::{self, StreamTrace};

/// [`Completions::create_stream`](crate::Completions::create_stream), ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateStream {
    client: Client,
    options: RequestOptions,
    pub(crate) request: ChatRequest,
    pub(crate) bounds: StreamBounds,
}

impl CreateStream {
    pub(crate) fn new(client: Client, request: ChatRequest) -> Self {
        Self {
            client,
            options: RequestOptions::default(),
            request,
            bounds: StreamBounds::default(),
        }
    }
}

impl CreateStream {
    /// The largest single event the stream accepts (default [`MAX_EVENT_BYTES`](crate::MAX_EVENT_BYTES)); a larger one
    /// ends the stream with [`StreamError::EventTooLarge`](nexevo_core::StreamError).
    pub fn max_event_bytes(mut self, limit: usize) -> Self {
        self.bounds.max_event_bytes = limit;
        self
    }

    /// The most text [`ChatStream::collect_message`] accumulates (default
    /// [`MAX_MESSAGE_BYTES`](crate::MAX_MESSAGE_BYTES)); past it, [`StreamError::MessageTooLarge`](nexevo_core::StreamError).
    pub fn max_message_bytes(mut self, limit: usize) -> Self {
        self.bounds.max_message_bytes = limit;
        self
    }
}

impl Operation for CreateStream {
    type Output = ChatStream;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<ChatStream>>> {
        Box::pin(async move {
            let Prepared {
                body,
                provider_key,
                organization,
                idempotency_key,
            } = prepare(&self.client, self.request, true)?;
            // The same request as `create`'s, asking for the event stream instead.
            let build = |api: &nexevo_api::Client| {
                let mut request = api.create_chat_completion_request(
                    Some(&idempotency_key),
                    organization.as_deref(),
                    provider_key.as_deref(),
                    &body,
                )?;
                request
                    .headers_mut()
                    .insert(ACCEPT, HeaderValue::from_static("text/event-stream"));
                Ok(request)
            };
            let mut trace = telemetry::start(&self.client, &body);
            let (body, meta) = __private::send_streaming(
                &self.client,
                &self.options,
                &mut trace,
                "create_chat_completion",
                &build,
            )
            .await?;
            let trace = StreamTrace::new(trace);
            let stream = ChatStream::new(body, meta.clone(), self.bounds, trace);
            Ok(__private::response(stream, meta))
        })
    }
}

awaitable!(CreateStream);

impl CallBuilder for CreateStream {
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}

impl CallOptions for CreateStream {}

impl StreamOptions for CreateStream {}
