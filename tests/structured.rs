//! Structured outputs over HTTP: `parse::<T>()` derives `T`'s strict schema, the sandbox
//! answers a value of it (checked here with an independent JSON Schema validator), and the
//! value comes back typed; every way it cannot is a typed error that keeps the completion.

// The types exist for serde to fill; a test reads only the fields it checks.
#![allow(dead_code)]

use std::collections::HashMap;

use nexevo::chat::schema::{SchemaProblem, StrictSchema};
use nexevo::chat::{ChatExt, ChatRequest, Model, Parsed, StructuredOutputError};
use nexevo::{CallOptions, HasGenerationId};
use nexevo_e2e::{build, sandbox};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// An order: a nested struct, a data-carrying enum with serde's internal tag, an `Option` of a
/// struct, a `Vec`, an integer range, money as a `Decimal`, a timestamp and recursion.
#[derive(Debug, Deserialize, JsonSchema)]
struct Order {
    /// Who placed it.
    customer: String,
    placed_at: nexevo::time::Timestamp,
    total_usd: Decimal,
    /// 1 (lowest) to 5.
    #[schemars(range(min = 1, max = 5))]
    priority: u8,
    ship_to: Address,
    bill_to: Option<Address>,
    lines: Vec<Line>,
    payment: Payment,
    status: Status,
    follow_ups: Vec<Order>,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Address {
    street: String,
    zip: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Line {
    sku: String,
    quantity: u32,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Payment {
    Card { last4: String },
    Invoice { due_days: u16 },
    Cash,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Status {
    Open,
    Shipped,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Flat {
    word: String,
    yes: bool,
    count: i64,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Externally {
    shape: Shape,
    maybe: Option<Shape>,
}

#[derive(Debug, Deserialize, JsonSchema)]
enum Shape {
    Circle { radius: u16 },
    Square(u16),
    Empty,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct OtherTags {
    adjacent: Adjacent,
    untagged: Untagged,
    ranged: Vec<Ranged>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    Count(u32),
    Named { name: String },
    Nothing,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Untagged {
    Number(i64),
    Word(String),
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Ranged {
    #[schemars(range(min = -40, max = 60))]
    celsius: i16,
    #[schemars(range(min = 1))]
    count: u64,
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Renamed {
    #[serde(rename = "Full Name")]
    full_name: String,
    #[serde(default)]
    tags: Vec<String>,
    on: nexevo::time::Date,
}

/// Strings held to regexes of the subset (schemars' `regex` attribute).
#[derive(Debug, Deserialize, JsonSchema)]
struct Patterned {
    #[schemars(regex(pattern = r"^[A-Z]{3}-\d{4}(-v\d)?$"))]
    sku: String,
    #[schemars(regex(pattern = r"^(EUR|USD|JPY)$"))]
    currency: String,
    #[schemars(regex(pattern = r"^#[0-9a-f]{6}$"))]
    colour: Option<String>,
}

/// A regex outside the subset: a repeated group.
#[derive(Debug, Deserialize, JsonSchema)]
struct RepeatedGroup {
    #[schemars(regex(pattern = r"^(ab)+$"))]
    word: String,
}

fn request(prompt: &str) -> ChatRequest {
    ChatRequest::new(Model::FAST).user(prompt)
}

/// `T` parsed from the sandbox's answer to `prompt`, after checking the answer's raw content
/// against `T`'s strict schema with an independent validator.
async fn round_trip<T: JsonSchema + DeserializeOwned + Send + 'static>(prompt: &str) -> Parsed<T> {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let parsed = client
        .chat()
        .completions()
        .parse::<T>(request(prompt))
        .await
        .unwrap_or_else(|error| panic!("{}: {error}", std::any::type_name::<T>()));
    let schema = StrictSchema::of::<T>().unwrap().schema().clone();
    let content: serde_json::Value =
        serde_json::from_str(parsed.completion().content().unwrap()).unwrap();
    let validator = jsonschema::draft202012::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&content)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{content} breaks {schema}: {errors:?}");
    parsed
}

/// Why `parse::<T>` of `request` has no value, against a fresh sandbox.
async fn parse_failure<T: JsonSchema + DeserializeOwned + Send + 'static>(
    request: ChatRequest,
) -> StructuredOutputError {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    match client.chat().completions().parse::<T>(request).await {
        Ok(_) => panic!("{} parsed", std::any::type_name::<T>()),
        Err(error) => error,
    }
}

#[tokio::test]
async fn a_nested_type_comes_back_typed_with_its_completion() {
    let parsed = round_trip::<Order>("Ada Lovelace").await;
    let order = parsed.value();
    assert_eq!(order.customer, "Ada Lovelace");
    assert!((1..=5).contains(&order.priority), "{order:?}");
    assert!(!order.lines.is_empty());
    assert!(order.total_usd >= Decimal::ZERO);
    let completion = parsed.completion();
    assert!(completion.cost_usd() > Decimal::ZERO);
    assert_eq!(parsed.generation_id(), completion.generation_id());
    assert!(completion.generation_id().starts_with("gen_"));
}

#[tokio::test]
async fn each_type_of_the_mapping_table_round_trips() {
    let flat = round_trip::<Flat>("words").await.into_value();
    assert_eq!(flat.word, "words");
    round_trip::<Externally>("shapes").await;
    let other = round_trip::<OtherTags>("tags").await.into_value();
    assert!(
        other
            .ranged
            .iter()
            .all(|r| (-40..=60).contains(&r.celsius) && r.count >= 1)
    );
    let renamed = round_trip::<Renamed>("Grace Hopper").await.into_value();
    assert_eq!(renamed.full_name, "Grace Hopper");
    let patterned = round_trip::<Patterned>("stock").await.into_value();
    assert!(["EUR", "USD", "JPY"].contains(&patterned.currency.as_str()));
    // The validator in `round_trip` checked each pattern with its own regex engine.
    assert_eq!(
        patterned.sku.as_bytes().get(3),
        Some(&b'-'),
        "{patterned:?}"
    );
    // Other prompts take other branches of the enums; each still parses.
    for prompt in ["a", "b", "c", "d", "e"] {
        round_trip::<Order>(prompt).await;
        round_trip::<Externally>(prompt).await;
        round_trip::<OtherTags>(prompt).await;
        round_trip::<Patterned>(prompt).await;
    }
}

#[tokio::test]
async fn a_refusal_is_an_error_that_keeps_the_completion() {
    let error = parse_failure::<Flat>(request("[sandbox:refuse] something")).await;
    let StructuredOutputError::Refused {
        refusal,
        completion,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert!(!refusal.is_empty());
    assert!(
        completion.cost_usd() > Decimal::ZERO,
        "a refusal is charged"
    );
    assert_eq!(
        error.completion().map(|c| c.generation_id()),
        Some(completion.generation_id())
    );
    assert!(error.to_string().contains("refused"), "{error}");
}

#[tokio::test]
async fn a_truncated_or_filtered_answer_is_an_error_that_keeps_the_completion() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completions = client.chat().completions();
    let error = completions
        .parse::<Order>(request("long").max_tokens(4))
        .await
        .unwrap_err();
    let StructuredOutputError::Truncated { completion } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        completion.content().map(str::len),
        Some(16),
        "the cut text is kept"
    );

    let error = completions
        .parse::<Order>(request("[sandbox:content_filter] x"))
        .await
        .unwrap_err();
    assert!(
        matches!(error, StructuredOutputError::ContentFiltered { .. }),
        "{error:?}"
    );
    assert!(error.completion().is_some());
}

/// Its schema says a string; it deserializes only from a number: the sandbox's (conforming)
/// answer cannot be one.
#[derive(Debug, Deserialize, JsonSchema)]
struct Stricter {
    #[schemars(with = "String")]
    amount: u32,
}

#[tokio::test]
async fn content_that_is_not_the_type_names_the_path_and_keeps_the_text() {
    let error = parse_failure::<Stricter>(request("twelve")).await;
    let StructuredOutputError::Mismatch {
        path,
        text,
        completion,
        ..
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(path, "amount");
    assert_eq!(text, r#"{"amount":"twelve"}"#);
    assert_eq!(completion.content(), Some(text.as_str()));
    assert!(error.to_string().contains("at amount"), "{error}");
}

#[derive(Debug, Deserialize, JsonSchema)]
struct WithMap {
    scores: HashMap<String, u32>,
}

#[tokio::test]
async fn a_type_the_subset_cannot_express_is_refused_before_anything_is_sent() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completions = client.chat().completions();
    let error = completions
        .parse::<WithMap>(request("x"))
        .await
        .unwrap_err();
    let StructuredOutputError::Schema(schema) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(schema.path(), "/properties/scores");
    assert!(error.to_string().contains("WithMap"), "{error}");
    let error = completions
        .parse::<Flat>(request("x"))
        .schema_name("two words")
        .await
        .unwrap_err();
    assert!(
        matches!(error, StructuredOutputError::Schema(_)),
        "{error:?}"
    );
    let error = completions
        .parse::<RepeatedGroup>(request("x"))
        .await
        .unwrap_err();
    let StructuredOutputError::Schema(schema) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(schema.path(), "/properties/word");
    assert!(
        matches!(schema.problem(), SchemaProblem::UnsupportedPattern { pattern, .. } if pattern == "^(ab)+$"),
        "{error}"
    );
    assert_eq!(sandbox.counters("create_chat_completion").received, 0);
}

#[tokio::test]
async fn per_call_options_and_a_schema_name_apply_to_parse() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let parsed = client
        .chat()
        .completions()
        .parse::<Flat>(request("named").idempotency_key("parse-once-1"))
        .schema_name("flat_answer")
        .attempt_timeout(std::time::Duration::from_secs(30))
        .await
        .unwrap();
    // The same key again is the same request: answered from the record, not charged twice.
    let again = client
        .chat()
        .completions()
        .parse::<Flat>(request("named").idempotency_key("parse-once-1"))
        .schema_name("flat_answer")
        .await
        .unwrap();
    assert_eq!(again.generation_id(), parsed.generation_id());
    assert_eq!(sandbox.counters("create_chat_completion").applied, 1);
}

#[derive(Debug, Deserialize, JsonSchema)]
struct WeatherArguments {
    city: String,
    unit: TemperatureUnit,
    days: Option<u8>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum TemperatureUnit {
    Celsius,
    Fahrenheit,
}

#[tokio::test]
async fn a_typed_tools_call_parses_into_its_argument_type() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let request = request("get_weather for Lyon")
        .tool::<WeatherArguments>("get_weather", "The weather in a city.");
    assert_eq!(request.body().tools[0].function.strict, Some(true));
    let completion = client.chat().completions().create(request).await.unwrap();
    let call = &completion.tool_calls()[0];
    let arguments: WeatherArguments = call.parse_arguments().unwrap();
    assert_eq!(arguments.city, "get_weather for Lyon");
    // Another type than the tool's: the error names the tool, the path and the text.
    #[derive(Debug, Deserialize)]
    struct Wrong {
        #[allow(dead_code)]
        city: u32,
    }
    let error = call.parse_arguments::<Wrong>().unwrap_err();
    assert_eq!((error.tool(), error.path()), ("get_weather", "city"));
    assert_eq!(error.text(), call.function.arguments);
}

#[tokio::test]
async fn a_tool_type_the_subset_cannot_express_is_refused_before_sending() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let request = request("x").tool::<WithMap>("scores", "Scores.");
    let error = client
        .chat()
        .completions()
        .create(request)
        .await
        .unwrap_err();
    let nexevo::Error::Validation(invalid) = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        invalid.field(),
        "tools[0].function.parameters/properties/scores"
    );
    assert_eq!(sandbox.counters("create_chat_completion").received, 0);
}

#[derive(Debug, Deserialize, JsonSchema)]
struct CityArguments {
    city: String,
}

/// Two tools whose handlers each wait for the other: only run concurrently can they answer.
fn weather_and_time(barrier: std::sync::Arc<tokio::sync::Barrier>) -> nexevo::chat::ToolRunner {
    let (first, second) = (barrier.clone(), barrier);
    nexevo::chat::ToolRunner::new()
        .handler_timeout(std::time::Duration::from_secs(10))
        .tool(
            "get_weather",
            "The weather in a city.",
            move |args: CityArguments| {
                let barrier = first.clone();
                async move {
                    barrier.wait().await;
                    Ok::<_, String>(format!("sunny in {}", args.city.len()))
                }
            },
        )
        .tool(
            "get_time",
            "The time in a city.",
            move |_: CityArguments| {
                let barrier = second.clone();
                async move {
                    barrier.wait().await;
                    Ok::<_, String>("09:30")
                }
            },
        )
}

#[tokio::test]
async fn the_tool_runner_answers_every_call_of_a_turn_concurrently_until_the_model_answers_in_text()
{
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let tools = weather_and_time(std::sync::Arc::new(tokio::sync::Barrier::new(2)));
    let run = client
        .chat()
        .completions()
        .run_tools(request("get_weather and get_time for Lyon"), &tools)
        .await
        .unwrap();
    assert_eq!(run.rounds().len(), 2);
    let text = run.completion().content().unwrap();
    assert!(
        text.contains("sunny in") && text.contains("09:30"),
        "{text}"
    );
    let total: Decimal = run.rounds().iter().map(|r| r.cost_usd()).sum();
    assert_eq!(run.cost_usd(), total);
    let ids = run.generation_ids();
    assert_eq!(ids.len(), 2);
    assert_ne!(ids[0], ids[1]);
    // The conversation: the question, the assistant's two calls, their two results.
    let roles: Vec<String> = run.messages().iter().map(|m| m.role.to_string()).collect();
    assert_eq!(roles, ["user", "assistant", "tool", "tool"]);
}

#[tokio::test]
async fn a_handler_error_an_unknown_tool_and_a_timeout_go_back_to_the_model() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let tools = nexevo::chat::ToolRunner::new()
        .handler_timeout(std::time::Duration::from_millis(100))
        .tool("lookup", "Looks a city up.", |_: CityArguments| async {
            Err::<String, _>("no such city")
        })
        .tool("slow", "Never answers.", |_: CityArguments| async {
            std::future::pending::<Result<String, String>>().await
        });
    // `mystery` is offered to the model but has no handler.
    let request = request("lookup, slow and mystery").function(
        "mystery",
        "Not registered with the runner.",
        serde_json::json!({"type": "object", "properties": {}}),
    );
    let run = client
        .chat()
        .completions()
        .run_tools(request, &tools)
        .await
        .unwrap();
    let text = run.completion().content().unwrap();
    assert!(text.contains("no such city"), "{text}");
    assert!(text.contains("did not answer within"), "{text}");
    assert!(text.contains("no tool is named `mystery`"), "{text}");
}

#[tokio::test]
async fn a_forced_tool_kept_every_round_hits_the_round_limit_with_the_conversation_kept() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let tools = weather_and_time(std::sync::Arc::new(tokio::sync::Barrier::new(1)))
        .max_rounds(3)
        .keep_tool_choice(true);
    let request = request("Lyon").tool_choice(nexevo::chat::ToolChoiceMode::Required);
    let error = client
        .chat()
        .completions()
        .run_tools(request.clone(), &tools)
        .await
        .unwrap_err();
    let nexevo::chat::ToolRunError::RoundLimit { rounds, messages } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(rounds.len(), 3);
    assert_eq!(
        messages
            .iter()
            .filter(|m| m.role.to_string() == "tool")
            .count(),
        3
    );
    assert!(error.to_string().contains("3 rounds"), "{error}");

    // By default the choice goes back to `auto` after the first round, and the loop ends.
    let tools = tools.keep_tool_choice(false);
    let run = client
        .chat()
        .completions()
        .run_tools(request, &tools)
        .await
        .unwrap();
    assert_eq!(run.rounds().len(), 2);
}

#[tokio::test]
async fn each_round_has_its_own_key_so_a_repeated_run_is_charged_once() {
    let (sandbox, builder) = sandbox().await;
    let client = build(builder);
    let tools = weather_and_time(std::sync::Arc::new(tokio::sync::Barrier::new(2)));
    let keyed = || request("get_weather and get_time for Lyon").idempotency_key("run-1");
    let first = client
        .chat()
        .completions()
        .run_tools(keyed(), &tools)
        .await
        .unwrap();
    assert_eq!(
        sandbox.counters("create_chat_completion").applied,
        2,
        "two rounds, two keys"
    );
    let again = client
        .chat()
        .completions()
        .run_tools(keyed(), &tools)
        .await
        .unwrap();
    assert_eq!(again.generation_ids(), first.generation_ids());
    assert_eq!(
        sandbox.counters("create_chat_completion").applied,
        2,
        "replayed, not charged"
    );

    // A key at the length limit is as good a stem as a short one: the rounds' keys stay
    // within the limit, distinct, and the same on a repeated run.
    let longest = |last: char| format!("{}{last}", "k".repeat(254));
    let long = |last| request("get_weather and get_time for Lyon").idempotency_key(longest(last));
    let completions = client.chat().completions();
    let first = completions.run_tools(long('1'), &tools).await.unwrap();
    let again = completions.run_tools(long('1'), &tools).await.unwrap();
    assert_eq!(again.generation_ids(), first.generation_ids());
    assert_eq!(sandbox.counters("create_chat_completion").applied, 4);
    let other = completions.run_tools(long('2'), &tools).await.unwrap();
    assert_ne!(other.generation_ids(), first.generation_ids());
    assert_eq!(sandbox.counters("create_chat_completion").applied, 6);
}

#[tokio::test]
async fn a_streamed_typed_answer_is_readable_as_it_comes_and_parses_at_its_end() {
    use futures_util::StreamExt;
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completions = client.chat().completions();
    let whole = completions
        .parse::<Order>(request("Ada Lovelace"))
        .await
        .unwrap();
    let mut stream = completions
        .parse_stream::<Order>(request("Ada Lovelace"))
        .await
        .unwrap();
    let mut seen = Vec::new();
    while let Some(chunk) = stream.next().await {
        chunk.unwrap();
        seen.push(stream.message().content.len());
    }
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "the text only grows");
    assert!(seen.iter().filter(|&&len| len > 0).count() > 2, "{seen:?}");
    let streamed = stream.finish().await.unwrap();
    assert_eq!(
        streamed.completion().content(),
        whole.completion().content()
    );
    assert_eq!(streamed.value().customer, "Ada Lovelace");
    assert!(streamed.completion().cost_usd() > Decimal::ZERO);
    assert_eq!(
        streamed.completion().generation_id_header(),
        Some(streamed.generation_id())
    );
}

#[tokio::test]
async fn a_streamed_refusal_or_cut_is_the_same_error_as_unstreamed() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let completions = client.chat().completions();
    let stream = completions
        .parse_stream::<Flat>(request("[sandbox:refuse] x"))
        .await
        .unwrap();
    let error = stream.finish().await.unwrap_err();
    let StructuredOutputError::Refused { refusal, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(refusal, "I'm sorry, I can't help with that request.");
    let stream = completions
        .parse_stream::<Order>(request("long").max_tokens(4))
        .await
        .unwrap();
    let error = stream.finish().await.unwrap_err();
    assert!(
        matches!(error, StructuredOutputError::Truncated { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn streamed_tool_calls_assemble_into_calls_whose_arguments_parse() {
    let (_sandbox, builder) = sandbox().await;
    let client = build(builder);
    let request = request("get_weather and get_time for Lyon")
        .tool::<CityArguments>("get_weather", "Weather.")
        .tool::<CityArguments>("get_time", "Time.");
    let message = client
        .chat()
        .completions()
        .create_stream(request)
        .await
        .unwrap()
        .collect_message()
        .await
        .unwrap();
    let names: Vec<&str> = message
        .tool_calls
        .iter()
        .map(|c| c.function.name.as_str())
        .collect();
    assert_eq!(names, ["get_weather", "get_time"]);
    for call in &message.tool_calls {
        let arguments: CityArguments = call.parse_arguments().unwrap();
        assert_eq!(arguments.city, "get_weather and get_time for Lyon");
    }
}

/// The subset's limits are stated once for users, in the spec's `JsonSchemaFormat`: the SDK's
/// constants must be the numbers it states.
#[test]
fn the_sdks_schema_limits_are_the_ones_the_spec_states() {
    use nexevo::chat::schema::limits;
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../openapi/nexevo.yaml"
    ))
    .unwrap();
    let start = spec.find("    JsonSchemaFormat:").unwrap();
    // The description is folded YAML: a line break in the file is a space in the text.
    let format = spec[start..start + spec[start..].find("    ChatCompletion:").unwrap()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let stated = |n: usize| {
        let digits = n.to_string();
        let grouped = if n >= 1000 {
            format!("{},{:03}", n / 1000, n % 1000)
        } else {
            digits.clone()
        };
        format.contains(&format!("{grouped} ")) || format.contains(&format!("{digits} "))
    };
    for (name, n) in [
        ("depth", limits::MAX_DEPTH),
        ("properties", limits::MAX_PROPERTIES),
        ("enum values", limits::MAX_ENUM_VALUES),
        ("bytes", limits::MAX_SCHEMA_BYTES),
        (
            "characters of a pattern's shortest match",
            limits::MAX_PATTERN_MATCH_CHARS,
        ),
    ] {
        assert!(
            stated(n),
            "the spec's JsonSchemaFormat does not state {n} ({name})"
        );
    }
}
