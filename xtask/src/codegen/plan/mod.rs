//! Planning the calls users make, apart from writing them: for each operation, what its call
//! is named, takes, checks, sends and answers ([`Plan`]). The area crates' calls, the CLI and
//! the digest are all written from the same plans.
//!
//! How an operation becomes a call:
//! - **Method name:** the operationId in snake_case with the area's words removed
//!   (`createKey` in `keys` is `create`, `listInvoices` in `billing` is `list_invoices`), or the
//!   operation's `x-nexevo-method`.
//! - **Builder type:** the operationId in PascalCase (`CreateKey`), with `Call` appended when a
//!   schema has that name (`twoFaStatus` is `TwoFaStatusCall`).
//! - **Positional arguments**, in this order: the path parameters in path order, the required
//!   query parameters, then the body's required fields in the order of its `required` list, or
//!   the fields the operation's `x-nexevo-positional` lists, in its order.
//! - **Setters:** every other parameter and body field, named after it or after its entry in
//!   the operation's `x-nexevo-setters` map. `cursor` is `Paginated::cursor` on a list.
//! - **Lists:** an operation with `cursor` and `limit` query parameters whose answer is
//!   `{data, next_cursor}` answers a `Page` and is `Paginated`.
//! - **Answer:** the response body, or its field named by `x-nexevo-answer`.
//! - **Idempotency-Key:** every call but a GET sends one (the operation must declare the
//!   parameter): `Idempotent::idempotency_key` or a fresh one, unless `x-nexevo-idempotency-key`
//!   names a body field that doubles as the key (then that is the one setting).
//! - An operation marked `x-nexevo-hand-written: <where>` gets no generated call; its area crate
//!   writes it by hand.

mod call;
mod names;
pub(crate) mod operation;
mod planner;
mod types;

use std::collections::BTreeSet;

use anyhow::{Context, Result, anyhow, bail};

use crate::codegen::model::{Area, CallInputs};
use crate::spec::SPEC_PATH;

pub(crate) use call::{Answer, Conv, IdempotencyKey, Input, Plan, PlannedArea, Target};
pub(crate) use names::method_name_of;

/// Plans the calls of the area `tag`: a plan per operation, but those written by hand.
pub(crate) fn plan_area(inputs: &CallInputs<'_>, tag: &str) -> Result<PlannedArea> {
    let spec = inputs.spec;
    let area = Area::of(spec, tag)?;
    let mut plans = Vec::new();
    let mut hand_written = Vec::new();
    for op in spec.operations.iter().filter(|op| op.area == tag) {
        if let Some(place) = spec.operation(op).get("x-nexevo-hand-written") {
            let place = place.as_str().ok_or_else(|| {
                anyhow!(
                    "{SPEC_PATH}: {}: x-nexevo-hand-written says where the call is written",
                    op.location
                )
            })?;
            hand_written.push((op.clone(), place.to_owned()));
            continue;
        }
        plans.push(
            planner::plan_call(inputs, &area, op)
                .with_context(|| format!("{SPEC_PATH}: {} ({})", op.location, op.operation_id))?,
        );
    }
    let mut names = BTreeSet::new();
    for plan in &plans {
        if !names.insert(plan.method.to_string()) {
            bail!(
                "{SPEC_PATH}: two operations of `{tag}` are both called `{}`; give one an x-nexevo-method",
                plan.method
            );
        }
    }
    Ok(PlannedArea {
        area,
        plans,
        hand_written,
    })
}
