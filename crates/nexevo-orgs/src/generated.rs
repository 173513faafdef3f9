// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `organizations` calls: `client.organizations()` and a builder per operation, from the spec's `organizations` operations.

#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::Timestamp;
#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{
    Email, Member, MemberStatus, OrgId, OrgRole, Organization, OrganizationMembership, UserId,
};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`organizations()`](OrganizationsExt::organizations) to the client.
pub trait OrganizationsExt {
    /// The `organizations` calls: Multi-user accounts with owner, admin and developer roles.
    fn organizations(&self) -> Organizations;
}
impl OrganizationsExt for Client {
    fn organizations(&self) -> Organizations {
        Organizations {
            client: self.clone(),
        }
    }
}
/// The `organizations` calls of a client: Multi-user accounts with owner, admin and developer roles.
#[derive(Debug, Clone)]
pub struct Organizations {
    pub(crate) client: Client,
}
impl Organizations {
    /// List organizations
    ///
    /// The organizations the caller is a member of, with the caller's role in each.
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().list().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn list(&self) -> ListOrganizations {
        ListOrganizations {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            limit: ::std::option::Option::None,
            cursor: ::std::option::Option::None,
        }
    }
    /// Create an organization
    ///
    /// Creates an organization owned by the caller.
    ///
    /// - `name`: The organization's name, 1 to 100 characters.
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().create("Acme Inc").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn create(
        &self,
        name: impl ::std::convert::Into<::std::string::String>,
    ) -> CreateOrganization {
        CreateOrganization {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::CreateOrganizationRequest { name: name.into() },
        }
    }
    /// Get an organization
    ///
    /// One organization the caller is a member of, with the caller's role. Any other organization is a 404.
    ///
    /// - `org_id`: The organization's id (5 to 68 characters).
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().get("org_4f8a2c").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn get(
        &self,
        org_id: impl ::std::convert::Into<::nexevo_api::types::OrgId>,
    ) -> GetOrganization {
        GetOrganization {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            org_id: org_id.into(),
        }
    }
    /// List members
    ///
    /// The organization's members, owner first.
    ///
    /// - `org_id`: The organization's id (5 to 68 characters).
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().list_members("org_4f8a2c").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn list_members(
        &self,
        org_id: impl ::std::convert::Into<::nexevo_api::types::OrgId>,
    ) -> ListMembers {
        ListMembers {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            org_id: org_id.into(),
            limit: ::std::option::Option::None,
            cursor: ::std::option::Option::None,
        }
    }
    /// Invite a member
    ///
    /// Adds the person with this email as `admin` or `developer` (ownership moves
    /// only by `transferOwner`). Only the owner and admins invite; a developer gets
    /// 403. An email that is already a member is a 409.
    ///
    /// An email with an active account is added at once as an `active` member, under
    /// the account's user id. An email without one is added as `invited`, and the
    /// invitation is emailed to it with a token, valid for 7 days: the member becomes
    /// `active` only when an account is registered with that token (`register`'s
    /// `invitation_token`), which proves the mailbox. Registering the email without it
    /// makes a plain account and leaves the invitation `invited` (remove the member and
    /// invite the account to add it). Until it registers, an email invited by several
    /// organizations has one user id in all of them, and registering with any of their
    /// tokens makes it a member of each. Removing an invited member withdraws its
    /// invitation.
    ///
    /// - `org_id`: The organization's id (5 to 68 characters).
    /// - `email`: An email address (3 to 254 characters).
    /// - `role`: A member's role in an organization. New roles may be added.
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().invite_member("org_4f8a2c", "dev@acme.com", nexevo_orgs::OrgRole::Developer).await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn invite_member(
        &self,
        org_id: impl ::std::convert::Into<::nexevo_api::types::OrgId>,
        email: impl ::std::convert::Into<::nexevo_api::types::Email>,
        role: ::nexevo_api::types::OrgRole,
    ) -> InviteMember {
        InviteMember {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            org_id: org_id.into(),
            body: ::nexevo_api::types::InviteMemberRequest {
                email: email.into(),
                role,
            },
        }
    }
    /// Remove a member
    ///
    /// Removes a member. Only the owner and admins remove members, an admin cannot remove another admin, and the owner cannot be removed (403).
    ///
    /// - `org_id`: The organization's id (5 to 68 characters).
    /// - `user_id`: The user's id (3 to 66 characters).
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().remove_member("org_4f8a2c", "u_789").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn remove_member(
        &self,
        org_id: impl ::std::convert::Into<::nexevo_api::types::OrgId>,
        user_id: impl ::std::convert::Into<::nexevo_api::types::UserId>,
    ) -> RemoveMember {
        RemoveMember {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            org_id: org_id.into(),
            user_id: user_id.into(),
        }
    }
    /// Change a member's role
    ///
    /// Makes a member an `admin` or a `developer`. Only the owner changes roles; the owner's own role changes only by `transferOwner`.
    ///
    /// - `org_id`: The organization's id (5 to 68 characters).
    /// - `user_id`: The user's id (3 to 66 characters).
    /// - `role`: A member's role in an organization. New roles may be added.
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().change_member_role("org_4f8a2c", "u_789", nexevo_orgs::OrgRole::Admin).await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn change_member_role(
        &self,
        org_id: impl ::std::convert::Into<::nexevo_api::types::OrgId>,
        user_id: impl ::std::convert::Into<::nexevo_api::types::UserId>,
        role: ::nexevo_api::types::OrgRole,
    ) -> ChangeMemberRole {
        ChangeMemberRole {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            org_id: org_id.into(),
            user_id: user_id.into(),
            body: ::nexevo_api::types::ChangeMemberRoleRequest { role },
        }
    }
    /// Transfer ownership
    ///
    /// Makes another member the owner; the previous owner becomes an admin. Only the owner can do this.
    ///
    /// - `org_id`: The organization's id (5 to 68 characters).
    /// - `new_owner_user_id`: A user id (3 to 66 characters).
    ///
    /// ```no_run
    /// # use nexevo_orgs::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.organizations().transfer_owner("org_4f8a2c", "u_789").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn transfer_owner(
        &self,
        org_id: impl ::std::convert::Into<::nexevo_api::types::OrgId>,
        new_owner_user_id: impl ::std::convert::Into<::nexevo_api::types::UserId>,
    ) -> TransferOwner {
        TransferOwner {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            org_id: org_id.into(),
            body: ::nexevo_api::types::TransferOwnerRequest {
                new_owner_user_id: new_owner_user_id.into(),
            },
        }
    }
}
/// [`Organizations::list`], ready to await (one page) or to walk every item ([`Paginated::into_stream`]).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListOrganizations {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) limit: ::std::option::Option<u32>,
    pub(crate) cursor: ::std::option::Option<::std::string::String>,
}
impl ListOrganizations {
    /// Page size (1 to 100; 20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = ::std::option::Option::Some(limit);
        self
    }
}
impl Operation for ListOrganizations {
    type Output = ::nexevo_core::Page<::nexevo_api::types::OrganizationMembership>;
    #[inline]
    fn send(
        self,
    ) -> BoxFuture<Result<Response<::nexevo_core::Page<::nexevo_api::types::OrganizationMembership>>>>
    {
        let Self {
            client,
            options,
            limit,
            cursor,
        } = self;
        Box::pin(async move {
            if let ::std::option::Option::Some(value) = &limit {
                params::limit(*value)?;
            }
            if let ::std::option::Option::Some(value) = &cursor {
                params::cursor(value)?;
            }
            Ok(__private::call::<::nexevo_api::types::OrganizationList>(
                &client,
                &options,
                "list_organizations",
                200u16,
                &|api| api.list_organizations_request(cursor.as_deref(), limit),
            )
            .await?
            .map(|list| ::nexevo_core::Page {
                items: list.data,
                next_cursor: list.next_cursor,
            }))
        })
    }
}
impl Paginated for ListOrganizations {
    type Item = ::nexevo_api::types::OrganizationMembership;
    fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.cursor = ::std::option::Option::Some(cursor.into());
        self
    }
}
impl CallBuilder for ListOrganizations {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ListOrganizations {}
awaitable!(ListOrganizations);
/// [`Organizations::create`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct CreateOrganization {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::CreateOrganizationRequest,
}
impl Operation for CreateOrganization {
    type Output = ::nexevo_api::types::OrganizationMembership;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::OrganizationMembership>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::OrganizationMembership>(
                &client,
                &options,
                "create_organization",
                201u16,
                &|api| api.create_organization_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for CreateOrganization {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for CreateOrganization {}
impl Idempotent for CreateOrganization {}
awaitable!(CreateOrganization);
/// [`Organizations::get`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct GetOrganization {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) org_id: ::nexevo_api::types::OrgId,
}
impl Operation for GetOrganization {
    type Output = ::nexevo_api::types::OrganizationMembership;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::OrganizationMembership>>> {
        let Self {
            client,
            options,
            org_id,
        } = self;
        Box::pin(async move {
            {
                let value = &org_id;
                params::org_id(value)?;
            }
            __private::call::<::nexevo_api::types::OrganizationMembership>(
                &client,
                &options,
                "get_organization",
                200u16,
                &|api| api.get_organization_request(&org_id),
            )
            .await
        })
    }
}
impl CallBuilder for GetOrganization {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for GetOrganization {}
awaitable!(GetOrganization);
/// [`Organizations::list_members`], ready to await (one page) or to walk every item ([`Paginated::into_stream`]).
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ListMembers {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) org_id: ::nexevo_api::types::OrgId,
    pub(crate) limit: ::std::option::Option<u32>,
    pub(crate) cursor: ::std::option::Option<::std::string::String>,
}
impl ListMembers {
    /// Page size (1 to 100; 20 when not set).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = ::std::option::Option::Some(limit);
        self
    }
}
impl Operation for ListMembers {
    type Output = ::nexevo_core::Page<::nexevo_api::types::Member>;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_core::Page<::nexevo_api::types::Member>>>> {
        let Self {
            client,
            options,
            org_id,
            limit,
            cursor,
        } = self;
        Box::pin(async move {
            {
                let value = &org_id;
                params::org_id(value)?;
            }
            if let ::std::option::Option::Some(value) = &limit {
                params::limit(*value)?;
            }
            if let ::std::option::Option::Some(value) = &cursor {
                params::cursor(value)?;
            }
            Ok(__private::call::<::nexevo_api::types::MemberList>(
                &client,
                &options,
                "list_members",
                200u16,
                &|api| api.list_members_request(&org_id, cursor.as_deref(), limit),
            )
            .await?
            .map(|list| ::nexevo_core::Page {
                items: list.data,
                next_cursor: list.next_cursor,
            }))
        })
    }
}
impl Paginated for ListMembers {
    type Item = ::nexevo_api::types::Member;
    fn cursor(mut self, cursor: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.cursor = ::std::option::Option::Some(cursor.into());
        self
    }
}
impl CallBuilder for ListMembers {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ListMembers {}
awaitable!(ListMembers);
/// [`Organizations::invite_member`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct InviteMember {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) org_id: ::nexevo_api::types::OrgId,
    pub(crate) body: ::nexevo_api::types::InviteMemberRequest,
}
impl Operation for InviteMember {
    type Output = ::nexevo_api::types::Member;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Member>>> {
        let Self {
            client,
            options,
            org_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &org_id;
                params::org_id(value)?;
            }
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::Member>(
                &client,
                &options,
                "invite_member",
                201u16,
                &|api| api.invite_member_request(&org_id, ::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for InviteMember {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for InviteMember {}
impl Idempotent for InviteMember {}
awaitable!(InviteMember);
/// [`Organizations::remove_member`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RemoveMember {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) org_id: ::nexevo_api::types::OrgId,
    pub(crate) user_id: ::nexevo_api::types::UserId,
}
impl Operation for RemoveMember {
    type Output = ();
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        let Self {
            client,
            options,
            org_id,
            user_id,
        } = self;
        Box::pin(async move {
            {
                let value = &org_id;
                params::org_id(value)?;
            }
            {
                let value = &user_id;
                params::user_id(value)?;
            }
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call_without_content(&client, &options, "remove_member", 204u16, &|api| {
                api.remove_member_request(&org_id, &user_id, ::std::option::Option::Some(&key))
            })
            .await
        })
    }
}
impl CallBuilder for RemoveMember {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for RemoveMember {}
impl Idempotent for RemoveMember {}
awaitable!(RemoveMember);
/// [`Organizations::change_member_role`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ChangeMemberRole {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) org_id: ::nexevo_api::types::OrgId,
    pub(crate) user_id: ::nexevo_api::types::UserId,
    pub(crate) body: ::nexevo_api::types::ChangeMemberRoleRequest,
}
impl Operation for ChangeMemberRole {
    type Output = ::nexevo_api::types::Member;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Member>>> {
        let Self {
            client,
            options,
            org_id,
            user_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &org_id;
                params::org_id(value)?;
            }
            {
                let value = &user_id;
                params::user_id(value)?;
            }
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::Member>(
                &client,
                &options,
                "change_member_role",
                200u16,
                &|api| {
                    api.change_member_role_request(
                        &org_id,
                        &user_id,
                        ::std::option::Option::Some(&key),
                        &body,
                    )
                },
            )
            .await
        })
    }
}
impl CallBuilder for ChangeMemberRole {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ChangeMemberRole {}
impl Idempotent for ChangeMemberRole {}
awaitable!(ChangeMemberRole);
/// [`Organizations::transfer_owner`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct TransferOwner {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) org_id: ::nexevo_api::types::OrgId,
    pub(crate) body: ::nexevo_api::types::TransferOwnerRequest,
}
impl Operation for TransferOwner {
    type Output = ::nexevo_api::types::OrganizationMembership;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::OrganizationMembership>>> {
        let Self {
            client,
            options,
            org_id,
            body,
        } = self;
        Box::pin(async move {
            {
                let value = &org_id;
                params::org_id(value)?;
            }
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::OrganizationMembership>(
                &client,
                &options,
                "transfer_owner",
                200u16,
                &|api| {
                    api.transfer_owner_request(&org_id, ::std::option::Option::Some(&key), &body)
                },
            )
            .await
        })
    }
}
impl CallBuilder for TransferOwner {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for TransferOwner {}
impl Idempotent for TransferOwner {}
awaitable!(TransferOwner);
