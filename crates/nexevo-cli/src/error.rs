//! What can go wrong, and the exit code each says to a script.

use std::fmt;
use std::fmt::Write as _;

/// Why a command did not succeed. Each kind has its exit code: 1 for what the API or the network
/// answered, 2 for what was asked wrongly (found before anything was sent), 130 for Ctrl-C.
#[derive(Debug)]
pub(crate) enum CliError {
    /// The command line or the configuration is wrong (exit 2).
    Usage(String),
    /// The call failed: the SDK's error (exit 1; 2 when it was refused before sending).
    Sdk(nexevo::Error),
    /// The server could not be reached, or did not answer in time (exit 1): the SDK's error,
    /// and the server it was sent to.
    Unreachable {
        /// What the SDK said.
        error: nexevo::Error,
        /// The base URL the call went to.
        server: String,
    },
    /// Something on this machine failed: a config file, a terminal (exit 1).
    Local(String),
    /// Ctrl-C (exit 130).
    Interrupted,
}

/// Exit codes, as the README documents them.
pub(crate) const EXIT_FAILURE: u8 = 1;
pub(crate) const EXIT_USAGE: u8 = 2;
pub(crate) const EXIT_INTERRUPTED: u8 = 130;

impl CliError {
    pub(crate) fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => EXIT_USAGE,
            Self::Sdk(error) if refused_before_sending(error) => EXIT_USAGE,
            Self::Sdk(_) | Self::Unreachable { .. } | Self::Local(_) => EXIT_FAILURE,
            Self::Interrupted => EXIT_INTERRUPTED,
        }
    }

    /// The same error, naming `server` when it is one of not reaching it: a connection that
    /// failed, or a time limit that ran out.
    pub(crate) fn naming_server(self, server: &str) -> Self {
        match self {
            Self::Sdk(
                error @ (nexevo::Error::Timeout { .. } | nexevo::Error::Connection { .. }),
            ) => Self::Unreachable {
                error,
                server: server.to_owned(),
            },
            other => other,
        }
    }

    /// The error as stderr shows it: its message, and for an API error its status, code and
    /// request id on lines of their own, for a script to grep. `output::note` writes it (a
    /// server's words escaped on a terminal, as every note is); this module reads no output.
    pub(crate) fn report(&self) -> String {
        let mut text = format!("error: {self}");
        if let Self::Sdk(error) = self {
            if let Some(api) = error.as_api() {
                let _ = write!(text, "\n  status: {}\n  code: {}", api.status, api.code);
                if let Some(field) = &api.field {
                    let _ = write!(text, "\n  field: {field}");
                }
            }
            if let Some(id) = error.request_id() {
                let _ = write!(text, "\n  request id: {id}");
            }
        }
        text
    }
}

/// An SDK error that says the request was wrong before it was sent: a broken rule of the spec
/// (naming its field) or a setting the client could not take.
fn refused_before_sending(error: &nexevo::Error) -> bool {
    matches!(
        error,
        nexevo::Error::Validation(_)
            | nexevo::Error::Config(_)
            | nexevo::Error::InsecureBaseUrl { .. }
            | nexevo::Error::UnknownOperation { .. }
    )
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Usage(message) | Self::Local(message) => f.write_str(message),
            Self::Sdk(nexevo::Error::Api(api)) => {
                write!(f, "{} {}: {}", api.status, api.code, api.message)
            }
            Self::Sdk(error) => error.fmt(f),
            Self::Unreachable {
                error: error @ nexevo::Error::Timeout { .. },
                server,
            } => write!(f, "no answer in time from {server}: {error}"),
            Self::Unreachable { error, server } => write!(f, "could not reach {server}: {error}"),
            Self::Interrupted => f.write_str("interrupted"),
        }
    }
}

impl From<nexevo::Error> for CliError {
    fn from(error: nexevo::Error) -> Self {
        Self::Sdk(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_exit_code() {
        assert_eq!(CliError::Usage("x".into()).exit_code(), 2);
        assert_eq!(CliError::Local("x".into()).exit_code(), 1);
        assert_eq!(CliError::Interrupted.exit_code(), 130);
        assert_eq!(
            CliError::Sdk(nexevo::Error::Config("x".into())).exit_code(),
            2
        );
        assert_eq!(
            CliError::Sdk(nexevo::Error::Timeout {
                attempts: 3,
                limit: nexevo::TimeLimit::Attempt(std::time::Duration::from_secs(1)),
            })
            .exit_code(),
            1
        );
    }
}
