//! What every command runs with: the client its settings make, and how its answer is shown.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use futures_util::TryStreamExt as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nexevo::{Operation, Paginated, Secret};
use serde::Serialize;
use serde_json::{Value, json};

use crate::config::{ConfigStore, Settings, origin_of};
use crate::error::CliError;
use crate::format::OutputMode;
use crate::output::{self, AnswerOutline, SecretKind};
use crate::table::{self, FieldOrder, Screen};
use crate::time_limits::{self, CallKind};
use crate::usage_chart;

/// The operation whose credential must be the session it ends, not an API key.
const LOGOUT: &str = "logout";

/// A command's settings, config and output mode.
pub(crate) struct Context {
    settings: Settings,
    /// Held so a stored session is written back to the file it came from.
    store: Mutex<ConfigStore>,
    output: OutputMode,
    /// The total a call may take (`--timeout`, `NEXEVO_TIMEOUT`), when set.
    timeout: Option<Duration>,
    http_view: HttpView,
    /// `--yes`: a call that cannot be undone is made without asking.
    assume_yes: bool,
}

/// What the command shows of its HTTP exchanges.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HttpView {
    /// Nothing: the answer only.
    Quiet,
    /// Each request and answer on stderr, secrets redacted (`--debug`).
    Debug,
    /// The request as a curl line on stdout, and nothing sent (`--dry-run`).
    DryRun,
}

impl Context {
    pub(crate) fn new(
        settings: Settings,
        store: ConfigStore,
        output: OutputMode,
        timeout: Option<Duration>,
        http_view: HttpView,
        assume_yes: bool,
    ) -> Self {
        Self {
            settings,
            store: Mutex::new(store),
            output,
            timeout,
            http_view,
            assume_yes,
        }
    }

    /// The server calls go to (for messages about reaching it).
    pub(crate) fn server(&self) -> &str {
        self.settings.target()
    }

    /// A client for `operation`, with the time limits of its kind (see [`time_limits`]).
    pub(crate) fn client(&self, operation: &str) -> Result<nexevo::Client, CliError> {
        let kind = if operation == "create_chat_completion" {
            CallKind::Chat
        } else {
            CallKind::Call
        };
        self.client_for(operation, kind)
    }

    /// How answers are printed (`--format`, `--jq`).
    pub(crate) fn output(&self) -> &crate::format::OutputMode {
        &self.output
    }

    /// Whether answers are printed as JSON (`--json`, `--format json` or `jsonl`).
    pub(crate) fn json(&self) -> bool {
        self.output.json()
    }

    /// A client for `operation`: the base URL and organization in force, and the credential:
    /// the API key, else the profile's session (for `logout`, the session first: it is what
    /// logout ends). A stored credential goes only to the origin it belongs to. An operation
    /// that needs a credential refuses to run without one it may send.
    pub(crate) fn client_for(
        &self,
        operation: &str,
        kind: CallKind,
    ) -> Result<nexevo::Client, CliError> {
        let settings = &self.settings;
        let target = origin_of(settings.target());
        let candidates = if operation == LOGOUT {
            [&settings.session, &settings.api_key]
        } else {
            [&settings.api_key, &settings.session]
        };
        let mut withheld = None;
        let credential = candidates.into_iter().flatten().find(|credential| {
            let may = credential.may_go_to(&target);
            if !may && withheld.is_none() {
                withheld = Some(*credential);
            }
            may
        });
        let needs_credential = nexevo_api::OPERATIONS
            .iter()
            .find(|op| op.id == operation)
            .is_none_or(|op| op.requires_auth);
        if needs_credential && credential.is_none() {
            return Err(CliError::Usage(match withheld {
                Some(withheld) => format!(
                    "{} belongs to {}, and is not sent to {target} (the base URL from {}): \
                     log in there with `nexevo auth login`, use another --profile, or point \
                     --base-url back at {0}",
                    withheld.described,
                    withheld.bound_to.as_deref().unwrap_or("its server"),
                    settings.base_url_source
                ),
                None => self.no_credential(),
            }));
        }
        let mut builder = nexevo::Client::builder()
            .user_agent(concat!("nexevo-cli/", env!("CARGO_PKG_VERSION")))
            .timeouts(time_limits::timeouts(kind, self.timeout))
            .on_retry(note_retry)
            .allow_insecure_http(nexevo::insecure_http_allowed_by_env());
        builder = match self.http_view {
            HttpView::Quiet => builder,
            HttpView::Debug => builder.on_http(output::http_trace),
            HttpView::DryRun => builder.dry_run(true).on_http(output::curl_line),
        };
        if let Some(url) = &settings.base_url {
            builder = builder.base_url(url);
        }
        if let Some(organization) = &settings.organization {
            builder = builder.organization(organization);
        }
        if let Some(credential) = credential {
            builder = builder.api_key(credential.secret.expose());
        }
        Ok(builder.build()?)
    }

    /// Why there is no credential to send: the profile in force has none, or there is no such
    /// profile (a misspelt `--profile`), naming the ones there are.
    fn no_credential(&self) -> String {
        let profile = &self.settings.profile;
        let store = self
            .store
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let names = store.profile_names();
        if names.contains(&profile.as_str()) || (names.is_empty() && profile == "default") {
            return format!(
                "no credential: set NEXEVO_API_KEY, pass --api-key, or run `nexevo auth login` \
                 (profile `{profile}`)"
            );
        }
        let known = if names.is_empty() {
            "it has none".to_owned()
        } else {
            format!("it has {}", names.join(", "))
        };
        format!(
            "no profile `{profile}` in {} ({known}): check --profile or NEXEVO_PROFILE, or \
             create it with `nexevo auth login --profile {profile}`",
            store.path().display()
        )
    }

    /// Asks before a call that cannot be undone (`x-nexevo-confirm` in the spec): `--yes`
    /// answers for a script, a dry run sends nothing so asks nothing, and without either only a
    /// terminal can answer — a script that did not say `--yes` is refused before anything is
    /// sent.
    pub(crate) async fn confirm(
        &self,
        m: &clap::ArgMatches,
        summary: &str,
        shown: &[&str],
        why: &str,
    ) -> Result<(), CliError> {
        if self.assume_yes || self.http_view == HttpView::DryRun {
            return Ok(());
        }
        let values: Vec<&str> = shown
            .iter()
            .filter_map(|id| m.try_get_one::<String>(id).ok().flatten())
            .map(String::as_str)
            .collect();
        let what = if values.is_empty() {
            summary.to_owned()
        } else {
            format!("{summary} ({})", values.join(", "))
        };
        use std::io::IsTerminal as _;
        if !std::io::stdin().is_terminal() {
            return Err(CliError::Usage(format!(
                "{what}: {why} Pass --yes to go on (there is no terminal to ask on)"
            )));
        }
        output::note(&format!("{what}: {why}"));
        let answer = output::ask("Go on? Type yes: ").await?;
        if answer.trim().eq_ignore_ascii_case("yes") || answer.trim().eq_ignore_ascii_case("y") {
            Ok(())
        } else {
            Err(CliError::Usage(
                "not confirmed: nothing was sent".to_owned(),
            ))
        }
    }

    /// Makes a call and shows its answer.
    pub(crate) async fn show<O>(&self, call: O, outline: &AnswerOutline) -> Result<(), CliError>
    where
        O: Operation,
        O::Output: Serialize,
    {
        let answer = waiting(call.send()).await?.into_value();
        let value = serde_json::to_value(&answer)
            .map_err(|error| CliError::Local(format!("showing the answer: {error}")))?;
        self.print(value, outline, false)
    }

    /// Makes a call whose answer has no content, and says it is done: on stderr for people;
    /// for scripts (every format but `table`, and `--jq`) nothing at all, as the API answered
    /// nothing, and the exit status says it worked.
    pub(crate) async fn done<O>(&self, call: O, outline: &AnswerOutline) -> Result<(), CliError>
    where
        O: Operation<Output = ()>,
    {
        waiting(call.send()).await?;
        self.after(outline.operation)?;
        if !self.output.for_scripts() {
            output::note("done");
        }
        Ok(())
    }

    /// Makes a list call: one page (from `--cursor`), or with `--all` every item. Printed as
    /// the API's page, `{data, next_cursor}`, under `--json`.
    pub(crate) async fn list<P>(
        &self,
        call: P,
        m: &clap::ArgMatches,
        outline: &AnswerOutline,
    ) -> Result<(), CliError>
    where
        P: Paginated,
        P::Item: Serialize + Send + 'static,
    {
        let call = match m.get_one::<String>("cursor") {
            Some(cursor) => call.cursor(cursor.as_str()),
            None => call,
        };
        let (items, next_cursor) = if m.get_flag("all") {
            (
                waiting(call.into_stream().try_collect::<Vec<_>>()).await?,
                None,
            )
        } else {
            let page = waiting(call.send()).await?.into_value();
            (page.items, page.next_cursor)
        };
        let page = json!({ "data": items, "next_cursor": next_cursor });
        self.print(page, outline, true)
    }

    /// Handles the answer's secrets (in each item, for a page), then prints it.
    fn print(&self, mut value: Value, outline: &AnswerOutline, page: bool) -> Result<(), CliError> {
        let mut shown_once = Vec::new();
        for &(path, kind) in outline.secrets {
            let mut within = match (&mut value, page) {
                (Value::Object(page), true) => match page.get_mut("data") {
                    Some(Value::Array(items)) => items.iter_mut().collect(),
                    _ => Vec::new(),
                },
                (one, _) => vec![one],
            };
            for value in &mut within {
                match kind {
                    SecretKind::Session => {
                        if let Some(Value::String(token)) = output::take_path(value, path) {
                            self.store_session(Secret::new(token))?;
                        }
                    }
                    SecretKind::ShownOnce if output::has_path(value, path) => {
                        shown_once.push(path);
                    }
                    SecretKind::ShownOnce => {}
                }
            }
        }
        let mut cut = None;
        let (text, shown) = if let Some(for_scripts) = self.output.for_script(&value, page)? {
            for_scripts
        } else if let Some(custom) = custom(outline.operation, &value) {
            (custom, output::Shown::Text)
        } else {
            let order = FieldOrder::of(outline.operation);
            let screen = Screen::stdout();
            let shaped = if page {
                let items = value.get("data").and_then(Value::as_array);
                table::table(items.map_or(&[][..], Vec::as_slice), order, "", screen)
            } else {
                table::summary(&value, order, screen)
            };
            cut = shaped.cut;
            (shaped.text, output::Shown::Text)
        };
        output::write_stdout(&text, shown)?;
        if let Some(cut) = cut {
            output::note(&format!("note: {cut}"));
        }
        shown_once.dedup();
        for path in shown_once {
            output::note(&format!(
                "note: `{path}` is shown only this once; store it safely now, it cannot be read again"
            ));
        }
        if page
            && self.output.hides_cursor()
            && let Some(cursor) = value.get("next_cursor").and_then(Value::as_str)
        {
            output::note(&format!("more: --cursor {cursor} (or --all)"));
        }
        self.after(outline.operation)
    }

    /// Stores the session a login answered in the profile, never printing it.
    fn store_session(&self, token: Secret) -> Result<(), CliError> {
        let mut store = self
            .store
            .lock()
            .map_err(|_| CliError::Local("the config was left half-written".to_owned()))?;
        let issued_by = origin_of(self.settings.target());
        store.update(&self.settings.profile, |profile| {
            profile.session_token = Some(token);
            profile.session_origin = Some(issued_by);
        })?;
        output::note(&format!(
            "session stored in profile `{}` ({})",
            self.settings.profile,
            store.path().display()
        ));
        Ok(())
    }

    /// What follows a call that succeeded: after `logout`, its session is forgotten.
    fn after(&self, operation: &str) -> Result<(), CliError> {
        if operation == LOGOUT {
            self.forget_session()?;
        }
        Ok(())
    }

    /// Removes the profile's stored session.
    pub(crate) fn forget_session(&self) -> Result<(), CliError> {
        let mut store = self
            .store
            .lock()
            .map_err(|_| CliError::Local("the config was left half-written".to_owned()))?;
        if store
            .profile(&self.settings.profile)
            .session_token
            .is_some()
        {
            store.update(&self.settings.profile, |profile| {
                profile.session_token = None;
                profile.session_origin = None;
            })?;
            output::note(&format!(
                "session removed from profile `{}`",
                self.settings.profile
            ));
        }
        Ok(())
    }
}

/// What an answer looks like for people when a table or summary would not do.
fn custom(operation: &str, value: &Value) -> Option<String> {
    match operation {
        "get_usage" => usage_chart::render(value),
        _ => None,
    }
}

/// When the call's next attempt starts and why it waits, while a retry waits: set by the
/// client's `on_retry`, read by the spinner for its countdown.
static RETRY: Mutex<Option<(Instant, String)>> = Mutex::new(None);

/// Notes a retry's wait for the spinner (the client's `on_retry`).
fn note_retry(notice: &nexevo::RetryNotice) {
    let why = match (notice.status, notice.server_asked) {
        (Some(status), true) => format!("Nexevo answered {status} and asked to wait"),
        (Some(status), false) => format!("Nexevo answered {status}"),
        (None, _) => "no answer".to_owned(),
    };
    let until = Instant::now() + notice.wait;
    *RETRY.lock().unwrap_or_else(PoisonError::into_inner) = Some((until, why));
}

/// Awaits `work` with a spinner on stderr, on a terminal only: "waiting for Nexevo…", or while
/// a retry waits, why and a countdown to the next attempt.
pub(crate) async fn waiting<T>(
    work: impl Future<Output = nexevo::Result<T>>,
) -> Result<T, CliError> {
    const WAITING: &str = "waiting for Nexevo…";
    let spinner = Spinner::start(WAITING);
    let mut work = std::pin::pin!(work);
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    let outcome = loop {
        tokio::select! {
            outcome = &mut work => break outcome,
            _ = tick.tick(), if spinner.shown() => {
                let retry = RETRY.lock().unwrap_or_else(PoisonError::into_inner).clone();
                let message = match retry {
                    Some((until, why)) if until > Instant::now() => {
                        let left = until.saturating_duration_since(Instant::now());
                        format!("{why}: retrying in {}s…", left.as_secs() + 1)
                    }
                    _ => WAITING.to_owned(),
                };
                spinner.0.set_message(message);
            }
        }
    };
    spinner.stop();
    Ok(outcome?)
}

/// A spinner on stderr, drawn only when stderr is a terminal: scripts and pipes see nothing.
pub(crate) struct Spinner(ProgressBar);

impl Spinner {
    pub(crate) fn start(message: &'static str) -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if !bar.is_hidden() {
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(message);
            bar.enable_steady_tick(Duration::from_millis(120));
        }
        Self(bar)
    }

    /// Whether it is drawn (stderr is a terminal).
    pub(crate) fn shown(&self) -> bool {
        !self.0.is_hidden()
    }

    pub(crate) fn stop(&self) {
        self.0.finish_and_clear();
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}
