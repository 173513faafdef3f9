//! The generator's and the repository's checks, one module per concern, in one binary so the
//! crate links once. `cargo test -p xtask --test xtask spec_rules::` runs one module.
//!
//! None needs process-wide state of its own (`public_api` builds its fixture with cargo in a
//! folder of the test's own): `feature_gating`, `module_cycles` and
//! `source_size` run cargo as a child process (`workspace` asks it for the packages);
//! `new_operation` and `module_cycles` write scratch folders named after the process and the
//! test; and progenitor's panic hook (`codegen`) catches only the panics of the thread that
//! installed its capture.

mod api_diff;
mod codegen;
mod feature_gating;
mod lazy_codegen;
mod module_cycles;
mod new_operation;
mod public_api;
mod release_plan;
mod source_size;
mod spec_rules;
mod test_binaries;
mod workspace;
