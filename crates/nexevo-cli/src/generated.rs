// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `nexevo` CLI's commands: `nexevo <area> <call>` for every generated call, and what runs them.

use crate::args::{self, Secrets};
use crate::context::Context;
use crate::error::CliError;
use crate::hand_written;
use crate::output::{AnswerOutline, SecretKind};
use ::nexevo::prelude::*;
/// Every area's command (`nexevo keys`, `nexevo billing`, …), each with a subcommand per
/// call.
pub(crate) fn area_commands() -> ::std::vec::Vec<::clap::Command> {
    ::std::vec![
        chat_command(),
        conversations_command(),
        auth_command(),
        keys_command(),
        billing_command(),
        orgs_command(),
        feedback_command()
    ]
}
/// `nexevo chat`: its commands.
fn chat_command() -> ::clap::Command {
    ::clap::Command::new("chat")
        .about("OpenAI-compatible chat completions and the model catalogue.")
        .long_about("OpenAI-compatible chat completions and the model catalogue.")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("models")
                .about("List models")
                .long_about(
                    "List models\n\nThe models the caller can use, with their billing tier, price per million tokens, and the regions they are served in (in order of preference).",
                )
                .after_help("Example:\n  nexevo chat models"),
        )
        .subcommands(hand_written::commands("chat"))
}
/// `nexevo conversations`: its commands.
fn conversations_command() -> ::clap::Command {
    ::clap::Command::new("conversations")
        .about("Persistence for chat UIs.")
        .long_about(
            "Persistence for chat UIs. Appending a message only stores it; it never calls a model.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("list")
                .about("List conversations")
                .long_about(
                    "List conversations\n\nThe caller's conversations, most recently updated first, one page at a time.",
                )
                .arg(
                    ::clap::Arg::new("limit")
                        .long("limit")
                        .value_name("LIMIT")
                        .help("Page size (1 to 100; 20 when not set).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo conversations list")
                .args(args::list_args()),
        )
        .subcommand(
            ::clap::Command::new("create")
                .about("Create a conversation")
                .long_about(
                    "Create a conversation\n\nCreates an empty conversation with an optional title and metadata (any JSON object, at most 4 KB serialized).",
                )
                .arg(
                    ::clap::Arg::new("metadata")
                        .long("metadata")
                        .value_name("METADATA")
                        .help(
                            "Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.",
                        )
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("title")
                        .long("title")
                        .value_name("TITLE")
                        .help("The conversation's title (1 to 200 characters).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo conversations create"),
        )
        .subcommand(
            ::clap::Command::new("get")
                .about("Get a conversation")
                .long_about(
                    "Get a conversation\n\nA conversation with its first 100 messages; `has_more_messages` says whether `listMessages` has more.",
                )
                .arg(
                    ::clap::Arg::new("conversation_id")
                        .value_name("CONVERSATION_ID")
                        .help("The conversation's id (6 to 69 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo conversations get conv_8d2f1a"),
        )
        .subcommand(
            ::clap::Command::new("delete")
                .about("Delete a conversation")
                .long_about(
                    "Delete a conversation\n\nDeletes the conversation and all of its messages.",
                )
                .arg(
                    ::clap::Arg::new("conversation_id")
                        .value_name("CONVERSATION_ID")
                        .help("The conversation's id (6 to 69 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo conversations delete conv_8d2f1a"),
        )
        .subcommand(
            ::clap::Command::new("update")
                .about("Update a conversation")
                .long_about(
                    "Update a conversation\n\nSets the title and/or replaces the metadata. Fields left out are unchanged; sending the same update twice has the same effect as once.",
                )
                .arg(
                    ::clap::Arg::new("conversation_id")
                        .value_name("CONVERSATION_ID")
                        .help("The conversation's id (6 to 69 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("metadata")
                        .long("metadata")
                        .value_name("METADATA")
                        .help(
                            "Any JSON object, at most 4 KB serialized; use it for your own user, session or topic ids.",
                        )
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("title")
                        .long("title")
                        .value_name("TITLE")
                        .help("The new title (1 to 200 characters).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo conversations update conv_8d2f1a"),
        )
        .subcommand(
            ::clap::Command::new("list-messages")
                .about("List messages")
                .long_about(
                    "List messages\n\nThe conversation's messages, oldest first, one page at a time.",
                )
                .arg(
                    ::clap::Arg::new("conversation_id")
                        .value_name("CONVERSATION_ID")
                        .help("The conversation's id (6 to 69 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("limit")
                        .long("limit")
                        .value_name("LIMIT")
                        .help("Page size (1 to 100; 20 when not set).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo conversations list-messages conv_8d2f1a")
                .args(args::list_args()),
        )
        .subcommand(
            ::clap::Command::new("append-message")
                .about("Append a message")
                .long_about(
                    "Append a message\n\nStores a message at the end of the conversation. It only persists the message; it never calls a model.",
                )
                .arg(
                    ::clap::Arg::new("conversation_id")
                        .value_name("CONVERSATION_ID")
                        .help("The conversation's id (6 to 69 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("role")
                        .value_name("ROLE")
                        .help("Who wrote a message.")
                        .required(true)
                        .allow_negative_numbers(true)
                        .value_parser(
                            args::OpenValues::new(
                                &["system", "user", "assistant", "tool"],
                            ),
                        ),
                )
                .arg(
                    ::clap::Arg::new("content")
                        .value_name("CONTENT")
                        .help("The message's text (1 to 100000 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help(
                    "Example:\n  nexevo conversations append-message conv_8d2f1a user 'Hello!'",
                ),
        )
        .subcommands(hand_written::commands("conversations"))
}
/// `nexevo auth`: its commands.
fn auth_command() -> ::clap::Command {
    ::clap::Command::new("auth")
        .about(
            "Account management, sessions, password reset, two-factor authentication.",
        )
        .long_about(
            "Account management, sessions, password reset, two-factor authentication.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("two-fa-status")
                .about("Get the two-factor status")
                .long_about(
                    "Get the two-factor status\n\nWhether two-factor authentication is on, and whether an enrolment awaits verification.",
                )
                .after_help("Example:\n  nexevo auth two-fa-status"),
        )
        .subcommand(
            ::clap::Command::new("disable-two-fa")
                .about("Turn two-factor authentication off")
                .long_about(
                    "Turn two-factor authentication off\n\nTurns two-factor authentication off with a current code. Needs two-factor\nauthentication on (else a 409 `conflict`), and `code` must be the enrolled\nsecret's TOTP code for the current 30-second step (RFC 6238, SHA-1, 6 digits; the\nneighbouring steps are accepted too); any other code is a 422 on `code`, and so is\na code of the step of one already accepted for the account (by `login` or\n`verifyTwoFa`), or of an earlier step: a code is accepted once.\n\nWrong two-factor codes are limited. They are counted per account: per client\n(the credential a request is sent with; for `login`, which has none, the network\naddress it comes from — in the sandbox every request comes from loopback, so an\naccount's logins count as one client), and for all clients together. After 5\nwrong codes from one client, its next code is checked only 1 s after its latest\nwrong one, a wait that doubles with each further wrong code up to 5 minutes;\nafter 10 from all clients together, every client's next code is checked only 1 s\nafter the account's latest wrong one, doubling up to 1 minute. A code sent sooner\nis not checked and counts for nothing: the answer is 429 `too_many_attempts`, with\n`Retry-After` and `retry-after-ms` saying how long is left. A correct code clears\nits client's count, and counts are forgotten an hour after their latest wrong\ncode. So a code never waits more than 5 minutes after its own client's latest\nwrong code, nor more than 1 minute after anyone else's: guessing is slowed to a\ncrawl, and the account's owner is never locked out for long.",
                )
                .arg(
                    ::clap::Arg::new("code")
                        .value_name("CODE")
                        .help("A 6-digit code from an authenticator app.")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo auth disable-two-fa 492039"),
        )
        .subcommand(
            ::clap::Command::new("enable-two-fa")
                .about("Start two-factor enrolment")
                .long_about(
                    "Start two-factor enrolment\n\nReturns a new TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) and its otpauth URL. Two-factor authentication turns on only once `verifyTwoFa` accepts a code from it.",
                )
                .after_help("Example:\n  nexevo auth enable-two-fa"),
        )
        .subcommand(
            ::clap::Command::new("verify-two-fa")
                .about("Verify two-factor enrolment")
                .long_about(
                    "Verify two-factor enrolment\n\nTurns two-factor authentication on with a current code from the enrolled secret.\nNeeds an enrolment pending from `enableTwoFa` (else a 409 `conflict`), and `code`\nmust be the secret's TOTP code for the current 30-second step (RFC 6238, SHA-1, 6\ndigits; the previous and next steps are accepted too); any other code is a 422 on\n`code`. The accepted code's step counts as used: `login` and `disableTwoFa` then\nrefuse a code of that step or an earlier one (a 422 on `code` here too for a\ncode used before).\n\nWrong two-factor codes are limited. They are counted per account: per client\n(the credential a request is sent with; for `login`, which has none, the network\naddress it comes from — in the sandbox every request comes from loopback, so an\naccount's logins count as one client), and for all clients together. After 5\nwrong codes from one client, its next code is checked only 1 s after its latest\nwrong one, a wait that doubles with each further wrong code up to 5 minutes;\nafter 10 from all clients together, every client's next code is checked only 1 s\nafter the account's latest wrong one, doubling up to 1 minute. A code sent sooner\nis not checked and counts for nothing: the answer is 429 `too_many_attempts`, with\n`Retry-After` and `retry-after-ms` saying how long is left. A correct code clears\nits client's count, and counts are forgotten an hour after their latest wrong\ncode. So a code never waits more than 5 minutes after its own client's latest\nwrong code, nor more than 1 minute after anyone else's: guessing is slowed to a\ncrawl, and the account's owner is never locked out for long.",
                )
                .arg(
                    ::clap::Arg::new("code")
                        .value_name("CODE")
                        .help("A 6-digit code from an authenticator app.")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo auth verify-two-fa 492039"),
        )
        .subcommand(
            ::clap::Command::new("change-password")
                .about("Change the password")
                .long_about(
                    "Change the password\n\nReplaces the password after checking the current one (a wrong current password is a 403 `invalid_credentials`). Every other session of the account ends; the calling session, if it is one, stays. API keys keep working.",
                )
                .args(args::secret_args(&["current_password", "new_password"]))
                .after_help(
                    "Example:\n  nexevo auth change-password   # asks for each secret, or reads NEXEVO_CURRENT_PASSWORD, NEXEVO_NEW_PASSWORD",
                ),
        )
        .subcommand(
            ::clap::Command::new("deactivate")
                .about("Deactivate the account (GDPR)")
                .long_about(
                    "Deactivate the account (GDPR)\n\nDeactivates the caller's account after checking its password. Every session and API key of the account stops authenticating at once.",
                )
                .arg(
                    ::clap::Arg::new("reason")
                        .long("reason")
                        .value_name("REASON")
                        .help("Why, optionally (1 to 500 characters).")
                        .allow_negative_numbers(true),
                )
                .args(args::secret_args(&["password"]))
                .after_help(
                    "Example:\n  nexevo auth deactivate   # asks for each secret, or reads NEXEVO_PASSWORD",
                ),
        )
        .subcommand(
            ::clap::Command::new("login")
                .about("Log in")
                .long_about(
                    "Log in\n\nExchanges email and password for a session token usable as the Bearer token.\nOnce two-factor authentication is on, `totp_code` is required: without it the\nanswer is 401 `two_factor_required`, with a wrong one 401 `invalid_two_factor_code`.\nThe code is checked only once the password is right. A code is accepted once\n(RFC 6238 §5.2): a code of the 30-second step of one already accepted for the\naccount (by a login, `verifyTwoFa` or `disableTwoFa`), or of an earlier step, is\nrefused as `invalid_two_factor_code` too; wait for the next one.\n\nWrong two-factor codes are limited. They are counted per account: per client\n(the credential a request is sent with; for `login`, which has none, the network\naddress it comes from — in the sandbox every request comes from loopback, so an\naccount's logins count as one client), and for all clients together. After 5\nwrong codes from one client, its next code is checked only 1 s after its latest\nwrong one, a wait that doubles with each further wrong code up to 5 minutes;\nafter 10 from all clients together, every client's next code is checked only 1 s\nafter the account's latest wrong one, doubling up to 1 minute. A code sent sooner\nis not checked and counts for nothing: the answer is 429 `too_many_attempts`, with\n`Retry-After` and `retry-after-ms` saying how long is left. A correct code clears\nits client's count, and counts are forgotten an hour after their latest wrong\ncode. So a code never waits more than 5 minutes after its own client's latest\nwrong code, nor more than 1 minute after anyone else's: guessing is slowed to a\ncrawl, and the account's owner is never locked out for long.",
                )
                .arg(
                    ::clap::Arg::new("email")
                        .value_name("EMAIL")
                        .help("An email address (3 to 254 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("totp_code")
                        .long("totp-code")
                        .value_name("TOTP_CODE")
                        .help("A 6-digit code from an authenticator app.")
                        .allow_negative_numbers(true),
                )
                .args(args::secret_args(&["password"]))
                .after_help(
                    "Example:\n  nexevo auth login jane@acme.com   # asks for each secret, or reads NEXEVO_PASSWORD",
                ),
        )
        .subcommand(
            ::clap::Command::new("logout")
                .about("Log out")
                .long_about(
                    "Log out\n\nEnds the session whose token authenticates this request. The bearer credential must be a session token from `login`; an API key is not a session and is refused with a 422.",
                )
                .after_help("Example:\n  nexevo auth logout"),
        )
        .subcommand(
            ::clap::Command::new("me")
                .about("Get the current user")
                .long_about(
                    "Get the current user\n\nThe account that the Bearer token belongs to.",
                )
                .after_help("Example:\n  nexevo auth me"),
        )
        .subcommand(
            ::clap::Command::new("update-profile")
                .about("Update the profile")
                .long_about(
                    "Update the profile\n\nChanges the current user's full name.",
                )
                .arg(
                    ::clap::Arg::new("full_name")
                        .value_name("FULL_NAME")
                        .help("The person's name (1 to 100 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo auth update-profile 'Jane Doe'"),
        )
        .subcommand(
            ::clap::Command::new("request-password-reset")
                .about("Request a password reset")
                .long_about(
                    "Request a password reset\n\nEmails a single-use reset token, valid for an hour, if an account has this email. The answer is the same whether or not it does, so it cannot be used to discover accounts. An account holds its five newest tokens; an older one stops working.",
                )
                .arg(
                    ::clap::Arg::new("email")
                        .value_name("EMAIL")
                        .help("An email address (3 to 254 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help(
                    "Example:\n  nexevo auth request-password-reset jane@acme.com",
                ),
        )
        .subcommand(
            ::clap::Command::new("confirm-password-reset")
                .about("Confirm a password reset")
                .long_about(
                    "Confirm a password reset\n\nSets a new password with the emailed reset token. The token works once, and every other reset token of the account stops working with it; every existing session of the account ends.",
                )
                .args(args::secret_args(&["reset_token", "new_password"]))
                .after_help(
                    "Example:\n  nexevo auth confirm-password-reset   # asks for each secret, or reads NEXEVO_RESET_TOKEN, NEXEVO_NEW_PASSWORD",
                ),
        )
        .subcommand(
            ::clap::Command::new("register")
                .about("Register an account")
                .long_about(
                    "Register an account\n\nCreates an account and returns a session for it. The email must not be taken.\nAn invitation to an organization (see `inviteMember`) is taken only with the\n`invitation_token` it emailed, which proves the mailbox: the account then takes\nthe invitation's user id and becomes an `active` member of every organization\nthat invited this email. Without a token the account is a plain one and the\ninvitations stay `invited`. A token that is not an open invitation to this email\n(another email's, expired, or withdrawn by removing the member) is a 422 on\n`invitation_token`, and nothing is created.",
                )
                .arg(
                    ::clap::Arg::new("email")
                        .value_name("EMAIL")
                        .help("An email address (3 to 254 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("full_name")
                        .long("full-name")
                        .value_name("FULL_NAME")
                        .help("The person's name (1 to 100 characters).")
                        .allow_negative_numbers(true),
                )
                .args(args::secret_args(&["password"]))
                .after_help(
                    ::std::format!(
                        "{}\n\n{}",
                        "Example:\n  nexevo auth register jane@acme.com   # asks for each secret, or reads NEXEVO_PASSWORD",
                        args::optional_secrets_help(& ["invitation_token"])
                    ),
                ),
        )
        .subcommands(hand_written::commands("auth"))
}
/// `nexevo keys`: its commands.
fn keys_command() -> ::clap::Command {
    ::clap::Command::new("keys")
        .about("API keys, their spend caps, alert webhooks and geo routing policies.")
        .long_about(
            "API keys, their spend caps, alert webhooks and geo routing policies.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("list")
                .about("List API keys")
                .long_about(
                    "List API keys\n\nThe account's (or, with `Nexevo-Organization`, the organization's) keys, newest first. Secrets are never shown.",
                )
                .arg(
                    ::clap::Arg::new("limit")
                        .long("limit")
                        .value_name("LIMIT")
                        .help("Page size (1 to 100; 20 when not set).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo keys list")
                .args(args::list_args()),
        )
        .subcommand(
            ::clap::Command::new("create")
                .about("Create an API key")
                .long_about(
                    "Create an API key\n\nCreates an API key. The answer's `full_key` is the only time the secret is\nshown: later reads show its `prefix` only. Retrying with the same\n`Idempotency-Key` replays the same answer, so a create whose answer was lost\ncan be retried safely.",
                )
                .arg(
                    ::clap::Arg::new("name")
                        .value_name("NAME")
                        .help("A display name, 1 to 100 characters.")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("geo_policy")
                        .long("geo-policy")
                        .value_name("GEO_POLICY")
                        .help(
                            "Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.",
                        )
                        .allow_negative_numbers(true)
                        .value_parser(
                            args::OpenValues::new(&["cn-only", "overseas-only", "any"]),
                        ),
                )
                .arg(
                    ::clap::Arg::new("monthly_spend_cap")
                        .long("monthly-spend-cap")
                        .value_name("MONTHLY_SPEND_CAP")
                        .help(
                            "A monthly spend cap in USD as a decimal string (`\"100.00\"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.",
                        )
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo keys create prod-2026"),
        )
        .subcommand(
            ::clap::Command::new("get")
                .about("Get an API key")
                .long_about(
                    "Get an API key\n\nOne key, with its prefix but never its secret.",
                )
                .arg(
                    ::clap::Arg::new("key_id")
                        .value_name("KEY_ID")
                        .help("The key's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo keys get key_5b7e9c"),
        )
        .subcommand(
            ::clap::Command::new("revoke")
                .about("Revoke an API key")
                .long_about(
                    "Revoke an API key\n\nRevokes the key; it stops authenticating at once. Revoking a revoked key changes nothing and answers the same.",
                )
                .arg(
                    ::clap::Arg::new("key_id")
                        .value_name("KEY_ID")
                        .help("The key's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo keys revoke key_5b7e9c"),
        )
        .subcommand(
            ::clap::Command::new("update-alert-webhook")
                .about("Set or clear a key's spend alert webhook")
                .long_about(
                    "Set or clear a key's spend alert webhook\n\nSets the URL that receives the key's spend alerts (`url` null removes it), and\nanswers the secret that signs them — shown this once. Setting a URL again\nrotates the secret: for 24 hours after, each delivery is signed with both the\nold and the new secret, so a receiver can switch without missing an alert.\n\nAlerts (see the callback): `spend_cap.warning` when the key's month-to-date\nspend reaches 80 % of its monthly cap, `spend_cap.reached` when it reaches the\ncap (its requests are refused from then on). One event, with one id, per\nthreshold per key per month. A delivery is a POST of the event as JSON, signed\nby the Standard Webhooks scheme (`webhook-id`, `webhook-timestamp`,\n`webhook-signature: v1,<base64 HMAC-SHA256 of \"id.timestamp.body\">`, keyed\nwith the secret's bytes after `whsec_`); it is retried with backoff until the\nreceiver answers 2xx or the attempts (5) run out, so a receiver must\ndeduplicate by the event id. Raising the cap re-arms the thresholds not yet\ncrossed at the new cap; a new month re-arms both.\n\nThe URL must be `https://` and reach a public host. Answered 422 (`url`): a host\nthat is an address of a special-purpose range, however it is written (`2130706433`,\n`0x7f.1`, `[::ffff:127.0.0.1]`) — loopback (`127.0.0.0/8`, `::1`), private\n(`10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16`, `fc00::/7`), link-local\n(`169.254.0.0/16`, `fe80::/10`: cloud metadata services), shared (`100.64.0.0/10`),\n`0.0.0.0/8`, `::`, `192.0.0.0/24`, documentation, benchmarking, multicast and\nreserved ranges, IPv6 outside `2000::/3`, and the IPv4-mapped (`::ffff:0:0/96`) and\nNAT64 (`64:ff9b::/96`) forms of any of them; a local name (`localhost`,\n`*.localhost`, `*.local`, `*.internal`, `*.arpa`, a name without a dot); a user name\nor password; a backslash. A name is resolved at each delivery attempt, and every\naddress it resolves to must pass the same rule, or the attempt is refused without\nconnecting (DNS can change); the connection goes to an address that was checked,\nwith TLS verified for the URL's name. No redirect is followed (a 3xx is a failed\nattempt), and each retry goes to the key's webhook as it is then: if it was changed\nor removed, the alert is given up.\n\nFor tests, `http://127.0.0.1[:PORT]/…` and `http://localhost[:PORT]/…` are\naccepted by a sandbox only, which delivers to them on loopback only: the real\nservice answers them 422.",
                )
                .arg(
                    ::clap::Arg::new("key_id")
                        .value_name("KEY_ID")
                        .help("The key's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("url")
                        .value_name("URL")
                        .help(
                            "An `https://` URL of a public host — not an internal address (loopback, private, link-local, metadata, …, however written), a local name (`localhost`, `*.internal`, …), a user name or password (the operation lists the rule); for tests, `http://127.0.0.1[:PORT]/…` or `http://localhost[:PORT]/…`, which only a sandbox accepts (the real service answers 422). Any other `http://` is refused.",
                        )
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help(
                    "Example:\n  nexevo keys update-alert-webhook key_5b7e9c https://your-app.com/billing-alert",
                ),
        )
        .subcommand(
            ::clap::Command::new("update-geo-policy")
                .about("Set a key's geo routing policy")
                .long_about(
                    "Set a key's geo routing policy\n\nRestricts where the key's requests are routed. `cn-only` and `overseas-only` restrict; `any` lets the router choose.",
                )
                .arg(
                    ::clap::Arg::new("key_id")
                        .value_name("KEY_ID")
                        .help("The key's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("geo_policy")
                        .value_name("GEO_POLICY")
                        .help(
                            "Where a key's requests may be routed (see `createChatCompletion`) — `cn-only` to mainland China backends, `overseas-only` to the others, `any` to the model's preferred region. New policies may be added.",
                        )
                        .required(true)
                        .allow_negative_numbers(true)
                        .value_parser(
                            args::OpenValues::new(&["cn-only", "overseas-only", "any"]),
                        ),
                )
                .after_help(
                    "Example:\n  nexevo keys update-geo-policy key_5b7e9c cn-only",
                ),
        )
        .subcommand(
            ::clap::Command::new("update-spend-cap")
                .about("Set or clear a key's monthly spend cap")
                .long_about(
                    "Set or clear a key's monthly spend cap\n\nSets `monthly_spend_cap_usd`, or with `clear: true` removes the cap; exactly\none of the two must be given. Over the cap, every billable request made with\nthe key is refused with 402 `spend_cap_exceeded` until the UTC month ends or\nthe cap is raised or cleared. Account operations keep working.",
                )
                .arg(
                    ::clap::Arg::new("key_id")
                        .value_name("KEY_ID")
                        .help("The key's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("monthly_spend_cap_usd")
                        .value_name("MONTHLY_SPEND_CAP_USD")
                        .help(
                            "A monthly spend cap in USD as a decimal string (`\"100.00\"`) of at most 7 integer digits and 6 decimal places. Its precision is kept.",
                        )
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo keys update-spend-cap key_5b7e9c 100.00"),
        )
        .subcommands(hand_written::commands("keys"))
}
/// `nexevo billing`: its commands.
fn billing_command() -> ::clap::Command {
    ::clap::Command::new("billing")
        .about(
            "Balance, usage by day and tier, plan, upgrade hints and top-up checkout.",
        )
        .long_about(
            "Balance, usage by day and tier, plan, upgrade hints and top-up checkout.",
        )
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("balance")
                .about("Get the balance")
                .long_about(
                    "Get the balance\n\nThe prepaid balance of the account, or of the organization named by `Nexevo-Organization`.",
                )
                .after_help("Example:\n  nexevo billing balance"),
        )
        .subcommand(
            ::clap::Command::new("checkout")
                .about("Create a top-up checkout session")
                .long_about(
                    "Create a top-up checkout session\n\nCreates a Stripe checkout session that tops the balance up by `amount_usd`.\n`amount_usd` is a JSON number, greater than 0, at most 10000, with at most two\ndecimal places; it is read exactly, never through binary floating point.\nThe same `idempotency_key` with the same amount returns the same session and\ncredits once; with a different amount it is a 409. The key is also accepted\nas the `Idempotency-Key` header, which must then match (else a 422 on\n`Idempotency-Key`). For an organization's balance the caller must be its\nowner or an admin (else a 403).",
                )
                .arg(
                    ::clap::Arg::new("amount_usd")
                        .value_name("AMOUNT_USD")
                        .help(
                            "A top-up amount in USD as a JSON number, greater than 0, at most 10000, with at most two decimal places.",
                        )
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("idempotency_key")
                        .value_name("IDEMPOTENCY_KEY")
                        .help(
                            "Makes the top-up safe to retry; suggested form `topup-YYYY-MM-DD-NNN` (1 to 255 characters). Default: a fresh key, printed on stderr: give it again to retry without the call being applied twice.",
                        )
                        .required(false)
                        .allow_negative_numbers(true),
                )
                .after_help(
                    "Example:\n  nexevo billing checkout 20 topup-2026-04-27-001",
                ),
        )
        .subcommand(
            ::clap::Command::new("get-plan")
                .about("Get the plan")
                .long_about(
                    "Get the plan\n\nThe plan the account (or organization) is on, with its monthly fee and per-tier discount.",
                )
                .after_help("Example:\n  nexevo billing get-plan"),
        )
        .subcommand(
            ::clap::Command::new("upgrade-hint")
                .about("Get an upgrade hint")
                .long_about(
                    "Get an upgrade hint\n\nCompares the last 30 days of usage priced on every plan. `hint` is null when\nthe current plan is already the cheapest, else it names the cheaper plan and\nthe saving.",
                )
                .after_help("Example:\n  nexevo billing upgrade-hint"),
        )
        .subcommand(
            ::clap::Command::new("usage")
                .about("Get usage by day")
                .long_about(
                    "Get usage by day\n\nCost and request counts for each of the last `days` UTC days (today included), split by billing tier, with totals.",
                )
                .arg(
                    ::clap::Arg::new("days")
                        .long("days")
                        .value_name("DAYS")
                        .help(
                            "How many days back to cover, today included (1 to 90; 7 when not set).",
                        )
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo billing usage"),
        )
        .subcommands(hand_written::commands("billing"))
}
/// `nexevo orgs`: its commands.
fn orgs_command() -> ::clap::Command {
    ::clap::Command::new("orgs")
        .about("Multi-user accounts with owner, admin and developer roles.")
        .long_about("Multi-user accounts with owner, admin and developer roles.")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("list")
                .about("List organizations")
                .long_about(
                    "List organizations\n\nThe organizations the caller is a member of, with the caller's role in each.",
                )
                .arg(
                    ::clap::Arg::new("limit")
                        .long("limit")
                        .value_name("LIMIT")
                        .help("Page size (1 to 100; 20 when not set).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo orgs list")
                .args(args::list_args()),
        )
        .subcommand(
            ::clap::Command::new("create")
                .about("Create an organization")
                .long_about(
                    "Create an organization\n\nCreates an organization owned by the caller.",
                )
                .arg(
                    ::clap::Arg::new("name")
                        .value_name("NAME")
                        .help("The organization's name, 1 to 100 characters.")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo orgs create 'Acme Inc'"),
        )
        .subcommand(
            ::clap::Command::new("get")
                .about("Get an organization")
                .long_about(
                    "Get an organization\n\nOne organization the caller is a member of, with the caller's role. Any other organization is a 404.",
                )
                .arg(
                    ::clap::Arg::new("org_id")
                        .value_name("ORG_ID")
                        .help("The organization's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo orgs get org_4f8a2c"),
        )
        .subcommand(
            ::clap::Command::new("list-members")
                .about("List members")
                .long_about("List members\n\nThe organization's members, owner first.")
                .arg(
                    ::clap::Arg::new("org_id")
                        .value_name("ORG_ID")
                        .help("The organization's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("limit")
                        .long("limit")
                        .value_name("LIMIT")
                        .help("Page size (1 to 100; 20 when not set).")
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo orgs list-members org_4f8a2c")
                .args(args::list_args()),
        )
        .subcommand(
            ::clap::Command::new("invite-member")
                .about("Invite a member")
                .long_about(
                    "Invite a member\n\nAdds the person with this email as `admin` or `developer` (ownership moves\nonly by `transferOwner`). Only the owner and admins invite; a developer gets\n403. An email that is already a member is a 409.\n\nAn email with an active account is added at once as an `active` member, under\nthe account's user id. An email without one is added as `invited`, and the\ninvitation is emailed to it with a token, valid for 7 days: the member becomes\n`active` only when an account is registered with that token (`register`'s\n`invitation_token`), which proves the mailbox. Registering the email without it\nmakes a plain account and leaves the invitation `invited` (remove the member and\ninvite the account to add it). Until it registers, an email invited by several\norganizations has one user id in all of them, and registering with any of their\ntokens makes it a member of each. Removing an invited member withdraws its\ninvitation.",
                )
                .arg(
                    ::clap::Arg::new("org_id")
                        .value_name("ORG_ID")
                        .help("The organization's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("email")
                        .value_name("EMAIL")
                        .help("An email address (3 to 254 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("role")
                        .value_name("ROLE")
                        .help(
                            "A member's role in an organization. New roles may be added.",
                        )
                        .required(true)
                        .allow_negative_numbers(true)
                        .value_parser(
                            args::OpenValues::new(&["owner", "admin", "developer"]),
                        ),
                )
                .after_help(
                    "Example:\n  nexevo orgs invite-member org_4f8a2c dev@acme.com developer",
                ),
        )
        .subcommand(
            ::clap::Command::new("remove-member")
                .about("Remove a member")
                .long_about(
                    "Remove a member\n\nRemoves a member. Only the owner and admins remove members, an admin cannot remove another admin, and the owner cannot be removed (403).",
                )
                .arg(
                    ::clap::Arg::new("org_id")
                        .value_name("ORG_ID")
                        .help("The organization's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("user_id")
                        .value_name("USER_ID")
                        .help("The user's id (3 to 66 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo orgs remove-member org_4f8a2c u_789"),
        )
        .subcommand(
            ::clap::Command::new("change-member-role")
                .about("Change a member's role")
                .long_about(
                    "Change a member's role\n\nMakes a member an `admin` or a `developer`. Only the owner changes roles; the owner's own role changes only by `transferOwner`.",
                )
                .arg(
                    ::clap::Arg::new("org_id")
                        .value_name("ORG_ID")
                        .help("The organization's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("user_id")
                        .value_name("USER_ID")
                        .help("The user's id (3 to 66 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("role")
                        .value_name("ROLE")
                        .help(
                            "A member's role in an organization. New roles may be added.",
                        )
                        .required(true)
                        .allow_negative_numbers(true)
                        .value_parser(
                            args::OpenValues::new(&["owner", "admin", "developer"]),
                        ),
                )
                .after_help(
                    "Example:\n  nexevo orgs change-member-role org_4f8a2c u_789 admin",
                ),
        )
        .subcommand(
            ::clap::Command::new("transfer-owner")
                .about("Transfer ownership")
                .long_about(
                    "Transfer ownership\n\nMakes another member the owner; the previous owner becomes an admin. Only the owner can do this.",
                )
                .arg(
                    ::clap::Arg::new("org_id")
                        .value_name("ORG_ID")
                        .help("The organization's id (5 to 68 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("new_owner_user_id")
                        .value_name("NEW_OWNER_USER_ID")
                        .help("A user id (3 to 66 characters).")
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo orgs transfer-owner org_4f8a2c u_789"),
        )
        .subcommands(hand_written::commands("orgs"))
}
/// `nexevo feedback`: its commands.
fn feedback_command() -> ::clap::Command {
    ::clap::Command::new("feedback")
        .about("RLHF thumbs up/down on generations.")
        .long_about("RLHF thumbs up/down on generations.")
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand(
            ::clap::Command::new("submit")
                .about("Submit feedback on a generation")
                .long_about(
                    "Submit feedback on a generation\n\nRecords a thumbs up (1) or down (-1) on a generation the caller produced, with an optional comment and tags. An unknown generation id is a 404. Rating a generation again replaces the earlier rating, in the summary and in routing; the rating trains the routing of the generation's payer for the backend that served it (see `createChatCompletion`), unless the generation was of a named model or bring-your-own-key.",
                )
                .arg(
                    ::clap::Arg::new("generation_id")
                        .value_name("GENERATION_ID")
                        .help(
                            "A generation id, from a chat completion's `nexevo.generation_id` or its `X-Nexevo-Generation-Id` header (5 to 68 characters).",
                        )
                        .required(true)
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("rating")
                        .value_name("RATING")
                        .help("1 is thumbs up, -1 is thumbs down.")
                        .required(true)
                        .allow_negative_numbers(true)
                        .value_parser(
                            args::NamedValues::new(&[("down", "-1"), ("up", "1")]),
                        ),
                )
                .arg(
                    ::clap::Arg::new("comment")
                        .long("comment")
                        .value_name("COMMENT")
                        .help("Free text, up to 2000 characters.")
                        .allow_negative_numbers(true),
                )
                .arg(
                    ::clap::Arg::new("tags")
                        .long("tags")
                        .value_name("TAGS")
                        .help("Up to 10 distinct tags.")
                        .action(::clap::ArgAction::Append)
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo feedback submit gen_01hx7k2m9q 1"),
        )
        .subcommand(
            ::clap::Command::new("summary")
                .about("Summarise feedback")
                .long_about(
                    "Summarise feedback\n\nCounts of the caller's feedback over the last `days` days, by rating and by tag.",
                )
                .arg(
                    ::clap::Arg::new("days")
                        .long("days")
                        .value_name("DAYS")
                        .help(
                            "How many days back to cover, today included (1 to 90; 7 when not set).",
                        )
                        .allow_negative_numbers(true),
                )
                .after_help("Example:\n  nexevo feedback summary"),
        )
        .subcommands(hand_written::commands("feedback"))
}
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
        ("chat", "models") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "list_models",
                secrets: &[],
            };
            let call = cx.client("list_models")?.chat().models();
            cx.show(call, &ANSWER).await
        }
        ("conversations", "list") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "list_conversations",
                secrets: &[],
            };
            let mut call = cx.client("list_conversations")?.conversations().list();
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "limit")? {
                call = call.limit(value);
            }
            cx.list(call, m, &ANSWER).await
        }
        ("conversations", "create") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "create_conversation",
                secrets: &[],
            };
            let mut call = cx.client("create_conversation")?.conversations().create();
            if let ::std::option::Option::Some(value) = args::optional_json(m, "metadata")? {
                call = call.metadata(value);
            }
            if let ::std::option::Option::Some(value) =
                args::optional::<::std::string::String>(m, "title")?
            {
                call = call.title(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("conversations", "get") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_conversation",
                secrets: &[],
            };
            let call = cx
                .client("get_conversation")?
                .conversations()
                .get(args::required::<::nexevo_api::types::ConversationId>(
                    m,
                    "conversation_id",
                )?);
            cx.show(call, &ANSWER).await
        }
        ("conversations", "delete") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "delete_conversation",
                secrets: &[],
            };
            let call = cx
                .client("delete_conversation")?
                .conversations()
                .delete(args::required::<::nexevo_api::types::ConversationId>(
                    m,
                    "conversation_id",
                )?);
            cx.show(call, &ANSWER).await
        }
        ("conversations", "update") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_conversation",
                secrets: &[],
            };
            let mut call =
                cx.client("update_conversation")?
                    .conversations()
                    .update(args::required::<::nexevo_api::types::ConversationId>(
                        m,
                        "conversation_id",
                    )?);
            if let ::std::option::Option::Some(value) = args::optional_json(m, "metadata")? {
                call = call.metadata(value);
            }
            if let ::std::option::Option::Some(value) =
                args::optional::<::std::string::String>(m, "title")?
            {
                call = call.title(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("conversations", "list-messages") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "list_messages",
                secrets: &[],
            };
            let mut call =
                cx.client("list_messages")?
                    .conversations()
                    .list_messages(args::required::<::nexevo_api::types::ConversationId>(
                        m,
                        "conversation_id",
                    )?);
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "limit")? {
                call = call.limit(value);
            }
            cx.list(call, m, &ANSWER).await
        }
        ("conversations", "append-message") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "append_message",
                secrets: &[],
            };
            let call = cx.client("append_message")?.conversations().append_message(
                args::required::<::nexevo_api::types::ConversationId>(m, "conversation_id")?,
                args::required::<::nexevo_api::types::MessageRole>(m, "role")?,
                args::required::<::std::string::String>(m, "content")?,
            );
            cx.show(call, &ANSWER).await
        }
        ("auth", "two-fa-status") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "two_fa_status",
                secrets: &[],
            };
            let call = cx.client("two_fa_status")?.auth().two_fa_status();
            cx.show(call, &ANSWER).await
        }
        ("auth", "disable-two-fa") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "disable_two_fa",
                secrets: &[],
            };
            let call = cx
                .client("disable_two_fa")?
                .auth()
                .disable_two_fa(args::required::<::nexevo_api::types::TotpCode>(m, "code")?);
            cx.show(call, &ANSWER).await
        }
        ("auth", "enable-two-fa") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "enable_two_fa",
                secrets: &[
                    ("otpauth_url", SecretKind::ShownOnce),
                    ("secret", SecretKind::ShownOnce),
                ],
            };
            let call = cx.client("enable_two_fa")?.auth().enable_two_fa();
            cx.show(call, &ANSWER).await
        }
        ("auth", "verify-two-fa") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "verify_two_fa",
                secrets: &[],
            };
            let call = cx
                .client("verify_two_fa")?
                .auth()
                .verify_two_fa(args::required::<::nexevo_api::types::TotpCode>(m, "code")?);
            cx.show(call, &ANSWER).await
        }
        ("auth", "change-password") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "change_password",
                secrets: &[],
            };
            let mut secrets = Secrets::read(m, &["current_password", "new_password"])?;
            let call = cx.client("change_password")?.auth().change_password(
                secrets.take("current_password")?,
                secrets.take("new_password")?,
            );
            cx.done(call, &ANSWER).await
        }
        ("auth", "deactivate") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "deactivate_account",
                secrets: &[],
            };
            let mut secrets = Secrets::read(m, &["password"])?;
            let mut call = cx
                .client("deactivate_account")?
                .auth()
                .deactivate(secrets.take("password")?);
            if let ::std::option::Option::Some(value) =
                args::optional::<::std::string::String>(m, "reason")?
            {
                call = call.reason(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("auth", "login") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "login",
                secrets: &[("token", SecretKind::Session)],
            };
            let mut secrets = Secrets::read(m, &["password"])?;
            let mut call = cx.client("login")?.auth().login(
                args::required::<::nexevo_api::types::Email>(m, "email")?,
                secrets.take("password")?,
            );
            if let ::std::option::Option::Some(value) =
                args::optional::<::nexevo_api::types::TotpCode>(m, "totp_code")?
            {
                call = call.totp_code(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("auth", "logout") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "logout",
                secrets: &[],
            };
            let call = cx.client("logout")?.auth().logout();
            cx.done(call, &ANSWER).await
        }
        ("auth", "me") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "me",
                secrets: &[],
            };
            let call = cx.client("me")?.auth().me();
            cx.show(call, &ANSWER).await
        }
        ("auth", "update-profile") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_profile",
                secrets: &[],
            };
            let call = cx
                .client("update_profile")?
                .auth()
                .update_profile(args::required::<::std::string::String>(m, "full_name")?);
            cx.show(call, &ANSWER).await
        }
        ("auth", "request-password-reset") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "request_password_reset",
                secrets: &[],
            };
            let call = cx
                .client("request_password_reset")?
                .auth()
                .request_password_reset(args::required::<::nexevo_api::types::Email>(m, "email")?);
            cx.done(call, &ANSWER).await
        }
        ("auth", "confirm-password-reset") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "confirm_password_reset",
                secrets: &[],
            };
            let mut secrets = Secrets::read(m, &["reset_token", "new_password"])?;
            let call = cx
                .client("confirm_password_reset")?
                .auth()
                .confirm_password_reset(
                    secrets.take("reset_token")?,
                    secrets.take("new_password")?,
                );
            cx.done(call, &ANSWER).await
        }
        ("auth", "register") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "register",
                secrets: &[("token", SecretKind::Session)],
            };
            let mut secrets = Secrets::read(m, &["password"])?;
            let mut call = cx.client("register")?.auth().register(
                args::required::<::nexevo_api::types::Email>(m, "email")?,
                secrets.take("password")?,
            );
            if let ::std::option::Option::Some(value) =
                args::optional::<::std::string::String>(m, "full_name")?
            {
                call = call.full_name(value);
            }
            if let ::std::option::Option::Some(value) = args::optional_secret("invitation_token") {
                call = call.invitation_token(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("keys", "list") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "list_keys",
                secrets: &[],
            };
            let mut call = cx.client("list_keys")?.keys().list();
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "limit")? {
                call = call.limit(value);
            }
            cx.list(call, m, &ANSWER).await
        }
        ("keys", "create") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "create_key",
                secrets: &[("full_key", SecretKind::ShownOnce)],
            };
            let mut call = cx
                .client("create_key")?
                .keys()
                .create(args::required::<::std::string::String>(m, "name")?);
            if let ::std::option::Option::Some(value) =
                args::optional::<::nexevo_api::types::GeoPolicy>(m, "geo_policy")?
            {
                call = call.geo_policy(value);
            }
            if let ::std::option::Option::Some(value) =
                args::optional_money(m, "monthly_spend_cap")?
            {
                call = call.monthly_spend_cap(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("keys", "get") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_key",
                secrets: &[],
            };
            let call = cx
                .client("get_key")?
                .keys()
                .get(args::required::<::nexevo_api::types::KeyId>(m, "key_id")?);
            cx.show(call, &ANSWER).await
        }
        ("keys", "revoke") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "revoke_key",
                secrets: &[],
            };
            let call = cx
                .client("revoke_key")?
                .keys()
                .revoke(args::required::<::nexevo_api::types::KeyId>(m, "key_id")?);
            cx.show(call, &ANSWER).await
        }
        ("keys", "update-alert-webhook") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_alert_webhook",
                secrets: &[("signing_secret", SecretKind::ShownOnce)],
            };
            let call = cx
                .client("update_alert_webhook")?
                .keys()
                .update_alert_webhook(
                    args::required::<::nexevo_api::types::KeyId>(m, "key_id")?,
                    args::required::<::std::string::String>(m, "url")?,
                );
            cx.show(call, &ANSWER).await
        }
        ("keys", "update-geo-policy") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_geo_policy",
                secrets: &[],
            };
            let call = cx.client("update_geo_policy")?.keys().update_geo_policy(
                args::required::<::nexevo_api::types::KeyId>(m, "key_id")?,
                args::required::<::nexevo_api::types::GeoPolicy>(m, "geo_policy")?,
            );
            cx.show(call, &ANSWER).await
        }
        ("keys", "update-spend-cap") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "update_spend_cap",
                secrets: &[],
            };
            let call = cx.client("update_spend_cap")?.keys().update_spend_cap(
                args::required::<::nexevo_api::types::KeyId>(m, "key_id")?,
                args::required_money(m, "monthly_spend_cap_usd")?,
            );
            cx.show(call, &ANSWER).await
        }
        ("billing", "balance") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_balance",
                secrets: &[],
            };
            let call = cx.client("get_balance")?.billing().balance();
            cx.show(call, &ANSWER).await
        }
        ("billing", "checkout") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "create_checkout",
                secrets: &[],
            };
            let call = cx.client("create_checkout")?.billing().checkout(
                args::required_money(m, "amount_usd")?,
                args::idempotency_key(m, "idempotency_key"),
            );
            cx.show(call, &ANSWER).await
        }
        ("billing", "get-plan") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_plan",
                secrets: &[],
            };
            let call = cx.client("get_plan")?.billing().get_plan();
            cx.show(call, &ANSWER).await
        }
        ("billing", "upgrade-hint") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_upgrade_hint",
                secrets: &[],
            };
            let call = cx.client("get_upgrade_hint")?.billing().upgrade_hint();
            cx.show(call, &ANSWER).await
        }
        ("billing", "usage") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_usage",
                secrets: &[],
            };
            let mut call = cx.client("get_usage")?.billing().usage();
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "days")? {
                call = call.days(value);
            }
            cx.show(call, &ANSWER).await
        }
        ("orgs", "list") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "list_organizations",
                secrets: &[],
            };
            let mut call = cx.client("list_organizations")?.organizations().list();
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "limit")? {
                call = call.limit(value);
            }
            cx.list(call, m, &ANSWER).await
        }
        ("orgs", "create") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "create_organization",
                secrets: &[],
            };
            let call = cx
                .client("create_organization")?
                .organizations()
                .create(args::required::<::std::string::String>(m, "name")?);
            cx.show(call, &ANSWER).await
        }
        ("orgs", "get") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_organization",
                secrets: &[],
            };
            let call = cx
                .client("get_organization")?
                .organizations()
                .get(args::required::<::nexevo_api::types::OrgId>(m, "org_id")?);
            cx.show(call, &ANSWER).await
        }
        ("orgs", "list-members") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "list_members",
                secrets: &[],
            };
            let mut call = cx
                .client("list_members")?
                .organizations()
                .list_members(args::required::<::nexevo_api::types::OrgId>(m, "org_id")?);
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "limit")? {
                call = call.limit(value);
            }
            cx.list(call, m, &ANSWER).await
        }
        ("orgs", "invite-member") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "invite_member",
                secrets: &[],
            };
            let call = cx.client("invite_member")?.organizations().invite_member(
                args::required::<::nexevo_api::types::OrgId>(m, "org_id")?,
                args::required::<::nexevo_api::types::Email>(m, "email")?,
                args::required::<::nexevo_api::types::OrgRole>(m, "role")?,
            );
            cx.show(call, &ANSWER).await
        }
        ("orgs", "remove-member") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "remove_member",
                secrets: &[],
            };
            let call = cx.client("remove_member")?.organizations().remove_member(
                args::required::<::nexevo_api::types::OrgId>(m, "org_id")?,
                args::required::<::nexevo_api::types::UserId>(m, "user_id")?,
            );
            cx.done(call, &ANSWER).await
        }
        ("orgs", "change-member-role") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "change_member_role",
                secrets: &[],
            };
            let call = cx
                .client("change_member_role")?
                .organizations()
                .change_member_role(
                    args::required::<::nexevo_api::types::OrgId>(m, "org_id")?,
                    args::required::<::nexevo_api::types::UserId>(m, "user_id")?,
                    args::required::<::nexevo_api::types::OrgRole>(m, "role")?,
                );
            cx.show(call, &ANSWER).await
        }
        ("orgs", "transfer-owner") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "transfer_owner",
                secrets: &[],
            };
            let call = cx.client("transfer_owner")?.organizations().transfer_owner(
                args::required::<::nexevo_api::types::OrgId>(m, "org_id")?,
                args::required::<::nexevo_api::types::UserId>(m, "new_owner_user_id")?,
            );
            cx.show(call, &ANSWER).await
        }
        ("feedback", "submit") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "submit_feedback",
                secrets: &[],
            };
            let mut call = cx.client("submit_feedback")?.feedback().submit(
                args::required::<::nexevo_api::types::GenerationId>(m, "generation_id")?,
                args::required::<::nexevo_api::types::FeedbackRating>(m, "rating")?,
            );
            if let ::std::option::Option::Some(value) =
                args::optional::<::std::string::String>(m, "comment")?
            {
                call = call.comment(value);
            }
            let values = args::list::<::nexevo_api::types::FeedbackTag>(m, "tags")?;
            if !values.is_empty() {
                call = call.tags(values);
            }
            cx.show(call, &ANSWER).await
        }
        ("feedback", "summary") => {
            const ANSWER: AnswerOutline = AnswerOutline {
                operation: "get_feedback_summary",
                secrets: &[],
            };
            let mut call = cx.client("get_feedback_summary")?.feedback().summary();
            if let ::std::option::Option::Some(value) = args::optional::<u32>(m, "days")? {
                call = call.days(value);
            }
            cx.show(call, &ANSWER).await
        }
        _ => hand_written::run(cx, area, call, m).await,
    }
}
