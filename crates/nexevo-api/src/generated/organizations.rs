// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `organizations` operations: compiled only with the `organizations` feature.

#![allow(
    // Generated items are `pub` in a private module and re-exported selectively.
    unreachable_pub,
    // progenitor's `Client::new` unwraps reqwest's builder; the SDK never calls it.
    clippy::unwrap_used,
    // typify's and progenitor's style is theirs, not ours.
    clippy::all,
)]

#[allow(unused_imports)]
use super::{
    ByteStream, Client, ClientHooks, ClientInfo, Error, OperationInfo, RequestBuilderExt,
    ResponseValue, encode_path, types,
};
impl Client {
    /// Builds the request [`Self::list_organizations`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn list_organizations_request<'a>(
        &'a self,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/organizations", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("limit", &limit))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// List organizations
    ///
    /// The organizations the caller is a member of, with the caller's role in each.
    ///
    /// Sends a `GET` request to `/v1/organizations`
    ///
    /// Arguments:
    /// - `cursor`: Opaque. Only the `next_cursor` of a previous page of the same list is accepted; absent for the first page. Any other value — one made up, or past the end of the list — is a 422 on `cursor`.
    /// - `limit`: Page size.
    #[inline]
    pub async fn list_organizations<'a>(
        &'a self,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<ResponseValue<types::OrganizationList>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.list_organizations_request(cursor, limit)?;
        let info = OperationInfo {
            operation_id: "list_organizations",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::create_organization`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn create_organization_request<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::CreateOrganizationRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!("{}/v1/organizations", self.baseurl,);
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Create an organization
    ///
    /// Creates an organization owned by the caller.
    ///
    /// Sends a `POST` request to `/v1/organizations`
    ///
    /// Arguments:
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn create_organization<'a>(
        &'a self,
        idempotency_key: Option<&'a str>,
        body: &'a types::CreateOrganizationRequest,
    ) -> Result<ResponseValue<types::OrganizationMembership>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.create_organization_request(idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "create_organization",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::get_organization`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn get_organization_request<'a>(
        &'a self,
        org_id: &'a types::OrgId,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/organizations/{}",
            self.baseurl,
            encode_path(&org_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Get an organization
    ///
    /// One organization the caller is a member of, with the caller's role. Any other organization is a 404.
    ///
    /// Sends a `GET` request to `/v1/organizations/{org_id}`
    ///
    /// Arguments:
    /// - `org_id`: The organization's id.
    #[inline]
    pub async fn get_organization<'a>(
        &'a self,
        org_id: &'a types::OrgId,
    ) -> Result<ResponseValue<types::OrganizationMembership>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.get_organization_request(org_id)?;
        let info = OperationInfo {
            operation_id: "get_organization",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::list_members`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn list_members_request<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/organizations/{}/members",
            self.baseurl,
            encode_path(&org_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(1usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        #[allow(unused_mut)]
        let mut request = self
            .client
            .get(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .query(&progenitor_client::QueryParam::new("cursor", &cursor))
            .query(&progenitor_client::QueryParam::new("limit", &limit))
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// List members
    ///
    /// The organization's members, owner first.
    ///
    /// Sends a `GET` request to `/v1/organizations/{org_id}/members`
    ///
    /// Arguments:
    /// - `org_id`: The organization's id.
    /// - `cursor`: Opaque. Only the `next_cursor` of a previous page of the same list is accepted; absent for the first page. Any other value — one made up, or past the end of the list — is a 422 on `cursor`.
    /// - `limit`: Page size.
    #[inline]
    pub async fn list_members<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        cursor: Option<&'a str>,
        limit: Option<u32>,
    ) -> Result<ResponseValue<types::MemberList>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.list_members_request(org_id, cursor, limit)?;
        let info = OperationInfo {
            operation_id: "list_members",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::invite_member`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn invite_member_request<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        idempotency_key: Option<&'a str>,
        body: &'a types::InviteMemberRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/organizations/{}/members",
            self.baseurl,
            encode_path(&org_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
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
    ///
    /// Sends a `POST` request to `/v1/organizations/{org_id}/members`
    ///
    /// Arguments:
    /// - `org_id`: The organization's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn invite_member<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        idempotency_key: Option<&'a str>,
        body: &'a types::InviteMemberRequest,
    ) -> Result<ResponseValue<types::Member>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.invite_member_request(org_id, idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "invite_member",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            201u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::remove_member`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn remove_member_request<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        user_id: &'a types::UserId,
        idempotency_key: Option<&'a str>,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/organizations/{}/members/{}",
            self.baseurl,
            encode_path(&org_id.to_string()),
            encode_path(&user_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .delete(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Remove a member
    ///
    /// Removes a member. Only the owner and admins remove members, an admin cannot remove another admin, and the owner cannot be removed (403).
    ///
    /// Sends a `DELETE` request to `/v1/organizations/{org_id}/members/{user_id}`
    ///
    /// Arguments:
    /// - `org_id`: The organization's id.
    /// - `user_id`: The user's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    #[inline]
    pub async fn remove_member<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        user_id: &'a types::UserId,
        idempotency_key: Option<&'a str>,
    ) -> Result<ResponseValue<()>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.remove_member_request(org_id, user_id, idempotency_key)?;
        let info = OperationInfo {
            operation_id: "remove_member",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            204u16 => Ok(ResponseValue::empty(response)),
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::change_member_role`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn change_member_role_request<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        user_id: &'a types::UserId,
        idempotency_key: Option<&'a str>,
        body: &'a types::ChangeMemberRoleRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/organizations/{}/members/{}/role",
            self.baseurl,
            encode_path(&org_id.to_string()),
            encode_path(&user_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .put(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Change a member's role
    ///
    /// Makes a member an `admin` or a `developer`. Only the owner changes roles; the owner's own role changes only by `transferOwner`.
    ///
    /// Sends a `PUT` request to `/v1/organizations/{org_id}/members/{user_id}/role`
    ///
    /// Arguments:
    /// - `org_id`: The organization's id.
    /// - `user_id`: The user's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn change_member_role<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        user_id: &'a types::UserId,
        idempotency_key: Option<&'a str>,
        body: &'a types::ChangeMemberRoleRequest,
    ) -> Result<ResponseValue<types::Member>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request =
            self.change_member_role_request(org_id, user_id, idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "change_member_role",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
    /// Builds the request [`Self::transfer_owner`] sends, without sending it, for a caller that sends and decodes on its own terms (the `nexevo` SDK does).
    #[inline]
    pub fn transfer_owner_request<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        idempotency_key: Option<&'a str>,
        body: &'a types::TransferOwnerRequest,
    ) -> Result<::reqwest::Request, crate::RequestError> {
        let url = format!(
            "{}/v1/organizations/{}/transfer-owner",
            self.baseurl,
            encode_path(&org_id.to_string()),
        );
        let mut header_map = ::reqwest::header::HeaderMap::with_capacity(2usize);
        header_map.append(
            ::reqwest::header::HeaderName::from_static("api-version"),
            ::reqwest::header::HeaderValue::from_static(Self::api_version()),
        );
        if let Some(value) = idempotency_key {
            header_map.append("Idempotency-Key", value.to_string().try_into()?);
        }
        #[allow(unused_mut)]
        let mut request = self
            .client
            .post(url)
            .header(
                ::reqwest::header::ACCEPT,
                ::reqwest::header::HeaderValue::from_static("application/json"),
            )
            .json(&body)
            .headers(header_map)
            .build()?;
        Ok(request)
    }
    /// Transfer ownership
    ///
    /// Makes another member the owner; the previous owner becomes an admin. Only the owner can do this.
    ///
    /// Sends a `POST` request to `/v1/organizations/{org_id}/transfer-owner`
    ///
    /// Arguments:
    /// - `org_id`: The organization's id.
    /// - `idempotency_key`: Makes a request that changes something safe to retry. The first request with a key is applied once; repeats with the same key and body get its response replayed (a stream's events too); the same key with a different body is a 409 `idempotency_conflict`; a repeat while the first is a stream still being produced is a 409 `idempotency_in_progress` with `Retry-After`. Kept for 24 hours, per credential and operation (see the API's description).
    /// - `body`
    #[inline]
    pub async fn transfer_owner<'a>(
        &'a self,
        org_id: &'a types::OrgId,
        idempotency_key: Option<&'a str>,
        body: &'a types::TransferOwnerRequest,
    ) -> Result<ResponseValue<types::OrganizationMembership>, Error<types::Error>> {
        #[allow(unused_mut)]
        let mut request = self.transfer_owner_request(org_id, idempotency_key, body)?;
        let info = OperationInfo {
            operation_id: "transfer_owner",
        };
        self.pre(&mut request, &info).await?;
        let result = self.exec(request, &info).await;
        self.post(&result, &info).await?;
        let response = result?;
        match response.status().as_u16() {
            200u16 => ResponseValue::from_response(response).await,
            401u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            403u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            404u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            408u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            409u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            413u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            415u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            422u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            429u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            500u16..=599u16 => Err(Error::ErrorResponse(
                ResponseValue::from_response(response).await?,
            )),
            _ => Err(Error::UnexpectedResponse(response)),
        }
    }
}
