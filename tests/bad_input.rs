//! The bad-input table of RELIABILITY.md: every constraint the spec states on a request value,
//! tried with a bad value through the SDK. Each must be a typed validation error naming the
//! field and the rule, with nothing sent (the sandbox's counters stay at zero). A constraint the
//! SDK's types make impossible to break is listed with the reason (a body's stated size that its
//! fields' own bounds keep it within is worked out from the spec), and the test checks that the
//! lists together are exactly the spec's constraints. (The same constraints sent over raw
//! HTTP are `crates/nexevo-sandbox/tests/robustness.rs`: a 4xx, never a 5xx.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::collections::BTreeSet;
use std::future::Future;
use std::pin::Pin;

use nexevo::auth::AuthExt;
use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatMessage, ChatRequest, FunctionCall, MessageRole, Model, ToolCall};
use nexevo::conversations::ConversationsExt;
use nexevo::feedback::{FeedbackExt, Rating};
use nexevo::keys::KeysExt;
use nexevo::orgs::{OrgRole, OrganizationsExt};
use nexevo::{Client, Error, Idempotent, Paginated};
use nexevo_api::validation::Rule;
use nexevo_e2e::{build, sandbox};
use rust_decimal_macros::dec;
use serde_json::{Value, json};

type Call = Pin<Box<dyn Future<Output = Error> + Send>>;

/// One row: the spec constraint (`Schema.property:keyword`), the field the error must name, and
/// the call that breaks it.
struct Case {
    constraint: &'static str,
    field: &'static str,
    call: Call,
}

fn case(
    constraint: &'static str,
    field: &'static str,
    call: impl Future<Output = Error> + Send + 'static,
) -> Case {
    Case {
        constraint,
        field,
        call: Box::pin(call),
    }
}

/// Constraints no call can break, because the SDK's types cannot hold the bad value.
const UNREPRESENTABLE: &[(&str, &str)] = &[
    (
        "GeoPolicy:enum",
        "an open enum: only the server can make an unknown value",
    ),
    (
        "OrgRole:enum",
        "an open enum: only the server can make an unknown value",
    ),
    (
        "MessageRole:enum",
        "an open enum: only the server can make an unknown value",
    ),
    (
        "ToolType:enum",
        "an open enum, and the builder always sets `function`",
    ),
    (
        "ToolChoiceMode:enum",
        "an open enum: only the server can make an unknown value",
    ),
    (
        "ResponseFormatType:enum",
        "an open enum, set by `json_object`/`json_schema`",
    ),
    (
        "FeedbackRating:enum",
        "`Rating` has exactly `Up` and `Down`",
    ),
    (
        "SpendCap:minLength",
        "a `Decimal` always has at least one digit",
    ),
    (
        "ChatCompletionRequest.stop:minItems",
        "an empty list is not sent (absent, not too short)",
    ),
    (
        "ChatCompletionRequest.tools:minItems",
        "an empty list is not sent (absent, not too short)",
    ),
    (
        "ChatMessage.tool_calls:minItems",
        "an empty list is not sent (absent, not too short)",
    ),
];

fn chat_with(message: ChatMessage) -> ChatRequest {
    ChatRequest::new(Model::FAST).message(message)
}

fn message(role: MessageRole, content: &str) -> ChatMessage {
    ChatMessage {
        role,
        content: Some(content.into()),
        name: None,
        tool_call_id: None,
        tool_calls: Vec::new(),
        refusal: None,
    }
}

fn tool_call(id: &str, name: &str, arguments: &str) -> ToolCall {
    ToolCall {
        id: id.into(),
        type_: nexevo::chat::ToolType::Function,
        function: FunctionCall {
            name: name.into(),
            arguments: arguments.into(),
        },
    }
}

fn object(properties: usize) -> Value {
    Value::Object(
        (0..properties)
            .map(|i| (format!("k{i}"), json!(i)))
            .collect(),
    )
}

#[allow(clippy::too_many_lines)]
fn cases(client: &Client) -> Vec<Case> {
    let c = || client.clone();
    let long = |n: usize| "x".repeat(n);
    let fast = || ChatRequest::new(Model::FAST).user("hi");
    let completion = |client: Client, request: ChatRequest| async move {
        client
            .chat()
            .completions()
            .create(request)
            .await
            .unwrap_err()
    };
    let mut cases = vec![
        // Conversations.
        case("AppendMessageRequest.content:minLength", "content", {
            let c = c();
            async move {
                c.conversations()
                    .append_message("conv_1", MessageRole::User, "")
                    .await
                    .unwrap_err()
            }
        }),
        case("AppendMessageRequest.content:maxLength", "content", {
            let c = c();
            async move {
                c.conversations()
                    .append_message("conv_1", MessageRole::User, "x".repeat(100_001))
                    .await
                    .unwrap_err()
            }
        }),
        case("CreateConversationRequest.title:minLength", "title", {
            let c = c();
            async move { c.conversations().create().title("").await.unwrap_err() }
        }),
        case("CreateConversationRequest.title:maxLength", "title", {
            let c = c();
            async move {
                c.conversations()
                    .create()
                    .title("x".repeat(201))
                    .await
                    .unwrap_err()
            }
        }),
        case("UpdateConversationRequest.title:minLength", "title", {
            let c = c();
            async move {
                c.conversations()
                    .update("conv_1")
                    .title("")
                    .await
                    .unwrap_err()
            }
        }),
        case("UpdateConversationRequest.title:maxLength", "title", {
            let c = c();
            async move {
                c.conversations()
                    .update("conv_1")
                    .title("x".repeat(201))
                    .await
                    .unwrap_err()
            }
        }),
        case("Metadata:maxProperties", "metadata", {
            let c = c();
            async move {
                c.conversations()
                    .create()
                    .metadata(object(65))
                    .await
                    .unwrap_err()
            }
        }),
        case("Metadata:x-nexevo-max-serialized-bytes", "metadata", {
            let c = c();
            async move {
                c.conversations()
                    .update("conv_1")
                    .metadata(json!({ "blob": "x".repeat(4096) }))
                    .await
                    .unwrap_err()
            }
        }),
        case("ConversationId:minLength", "conversation_id", {
            let c = c();
            async move { c.conversations().get("").await.unwrap_err() }
        }),
        case("ConversationId:maxLength", "conversation_id", {
            let c = c();
            async move {
                c.conversations()
                    .delete(format!("conv_{}", "a".repeat(65)))
                    .await
                    .unwrap_err()
            }
        }),
        case("ConversationId:pattern", "conversation_id", {
            let c = c();
            async move {
                c.conversations()
                    .list_messages("chat_123")
                    .await
                    .unwrap_err()
            }
        }),
        // Accounts.
        case("Email:minLength", "email", {
            let c = c();
            async move { c.auth().request_password_reset("a@").await.unwrap_err() }
        }),
        case("Email:maxLength", "email", {
            let c = c();
            async move {
                c.auth()
                    .register(format!("{}@acme.com", "a".repeat(250)), "password-1234")
                    .await
                    .unwrap_err()
            }
        }),
        case("Email:pattern", "email", {
            let c = c();
            async move {
                c.auth()
                    .login("not-an-email", "password")
                    .await
                    .unwrap_err()
            }
        }),
        case("Password:minLength", "password", {
            let c = c();
            async move { c.auth().register("a@acme.com", "short").await.unwrap_err() }
        }),
        case("Password:maxLength", "new_password", {
            let c = c();
            async move {
                c.auth()
                    .change_password("old", "x".repeat(129))
                    .await
                    .unwrap_err()
            }
        }),
        case("CurrentPassword:minLength", "password", {
            let c = c();
            async move { c.auth().login("a@acme.com", "").await.unwrap_err() }
        }),
        case("CurrentPassword:maxLength", "current_password", {
            let c = c();
            async move {
                c.auth()
                    .change_password("x".repeat(129), "new-password-1")
                    .await
                    .unwrap_err()
            }
        }),
        case("RegisterRequest.full_name:minLength", "full_name", {
            let c = c();
            async move {
                c.auth()
                    .register("a@acme.com", "password-1234")
                    .full_name("")
                    .await
                    .unwrap_err()
            }
        }),
        case("RegisterRequest.full_name:maxLength", "full_name", {
            let c = c();
            async move {
                c.auth()
                    .register("a@acme.com", "password-1234")
                    .full_name("x".repeat(101))
                    .await
                    .unwrap_err()
            }
        }),
        case("InvitationToken:minLength", "invitation_token", {
            let c = c();
            async move {
                c.auth()
                    .register("a@acme.com", "password-1234")
                    .invitation_token("")
                    .await
                    .unwrap_err()
            }
        }),
        case("InvitationToken:maxLength", "invitation_token", {
            let c = c();
            async move {
                c.auth()
                    .register("a@acme.com", "password-1234")
                    .invitation_token("x".repeat(257))
                    .await
                    .unwrap_err()
            }
        }),
        case("UpdateProfileRequest.full_name:minLength", "full_name", {
            let c = c();
            async move { c.auth().update_profile("").await.unwrap_err() }
        }),
        case("UpdateProfileRequest.full_name:maxLength", "full_name", {
            let c = c();
            async move { c.auth().update_profile("x".repeat(101)).await.unwrap_err() }
        }),
        case("ResetToken:minLength", "reset_token", {
            let c = c();
            async move {
                c.auth()
                    .confirm_password_reset("", "new-password-1")
                    .await
                    .unwrap_err()
            }
        }),
        case("ResetToken:maxLength", "reset_token", {
            let c = c();
            async move {
                c.auth()
                    .confirm_password_reset("x".repeat(257), "new-password-1")
                    .await
                    .unwrap_err()
            }
        }),
        case("TotpCode:minLength", "code", {
            let c = c();
            async move { c.auth().verify_two_fa("12345").await.unwrap_err() }
        }),
        case("TotpCode:maxLength", "totp_code", {
            let c = c();
            async move {
                c.auth()
                    .login("a@acme.com", "password")
                    .totp_code("1234567")
                    .await
                    .unwrap_err()
            }
        }),
        case("TotpCode:pattern", "code", {
            let c = c();
            async move { c.auth().disable_two_fa("12a456").await.unwrap_err() }
        }),
        case("DeactivateAccountRequest.reason:minLength", "reason", {
            let c = c();
            async move {
                c.auth()
                    .deactivate("password")
                    .reason("")
                    .await
                    .unwrap_err()
            }
        }),
        case("DeactivateAccountRequest.reason:maxLength", "reason", {
            let c = c();
            async move {
                c.auth()
                    .deactivate("password")
                    .reason("x".repeat(501))
                    .await
                    .unwrap_err()
            }
        }),
        // Keys.
        case("CreateKeyRequest.name:minLength", "name", {
            let c = c();
            async move { c.keys().create("").await.unwrap_err() }
        }),
        case("CreateKeyRequest.name:maxLength", "name", {
            let c = c();
            async move { c.keys().create("x".repeat(101)).await.unwrap_err() }
        }),
        case("SpendCap:maxLength", "monthly_spend_cap_usd", {
            let c = c();
            async move {
                c.keys()
                    .create("k")
                    .monthly_spend_cap(dec!(12345678.12345678))
                    .await
                    .unwrap_err()
            }
        }),
        case("SpendCap:pattern", "monthly_spend_cap_usd", {
            let c = c();
            async move {
                c.keys()
                    .update_spend_cap("key_1", dec!(-5))
                    .await
                    .unwrap_err()
            }
        }),
        case("UpdateAlertWebhookRequest.url:minLength", "url", {
            let c = c();
            async move {
                c.keys()
                    .update_alert_webhook("key_1", "https:/")
                    .await
                    .unwrap_err()
            }
        }),
        case("UpdateAlertWebhookRequest.url:maxLength", "url", {
            let c = c();
            async move {
                c.keys()
                    .update_alert_webhook("key_1", format!("https://a.b/{}", "x".repeat(2048)))
                    .await
                    .unwrap_err()
            }
        }),
        case("UpdateAlertWebhookRequest.url:pattern", "url", {
            let c = c();
            async move {
                c.keys()
                    .update_alert_webhook("key_1", "http://insecure.example/alert")
                    .await
                    .unwrap_err()
            }
        }),
        case("KeyId:minLength", "key_id", {
            let c = c();
            async move { c.keys().get("key_").await.unwrap_err() }
        }),
        case("KeyId:maxLength", "key_id", {
            let c = c();
            async move {
                c.keys()
                    .revoke(format!("key_{}", "a".repeat(65)))
                    .await
                    .unwrap_err()
            }
        }),
        case("KeyId:pattern", "key_id", {
            let c = c();
            async move { c.keys().clear_spend_cap("sk_12345").await.unwrap_err() }
        }),
        // Billing.
        case("CheckoutAmount:minimum", "amount_usd", {
            let c = c();
            async move { c.billing().checkout(dec!(-1), "k").await.unwrap_err() }
        }),
        case("CheckoutAmount:exclusiveMinimum", "amount_usd", {
            let c = c();
            async move { c.billing().checkout(dec!(0), "k").await.unwrap_err() }
        }),
        case("CheckoutAmount:maximum", "amount_usd", {
            let c = c();
            async move { c.billing().checkout(dec!(10000.01), "k").await.unwrap_err() }
        }),
        case(
            "CheckoutAmount:x-nexevo-max-decimal-places",
            "amount_usd",
            {
                let c = c();
                async move { c.billing().checkout(dec!(1.005), "k").await.unwrap_err() }
            },
        ),
        case(
            "CheckoutRequest.idempotency_key:minLength",
            "idempotency_key",
            {
                let c = c();
                async move { c.billing().checkout(dec!(1), "").await.unwrap_err() }
            },
        ),
        case(
            "CheckoutRequest.idempotency_key:maxLength",
            "idempotency_key",
            {
                let c = c();
                async move {
                    c.billing()
                        .checkout(dec!(1), "k".repeat(256))
                        .await
                        .unwrap_err()
                }
            },
        ),
        case(
            "CheckoutRequest.idempotency_key:pattern",
            "idempotency_key",
            {
                let c = c();
                async move { c.billing().checkout(dec!(1), "top up").await.unwrap_err() }
            },
        ),
        // Organizations.
        case("CreateOrganizationRequest.name:minLength", "name", {
            let c = c();
            async move { c.organizations().create("").await.unwrap_err() }
        }),
        case("CreateOrganizationRequest.name:maxLength", "name", {
            let c = c();
            async move { c.organizations().create("x".repeat(101)).await.unwrap_err() }
        }),
        case("OrgId:minLength", "org_id", {
            let c = c();
            async move { c.organizations().get("org_").await.unwrap_err() }
        }),
        case("OrgId:maxLength", "org_id", {
            let c = c();
            async move {
                c.organizations()
                    .list_members(format!("org_{}", "a".repeat(65)))
                    .await
                    .unwrap_err()
            }
        }),
        case("OrgId:pattern", "org_id", {
            let c = c();
            async move {
                c.organizations()
                    .invite_member("acme-inc", "a@acme.com", OrgRole::Admin)
                    .await
                    .unwrap_err()
            }
        }),
        case("UserId:minLength", "user_id", {
            let c = c();
            async move {
                c.organizations()
                    .remove_member("org_1", "u_")
                    .await
                    .unwrap_err()
            }
        }),
        case("UserId:maxLength", "new_owner_user_id", {
            let c = c();
            async move {
                c.organizations()
                    .transfer_owner("org_1", format!("u_{}", "a".repeat(65)))
                    .await
                    .unwrap_err()
            }
        }),
        case("UserId:pattern", "user_id", {
            let c = c();
            async move {
                c.organizations()
                    .change_member_role("org_1", "user-1", OrgRole::Admin)
                    .await
                    .unwrap_err()
            }
        }),
        // Feedback.
        case("GenerationId:minLength", "generation_id", {
            let c = c();
            async move { c.feedback().submit("gen_", Rating::Up).await.unwrap_err() }
        }),
        case("GenerationId:maxLength", "generation_id", {
            let c = c();
            async move {
                c.feedback()
                    .submit(format!("gen_{}", "a".repeat(65)), Rating::Up)
                    .await
                    .unwrap_err()
            }
        }),
        case("GenerationId:pattern", "generation_id", {
            let c = c();
            async move {
                c.feedback()
                    .submit("generation-1", Rating::Down)
                    .await
                    .unwrap_err()
            }
        }),
        case("SubmitFeedbackRequest.comment:minLength", "comment", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .comment("")
                    .await
                    .unwrap_err()
            }
        }),
        case("SubmitFeedbackRequest.comment:maxLength", "comment", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .comment("x".repeat(2001))
                    .await
                    .unwrap_err()
            }
        }),
        case("SubmitFeedbackRequest.tags:maxItems", "tags", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .tags((0..11).map(|i| format!("t{i}")))
                    .await
                    .unwrap_err()
            }
        }),
        case("SubmitFeedbackRequest.tags:uniqueItems", "tags", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .tags(["accurate", "accurate"])
                    .await
                    .unwrap_err()
            }
        }),
        case("FeedbackTag:minLength", "tags[0]", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .tags([""])
                    .await
                    .unwrap_err()
            }
        }),
        case("FeedbackTag:maxLength", "tags[0]", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .tags(["x".repeat(33)])
                    .await
                    .unwrap_err()
            }
        }),
        case("FeedbackTag:pattern", "tags[1]", {
            let c = c();
            async move {
                c.feedback()
                    .submit("gen_1", Rating::Up)
                    .tags(["accurate", "Too Verbose"])
                    .await
                    .unwrap_err()
            }
        }),
        // Shared parameters.
        case("param Cursor:minLength", "cursor", {
            let c = c();
            async move { c.keys().list().cursor("").await.unwrap_err() }
        }),
        case("param Cursor:maxLength", "cursor", {
            let c = c();
            async move {
                c.conversations()
                    .list()
                    .cursor("c".repeat(513))
                    .await
                    .unwrap_err()
            }
        }),
        case("param Cursor:pattern", "cursor", {
            let c = c();
            async move { c.organizations().list().cursor("c 2").await.unwrap_err() }
        }),
        case("param Limit:minimum", "limit", {
            let c = c();
            async move { c.keys().list().limit(0).await.unwrap_err() }
        }),
        case("param Limit:maximum", "limit", {
            let c = c();
            async move {
                c.organizations()
                    .list_members("org_1")
                    .limit(101)
                    .await
                    .unwrap_err()
            }
        }),
        case("param Days:minimum", "days", {
            let c = c();
            async move { c.billing().usage().days(0).await.unwrap_err() }
        }),
        case("param Days:maximum", "days", {
            let c = c();
            async move { c.feedback().summary().days(91).await.unwrap_err() }
        }),
        case("param IdempotencyKey:minLength", "Idempotency-Key", {
            let c = c();
            async move { c.keys().create("k").idempotency_key("").await.unwrap_err() }
        }),
        case("param IdempotencyKey:maxLength", "Idempotency-Key", {
            let c = c();
            async move {
                c.organizations()
                    .create("Acme")
                    .idempotency_key("k".repeat(256))
                    .await
                    .unwrap_err()
            }
        }),
        case("param IdempotencyKey:pattern", "Idempotency-Key", {
            let c = c();
            async move {
                c.conversations()
                    .create()
                    .idempotency_key("two words")
                    .await
                    .unwrap_err()
            }
        }),
        case(
            "param NexevoOrganization:minLength",
            "Nexevo-Organization",
            {
                let c = c();
                async move {
                    c.with_organization(Some("org_"))
                        .billing()
                        .balance()
                        .await
                        .unwrap_err()
                }
            },
        ),
        case(
            "param NexevoOrganization:maxLength",
            "Nexevo-Organization",
            {
                let c = c();
                async move {
                    c.with_organization(Some(&format!("org_{}", "a".repeat(65))))
                        .keys()
                        .list()
                        .await
                        .unwrap_err()
                }
            },
        ),
        case("param NexevoOrganization:pattern", "Nexevo-Organization", {
            let c = c();
            async move {
                c.with_organization(Some("acme-inc"))
                    .chat()
                    .models()
                    .await
                    .unwrap_err()
            }
        }),
        case(
            "param ProviderKey:minLength",
            "X-Nexevo-Provider-Key",
            completion(c(), fast().provider_key("short")),
        ),
        case(
            "param ProviderKey:maxLength",
            "X-Nexevo-Provider-Key",
            completion(c(), fast().provider_key("k".repeat(513))),
        ),
        case(
            "param ProviderKey:pattern",
            "X-Nexevo-Provider-Key",
            completion(c(), fast().provider_key("has a space")),
        ),
        // Chat.
        case(
            "ChatCompletionRequest.model:minLength",
            "model",
            completion(c(), ChatRequest::new(Model::named("")).user("hi")),
        ),
        case(
            "ChatCompletionRequest.model:maxLength",
            "model",
            completion(c(), ChatRequest::new(Model::named(long(129))).user("hi")),
        ),
        case(
            "ChatCompletionRequest.model:pattern",
            "model",
            completion(c(), ChatRequest::new(Model::named("gpt 4o")).user("hi")),
        ),
        case(
            "ChatCompletionRequest:x-nexevo-max-serialized-bytes",
            "body",
            // Five messages each within their own million characters: about 5 MB in all.
            completion(
                c(),
                (0..5).fold(ChatRequest::new(Model::FAST), |r, _| {
                    r.user(long(1_000_000))
                }),
            ),
        ),
        case(
            "ChatCompletionRequest.messages:minItems",
            "messages",
            completion(c(), ChatRequest::new(Model::FAST)),
        ),
        case(
            "ChatCompletionRequest.messages:maxItems",
            "messages",
            completion(
                c(),
                (0..1025).fold(ChatRequest::new(Model::FAST), |r, _| r.user("hi")),
            ),
        ),
        case(
            "ChatCompletionRequest.temperature:minimum",
            "temperature",
            completion(c(), fast().temperature(-0.1)),
        ),
        case(
            "ChatCompletionRequest.temperature:maximum",
            "temperature",
            completion(c(), fast().temperature(2.1)),
        ),
        case(
            "ChatCompletionRequest.top_p:minimum",
            "top_p",
            completion(c(), fast().top_p(-0.1)),
        ),
        case(
            "ChatCompletionRequest.top_p:maximum",
            "top_p",
            completion(c(), fast().top_p(1.1)),
        ),
        case(
            "ChatCompletionRequest.max_tokens:minimum",
            "max_tokens",
            completion(c(), fast().max_tokens(0)),
        ),
        case(
            "ChatCompletionRequest.max_tokens:maximum",
            "max_tokens",
            completion(c(), fast().max_tokens(131_073)),
        ),
        case(
            "ChatCompletionRequest.presence_penalty:minimum",
            "presence_penalty",
            completion(c(), fast().presence_penalty(-2.1)),
        ),
        case(
            "ChatCompletionRequest.presence_penalty:maximum",
            "presence_penalty",
            completion(c(), fast().presence_penalty(2.1)),
        ),
        case(
            "ChatCompletionRequest.frequency_penalty:minimum",
            "frequency_penalty",
            completion(c(), fast().frequency_penalty(-2.1)),
        ),
        case(
            "ChatCompletionRequest.frequency_penalty:maximum",
            "frequency_penalty",
            completion(c(), fast().frequency_penalty(2.1)),
        ),
        case(
            "ChatCompletionRequest.stop:maxItems",
            "stop",
            completion(c(), fast().stop(["a", "b", "c", "d", "e"])),
        ),
        case(
            "ChatCompletionRequest.stop[]:minLength",
            "stop[0]",
            completion(c(), fast().stop([""])),
        ),
        case(
            "ChatCompletionRequest.stop[]:maxLength",
            "stop[1]",
            completion(c(), fast().stop(["a".to_owned(), long(65)])),
        ),
        case(
            "ChatCompletionRequest.tools:maxItems",
            "tools",
            completion(
                c(),
                (0..129).fold(fast(), |r, i| r.function(format!("f{i}"), "d", json!({}))),
            ),
        ),
        case(
            "ChatCompletionRequest.user:minLength",
            "user",
            completion(c(), fast().end_user("")),
        ),
        case(
            "ChatCompletionRequest.user:maxLength",
            "user",
            completion(c(), fast().end_user(long(257))),
        ),
        case(
            "ChatMessage.content:maxLength",
            "messages[0].content",
            completion(c(), ChatRequest::new(Model::FAST).user(long(1_000_001))),
        ),
        case(
            "ChatMessage.refusal:maxLength",
            "messages[0].refusal",
            completion(
                c(),
                chat_with(ChatMessage {
                    refusal: Some(long(1_000_001)),
                    ..message(MessageRole::Assistant, "hi")
                }),
            ),
        ),
        case(
            "ChatMessage.name:minLength",
            "messages[0].name",
            completion(
                c(),
                chat_with(ChatMessage {
                    name: Some(String::new()),
                    ..message(MessageRole::User, "hi")
                }),
            ),
        ),
        case(
            "ChatMessage.name:maxLength",
            "messages[0].name",
            completion(
                c(),
                chat_with(ChatMessage {
                    name: Some(long(65)),
                    ..message(MessageRole::User, "hi")
                }),
            ),
        ),
        case(
            "ChatMessage.name:pattern",
            "messages[0].name",
            completion(
                c(),
                chat_with(ChatMessage {
                    name: Some("Jane Doe".into()),
                    ..message(MessageRole::User, "hi")
                }),
            ),
        ),
        case(
            "ChatMessage.tool_call_id:minLength",
            "messages[1].tool_call_id",
            completion(c(), fast().tool_result("", "42")),
        ),
        case(
            "ChatMessage.tool_call_id:maxLength",
            "messages[1].tool_call_id",
            completion(c(), fast().tool_result(long(129), "42")),
        ),
        case(
            "ChatMessage.tool_calls:maxItems",
            "messages[1].tool_calls",
            completion(
                c(),
                fast().assistant_tool_calls(
                    (0..129)
                        .map(|i| tool_call(&format!("call_{i}"), "f", "{}"))
                        .collect(),
                ),
            ),
        ),
        case(
            "ToolCall.id:minLength",
            "messages[1].tool_calls[0].id",
            completion(
                c(),
                fast().assistant_tool_calls(vec![tool_call("", "f", "{}")]),
            ),
        ),
        case(
            "ToolCall.id:maxLength",
            "messages[1].tool_calls[0].id",
            completion(
                c(),
                fast().assistant_tool_calls(vec![tool_call(&long(129), "f", "{}")]),
            ),
        ),
        case(
            "FunctionCall.name:minLength",
            "messages[1].tool_calls[0].function.name",
            completion(
                c(),
                fast().assistant_tool_calls(vec![tool_call("call_1", "", "{}")]),
            ),
        ),
        case(
            "FunctionCall.name:maxLength",
            "messages[1].tool_calls[0].function.name",
            completion(
                c(),
                fast().assistant_tool_calls(vec![tool_call("call_1", &long(65), "{}")]),
            ),
        ),
        case(
            "FunctionCall.arguments:maxLength",
            "messages[1].tool_calls[0].function.arguments",
            completion(
                c(),
                fast().assistant_tool_calls(vec![tool_call("call_1", "f", &long(100_001))]),
            ),
        ),
        case(
            "FunctionDefinition.name:minLength",
            "tools[0].function.name",
            completion(c(), fast().function("", "d", json!({}))),
        ),
        case(
            "FunctionDefinition.name:maxLength",
            "tools[0].function.name",
            completion(c(), fast().function(long(65), "d", json!({}))),
        ),
        case(
            "FunctionDefinition.name:pattern",
            "tools[0].function.name",
            completion(c(), fast().function("get weather", "d", json!({}))),
        ),
        case(
            "FunctionDefinition.description:maxLength",
            "tools[0].function.description",
            completion(c(), fast().function("f", long(1025), json!({}))),
        ),
        case(
            "FunctionName.name:minLength",
            "tool_choice.function.name",
            completion(c(), fast().force_function("")),
        ),
        case(
            "FunctionName.name:maxLength",
            "tool_choice.function.name",
            completion(c(), fast().force_function(long(65))),
        ),
        case(
            "FunctionName.name:pattern",
            "tool_choice.function.name",
            completion(c(), fast().force_function("get.weather")),
        ),
        case(
            "JsonSchemaFormat.name:minLength",
            "response_format.json_schema.name",
            completion(c(), fast().json_schema("", json!({}), true)),
        ),
        case(
            "JsonSchemaFormat.name:maxLength",
            "response_format.json_schema.name",
            completion(c(), fast().json_schema(long(65), json!({}), true)),
        ),
        case(
            "JsonSchemaFormat.name:pattern",
            "response_format.json_schema.name",
            completion(c(), fast().json_schema("weather report", json!({}), true)),
        ),
    ];
    // Streams check the same request the same way.
    cases.push(case("(create_stream)", "temperature", {
        let c = c();
        async move {
            c.chat()
                .completions()
                .create_stream(fast().temperature(9.0))
                .await
                .unwrap_err()
        }
    }));
    cases
}

/// The rule a keyword's violation reports.
fn rule_matches(keyword: &str, rule: &Rule) -> bool {
    match keyword {
        "minLength" => matches!(rule, Rule::MinLength(_)),
        "maxLength" => matches!(rule, Rule::MaxLength(_)),
        "pattern" => matches!(rule, Rule::Pattern(_) | Rule::PatternSaid { .. }),
        "minimum" => matches!(rule, Rule::Minimum { .. }),
        "exclusiveMinimum" => matches!(
            rule,
            Rule::Minimum {
                exclusive: true,
                ..
            }
        ),
        "maximum" => matches!(rule, Rule::Maximum { .. }),
        "minItems" => matches!(rule, Rule::MinItems(_)),
        "maxItems" => matches!(rule, Rule::MaxItems(_)),
        "uniqueItems" => matches!(rule, Rule::UniqueItems),
        "maxProperties" => matches!(rule, Rule::MaxProperties(_)),
        "x-nexevo-max-serialized-bytes" => matches!(rule, Rule::MaxSerializedBytes(_)),
        "x-nexevo-max-decimal-places" => matches!(rule, Rule::MaxDecimalPlaces(_)),
        _ => false,
    }
}

#[tokio::test]
async fn every_constraint_is_refused_before_sending_naming_the_field_and_the_rule() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let mut problems = Vec::new();
    let mut tried = 0;
    for case in cases(&client) {
        let error = case.call.await;
        tried += 1;
        let keyword = case.constraint.rsplit(':').next().unwrap_or_default();
        match &error {
            Error::Validation(validation) => {
                if validation.field() != case.field {
                    problems.push(format!(
                        "{}: named {:?}, not {:?}",
                        case.constraint,
                        validation.field(),
                        case.field
                    ));
                }
                if case.constraint != "(create_stream)" && !rule_matches(keyword, validation.rule())
                {
                    problems.push(format!(
                        "{}: reported {:?}",
                        case.constraint,
                        validation.rule()
                    ));
                }
            }
            other => problems.push(format!(
                "{}: not a validation error: {other:?}",
                case.constraint
            )),
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {tried} cases wrong:\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
    assert_eq!(
        sandbox.total_counters().received,
        0,
        "nothing reached the server"
    );
    assert!(tried > 120, "{tried} cases");
}

/// The most bytes a value of `schema` can take as JSON when every field keeps its own bounds,
/// or `None` when nothing bounds it (a free-form object, a list without `maxItems`). A
/// character may be a control character, which JSON writes as six (`\u0001`).
fn worst_case_bytes(schema: &Value, schemas: &Value) -> Option<u64> {
    if let Some(name) = schema["$ref"]
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
    {
        return worst_case_bytes(&schemas[name], schemas);
    }
    if schema.get("properties").is_none()
        && let Some(max) = schema["x-nexevo-max-serialized-bytes"].as_u64()
    {
        return Some(max);
    }
    let nullable = if schema["nullable"] == json!(true) {
        4
    } else {
        0
    };
    if let Some(alternatives) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        return alternatives
            .iter()
            .map(|alternative| worst_case_bytes(alternative, schemas))
            .try_fold(0, |most, bytes| bytes.map(|bytes| most.max(bytes)));
    }
    let worst = match schema["type"].as_str()? {
        "string" => match schema["enum"].as_array() {
            Some(values) => values.iter().map(|v| v.to_string().len() as u64).max()?,
            None => 2 + 6 * schema["maxLength"].as_u64()?,
        },
        // The longest number JSON writes: `-1.7976931348623157e308`.
        "integer" | "number" => 24,
        "boolean" => 5,
        "array" => {
            let item = worst_case_bytes(&schema["items"], schemas)?;
            2 + schema["maxItems"].as_u64()? * (item + 1)
        }
        "object" => {
            let mut total = 2;
            for (name, property) in schema["properties"].as_object()? {
                total += name.len() as u64 + 4 + worst_case_bytes(property, schemas)?;
            }
            total
        }
        _ => return None,
    };
    Some(worst.max(nullable))
}

/// The request bodies whose stated size no call can exceed, because their fields' own bounds
/// keep them within it (checked here, figure by figure): `Schema:x-nexevo-max-serialized-bytes`
/// and why.
fn sizes_the_fields_keep() -> Vec<(String, String)> {
    let spec = spec_check::Spec::load().unwrap();
    let schemas = &spec.document()["components"]["schemas"];
    let mut out = Vec::new();
    for (name, schema) in schemas.as_object().unwrap() {
        let (Some(max), Some(_)) = (
            schema["x-nexevo-max-serialized-bytes"].as_u64(),
            schema.get("properties"),
        ) else {
            continue;
        };
        if let Some(worst) = worst_case_bytes(schema, schemas).filter(|worst| *worst <= max) {
            out.push((
                format!("{name}:x-nexevo-max-serialized-bytes"),
                format!("its fields' own bounds keep it within {worst} of its {max} bytes"),
            ));
        }
    }
    out
}

/// The spec's constraints on request values: `Schema.property:keyword`, as the table names them.
fn spec_constraints() -> BTreeSet<String> {
    let spec = spec_check::Spec::load().unwrap();
    let document = spec.document();
    let schemas = &document["components"]["schemas"];
    let keywords = [
        "minLength",
        "maxLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "minItems",
        "maxItems",
        "uniqueItems",
        "maxProperties",
        "enum",
        "x-nexevo-max-serialized-bytes",
        "x-nexevo-max-decimal-places",
    ];
    fn walk(
        schema: &Value,
        label: &str,
        schemas: &Value,
        keywords: &[&str],
        seen: &mut BTreeSet<String>,
        out: &mut BTreeSet<String>,
    ) {
        if let Some(name) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/components/schemas/"))
        {
            if seen.insert(name.to_owned()) {
                walk(&schemas[name], name, schemas, keywords, seen, out);
            }
            return;
        }
        for keyword in keywords {
            if schema
                .get(*keyword)
                .is_some_and(|v| v != &Value::Bool(false))
            {
                out.insert(format!("{label}:{keyword}"));
            }
        }
        for (property, child) in schema
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            walk(
                child,
                &format!("{label}.{property}"),
                schemas,
                keywords,
                seen,
                out,
            );
        }
        if let Some(items) = schema.get("items") {
            walk(items, &format!("{label}[]"), schemas, keywords, seen, out);
        }
        for key in ["allOf", "oneOf", "anyOf"] {
            for child in schema
                .get(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                walk(child, label, schemas, keywords, seen, out);
            }
        }
    }
    let mut out = BTreeSet::new();
    for item in document["paths"].as_object().unwrap().values() {
        for (method, operation) in item.as_object().unwrap() {
            if method == "parameters" {
                continue;
            }
            let parameters = operation
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            let shared = item
                .get("parameters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            for parameter in parameters.chain(shared) {
                let name = parameter["$ref"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap();
                let schema = &document["components"]["parameters"][name]["schema"];
                walk(
                    schema,
                    &format!("param {name}"),
                    schemas,
                    &keywords,
                    &mut BTreeSet::new(),
                    &mut out,
                );
            }
            if let Some(body) = operation.get("requestBody") {
                let schema = &body["content"]["application/json"]["schema"];
                walk(
                    schema,
                    "body",
                    schemas,
                    &keywords,
                    &mut BTreeSet::new(),
                    &mut out,
                );
            }
        }
    }
    out
}

#[tokio::test]
async fn the_table_covers_exactly_the_specs_constraints() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let tried: BTreeSet<String> = cases(&client)
        .iter()
        .map(|case| case.constraint.to_owned())
        .filter(|c| c != "(create_stream)")
        .collect();
    let kept_by_fields = sizes_the_fields_keep();
    let impossible: BTreeSet<String> = UNREPRESENTABLE
        .iter()
        .map(|(c, _)| (*c).to_owned())
        .chain(kept_by_fields.iter().map(|(c, _)| c.clone()))
        .collect();
    assert!(tried.is_disjoint(&impossible));
    for (constraint, why) in &kept_by_fields {
        println!("{constraint}: {why}");
    }
    let covered: BTreeSet<String> = tried.union(&impossible).cloned().collect();
    let spec = spec_constraints();
    let missing: Vec<_> = spec.difference(&covered).collect();
    let extra: Vec<_> = covered.difference(&spec).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not tried: {missing:?}\nnot in the spec: {extra:?}"
    );
    println!(
        "{} constraints: {} tried, {} unrepresentable",
        spec.len(),
        tried.len(),
        impossible.len()
    );
}
