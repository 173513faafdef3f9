//! Nexevo organizations: multi-user accounts whose keys and billing are shared. Roles are
//! `owner`, `admin` and `developer`: the owner and admins invite and remove members, only the
//! owner changes roles and transfers ownership, and the owner cannot be removed.
//!
//! ```no_run
//! use nexevo_orgs::{OrganizationsExt, OrgRole};
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let org = client.organizations().create("Acme Inc").await?;
//! let org_id = org.organization.org_id;
//! client.organizations().invite_member(&org_id, "dev@acme.com", OrgRole::Developer).await?;
//! let members = client.organizations().list_members(&org_id).await?;
//! for member in members.items {
//!     println!("{} {}", member.email, member.role);
//! }
//! # Ok(()) }
//! ```
//!
//! To act on an organization's keys and billing, set it on the client
//! (`Client::with_organization`).

#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Hand-written: only what the spec cannot say. The calls are generated from it (src/generated.rs).

mod generated;

pub use generated::*;

/// The README's examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
