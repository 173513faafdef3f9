//! Enums that stay readable when the server adds a value.

use std::fmt;

/// A value of an open enum that this version of the SDK does not know, kept as received.
///
/// It can only come from the server: a request can carry it back (say, re-sending a member's
/// role you read), but code cannot make one up, so a typo cannot reach the wire.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// The value as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parsing text into an open enum found no such value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownVariant {
    type_name: &'static str,
    value: String,
    expected: &'static [&'static str],
}

impl UnknownVariant {
    pub(crate) fn new(
        type_name: &'static str,
        value: &str,
        expected: &'static [&'static str],
    ) -> Self {
        Self {
            type_name,
            value: value.to_owned(),
            expected,
        }
    }

    /// The values that would have parsed.
    pub fn expected(&self) -> &'static [&'static str] {
        self.expected
    }
}

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a {}; expected one of {}",
            self.value,
            self.type_name,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for UnknownVariant {}

/// Implements an open enum: an enum whose last variant is `Unknown(UnknownValue)`, holding a
/// value the server sent that this version does not know. Takes the enum and its
/// `(Variant, "wire value")` pairs; serializes each variant as its wire string.
macro_rules! open_enum_impls {
    ($name:ident, [$(($variant:ident, $value:literal)),* $(,)?]) => {
        impl $name {
            /// The wire values this version knows.
            pub const KNOWN_VALUES: &'static [&'static str] = &[$($value),*];

            /// The value as it is on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $value, )*
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Whether this version knows the value (it is not `Unknown`).
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }

            fn from_wire(value: &str) -> Option<Self> {
                match value {
                    $( $value => Some(Self::$variant), )*
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                // `pad`, not `write_str`, so width and alignment (`{:<10}`) apply.
                f.pad(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::UnknownVariant;

            /// Parses a known value; unknown text is an error, since only the server may
            /// introduce a new value.
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Self::from_wire(value).ok_or_else(|| {
                    $crate::UnknownVariant::new(stringify!($name), value, Self::KNOWN_VALUES)
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                struct Visitor;
                impl ::serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " string"))
                    }
                    fn visit_str<E: ::serde::de::Error>(
                        self,
                        value: &str,
                    ) -> ::std::result::Result<$name, E> {
                        Ok($name::from_wire(value).unwrap_or_else(|| {
                            $name::Unknown($crate::UnknownValue::new(value.to_owned()))
                        }))
                    }
                    fn visit_string<E: ::serde::de::Error>(
                        self,
                        value: String,
                    ) -> ::std::result::Result<$name, E> {
                        match $name::from_wire(&value) {
                            Some(known) => Ok(known),
                            None => Ok($name::Unknown($crate::UnknownValue::new(value))),
                        }
                    }
                }
                deserializer.deserialize_str(Visitor)
            }
        }

        impl $crate::validation::Known for $name {
            fn is_known(&self) -> bool {
                $name::is_known(self)
            }
            fn known_values(&self) -> &'static [&'static str] {
                Self::KNOWN_VALUES
            }
        }
    };
}

pub(crate) use open_enum_impls;

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    /// A test enum.
    #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Policy {
        CnOnly,
        Any,
        Unknown(crate::UnknownValue),
    }
    open_enum_impls!(Policy, [(CnOnly, "cn-only"), (Any, "any")]);

    #[test]
    fn known_values_round_trip() {
        let parsed: Policy = serde_json::from_str(r#""cn-only""#).unwrap();
        assert_eq!(parsed, Policy::CnOnly);
        assert_eq!(serde_json::to_string(&parsed).unwrap(), r#""cn-only""#);
        assert_eq!("any".parse::<Policy>().unwrap(), Policy::Any);
    }

    #[test]
    fn unknown_values_are_kept_not_fatal() {
        let parsed: Vec<Policy> = serde_json::from_str(r#"["eu-only", "any"]"#).unwrap();
        assert_eq!(parsed[0].as_str(), "eu-only");
        assert!(!parsed[0].is_known());
        assert_eq!(serde_json::to_string(&parsed[0]).unwrap(), r#""eu-only""#);
        let owned: Policy = serde_json::from_value(serde_json::json!("eu-only")).unwrap();
        assert_eq!(owned, parsed[0]);
    }

    #[test]
    fn parsing_text_refuses_unknown_values() {
        let error = "eu-only".parse::<Policy>().unwrap_err();
        assert_eq!(error.expected(), &["cn-only", "any"]);
        assert!(error.to_string().contains("eu-only"));
    }
}
