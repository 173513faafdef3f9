//! `nexevo chat`: a prompt answered in the terminal, streamed token by token; with
//! `--interactive`, a conversation until EOF, optionally kept with the conversations API.

use std::io::{IsTerminal as _, Read as _, Write as _};

use clap::{Arg, ArgAction, ArgMatches};
use futures_util::{StreamExt as _, TryStreamExt as _};
use nexevo::Paginated as _;
use nexevo::chat::schema::StrictSchema;
use nexevo::chat::{ChatExt as _, ChatRequest, MessageAccumulator, Model};
use nexevo::conversations::ConversationsExt as _;
use nexevo_api::types::{ConversationId, MessageRole};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::context::{Context, Spinner, waiting};
use crate::error::CliError;
use crate::output::{self, Shown};
use crate::status_line::{LiveCount, StatusLine};
use crate::time_limits::CallKind;

/// The operation `nexevo chat` makes (a hand-written call in the SDK, and here).
pub(crate) const OPERATION: &str = "create_chat_completion";

/// The arguments `nexevo chat` adds to the generated `chat` command (whose subcommands are the
/// area's other calls, `nexevo chat models`).
pub(crate) fn args() -> Vec<Arg> {
    vec![
        Arg::new("prompt")
            .value_name("PROMPT")
            .help("What to ask; read from stdin when not given"),
        Arg::new("model")
            .long("model")
            .short('m')
            .value_name("MODEL")
            .default_value(Model::BALANCED.as_str())
            .help("A tier (nexevo/fast, nexevo/balanced) or a model by name, passed through"),
        Arg::new("system")
            .long("system")
            .value_name("TEXT")
            .help("A system message before the conversation"),
        Arg::new("no_stream")
            .long("no-stream")
            .action(ArgAction::SetTrue)
            .help("Wait for the whole answer instead of streaming it"),
        Arg::new("interactive")
            .long("interactive")
            .short('i')
            .action(ArgAction::SetTrue)
            .conflicts_with("prompt")
            .help("Keep a conversation: a prompt a line, until EOF (Ctrl-D)"),
        Arg::new("save")
            .long("save")
            .action(ArgAction::SetTrue)
            .conflicts_with("conversation")
            .help("Keep the conversation with the conversations API, in a new conversation"),
        Arg::new("conversation")
            .long("conversation")
            .value_name("CONVERSATION_ID")
            .help("Continue this stored conversation: its messages come first, new ones are added"),
        Arg::new("schema").long("schema").value_name("FILE").help(
            "Answer as JSON matching this JSON Schema file (made strict: closed objects, \
                 every property required; a schema the strict subset cannot say is refused)",
        ),
    ]
}

/// The `--schema` file as a strict structured output, named after the file.
fn schema_from(path: &str) -> Result<StrictSchema, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|error| CliError::Usage(format!("--schema {path}: {error}")))?;
    let schema: serde_json::Value = serde_json::from_str(&text)
        .map_err(|error| CliError::Usage(format!("--schema {path}: not JSON: {error}")))?;
    let stem = std::path::Path::new(path)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    let name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(64)
        .collect();
    let name = if name.is_empty() {
        "output".to_owned()
    } else {
        name
    };
    StrictSchema::from_value(name, schema)
        .map_err(|error| CliError::Usage(format!("--schema {path}: {error}")))
}

/// One message of the conversation so far.
struct Turn {
    role: MessageRole,
    content: String,
}

/// Runs `nexevo chat`.
pub(crate) async fn run(cx: &Context, m: &ArgMatches) -> Result<(), CliError> {
    let stream = !m.get_flag("no_stream");
    let kind = if stream {
        CallKind::ChatStream
    } else {
        CallKind::Chat
    };
    let client = cx.client_for(OPERATION, kind)?;
    let model = m
        .get_one::<String>("model")
        .map_or(Model::BALANCED, |name| Model::named(name.as_str()));
    let schema = m
        .get_one::<String>("schema")
        .map(|path| schema_from(path))
        .transpose()?;
    let mut history = Vec::new();
    if let Some(system) = m.get_one::<String>("system") {
        history.push(Turn {
            role: MessageRole::System,
            content: system.clone(),
        });
    }
    let conversation = match m.get_one::<String>("conversation") {
        Some(id) => {
            let id = ConversationId::from(id.as_str());
            history.extend(stored_messages(&client, &id).await?);
            Some(id)
        }
        None if m.get_flag("save") => {
            let created = waiting(client.conversations().create().into_future()).await?;
            output::note(&format!("conversation {}", created.conversation_id.0));
            Some(created.conversation_id)
        }
        None => None,
    };
    let chat = Chat {
        client: &client,
        model,
        stream,
        json: cx.json(),
        conversation,
        schema,
    };
    if m.get_flag("interactive") {
        return chat.interactive(history).await;
    }
    let prompt = match m.get_one::<String>("prompt") {
        Some(prompt) => prompt.clone(),
        None => read_prompt()?,
    };
    chat.turn(&mut history, prompt).await
}

/// The prompt from stdin, when none was given as an argument.
fn read_prompt() -> Result<String, CliError> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Err(CliError::Usage(
            "give a prompt (`nexevo chat \"…\"`), pipe one in, or use --interactive".to_owned(),
        ));
    }
    let mut prompt = String::new();
    stdin
        .lock()
        .read_to_string(&mut prompt)
        .map_err(|error| CliError::Local(format!("reading the prompt from stdin: {error}")))?;
    let prompt = prompt.trim().to_owned();
    if prompt.is_empty() {
        return Err(CliError::Usage("the prompt on stdin is empty".to_owned()));
    }
    Ok(prompt)
}

/// A stored conversation's messages, oldest first.
async fn stored_messages(
    client: &nexevo::Client,
    conversation: &ConversationId,
) -> Result<Vec<Turn>, CliError> {
    let messages = waiting(
        client
            .conversations()
            .list_messages(conversation.clone())
            .into_stream()
            .try_collect::<Vec<_>>(),
    )
    .await?;
    Ok(messages
        .into_iter()
        .map(|message| Turn {
            role: message.role,
            content: message.content,
        })
        .collect())
}

struct Chat<'a> {
    client: &'a nexevo::Client,
    model: Model,
    stream: bool,
    json: bool,
    conversation: Option<ConversationId>,
    /// `--schema`: the answer is JSON of this schema.
    schema: Option<StrictSchema>,
}

impl Chat<'_> {
    /// A prompt a line until EOF, each answered with the whole conversation before it.
    async fn interactive(&self, mut history: Vec<Turn>) -> Result<(), CliError> {
        use tokio::io::AsyncBufReadExt as _;
        let terminal = std::io::stdin().is_terminal();
        // Read asynchronously, so Ctrl-C at the prompt ends the command at once.
        let mut lines = tokio::io::BufReader::new(tokio::io::stdin()).lines();
        loop {
            if terminal {
                let mut stderr = std::io::stderr().lock();
                let _ = write!(stderr, "> ");
                let _ = stderr.flush();
            }
            let line = lines
                .next_line()
                .await
                .map_err(|error| CliError::Local(format!("reading a prompt: {error}")))?;
            let Some(line) = line else {
                return Ok(());
            };
            let prompt = line.trim();
            if prompt.is_empty() {
                continue;
            }
            self.turn(&mut history, prompt.to_owned()).await?;
        }
    }

    /// Asks `prompt` after `history`, shows the answer, and adds both to the history (and to
    /// the stored conversation, if there is one).
    async fn turn(&self, history: &mut Vec<Turn>, prompt: String) -> Result<(), CliError> {
        let mut request = ChatRequest::new(self.model.clone());
        for turn in history.iter() {
            request = match turn.role {
                MessageRole::System => request.system(turn.content.as_str()),
                MessageRole::Assistant => request.assistant(turn.content.as_str()),
                _ => request.user(turn.content.as_str()),
            };
        }
        request = request.user(prompt.as_str());
        if let Some(schema) = &self.schema {
            request = request.json_schema(schema.name(), schema.schema().clone(), true);
        }
        let answer = if self.stream {
            self.streamed(request).await?
        } else {
            self.whole(request).await?
        };
        if let Some(conversation) = &self.conversation {
            for (role, content) in [
                (MessageRole::User, &prompt),
                (MessageRole::Assistant, &answer),
            ] {
                waiting(
                    self.client
                        .conversations()
                        .append_message(conversation.clone(), role, content.as_str())
                        .into_future(),
                )
                .await?;
            }
        }
        history.push(Turn {
            role: MessageRole::User,
            content: prompt,
        });
        history.push(Turn {
            role: MessageRole::Assistant,
            content: answer,
        });
        Ok(())
    }

    /// Streams the answer to stdout as it arrives (each chunk as a JSON line under `--json`).
    async fn streamed(&self, request: ChatRequest) -> Result<String, CliError> {
        let spinner = Spinner::start("waiting for the first token…");
        let mut stream = self
            .client
            .chat()
            .completions()
            .create_stream(request)
            .await?;
        let mut message = MessageAccumulator::new();
        // On a terminal, how much has arrived and (at the end) what it cost, beside the answer.
        let mut status = StatusLine::start();
        let mut count = LiveCount::default();
        while let Some(chunk) = stream.next().await {
            spinner.stop();
            let chunk = chunk?;
            let text: String = chunk
                .choices
                .iter()
                .filter(|choice| choice.index == 0)
                .filter_map(|choice| choice.delta.content.as_deref())
                .collect();
            let written = if self.json {
                Some((line_of(&chunk)?, Shown::Json))
            } else if !text.is_empty() {
                Some((text, Shown::Text))
            } else {
                None
            };
            if let Some((text, shown)) = written {
                status.clear();
                output::write_stdout(&text, shown)?;
                status.wrote(&text, shown);
            }
            count.add(&chunk);
            if !count.is_empty() {
                status.show(&count.to_string());
            }
            message.push(chunk)?;
        }
        spinner.stop();
        status.clear();
        if !self.json {
            output::write_stdout("\n", Shown::Text)?;
        }
        let message = message.finish();
        // Every chunk says its tier: a stream without chunks has nothing to report.
        if let Some(tier) = &message.tier {
            report(&message.generation_id, &wire(tier), message.cost_usd);
        }
        refused(message.refusal.as_deref())?;
        Ok(message.content)
    }

    /// Waits for the whole answer, then shows it.
    async fn whole(&self, request: ChatRequest) -> Result<String, CliError> {
        let completion = waiting(
            self.client
                .chat()
                .completions()
                .create(request)
                .into_future(),
        )
        .await?;
        let content = completion.content().unwrap_or_default().to_owned();
        let refusal = completion
            .choices
            .first()
            .and_then(|choice| choice.message.refusal.clone());
        let generation = completion.generation_id().to_owned();
        let tier = wire(completion.tier());
        let cost = completion.cost_usd();
        if self.json {
            output::write_stdout(&line_of(&completion.into_inner())?, Shown::Json)?;
        } else {
            output::write_stdout(&format!("{content}\n"), Shown::Text)?;
        }
        report(&generation, &tier, Some(cost));
        refused(refusal.as_deref())?;
        Ok(content)
    }
}

/// A refusal in place of an answer fails the command, saying the model's words (it was still
/// charged: the report above says so).
fn refused(refusal: Option<&str>) -> Result<(), CliError> {
    match refusal {
        Some(words) => Err(CliError::Local(format!("the model refused: {words}"))),
        None => Ok(()),
    }
}

/// A value as one line of JSON.
fn line_of(value: &impl Serialize) -> Result<String, CliError> {
    serde_json::to_string(value)
        .map(|line| line + "\n")
        .map_err(|error| CliError::Local(format!("showing the answer: {error}")))
}

/// An enum's wire name (`balanced`).
fn wire(value: &impl Serialize) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(_) => "unknown".to_owned(),
    }
}

/// The generation's id, tier and cost, on stderr: stdout holds only the answer.
fn report(generation: &str, tier: &str, cost: Option<Decimal>) {
    let cost = cost.map_or_else(|| "unknown".to_owned(), output::money_for_people);
    output::note(&format!(
        "generation {generation} · tier {tier} · cost {cost}"
    ));
}
