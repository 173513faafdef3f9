//! Every operation of the spec has a call in the SDK that reaches the server: each call is made
//! once against the sandbox (the generated ones with the spec's example values, from
//! `generated_calls.rs`; the hand-written ones below), and then every entry of
//! `nexevo_api::OPERATIONS` must have been received. An operation without a call, or a call
//! that sends the wrong request, fails it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::generated_calls;

use nexevo::RetryPolicy;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo_e2e::{build, sandbox};

#[tokio::test]
async fn every_operation_of_the_spec_has_a_call_that_reaches_the_sandbox() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder.retry_policy(RetryPolicy::none()));

    generated_calls::make_every_generated_call(&client).await;
    // The calls the spec marks `x-nexevo-hand-written`.
    let request = ChatRequest::new(Model::FAST).user("Hi");
    let _ = client.chat().completions().create(request.clone()).await;
    let _ = client.chat().completions().create_stream(request).await;

    let missing: Vec<&str> = nexevo_api::OPERATIONS
        .iter()
        .map(|op| op.id)
        .filter(|id| sandbox.counters(id).received == 0)
        .collect();
    assert!(
        missing.is_empty(),
        "operations of the spec that no SDK call reached: {missing:?}"
    );
}

#[test]
fn the_sandbox_implements_every_operation_of_the_spec() {
    let all: Vec<&str> = nexevo_api::OPERATIONS.iter().map(|op| op.id).collect();
    assert_eq!(nexevo_sandbox::implemented_operations(), all);
}

#[tokio::test]
async fn an_operation_the_sandbox_lacks_answers_501_naming_it_and_is_counted_and_faultable() {
    use nexevo::ErrorCode;
    use nexevo::billing::BillingExt;
    use nexevo_sandbox::{Fault, FaultRule, Sandbox};

    let sandbox = Sandbox::builder()
        .unimplemented("get_balance")
        .start()
        .await
        .unwrap();
    let client = build(nexevo_e2e::builder_for(
        &sandbox,
        sandbox.demo().api_key.expose(),
    ));
    let error = client.billing().balance().await.unwrap_err();
    assert_eq!(error.status(), Some(501), "{error:?}");
    assert_eq!(error.code(), Some(&ErrorCode::NotImplemented));
    assert!(error.to_string().contains("get_balance"), "{error}");
    assert!(error.request_id().is_some());
    assert_eq!(
        sandbox.counters("get_balance").received,
        1,
        "counted, and not retried: asking again cannot help"
    );

    // It passes through the fault layer like any other operation: a 503 first is retried.
    sandbox
        .faults()
        .push(FaultRule::new(Fault::Status(503)).on("get_balance").once());
    let error = client.billing().balance().await.unwrap_err();
    assert_eq!(error.status(), Some(501));
    assert_eq!(sandbox.counters("get_balance").received, 3);
    // The rest of the API is there.
    client.billing().get_plan().await.unwrap();
}
