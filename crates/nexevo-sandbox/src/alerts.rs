//! Spend alerts: when a charge takes a key's month-to-date spend past 80 % of its cap, or to
//! the cap, an event is POSTed to the key's alert webhook, signed by the Standard Webhooks
//! scheme and retried with backoff until the receiver answers 2xx or the attempts run out.
//! One event per threshold per key per month; raising the cap re-arms the thresholds no longer
//! crossed; a new month re-arms both. Every attempt is recorded for tests to read.

use std::sync::{Arc, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use nexevo_api::types::{AlertEvent, AlertEventType};
use rust_decimal::Decimal;
use sha2::Sha256;

use crate::context::App;
use crate::delivery_log::WebhookDelivery;
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

/// Delivers each alert in the background, retrying with backoff.
pub(crate) fn deliver(app: &Arc<App>, alerts: Vec<Alert>) {
    for alert in alerts {
        let app = Arc::clone(app);
        tokio::spawn(async move { deliver_one(&app, alert).await });
    }
}

async fn deliver_one(app: &App, alert: Alert) {
    let Ok(body) = serde_json::to_string(&alert.event) else {
        return;
    };
    let key_id = alert.event.key_id.to_string();
    for attempt in 1..=ATTEMPTS {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |since| since.as_secs())
            .to_string();
        let signature = {
            let now = app.store.now();
            let data = app.store.lock();
            let Some(key) = data.keys.get(&key_id) else {
                return;
            };
            key.signing_keys_at(now)
                .map(|secret| sign(secret, &alert.event.id, &timestamp, &body))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let sent = client()
            .post(&alert.url)
            .timeout(app.alert_timeout)
            .header("content-type", "application/json")
            .header("webhook-id", &alert.event.id)
            .header("webhook-timestamp", &timestamp)
            .header("webhook-signature", &signature)
            .body(body.clone())
            .send()
            .await;
        let outcome = match sent {
            Ok(answer) => Ok(answer.status().as_u16()),
            Err(error) => Err(error.without_url().to_string()),
        };
        let delivery = WebhookDelivery {
            event_id: alert.event.id.clone(),
            event_type: alert.type_name.to_owned(),
            key_id: key_id.clone(),
            url: alert.url.clone(),
            attempt,
            timestamp,
            signature,
            body: body.clone(),
            outcome,
        };
        let delivered = delivery.delivered();
        app.deliveries.record(delivery);
        if delivered || attempt == ATTEMPTS {
            return;
        }
        tokio::time::sleep(app.alert_backoff * 2u32.pow(attempt - 1)).await;
    }
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

/// The client deliveries are sent with: the SDK's TLS stack (rustls), no redirects (each
/// attempt has its own timeout). Built on first use: most sandboxes never deliver.
fn client() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap_or_default()
    })
}
