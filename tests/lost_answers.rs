//! Nothing is applied twice, and no success turns into an error, when an answer is lost: every
//! operation of the spec that is not a GET — walked from `nexevo_api::OPERATIONS`, so a new one
//! cannot slip past — is made through the SDK with the connection reset after the sandbox has
//! handled it. The SDK retries with the same `Idempotency-Key` and gets the first answer
//! replayed: received twice, applied once, and the call succeeds. That holds for a DELETE
//! (which would otherwise come back 404), a PUT or PATCH, a stream, and the calls that end the
//! caller's own credential (`logout`, `deactivate_account`, a key revoking itself), whose replay
//! goes to the credential their own request ended.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::future::Future;
use std::pin::Pin;

use nexevo::chat::{ChatRequest, Model};
use nexevo::conversations::MessageRole;
use nexevo::feedback::Rating;
use nexevo::keys::GeoPolicy;
use nexevo::orgs::OrgRole;
use nexevo::prelude::*;
use nexevo::{Client, Error};
use nexevo_e2e::{build, builder_for, sandbox, totp_code};
use nexevo_sandbox::{Account, Counters, Fault, FaultRule, Sandbox};
use rust_decimal_macros::dec;

type Call = Pin<Box<dyn Future<Output = Result<(), Error>> + Send>>;

fn call(future: impl Future<Output = Result<(), Error>> + Send + 'static) -> Call {
    Box::pin(future)
}

/// Injects a reset after handling on `operation`, once, makes the call, and checks that it
/// succeeded, was received twice and applied once.
async fn lost_once(sandbox: &Sandbox, operation: &str, call: Call) {
    sandbox.reset_counters();
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on(operation)
            .once(),
    );
    if let Err(error) = call.await {
        panic!("{operation}: the lost answer became an error: {error}");
    }
    assert_eq!(
        sandbox.counters(operation),
        Counters {
            received: 2,
            applied: 1
        },
        "{operation}: received twice, applied once"
    );
}

/// What the cases share: the sandbox and the demo account's client.
struct World<'a> {
    sandbox: &'a Sandbox,
    client: Client,
    anonymous: Client,
}

impl World<'_> {
    /// A new account, and a client with its API key.
    fn account(&self, tag: &str) -> (Account, Client) {
        let account = self
            .sandbox
            .create_account(&format!("lost-{tag}@acme.com"), "lost-password-1", dec!(10))
            .unwrap();
        let client = build(builder_for(self.sandbox, account.api_key.expose()));
        (account, client)
    }

    /// A new account's client on a session (for what a key may not do).
    async fn session(&self, tag: &str) -> (Account, Client) {
        let (account, _) = self.account(tag);
        let session = self
            .anonymous
            .auth()
            .login(account.email.as_str(), "lost-password-1")
            .await
            .unwrap();
        let client = self.anonymous.auth().session_client(&session).unwrap();
        (account, client)
    }

    /// An organization owned by the demo account, with a new account as a member.
    async fn organization_with_member(&self, tag: &str, role: OrgRole) -> (String, Account) {
        let org = self
            .client
            .organizations()
            .create(format!("Lost {tag}"))
            .await
            .unwrap()
            .organization
            .org_id;
        let (member, _) = self.account(tag);
        self.client
            .organizations()
            .invite_member(&org, member.email.as_str(), role)
            .await
            .unwrap();
        (org.to_string(), member)
    }

    /// The calls that make `operation` (each after its own setup), or none if this test does
    /// not know it.
    async fn calls(&self, operation: &str) -> Vec<Call> {
        let c = self.client.clone();
        let anonymous = self.anonymous.clone();
        match operation {
            "register" => vec![call(async move {
                anonymous
                    .auth()
                    .register("lost@acme.com", "lost-password-1")
                    .await
                    .map(drop)
            })],
            "login" => {
                let (account, _) = self.account("login");
                vec![call(async move {
                    anonymous
                        .auth()
                        .login(account.email.as_str(), "lost-password-1")
                        .await
                        .map(drop)
                })]
            }
            "logout" => {
                let (_, session) = self.session("logout").await;
                vec![call(async move {
                    session.auth().logout().await?;
                    assert_eq!(session.auth().me().await.unwrap_err().status(), Some(401));
                    Ok(())
                })]
            }
            "change_password" => {
                let (_, session) = self.session("change-password").await;
                vec![call(async move {
                    session
                        .auth()
                        .change_password("lost-password-1", "lost-password-2")
                        .await
                        .map(drop)
                })]
            }
            "request_password_reset" => {
                let (account, _) = self.account("reset-request");
                vec![call(async move {
                    anonymous
                        .auth()
                        .request_password_reset(account.email.as_str())
                        .await
                        .map(drop)
                })]
            }
            "confirm_password_reset" => {
                let (account, _) = self.account("reset-confirm");
                self.anonymous
                    .auth()
                    .request_password_reset(account.email.as_str())
                    .await
                    .unwrap();
                let token = self
                    .sandbox
                    .outbox()
                    .into_iter()
                    .rev()
                    .find(|email| email.to == account.email)
                    .unwrap()
                    .token;
                vec![call(async move {
                    anonymous
                        .auth()
                        .confirm_password_reset(token.as_str(), "lost-password-3")
                        .await
                        .map(drop)
                })]
            }
            "update_profile" => vec![call(async move {
                let me = c.auth().update_profile("Lost Name").await?;
                assert_eq!(me.full_name.as_deref(), Some("Lost Name"));
                Ok(())
            })],
            "enable_two_fa" => {
                let (_, session) = self.session("2fa-enable").await;
                vec![call(async move {
                    session.auth().enable_two_fa().await.map(drop)
                })]
            }
            "verify_two_fa" => {
                let (_, session) = self.session("2fa-verify").await;
                let secret = session.auth().enable_two_fa().await.unwrap().secret;
                vec![call(async move {
                    let status = session
                        .auth()
                        .verify_two_fa(totp_code(secret.expose(), 0))
                        .await?;
                    assert!(status.enabled);
                    Ok(())
                })]
            }
            "disable_two_fa" => {
                let (_, session) = self.session("2fa-disable").await;
                let secret = session.auth().enable_two_fa().await.unwrap().secret;
                session
                    .auth()
                    .verify_two_fa(totp_code(secret.expose(), -1))
                    .await
                    .unwrap();
                vec![call(async move {
                    let status = session
                        .auth()
                        .disable_two_fa(totp_code(secret.expose(), 0))
                        .await?;
                    assert!(!status.enabled);
                    Ok(())
                })]
            }
            "deactivate_account" => {
                let (_, own) = self.account("deactivate");
                vec![call(async move {
                    own.auth().deactivate("lost-password-1").await?;
                    assert_eq!(own.auth().me().await.unwrap_err().status(), Some(401));
                    Ok(())
                })]
            }
            "create_key" => vec![call(
                async move { c.keys().create("lost-key").await.map(drop) },
            )],
            "revoke_key" => {
                let other = self.client.keys().create("to-revoke").await.unwrap().key;
                // The key in use, revoking itself.
                let (_, own) = self.account("revoke-self");
                let own_id = own.keys().list().await.unwrap().items[0].key_id.clone();
                vec![
                    call(async move {
                        let revoked = c.keys().revoke(other.key_id).await?;
                        assert!(revoked.revoked_at.is_some());
                        Ok(())
                    }),
                    call(async move { own.keys().revoke(own_id).await.map(drop) }),
                ]
            }
            "update_spend_cap" => {
                let key = self.client.keys().create("capped").await.unwrap().key;
                vec![call(async move {
                    let updated = c.keys().update_spend_cap(key.key_id, dec!(25.50)).await?;
                    assert_eq!(updated.monthly_spend_cap_usd, Some(dec!(25.50)));
                    Ok(())
                })]
            }
            "update_alert_webhook" => {
                let key = self.client.keys().create("alerting").await.unwrap().key;
                vec![call(async move {
                    c.keys()
                        .update_alert_webhook(key.key_id, "https://hooks.acme.com/nexevo")
                        .await
                        .map(drop)
                })]
            }
            "update_geo_policy" => {
                let key = self.client.keys().create("routed").await.unwrap().key;
                vec![call(async move {
                    c.keys()
                        .update_geo_policy(key.key_id, GeoPolicy::CnOnly)
                        .await
                        .map(drop)
                })]
            }
            "create_checkout" => vec![call(async move {
                let before = c.billing().balance().await?.balance_usd;
                c.billing().checkout(dec!(10), "lost-topup").await?;
                let after = c.billing().balance().await?.balance_usd;
                assert_eq!(after - before, dec!(10), "credited once");
                Ok(())
            })],
            "create_chat_completion" => {
                let streamed = c.clone();
                vec![
                    call(async move {
                        let before = c.billing().balance().await?.balance_usd;
                        let completion = c
                            .chat()
                            .completions()
                            .create(ChatRequest::new(Model::FAST).user("lost?"))
                            .await?;
                        let after = c.billing().balance().await?.balance_usd;
                        assert_eq!(before - after, completion.cost_usd(), "charged once");
                        Ok(())
                    }),
                    call(async move {
                        let c = streamed;
                        let before = c.billing().balance().await?.balance_usd;
                        let message = c
                            .chat()
                            .completions()
                            .create_stream(ChatRequest::new(Model::FAST).user("lost stream?"))
                            .await?
                            .collect_message()
                            .await?;
                        let after = c.billing().balance().await?.balance_usd;
                        assert_eq!(Some(before - after), message.cost_usd, "charged once");
                        Ok(())
                    }),
                ]
            }
            "create_conversation" => vec![call(async move {
                c.conversations().create().title("lost").await.map(drop)
            })],
            "append_message" => {
                let id = self
                    .client
                    .conversations()
                    .create()
                    .await
                    .unwrap()
                    .conversation_id;
                vec![call(async move {
                    c.conversations()
                        .append_message(id.clone(), MessageRole::User, "once")
                        .await?;
                    assert_eq!(c.conversations().get(id).await?.messages.len(), 1);
                    Ok(())
                })]
            }
            "update_conversation" => {
                let id = self
                    .client
                    .conversations()
                    .create()
                    .await
                    .unwrap()
                    .conversation_id;
                vec![call(async move {
                    c.conversations()
                        .update(id.clone())
                        .title("renamed")
                        .await
                        .map(drop)
                })]
            }
            "delete_conversation" => {
                let id = self
                    .client
                    .conversations()
                    .create()
                    .await
                    .unwrap()
                    .conversation_id;
                vec![call(async move {
                    c.conversations().delete(id.clone()).await?;
                    assert_eq!(
                        c.conversations().get(id).await.unwrap_err().status(),
                        Some(404)
                    );
                    Ok(())
                })]
            }
            "submit_feedback" => {
                let completion = self
                    .client
                    .chat()
                    .completions()
                    .create(ChatRequest::new(Model::FAST).user("rate me"))
                    .await
                    .unwrap();
                vec![call(async move {
                    c.feedback()
                        .submit_for(&completion, Rating::Up)
                        .await
                        .map(drop)
                })]
            }
            "create_organization" => vec![call(async move {
                c.organizations().create("Lost Inc").await.map(drop)
            })],
            "invite_member" => {
                let org = self
                    .client
                    .organizations()
                    .create("Found Inc")
                    .await
                    .unwrap()
                    .organization
                    .org_id;
                vec![call(async move {
                    c.organizations()
                        .invite_member(org, "lost-dev@acme.com", OrgRole::Developer)
                        .await
                        .map(drop)
                })]
            }
            "remove_member" => {
                let (org, member) = self
                    .organization_with_member("remove", OrgRole::Developer)
                    .await;
                vec![call(async move {
                    c.organizations()
                        .remove_member(org, member.user_id.as_str())
                        .await
                        .map(drop)
                })]
            }
            "change_member_role" => {
                let (org, member) = self
                    .organization_with_member("role", OrgRole::Developer)
                    .await;
                vec![call(async move {
                    let changed = c
                        .organizations()
                        .change_member_role(org, member.user_id.as_str(), OrgRole::Admin)
                        .await?;
                    assert_eq!(changed.role, OrgRole::Admin);
                    Ok(())
                })]
            }
            "transfer_owner" => {
                let (org, member) = self
                    .organization_with_member("transfer", OrgRole::Admin)
                    .await;
                vec![call(async move {
                    let transferred = c
                        .organizations()
                        .transfer_owner(org, member.user_id.as_str())
                        .await?;
                    assert_eq!(
                        transferred.organization.owner_user_id.as_str(),
                        member.user_id
                    );
                    Ok(())
                })]
            }
            _ => Vec::new(),
        }
    }
}

#[tokio::test]
async fn every_call_that_is_not_a_get_survives_a_lost_answer_and_is_applied_once() {
    let (sandbox, builder) = sandbox().await;
    let world = World {
        sandbox: &sandbox,
        client: build(builder),
        anonymous: build(
            Client::builder()
                .base_url(sandbox.base_url())
                .retry_policy(nexevo_e2e::fast_retries()),
        ),
    };
    let mut unknown = Vec::new();
    let mut made = 0;
    for operation in nexevo_api::OPERATIONS
        .iter()
        .filter(|op| op.method != "GET")
    {
        let calls = world.calls(operation.id).await;
        if calls.is_empty() {
            unknown.push(operation.id);
        }
        for call in calls {
            lost_once(&sandbox, operation.id, call).await;
            made += 1;
        }
    }
    assert!(
        unknown.is_empty(),
        "operations without a lost-answer case: {unknown:?}"
    );
    assert!(made >= 28, "{made} calls");
}
