// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `chat` calls: `client.chat()` and a builder per operation, from the spec's `chat` operations.

#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::Decimal;
#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{ModelInfo, Region, Tier};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`chat()`](ChatExt::chat) to the client.
pub trait ChatExt {
    /// The `chat` calls: OpenAI-compatible chat completions and the model catalogue.
    fn chat(&self) -> Chat;
}
impl ChatExt for Client {
    fn chat(&self) -> Chat {
        Chat {
            client: self.clone(),
        }
    }
}
/// The `chat` calls of a client: OpenAI-compatible chat completions and the model catalogue.
#[derive(Debug, Clone)]
pub struct Chat {
    pub(crate) client: Client,
}
impl Chat {
    /// List models
    ///
    /// The models the caller can use, with their billing tier, price per million tokens, and the regions they are served in (in order of preference).
    ///
    /// ```no_run
    /// # use nexevo_chat::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.chat().models().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn models(&self) -> ListModels {
        ListModels {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
}
/// [`Chat::models`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListModels {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for ListModels {
    type Output = ::std::vec::Vec<::nexevo_api::types::ModelInfo>;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::std::vec::Vec<::nexevo_api::types::ModelInfo>>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            let organization =
                __private::organization_header(&client, params::nexevo_organization)?;
            Ok(__private::call::<::nexevo_api::types::ModelList>(
                &client,
                &options,
                "list_models",
                200u16,
                &|api| api.list_models_request(organization),
            )
            .await?
            .map(|answer| answer.data))
        })
    }
}
impl CallBuilder for ListModels {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ListModels {}
awaitable!(ListModels);
