//! Spend alerts arrive: the sandbox POSTs a signed event to a key's alert webhook when its
//! month-to-date spend reaches 80 % of its cap and when it reaches the cap — once per threshold
//! per month, retried until the receiver answers 2xx, signed by both secrets during a
//! rotation's overlap, re-armed by a higher cap and by a new month. The SDK's verifier accepts
//! every delivery, over real HTTP.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::time::Duration;

use nexevo::Client;
use nexevo::chat::{ChatExt, ChatRequest, Model};
use nexevo::keys::webhooks::WebhookVerifier;
use nexevo::keys::{AlertEvent, AlertEventType, KeysExt};
use nexevo_e2e::{Step, build, builder_for, scripted_server};
use nexevo_sandbox::{DeliveryOutcome, Sandbox, WebhookDelivery};
use rust_decimal::Decimal;

/// A receiver that answers each delivery attempt the status `status(n)` (n from 0).
async fn receiver(status: impl Fn(usize) -> u16 + Send + Sync + 'static) -> String {
    let (url, _) = scripted_server(move |n, _| {
        let code = status(n);
        vec![Step::Write(
            format!("HTTP/1.1 {code} X\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
                .into_bytes(),
        )]
    })
    .await;
    format!("{}/alerts", url.replace("127.0.0.1", "localhost"))
}

async fn sandbox() -> Sandbox {
    Sandbox::builder()
        .alert_retry_backoff(Duration::from_millis(20))
        .alert_attempt_timeout(Duration::from_millis(300))
        .start()
        .await
        .unwrap()
}

/// A new key of the demo account, its client, and what one `hello()` costs.
async fn key(sandbox: &Sandbox) -> (Client, Client, String, Decimal) {
    let owner = build(builder_for(sandbox, sandbox.demo().api_key.expose()));
    let created = owner.keys().create("alerting").await.unwrap();
    let client = build(builder_for(sandbox, created.full_key.expose()));
    let cost = client
        .chat()
        .completions()
        .create(hello())
        .await
        .unwrap()
        .cost_usd();
    (owner, client, created.key.key_id.to_string(), cost)
}

/// A call that costs about a tenth of a cent, so caps of a few calls are whole to the
/// micro-dollar the spec allows.
fn hello() -> ChatRequest {
    ChatRequest::new(Model::BALANCED).user("word ".repeat(800))
}

/// A cap of `calls` calls, to the micro-dollar.
fn cap_of(cost: Decimal, calls: Decimal) -> Decimal {
    (cost * calls).round_dp(6)
}

/// The deliveries once `done` holds for them (within 10 s).
async fn deliveries_when(
    sandbox: &Sandbox,
    done: impl Fn(&[WebhookDelivery]) -> bool,
) -> Vec<WebhookDelivery> {
    for _ in 0..500 {
        let deliveries = sandbox.webhook_deliveries();
        if done(&deliveries) {
            return deliveries;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("deliveries: {:#?}", sandbox.webhook_deliveries());
}

fn delivered(deliveries: &[WebhookDelivery]) -> Vec<&WebhookDelivery> {
    deliveries.iter().filter(|d| d.delivered()).collect()
}

/// The Standard Webhooks headers of a delivery.
fn headers(id: &str, timestamp: &str, signature: &str) -> http::HeaderMap {
    let mut headers = http::HeaderMap::new();
    headers.insert("webhook-id", id.parse().unwrap());
    headers.insert("webhook-timestamp", timestamp.parse().unwrap());
    headers.insert("webhook-signature", signature.parse().unwrap());
    headers
}

/// The headers a recorded delivery was sent with.
fn headers_of(delivery: &WebhookDelivery) -> http::HeaderMap {
    headers(&delivery.event_id, &delivery.timestamp, &delivery.signature)
}

/// Verifies a recorded delivery as a receiver would.
fn verify(verifier: &WebhookVerifier, delivery: &WebhookDelivery) -> AlertEvent {
    verifier
        .verify(&headers_of(delivery), delivery.body.as_bytes())
        .unwrap_or_else(|e| panic!("{e}: {delivery:?}"))
}

#[tokio::test]
async fn an_alert_arrives_at_each_threshold_once_per_month() {
    let sandbox = sandbox().await;
    let (owner, client, key_id, cost) = key(&sandbox).await;
    let url = receiver(|_| 200).await;
    let secret = owner
        .keys()
        .update_alert_webhook(key_id.as_str(), url.as_str())
        .await
        .unwrap()
        .signing_secret
        .unwrap();
    let verifier = WebhookVerifier::new(secret.expose()).unwrap();
    // Spent: one call. A cap of 2.4 calls: the next call crosses 80 %, the one after the cap.
    let cap = cap_of(cost, Decimal::new(24, 1));
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap)
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    let warned = deliveries_when(&sandbox, |d| delivered(d).len() == 1).await;
    let warning = verify(&verifier, &warned[0]);
    assert_eq!(warning.type_, AlertEventType::SpendCapWarning);
    assert_eq!(warning.key_id.as_str(), key_id);
    assert_eq!(warning.monthly_spend_cap_usd, cap);
    assert_eq!(
        warning.month_to_date_spend_usd,
        cost * Decimal::TWO,
        "exact"
    );
    client.chat().completions().create(hello()).await.unwrap();
    let both = deliveries_when(&sandbox, |d| delivered(d).len() == 2).await;
    let reached = verify(&verifier, &both[1]);
    assert_eq!(reached.type_, AlertEventType::SpendCapReached);
    assert_eq!(reached.month_to_date_spend_usd, cost * Decimal::from(3));
    assert_ne!(reached.id, warning.id);
    // Refused from then on, and no more alerts this month.
    let refused = client
        .chat()
        .completions()
        .create(hello())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(402));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(sandbox.webhook_deliveries().len(), 2);
    // A new month re-arms both.
    sandbox.advance_clock(Duration::from_secs(32 * 24 * 3600));
    for _ in 0..3 {
        client.chat().completions().create(hello()).await.unwrap();
    }
    let next_month = deliveries_when(&sandbox, |d| delivered(d).len() == 4).await;
    // Delivered concurrently: in either order.
    let mut events: Vec<AlertEvent> = next_month[2..]
        .iter()
        .map(|d| verify(&verifier, d))
        .collect();
    events.sort_by_key(|e| e.type_ != AlertEventType::SpendCapWarning);
    assert_eq!(events[0].type_, AlertEventType::SpendCapWarning);
    assert_eq!(events[1].type_, AlertEventType::SpendCapReached);
    assert!(
        events
            .iter()
            .all(|e| e.id != warning.id && e.id != reached.id)
    );
}

#[tokio::test]
async fn a_failing_receiver_gets_the_same_event_again_until_it_answers_2xx() {
    let sandbox = sandbox().await;
    let (owner, client, key_id, cost) = key(&sandbox).await;
    let url = receiver(|n| if n < 2 { 503 } else { 204 }).await;
    owner
        .keys()
        .update_alert_webhook(key_id.as_str(), url.as_str())
        .await
        .unwrap();
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap_of(cost, Decimal::new(24, 1)))
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    let attempts = deliveries_when(&sandbox, |d| d.iter().any(WebhookDelivery::delivered)).await;
    assert_eq!(attempts.len(), 3);
    assert_eq!(
        attempts
            .iter()
            .map(|a| a.outcome.clone())
            .collect::<Vec<_>>(),
        [
            DeliveryOutcome::Status(503),
            DeliveryOutcome::Status(503),
            DeliveryOutcome::Status(204)
        ]
    );
    assert_eq!(
        attempts.iter().map(|a| a.attempt).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    assert!(
        attempts.iter().all(|a| a.event_id == attempts[0].event_id),
        "one event id"
    );
}

#[tokio::test]
async fn during_a_rotation_both_secrets_sign_then_only_the_new_one() {
    let sandbox = sandbox().await;
    let (owner, client, key_id, cost) = key(&sandbox).await;
    let url = receiver(|_| 200).await;
    let set = || {
        owner
            .keys()
            .update_alert_webhook(key_id.as_str(), url.as_str())
    };
    let old = set().await.unwrap().signing_secret.unwrap();
    let new = set().await.unwrap().signing_secret.unwrap();
    let (old, new) = (
        WebhookVerifier::new(old.expose()).unwrap(),
        WebhookVerifier::new(new.expose()).unwrap(),
    );
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap_of(cost, Decimal::new(24, 1)))
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    let first = deliveries_when(&sandbox, |d| delivered(d).len() == 1).await;
    assert_eq!(first[0].signature.split(' ').count(), 2);
    verify(&old, &first[0]);
    verify(&new, &first[0]);
    // Past the 24 h overlap: the new secret alone.
    sandbox.advance_clock(Duration::from_secs(25 * 3600));
    client.chat().completions().create(hello()).await.unwrap();
    let second = deliveries_when(&sandbox, |d| delivered(d).len() == 2).await;
    assert_eq!(second[1].signature.split(' ').count(), 1);
    verify(&new, &second[1]);
    assert!(
        old.verify(&headers_of(&second[1]), second[1].body.as_bytes())
            .is_err()
    );
}

#[tokio::test]
async fn raising_the_cap_rearms_the_thresholds_no_longer_crossed() {
    let sandbox = sandbox().await;
    let (owner, client, key_id, cost) = key(&sandbox).await;
    let url = receiver(|_| 200).await;
    owner
        .keys()
        .update_alert_webhook(key_id.as_str(), url.as_str())
        .await
        .unwrap();
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap_of(cost, Decimal::new(24, 1)))
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    deliveries_when(&sandbox, |d| delivered(d).len() == 1).await;
    // Spent 2 calls; a cap of 5 calls puts that at 40 %: the warning fires again at 4 calls.
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap_of(cost, Decimal::from(5)))
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        sandbox.webhook_deliveries().len(),
        1,
        "3 of 5 calls: under 80 %"
    );
    client.chat().completions().create(hello()).await.unwrap();
    let rearmed = deliveries_when(&sandbox, |d| delivered(d).len() == 2).await;
    assert_eq!(rearmed[1].event_type, "spend_cap.warning");
    assert_ne!(rearmed[1].event_id, rearmed[0].event_id);
}

#[tokio::test]
async fn a_receiver_that_does_not_answer_in_time_gets_the_event_again() {
    let sandbox = sandbox().await;
    let (owner, client, key_id, cost) = key(&sandbox).await;
    // The first attempt is never answered; the second is.
    let (url, _) = scripted_server(|n, _| {
        if n == 0 {
            vec![Step::Hang]
        } else {
            vec![Step::Write(
                b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n".to_vec(),
            )]
        }
    })
    .await;
    owner
        .keys()
        .update_alert_webhook(key_id.as_str(), format!("{url}/alerts").as_str())
        .await
        .unwrap();
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap_of(cost, Decimal::new(24, 1)))
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    let attempts = deliveries_when(&sandbox, |d| d.iter().any(WebhookDelivery::delivered)).await;
    assert_eq!(attempts.len(), 2, "{attempts:#?}");
    assert!(
        matches!(&attempts[0].outcome, DeliveryOutcome::Failed(why) if why.starts_with("no answer within")),
        "timed out: {:?}",
        attempts[0].outcome
    );
    assert_eq!(attempts[1].outcome, DeliveryOutcome::Status(200));
    assert_eq!(attempts[0].event_id, attempts[1].event_id);
}

#[tokio::test]
async fn a_real_delivery_tampered_with_in_any_part_is_refused() {
    let sandbox = sandbox().await;
    let (owner, client, key_id, cost) = key(&sandbox).await;
    let url = receiver(|_| 200).await;
    let secret = owner
        .keys()
        .update_alert_webhook(key_id.as_str(), url.as_str())
        .await
        .unwrap()
        .signing_secret
        .unwrap();
    owner
        .keys()
        .update_spend_cap(key_id.as_str(), cap_of(cost, Decimal::new(24, 1)))
        .await
        .unwrap();
    client.chat().completions().create(hello()).await.unwrap();
    let delivery = deliveries_when(&sandbox, |d| delivered(d).len() == 1).await[0].clone();
    let verifier = WebhookVerifier::new(secret.expose()).unwrap();
    verify(&verifier, &delivery);
    let (id, at, signature) = (&delivery.event_id, &delivery.timestamp, &delivery.signature);
    let body = delivery.body.as_bytes();
    use nexevo::keys::webhooks::WebhookError;
    let refused =
        |headers: http::HeaderMap, body: &[u8]| verifier.verify(&headers, body).unwrap_err();
    assert_eq!(
        refused(
            headers(id, at, signature),
            &delivery.body.replace("spend_cap", "spend_cop").into_bytes()
        ),
        WebhookError::BadSignature
    );
    assert_eq!(
        refused(headers("evt_other", at, signature), body),
        WebhookError::BadSignature
    );
    let later = (at.parse::<u64>().unwrap() + 1).to_string();
    assert_eq!(
        refused(headers(id, &later, signature), body),
        WebhookError::BadSignature
    );
    let stale = (at.parse::<u64>().unwrap() - 3_600).to_string();
    assert!(matches!(
        refused(headers(id, &stale, signature), body),
        WebhookError::Timestamp { .. }
    ));
    let other = WebhookVerifier::new("whsec_c2VjcmV0LW51bWJlci10d28tdHdvLXR3bw==").unwrap();
    assert_eq!(
        other.verify(&headers(id, at, signature), body).unwrap_err(),
        WebhookError::BadSignature
    );
    let mut missing = headers(id, at, signature);
    missing.remove("webhook-signature");
    assert_eq!(
        refused(missing, body),
        WebhookError::MissingHeader("webhook-signature")
    );
}
