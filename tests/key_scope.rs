//! Access stays where it belongs: a key created for an organization acts for that organization
//! only. It cannot reach its creator's personal account (profile, security, conversations) or
//! another organization where its creator happens to be a manager; its creator's own key and
//! sessions are unaffected.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use nexevo::orgs::OrgRole;
use nexevo::prelude::*;
use nexevo::{Client, Error};
use nexevo_e2e::{build, builder_for, sandbox};

#[track_caller]
fn refused(outcome: Result<impl std::fmt::Debug, Error>, status: u16, what: &str) {
    match outcome {
        Err(error) => assert_eq!(error.status(), Some(status), "{what}: {error}"),
        Ok(value) => panic!("{what}: an organization's key got {value:?}"),
    }
}

#[tokio::test]
async fn an_organizations_key_acts_for_that_organization_only() {
    let (sandbox, builder) = sandbox().await;
    let personal = build(builder);
    let org_a = personal
        .organizations()
        .create("Acme A")
        .await
        .unwrap()
        .organization
        .org_id;
    let org_b = personal
        .organizations()
        .create("Acme B")
        .await
        .unwrap()
        .organization
        .org_id;
    let created = personal
        .with_organization(Some(org_a.as_str()))
        .keys()
        .create("acme-a-only")
        .await
        .unwrap();
    let org_key: Client = build(builder_for(&sandbox, created.full_key.expose()));

    // Its organization: yes.
    let balance = org_key.billing().balance().await.unwrap();
    assert_eq!(balance.organization_id.as_deref(), Some(org_a.as_str()));
    org_key.organizations().get(org_a.as_str()).await.unwrap();
    org_key
        .organizations()
        .list_members(org_a.as_str())
        .await
        .unwrap();
    let listed = org_key.organizations().list().await.unwrap().items;
    assert_eq!(
        listed
            .iter()
            .map(|m| m.organization.org_id.as_str())
            .collect::<Vec<_>>(),
        [org_a.as_str()],
        "its own organization only"
    );

    // Its creator's personal account: no.
    refused(org_key.auth().me().await, 403, "me");
    refused(
        org_key.auth().update_profile("Not Me").await,
        403,
        "update_profile",
    );
    refused(org_key.auth().two_fa_status().await, 403, "two_fa_status");
    refused(org_key.auth().enable_two_fa().await, 403, "enable_two_fa");
    refused(
        org_key
            .auth()
            .change_password("password", "new-password-1")
            .await,
        403,
        "change_password",
    );
    refused(
        org_key.conversations().list().await,
        403,
        "list conversations",
    );
    refused(
        org_key.conversations().create().await,
        403,
        "create conversation",
    );
    refused(
        org_key.organizations().create("Elsewhere").await,
        403,
        "create organization",
    );

    // Another organization its creator owns: no.
    refused(
        org_key.organizations().get(org_b.as_str()).await,
        404,
        "get B",
    );
    refused(
        org_key.organizations().list_members(org_b.as_str()).await,
        404,
        "members of B",
    );
    refused(
        org_key
            .organizations()
            .invite_member(org_b.as_str(), "dev@acme.com", OrgRole::Developer)
            .await,
        404,
        "invite into B",
    );
    refused(
        org_key
            .with_organization(Some(org_b.as_str()))
            .billing()
            .balance()
            .await,
        403,
        "B's balance",
    );
    refused(
        org_key
            .with_organization(Some(org_b.as_str()))
            .keys()
            .create("b-key")
            .await,
        403,
        "a key for B",
    );

    // The creator's own key is unaffected.
    personal.auth().me().await.unwrap();
    personal.conversations().list().await.unwrap();
    personal.organizations().get(org_b.as_str()).await.unwrap();
}
