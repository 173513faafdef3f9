// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! Validators for every constraint of the spec, shared by the SDK (before sending) and the sandbox (on receipt).

#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]

#[allow(unused_imports)]
use crate::types;
#[allow(unused_imports)]
use crate::validation::{Class, FieldPath, Pattern, Step, Validate, ValidationError, check};
#[allow(unused_imports)]
use std::borrow::Cow::Borrowed;
#[cfg(feature = "orgs")]
impl Validate for types::TransferOwnerRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("new_owner_user_id");
            let value = &self.new_owner_user_id;
            Validate::validate_at(value, &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl Validate for types::UserId {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(3u64),
            Some(66u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_0,
            "a user id: `u_` then letters or digits",
            &at,
        )?;
        Ok(())
    }
}
#[cfg(feature = "orgs")]
impl Validate for types::ChangeMemberRoleRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("role");
            let value = &self.role;
            check::known(value, &at)?;
        }
        {
            let at = at.field("role");
            let value = &self.role;
            check::none_of_str(value.as_str(), &["owner"], &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "orgs")]
impl Validate for types::InviteMemberRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("email");
            let value = &self.email;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("role");
            let value = &self.role;
            check::known(value, &at)?;
        }
        {
            let at = at.field("role");
            let value = &self.role;
            check::none_of_str(value.as_str(), &["owner"], &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(any(feature = "auth", feature = "orgs"))]
impl Validate for types::Email {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(3u64),
            Some(254u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_1,
            "an email address (`name@host`)",
            &at,
        )?;
        Ok(())
    }
}
#[cfg(feature = "orgs")]
impl Validate for types::CreateOrganizationRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("name");
            let value = &self.name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(100u64),
                &at,
            )?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "keys")]
impl Validate for types::UpdateSpendCapRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("monthly_spend_cap_usd");
            let value = &self.monthly_spend_cap_usd;
            if let Some(value) = (value).as_ref() {
                check::length(&value.to_string(), Some(1u64), Some(16u64), &at)?;
                check::pattern_said(
                    &value.to_string(),
                    &PATTERN_2,
                    "a plain decimal such as `100.00`: at most 7 digits before the point and 6 after",
                    &at,
                )?;
            }
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "keys")]
impl Validate for types::UpdateGeoPolicyRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("geo_policy");
            let value = &self.geo_policy;
            check::known(value, &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "keys")]
impl Validate for types::UpdateAlertWebhookRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("url");
            let value = &self.url;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(9u64),
                    Some(2048u64),
                    &at,
                )?;
                check::pattern_said(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    &PATTERN_3,
                    "an https URL, or for a sandbox a local http receiver (`http://127.0.0.1:PORT/…`, `http://localhost:PORT/…`)",
                    &at,
                )?;
            }
        }
        check::serialized_size(self, 16384u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "keys")]
impl Validate for types::CreateKeyRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("geo_policy");
            let value = &self.geo_policy;
            if let Some(value) = (value).as_ref() {
                check::known(value, &at)?;
            }
        }
        {
            let at = at.field("monthly_spend_cap_usd");
            let value = &self.monthly_spend_cap_usd;
            if let Some(value) = (value).as_ref() {
                check::length(&value.to_string(), Some(1u64), Some(16u64), &at)?;
                check::pattern_said(
                    &value.to_string(),
                    &PATTERN_2,
                    "a plain decimal such as `100.00`: at most 7 digits before the point and 6 after",
                    &at,
                )?;
            }
        }
        {
            let at = at.field("name");
            let value = &self.name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(100u64),
                &at,
            )?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "feedback")]
impl Validate for types::SubmitFeedbackRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("comment");
            let value = &self.comment;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(2000u64),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("generation_id");
            let value = &self.generation_id;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("rating");
            let value = &self.rating;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("tags");
            let value = &self.tags;
            if !value.is_empty() {
                check::items(value.len(), None, Some(10u64), &at)?;
                check::unique(value, &at)?;
                for (index, value) in value.iter().enumerate() {
                    let at = at.index(index);
                    Validate::validate_at(value, &at)?;
                }
            }
        }
        check::serialized_size(self, 16384u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "feedback")]
impl Validate for types::FeedbackTag {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(1u64),
            Some(32u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_4,
            "lowercase letters, digits and `_` only",
            &at,
        )?;
        Ok(())
    }
}
#[cfg(feature = "feedback")]
impl Validate for types::FeedbackRating {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::one_of_int(i128::from(*value), &[1i128, -1i128], &at)?;
        Ok(())
    }
}
#[cfg(any(feature = "chat", feature = "feedback"))]
impl Validate for types::GenerationId {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(5u64),
            Some(68u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_5,
            "a generation id: `gen_` then letters or digits",
            &at,
        )?;
        Ok(())
    }
}
#[cfg(feature = "conversations")]
impl Validate for types::AppendMessageRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("content");
            let value = &self.content;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(100000u64),
                &at,
            )?;
        }
        {
            let at = at.field("role");
            let value = &self.role;
            check::known(value, &at)?;
        }
        check::serialized_size(self, 1048576u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "conversations")]
impl Validate for types::UpdateConversationRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("metadata");
            let value = &self.metadata;
            if let Some(value) = (value).as_ref() {
                Validate::validate_at(value, &at)?;
            }
        }
        {
            let at = at.field("title");
            let value = &self.title;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(200u64),
                    &at,
                )?;
            }
        }
        check::serialized_size(self, 8192u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "conversations")]
impl Validate for types::Metadata {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::properties(value.len(), 64u64, &at)?;
        check::serialized_size(value, 4096u64, &at)?;
        Ok(())
    }
}
#[cfg(feature = "conversations")]
impl Validate for types::CreateConversationRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("metadata");
            let value = &self.metadata;
            if let Some(value) = (value).as_ref() {
                Validate::validate_at(value, &at)?;
            }
        }
        {
            let at = at.field("title");
            let value = &self.title;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(200u64),
                    &at,
                )?;
            }
        }
        check::serialized_size(self, 8192u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::ChatCompletionRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("frequency_penalty");
            let value = &self.frequency_penalty;
            if let Some(value) = (value).as_ref() {
                check::float_range(
                    *value,
                    Some(check::Bound {
                        value: -2f64,
                        text: "-2",
                        exclusive: false,
                    }),
                    Some(check::Bound {
                        value: 2f64,
                        text: "2",
                        exclusive: false,
                    }),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("max_tokens");
            let value = &self.max_tokens;
            if let Some(value) = (value).as_ref() {
                check::int_range(
                    i128::from(*value),
                    Some(check::Bound {
                        value: 1i128,
                        text: "1",
                        exclusive: false,
                    }),
                    Some(check::Bound {
                        value: 131072i128,
                        text: "131072",
                        exclusive: false,
                    }),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("messages");
            let value = &self.messages;
            check::items(value.len(), Some(1u64), Some(1024u64), &at)?;
            for (index, value) in value.iter().enumerate() {
                let at = at.index(index);
                Validate::validate_at(value, &at)?;
            }
        }
        {
            let at = at.field("model");
            let value = &self.model;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(128u64),
                &at,
            )?;
            check::pattern_said(
                ::std::convert::AsRef::<str>::as_ref(value),
                &PATTERN_6,
                "visible ASCII characters, with no spaces",
                &at,
            )?;
        }
        {
            let at = at.field("presence_penalty");
            let value = &self.presence_penalty;
            if let Some(value) = (value).as_ref() {
                check::float_range(
                    *value,
                    Some(check::Bound {
                        value: -2f64,
                        text: "-2",
                        exclusive: false,
                    }),
                    Some(check::Bound {
                        value: 2f64,
                        text: "2",
                        exclusive: false,
                    }),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("response_format");
            let value = &self.response_format;
            if let Some(value) = (value).as_ref() {
                Validate::validate_at(value, &at)?;
            }
        }
        {
            let at = at.field("stop");
            let value = &self.stop;
            if !value.is_empty() {
                check::items(value.len(), Some(1u64), Some(4u64), &at)?;
                for (index, value) in value.iter().enumerate() {
                    let at = at.index(index);
                    check::length(
                        ::std::convert::AsRef::<str>::as_ref(value),
                        Some(1u64),
                        Some(64u64),
                        &at,
                    )?;
                }
            }
        }
        {
            let at = at.field("temperature");
            let value = &self.temperature;
            if let Some(value) = (value).as_ref() {
                check::float_range(
                    *value,
                    Some(check::Bound {
                        value: 0f64,
                        text: "0",
                        exclusive: false,
                    }),
                    Some(check::Bound {
                        value: 2f64,
                        text: "2",
                        exclusive: false,
                    }),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("tool_choice");
            let value = &self.tool_choice;
            if let Some(value) = (value).as_ref() {
                Validate::validate_at(value, &at)?;
            }
        }
        {
            let at = at.field("tools");
            let value = &self.tools;
            if !value.is_empty() {
                check::items(value.len(), Some(1u64), Some(128u64), &at)?;
                for (index, value) in value.iter().enumerate() {
                    let at = at.index(index);
                    Validate::validate_at(value, &at)?;
                }
            }
        }
        {
            let at = at.field("top_p");
            let value = &self.top_p;
            if let Some(value) = (value).as_ref() {
                check::float_range(
                    *value,
                    Some(check::Bound {
                        value: 0f64,
                        text: "0",
                        exclusive: false,
                    }),
                    Some(check::Bound {
                        value: 1f64,
                        text: "1",
                        exclusive: false,
                    }),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("user");
            let value = &self.user;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(256u64),
                    &at,
                )?;
            }
        }
        check::serialized_size(self, 4194304u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::Tool {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("function");
            let value = &self.function;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("type");
            let value = &self.type_;
            check::known(value, &at)?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::FunctionDefinition {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("description");
            let value = &self.description;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    None,
                    Some(1024u64),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("name");
            let value = &self.name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(64u64),
                &at,
            )?;
            check::pattern_said(
                ::std::convert::AsRef::<str>::as_ref(value),
                &PATTERN_7,
                "letters, digits, `_` and `-` only",
                &at,
            )?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::ToolChoice {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        match self {
            Self::ToolChoiceMode(value) => {
                check::known(value, &at)?;
            }
            Self::NamedToolChoice(value) => {
                Validate::validate_at(value, &at)?;
            }
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::NamedToolChoice {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("function");
            let value = &self.function;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("type");
            let value = &self.type_;
            check::known(value, &at)?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::FunctionName {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("name");
            let value = &self.name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(64u64),
                &at,
            )?;
            check::pattern_said(
                ::std::convert::AsRef::<str>::as_ref(value),
                &PATTERN_7,
                "letters, digits, `_` and `-` only",
                &at,
            )?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::ResponseFormat {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("json_schema");
            let value = &self.json_schema;
            if let Some(value) = (value).as_ref() {
                Validate::validate_at(value, &at)?;
            }
        }
        {
            let at = at.field("type");
            let value = &self.type_;
            check::known(value, &at)?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::JsonSchemaFormat {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("name");
            let value = &self.name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(64u64),
                &at,
            )?;
            check::pattern_said(
                ::std::convert::AsRef::<str>::as_ref(value),
                &PATTERN_7,
                "letters, digits, `_` and `-` only",
                &at,
            )?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::ChatMessage {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("content");
            let value = &self.content;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    None,
                    Some(1000000u64),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("name");
            let value = &self.name;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(64u64),
                    &at,
                )?;
                check::pattern_said(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    &PATTERN_7,
                    "letters, digits, `_` and `-` only",
                    &at,
                )?;
            }
        }
        {
            let at = at.field("refusal");
            let value = &self.refusal;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    None,
                    Some(1000000u64),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("role");
            let value = &self.role;
            check::known(value, &at)?;
        }
        {
            let at = at.field("tool_call_id");
            let value = &self.tool_call_id;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(128u64),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("tool_calls");
            let value = &self.tool_calls;
            if !value.is_empty() {
                check::items(value.len(), Some(1u64), Some(128u64), &at)?;
                for (index, value) in value.iter().enumerate() {
                    let at = at.index(index);
                    Validate::validate_at(value, &at)?;
                }
            }
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::ToolCall {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("function");
            let value = &self.function;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("id");
            let value = &self.id;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(128u64),
                &at,
            )?;
        }
        {
            let at = at.field("type");
            let value = &self.type_;
            check::known(value, &at)?;
        }
        Ok(())
    }
}
#[cfg(feature = "chat")]
impl Validate for types::FunctionCall {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("arguments");
            let value = &self.arguments;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                None,
                Some(100000u64),
                &at,
            )?;
        }
        {
            let at = at.field("name");
            let value = &self.name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(64u64),
                &at,
            )?;
        }
        Ok(())
    }
}
#[cfg(feature = "billing")]
impl Validate for types::CheckoutRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("amount_usd");
            let value = &self.amount_usd;
            check::decimal_range(
                value.value(),
                Some(check::Bound {
                    value: ::rust_decimal::Decimal::from_i128_with_scale(0i128, 0u32),
                    text: "0",
                    exclusive: true,
                }),
                Some(check::Bound {
                    value: ::rust_decimal::Decimal::from_i128_with_scale(10000i128, 0u32),
                    text: "10000",
                    exclusive: false,
                }),
                &at,
            )?;
            check::decimal_places(value.value(), 2u32, &at)?;
        }
        {
            let at = at.field("idempotency_key");
            let value = &self.idempotency_key;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(255u64),
                &at,
            )?;
            check::pattern_said(
                ::std::convert::AsRef::<str>::as_ref(value),
                &PATTERN_6,
                "visible ASCII characters, with no spaces",
                &at,
            )?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::RegisterRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("email");
            let value = &self.email;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("full_name");
            let value = &self.full_name;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(100u64),
                    &at,
                )?;
            }
        }
        {
            let at = at.field("invitation_token");
            let value = &self.invitation_token;
            if let Some(value) = (value).as_ref() {
                check::length(value.expose(), Some(1u64), Some(256u64), &at)?;
            }
        }
        {
            let at = at.field("password");
            let value = &self.password;
            check::length(value.expose(), Some(8u64), Some(128u64), &at)?;
        }
        check::serialized_size(self, 8192u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::PasswordResetConfirmRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("new_password");
            let value = &self.new_password;
            check::length(value.expose(), Some(8u64), Some(128u64), &at)?;
        }
        {
            let at = at.field("reset_token");
            let value = &self.reset_token;
            check::length(value.expose(), Some(1u64), Some(256u64), &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::PasswordResetRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("email");
            let value = &self.email;
            Validate::validate_at(value, &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::UpdateProfileRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("full_name");
            let value = &self.full_name;
            check::length(
                ::std::convert::AsRef::<str>::as_ref(value),
                Some(1u64),
                Some(100u64),
                &at,
            )?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::LoginRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("email");
            let value = &self.email;
            Validate::validate_at(value, &at)?;
        }
        {
            let at = at.field("password");
            let value = &self.password;
            check::length(value.expose(), Some(1u64), Some(128u64), &at)?;
        }
        {
            let at = at.field("totp_code");
            let value = &self.totp_code;
            if let Some(value) = (value).as_ref() {
                Validate::validate_at(value, &at)?;
            }
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::TotpCode {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        let value = ::std::ops::Deref::deref(self);
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(6u64),
            Some(6u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_8,
            "6 digits",
            &at,
        )?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::DeactivateAccountRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("password");
            let value = &self.password;
            check::length(value.expose(), Some(1u64), Some(128u64), &at)?;
        }
        {
            let at = at.field("reason");
            let value = &self.reason;
            if let Some(value) = (value).as_ref() {
                check::length(
                    ::std::convert::AsRef::<str>::as_ref(value),
                    Some(1u64),
                    Some(500u64),
                    &at,
                )?;
            }
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::ChangePasswordRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("current_password");
            let value = &self.current_password;
            check::length(value.expose(), Some(1u64), Some(128u64), &at)?;
        }
        {
            let at = at.field("new_password");
            let value = &self.new_password;
            check::length(value.expose(), Some(8u64), Some(128u64), &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
#[cfg(feature = "auth")]
impl Validate for types::TwoFaCodeRequest {
    fn validate_at(&self, at: &FieldPath<'_>) -> Result<(), ValidationError> {
        {
            let at = at.field("code");
            let value = &self.code;
            Validate::validate_at(value, &at)?;
        }
        check::serialized_size(self, 4096u64, at)?;
        Ok(())
    }
}
/// Validators for the shared parameters (path, query and header), named after them.
pub mod params {
    #[allow(unused_imports)]
    use super::*;
    #[cfg(feature = "conversations")]
    /// Checks the `conversation_id` parameter against the spec.
    pub fn conversation_id(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("conversation_id");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(6u64),
            Some(69u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_9,
            "a conversation id: `conv_` then letters or digits",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(any(feature = "conversations", feature = "keys", feature = "orgs"))]
    /// Checks the `cursor` parameter against the spec.
    pub fn cursor(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("cursor");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(1u64),
            Some(512u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_7,
            "letters, digits, `_` and `-` only",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(any(feature = "billing", feature = "feedback"))]
    /// Checks the `days` parameter against the spec.
    pub fn days(value: u32) -> Result<(), ValidationError> {
        let at = FieldPath::top("days");
        check::int_range(
            i128::from(*&value),
            Some(check::Bound {
                value: 1i128,
                text: "1",
                exclusive: false,
            }),
            Some(check::Bound {
                value: 90i128,
                text: "90",
                exclusive: false,
            }),
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    /// Checks the `Idempotency-Key` parameter against the spec.
    pub fn idempotency_key(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("Idempotency-Key");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(1u64),
            Some(255u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_6,
            "visible ASCII characters, with no spaces",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(feature = "keys")]
    /// Checks the `key_id` parameter against the spec.
    pub fn key_id(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("key_id");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(5u64),
            Some(68u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_10,
            "a key id: `key_` then letters or digits",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(any(feature = "conversations", feature = "keys", feature = "orgs"))]
    /// Checks the `limit` parameter against the spec.
    pub fn limit(value: u32) -> Result<(), ValidationError> {
        let at = FieldPath::top("limit");
        check::int_range(
            i128::from(*&value),
            Some(check::Bound {
                value: 1i128,
                text: "1",
                exclusive: false,
            }),
            Some(check::Bound {
                value: 100i128,
                text: "100",
                exclusive: false,
            }),
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(any(feature = "chat", feature = "keys", feature = "billing"))]
    /// Checks the `Nexevo-Organization` parameter against the spec.
    pub fn nexevo_organization(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("Nexevo-Organization");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(5u64),
            Some(68u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_11,
            "an organization id: `org_` then letters or digits",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(feature = "orgs")]
    /// Checks the `org_id` parameter against the spec.
    pub fn org_id(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("org_id");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(5u64),
            Some(68u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_11,
            "an organization id: `org_` then letters or digits",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(feature = "chat")]
    /// Checks the `X-Nexevo-Provider-Key` parameter against the spec.
    pub fn provider_key(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("X-Nexevo-Provider-Key");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(8u64),
            Some(512u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_6,
            "visible ASCII characters, with no spaces",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
    #[cfg(feature = "orgs")]
    /// Checks the `user_id` parameter against the spec.
    pub fn user_id(value: &str) -> Result<(), ValidationError> {
        let at = FieldPath::top("user_id");
        check::length(
            ::std::convert::AsRef::<str>::as_ref(value),
            Some(3u64),
            Some(66u64),
            &at,
        )?;
        check::pattern_said(
            ::std::convert::AsRef::<str>::as_ref(value),
            &PATTERN_0,
            "a user id: `u_` then letters or digits",
            &at,
        )?;
        let _ = (&at, &value);
        Ok(())
    }
}
/// A request checked by its operation, given as text and JSON (for a request made by
/// method and path).
pub mod requests {
    #[allow(unused_imports)]
    use super::*;
    /// Checks a request to `operation` (an id of [`crate::OPERATIONS`]) as the typed call
    /// would before sending it: each parameter by its wire name (`parameter` answers its
    /// text, or `None` when it is not given), and the JSON body as the operation's body
    /// type with its constraints. `None` when the operation is unknown or its area is off.
    #[allow(unused_variables, clippy::redundant_closure_call)]
    pub fn check<'v>(
        operation: &str,
        parameter: &dyn Fn(&str) -> Option<&'v str>,
        body: Option<&serde_json::Value>,
    ) -> Option<Result<(), ValidationError>> {
        #[allow(unused_imports)]
        use crate::validation::Rule;
        match operation {
            #[cfg(feature = "auth")]
            "two_fa_status" => Some((|| -> Result<(), ValidationError> { Ok(()) })()),
            #[cfg(feature = "auth")]
            "disable_two_fa" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::TwoFaCodeRequest = serde_json::from_value(body.clone())
                            .map_err(|error| {
                            ValidationError::at_field(
                                "body",
                                Rule::Described(
                                    format!("{}{error}", "is not a TwoFaCodeRequest: ").into(),
                                ),
                            )
                        })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "enable_two_fa" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "verify_two_fa" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::TwoFaCodeRequest = serde_json::from_value(body.clone())
                            .map_err(|error| {
                            ValidationError::at_field(
                                "body",
                                Rule::Described(
                                    format!("{}{error}", "is not a TwoFaCodeRequest: ").into(),
                                ),
                            )
                        })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "change_password" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::ChangePasswordRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a ChangePasswordRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "deactivate_account" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::DeactivateAccountRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a DeactivateAccountRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "login" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::LoginRequest = serde_json::from_value(body.clone())
                            .map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a LoginRequest: ").into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "logout" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "me" => Some((|| -> Result<(), ValidationError> { Ok(()) })()),
            #[cfg(feature = "auth")]
            "update_profile" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::UpdateProfileRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a UpdateProfileRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "request_password_reset" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::PasswordResetRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a PasswordResetRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "confirm_password_reset" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::PasswordResetConfirmRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!(
                                            "{}{error}",
                                            "is not a PasswordResetConfirmRequest: "
                                        )
                                        .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "auth")]
            "register" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::RegisterRequest = serde_json::from_value(body.clone())
                            .map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a RegisterRequest: ").into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "billing")]
            "get_balance" => Some((|| -> Result<(), ValidationError> {
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "billing")]
            "create_checkout" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::CheckoutRequest = serde_json::from_value(body.clone())
                            .map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a CheckoutRequest: ").into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "billing")]
            "get_plan" => Some((|| -> Result<(), ValidationError> {
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "billing")]
            "get_upgrade_hint" => Some((|| -> Result<(), ValidationError> {
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "billing")]
            "get_usage" => Some((|| -> Result<(), ValidationError> {
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match parameter("days") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "days",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::days(number)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "chat")]
            "create_chat_completion" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match parameter("X-Nexevo-Provider-Key") {
                    Some(text) => {
                        params::provider_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::ChatCompletionRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a ChatCompletionRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "list_conversations" => Some((|| -> Result<(), ValidationError> {
                match parameter("limit") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "limit",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::limit(number)?;
                    }
                    None => {}
                }
                match parameter("cursor") {
                    Some(text) => {
                        params::cursor(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "create_conversation" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::CreateConversationRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!(
                                            "{}{error}",
                                            "is not a CreateConversationRequest: "
                                        )
                                        .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "get_conversation" => Some((|| -> Result<(), ValidationError> {
                match parameter("conversation_id") {
                    Some(text) => {
                        params::conversation_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "conversation_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "delete_conversation" => Some((|| -> Result<(), ValidationError> {
                match parameter("conversation_id") {
                    Some(text) => {
                        params::conversation_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "conversation_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "update_conversation" => Some((|| -> Result<(), ValidationError> {
                match parameter("conversation_id") {
                    Some(text) => {
                        params::conversation_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "conversation_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::UpdateConversationRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!(
                                            "{}{error}",
                                            "is not a UpdateConversationRequest: "
                                        )
                                        .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "list_messages" => Some((|| -> Result<(), ValidationError> {
                match parameter("conversation_id") {
                    Some(text) => {
                        params::conversation_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "conversation_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("limit") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "limit",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::limit(number)?;
                    }
                    None => {}
                }
                match parameter("cursor") {
                    Some(text) => {
                        params::cursor(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "conversations")]
            "append_message" => Some((|| -> Result<(), ValidationError> {
                match parameter("conversation_id") {
                    Some(text) => {
                        params::conversation_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "conversation_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::AppendMessageRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a AppendMessageRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "feedback")]
            "submit_feedback" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::SubmitFeedbackRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a SubmitFeedbackRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "feedback")]
            "get_feedback_summary" => Some((|| -> Result<(), ValidationError> {
                match parameter("days") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "days",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::days(number)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "list_keys" => Some((|| -> Result<(), ValidationError> {
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match parameter("limit") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "limit",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::limit(number)?;
                    }
                    None => {}
                }
                match parameter("cursor") {
                    Some(text) => {
                        params::cursor(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "create_key" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::CreateKeyRequest = serde_json::from_value(body.clone())
                            .map_err(|error| {
                            ValidationError::at_field(
                                "body",
                                Rule::Described(
                                    format!("{}{error}", "is not a CreateKeyRequest: ").into(),
                                ),
                            )
                        })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "get_key" => Some((|| -> Result<(), ValidationError> {
                match parameter("key_id") {
                    Some(text) => {
                        params::key_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "key_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "revoke_key" => Some((|| -> Result<(), ValidationError> {
                match parameter("key_id") {
                    Some(text) => {
                        params::key_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "key_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "update_alert_webhook" => Some((|| -> Result<(), ValidationError> {
                match parameter("key_id") {
                    Some(text) => {
                        params::key_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "key_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::UpdateAlertWebhookRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!(
                                            "{}{error}",
                                            "is not a UpdateAlertWebhookRequest: "
                                        )
                                        .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "update_geo_policy" => Some((|| -> Result<(), ValidationError> {
                match parameter("key_id") {
                    Some(text) => {
                        params::key_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "key_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::UpdateGeoPolicyRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a UpdateGeoPolicyRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "keys")]
            "update_spend_cap" => Some((|| -> Result<(), ValidationError> {
                match parameter("key_id") {
                    Some(text) => {
                        params::key_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "key_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::UpdateSpendCapRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a UpdateSpendCapRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "chat")]
            "list_models" => Some((|| -> Result<(), ValidationError> {
                match parameter("Nexevo-Organization") {
                    Some(text) => {
                        params::nexevo_organization(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "list_organizations" => Some((|| -> Result<(), ValidationError> {
                match parameter("limit") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "limit",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::limit(number)?;
                    }
                    None => {}
                }
                match parameter("cursor") {
                    Some(text) => {
                        params::cursor(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "create_organization" => Some((|| -> Result<(), ValidationError> {
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::CreateOrganizationRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!(
                                            "{}{error}",
                                            "is not a CreateOrganizationRequest: "
                                        )
                                        .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "get_organization" => Some((|| -> Result<(), ValidationError> {
                match parameter("org_id") {
                    Some(text) => {
                        params::org_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "org_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "list_members" => Some((|| -> Result<(), ValidationError> {
                match parameter("org_id") {
                    Some(text) => {
                        params::org_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "org_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("limit") {
                    Some(text) => {
                        let number = text.trim().parse().map_err(|_| {
                            ValidationError::at_field(
                                "limit",
                                Rule::Described(Borrowed("must be a whole number")),
                            )
                        })?;
                        params::limit(number)?;
                    }
                    None => {}
                }
                match parameter("cursor") {
                    Some(text) => {
                        params::cursor(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "invite_member" => Some((|| -> Result<(), ValidationError> {
                match parameter("org_id") {
                    Some(text) => {
                        params::org_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "org_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::InviteMemberRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a InviteMemberRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "remove_member" => Some((|| -> Result<(), ValidationError> {
                match parameter("org_id") {
                    Some(text) => {
                        params::org_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "org_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("user_id") {
                    Some(text) => {
                        params::user_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "user_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "change_member_role" => Some((|| -> Result<(), ValidationError> {
                match parameter("org_id") {
                    Some(text) => {
                        params::org_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "org_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("user_id") {
                    Some(text) => {
                        params::user_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "user_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::ChangeMemberRoleRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a ChangeMemberRoleRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            #[cfg(feature = "orgs")]
            "transfer_owner" => Some((|| -> Result<(), ValidationError> {
                match parameter("org_id") {
                    Some(text) => {
                        params::org_id(text)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "org_id",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                match parameter("Idempotency-Key") {
                    Some(text) => {
                        params::idempotency_key(text)?;
                    }
                    None => {}
                }
                match body {
                    Some(body) => {
                        let typed: types::TransferOwnerRequest =
                            serde_json::from_value(body.clone()).map_err(|error| {
                                ValidationError::at_field(
                                    "body",
                                    Rule::Described(
                                        format!("{}{error}", "is not a TransferOwnerRequest: ")
                                            .into(),
                                    ),
                                )
                            })?;
                        Validate::validate(&typed)?;
                    }
                    None => {
                        return Err(ValidationError::at_field(
                            "body",
                            Rule::Described(Borrowed("is required")),
                        ));
                    }
                }
                Ok(())
            })()),
            _ => None,
        }
    }
}
#[allow(dead_code)]
static PATTERN_0: Pattern = Pattern::from_compiled(
    "^u_[A-Za-z0-9]{1,64}$",
    &[
        Step::Literal(Borrowed("u_")),
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[('A', 'Z'), ('a', 'z'), ('0', '9')]),
                negated: false,
            },
            min: 1u32,
            max: Some(64u32),
        },
    ],
);
#[allow(dead_code)]
static PATTERN_1: Pattern = Pattern::from_compiled(
    "^[^@\\s]+@[^@\\s]+$",
    &[
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[
                    ('@', '@'),
                    ('\t', '\r'),
                    (' ', ' '),
                    ('\u{a0}', '\u{a0}'),
                    ('\u{1680}', '\u{1680}'),
                    ('\u{2000}', '\u{200a}'),
                    ('\u{2028}', '\u{2029}'),
                    ('\u{202f}', '\u{202f}'),
                    ('\u{205f}', '\u{205f}'),
                    ('\u{3000}', '\u{3000}'),
                    ('\u{feff}', '\u{feff}'),
                ]),
                negated: true,
            },
            min: 1u32,
            max: None,
        },
        Step::Literal(Borrowed("@")),
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[
                    ('@', '@'),
                    ('\t', '\r'),
                    (' ', ' '),
                    ('\u{a0}', '\u{a0}'),
                    ('\u{1680}', '\u{1680}'),
                    ('\u{2000}', '\u{200a}'),
                    ('\u{2028}', '\u{2029}'),
                    ('\u{202f}', '\u{202f}'),
                    ('\u{205f}', '\u{205f}'),
                    ('\u{3000}', '\u{3000}'),
                    ('\u{feff}', '\u{feff}'),
                ]),
                negated: true,
            },
            min: 1u32,
            max: None,
        },
    ],
);
#[allow(dead_code)]
static PATTERN_2: Pattern = Pattern::from_compiled(
    "^[0-9]{1,7}(\\.[0-9]{1,6})?$",
    &[
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[('0', '9')]),
                negated: false,
            },
            min: 1u32,
            max: Some(7u32),
        },
        Step::Optional(Borrowed(&[
            Step::Literal(Borrowed(".")),
            Step::Repeat {
                class: Class {
                    ranges: Borrowed(&[('0', '9')]),
                    negated: false,
                },
                min: 1u32,
                max: Some(6u32),
            },
        ])),
    ],
);
#[allow(dead_code)]
static PATTERN_3: Pattern = Pattern::from_compiled(
    "^(https://[^\\s]+|http://(127\\.0\\.0\\.1|localhost)(:[0-9]{1,5})?(/[^\\s]*)?)$",
    &[Step::Either(Borrowed(&[
        Borrowed(&[
            Step::Literal(Borrowed("https://")),
            Step::Repeat {
                class: Class {
                    ranges: Borrowed(&[
                        ('\t', '\r'),
                        (' ', ' '),
                        ('\u{a0}', '\u{a0}'),
                        ('\u{1680}', '\u{1680}'),
                        ('\u{2000}', '\u{200a}'),
                        ('\u{2028}', '\u{2029}'),
                        ('\u{202f}', '\u{202f}'),
                        ('\u{205f}', '\u{205f}'),
                        ('\u{3000}', '\u{3000}'),
                        ('\u{feff}', '\u{feff}'),
                    ]),
                    negated: true,
                },
                min: 1u32,
                max: None,
            },
        ]),
        Borrowed(&[
            Step::Literal(Borrowed("http://")),
            Step::Either(Borrowed(&[
                Borrowed(&[Step::Literal(Borrowed("127.0.0.1"))]),
                Borrowed(&[Step::Literal(Borrowed("localhost"))]),
            ])),
            Step::Optional(Borrowed(&[
                Step::Literal(Borrowed(":")),
                Step::Repeat {
                    class: Class {
                        ranges: Borrowed(&[('0', '9')]),
                        negated: false,
                    },
                    min: 1u32,
                    max: Some(5u32),
                },
            ])),
            Step::Optional(Borrowed(&[
                Step::Literal(Borrowed("/")),
                Step::Repeat {
                    class: Class {
                        ranges: Borrowed(&[
                            ('\t', '\r'),
                            (' ', ' '),
                            ('\u{a0}', '\u{a0}'),
                            ('\u{1680}', '\u{1680}'),
                            ('\u{2000}', '\u{200a}'),
                            ('\u{2028}', '\u{2029}'),
                            ('\u{202f}', '\u{202f}'),
                            ('\u{205f}', '\u{205f}'),
                            ('\u{3000}', '\u{3000}'),
                            ('\u{feff}', '\u{feff}'),
                        ]),
                        negated: true,
                    },
                    min: 0u32,
                    max: None,
                },
            ])),
        ]),
    ]))],
);
#[allow(dead_code)]
static PATTERN_4: Pattern = Pattern::from_compiled(
    "^[a-z0-9_]+$",
    &[Step::Repeat {
        class: Class {
            ranges: Borrowed(&[('a', 'z'), ('0', '9'), ('_', '_')]),
            negated: false,
        },
        min: 1u32,
        max: None,
    }],
);
#[allow(dead_code)]
static PATTERN_5: Pattern = Pattern::from_compiled(
    "^gen_[A-Za-z0-9]{1,64}$",
    &[
        Step::Literal(Borrowed("gen_")),
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[('A', 'Z'), ('a', 'z'), ('0', '9')]),
                negated: false,
            },
            min: 1u32,
            max: Some(64u32),
        },
    ],
);
#[allow(dead_code)]
static PATTERN_6: Pattern = Pattern::from_compiled(
    "^[!-~]+$",
    &[Step::Repeat {
        class: Class {
            ranges: Borrowed(&[('!', '~')]),
            negated: false,
        },
        min: 1u32,
        max: None,
    }],
);
#[allow(dead_code)]
static PATTERN_7: Pattern = Pattern::from_compiled(
    "^[A-Za-z0-9_-]+$",
    &[Step::Repeat {
        class: Class {
            ranges: Borrowed(&[('A', 'Z'), ('a', 'z'), ('0', '9'), ('_', '_'), ('-', '-')]),
            negated: false,
        },
        min: 1u32,
        max: None,
    }],
);
#[allow(dead_code)]
static PATTERN_8: Pattern = Pattern::from_compiled(
    "^[0-9]{6}$",
    &[Step::Repeat {
        class: Class {
            ranges: Borrowed(&[('0', '9')]),
            negated: false,
        },
        min: 6u32,
        max: Some(6u32),
    }],
);
#[allow(dead_code)]
static PATTERN_9: Pattern = Pattern::from_compiled(
    "^conv_[A-Za-z0-9]{1,64}$",
    &[
        Step::Literal(Borrowed("conv_")),
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[('A', 'Z'), ('a', 'z'), ('0', '9')]),
                negated: false,
            },
            min: 1u32,
            max: Some(64u32),
        },
    ],
);
#[allow(dead_code)]
static PATTERN_10: Pattern = Pattern::from_compiled(
    "^key_[A-Za-z0-9]{1,64}$",
    &[
        Step::Literal(Borrowed("key_")),
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[('A', 'Z'), ('a', 'z'), ('0', '9')]),
                negated: false,
            },
            min: 1u32,
            max: Some(64u32),
        },
    ],
);
#[allow(dead_code)]
static PATTERN_11: Pattern = Pattern::from_compiled(
    "^org_[A-Za-z0-9]{1,64}$",
    &[
        Step::Literal(Borrowed("org_")),
        Step::Repeat {
            class: Class {
                ranges: Borrowed(&[('A', 'Z'), ('a', 'z'), ('0', '9')]),
                negated: false,
            },
            min: 1u32,
            max: Some(64u32),
        },
    ],
);
/// Every pattern, for the test that checks each against a regex engine.
#[cfg(test)]
pub(crate) static PATTERNS: &[&Pattern] = &[
    &PATTERN_0,
    &PATTERN_1,
    &PATTERN_2,
    &PATTERN_3,
    &PATTERN_4,
    &PATTERN_5,
    &PATTERN_6,
    &PATTERN_7,
    &PATTERN_8,
    &PATTERN_9,
    &PATTERN_10,
    &PATTERN_11,
];
