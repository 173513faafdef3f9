//! A tool call's arguments as the Rust type the tool was offered with
//! (`ChatRequest::tool::<A>` in `nexevo-chat`): the API sends them as JSON text.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::types::ToolCall;

impl ToolCall {
    /// The call's arguments as an `A`, or where and why they are not one.
    ///
    /// ```
    /// # use nexevo_api::types::{FunctionCall, ToolCall, ToolType};
    /// #[derive(serde::Deserialize)]
    /// struct Weather {
    ///     city: String,
    /// }
    ///
    /// let call = ToolCall {
    ///     id: "call_1".into(),
    ///     type_: ToolType::Function,
    ///     function: FunctionCall { name: "get_weather".into(), arguments: r#"{"city":"Lyon"}"#.into() },
    /// };
    /// assert_eq!(call.parse_arguments::<Weather>()?.city, "Lyon");
    /// # Ok::<(), nexevo_api::ToolArgumentsError>(())
    /// ```
    pub fn parse_arguments<A: DeserializeOwned>(&self) -> Result<A, ToolArgumentsError> {
        let text = self.function.arguments.as_str();
        let mut reader = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut reader)
            .map_err(|error| (error.path().to_string(), error.into_inner().to_string()))
            .and_then(|arguments| {
                reader
                    .end()
                    .map(|()| arguments)
                    .map_err(|error| (String::new(), error.to_string()))
            })
            .map_err(|(path, message)| ToolArgumentsError {
                tool: self.function.name.clone(),
                path,
                message,
                text: text.to_owned(),
            })
    }
}

/// A tool call's arguments that are not the type asked for: which tool, where, what serde said,
/// and the text as the model wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolArgumentsError {
    tool: String,
    path: String,
    message: String,
    text: String,
}

impl ToolArgumentsError {
    /// The tool the call named.
    pub fn tool(&self) -> &str {
        &self.tool
    }

    /// Where in the arguments (serde's path, `days` or `stops[1].city`; empty or `.` at the
    /// root).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What serde said.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The arguments as the model wrote them.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ToolArgumentsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() || self.path == "." {
            String::new()
        } else {
            format!(" at {}", self.path)
        };
        write!(
            f,
            "the arguments of a call of `{}` are not the tool's type{at}: {}",
            self.tool, self.message
        )
    }
}

impl std::error::Error for ToolArgumentsError {}
