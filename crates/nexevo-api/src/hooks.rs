//! The hook the generated client expects of the hand-written layer: each request it builds goes
//! to the client's [`Transport`].

use std::sync::Arc;

use progenitor_client::{ClientHooks, OperationInfo};

use crate::Client;
use crate::transport::Transport;

impl ClientHooks<Arc<dyn Transport>> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        self.inner
            .execute(&self.client, request, info.operation_id)
            .await
    }
}
