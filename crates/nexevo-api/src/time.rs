//! The API's timestamps and dates: small exact types of our own, read and written as RFC 3339
//! text, with conversions to `chrono` behind its feature. (A date-time library was the largest
//! dependency left in a build that uses the SDK; the API only needs to carry instants and days.)

use std::fmt;
use std::str::FromStr;

/// An instant, in UTC, to the nanosecond: the API's `Timestamp` (`2026-04-27T09:30:00Z`).
///
/// Read from RFC 3339 with any offset (normalised to UTC), written as RFC 3339 in UTC. Ordered
/// by time. With the `chrono` feature it converts to and from `chrono::DateTime<Utc>`; with
/// `schemars`, its JSON Schema is a `date-time` string.
///
/// ```
/// use nexevo_api::Timestamp;
/// let at: Timestamp = "2026-04-27T11:30:00+02:00".parse()?;
/// assert_eq!(at.to_string(), "2026-04-27T09:30:00Z");
/// assert_eq!(at.unix_seconds(), 1_777_282_200);
/// # Ok::<(), nexevo_api::time::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    seconds: i64,
    nanos: u32,
}

/// A calendar day: the API's `date` (`2026-04-27`). Ordered by time. With the `chrono` feature
/// it converts to and from `chrono::NaiveDate`; with `schemars`, its JSON Schema is a `date`
/// string.
///
/// ```
/// use nexevo_api::Date;
/// let day: Date = "2026-04-27".parse()?;
/// assert_eq!((day.year(), day.month(), day.day()), (2026, 4, 27));
/// # Ok::<(), nexevo_api::time::ParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Text that is not an RFC 3339 timestamp or date, or one outside years 0000 to 9999.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    text: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} is not an RFC 3339 date or timestamp", self.text)
    }
}

impl std::error::Error for ParseError {}

const SECONDS_PER_DAY: i64 = 86_400;

impl Timestamp {
    /// The instant `seconds` and `nanos` after 1970-01-01T00:00:00Z; `None` outside years 0000
    /// to 9999 or with `nanos` of a second or more.
    pub fn from_unix(seconds: i64, nanos: u32) -> Option<Self> {
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let in_range = nanos < 1_000_000_000
            && (days_from_civil(0, 1, 1)..=days_from_civil(9999, 12, 31)).contains(&days);
        in_range.then_some(Self { seconds, nanos })
    }

    /// Whole seconds since 1970-01-01T00:00:00Z (negative before).
    pub fn unix_seconds(&self) -> i64 {
        self.seconds
    }

    /// The nanoseconds past [`Timestamp::unix_seconds`].
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The day it falls on, in UTC.
    pub fn date(&self) -> Date {
        let (year, month, day) = civil_from_days(self.seconds.div_euclid(SECONDS_PER_DAY));
        Date { year, month, day }
    }

    /// The current time, from the system clock.
    pub fn now() -> Self {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Self {
            seconds: i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
            nanos: since.subsec_nanos(),
        }
    }
}

impl Date {
    /// The day, if it exists (years 0000 to 9999).
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        (year <= 9999 && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// The year.
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(&self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(&self) -> u8 {
        self.day
    }

    /// Midnight at the start of the day, in UTC.
    pub fn start(&self) -> Timestamp {
        Timestamp {
            seconds: days_from_civil(self.year, self.month, self.day) * SECONDS_PER_DAY,
            nanos: 0,
        }
    }
}

fn is_leap(year: u16) -> bool {
    year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: u16, month: u8, day: u8) -> i64 {
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01 (the inverse of [`days_from_civil`]), for days within
/// years 0000 to 9999.
fn civil_from_days(days: i64) -> (u16, u8, u8) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // The callers keep `days` within years 0000 to 9999, so these always fit.
    (
        u16::try_from(year).unwrap_or(0),
        u8::try_from(month).unwrap_or(1),
        u8::try_from(day).unwrap_or(1),
    )
}

/// Reads fixed-width fields off the front of ASCII text.
struct Cursor<'a> {
    bytes: &'a [u8],
}

impl Cursor<'_> {
    fn digits(&mut self, count: usize) -> Option<u32> {
        let (field, rest) = self.bytes.split_at_checked(count)?;
        self.bytes = rest;
        field.iter().try_fold(0u32, |value, &b| {
            b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
        })
    }

    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(first)
    }

    fn expect(&mut self, wanted: &[u8]) -> Option<()> {
        wanted.contains(&self.byte()?).then_some(())
    }

    fn date(&mut self) -> Option<Date> {
        let year = u16::try_from(self.digits(4)?).ok()?;
        self.expect(b"-")?;
        let month = u8::try_from(self.digits(2)?).ok()?;
        self.expect(b"-")?;
        let day = u8::try_from(self.digits(2)?).ok()?;
        Date::from_ymd(year, month, day)
    }

    /// `HH:MM:SS[.fraction](Z|±HH:MM)`, as seconds into the day (a leap second `:60` counts as
    /// the next second, as Unix time does), nanoseconds, and the offset in seconds.
    fn time(&mut self) -> Option<(i64, u32, i64)> {
        let hour = self.digits(2)?;
        self.expect(b":")?;
        let minute = self.digits(2)?;
        self.expect(b":")?;
        let second = self.digits(2)?;
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut nanos = 0u32;
        let mut next = self.byte()?;
        if next == b'.' {
            let mut scale = 100_000_000u32;
            let mut any = false;
            loop {
                next = self.byte()?;
                if !next.is_ascii_digit() {
                    break;
                }
                any = true;
                // Digits past the nanosecond are read and dropped.
                nanos += u32::from(next - b'0') * scale;
                scale /= 10;
            }
            if !any {
                return None;
            }
        }
        let offset = match next {
            b'Z' | b'z' => 0,
            b'+' | b'-' => {
                let hours = self.digits(2)?;
                self.expect(b":")?;
                let minutes = self.digits(2)?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let magnitude = i64::from(hours * 3600 + minutes * 60);
                if next == b'-' { -magnitude } else { magnitude }
            }
            _ => return None,
        };
        let seconds = i64::from(hour * 3600 + minute * 60 + second);
        Some((seconds, nanos, offset))
    }
}

impl FromStr for Date {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let mut cursor = Cursor {
            bytes: text.as_bytes(),
        };
        cursor
            .date()
            .filter(|_| cursor.bytes.is_empty())
            .ok_or_else(|| ParseError { text: text.into() })
    }
}

impl FromStr for Timestamp {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let parse = || {
            let mut cursor = Cursor {
                bytes: text.as_bytes(),
            };
            let date = cursor.date()?;
            cursor.expect(b"Tt ")?;
            let (seconds, nanos, offset) = cursor.time()?;
            if !cursor.bytes.is_empty() {
                return None;
            }
            let seconds = date.start().seconds + seconds - offset;
            Timestamp::from_unix(seconds, nanos)
        };
        parse().ok_or_else(|| ParseError { text: text.into() })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, with 0, 3, 6 or 9 digits of fraction: as few as show it exactly.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let second_of_day = self.seconds.rem_euclid(SECONDS_PER_DAY);
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date(),
            second_of_day / 3600,
            second_of_day % 3600 / 60,
            second_of_day % 60
        )?;
        match self.nanos {
            0 => {}
            n if n % 1_000_000 == 0 => write!(f, ".{:03}", n / 1_000_000)?,
            n if n % 1_000 == 0 => write!(f, ".{:06}", n / 1_000)?,
            n => write!(f, ".{n:09}")?,
        }
        f.write_str("Z")
    }
}

macro_rules! text_serde {
    ($type:ty, $expecting:literal) => {
        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct Visitor;

                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $type;

                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<$type, E> {
                        text.parse().map_err(E::custom)
                    }
                }

                deserializer.deserialize_str(Visitor)
            }
        }
    };
}

text_serde!(Timestamp, "an RFC 3339 timestamp");
text_serde!(Date, "an RFC 3339 date (YYYY-MM-DD)");

#[cfg(feature = "chrono")]
mod with_chrono {
    use super::{Date, Timestamp};

    impl From<Timestamp> for chrono::DateTime<chrono::Utc> {
        fn from(at: Timestamp) -> Self {
            // Every Timestamp (years 0000 to 9999) is within chrono's range.
            chrono::DateTime::from_timestamp(at.seconds, at.nanos).unwrap_or_default()
        }
    }

    impl From<chrono::DateTime<chrono::Utc>> for Timestamp {
        /// Saturates at years 0000 and 9999, the API's range.
        fn from(at: chrono::DateTime<chrono::Utc>) -> Self {
            let nanos = at.timestamp_subsec_nanos().min(999_999_999);
            Timestamp::from_unix(at.timestamp(), nanos).unwrap_or_else(|| {
                let (year, month, day) = if at.timestamp() < 0 {
                    (0, 1, 1)
                } else {
                    (9999, 12, 31)
                };
                Date { year, month, day }.start()
            })
        }
    }

    impl From<Date> for chrono::NaiveDate {
        fn from(day: Date) -> Self {
            chrono::NaiveDate::from_ymd_opt(
                i32::from(day.year),
                u32::from(day.month),
                u32::from(day.day),
            )
            .unwrap_or_default()
        }
    }

    impl TryFrom<chrono::NaiveDate> for Date {
        type Error = super::ParseError;

        /// Fails outside years 0000 to 9999.
        fn try_from(day: chrono::NaiveDate) -> Result<Self, Self::Error> {
            use chrono::Datelike as _;
            // Month and day always fit a `u8`; the year decides.
            u16::try_from(day.year())
                .ok()
                .and_then(|year| {
                    Date::from_ymd(
                        year,
                        u8::try_from(day.month()).ok()?,
                        u8::try_from(day.day()).ok()?,
                    )
                })
                .ok_or_else(|| super::ParseError {
                    text: day.to_string(),
                })
        }
    }
}

#[cfg(feature = "schemars")]
mod with_schemars {
    //! Their JSON Schemas, for structured outputs of types that hold them: RFC 3339 text.
    use std::borrow::Cow;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use super::{Date, Timestamp};

    impl JsonSchema for Timestamp {
        fn inline_schema() -> bool {
            true
        }

        fn schema_name() -> Cow<'static, str> {
            "Timestamp".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "string", "format": "date-time"})
        }
    }

    impl JsonSchema for Date {
        fn inline_schema() -> bool {
            true
        }

        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({"type": "string", "format": "date"})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_read_any_offset_and_write_utc() {
        let cases = [
            ("1970-01-01T00:00:00Z", 0, 0, "1970-01-01T00:00:00Z"),
            (
                "2026-04-27T09:30:00Z",
                1_777_282_200,
                0,
                "2026-04-27T09:30:00Z",
            ),
            (
                "2026-04-27t11:30:00+02:00",
                1_777_282_200,
                0,
                "2026-04-27T09:30:00Z",
            ),
            (
                "2026-04-27 04:00:00-05:30",
                1_777_282_200,
                0,
                "2026-04-27T09:30:00Z",
            ),
            (
                "2026-11-25T17:12:25.2944145Z",
                1_795_626_745,
                294_414_500,
                "2026-11-25T17:12:25.294414500Z",
            ),
            (
                "2026-11-25T17:12:25.5Z",
                1_795_626_745,
                500_000_000,
                "2026-11-25T17:12:25.500Z",
            ),
            (
                "2026-11-25T17:12:25.000001Z",
                1_795_626_745,
                1_000,
                "2026-11-25T17:12:25.000001Z",
            ),
            (
                "2026-11-25T17:12:25.1234567891Z",
                1_795_626_745,
                123_456_789,
                "2026-11-25T17:12:25.123456789Z",
            ),
            ("1969-12-31T23:59:59Z", -1, 0, "1969-12-31T23:59:59Z"),
            (
                "2024-02-29T12:00:00Z",
                1_709_208_000,
                0,
                "2024-02-29T12:00:00Z",
            ),
            (
                "2016-12-31T23:59:60Z",
                1_483_228_800,
                0,
                "2017-01-01T00:00:00Z",
            ),
            (
                "0000-01-01T00:00:00Z",
                -62_167_219_200,
                0,
                "0000-01-01T00:00:00Z",
            ),
            (
                "9999-12-31T23:59:59Z",
                253_402_300_799,
                0,
                "9999-12-31T23:59:59Z",
            ),
        ];
        for (text, seconds, nanos, written) in cases {
            let at: Timestamp = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                (at.unix_seconds(), at.subsec_nanos()),
                (seconds, nanos),
                "{text}"
            );
            assert_eq!(at.to_string(), written, "{text}");
            assert_eq!(written.parse::<Timestamp>(), Ok(at), "{written}");
        }
    }

    #[test]
    fn malformed_timestamps_are_refused() {
        for text in [
            "",
            "2026-04-27",
            "2026-04-27T09:30:00",
            "2026-04-27T09:30Z",
            "2026-04-27T24:00:00Z",
            "2026-04-27T09:60:00Z",
            "2026-04-27T09:30:61Z",
            "2026-02-30T09:30:00Z",
            "2025-02-29T09:30:00Z",
            "2026-13-01T09:30:00Z",
            "2026-04-27T09:30:00.Z",
            "2026-04-27T09:30:00+0200",
            "2026-04-27T09:30:00Z ",
            "+2026-04-27T09:30:00Z",
            "2026-04-27T09:30:00+24:00",
            "9999-12-31T23:59:59-01:00",
            "0000-01-01T00:00:00+01:00",
            "２０２６-04-27T09:30:00Z",
        ] {
            let error = text.parse::<Timestamp>().expect_err(text);
            assert!(error.to_string().contains("RFC 3339"), "{error}");
        }
    }

    #[test]
    fn dates_are_calendar_days() {
        let day: Date = "2024-02-29".parse().unwrap();
        assert_eq!((day.year(), day.month(), day.day()), (2024, 2, 29));
        assert_eq!(day.to_string(), "2024-02-29");
        assert_eq!(day.start().to_string(), "2024-02-29T00:00:00Z");
        for text in [
            "2025-02-29",
            "2026-04-31",
            "2026-4-01",
            "2026-04-01T00:00:00Z",
            "20260401",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text}");
        }
        assert!(Date::from_ymd(2026, 4, 27) < Date::from_ymd(2026, 5, 1));
    }

    #[test]
    fn every_day_round_trips_through_its_day_number() {
        // Four centuries cover every case of the Gregorian cycle, the years 1900 and 2000 among
        // them.
        let mut previous = days_from_civil(1899, 12, 31);
        for year in 1900..=2300 {
            for month in 1..=12 {
                for day in 1..=days_in_month(year, month) {
                    let number = days_from_civil(year, month, day);
                    assert_eq!(number, previous + 1, "{year}-{month}-{day}");
                    assert_eq!(civil_from_days(number), (year, month, day));
                    previous = number;
                }
            }
        }
    }

    #[test]
    fn serde_reads_and_writes_text() {
        let at: Timestamp = serde_json::from_str("\"2026-04-27T09:30:00Z\"").unwrap();
        assert_eq!(
            serde_json::to_string(&at).unwrap(),
            "\"2026-04-27T09:30:00Z\""
        );
        let error = serde_json::from_str::<Timestamp>("\"yesterday\"").unwrap_err();
        assert!(error.to_string().contains("yesterday"), "{error}");
        assert!(serde_json::from_str::<Date>("20260427").is_err());
    }

    #[test]
    fn order_is_by_time() {
        let a: Timestamp = "2026-04-27T09:30:00+02:00".parse().unwrap();
        let b: Timestamp = "2026-04-27T08:00:00Z".parse().unwrap();
        assert!(a < b);
        assert!(Timestamp::now() > b);
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_conversions_are_exact() {
        let at: Timestamp = "2026-11-25T17:12:25.294414500Z".parse().unwrap();
        let chrono: chrono::DateTime<chrono::Utc> = at.into();
        assert_eq!(chrono.to_rfc3339(), "2026-11-25T17:12:25.294414500+00:00");
        assert_eq!(Timestamp::from(chrono), at);
        let day: Date = "2024-02-29".parse().unwrap();
        let naive: chrono::NaiveDate = day.into();
        assert_eq!(Date::try_from(naive), Ok(day));
        for outside in [(10_000, 1, 1), (-1, 12, 31)] {
            let naive = chrono::NaiveDate::from_ymd_opt(outside.0, outside.1, outside.2).unwrap();
            assert!(Date::try_from(naive).is_err(), "{naive}");
        }
        let first = chrono::NaiveDate::from_ymd_opt(0, 1, 1).unwrap();
        assert_eq!(Date::try_from(first), "0000-01-01".parse());
    }
}
