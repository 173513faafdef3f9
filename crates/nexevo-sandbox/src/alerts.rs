//! Spend alerts: when a charge takes a key's month-to-date spend past 80 % of its cap, or to
//! the cap, an event is POSTed to the key's alert webhook, signed by the Standard Webhooks
//! scheme and retried with backoff until the receiver answers 2xx or the attempts run out.
//! One event per threshold per key per month; raising the cap re-arms the thresholds no longer
//! crossed; a new month re-arms both. Every attempt is recorded for tests to read.
//!
//! Each attempt re-reads the key: if its webhook was changed or removed since the alert fired,
//! the alert is given up (recorded as abandoned) rather than sent to the new URL, which did
//! not ask for it, or retried at the old one, which the key's owner took away. Where and how an
//! attempt is sent, bounded and checked, is `alert_delivery`'s.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use nexevo_api::types::{AlertEvent, AlertEventType};
use rust_decimal::Decimal;
use sha2::Sha256;

use crate::context::App;
use crate::delivery_log::{DeliveryOutcome, WebhookDelivery};
use crate::state::{ApiKey, new_id};

/// How many times a delivery is attempted in all.
pub(crate) const ATTEMPTS: u32 = 5;

/// The thresholds, as a fraction of the cap.
const THRESHOLDS: [(AlertEventType, &str, Decimal); 2] = [
    (
        AlertEventType::SpendCapWarning,
        "spend_cap.warning",
        Decimal::from_parts(8, 0, 0, false, 1),
    ),
    (
        AlertEventType::SpendCapReached,
        "spend_cap.reached",
        Decimal::ONE,
    ),
];

/// An alert to deliver.
#[derive(Debug)]
pub(crate) struct Alert {
    event: AlertEvent,
    type_name: &'static str,
    url: String,
}

/// The alerts `key`'s spend in `month` now crosses (each marked, so it fires once).
pub(crate) fn crossed(key: &mut ApiKey, month: i32, now: DateTime<Utc>) -> Vec<Alert> {
    let (Some(cap), Some(url)) = (key.monthly_spend_cap_usd, key.alert_webhook_url.clone()) else {
        return Vec::new();
    };
    let spent = key.spend_by_month.get(&month).copied().unwrap_or_default();
    let mut alerts = Vec::new();
    for (event_type, name, fraction) in THRESHOLDS {
        if spent >= cap * fraction && key.alerts_fired.insert((month, name)) {
            alerts.push(Alert {
                event: AlertEvent {
                    id: new_id("evt_"),
                    type_: event_type,
                    created_at: now.into(),
                    key_id: key.key_id.clone().into(),
                    monthly_spend_cap_usd: cap,
                    month_to_date_spend_usd: spent,
                },
                type_name: name,
                url: url.clone(),
            });
        }
    }
    alerts
}

/// After `key`'s cap changed: the thresholds of `month` its spend no longer reaches fire again.
pub(crate) fn rearm(key: &mut ApiKey, month: i32) {
    let spent = key.spend_by_month.get(&month).copied().unwrap_or_default();
    let cap = key.monthly_spend_cap_usd;
    key.alerts_fired.retain(|(fired_month, name)| {
        let still_crossed = THRESHOLDS
            .iter()
            .find(|(_, threshold, _)| threshold == name)
            .zip(cap)
            .is_some_and(|((_, _, fraction), cap)| spent >= cap * *fraction);
        *fired_month != month || still_crossed
    });
}

/// Delivers each alert in the background, retrying with backoff; an alert the queue has no
/// room for is dropped and counted.
pub(crate) fn deliver(app: &Arc<App>, alerts: Vec<Alert>) {
    for alert in alerts {
        let Some(place) = app.alert_delivery.enqueue() else {
            app.deliveries.count_dropped();
            continue;
        };
        let app = Arc::clone(app);
        tokio::spawn(async move {
            deliver_one(&app, alert).await;
            drop(place);
        });
    }
}

async fn deliver_one(app: &App, alert: Alert) {
    let Ok(body) = serde_json::to_string(&alert.event) else {
        return;
    };
    let key_id = alert.event.key_id.to_string();
    for attempt in 1..=ATTEMPTS {
        // Signed, and checked against the key, once it is this attempt's turn: a wait for a
        // place in flight does not age the timestamp or outlive a change of webhook.
        let Some(in_flight) = app.alert_delivery.place_in_flight().await else {
            return;
        };
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
            .to_string();
        let record = |signature: String, address, outcome| WebhookDelivery {
            event_id: alert.event.id.clone(),
            event_type: alert.type_name.to_owned(),
            key_id: key_id.clone(),
            url: alert.url.clone(),
            attempt,
            timestamp: timestamp.clone(),
            signature,
            body: body.clone(),
            address,
            outcome,
        };
        // Each attempt goes to the key's webhook as it is now: none, or another URL, ends it.
        let signature = match signed_for(app, &key_id, &alert, &timestamp, &body) {
            Ok(signature) => signature,
            Err(why) => {
                app.deliveries
                    .record(record(String::new(), None, DeliveryOutcome::Abandoned(why)));
                return;
            }
        };
        let headers = [
            ("content-type", "application/json"),
            ("webhook-id", alert.event.id.as_str()),
            ("webhook-timestamp", timestamp.as_str()),
            ("webhook-signature", signature.as_str()),
        ];
        let attempted = app
            .alert_delivery
            .attempt(&alert.url, &headers, &body)
            .await;
        let delivery = record(signature, attempted.address, attempted.outcome);
        let delivered = delivery.delivered();
        app.deliveries.record(delivery);
        if delivered || attempt == ATTEMPTS {
            return;
        }
        drop(in_flight);
        tokio::time::sleep(app.alert_delivery.backoff() * 2u32.pow(attempt - 1)).await;
    }
}

/// The `webhook-signature` of an attempt, by every secret the key has in force now; or why the
/// alert is given up: the key's webhook is no longer the one it fired for.
fn signed_for(
    app: &App,
    key_id: &str,
    alert: &Alert,
    timestamp: &str,
    body: &str,
) -> Result<String, String> {
    let now = app.store.now();
    let data = app.store.lock();
    let Some(key) = data.keys.get(key_id) else {
        return Err("the key is gone".to_owned());
    };
    match key.alert_webhook_url.as_deref() {
        Some(url) if url == alert.url => {}
        Some(_) => return Err("the key's alert webhook was changed".to_owned()),
        None => return Err("the key's alert webhook was removed".to_owned()),
    }
    Ok(key
        .signing_keys_at(now)
        .map(|secret| sign(secret, &alert.event.id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" "))
}

/// `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under `secret`.
fn sign(secret: &[u8], id: &str, timestamp: &str, body: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(id.as_bytes());
    mac.update(b".");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    format!("v1,{}", BASE64.encode(mac.finalize().into_bytes()))
}
