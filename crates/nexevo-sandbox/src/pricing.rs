//! The sandbox's price table, token counting and plans. Every figure is an exact decimal, and
//! a call's cost is never rounded, so a balance falls by exactly the sum of the costs.
//!
//! | model | tier | input / output, USD per million tokens |
//! |---|---|---|
//! | `nexevo/fast` | fast | 0.20 / 0.60 |
//! | `nexevo/balanced` | balanced | 1.00 / 3.00 |
//! | a model in [`PASSTHROUGH_MODELS`] | passthrough | its provider price + 5% |
//! | any other model name | passthrough | 0.50 / 1.50 + 5% |
//! | any model with `X-Nexevo-Provider-Key` | byok | 0.05 / 0.05 (routing only) |
//!
//! Tokens are counted as one per started group of four characters of content, plus four per
//! message; plans discount usage (`pro` 20%, `scale` 35%).

use nexevo_api::types::{PlanId, Tier};
use rust_decimal::Decimal;

/// `mantissa × 10^-scale`, as a constant.
const fn usd(mantissa: u32, scale: u32) -> Decimal {
    Decimal::from_parts(mantissa, 0, 0, false, scale)
}

/// Prices of a model, per million tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Price {
    pub(crate) input_per_million: Decimal,
    pub(crate) output_per_million: Decimal,
}

/// The flat-price tiers.
pub(crate) const FAST: Price = Price {
    input_per_million: usd(20, 2),
    output_per_million: usd(60, 2),
};
pub(crate) const BALANCED: Price = Price {
    input_per_million: usd(100, 2),
    output_per_million: usd(300, 2),
};
/// Bring-your-own-key: the provider bills the model; Nexevo bills routing.
pub(crate) const BYOK: Price = Price {
    input_per_million: usd(5, 2),
    output_per_million: usd(5, 2),
};
/// Provider price of a passthrough model not in the catalogue.
const DEFAULT_PROVIDER: Price = Price {
    input_per_million: usd(50, 2),
    output_per_million: usd(150, 2),
};

/// Provider prices of the catalogue's passthrough models (before the 5% surcharge).
pub(crate) const PASSTHROUGH_MODELS: [(&str, &str, Price); 3] = [
    (
        "openai/gpt-4o-mini",
        "openai",
        Price {
            input_per_million: usd(15, 2),
            output_per_million: usd(60, 2),
        },
    ),
    (
        "anthropic/claude-3-5-haiku",
        "anthropic",
        Price {
            input_per_million: usd(80, 2),
            output_per_million: usd(400, 2),
        },
    ),
    (
        "deepseek/deepseek-chat",
        "deepseek",
        Price {
            input_per_million: usd(27, 2),
            output_per_million: usd(110, 2),
        },
    ),
];

/// The passthrough surcharge, ×1.05.
const PASSTHROUGH_FACTOR: Decimal = usd(105, 2);

/// The tier and price of a call.
pub(crate) fn route(model: &str, bring_your_own_key: bool) -> (Tier, Price) {
    if bring_your_own_key {
        return (Tier::Byok, BYOK);
    }
    match model {
        "nexevo/fast" => (Tier::Fast, FAST),
        "nexevo/balanced" => (Tier::Balanced, BALANCED),
        other => {
            let provider = PASSTHROUGH_MODELS
                .iter()
                .find(|(name, _, _)| *name == other)
                .map_or(DEFAULT_PROVIDER, |(_, _, price)| *price);
            (Tier::Passthrough, passthrough(provider))
        }
    }
}

/// A provider price with the passthrough surcharge.
pub(crate) fn passthrough(provider: Price) -> Price {
    Price {
        input_per_million: provider.input_per_million * PASSTHROUGH_FACTOR,
        output_per_million: provider.output_per_million * PASSTHROUGH_FACTOR,
    }
}

/// The list cost of a call: exact, unrounded.
pub(crate) fn cost(price: Price, prompt_tokens: u32, completion_tokens: u32) -> Decimal {
    let million = Decimal::from(1_000_000u32);
    (Decimal::from(prompt_tokens) * price.input_per_million
        + Decimal::from(completion_tokens) * price.output_per_million)
        / million
}

/// Tokens in a text: one per started group of four characters.
pub(crate) fn tokens(text: &str) -> u32 {
    u32::try_from(text.chars().count().div_ceil(4)).unwrap_or(u32::MAX)
}

/// A plan's monthly fee and usage discount (as a fraction).
pub(crate) fn plan_terms(plan: &PlanId) -> (&'static str, Decimal, Decimal) {
    match plan {
        PlanId::Pro => ("Pro", usd(4900, 2), usd(20, 2)),
        PlanId::Scale => ("Scale", usd(49900, 2), usd(35, 2)),
        _ => ("Pay as you go", Decimal::ZERO, Decimal::ZERO),
    }
}

/// Every plan, for the upgrade hint.
pub(crate) const PLANS: [PlanId; 3] = [PlanId::Payg, PlanId::Pro, PlanId::Scale];

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn costs_are_exact() {
        assert_eq!(cost(FAST, 9, 3), dec!(0.0000036));
        assert_eq!(
            route("openai/gpt-4o-mini", false).1.input_per_million,
            dec!(0.1575)
        );
        assert_eq!(route("anything", true).0, Tier::Byok);
        assert_eq!(usd(4900, 2), dec!(49.00));
    }
}
