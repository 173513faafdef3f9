//! The apps `bench-build` builds: what each depends on, and its `main`.

use std::path::Path;

/// The TLS backend and features `nexevo` gives reqwest by default (`nexevo-core`'s `rustls`
/// feature over the workspace's reqwest dependency): the floor uses exactly these.
pub(super) const SDK_REQWEST_FEATURES: &str =
    r#"default-features = false, features = ["json", "query", "stream", "rustls"]"#;

/// The rust_decimal features the SDK uses (the workspace's rust_decimal dependency).
pub(super) const SDK_DECIMAL_FEATURES: &str =
    r#"default-features = false, features = ["std", "serde"]"#;

/// The tokio every app's `main` needs.
const APP_TOKIO: &str = r#"tokio = { version = "1", features = ["rt-multi-thread", "macros"] }"#;

/// One app to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum App {
    /// tokio + reqwest (with the SDK's reqwest features) + serde_json: the floor.
    Floor,
    /// `nexevo` with `billing` only.
    Billing,
    /// `nexevo` with `full`.
    Full,
    /// The floor decoding the balance into `rust_decimal::Decimal`, as the SDK does: for context
    /// only, it tells the cost of exact money apart from the cost of the SDK's own crates.
    FloorDecimal,
    /// tokio + reqwest with its own defaults (http2, charset, system proxy) + serde_json: for
    /// context only.
    ReqwestDefaults,
    /// `nexevo` with `chat` (and its default `typed`: structured outputs on schemars), making
    /// one plain completion call.
    Chat,
    /// [`App::Chat`] without `typed`: what schemars costs an application that does not use it.
    ChatUntyped,
    /// The `nexevo` CLI as `cargo install` builds it (its default features: the embedded
    /// sandbox and `--jq`).
    Cli,
    /// The CLI without the embedded sandbox (`--no-default-features --features jq`).
    CliNoSandbox,
    /// [`App::Billing`] against the `--baseline` checkout.
    BaselineBilling,
    /// [`App::Full`] with `otel`: what the telemetry feature's metrics and array attributes
    /// cost to build.
    FullOtel,
    /// [`App::Full`] against the `--baseline` checkout.
    BaselineFull,
}

impl App {
    /// Every app, in report order.
    pub const ALL: [App; 5] = [
        App::Floor,
        App::Billing,
        App::Full,
        App::FloorDecimal,
        App::ReqwestDefaults,
    ];

    /// Apps built only when `--apps` names them.
    pub const ON_REQUEST: [App; 5] = [
        App::Chat,
        App::ChatUntyped,
        App::Cli,
        App::CliNoSandbox,
        App::FullOtel,
    ];

    /// The apps built against the `--baseline` checkout.
    pub const BASELINES: [App; 2] = [App::BaselineBilling, App::BaselineFull];

    /// The app's package (and binary) name.
    pub fn name(self) -> &'static str {
        match self {
            App::Floor => "floor",
            App::Billing => "billing",
            App::Full => "full",
            App::FullOtel => "full-otel",
            App::FloorDecimal => "floor-decimal",
            App::ReqwestDefaults => "reqwest-defaults",
            App::Chat => "chat",
            App::ChatUntyped => "chat-untyped",
            App::Cli => "cli",
            App::CliNoSandbox => "cli-no-sandbox",
            App::BaselineBilling => "billing-baseline",
            App::BaselineFull => "full-baseline",
        }
    }

    pub(super) fn describe(self) -> &'static str {
        match self {
            App::Floor => "floor: tokio + reqwest (nexevo's features) + serde_json",
            App::Billing => "nexevo, features = [\"billing\"]",
            App::Full => "nexevo, features = [\"full\"]",
            App::FullOtel => "nexevo, features = [\"full\", \"otel\"]",
            App::FloorDecimal => "context: the floor + rust_decimal (nexevo's features)",
            App::ReqwestDefaults => "context: tokio + reqwest defaults + serde_json",
            App::Chat => "nexevo, features = [\"chat\"] (typed by default)",
            App::ChatUntyped => {
                "nexevo, default-features = false, features = [\"chat\", \"rustls\"]"
            }
            App::Cli => "the nexevo CLI, default features (sandbox, jq)",
            App::CliNoSandbox => "the nexevo CLI, features = [\"jq\"] (no sandbox)",
            App::BaselineBilling => "baseline nexevo, features = [\"billing\"]",
            App::BaselineFull => "baseline nexevo, features = [\"full\"]",
        }
    }

    pub(super) fn from_name(name: &str) -> Option<App> {
        App::ALL
            .into_iter()
            .chain(App::ON_REQUEST)
            .chain(App::BASELINES)
            .find(|app| app.name() == name)
    }

    /// The `nexevo` feature of an app that depends on the SDK.
    pub(super) fn feature(self) -> Option<&'static str> {
        match self {
            App::Billing | App::BaselineBilling => Some("billing"),
            App::Full | App::BaselineFull | App::FullOtel => Some("full"),
            App::Chat | App::ChatUntyped => Some("chat"),
            _ => None,
        }
    }

    /// For the CLI, which is the workspace's own package rather than an app of ours: its
    /// feature arguments to `cargo build`.
    pub(super) fn cli_features(self) -> Option<&'static [&'static str]> {
        match self {
            App::Cli => Some(&[]),
            App::CliNoSandbox => Some(&["--no-default-features", "--features", "jq"]),
            _ => None,
        }
    }

    /// Whether the app is built against the `--baseline` checkout.
    pub fn is_baseline(self) -> bool {
        App::BASELINES.contains(&self)
    }

    /// The app's `Cargo.toml`, depending on the SDK at `sdk` (the `crates/nexevo` folder).
    pub fn manifest(self, sdk: &Path) -> String {
        let floor = format!(
            "reqwest = {{ version = \"0.13\", {SDK_REQWEST_FEATURES} }}\n\
             serde = {{ version = \"1\", features = [\"derive\"] }}\n\
             serde_json = \"1\"\n"
        );
        let dependencies = match self {
            App::Floor => floor,
            App::FloorDecimal => {
                format!("{floor}rust_decimal = {{ version = \"1\", {SDK_DECIMAL_FEATURES} }}\n")
            }
            App::ReqwestDefaults => "reqwest = { version = \"0.13\", features = [\"json\"] }\n\
                 serde = { version = \"1\", features = [\"derive\"] }\n\
                 serde_json = \"1\"\n"
                .to_owned(),
            App::ChatUntyped => format!(
                "nexevo = {{ path = {:?}, default-features = false, features = [\"chat\", \"rustls\"] }}\n",
                sdk.display().to_string()
            ),
            // Built from the workspace (`cli_features`), not from a manifest of ours.
            App::Cli | App::CliNoSandbox => String::new(),
            App::FullOtel => format!(
                "nexevo = {{ path = {:?}, features = [\"full\", \"otel\"] }}\n",
                sdk.display().to_string()
            ),
            App::Billing | App::Full | App::Chat | App::BaselineBilling | App::BaselineFull => {
                format!(
                    "nexevo = {{ path = {:?}, features = [\"{}\"] }}\n",
                    sdk.display().to_string(),
                    self.feature().unwrap_or("full")
                )
            }
        };
        format!(
            "[package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\n{APP_TOKIO}\n{dependencies}\n\
             # Its own workspace, whatever folder it is in.\n[workspace]\n",
            self.name()
        )
    }

    /// The app's `main.rs`: one balance call, decoded.
    pub fn main_rs(self) -> String {
        match self {
            App::Floor | App::ReqwestDefaults => FLOOR_MAIN.replace("{BALANCE_USD}", "String"),
            App::FloorDecimal => FLOOR_MAIN.replace("{BALANCE_USD}", "rust_decimal::Decimal"),
            App::Billing | App::Full | App::BaselineBilling | App::BaselineFull | App::FullOtel => {
                SDK_MAIN.to_owned()
            }
            App::Chat | App::ChatUntyped => CHAT_MAIN.to_owned(),
            App::Cli | App::CliNoSandbox => String::new(),
        }
    }
}

/// The floors' `main.rs`; `{BALANCE_USD}` is the type the balance is decoded into.
const FLOOR_MAIN: &str = r#"#[derive(Debug, serde::Deserialize)]
struct Balance {
    balance_usd: {BALANCE_USD},
    currency: String,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base = std::env::var("NEXEVO_BASE_URL")?;
    let key = std::env::var("NEXEVO_API_KEY")?;
    let response = reqwest::Client::new()
        .get(format!("{base}/v1/billing/balance"))
        .bearer_auth(key)
        .send()
        .await?
        .error_for_status()?;
    let balance: Balance = serde_json::from_slice(&response.bytes().await?)?;
    println!("{} {}", balance.balance_usd, balance.currency);
    Ok(())
}
"#;

const SDK_MAIN: &str = r#"use nexevo::billing::BillingExt;

#[tokio::main]
async fn main() -> Result<(), nexevo::Error> {
    let client = nexevo::Client::from_env()?;
    let balance = client.billing().balance().await?;
    println!("{} {}", balance.balance_usd, balance.currency);
    Ok(())
}
"#;

/// The chat apps' `main.rs`: one plain completion, so both build the same code of their own.
const CHAT_MAIN: &str = r#"use nexevo::chat::{ChatExt, ChatRequest, Model};

#[tokio::main]
async fn main() -> Result<(), nexevo::Error> {
    let client = nexevo::Client::from_env()?;
    let request = ChatRequest::new(Model::FAST).user("Hello");
    let completion = client.chat().completions().create(request).await?;
    println!("{}", completion.content().unwrap_or_default());
    Ok(())
}
"#;
