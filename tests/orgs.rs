//! Organizations through the SDK against the sandbox: every operation, roles as documented,
//! and the documented errors.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use futures_util::TryStreamExt;
use nexevo::ErrorCode;
use nexevo::orgs::*;
use nexevo_e2e::{build, builder_for, sandbox};
use rust_decimal_macros::dec;

#[tokio::test]
async fn create_list_get_invite_and_list_members() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    let created = owner.organizations().create("Acme Inc").await.unwrap();
    assert_eq!(created.role, OrgRole::Owner);
    let org = created.organization.org_id.clone();
    assert_eq!(
        created.organization.owner_user_id.as_str(),
        sandbox.demo().user_id
    );

    let listed = owner.organizations().list().await.unwrap();
    assert!(listed.items.iter().any(|m| m.organization.org_id == org));
    assert_eq!(
        owner
            .organizations()
            .get(&org)
            .await
            .unwrap()
            .organization
            .name,
        "Acme Inc"
    );

    let invited = owner
        .organizations()
        .invite_member(&org, "dev@acme.com", OrgRole::Developer)
        .await
        .unwrap();
    assert_eq!(invited.status, MemberStatus::Invited, "no account yet");
    sandbox
        .create_account("admin@acme.com", "admin-password-1", dec!(1))
        .unwrap();
    let admin = owner
        .organizations()
        .invite_member(&org, "admin@acme.com", OrgRole::Admin)
        .await
        .unwrap();
    assert_eq!(admin.status, MemberStatus::Active);

    let members: Vec<Member> = owner
        .organizations()
        .list_members(&org)
        .limit(1)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(members.len(), 3);
    assert_eq!(members[0].role, OrgRole::Owner, "the owner first");

    let error = owner
        .organizations()
        .invite_member(&org, "dev@acme.com", OrgRole::Admin)
        .await
        .unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(409), Some(&ErrorCode::AlreadyExists))
    );
}

#[tokio::test]
async fn roles_decide_who_invites_removes_and_transfers() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    let org = owner
        .organizations()
        .create("Acme")
        .await
        .unwrap()
        .organization
        .org_id;
    let admin_account = sandbox
        .create_account("admin@acme.com", "admin-password-1", dec!(1))
        .unwrap();
    let dev_account = sandbox
        .create_account("dev@acme.com", "dev-password-1", dec!(1))
        .unwrap();
    owner
        .organizations()
        .invite_member(&org, "admin@acme.com", OrgRole::Admin)
        .await
        .unwrap();
    owner
        .organizations()
        .invite_member(&org, "dev@acme.com", OrgRole::Developer)
        .await
        .unwrap();
    let admin = build(builder_for(&sandbox, admin_account.api_key.expose()));
    let developer = build(builder_for(&sandbox, dev_account.api_key.expose()));

    // A developer cannot invite or remove.
    let error = developer
        .organizations()
        .invite_member(&org, "x@acme.com", OrgRole::Developer)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403));
    let error = developer
        .organizations()
        .remove_member(&org, admin_account.user_id.as_str())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403));
    // An admin invites, but cannot transfer ownership or change roles.
    admin
        .organizations()
        .invite_member(&org, "new@acme.com", OrgRole::Developer)
        .await
        .unwrap();
    let error = admin
        .organizations()
        .transfer_owner(&org, admin_account.user_id.as_str())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403));
    let error = admin
        .organizations()
        .change_member_role(&org, dev_account.user_id.as_str(), OrgRole::Admin)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403));
    // Nobody removes the owner.
    let error = admin
        .organizations()
        .remove_member(&org, sandbox.demo().user_id.as_str())
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(403));

    // The owner changes a role, removes a member, and transfers ownership.
    let promoted = owner
        .organizations()
        .change_member_role(&org, dev_account.user_id.as_str(), OrgRole::Admin)
        .await
        .unwrap();
    assert_eq!(promoted.role, OrgRole::Admin);
    owner
        .organizations()
        .remove_member(&org, dev_account.user_id.as_str())
        .await
        .unwrap();
    let transferred = owner
        .organizations()
        .transfer_owner(&org, admin_account.user_id.as_str())
        .await
        .unwrap();
    assert_eq!(
        transferred.organization.owner_user_id.as_str(),
        admin_account.user_id
    );
    assert_eq!(
        transferred.role,
        OrgRole::Admin,
        "the previous owner becomes an admin"
    );
}

#[tokio::test]
async fn ownership_never_moves_by_invitation_or_role_change() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    for error in [
        owner
            .organizations()
            .invite_member("org_abc", "x@acme.com", OrgRole::Owner)
            .await
            .unwrap_err(),
        owner
            .organizations()
            .change_member_role("org_abc", "u_1", OrgRole::Owner)
            .await
            .unwrap_err(),
    ] {
        assert_eq!(error.field(), Some("role"));
    }
    assert_eq!(sandbox.total_counters().received, 0);
}

#[tokio::test]
async fn other_organizations_are_404_and_strangers_401() {
    let (sandbox, builder) = sandbox().await;
    let owner = build(builder);
    let org = owner
        .organizations()
        .create("Acme")
        .await
        .unwrap()
        .organization
        .org_id;
    let outsider_account = sandbox
        .create_account("out@side.com", "outside-password", dec!(1))
        .unwrap();
    let outsider = build(builder_for(&sandbox, outsider_account.api_key.expose()));
    assert_eq!(
        outsider
            .organizations()
            .get(&org)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        outsider
            .organizations()
            .list_members(&org)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        owner
            .organizations()
            .remove_member(&org, "u_nobody")
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    let stranger = build(builder_for(&sandbox, "nx-live-unknown"));
    assert_eq!(
        stranger.organizations().list().await.unwrap_err().status(),
        Some(401)
    );
}
