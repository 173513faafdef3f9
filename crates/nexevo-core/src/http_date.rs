//! HTTP dates, as `Retry-After` may carry one.

/// The Unix seconds of an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form RFC 9110
/// asks senders to write; `None` for anything else.
pub(crate) fn http_date_seconds(text: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let [_weekday, day, month, year, time, "GMT"] = text.split_whitespace().collect::<Vec<_>>()[..]
    else {
        return None;
    };
    let month = MONTHS.iter().position(|m| *m == month)?;
    let date = nexevo_api::Date::from_ymd(
        year.parse().ok()?,
        u8::try_from(month + 1).ok()?,
        day.parse().ok()?,
    )?;
    let mut parts = time.split(':').map(|part| part.parse::<i64>().ok());
    let (hours, minutes, seconds) = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    Some(date.start().unix_seconds() + hours * 3600 + minutes * 60 + seconds)
}

#[cfg(test)]
mod tests {
    use super::http_date_seconds;

    #[test]
    fn http_dates_are_read() {
        assert_eq!(
            http_date_seconds("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            http_date_seconds("Tue, 01 Dec 2026 20:17:06 GMT"),
            Some(1_796_156_226)
        );
        assert_eq!(http_date_seconds("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(http_date_seconds("Sun, 06 Foo 1994 08:49:37 GMT"), None);
        assert_eq!(http_date_seconds("Sun, 06 Nov 1994 24:00:00 GMT"), None);
    }
}
