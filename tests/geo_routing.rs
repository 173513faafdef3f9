//! A key's geo policy routes its completions: `cn-only` to a model's CN backend,
//! `overseas-only` to its overseas one, `any` to its preferred region; a model not served where
//! the policy allows is refused with 403 `geo_restricted` before anything is charged. Streamed
//! and not, against the sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo::billing::BillingExt;
use nexevo::chat::{ChatExt, ChatRequest, Model, Region};
use nexevo::keys::{GeoPolicy, KeysExt};
use nexevo::{Client, ErrorCode};
use nexevo_e2e::{build, builder_for, sandbox};
use nexevo_sandbox::Sandbox;

/// A client whose key has `policy`.
async fn with_policy(sandbox: &Sandbox, owner: &Client, policy: GeoPolicy) -> Client {
    let created = owner.keys().create(format!("geo-{policy}")).await.unwrap();
    owner
        .keys()
        .update_geo_policy(created.key.key_id, policy)
        .await
        .unwrap();
    build(builder_for(sandbox, created.full_key.expose()))
}

/// Where a completion of `model` is served, streamed and not (they must agree), or the error.
async fn served(client: &Client, model: &str) -> Result<(Region, String), nexevo::Error> {
    let request = || ChatRequest::new(Model::named(model)).user("Where are you?");
    let completion = client.chat().completions().create(request()).await?;
    let streamed = client
        .chat()
        .completions()
        .create_stream(request())
        .await?
        .collect_message()
        .await?;
    assert_eq!(
        streamed.region.as_ref(),
        Some(completion.region()),
        "{model}"
    );
    assert_eq!(
        streamed.routed_model.as_deref(),
        Some(completion.nexevo.routed_model.as_str()),
        "{model}"
    );
    Ok((
        completion.region().clone(),
        completion.nexevo.routed_model.clone(),
    ))
}

/// A policy, a model, and where it is served (its region and backend), or `None`: refused.
type Case = (GeoPolicy, &'static str, Option<(Region, &'static str)>);

#[tokio::test]
async fn each_policy_routes_as_documented() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    let cases: [Case; 12] = [
        (
            GeoPolicy::Any,
            "nexevo/fast",
            Some((Region::Overseas, "nexevo-fast-1")),
        ),
        (
            GeoPolicy::Any,
            "nexevo/balanced",
            Some((Region::Overseas, "nexevo-balanced-1")),
        ),
        (
            GeoPolicy::Any,
            "deepseek/deepseek-chat",
            Some((Region::Cn, "deepseek/deepseek-chat")),
        ),
        (
            GeoPolicy::Any,
            "mistral/unlisted",
            Some((Region::Overseas, "mistral/unlisted")),
        ),
        (
            GeoPolicy::CnOnly,
            "nexevo/fast",
            Some((Region::Cn, "nexevo-fast-cn-1")),
        ),
        (
            GeoPolicy::CnOnly,
            "nexevo/balanced",
            Some((Region::Cn, "nexevo-balanced-cn-1")),
        ),
        (
            GeoPolicy::CnOnly,
            "deepseek/deepseek-chat",
            Some((Region::Cn, "deepseek/deepseek-chat")),
        ),
        (GeoPolicy::CnOnly, "openai/gpt-4o-mini", None),
        (GeoPolicy::CnOnly, "mistral/unlisted", None),
        (
            GeoPolicy::OverseasOnly,
            "nexevo/fast",
            Some((Region::Overseas, "nexevo-fast-1")),
        ),
        (
            GeoPolicy::OverseasOnly,
            "deepseek/deepseek-chat",
            Some((Region::Overseas, "deepseek/deepseek-chat")),
        ),
        (
            GeoPolicy::OverseasOnly,
            "anthropic/claude-3-5-haiku",
            Some((Region::Overseas, "anthropic/claude-3-5-haiku")),
        ),
    ];
    for (policy, model, expected) in cases {
        let client = with_policy(&sandbox, &owner, policy.clone()).await;
        let balance = client.billing().balance().await.unwrap().balance_usd;
        let applied = sandbox.counters("create_chat_completion").applied;
        let outcome = served(&client, model).await;
        match expected {
            Some((region, backend)) => {
                let (got_region, got_backend) =
                    outcome.unwrap_or_else(|e| panic!("{policy} {model}: {e}"));
                assert_eq!(
                    (got_region, got_backend.as_str()),
                    (region, backend),
                    "{policy} {model}"
                );
            }
            None => {
                let error = outcome
                    .err()
                    .unwrap_or_else(|| panic!("{policy} {model} was served"));
                assert_eq!(error.status(), Some(403), "{policy} {model}");
                assert_eq!(error.code(), Some(&ErrorCode::GeoRestricted));
                let message = error.as_api().unwrap().message.clone();
                assert!(
                    message.contains(model) && message.contains(&policy.to_string()),
                    "{message}"
                );
                assert_eq!(
                    client.billing().balance().await.unwrap().balance_usd,
                    balance,
                    "not charged"
                );
                assert_eq!(
                    sandbox.counters("create_chat_completion").applied,
                    applied,
                    "not applied"
                );
            }
        }
    }
}

#[tokio::test]
async fn the_catalogue_says_where_each_model_is_served() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let models = client.chat().models().await.unwrap();
    let regions = |id: &str| {
        models
            .iter()
            .find(|model| model.id == id)
            .unwrap_or_else(|| panic!("{id} listed"))
            .regions
            .clone()
    };
    assert_eq!(regions("nexevo/fast"), [Region::Overseas, Region::Cn]);
    assert_eq!(regions("nexevo/balanced"), [Region::Overseas, Region::Cn]);
    assert_eq!(regions("openai/gpt-4o-mini"), [Region::Overseas]);
    assert_eq!(
        regions("deepseek/deepseek-chat"),
        [Region::Cn, Region::Overseas]
    );
}

#[tokio::test]
async fn a_bring_your_own_key_call_is_served_in_its_models_regions() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    let client = with_policy(&sandbox, &owner, GeoPolicy::CnOnly).await;
    let byok = |model: &str| {
        ChatRequest::new(Model::named(model))
            .user("mine")
            .provider_key("sk-my-own-provider-key-0001")
    };
    let completion = client
        .chat()
        .completions()
        .create(byok("nexevo/fast"))
        .await
        .unwrap();
    assert_eq!(completion.region(), &Region::Cn);
    let error = client
        .chat()
        .completions()
        .create(byok("openai/gpt-4o-mini"))
        .await
        .unwrap_err();
    assert_eq!(error.code(), Some(&ErrorCode::GeoRestricted));
}
