//! `Idempotency-Key` on every call that is not a GET: the same key and body replay without
//! applying again (a stream's events too); another body is a 409; the store keeps its records
//! for a window and within caps, and concurrent repeats never apply twice.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::common::*;
use std::time::Duration;

use nexevo_api::ApiOperation;

/// A call to repeat: who sends it, where, the body applied first, and another request under
/// the same key (another body, or for a DELETE another path).
struct Case {
    token: Option<String>,
    method: reqwest::Method,
    path: String,
    first: Option<Value>,
    other: Value,
    other_path: Option<String>,
    status: u16,
}

/// A fresh, valid, state-changing request of `op`, with everything it needs set up.
async fn case_for(op: &ApiOperation, sandbox: &Sandbox, api: &Api) -> Case {
    let User {
        account: person,
        key,
        session,
    } = user(sandbox, api, dec!(10)).await;
    let case = |path: &str, token: Option<&str>, first: Option<Value>, other: Value, status| Case {
        token: token.map(str::to_owned),
        method: method_of(op),
        path: path.to_owned(),
        first,
        other,
        other_path: None,
        status,
    };
    let another = |case: Case, other_path: String| Case {
        other_path: Some(other_path),
        ..case
    };
    // An organization of the person's, with a developer in it.
    let organization = async || {
        let (org, developer) = api.organization_with_developer(sandbox, &key).await;
        (org, developer.user_id)
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
            let conversation = api.new_conversation(&key).await;
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
            Some(json!({ "email": unique_email("new"), "password": ACCOUNT_PASSWORD })),
            json!({ "email": unique_email("other"), "password": ACCOUNT_PASSWORD }),
            201,
        ),
        "login" => case(
            op.path,
            None,
            Some(json!({ "email": person.email, "password": ACCOUNT_PASSWORD })),
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
            Some(json!({ "current_password": ACCOUNT_PASSWORD, "new_password": "new-password-1" })),
            json!({ "current_password": ACCOUNT_PASSWORD, "new_password": "new-password-2" }),
            204,
        ),
        "enable_two_fa" => case(op.path, Some(&session), None, json!({}), 200),
        "verify_two_fa" => {
            let secret = api.enable_two_fa(&session).await;
            case(
                op.path,
                Some(&session),
                Some(json!({ "code": code_now(&secret) })),
                json!({ "code": "000000" }),
                200,
            )
        }
        "disable_two_fa" => {
            let secret = api.enrol_two_fa(&session).await;
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
            Some(json!({ "password": ACCOUNT_PASSWORD })),
            json!({ "password": ACCOUNT_PASSWORD, "reason": "changed my mind" }),
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
            let org = api.new_organization(&key).await;
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
                api.add_member(&key, &org, &member.email, "admin").await;
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
            let generation = api.generation_id(&key).await;
            case(
                op.path,
                Some(&key),
                Some(json!({ "generation_id": generation, "rating": 1 })),
                json!({ "generation_id": generation, "rating": -1 }),
                201,
            )
        }
        "update_conversation" => {
            let conversation = api.new_conversation(&key).await;
            case(
                &format!("/v1/conversations/{conversation}"),
                Some(&key),
                Some(json!({ "title": "once" })),
                json!({ "title": "twice" }),
                200,
            )
        }
        "delete_conversation" => {
            let (conversation, other) = (
                api.new_conversation(&key).await,
                api.new_conversation(&key).await,
            );
            another(
                case(
                    &format!("/v1/conversations/{conversation}"),
                    Some(&key),
                    None,
                    json!(null),
                    200,
                ),
                format!("/v1/conversations/{other}"),
            )
        }
        "update_profile" => case(
            op.path,
            Some(&session),
            Some(json!({ "full_name": "Once" })),
            json!({ "full_name": "Twice" }),
            200,
        ),
        "revoke_key" => {
            let (revoked, other) = (api.new_key(&key).await, api.new_key(&key).await);
            another(
                case(
                    &format!("/v1/keys/{revoked}"),
                    Some(&key),
                    None,
                    json!(null),
                    200,
                ),
                format!("/v1/keys/{other}"),
            )
        }
        "update_spend_cap" | "update_alert_webhook" | "update_geo_policy" => {
            let capped = api.new_key(&key).await;
            let (first, other) = match op.id {
                "update_spend_cap" => (
                    json!({ "monthly_spend_cap_usd": "5" }),
                    json!({ "monthly_spend_cap_usd": "6" }),
                ),
                "update_alert_webhook" => (
                    json!({ "url": "https://example.com/once" }),
                    json!({ "url": "https://example.com/twice" }),
                ),
                _ => (
                    json!({ "geo_policy": "cn-only" }),
                    json!({ "geo_policy": "any" }),
                ),
            };
            case(
                &fill_path(
                    op.path,
                    &PathIds {
                        key_id: capped,
                        ..PathIds::default()
                    },
                ),
                Some(&key),
                Some(first),
                other,
                200,
            )
        }
        "remove_member" => {
            let (org, member) = organization().await;
            let other = account(sandbox, dec!(1));
            api.add_member(&key, &org, &other.email, "developer").await;
            another(
                case(
                    &format!("/v1/organizations/{org}/members/{member}"),
                    Some(&key),
                    None,
                    json!(null),
                    204,
                ),
                format!("/v1/organizations/{org}/members/{}", other.user_id),
            )
        }
        "change_member_role" => {
            let (org, member) = organization().await;
            case(
                &format!("/v1/organizations/{org}/members/{member}/role"),
                Some(&key),
                Some(json!({ "role": "admin" })),
                json!({ "role": "developer" }),
                200,
            )
        }
        other => panic!("no idempotency case for operation {other}"),
    }
}

fn request(api: &Api, case: &Case, key: &str, body: Option<&Value>) -> Call {
    request_to(api, case, &case.path, key, body)
}

fn request_to(api: &Api, case: &Case, path: &str, key: &str, body: Option<&Value>) -> Call {
    let mut call = api.request(case.method.clone(), path).idem(key);
    if let Some(token) = &case.token {
        call = call.token(token);
    }
    if let Some(body) = body {
        call = call.json(body.clone());
    }
    call
}

/// Walks the spec: a new operation that changes something without a case here fails, naming
/// it. Each answer, the 409 too, is checked against what its operation documents.
#[tokio::test]
async fn every_call_but_a_get_replays_the_same_request_and_refuses_another() {
    let (sandbox, api, _) = start().await;
    let changes: Vec<&ApiOperation> = nexevo_api::OPERATIONS
        .iter()
        .filter(|op| op.method != "GET")
        .collect();
    assert_eq!(changes.len(), 28);
    for op in changes {
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
        // A logout or a deactivation ended the very credential it was sent with: its answer
        // is replayed to that credential all the same.
        assert_eq!(replay.status, first.status, "{}", op.id);
        assert_eq!(replay.text, first.text, "{}: the same answer", op.id);
        let after = sandbox.counters(op.id);
        assert_eq!(after.received, applied.received + 1, "{}", op.id);
        assert_eq!(
            after.applied, applied.applied,
            "{}: not applied again",
            op.id
        );

        let other_path = case.other_path.as_deref().unwrap_or(&case.path);
        let other_body = Some(&case.other).filter(|other| !other.is_null());
        let conflict = request_to(&api, &case, other_path, &key, other_body)
            .send()
            .await;
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

fn generation_of(reply: &Reply) -> String {
    let chunks = &reply.stream().chunks;
    assert!(!chunks.is_empty(), "{}", reply.describe());
    chunks[0]["nexevo"]["generation_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn a_streamed_answer_is_recorded_and_replayed() {
    let (sandbox, api, key) = start().await;
    let before = api.balance(&key).await;
    let body = json!({ "model": "nexevo/fast", "stream": true, "messages": [{ "role": "user", "content": "hi" }] });
    let first = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-once")
        .json(body.clone())
        .send()
        .await;
    assert!(first.stream().done);
    let charged = before - api.balance(&key).await;
    assert!(charged > Decimal::ZERO);
    let again = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-once")
        .json(body)
        .send()
        .await;
    assert_eq!(again.status, 200, "{}", again.describe());
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(again.text, first.text, "the same events, byte for byte");
    assert_eq!(generation_of(&again), generation_of(&first));
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
    assert_eq!(before - api.balance(&key).await, charged, "charged once");
}

#[tokio::test]
async fn a_stream_whose_answer_was_lost_is_replayed_whole() {
    let (sandbox, api, key) = start().await;
    let before = api.balance(&key).await;
    sandbox.faults().push(
        FaultRule::new(Fault::ResetAfterHandling)
            .on("create_chat_completion")
            .times(1),
    );
    let body = json!({ "model": "nexevo/fast", "stream": true, "messages": [{ "role": "user", "content": "hi" }] });
    let lost = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-lost")
        .json(body.clone())
        .try_send()
        .await;
    assert!(
        lost.is_err(),
        "the answer was lost: {:?}",
        lost.map(|r| r.status)
    );
    let charged = before - api.balance(&key).await;
    assert!(charged > Decimal::ZERO, "the lost stream was charged");
    // The repeat finds the stream recorded (or, if it is still being produced, is told to
    // wait for it).
    let replay = loop {
        let reply = api
            .post("/v1/chat/completions")
            .token(&key)
            .idem("stream-lost")
            .json(body.clone())
            .send()
            .await;
        if reply.status != 409 {
            break reply;
        }
        reply.expect_error(409, "idempotency_in_progress");
        assert!(reply.header("retry-after").is_some());
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    };
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert!(replay.stream().done);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
    assert_eq!(before - api.balance(&key).await, charged, "charged once");
}

#[tokio::test]
async fn a_repeat_while_the_first_stream_is_produced_is_told_to_wait() {
    let (sandbox, api, key) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::SlowChunks(std::time::Duration::from_millis(100)))
            .on("create_chat_completion")
            .times(1),
    );
    let body = json!({ "model": "nexevo/fast", "stream": true, "messages": [{ "role": "user", "content": "Tell me a story." }] });
    let first = tokio::spawn({
        let call = api
            .post("/v1/chat/completions")
            .token(&key)
            .idem("stream-slow")
            .json(body.clone());
        async move { call.send().await }
    });
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    let meanwhile = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-slow")
        .json(body.clone())
        .send()
        .await;
    let error = meanwhile.expect_error(409, "idempotency_in_progress");
    assert!(error["message"].as_str().unwrap().contains("Retry-After"));
    assert_eq!(meanwhile.header("retry-after"), Some("1"));
    assert_eq!(meanwhile.header("retry-after-ms"), Some("100"));
    let first = first.await.unwrap();
    assert!(first.stream().done);
    let after = api
        .post("/v1/chat/completions")
        .token(&key)
        .idem("stream-slow")
        .json(body)
        .send()
        .await;
    assert_eq!(after.text, first.text);
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}

#[tokio::test]
async fn a_stored_answer_is_replayed_only_to_a_credential_that_still_authenticates() {
    let (sandbox, api, _) = start().await;
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
    let session = api.login(&person.email, ACCOUNT_PASSWORD).await;
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
    let (_sandbox, api, key) = start().await;
    let org_id = api.new_organization(&key).await;
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

#[tokio::test]
async fn a_request_that_ends_its_own_credential_gets_its_answer_replayed() {
    let (sandbox, api, _) = start().await;
    let person = account(&sandbox, dec!(10));
    let key = person.api_key.expose().to_owned();
    let own_id = api.get("/v1/keys").token(&key).send().await.expect(200)["data"][0]["key_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let revoke = || {
        api.delete(&format!("/v1/keys/{own_id}"))
            .token(&key)
            .idem("revoke-myself")
    };
    let first = revoke().send().await;
    first.expect(200);
    let replay = revoke().send().await;
    assert_eq!(replay.status, 200, "{}", replay.describe());
    assert_eq!(replay.text, first.text);
    assert_eq!(sandbox.counters("revoke_key").applied, 1);
    // Anything else the ended key sends is refused.
    api.get("/v1/keys")
        .token(&key)
        .send()
        .await
        .expect_error(401, "unauthorized");
    api.delete(&format!("/v1/keys/{own_id}"))
        .token(&key)
        .idem("revoke-again")
        .send()
        .await
        .expect_error(401, "unauthorized");
}

#[tokio::test]
async fn a_key_revoked_by_its_owner_mid_request_gets_no_replay() {
    let (sandbox, api, _) = start().await;
    let User { key, session, .. } = user(&sandbox, &api, dec!(10)).await;
    let key_id = api.get("/v1/keys").token(&key).send().await.expect(200)["data"][0]["key_id"]
        .as_str()
        .unwrap()
        .to_owned();
    // The key's request is applied at once and answered late; meanwhile the owner's session
    // revokes the key.
    sandbox.faults().push(
        FaultRule::new(Fault::DelayAfterHandling(Duration::from_secs(2)))
            .on("create_conversation")
            .once(),
    );
    let create = || {
        api.post("/v1/conversations")
            .token(&key)
            .idem("revoked-meanwhile")
            .json(json!({ "title": "late" }))
    };
    let slow = tokio::spawn(create().send());
    for _ in 0..500 {
        if sandbox.counters("create_conversation").applied == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(sandbox.counters("create_conversation").applied, 1);
    api.delete(&format!("/v1/keys/{key_id}"))
        .token(&session)
        .send()
        .await
        .expect(200);
    slow.await.unwrap().expect(201);
    // The revoked key's repeat is not the request that ended it: no replay, a 401.
    create().send().await.expect_error(401, "unauthorized");
    assert_eq!(sandbox.counters("create_conversation").applied, 1);
}

/// Sends `count` identical `POST /v1/keys` at once, each with `key`.
fn racing_creates(
    api: &Api,
    token: &str,
    key: &str,
    count: usize,
) -> Vec<tokio::task::JoinHandle<Reply>> {
    (0..count)
        .map(|_| {
            let call = api
                .post("/v1/keys")
                .token(token)
                .idem(key)
                .json(json!({ "name": "racy" }));
            tokio::spawn(async move { call.send().await })
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_first_request_leaves_its_key_to_exactly_one_of_the_repeats() {
    let (sandbox, api, token) = start().await;
    // The first request fails slowly; the first repeat to run it is slow too, so that more
    // repeats arrive after the failure, while it runs.
    sandbox.faults().push(
        FaultRule::new(Fault::DelayedStatus {
            delay: Duration::from_millis(300),
            status: 503,
        })
        .on("create_key")
        .once(),
    );
    sandbox.faults().push(
        FaultRule::new(Fault::Delay(Duration::from_millis(300)))
            .on("create_key")
            .once(),
    );
    let first = racing_creates(&api, &token, "fails-first", 1);
    tokio::time::sleep(Duration::from_millis(50)).await;
    let waiting = racing_creates(&api, &token, "fails-first", 5);
    tokio::time::sleep(Duration::from_millis(400)).await;
    let late = racing_creates(&api, &token, "fails-first", 5);
    for reply in first {
        reply
            .await
            .unwrap()
            .expect_error(503, "service_unavailable");
    }
    let mut answers = Vec::new();
    for reply in waiting.into_iter().chain(late) {
        let reply = reply.await.unwrap();
        reply.expect(201);
        let id = reply.body["key"]["key_id"].clone();
        assert!(id.is_string(), "{}", reply.describe());
        answers.push(id);
    }
    answers.dedup();
    assert_eq!(
        answers.len(),
        1,
        "every repeat got the one key: {answers:?}"
    );
    assert_eq!(sandbox.counters("create_key").applied, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_first_request_does_not_pin_its_key_to_its_body() {
    let (sandbox, api, token) = start().await;
    sandbox.faults().push(
        FaultRule::new(Fault::Delay(Duration::from_millis(500)))
            .on("create_key")
            .once(),
    );
    // A client that gives up after 100 ms closes its connection: the sandbox drops the request.
    let impatient = reqwest::Client::builder()
        .timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    let gave_up = impatient
        .post(format!("{}/v1/keys", sandbox.base_url()))
        .bearer_auth(&token)
        .header("idempotency-key", "cancelled")
        .json(&json!({ "name": "first body" }))
        .send()
        .await;
    assert!(gave_up.is_err());
    tokio::time::sleep(Duration::from_millis(50)).await;
    let other = api
        .post("/v1/keys")
        .token(&token)
        .idem("cancelled")
        .json(json!({ "name": "second body" }))
        .send()
        .await;
    assert_eq!(other.expect(201)["key"]["name"], json!("second body"));
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(
        sandbox.counters("create_key").applied,
        1,
        "the cancelled one applied nothing"
    );
}

#[tokio::test]
async fn records_are_kept_for_24_hours_then_forgotten() {
    let (sandbox, api, token) = start().await;
    let create = |name: &str| {
        api.post("/v1/conversations")
            .token(&token)
            .idem("a-day-long")
            .json(json!({ "metadata": { "name": name } }))
    };
    create("first").send().await.expect(201);
    sandbox.advance_clock(Duration::from_secs(23 * 3600));
    create("second")
        .send()
        .await
        .expect_error(409, "idempotency_conflict");
    sandbox.advance_clock(Duration::from_secs(2 * 3600));
    create("second").send().await.expect(201);
    assert_eq!(sandbox.counters("create_conversation").applied, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_store_stays_within_its_caps_whoever_floods_it() {
    let sandbox = Sandbox::builder()
        .idempotency_caps(50, 100)
        .rate_limit(10_000_000, Duration::from_secs(60))
        .start()
        .await
        .unwrap();
    let token = sandbox.demo().api_key.expose().to_owned();
    let http = reqwest::Client::new();
    let base = sandbox.base_url().to_owned();
    // 100,000 password-reset requests with fresh keys, each with a made-up credential.
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let workers = (0..32).map(|worker| {
        let (http, base, sent) = (http.clone(), base.clone(), std::sync::Arc::clone(&sent));
        tokio::spawn(async move {
            for n in 0..100_000 / 32 + 1 {
                if sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= 100_000 {
                    return;
                }
                let reply = http
                    .post(format!("{base}/v1/auth/password-reset"))
                    .bearer_auth(format!("made-up-{worker}-{n}"))
                    .header("idempotency-key", format!("flood-{worker}-{n}"))
                    .json(&json!({ "email": "nobody@example.com" }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(reply.status(), 202);
            }
        })
    });
    for worker in workers.collect::<Vec<_>>() {
        worker.await.unwrap();
    }
    assert_eq!(sandbox.counters("request_password_reset").received, 100_000);
    assert!(
        sandbox.idempotency_records() <= 100,
        "{} records",
        sandbox.idempotency_records()
    );
    assert_eq!(
        sandbox.rate_limit_windows(),
        1,
        "made-up credentials share one window"
    );
    // A real credential's records are capped on their own, oldest forgotten first.
    let api = Api::new(&sandbox);
    for n in 0..120 {
        api.post("/v1/conversations")
            .token(&token)
            .idem(&format!("conversation-{n}"))
            .json(json!({}))
            .send()
            .await
            .expect(201);
    }
    assert!(sandbox.idempotency_records() <= 150);
    let oldest = api
        .post("/v1/conversations")
        .token(&token)
        .idem("conversation-0")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(oldest.header("idempotent-replayed"), None, "forgotten");
    let newest = api
        .post("/v1/conversations")
        .token(&token)
        .idem("conversation-119")
        .json(json!({}))
        .send()
        .await;
    assert_eq!(newest.header("idempotent-replayed"), Some("true"));
}
