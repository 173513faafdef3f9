//! `nexevo billing usage`: the daily cost as a bar chart, each bar split by tier, with the
//! totals. Amounts are computed as decimals, never floats, so the printed figures are the
//! server's to the cent.

use std::fmt::Write as _;
use std::str::FromStr as _;

use rust_decimal::Decimal;
use serde_json::Value;

/// The widest bar, in characters.
const BAR_WIDTH: u32 = 40;

/// The tiers in the order the bars show them, each with its glyph; a tier the CLI does not
/// know yet comes after them, drawn with `·`.
const TIERS: [(&str, char); 4] = [
    ("fast", '█'),
    ("balanced", '▓'),
    ("passthrough", '▒'),
    ("byok", '░'),
];
const OTHER_TIER: char = '·';

/// One tier's share of a day or of the period.
struct Share {
    tier: String,
    cost: Decimal,
    requests: u64,
}

fn decimal(value: &Value) -> Option<Decimal> {
    Decimal::from_str(value.as_str()?).ok()
}

fn shares(by_tier: &Value) -> Option<Vec<Share>> {
    let map = by_tier.as_object()?;
    let mut shares: Vec<Share> = map
        .iter()
        .map(|(tier, usage)| {
            Some(Share {
                tier: tier.clone(),
                cost: decimal(usage.get("cost_usd")?)?,
                requests: usage.get("requests")?.as_u64()?,
            })
        })
        .collect::<Option<_>>()?;
    shares.sort_by_key(|share| {
        TIERS
            .iter()
            .position(|(tier, _)| *tier == share.tier)
            .unwrap_or(TIERS.len())
    });
    Some(shares)
}

fn glyph(tier: &str) -> char {
    TIERS
        .iter()
        .find(|(name, _)| *name == tier)
        .map_or(OTHER_TIER, |(_, glyph)| *glyph)
}

/// The chart of a `Usage` answer; `None` when the answer is not one (then it is shown as any
/// other answer).
pub(crate) fn render(usage: &Value) -> Option<String> {
    let days = usage.get("days")?.as_u64()?;
    let total = decimal(usage.get("total_cost_usd")?)?;
    let requests = usage.get("total_requests")?.as_u64()?;
    let totals = shares(usage.get("by_tier")?)?;
    let daily = usage
        .get("daily")?
        .as_array()?
        .iter()
        .map(|day| {
            Some((
                day.get("date")?.as_str()?.to_owned(),
                decimal(day.get("cost_usd")?)?,
                day.get("requests")?.as_u64()?,
                shares(day.get("by_tier")?)?,
            ))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut out = String::new();
    let plural = if days == 1 { "" } else { "s" };
    let _ = writeln!(
        out,
        "Usage over {days} day{plural}: ${total} in {requests} request{}\n",
        if requests == 1 { "" } else { "s" }
    );
    let legend: Vec<String> = totals
        .iter()
        .map(|share| format!("{} {}", glyph(&share.tier), share.tier))
        .collect();
    let date_width = daily
        .iter()
        .map(|(date, ..)| date.len())
        .max()
        .unwrap_or(10);
    let _ = writeln!(out, "{:date_width$}  {}", "", legend.join("  "));
    let most = daily
        .iter()
        .map(|(_, cost, ..)| *cost)
        .max()
        .unwrap_or_default();
    let width = usize::try_from(BAR_WIDTH).unwrap_or(40);
    for (date, cost, requests, shares) in &daily {
        let bar = bar(shares, most);
        let _ = writeln!(
            out,
            "{date:date_width$}  {bar:width$}  ${cost} ({requests})"
        );
    }
    let _ = writeln!(out, "\n{:<12}  {:>12}  {:>8}", "tier", "cost", "requests");
    for share in &totals {
        let _ = writeln!(
            out,
            "{:<12}  {:>12}  {:>8}",
            share.tier,
            format!("${}", share.cost),
            share.requests
        );
    }
    let _ = writeln!(
        out,
        "{:<12}  {:>12}  {:>8}",
        "total",
        format!("${total}"),
        requests
    );
    Some(out)
}

/// A day's bar: its length the day's cost against the costliest day's, each tier's part the
/// tier's share. Parts are cut at rounded running totals, so they add up to the bar exactly.
fn bar(shares: &[Share], most: Decimal) -> String {
    if most <= Decimal::ZERO {
        return String::new();
    }
    let width = Decimal::from(BAR_WIDTH);
    let mut running = Decimal::ZERO;
    let mut drawn = 0u32;
    let mut bar = String::new();
    for share in shares {
        running += share.cost.max(Decimal::ZERO);
        let end = (running * width / most)
            .round()
            .min(width)
            .try_into()
            .unwrap_or(0u32);
        for _ in drawn..end {
            bar.push(glyph(&share.tier));
        }
        drawn = drawn.max(end);
    }
    bar
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn tiers(fast: &str, balanced: &str) -> Value {
        json!({
            "fast": {"cost_usd": fast, "requests": 1},
            "balanced": {"cost_usd": balanced, "requests": 2},
            "passthrough": {"cost_usd": "0", "requests": 0},
            "byok": {"cost_usd": "0", "requests": 0},
        })
    }

    #[test]
    fn each_day_is_a_bar_split_by_tier_with_exact_totals() {
        let usage = json!({
            "days": 2,
            "total_cost_usd": "0.30",
            "total_requests": 6,
            "by_tier": tiers("0.10", "0.20"),
            "daily": [
                {"date": "2026-04-27", "cost_usd": "0.20", "requests": 3, "by_tier": tiers("0.05", "0.15")},
                {"date": "2026-04-28", "cost_usd": "0.10", "requests": 3, "by_tier": tiers("0.05", "0.05")},
            ],
        });
        let chart = render(&usage).unwrap_or_default();
        let lines: Vec<&str> = chart.lines().collect();
        assert_eq!(lines[0], "Usage over 2 days: $0.30 in 6 requests");
        let first = lines[3];
        assert!(first.starts_with("2026-04-27  "), "{first}");
        assert_eq!(first.matches('█').count(), 10, "{first}");
        assert_eq!(first.matches('▓').count(), 30, "{first}");
        assert!(first.ends_with("$0.20 (3)"), "{first}");
        let second = lines[4];
        assert_eq!(
            second.matches('█').count() + second.matches('▓').count(),
            20
        );
        assert!(
            chart.contains("total                $0.30         6"),
            "{chart}"
        );
    }

    #[test]
    fn an_answer_of_another_shape_is_left_to_the_summary() {
        assert!(render(&json!({"days": 1})).is_none());
    }
}
