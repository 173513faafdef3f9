//! Secrets in generated types.

use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A secret string (a password, API key, session token, TOTP secret): sent and received as a
/// plain JSON string, but never shown by `Debug` or `Display`, and wiped from memory on drop.
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(SecretString::from(value.into()))
    }

    /// The secret itself. Every call site is a place the secret leaves our hands: keep them few.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([REDACTED])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

impl From<SecretString> for Secret {
    fn from(value: SecretString) -> Self {
        Self(value)
    }
}

impl From<Secret> for SecretString {
    fn from(value: Secret) -> Self {
        value.0
    }
}

impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose())
    }
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_secret_but_sends_it() {
        let secret = Secret::new("nx-live-sentinel");
        assert!(!format!("{secret:?} {secret} {secret:#?}").contains("sentinel"));
        assert_eq!(
            serde_json::to_string(&secret).unwrap(),
            r#""nx-live-sentinel""#
        );
        let back: Secret = serde_json::from_str(r#""nx-live-sentinel""#).unwrap();
        assert_eq!(back.expose(), "nx-live-sentinel");
    }
}
