//! `Idempotency-Key` on every POST: the same key and body replay without applying again; another body is a 409.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

mod common;

use common::*;
use nexevo_api::ApiOperation;
use totp_rs::{Algorithm, Secret, TOTP};

const PASSWORD: &str = "password-1234";

fn code_now(secret: &str) -> String {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes)
        .unwrap()
        .generate_current()
        .unwrap()
}

/// A POST to repeat: who sends it, where, the body applied first and another body.
struct Case {
    token: Option<String>,
    path: String,
    first: Option<Value>,
    other: Value,
    status: u16,
}

async fn enable_two_fa(api: &Api, token: &str) -> String {
    let reply = api.post("/v1/auth/2fa/enable").token(token).send().await;
    reply.expect(200)["secret"].as_str().unwrap().to_owned()
}

/// A fresh, valid, state-changing request of `op`, with everything it needs set up.
async fn case_for(op: &ApiOperation, sandbox: &Sandbox, api: &Api) -> Case {
    let person = account(sandbox, dec!(10));
    let key = person.api_key.expose().to_owned();
    let session = api.login(&person.email, PASSWORD).await;
    let case = |path: &str, token: Option<&str>, first: Option<Value>, other: Value, status| Case {
        token: token.map(str::to_owned),
        path: path.to_owned(),
        first,
        other,
        status,
    };
    match op.id {
        "create_chat_completion" => case(
            op.path,
            Some(&key),
            Some(
                json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "one" }] }),
            ),
            json!({ "model": "nexevo/fast", "messages": [{ "role": "user", "content": "two" }] }),
            200,
        ),
        "create_conversation" => case(
            op.path,
            Some(&key),
            Some(json!({ "title": "first" })),
            json!({ "title": "second" }),
            201,
        ),
        "append_message" => {
            let reply = api
                .post("/v1/conversations")
                .token(&key)
                .json(json!({}))
                .send()
                .await;
            let conversation = reply.expect(201)["conversation_id"]
                .as_str()
                .unwrap()
                .to_owned();
            case(
                &format!("/v1/conversations/{conversation}/messages"),
                Some(&key),
                Some(json!({ "role": "user", "content": "once" })),
                json!({ "role": "user", "content": "twice" }),
                201,
            )
        }
        "register" => case(
            op.path,
            None,
            Some(json!({ "email": unique_email("new"), "password": PASSWORD })),
            json!({ "email": unique_email("other"), "password": PASSWORD }),
            201,
        ),
        "login" => case(
            op.path,
            None,
            Some(json!({ "email": person.email, "password": PASSWORD })),
            json!({ "email": person.email, "password": "something-else" }),
            200,
        ),
        "logout" => case(op.path, Some(&session), None, json!({}), 204),
        "request_password_reset" => case(
            op.path,
            None,
            Some(json!({ "email": person.email })),
            json!({ "email": unique_email("other") }),
            202,
        ),
        "confirm_password_reset" => {
            api.post("/v1/auth/password-reset")
                .json(json!({ "email": person.email }))
                .send()
                .await
                .expect(202);
            let token = sandbox.outbox().last().unwrap().token.clone();
            case(
                op.path,
                None,
                Some(json!({ "reset_token": token, "new_password": "new-password-1" })),
                json!({ "reset_token": token, "new_password": "new-password-2" }),
                204,
            )
        }
        "change_password" => case(
            op.path,
            Some(&session),
            Some(json!({ "current_password": PASSWORD, "new_password": "new-password-1" })),
            json!({ "current_password": PASSWORD, "new_password": "new-password-2" }),
            204,
        ),
        "enable_two_fa" => case(op.path, Some(&session), None, json!({}), 200),
        "verify_two_fa" => {
            let secret = enable_two_fa(api, &session).await;
            case(
                op.path,
                Some(&session),
                Some(json!({ "code": code_now(&secret) })),
                json!({ "code": "000000" }),
                200,
            )
        }
        "disable_two_fa" => {
            let secret = enable_two_fa(api, &session).await;
            api.post("/v1/auth/2fa/verify")
                .token(&session)
                .json(json!({ "code": code_now(&secret) }))
                .send()
                .await
                .expect(200);
            case(
                op.path,
                Some(&session),
                Some(json!({ "code": code_now(&secret) })),
                json!({ "code": "000000" }),
                200,
            )
        }
        "deactivate_account" => case(
            op.path,
            Some(&session),
            Some(json!({ "password": PASSWORD })),
            json!({ "password": PASSWORD, "reason": "changed my mind" }),
            200,
        ),
        "create_key" => case(
            op.path,
            Some(&key),
            Some(json!({ "name": "once" })),
            json!({ "name": "twice" }),
            201,
        ),
        "create_checkout" => case(
            op.path,
            Some(&key),
            Some(json!({ "amount_usd": 5, "idempotency_key": "idem-create_checkout" })),
            json!({ "amount_usd": 6, "idempotency_key": "idem-create_checkout" }),
            201,
        ),
        "create_organization" => case(
            op.path,
            Some(&key),
            Some(json!({ "name": "Once Inc" })),
            json!({ "name": "Twice Inc" }),
            201,
        ),
        "invite_member" | "transfer_owner" => {
            let reply = api
                .post("/v1/organizations")
                .token(&key)
                .json(json!({ "name": "Acme Inc" }))
                .send()
                .await;
            let org = reply.expect(201)["organization"]["org_id"]
                .as_str()
                .unwrap()
                .to_owned();
            let member = account(sandbox, dec!(1));
            if op.id == "invite_member" {
                case(
                    &format!("/v1/organizations/{org}/members"),
                    Some(&key),
                    Some(json!({ "email": member.email, "role": "developer" })),
                    json!({ "email": member.email, "role": "admin" }),
                    201,
                )
            } else {
                api.post(&format!("/v1/organizations/{org}/members"))
                    .token(&key)
                    .json(json!({ "email": member.email, "role": "admin" }))
                    .send()
                    .await
                    .expect(201);
                case(
                    &format!("/v1/organizations/{org}/transfer-owner"),
                    Some(&key),
                    Some(json!({ "new_owner_user_id": member.user_id })),
                    json!({ "new_owner_user_id": person.user_id }),
                    200,
                )
            }
        }
        "submit_feedback" => {
            let completion = api.chat(&key, "nexevo/fast", "rate me").await;
            let generation = completion["nexevo"]["generation_id"].clone();
            case(
                op.path,
                Some(&key),
                Some(json!({ "generation_id": generation, "rating": 1 })),
                json!({ "generation_id": generation, "rating": -1 }),
                201,
            )
        }
        other => panic!("no idempotency case for POST operation {other}"),
    }
}

fn request(api: &Api, case: &Case, key: &str, body: Option<&Value>) -> Call {
    let mut call = api.post(&case.path).idem(key);
    if let Some(token) = &case.token {
        call = call.token(token);
    }
    if let Some(body) = body {
        call = call.json(body.clone());
    }
    call
}

#[tokio::test]
async fn every_post_replays_the_same_request_and_refuses_another() {
    let (sandbox, api, _) = start().await;
    let posts: Vec<&ApiOperation> = nexevo_api::OPERATIONS
        .iter()
        .filter(|op| op.method == "POST")
        .collect();
    assert_eq!(posts.len(), 19);
    for op in posts {
        let case = case_for(op, &sandbox, &api).await;
        let key = format!("idem-{}", op.id);
        let before = sandbox.counters(op.id);

        let first = request(&api, &case, &key, case.first.as_ref()).send().await;
        first.expect(case.status);
        let applied = sandbox.counters(op.id);
        assert_eq!(applied.received, before.received + 1, "{}", op.id);
        assert_eq!(
            applied.applied,
            before.applied + 1,
            "{}: applied once",
            op.id
        );

        let replay = request(&api, &case, &key, case.first.as_ref()).send().await;
        if matches!(op.id, "logout" | "deactivate_account") {
            // The first request ended the credential; a stored answer goes only to a caller
            // who still authenticates.
            replay.expect_error(401, "unauthorized");
        } else {
            assert_eq!(replay.status, first.status, "{}", op.id);
            assert_eq!(replay.text, first.text, "{}: the same answer", op.id);
        }
        let after = sandbox.counters(op.id);
        assert_eq!(after.received, applied.received + 1, "{}", op.id);
        assert_eq!(
            after.applied, applied.applied,
            "{}: not applied again",
            op.id
        );

        let conflict = request(&api, &case, &key, Some(&case.other)).send().await;
        conflict.expect_error(409, "idempotency_conflict");
        assert_eq!(
            sandbox.counters(op.id).applied,
            applied.applied,
            "{}",
            op.id
        );
    }
}

#[tokio::test]
async fn a_key_is_scoped_to_its_credential_and_operation() {
    let (sandbox, api, key) = start().await;
    let other = account(&sandbox, dec!(1));
    let mine = api
        .post("/v1/keys")
        .token(&key)
        .idem("shared-key")
        .json(json!({ "name": "k" }))
        .send()
        .await;
    let theirs = api
        .post("/v1/keys")
        .token(other.api_key.expose())
        .idem("shared-key")
        .json(json!({ "name": "k" }))
        .send()
        .await;
    assert_ne!(
        mine.expect(201)["key"]["key_id"],
        theirs.expect(201)["key"]["key_id"]
    );
    api.post("/v1/conversations")
        .token(&key)
        .idem("shared-key")
        .json(json!({ "title": "k" }))
        .send()
        .await
        .expect(201);
    assert_eq!(sandbox.counters("create_key").applied, 2);
    assert_eq!(sandbox.counters("create_conversation").applied, 1);
}

#[tokio::test]
async fn a_refused_request_does_not_use_up_its_key() {
    let (sandbox, api, key) = start().await;
    api.post("/v1/keys")
        .token(&key)
        .idem("retry-me")
        .json(json!({ "name": "" }))
        .send()
        .await
        .expect_invalid("name");
    let reply = api
        .post("/v1/keys")
        .token(&key)
        .idem("retry-me")
        .json(json!({ "name": "fixed" }))
        .send()
        .await;
    assert_eq!(reply.expect(201)["key"]["name"], json!("fixed"));
    assert_eq!(sandbox.counters("create_key").applied, 1);
    // Keys that break the header's rules.
    for bad in ["", "has space", &"k".repeat(256)] {
        api.post("/v1/keys")
            .token(&key)
            .idem(bad)
            .json(json!({ "name": "x" }))
            .send()
            .await
            .expect_invalid("Idempotency-Key");
    }
    api.post("/v1/keys")
        .token(&key)
        .header_bytes("idempotency-key", b"caf\xc3\xa9")
        .json(json!({ "name": "x" }))
        .send()
        .await
        .expect_invalid("Idempotency-Key");
    api.post("/v1/keys")
        .token(&key)
        .idem(&"k".repeat(255))
        .json(json!({ "name": "x" }))
        .send()
        .await
        .expect(201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_repeats_are_applied_once() {
    let (sandbox, api, key) = start().await;
    let requests = (0..20).map(|_| {
        api.post("/v1/keys")
            .token(&key)
            .idem("concurrent")
            .json(json!({ "name": "racy" }))
            .send()
    });
    let replies = futures_util::future::join_all(requests).await;
    let first = replies[0].expect(201).clone();
    for reply in &replies {
        assert_eq!(reply.expect(201), &first);
    }
    assert_eq!(sandbox.counters("create_key").applied, 1);
    assert_eq!(sandbox.counters("create_key").received, 20);
}

#[tokio::test]
async fn a_delivered_stream_is_not_sent_again() {
    let (sandbox, api, key) = start().await;
    let body = json!({ "model": "nexevo/fast", "stream": true, "messages": [{ "role": "user", "content": "hi" }] });
    let first = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-once")
        .json(body.clone())
        .send()
        .await;
    assert!(first.stream().done);
    let again = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-once")
        .json(body)
        .send()
        .await;
    again.expect_error(409, "idempotency_conflict");
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}

#[tokio::test]
async fn a_stored_answer_is_replayed_only_to_a_credential_that_still_authenticates() {
    let sandbox = Sandbox::start().await.unwrap();
    let api = Api::new(&sandbox);
    let person = account(&sandbox, dec!(10));
    let key = person.api_key.expose().to_owned();
    let body = json!({ "name": "replayed" });
    api.post("/v1/keys")
        .token(&key)
        .idem("replay-once")
        .json(body.clone())
        .send()
        .await
        .expect(201);
    api.post("/v1/keys")
        .token(&key)
        .idem("replay-once")
        .json(body.clone())
        .send()
        .await
        .expect(201);

    let key_id = api.get("/v1/keys").token(&key).send().await.expect(200)["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["name"] == "sandbox")
        .unwrap()["key_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Revoke the key it was created with (using a session of the same person).
    let session = api.login(&person.email, PASSWORD).await;
    api.delete(&format!("/v1/keys/{key_id}"))
        .token(&session)
        .send()
        .await
        .expect(200);
    let replay = api
        .post("/v1/keys")
        .token(&key)
        .idem("replay-once")
        .json(body)
        .send()
        .await;
    replay.expect_error(401, "unauthorized");
}

#[tokio::test]
async fn the_same_key_and_body_for_another_organization_is_another_request() {
    let sandbox = Sandbox::start().await.unwrap();
    let api = Api::new(&sandbox);
    let key = sandbox.demo().api_key.expose().to_owned();
    let org = api
        .post("/v1/organizations")
        .token(&key)
        .json(json!({ "name": "Acme" }))
        .send()
        .await;
    let org_id = org.expect(201)["organization"]["org_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = json!({ "name": "same-body" });
    api.post("/v1/keys")
        .token(&key)
        .idem("org-scoped")
        .json(body.clone())
        .send()
        .await
        .expect(201);
    let in_org = api
        .post("/v1/keys")
        .token(&key)
        .org(&org_id)
        .idem("org-scoped")
        .json(body)
        .send()
        .await;
    in_org.expect_error(409, "idempotency_conflict");
}
