//! The CLI's commands: `crates/nexevo-cli/src/generated.rs`, one `nexevo <area> <call>` per
//! generated call, made from the same plans as the area crates' calls, so a command takes
//! exactly what its call takes:
//!
//! - **Positional arguments** are the call's positional arguments, in order (`KEY_ID`, `NAME`).
//! - **Flags** are its setters, in kebab-case (`--monthly-spend-cap`); a list takes the flag
//!   once per item; `--all` and `--cursor` come with every list.
//! - **Secrets** (passwords, reset tokens) are never arguments: each is read from
//!   `NEXEVO_<NAME>`, from stdin with `--password-stdin`, or from a prompt without echo. An
//!   optional one (a setter's, such as an invitation token) is read from its variable only,
//!   when it is set, and the command's help names the variable.
//! - **Help** is the spec's summary, description and each input's description.
//! - **Answers** are shown by the CLI's `output` module; the secrets in each answer are listed
//!   with what to do with them (the schema's `x-nexevo-answer-secret`), and its fields in the
//!   order the spec writes them (`answer_fields.rs`), the order of a table's columns.
//!
//! It also writes `crates/nexevo-cli/tests/every_command/examples.rs`: every command with the
//! spec's example values, which the CLI's tests run against the sandbox.

use std::collections::BTreeSet;

use anyhow::{Context as _, Result, anyhow, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use crate::codegen::fields;
use crate::codegen::model::{Area, CallInputs};
use crate::codegen::plan::{Answer, Conv, IdempotencyKey, Input, Plan, PlannedArea};
use crate::codegen::syntax::render_tokens;
use crate::spec::plain_text;
use values::{known_values, possible_values, value_names};
use words::kebab;

mod values;
mod words;

/// The CLI's generated files' contents (not yet formatted).
#[derive(Debug)]
pub(crate) struct Cli {
    /// `generated.rs`: the commands and what runs them.
    pub(crate) commands: TokenStream,
    /// `answer_fields.rs`: each answer's fields in the spec's order.
    pub(crate) fields: TokenStream,
    /// The example invocations, for the tests.
    pub(crate) examples: TokenStream,
}

/// A command's example: its arguments, and each secret's variable with its value.
type ExampleArgs = (Vec<String>, Vec<(String, String)>);

/// What one input of a call becomes on the command line.
enum Shape {
    /// A value (positional or a flag), parsed as the given type.
    Value(syn::Type),
    /// A flag given once per item.
    List(syn::Type),
    /// A JSON object, written as JSON.
    JsonObject,
    /// A flag without a value, for a `bool` setter.
    Switch,
    /// A secret: read from the environment, stdin or a prompt (an optional one from the
    /// environment only), never an argument.
    Secret,
}

fn shape_of(input: &Input) -> Shape {
    let ty = &input.ty;
    let rendered = render_tokens(ty);
    if rendered.ends_with("Secret") {
        return Shape::Secret;
    }
    match &input.conv {
        Conv::JsonObject(_) => Shape::JsonObject,
        Conv::IterInto(item) => Shape::List(item.clone()),
        Conv::DecimalNumber => Shape::Value(syn::parse_quote!(::nexevo_api::Decimal)),
        Conv::Value if rendered == "bool" && input.optional => Shape::Switch,
        Conv::Into | Conv::Value => Shape::Value(ty.clone()),
    }
}

/// Whether a value is money (a `Decimal`): the CLI reads it by one grammar, plain digits with
/// an optional fraction, where `Decimal`'s own parser would also take `1e2`, `1_000` or `+5`.
fn is_money(ty: &syn::Type) -> bool {
    render_tokens(ty).ends_with("Decimal")
}

/// What a value is called in help (`<USD>`, `<N>`, `<JSON>`): its kind where the name would
/// say less, else its name (`<KEY_ID>`).
fn value_name(id: &str, shape: &Shape) -> String {
    match shape {
        Shape::Value(ty) | Shape::List(ty) if is_money(ty) => "USD".to_owned(),
        Shape::Value(ty) | Shape::List(ty)
            if matches!(
                render_tokens(ty).as_str(),
                "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64"
            ) =>
        {
            "N".to_owned()
        }
        Shape::JsonObject => "JSON".to_owned(),
        _ => id.to_ascii_uppercase(),
    }
}

/// `x-nexevo-ask-when`: the error code and the input asked for when the answer is that error,
/// which must be an optional value the command takes as a flag.
fn ask_when(operation: &Value, inputs: &[CommandInput]) -> Result<Option<(String, String)>> {
    let Some(entries) = operation
        .get("x-nexevo-ask-when")
        .and_then(Value::as_object)
    else {
        return Ok(None);
    };
    let Some((code, field)) = entries.iter().next() else {
        return Ok(None);
    };
    let field = field.as_str().unwrap_or_default();
    let input = inputs
        .iter()
        .find(|input| input.input.name == field)
        .filter(|input| !input.positional && matches!(input.shape, Shape::Value(_)));
    if input.is_none() {
        bail!("x-nexevo-ask-when names `{field}`, which is not an optional value of the call");
    }
    Ok(Some((code.clone(), field.to_owned())))
}

/// The CLI's files for every area's plans (an operation with a hand-written call has none: the
/// CLI writes its command by hand too, `nexevo chat`).
pub(crate) fn generate(inputs: &CallInputs<'_>, areas: &[PlannedArea]) -> Result<Cli> {
    let mut area_commands = Vec::new();
    let mut area_fns = Vec::new();
    let mut arms = Vec::new();
    let mut examples = Vec::new();
    let mut names = BTreeSet::new();
    let commands = words::CommandNames::of(inputs.spec, areas);
    let mut field_arms = Vec::new();
    for PlannedArea { area, plans, .. } in areas {
        let area_name = area.feature.as_str();
        let area_fn = format_ident!("{}_command", area.feature);
        let mut subcommands = Vec::new();
        for plan in plans {
            let call = kebab(&plan.method.to_string());
            if !names.insert((area_name.to_owned(), call.clone())) {
                bail!("two commands are both `nexevo {area_name} {call}`");
            }
            let command = Command::plan(inputs, plan)
                .with_context(|| format!("the command for {}", plan.op.operation_id))?;
            let example = command.example_line(area_name, plan)?;
            subcommands.push(command.definition(plan, &example, &commands)?);
            arms.push(command.arm(area, plan));
            let operation = &plan.op.method_name;
            let fields = &command.answer_fields;
            field_arms.push(quote!(#operation => &[#(#fields),*],));
            examples.push(command.example(area_name, plan)?);
        }
        let about = first_sentence(&area.description);
        let long_about = &area.description;
        let doc = format!("`nexevo {area_name}`: its commands.");
        area_fns.push(quote! {
            #[doc = #doc]
            fn #area_fn() -> ::clap::Command {
                ::clap::Command::new(#area_name)
                    .about(#about)
                    .long_about(#long_about)
                    .subcommand_required(true)
                    .arg_required_else_help(true)
                    #(.subcommand(#subcommands))*
                    .subcommands(hand_written::commands(#area_name))
            }
        });
        area_commands.push(quote!(#area_fn()));
    }
    let commands = quote! {
        use crate::args::{self, Secrets};
        use crate::context::Context;
        use crate::error::CliError;
        use crate::hand_written;
        use crate::output::{AnswerOutline, SecretKind};
        use ::nexevo::prelude::*;

        /// Every area's command (`nexevo keys`, `nexevo billing`, …), each with a subcommand per
        /// call.
        pub(crate) fn area_commands() -> ::std::vec::Vec<::clap::Command> {
            ::std::vec![#(#area_commands),*]
        }

        #(#area_fns)*

        /// Runs `nexevo <area> <call> …`: the call with the arguments given, its answer shown.
        pub(crate) async fn run(
            cx: &Context,
            area: &str,
            matches: &::clap::ArgMatches,
        ) -> ::std::result::Result<(), CliError> {
            let ::std::option::Option::Some((call, m)) = matches.subcommand() else {
                return ::std::result::Result::Err(CliError::Usage(::std::format!(
                    "`nexevo {area}` needs a command; see `nexevo {area} --help`"
                )));
            };
            match (area, call) {
                #(#arms)*
                _ => hand_written::run(cx, area, call, m).await,
            }
        }
    };
    let fields = quote! {
        /// The fields of an operation's answer as the CLI shows it (a page's items, for a
        /// list), by dotted path (`[]` for a list's items), in the order the spec writes them:
        /// the order of a table's columns and a summary's lines.
        pub(crate) fn answer_fields(operation: &str) -> &'static [&'static str] {
            match operation {
                #(#field_arms)*
                _ => &[],
            }
        }
    };
    let examples = quote! {
        use super::Example;

        /// Every generated command with the spec's example values.
        pub(crate) const EXAMPLES: &[Example] = &[#(#examples),*];
    };
    Ok(Cli {
        commands,
        fields,
        examples,
    })
}

/// One input of a command.
struct CommandInput {
    input: Input,
    shape: Shape,
    /// The values it takes, when its type is a closed enum.
    values: Option<Vec<String>>,
    /// Names it takes for values, with each value's text (`x-nexevo-value-names`).
    value_names: Vec<(String, String)>,
    /// The values it knows today, when its type is an open enum.
    known: Option<Vec<String>>,
    positional: bool,
    /// The body field that doubles as the `Idempotency-Key` (`x-nexevo-idempotency-key`): the
    /// command makes a fresh one when it is not given.
    idempotency_key: bool,
}

/// One command, planned.
struct Command {
    /// The positional arguments and flags, in order.
    inputs: Vec<CommandInput>,
    /// The secrets' names, in the order stdin gives them.
    secrets: Vec<String>,
    /// The optional secrets' names: each read from its variable only, when set.
    optional_secrets: Vec<String>,
    /// The answer's secrets, relative to what the call answers: (dotted path, kind).
    answer_secrets: Vec<(String, String)>,
    /// The answer's fields, relative to what the command shows, in the spec's order.
    answer_fields: Vec<String>,
    list: bool,
    no_content: bool,
    /// Why the call cannot be undone (`x-nexevo-confirm`): the CLI asks before making it.
    confirm: Option<String>,
    /// An error code and the optional input that answers it (`x-nexevo-ask-when`): the CLI
    /// asks for the input and sends again.
    ask_when: Option<(String, String)>,
}

impl Command {
    fn plan(inputs: &CallInputs<'_>, plan: &Plan) -> Result<Self> {
        let mut planned = Vec::new();
        let mut secrets = Vec::new();
        let mut optional_secrets = Vec::new();
        for (input, positional) in plan
            .positional
            .iter()
            .map(|i| (i, true))
            .chain(plan.setters.iter().map(|i| (i, false)))
        {
            let shape = shape_of(input);
            if matches!(shape, Shape::Secret) {
                if positional {
                    secrets.push(input.name.to_string());
                } else {
                    optional_secrets.push(input.name.to_string());
                }
            }
            if positional && matches!(shape, Shape::JsonObject) {
                bail!(
                    "`{}` is a positional JSON object: the CLI takes those as flags only",
                    input.name
                );
            }
            let values = possible_values(inputs, input);
            let value_names = value_names(inputs, input);
            let known = known_values(inputs, input);
            let idempotency_key = matches!(
                &plan.idempotency,
                IdempotencyKey::BodyField(field) if *field == input.name
            );
            if idempotency_key && !(positional && render_tokens(&input.ty).ends_with("String")) {
                bail!(
                    "`{}`, the idempotency key, must be a positional string for the CLI to make \
                     a fresh one",
                    input.name
                );
            }
            planned.push(CommandInput {
                input: input.clone(),
                shape,
                values,
                value_names,
                known,
                positional,
                idempotency_key,
            });
        }
        let operation = inputs.spec.operation(&plan.op);
        let mut fields = Vec::new();
        if let Some(pointer) = fields::success_schema_pointer(inputs.spec, &plan.op) {
            fields::answer_fields(inputs.spec, pointer, String::new(), 0, &mut fields);
        }
        let answer_fields = fields
            .into_iter()
            .filter_map(|path| {
                let relative = match &plan.answer {
                    Answer::Body => path,
                    Answer::Field(field) => {
                        let rest = path.strip_prefix(&field.to_string())?;
                        match rest.strip_prefix('.') {
                            Some(inner) => inner.to_owned(),
                            None if rest.starts_with("[]") => rest.to_owned(),
                            None => return None,
                        }
                    }
                    Answer::Page => path.strip_prefix("data[].")?.to_owned(),
                };
                // A list answered whole: its items' fields.
                let relative = relative.strip_prefix("[].").unwrap_or(&relative).to_owned();
                (!relative.is_empty() && relative != "[]").then_some(relative)
            })
            .collect();
        let mut found = Vec::new();
        if let Some((schema, _)) = inputs.spec.success_schema(operation) {
            fields::answer_secrets(inputs.spec, schema, String::new(), 0, &mut found)?;
        }
        let answer_secrets = found
            .into_iter()
            .filter_map(|(path, kind)| {
                let relative = match &plan.answer {
                    Answer::Body => Some(path),
                    Answer::Field(field) => path
                        .strip_prefix(&format!("{field}."))
                        .map(str::to_owned)
                        .or_else(|| (*field == path).then(String::new)),
                    Answer::Page => path.strip_prefix("data[].").map(str::to_owned),
                }?;
                Some((relative, kind))
            })
            .map(|(path, kind)| {
                if path.contains("[]") {
                    bail!("a secret in a list of an answer (`{path}`): the CLI's output cannot show it yet");
                }
                Ok((path, kind))
            })
            .collect::<Result<_>>()?;
        let ask_when = ask_when(operation, &planned)?;
        Ok(Self {
            inputs: planned,
            secrets,
            optional_secrets,
            answer_secrets,
            answer_fields,
            list: matches!(plan.answer, Answer::Page),
            no_content: render_tokens(&plan.output) == "()",
            confirm: operation
                .get("x-nexevo-confirm")
                .and_then(Value::as_str)
                .map(str::to_owned),
            ask_when,
        })
    }

    /// The clap definition of the command.
    fn definition(
        &self,
        plan: &Plan,
        example: &str,
        commands: &words::CommandNames<'_>,
    ) -> Result<TokenStream> {
        let name = kebab(&plan.method.to_string());
        let about = plan.summary.trim().to_owned();
        let description = words::description(plan, &self.names(), commands)?;
        let long_about = if description.is_empty() {
            about.clone()
        } else {
            format!("{about}\n\n{description}")
        };
        let names = self.names();
        let mut args = Vec::new();
        for CommandInput {
            input,
            shape,
            values,
            value_names,
            known,
            positional,
            idempotency_key,
        } in &self.inputs
        {
            let id = input.name.to_string();
            let mut help = words::in_cli_words(input.doc.trim(), &names, commands);
            if *idempotency_key {
                help.push_str(
                    " Default: a fresh key, printed on stderr: give it again to retry without \
                     the call being applied twice.",
                );
            }
            let required = !*idempotency_key;
            let value_name = value_name(&id, shape);
            let names = value_names.iter().map(|(name, _)| name);
            let texts = value_names.iter().map(|(_, text)| text);
            // A value may start with `-` and a digit (`-1`) on every argument that takes one: a
            // real flag (`--json`) is still a flag, and other text starting with `-` goes
            // after `--` or as `--flag=-x`.
            let values = match values {
                Some(values) => Some(quote!(
                    .value_parser(::clap::builder::PossibleValuesParser::new([#(#values),*]))
                )),
                None if !value_names.is_empty() => Some(quote!(
                    .value_parser(args::NamedValues::new(&[#((#names, #texts)),*]))
                )),
                None => known
                    .as_ref()
                    .map(|known| quote!(.value_parser(args::OpenValues::new(&[#(#known),*])))),
            };
            let values = quote!(.allow_negative_numbers(true) #values);
            let arg = match (shape, positional) {
                (Shape::Secret, _) => continue,
                (Shape::Switch, _) => {
                    let long = kebab(&id);
                    quote!(::clap::Arg::new(#id).long(#long).help(#help).action(::clap::ArgAction::SetTrue))
                }
                (Shape::List(_), true) => {
                    quote!(::clap::Arg::new(#id).value_name(#value_name).help(#help).required(true).num_args(1..) #values)
                }
                (Shape::List(_), false) => {
                    let long = kebab(&id);
                    quote!(::clap::Arg::new(#id).long(#long).value_name(#value_name).help(#help).action(::clap::ArgAction::Append) #values)
                }
                (_, true) => {
                    quote!(::clap::Arg::new(#id).value_name(#value_name).help(#help).required(#required) #values)
                }
                (_, false) => {
                    let long = kebab(&id);
                    quote!(::clap::Arg::new(#id).long(#long).value_name(#value_name).help(#help) #values)
                }
            };
            args.push(arg);
        }
        let secrets = &self.secrets;
        let secret_args =
            (!secrets.is_empty()).then(|| quote!(.args(args::secret_args(&[#(#secrets),*]))));
        let optional_secrets = &self.optional_secrets;
        // The example, with the spec's values (the tests run each), then where optional
        // secrets come from.
        let mut example = format!("Example:\n  {example}");
        if let Some(why) = &self.confirm {
            example =
                format!("{why} It asks before going on; --yes answers for a script.\n\n{example}");
        }
        let after_help = if optional_secrets.is_empty() {
            quote!(.after_help(#example))
        } else {
            quote!(.after_help(::std::format!(
                "{}\n\n{}",
                #example,
                args::optional_secrets_help(&[#(#optional_secrets),*])
            )))
        };
        let list_args = self.list.then(|| quote!(.args(args::list_args())));
        Ok(quote! {
            ::clap::Command::new(#name)
                .about(#about)
                .long_about(#long_about)
                #(.arg(#args))*
                #secret_args
                #after_help
                #list_args
        })
    }

    /// Each request field and parameter of the command (by its spec name and its Rust name),
    /// and what the CLI calls it: its flag, or its argument's value name.
    fn names(&self) -> Vec<(String, String)> {
        let mut names = Vec::new();
        for input in &self.inputs {
            let id = input.input.name.to_string();
            let said = match (&input.shape, input.positional) {
                (Shape::Secret, _) => continue,
                (shape, true) => format!("`<{}>`", value_name(&id, shape)),
                (_, false) => format!("`--{}`", kebab(&id)),
            };
            names.push((input.input.field.to_string(), said.clone()));
            names.push((id, said));
        }
        names
    }

    /// The match arm that makes the call.
    fn arm(&self, area: &Area, plan: &Plan) -> TokenStream {
        let area_name = area.feature.as_str();
        let call_name = kebab(&plan.method.to_string());
        let handle = format_ident!("{}", area.tag);
        let method = &plan.method;
        let operation = &plan.op.method_name;
        let read_secrets = (!self.secrets.is_empty()).then(|| {
            let names = &self.secrets;
            quote!(let mut secrets = Secrets::read(m, &[#(#names),*])?;)
        });
        let mut positional = Vec::new();
        let mut setters = Vec::new();
        for CommandInput {
            input,
            shape,
            positional: is_positional,
            idempotency_key,
            ..
        } in &self.inputs
        {
            let id = input.name.to_string();
            let name = &input.name;
            if *is_positional {
                positional.push(match shape {
                    _ if *idempotency_key => quote!(args::idempotency_key(m, #id)),
                    Shape::Secret => quote!(secrets.take(#id)?),
                    Shape::Value(ty) if is_money(ty) => quote!(args::required_money(m, #id)?),
                    Shape::Value(ty) => quote!(args::required::<#ty>(m, #id)?),
                    Shape::List(ty) => quote!(args::list::<#ty>(m, #id)?),
                    // Refused by `Command::plan` (and by the calls' planner).
                    Shape::JsonObject => TokenStream::new(),
                    Shape::Switch => quote!(m.get_flag(#id)),
                });
                continue;
            }
            setters.push(match shape {
                Shape::Secret => quote! {
                    if let ::std::option::Option::Some(value) = args::optional_secret(#id) {
                        call = call.#name(value);
                    }
                },
                Shape::Value(ty) if is_money(ty) => quote! {
                    if let ::std::option::Option::Some(value) = args::optional_money(m, #id)? {
                        call = call.#name(value);
                    }
                },
                Shape::Value(ty) => quote! {
                    if let ::std::option::Option::Some(value) = args::optional::<#ty>(m, #id)? {
                        call = call.#name(value);
                    }
                },
                Shape::List(ty) => quote! {
                    let values = args::list::<#ty>(m, #id)?;
                    if !values.is_empty() {
                        call = call.#name(values);
                    }
                },
                Shape::JsonObject => quote! {
                    if let ::std::option::Option::Some(value) = args::optional_json(m, #id)? {
                        call = call.#name(value);
                    }
                },
                Shape::Switch => quote! {
                    if m.get_flag(#id) {
                        call = call.#name(true);
                    }
                },
            });
        }
        let binding = if setters.is_empty() {
            quote!(let call)
        } else {
            quote!(let mut call)
        };
        let secrets = self.answer_secrets.iter().map(|(path, kind)| {
            let kind = match kind.as_str() {
                "session" => quote!(SecretKind::Session),
                _ => quote!(SecretKind::ShownOnce),
            };
            quote!((#path, #kind))
        });
        let outline = quote!(AnswerOutline { operation: #operation, secrets: &[#(#secrets),*] });
        let finish = if self.list {
            quote!(cx.list(call, m, &ANSWER).await)
        } else if self.no_content {
            quote!(cx.done(call, &ANSWER).await)
        } else {
            quote!(cx.show(call, &ANSWER).await)
        };
        let confirm = self.confirm.as_ref().map(|why| {
            let summary = &plan.summary;
            let shown: Vec<String> = self
                .inputs
                .iter()
                .filter(|input| input.positional)
                .map(|input| input.input.name.to_string())
                .collect();
            quote!(cx.confirm(m, #summary, &[#(#shown),*], #why).await?;)
        });
        let Some((code, field)) = &self.ask_when else {
            return quote! {
                (#area_name, #call_name) => {
                    const ANSWER: AnswerOutline = #outline;
                    #confirm
                    #read_secrets
                    #binding = cx.client(#operation)?.#handle().#method(#(#positional),*);
                    #(#setters)*
                    #finish
                }
            };
        };
        // Asked for after an answer says it is needed, then the call is made again: its
        // arguments are read once and cloned into each call.
        let locals: Vec<syn::Ident> = (0..positional.len())
            .map(|n| format_ident!("positional_{n}"))
            .collect();
        let asked_setter = format_ident!("{field}");
        let asked_ty = self
            .inputs
            .iter()
            .find(|input| input.input.name == field.as_str())
            .map(|input| input.input.ty.clone());
        quote! {
            (#area_name, #call_name) => {
                const ANSWER: AnswerOutline = #outline;
                #confirm
                #read_secrets
                #(let #locals = #positional;)*
                let mut asked = ::std::option::Option::None;
                loop {
                    let mut call = cx
                        .client(#operation)?
                        .#handle()
                        .#method(#(::std::clone::Clone::clone(&#locals)),*);
                    #(#setters)*
                    if let ::std::option::Option::Some(value) = &asked {
                        call = call.#asked_setter(::std::clone::Clone::clone(value));
                    }
                    let outcome = #finish;
                    if asked.is_none() && args::failed_with(&outcome, #code) {
                        asked = args::ask_for::<#asked_ty>(#field).await?;
                        if asked.is_some() {
                            continue;
                        }
                    }
                    break outcome;
                }
            }
        }
    }

    /// The command with the spec's example values, for the tests.
    /// The command with the spec's example values, as a shell line for its help; its secrets
    /// are asked for (a password on a command line is one in the shell's history), which a
    /// comment says, naming their variables.
    fn example_line(&self, area_name: &str, plan: &Plan) -> Result<String> {
        let (args, env) = self.example_args(area_name, plan)?;
        let quote = |text: &str| {
            let plain = !text.is_empty()
                && text
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c));
            if plain {
                text.to_owned()
            } else {
                format!("'{}'", text.replace('\'', "'\\''"))
            }
        };
        let mut line = vec!["nexevo".to_owned()];
        line.extend(args.iter().map(|arg| quote(arg)));
        if !env.is_empty() {
            let names: Vec<&str> = env.iter().map(|(name, _)| name.as_str()).collect();
            line.push(format!(
                "  # asks for each secret, or reads {}",
                names.join(", ")
            ));
        }
        Ok(line.join(" "))
    }

    /// The example's arguments and the variables its secrets come from.
    fn example_args(&self, area_name: &str, plan: &Plan) -> Result<ExampleArgs> {
        let mut args = vec![area_name.to_owned(), kebab(&plan.method.to_string())];
        let mut env = Vec::new();
        for CommandInput {
            input,
            shape,
            positional,
            ..
        } in &self.inputs
        {
            if !positional {
                continue;
            }
            let example = input
                .example
                .as_ref()
                .ok_or_else(|| anyhow!("`{}` has no example", input.name))?;
            match (shape, example) {
                (Shape::Secret, value) => {
                    env.push((
                        format!("NEXEVO_{}", input.name.to_string().to_ascii_uppercase()),
                        plain_text(value),
                    ));
                }
                (Shape::List(_), Value::Array(items)) => args.extend(items.iter().map(plain_text)),
                (Shape::JsonObject, value) => args.push(value.to_string()),
                (_, value) => args.push(plain_text(value)),
            }
        }
        Ok((args, env))
    }

    fn example(&self, area_name: &str, plan: &Plan) -> Result<TokenStream> {
        let operation = &plan.op.method_name;
        let (args, env) = self.example_args(area_name, plan)?;
        let env = env.iter().map(|(name, value)| quote!((#name, #value)));
        let status = plan.success.0;
        let answer = match &plan.answer {
            Answer::Field(field) => {
                let field = field.to_string();
                quote!(::std::option::Option::Some(#field))
            }
            Answer::Body | Answer::Page => quote!(::std::option::Option::None),
        };
        let withheld = self
            .answer_secrets
            .iter()
            .filter(|(_, kind)| kind == "session")
            .map(|(path, _)| path);
        Ok(quote! {
            Example {
                operation: #operation,
                args: &[#(#args),*],
                env: &[#(#env),*],
                status: #status,
                answer: #answer,
                withheld: &[#(#withheld),*],
            }
        })
    }
}

/// A description's first sentence, for a one-line `about`.
fn first_sentence(text: &str) -> String {
    let text = text.trim();
    match text.find(". ") {
        Some(end) => text[..=end].trim().to_owned(),
        None => text.lines().next().unwrap_or_default().to_owned(),
    }
}
