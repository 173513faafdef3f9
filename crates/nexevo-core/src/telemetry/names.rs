//! Every attribute and metric name the SDK records, in one place. The OpenTelemetry names are
//! those of one pinned version of the semantic conventions ([`SEMCONV_VERSION`]): constants
//! here rather than the conventions crate, because without the `otel` feature no OpenTelemetry
//! crate may be compiled, and the names must be right all the same. A test checks each against
//! the pinned `opentelemetry-semantic-conventions` crate and fails on any name it deprecates.
//! The `nexevo.*` names are the SDK's own.

/// The version of the OpenTelemetry semantic conventions the SDK's names follow.
pub const SEMCONV_VERSION: &str = "1.42.0";

/// That version's schema URL, as a meter or tracer scope names it.
pub const SCHEMA_URL: &str = "https://opentelemetry.io/schemas/1.42.0";

// HTTP and the server, on every call.
pub(crate) const HTTP_REQUEST_METHOD: &str = "http.request.method";
pub(crate) const HTTP_RESPONSE_STATUS_CODE: &str = "http.response.status_code";
pub(crate) const HTTP_REQUEST_RESEND_COUNT: &str = "http.request.resend_count";
pub(crate) const URL_FULL: &str = "url.full";
pub(crate) const URL_TEMPLATE: &str = "url.template";
pub(crate) const SERVER_ADDRESS: &str = "server.address";
pub(crate) const SERVER_PORT: &str = "server.port";
pub(crate) const ERROR_TYPE: &str = "error.type";

// Generative AI (experimental in the conventions; kept in their GenAI registry).
pub(crate) const GEN_AI_OPERATION_NAME: &str = "gen_ai.operation.name";
pub(crate) const GEN_AI_PROVIDER_NAME: &str = "gen_ai.provider.name";
pub(crate) const GEN_AI_REQUEST_MODEL: &str = "gen_ai.request.model";
pub(crate) const GEN_AI_REQUEST_TEMPERATURE: &str = "gen_ai.request.temperature";
pub(crate) const GEN_AI_REQUEST_TOP_P: &str = "gen_ai.request.top_p";
pub(crate) const GEN_AI_REQUEST_MAX_TOKENS: &str = "gen_ai.request.max_tokens";
pub(crate) const GEN_AI_REQUEST_FREQUENCY_PENALTY: &str = "gen_ai.request.frequency_penalty";
pub(crate) const GEN_AI_REQUEST_PRESENCE_PENALTY: &str = "gen_ai.request.presence_penalty";
pub(crate) const GEN_AI_REQUEST_STOP_SEQUENCES: &str = "gen_ai.request.stop_sequences";
pub(crate) const GEN_AI_REQUEST_STREAM: &str = "gen_ai.request.stream";
pub(crate) const GEN_AI_OUTPUT_TYPE: &str = "gen_ai.output.type";
pub(crate) const GEN_AI_RESPONSE_ID: &str = "gen_ai.response.id";
pub(crate) const GEN_AI_RESPONSE_MODEL: &str = "gen_ai.response.model";
pub(crate) const GEN_AI_RESPONSE_FINISH_REASONS: &str = "gen_ai.response.finish_reasons";
pub(crate) const GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK: &str = "gen_ai.response.time_to_first_chunk";
pub(crate) const GEN_AI_USAGE_INPUT_TOKENS: &str = "gen_ai.usage.input_tokens";
pub(crate) const GEN_AI_USAGE_OUTPUT_TOKENS: &str = "gen_ai.usage.output_tokens";
// Opt-in: content, recorded only when the client says so.
pub(crate) const GEN_AI_INPUT_MESSAGES: &str = "gen_ai.input.messages";
pub(crate) const GEN_AI_OUTPUT_MESSAGES: &str = "gen_ai.output.messages";
pub(crate) const GEN_AI_TOOL_DEFINITIONS: &str = "gen_ai.tool.definitions";
#[cfg_attr(not(feature = "otel"), allow(dead_code))] // the metrics' (`otel`)
pub(crate) const GEN_AI_TOKEN_TYPE: &str = "gen_ai.token.type";

// Metrics.
#[cfg_attr(not(feature = "otel"), allow(dead_code))] // the metrics' (`otel`)
pub(crate) const GEN_AI_CLIENT_TOKEN_USAGE: &str = "gen_ai.client.token.usage";
#[cfg_attr(not(feature = "otel"), allow(dead_code))] // the metrics' (`otel`)
pub(crate) const GEN_AI_CLIENT_OPERATION_DURATION: &str = "gen_ai.client.operation.duration";
#[cfg_attr(not(feature = "otel"), allow(dead_code))] // the metrics' (`otel`)
pub(crate) const GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK: &str =
    "gen_ai.client.operation.time_to_first_chunk";

/// `gen_ai.provider.name`: Nexevo is the provider; the backend that served a generation is
/// [`NEXEVO_ROUTED_MODEL`].
pub(crate) const PROVIDER: &str = "nexevo";

// The SDK's own, namespaced.
pub(crate) const NEXEVO_OPERATION: &str = "nexevo.operation";
pub(crate) const NEXEVO_REQUEST_ID: &str = "nexevo.request_id";
pub(crate) const NEXEVO_GENERATION_ID: &str = "nexevo.generation_id";
pub(crate) const NEXEVO_TIER: &str = "nexevo.tier";
pub(crate) const NEXEVO_ROUTED_MODEL: &str = "nexevo.routed_model";
pub(crate) const NEXEVO_REGION: &str = "nexevo.region";
pub(crate) const NEXEVO_COST_USD: &str = "nexevo.cost_usd";
pub(crate) const NEXEVO_ROUTING_REASON: &str = "nexevo.routing_reason";
pub(crate) const NEXEVO_STREAM_END: &str = "nexevo.stream.end";
#[cfg_attr(not(feature = "otel"), allow(dead_code))] // the metrics' (`otel`)
pub(crate) const NEXEVO_CLIENT_COST: &str = "nexevo.client.cost";

// `tracing-opentelemetry`'s special fields: the span's name, kind and status.
pub(crate) const OTEL_NAME: &str = "otel.name";
pub(crate) const OTEL_KIND: &str = "otel.kind";
pub(crate) const OTEL_STATUS_CODE: &str = "otel.status_code";

#[cfg(test)]
mod tests {
    //! The pinned names against the pinned conventions crate. Every GenAI name of 1.42.0 is
    //! marked deprecated there with one note, "Moved to the OpenTelemetry GenAI semantic
    //! conventions repository": the name lives on, in another registry. Any other deprecation
    //! (`gen_ai.system`, "Replaced by `gen_ai.provider.name`") means the name is on its way
    //! out, and fails the test. A deprecation is not visible to code, so the test reads the
    //! crate's source, found through `cargo metadata`.
    #![allow(deprecated)] // the moved GenAI names are deprecated; the test below tells which way

    use opentelemetry_semantic_conventions as semconv;

    use super::*;

    /// Each pinned name and the conventions crate's constant of the same meaning.
    fn pinned() -> Vec<(&'static str, &'static str)> {
        use semconv::attribute as a;
        let mut names = vec![
            (HTTP_REQUEST_METHOD, a::HTTP_REQUEST_METHOD),
            (HTTP_RESPONSE_STATUS_CODE, a::HTTP_RESPONSE_STATUS_CODE),
            (HTTP_REQUEST_RESEND_COUNT, a::HTTP_REQUEST_RESEND_COUNT),
            (URL_FULL, a::URL_FULL),
            (URL_TEMPLATE, a::URL_TEMPLATE),
            (SERVER_ADDRESS, a::SERVER_ADDRESS),
            (SERVER_PORT, a::SERVER_PORT),
            (ERROR_TYPE, a::ERROR_TYPE),
            (GEN_AI_OPERATION_NAME, a::GEN_AI_OPERATION_NAME),
            (GEN_AI_PROVIDER_NAME, a::GEN_AI_PROVIDER_NAME),
            (GEN_AI_REQUEST_MODEL, a::GEN_AI_REQUEST_MODEL),
            (GEN_AI_REQUEST_TEMPERATURE, a::GEN_AI_REQUEST_TEMPERATURE),
            (GEN_AI_REQUEST_TOP_P, a::GEN_AI_REQUEST_TOP_P),
            (GEN_AI_REQUEST_MAX_TOKENS, a::GEN_AI_REQUEST_MAX_TOKENS),
            (
                GEN_AI_REQUEST_FREQUENCY_PENALTY,
                a::GEN_AI_REQUEST_FREQUENCY_PENALTY,
            ),
            (
                GEN_AI_REQUEST_PRESENCE_PENALTY,
                a::GEN_AI_REQUEST_PRESENCE_PENALTY,
            ),
            (
                GEN_AI_REQUEST_STOP_SEQUENCES,
                a::GEN_AI_REQUEST_STOP_SEQUENCES,
            ),
            (GEN_AI_REQUEST_STREAM, a::GEN_AI_REQUEST_STREAM),
            (GEN_AI_OUTPUT_TYPE, a::GEN_AI_OUTPUT_TYPE),
            (GEN_AI_RESPONSE_ID, a::GEN_AI_RESPONSE_ID),
            (GEN_AI_RESPONSE_MODEL, a::GEN_AI_RESPONSE_MODEL),
            (
                GEN_AI_RESPONSE_FINISH_REASONS,
                a::GEN_AI_RESPONSE_FINISH_REASONS,
            ),
            (
                GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
                a::GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK,
            ),
            (GEN_AI_USAGE_INPUT_TOKENS, a::GEN_AI_USAGE_INPUT_TOKENS),
            (GEN_AI_USAGE_OUTPUT_TOKENS, a::GEN_AI_USAGE_OUTPUT_TOKENS),
            (GEN_AI_INPUT_MESSAGES, a::GEN_AI_INPUT_MESSAGES),
            (GEN_AI_OUTPUT_MESSAGES, a::GEN_AI_OUTPUT_MESSAGES),
            (GEN_AI_TOOL_DEFINITIONS, a::GEN_AI_TOOL_DEFINITIONS),
        ];
        {
            use semconv::metric as m;
            names.extend([
                (GEN_AI_TOKEN_TYPE, a::GEN_AI_TOKEN_TYPE),
                (GEN_AI_CLIENT_TOKEN_USAGE, m::GEN_AI_CLIENT_TOKEN_USAGE),
                (
                    GEN_AI_CLIENT_OPERATION_DURATION,
                    m::GEN_AI_CLIENT_OPERATION_DURATION,
                ),
                (
                    GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
                    m::GEN_AI_CLIENT_OPERATION_TIME_TO_FIRST_CHUNK,
                ),
            ]);
        }
        names
    }

    #[test]
    fn every_pinned_name_is_the_conventions_own() {
        for (ours, theirs) in pinned() {
            assert_eq!(ours, theirs);
        }
        assert_eq!(SCHEMA_URL, semconv::SCHEMA_URL);
        assert!(SCHEMA_URL.ends_with(SEMCONV_VERSION));
    }

    #[test]
    fn no_pinned_name_is_deprecated_by_the_pinned_conventions() {
        let deprecated = deprecated_names(&conventions_source());
        assert!(
            deprecated.iter().any(|(name, _)| name == "gen_ai.system"),
            "the source was read: gen_ai.system is deprecated in 1.42.0"
        );
        let failing = refused(&pinned(), &deprecated);
        assert!(
            failing.is_empty(),
            "names the pinned conventions deprecate: {failing:?}"
        );
    }

    #[test]
    fn a_replaced_name_fails_and_a_moved_one_does_not() {
        let deprecated = deprecated_names(&conventions_source());
        let system = ("gen_ai.system", "gen_ai.system");
        assert_eq!(refused(&[system], &deprecated).len(), 1);
        let moved = (GEN_AI_REQUEST_MODEL, GEN_AI_REQUEST_MODEL);
        assert!(refused(&[moved], &deprecated).is_empty());
    }

    /// The names deprecated for any reason but having moved to the GenAI registry, with why.
    fn refused(
        names: &[(&'static str, &'static str)],
        deprecated: &[(String, String)],
    ) -> Vec<String> {
        const MOVED: &str = "{note: Moved to the [OpenTelemetry GenAI semantic conventions repository](https://github.com/open-telemetry/semantic-conventions-genai).";
        names
            .iter()
            .filter_map(|(name, _)| {
                let (_, note) = deprecated.iter().find(|(value, _)| value == name)?;
                (!note.starts_with(MOVED)).then(|| format!("{name}: {note}"))
            })
            .collect()
    }

    /// Every deprecated constant's value in the crate's attribute and metric modules, with its
    /// note.
    fn deprecated_names(source: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        // The attribute being read, and then the note of the constant it precedes.
        let mut attribute: Option<String> = None;
        let mut note: Option<String> = None;
        for line in source.lines().map(str::trim) {
            if line.starts_with("#[deprecated") {
                attribute = Some(String::new());
            }
            if let Some(text) = &mut attribute {
                text.push_str(line);
                if line.ends_with(")]") {
                    note = text
                        .split_once("note = \"")
                        .and_then(|(_, rest)| rest.rsplit_once('"'))
                        .map(|(note, _)| note.to_owned());
                    attribute = None;
                }
                continue;
            }
            let value = if line.starts_with("pub const ") {
                match line.split('"').nth(1) {
                    Some(value) => value,
                    // `pub const NAME: &str =`, the value on the next line.
                    None => continue,
                }
            } else if line.starts_with('"') && line.ends_with("\";") {
                line.split('"').nth(1).unwrap_or_default()
            } else if line.starts_with("///") || line.is_empty() || line.starts_with("#[cfg") {
                // A doc line or a feature gate: the next constant has not begun.
                continue;
            } else {
                note = None;
                continue;
            };
            if let Some(text) = note.take() {
                found.push((value.to_owned(), text));
            }
        }
        found
    }

    /// The text of the pinned conventions crate's attribute and metric modules, where Cargo
    /// unpacked it (`$CARGO_HOME/registry/src/<index>/<crate>-<version>`). Its version is the
    /// one the workspace pins (`=0.33.1`); a test cannot ask Cargo for the path without
    /// resolving (and downloading) every platform's dependencies.
    fn conventions_source() -> String {
        const PINNED: &str = "opentelemetry-semantic-conventions-0.33.1";
        let home = std::env::var_os("CARGO_HOME")
            .map(std::path::PathBuf::from)
            .or_else(|| {
                std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo"))
            })
            .unwrap_or_else(|| panic!("CARGO_HOME or HOME is set"));
        let registries = std::fs::read_dir(home.join("registry/src"))
            .unwrap_or_else(|e| panic!("Cargo's unpacked sources: {e}"));
        let root = registries
            .filter_map(|entry| entry.ok())
            .map(|entry| entry.path().join(PINNED))
            .find(|path| path.is_dir())
            .unwrap_or_else(|| panic!("{PINNED} is unpacked under {}", home.display()));
        ["src/attribute.rs", "src/metric.rs"]
            .iter()
            .map(|file| {
                std::fs::read_to_string(root.join(file))
                    .unwrap_or_else(|e| panic!("{file} of the conventions crate: {e}"))
            })
            .collect()
    }
}
