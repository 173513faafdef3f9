//! A decimal that travels as a JSON number, written and read exactly.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::Error as _;
use serde_json::value::RawValue;

/// A [`Decimal`] that is a JSON *number* on the wire (the checkout's `amount_usd`), written and
/// read digit for digit.
///
/// serde_json can only write a number it holds as `f64`, `i64` or `u64`, so `20.10` would pass
/// through binary floating point. This type writes the decimal's own digits as raw JSON instead,
/// and reads a number back from its raw text, without serde_json's `arbitrary_precision`
/// feature (which would change number handling in every crate of a user's build).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DecimalNumber(Decimal);

impl DecimalNumber {
    /// Wraps a decimal.
    pub const fn new(value: Decimal) -> Self {
        Self(value)
    }

    /// The decimal.
    pub const fn value(&self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for DecimalNumber {
    fn from(value: Decimal) -> Self {
        Self(value)
    }
}

impl From<DecimalNumber> for Decimal {
    fn from(value: DecimalNumber) -> Self {
        value.0
    }
}

impl fmt::Display for DecimalNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for DecimalNumber {
    type Err = rust_decimal::Error;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        parse_json_number(text).map(Self)
    }
}

/// Reads a JSON number's text exactly: plain (`20.10`) or with an exponent (`2.5e1`).
fn parse_json_number(text: &str) -> Result<Decimal, rust_decimal::Error> {
    if text.contains(['e', 'E']) {
        Decimal::from_scientific(text)
    } else {
        Decimal::from_str_exact(text)
    }
}

impl serde::Serialize for DecimalNumber {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // `Decimal`'s Display never uses an exponent or a leading `+`, so its text is a valid
        // JSON number as it is.
        let raw = RawValue::from_string(self.0.to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }
}

impl<'de> serde::Deserialize<'de> for DecimalNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get();
        if !text.starts_with(|c: char| c == '-' || c.is_ascii_digit()) {
            return Err(D::Error::custom(format_args!(
                "expected a JSON number, found {text}"
            )));
        }
        parse_json_number(text)
            .map(Self)
            .map_err(|e| D::Error::custom(format_args!("{text} is not a decimal number: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn writes_the_digits_as_a_json_number() {
        let body = serde_json::to_string(&serde_json::json!({ "a": 1 })).unwrap();
        assert_eq!(body, r#"{"a":1}"#);
        for (value, wire) in [
            (dec!(20), "20"),
            (dec!(20.10), "20.10"),
            (dec!(0.1), "0.1"),
            (
                dec!(12345678901234567890.123456789),
                "12345678901234567890.123456789",
            ),
        ] {
            assert_eq!(
                serde_json::to_string(&DecimalNumber::new(value)).unwrap(),
                wire
            );
        }
    }

    #[test]
    fn reads_numbers_exactly_and_refuses_other_json() {
        for (wire, value) in [
            ("20", dec!(20)),
            ("20.10", dec!(20.10)),
            (
                "12345678901234567890.123456789",
                dec!(12345678901234567890.123456789),
            ),
            ("2.5e1", dec!(25)),
        ] {
            let parsed: DecimalNumber = serde_json::from_str(wire).unwrap();
            assert_eq!(parsed.value(), value, "{wire}");
        }
        for wire in [r#""20""#, "null", "true", "[]"] {
            assert!(
                serde_json::from_str::<DecimalNumber>(wire).is_err(),
                "{wire}"
            );
        }
    }

    #[test]
    fn round_trips_inside_a_struct() {
        #[derive(serde::Serialize, serde::Deserialize)]
        struct Body {
            amount_usd: DecimalNumber,
        }
        let text = serde_json::to_string(&Body {
            amount_usd: dec!(0.30).into(),
        })
        .unwrap();
        assert_eq!(text, r#"{"amount_usd":0.30}"#);
        let back: Body = serde_json::from_str(&text).unwrap();
        assert_eq!(back.amount_usd.value().to_string(), "0.30");
    }
}
