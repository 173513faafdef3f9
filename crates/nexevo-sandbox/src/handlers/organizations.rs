//! Organizations: roles enforced as documented — owner and admins invite and remove, only the
//! owner changes roles and transfers ownership, and the owner cannot be removed.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::Duration;
use nexevo_api::types::{
    ChangeMemberRoleRequest, CreateOrganizationRequest, InviteMemberRequest, MemberList,
    MemberStatus, OrgRole, OrganizationList, OrganizationMembership, TransferOwnerRequest,
};
use nexevo_api::validate::params;
use rust_decimal::Decimal;

use crate::errors::{ApiError, ApiResult};
use crate::extract::{
    Caller, Ctx, JsonBody, PersonalCaller, QueryParams, ValidPath, already_exists, broken, page,
    path_param, require_manager,
};
use crate::state::{
    BillingAccount, Data, Invitation, Member, Organization, Payer, SentEmail, new_id, random_hex,
    secret_hash,
};

/// How long an emailed invitation can be taken.
const INVITATION_DAYS: i64 = 7;

fn to_member(member: &Member) -> nexevo_api::types::Member {
    nexevo_api::types::Member {
        user_id: member.user_id.clone().into(),
        email: member.email.clone().into(),
        role: member.role.clone(),
        status: if member.active {
            MemberStatus::Active
        } else {
            MemberStatus::Invited
        },
        added_at: member.added_at.into(),
    }
}

fn to_membership(org: &Organization, role: OrgRole) -> OrganizationMembership {
    let owner = org.owner().map(|m| m.user_id.clone()).unwrap_or_default();
    OrganizationMembership {
        organization: nexevo_api::types::Organization {
            org_id: org.org_id.clone().into(),
            name: org.name.clone(),
            owner_user_id: owner.into(),
            member_count: u32::try_from(org.members.len()).unwrap_or(u32::MAX),
            created_at: org.created_at.into(),
        },
        role,
    }
}

/// The organization, if the caller is an active member, and the caller's role; else a 404
/// (another organization's existence is not the caller's business).
fn membership<'d>(
    data: &'d mut Data,
    org_id: &str,
    caller: &Caller,
) -> ApiResult<(&'d mut Organization, OrgRole)> {
    path_param(org_id, params::org_id)?;
    let user_id = caller.user_id.as_str();
    // Another organization's key is not a member here, whoever created it.
    if !caller.may_act_in(org_id) {
        return Err(ApiError::not_found(format!("No organization {org_id}.")));
    }
    let org = data
        .orgs
        .get_mut(org_id)
        .ok_or_else(|| ApiError::not_found(format!("No organization {org_id}.")))?;
    let role = org
        .member(user_id)
        .filter(|m| m.active)
        .map(|m| m.role.clone())
        .ok_or_else(|| ApiError::not_found(format!("No organization {org_id}.")))?;
    Ok((org, role))
}

pub(crate) async fn create_organization(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<CreateOrganizationRequest>,
) -> ApiResult<Response> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let email = data
        .users
        .get(&caller.user_id)
        .map(|u| u.email.clone())
        .unwrap_or_default();
    let org = Organization {
        org_id: new_id("org_"),
        name: body.name,
        created_at: now,
        members: vec![Member {
            user_id: caller.user_id.clone(),
            email,
            role: OrgRole::Owner,
            active: true,
            added_at: now,
            invitation: None,
        }],
    };
    data.billing.insert(
        Payer::Org(org.org_id.clone()),
        BillingAccount::new(Decimal::ZERO, now),
    );
    let answer = to_membership(&org, OrgRole::Owner);
    data.orgs.insert(org.org_id.clone(), org);
    ctx.applied();
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub(crate) async fn list_organizations(
    ctx: Ctx,
    caller: Caller,
    query: QueryParams,
) -> ApiResult<Json<OrganizationList>> {
    let data = ctx.app.store.lock();
    let mut orgs: Vec<OrganizationMembership> = data
        .orgs
        .values()
        .filter(|org| caller.may_act_in(&org.org_id))
        .filter_map(|org| {
            let member = org.member(&caller.user_id).filter(|m| m.active)?;
            Some(to_membership(org, member.role.clone()))
        })
        .collect();
    orgs.sort_by_key(|membership| membership.organization.created_at);
    let (data, next_cursor) = page(orgs, &query)?;
    Ok(Json(OrganizationList { data, next_cursor }))
}

pub(crate) async fn get_organization(
    ctx: Ctx,
    caller: Caller,
    ValidPath(org_id): ValidPath<String>,
) -> ApiResult<Json<OrganizationMembership>> {
    let mut data = ctx.app.store.lock();
    let (org, role) = membership(&mut data, &org_id, &caller)?;
    Ok(Json(to_membership(org, role)))
}

pub(crate) async fn invite_member(
    ctx: Ctx,
    caller: Caller,
    ValidPath(org_id): ValidPath<String>,
    JsonBody(body): JsonBody<InviteMemberRequest>,
) -> ApiResult<Response> {
    if body.role == OrgRole::Owner {
        return Err(broken(
            "role",
            "role must be admin or developer; ownership moves only by transfer-owner",
        ));
    }
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let email = body.email.to_lowercase();
    let existing_user = data
        .user_by_email
        .get(&email)
        .filter(|id| data.users.get(*id).is_some_and(|u| u.active))
        .cloned();
    let invited_elsewhere = data.pending_invitee(&email);
    let (org, role) = membership(&mut data, &org_id, &caller)?;
    require_manager(Some(&role))?;
    if org.members.iter().any(|m| m.email == email) {
        return Err(already_exists(format!(
            "{email} is already a member of {org_id}."
        )));
    }
    // An account is added at once; an address without one is sent an invitation, taken only
    // by registering with its token (proof of the mailbox).
    let invitation_token = existing_user
        .is_none()
        .then(|| format!("inv_{}", random_hex(20)));
    let member = Member {
        active: existing_user.is_some(),
        user_id: existing_user
            .or(invited_elsewhere)
            .unwrap_or_else(|| new_id("u_")),
        email: email.clone(),
        role: body.role,
        added_at: now,
        invitation: invitation_token.as_ref().map(|token| Invitation {
            token_hash: secret_hash(token),
            expires_at: now + Duration::days(INVITATION_DAYS),
        }),
    };
    let answer = to_member(&member);
    let subject = format!("You're invited to join {} on Nexevo", org.name);
    org.members.push(member);
    if let Some(token) = invitation_token {
        data.send_email(SentEmail {
            to: email,
            subject,
            token,
        });
    }
    ctx.applied();
    Ok((StatusCode::CREATED, Json(answer)).into_response())
}

pub(crate) async fn list_members(
    ctx: Ctx,
    caller: Caller,
    ValidPath(org_id): ValidPath<String>,
    query: QueryParams,
) -> ApiResult<Json<MemberList>> {
    let mut data = ctx.app.store.lock();
    let (org, _) = membership(&mut data, &org_id, &caller)?;
    let mut members: Vec<&Member> = org.members.iter().collect();
    // The owner first, then in the order they were added.
    members.sort_by_key(|m| m.role != OrgRole::Owner);
    let (members, next_cursor) = page(members, &query)?;
    Ok(Json(MemberList {
        data: members.into_iter().map(to_member).collect(),
        next_cursor,
    }))
}

pub(crate) async fn remove_member(
    ctx: Ctx,
    caller: Caller,
    ValidPath((org_id, user_id)): ValidPath<(String, String)>,
) -> ApiResult<StatusCode> {
    path_param(&user_id, params::user_id)?;
    let mut data = ctx.app.store.lock();
    let (org, role) = membership(&mut data, &org_id, &caller)?;
    require_manager(Some(&role))?;
    let target = org
        .member(&user_id)
        .ok_or_else(|| ApiError::not_found(format!("{user_id} is not a member of {org_id}.")))?;
    match (&role, &target.role) {
        (_, OrgRole::Owner) => {
            return Err(ApiError::forbidden(
                "The owner cannot be removed; transfer ownership first.",
            ));
        }
        (OrgRole::Admin, OrgRole::Admin) if user_id != caller.user_id => {
            return Err(ApiError::forbidden("An admin cannot remove another admin."));
        }
        _ => {}
    }
    org.members.retain(|m| m.user_id != user_id);
    ctx.applied();
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn change_member_role(
    ctx: Ctx,
    caller: Caller,
    ValidPath((org_id, user_id)): ValidPath<(String, String)>,
    JsonBody(body): JsonBody<ChangeMemberRoleRequest>,
) -> ApiResult<Json<nexevo_api::types::Member>> {
    path_param(&user_id, params::user_id)?;
    if body.role == OrgRole::Owner {
        return Err(broken(
            "role",
            "role must be admin or developer; ownership moves only by transfer-owner",
        ));
    }
    let mut data = ctx.app.store.lock();
    let (org, role) = membership(&mut data, &org_id, &caller)?;
    if role != OrgRole::Owner {
        return Err(ApiError::forbidden(
            "Only the owner changes members' roles.",
        ));
    }
    let target = org
        .members
        .iter_mut()
        .find(|m| m.user_id == user_id)
        .ok_or_else(|| ApiError::not_found(format!("{user_id} is not a member of {org_id}.")))?;
    if target.role == OrgRole::Owner {
        return Err(ApiError::forbidden(
            "The owner's role changes only by transferring ownership.",
        ));
    }
    target.role = body.role;
    let answer = to_member(target);
    ctx.applied();
    Ok(Json(answer))
}

pub(crate) async fn transfer_owner(
    ctx: Ctx,
    caller: Caller,
    ValidPath(org_id): ValidPath<String>,
    JsonBody(body): JsonBody<TransferOwnerRequest>,
) -> ApiResult<Json<OrganizationMembership>> {
    let mut data = ctx.app.store.lock();
    let (org, role) = membership(&mut data, &org_id, &caller)?;
    if role != OrgRole::Owner {
        return Err(ApiError::forbidden(
            "Only the owner can transfer ownership.",
        ));
    }
    let new_owner = body.new_owner_user_id.to_string();
    let target = org
        .members
        .iter()
        .find(|m| m.user_id == new_owner)
        .ok_or_else(|| ApiError::not_found(format!("{new_owner} is not a member of {org_id}.")))?;
    if !target.active {
        return Err(ApiError::conflict(
            nexevo_api::types::ErrorCode::Conflict,
            format!("{new_owner} has not accepted the invitation yet (no account)."),
        ));
    }
    let mut changed = false;
    for member in &mut org.members {
        if member.user_id == new_owner && member.role != OrgRole::Owner {
            member.role = OrgRole::Owner;
            changed = true;
        } else if member.user_id == caller.user_id && new_owner != caller.user_id {
            member.role = OrgRole::Admin;
        }
    }
    // Keep the owner first.
    org.members.sort_by_key(|m| m.role != OrgRole::Owner);
    if changed {
        ctx.applied();
    }
    let role = org
        .member(&caller.user_id)
        .map(|m| m.role.clone())
        .unwrap_or(OrgRole::Admin);
    Ok(Json(to_membership(org, role)))
}
