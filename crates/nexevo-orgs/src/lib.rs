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

use nexevo_api::types::{
    ChangeMemberRoleRequest, CreateOrganizationRequest, InviteMemberRequest, MemberList,
    OrganizationList, TransferOwnerRequest,
};
use nexevo_api::validate::params;
use nexevo_api::validation::Rule;
use nexevo_api::{Validate, ValidationError};
use nexevo_core::{BoxFuture, Client, Operation, Page, Paginated, Response, Result, awaitable};

pub use nexevo_api::types::{
    Email, Member, MemberStatus, OrgId, OrgRole, Organization, OrganizationMembership, UserId,
};

/// Adds [`organizations()`](OrganizationsExt::organizations) to the client.
pub trait OrganizationsExt {
    /// The organization calls.
    fn organizations(&self) -> Organizations;
}

impl OrganizationsExt for Client {
    fn organizations(&self) -> Organizations {
        Organizations {
            client: self.clone(),
        }
    }
}

/// The organization calls of a client.
#[derive(Debug, Clone)]
pub struct Organizations {
    client: Client,
}

/// Invitations and role changes name `admin` or `developer`; ownership moves only by transfer.
fn not_owner(role: &OrgRole) -> Result<()> {
    if *role == OrgRole::Owner {
        return Err(ValidationError::at_field(
            "role",
            Rule::Described(
                "must be admin or developer; ownership moves only by transfer_owner".into(),
            ),
        )
        .into());
    }
    Ok(())
}

impl Organizations {
    /// Creates an organization owned by the caller (name 1 to 100 characters).
    ///
    /// ```no_run
    /// # use nexevo_orgs::OrganizationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let created = client.organizations().create("Acme Inc").await?;
    /// println!("{} (you are {})", created.organization.org_id, created.role);
    /// # Ok(()) }
    /// ```
    pub fn create(&self, name: impl Into<String>) -> CreateOrganization {
        CreateOrganization {
            client: self.client.clone(),
            body: CreateOrganizationRequest { name: name.into() },
            idempotency_key: None,
        }
    }

    /// One page of the organizations the caller belongs to, with the caller's role in each.
    ///
    /// ```no_run
    /// # use nexevo_orgs::OrganizationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// for org in client.organizations().list().await?.items {
    ///     println!("{}: {}", org.organization.name, org.role);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListOrganizations {
        ListOrganizations {
            client: self.client.clone(),
            limit: None,
            cursor: None,
        }
    }

    /// One organization the caller belongs to.
    ///
    /// ```no_run
    /// # use nexevo_orgs::OrganizationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let org = client.organizations().get("org_4f8a2c").await?;
    /// println!("{} members", org.organization.member_count);
    /// # Ok(()) }
    /// ```
    pub fn get(&self, org_id: impl Into<OrgId>) -> GetOrganization {
        GetOrganization {
            client: self.client.clone(),
            org_id: org_id.into(),
        }
    }

    /// Adds the person with `email` as an `admin` or `developer` (owner and admins only).
    ///
    /// ```no_run
    /// # use nexevo_orgs::{OrganizationsExt, OrgRole};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let member = client
    ///     .organizations()
    ///     .invite_member("org_4f8a2c", "dev@acme.com", OrgRole::Developer)
    ///     .await?;
    /// println!("{} is {}", member.user_id, member.status);
    /// # Ok(()) }
    /// ```
    pub fn invite_member(
        &self,
        org_id: impl Into<OrgId>,
        email: impl Into<Email>,
        role: OrgRole,
    ) -> InviteMember {
        InviteMember {
            client: self.client.clone(),
            org_id: org_id.into(),
            body: InviteMemberRequest {
                email: email.into(),
                role,
            },
            idempotency_key: None,
        }
    }

    /// One page of the organization's members, the owner first.
    ///
    /// ```no_run
    /// # use nexevo_orgs::OrganizationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let members = client.organizations().list_members("org_4f8a2c").limit(100).await?;
    /// # Ok(()) }
    /// ```
    pub fn list_members(&self, org_id: impl Into<OrgId>) -> ListMembers {
        ListMembers {
            client: self.client.clone(),
            org_id: org_id.into(),
            limit: None,
            cursor: None,
        }
    }

    /// Removes a member (owner and admins; an admin cannot remove another admin, and the owner
    /// cannot be removed).
    ///
    /// ```no_run
    /// # use nexevo_orgs::OrganizationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.organizations().remove_member("org_4f8a2c", "u_790").await?;
    /// # Ok(()) }
    /// ```
    pub fn remove_member(
        &self,
        org_id: impl Into<OrgId>,
        user_id: impl Into<UserId>,
    ) -> RemoveMember {
        RemoveMember {
            client: self.client.clone(),
            org_id: org_id.into(),
            user_id: user_id.into(),
        }
    }

    /// Makes a member an `admin` or a `developer` (owner only).
    ///
    /// ```no_run
    /// # use nexevo_orgs::{OrganizationsExt, OrgRole};
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.organizations().change_member_role("org_4f8a2c", "u_790", OrgRole::Admin).await?;
    /// # Ok(()) }
    /// ```
    pub fn change_member_role(
        &self,
        org_id: impl Into<OrgId>,
        user_id: impl Into<UserId>,
        role: OrgRole,
    ) -> ChangeMemberRole {
        ChangeMemberRole {
            client: self.client.clone(),
            org_id: org_id.into(),
            user_id: user_id.into(),
            body: ChangeMemberRoleRequest { role },
        }
    }

    /// Makes another member the owner (owner only); the previous owner becomes an admin.
    ///
    /// ```no_run
    /// # use nexevo_orgs::OrganizationsExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let org = client.organizations().transfer_owner("org_4f8a2c", "u_789").await?;
    /// assert_eq!(org.organization.owner_user_id.as_str(), "u_789");
    /// # Ok(()) }
    /// ```
    pub fn transfer_owner(
        &self,
        org_id: impl Into<OrgId>,
        new_owner_user_id: impl Into<UserId>,
    ) -> TransferOwner {
        TransferOwner {
            client: self.client.clone(),
            org_id: org_id.into(),
            body: TransferOwnerRequest {
                new_owner_user_id: new_owner_user_id.into(),
            },
            idempotency_key: None,
        }
    }
}

/// [`Organizations::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateOrganization {
    client: Client,
    body: CreateOrganizationRequest,
    idempotency_key: Option<String>,
}

impl CreateOrganization {
    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for CreateOrganization {
    type Output = OrganizationMembership;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<OrganizationMembership>>> {
        Box::pin(async move {
            self.body.validate()?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let body = self.body;
            self.client
                .call(|api| async move { api.create_organization(Some(&key), &body).await })
                .await
        })
    }
}

/// [`Organizations::list`], ready to await (one page) or to stream (every organization).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListOrganizations {
    client: Client,
    limit: Option<u32>,
    cursor: Option<String>,
}

impl ListOrganizations {
    /// Organizations per page, 1 to 100 (20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl Operation for ListOrganizations {
    type Output = Page<OrganizationMembership>;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Page<OrganizationMembership>>>> {
        Box::pin(async move {
            nexevo_core::check_page(
                self.limit,
                self.cursor.as_deref(),
                params::limit,
                params::cursor,
            )?;
            let (limit, cursor) = (self.limit, self.cursor);
            let answer = self
                .client
                .call(|api| async move { api.list_organizations(cursor.as_deref(), limit).await })
                .await?;
            Ok(answer.map(|OrganizationList { data, next_cursor }| Page {
                items: data,
                next_cursor,
            }))
        })
    }
}

impl Paginated for ListOrganizations {
    type Item = OrganizationMembership;

    fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }
}

/// [`Organizations::get`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetOrganization {
    client: Client,
    org_id: OrgId,
}

impl Operation for GetOrganization {
    type Output = OrganizationMembership;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<OrganizationMembership>>> {
        Box::pin(async move {
            params::org_id(&self.org_id)?;
            let org_id = self.org_id;
            self.client
                .call(|api| async move { api.get_organization(&org_id).await })
                .await
        })
    }
}

/// [`Organizations::invite_member`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct InviteMember {
    client: Client,
    org_id: OrgId,
    body: InviteMemberRequest,
    idempotency_key: Option<String>,
}

impl InviteMember {
    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for InviteMember {
    type Output = Member;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Member>>> {
        Box::pin(async move {
            params::org_id(&self.org_id)?;
            self.body.validate()?;
            not_owner(&self.body.role)?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let (org_id, body) = (self.org_id, self.body);
            self.client
                .call(|api| async move { api.invite_member(&org_id, Some(&key), &body).await })
                .await
        })
    }
}

/// [`Organizations::list_members`], ready to await (one page) or to stream (every member).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListMembers {
    client: Client,
    org_id: OrgId,
    limit: Option<u32>,
    cursor: Option<String>,
}

impl ListMembers {
    /// Members per page, 1 to 100 (20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
}

impl Operation for ListMembers {
    type Output = Page<Member>;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Page<Member>>>> {
        Box::pin(async move {
            params::org_id(&self.org_id)?;
            nexevo_core::check_page(
                self.limit,
                self.cursor.as_deref(),
                params::limit,
                params::cursor,
            )?;
            let (org_id, limit, cursor) = (self.org_id, self.limit, self.cursor);
            let answer = self
                .client
                .call(
                    |api| async move { api.list_members(&org_id, cursor.as_deref(), limit).await },
                )
                .await?;
            Ok(answer.map(|MemberList { data, next_cursor }| Page {
                items: data,
                next_cursor,
            }))
        })
    }
}

impl Paginated for ListMembers {
    type Item = Member;

    fn cursor(mut self, cursor: impl Into<String>) -> Self {
        self.cursor = Some(cursor.into());
        self
    }
}

/// [`Organizations::remove_member`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RemoveMember {
    client: Client,
    org_id: OrgId,
    user_id: UserId,
}

impl Operation for RemoveMember {
    type Output = ();

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        Box::pin(async move {
            params::org_id(&self.org_id)?;
            params::user_id(&self.user_id)?;
            let (org_id, user_id) = (self.org_id, self.user_id);
            self.client
                .call(|api| async move { api.remove_member(&org_id, &user_id).await })
                .await
        })
    }
}

/// [`Organizations::change_member_role`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ChangeMemberRole {
    client: Client,
    org_id: OrgId,
    user_id: UserId,
    body: ChangeMemberRoleRequest,
}

impl Operation for ChangeMemberRole {
    type Output = Member;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Member>>> {
        Box::pin(async move {
            params::org_id(&self.org_id)?;
            params::user_id(&self.user_id)?;
            self.body.validate()?;
            not_owner(&self.body.role)?;
            let (org_id, user_id, body) = (self.org_id, self.user_id, self.body);
            self.client
                .call(|api| async move { api.change_member_role(&org_id, &user_id, &body).await })
                .await
        })
    }
}

/// [`Organizations::transfer_owner`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct TransferOwner {
    client: Client,
    org_id: OrgId,
    body: TransferOwnerRequest,
    idempotency_key: Option<String>,
}

impl TransferOwner {
    /// Uses your own `Idempotency-Key` (a fresh UUID when not set).
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.idempotency_key = Some(key.into());
        self
    }
}

impl Operation for TransferOwner {
    type Output = OrganizationMembership;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<OrganizationMembership>>> {
        Box::pin(async move {
            params::org_id(&self.org_id)?;
            self.body.validate()?;
            let key = Client::idempotency_key(self.idempotency_key, params::idempotency_key)?;
            let (org_id, body) = (self.org_id, self.body);
            self.client
                .call(|api| async move { api.transfer_owner(&org_id, Some(&key), &body).await })
                .await
        })
    }
}

awaitable!(
    CreateOrganization,
    ListOrganizations,
    GetOrganization,
    InviteMember,
    ListMembers,
    RemoveMember,
    ChangeMemberRole,
    TransferOwner,
);
