// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! The `auth` calls: `client.auth()` and a builder per operation, from the spec's `auth` operations.

#[allow(unused_imports)]
use nexevo_api::Validate;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::types::{
    AccountStatus, AuthSession, Deactivation, Email, TotpCode, TwoFaEnrollment, TwoFaStatus, User,
    UserId,
};
#[allow(unused_imports)]
use nexevo_api::validate::params;
#[allow(unused_imports, unreachable_pub)]
pub use nexevo_api::{Secret, Timestamp};
#[allow(unused_imports)]
use nexevo_core::__private::{self, CallBuilder, RequestOptions, awaitable};
#[allow(unused_imports)]
use nexevo_core::{
    BoxFuture, CallOptions, Client, Idempotent, Operation, Page, Paginated, Response, Result,
};
/// Adds [`auth()`](AuthExt::auth) to the client.
pub trait AuthExt {
    /// The `auth` calls: Account management, sessions, password reset, two-factor authentication.
    fn auth(&self) -> Auth;
}
impl AuthExt for Client {
    fn auth(&self) -> Auth {
        Auth {
            client: self.clone(),
        }
    }
}
/// The `auth` calls of a client: Account management, sessions, password reset, two-factor authentication.
#[derive(Debug, Clone)]
pub struct Auth {
    pub(crate) client: Client,
}
impl Auth {
    /// Get the two-factor status
    ///
    /// Whether two-factor authentication is on, and whether an enrolment awaits verification.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().two_fa_status().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn two_fa_status(&self) -> TwoFaStatusCall {
        TwoFaStatusCall {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Turn two-factor authentication off
    ///
    /// Turns two-factor authentication off with a current code. Needs two-factor
    /// authentication on (else a 409 `conflict`), and `code` must be the enrolled
    /// secret's TOTP code for the current 30-second step (RFC 6238, SHA-1, 6 digits; the
    /// neighbouring steps are accepted too); any other code is a 422 on `code`, and so is
    /// a code of the step of one already accepted for the account (by `login` or
    /// `verifyTwoFa`), or of an earlier step: a code is accepted once.
    ///
    /// Wrong two-factor codes are limited. They are counted per account: per client
    /// (the credential a request is sent with; for `login`, which has none, the network
    /// address it comes from — in the sandbox every request comes from loopback, so an
    /// account's logins count as one client), and for all clients together. After 5
    /// wrong codes from one client, its next code is checked only 1 s after its latest
    /// wrong one, a wait that doubles with each further wrong code up to 5 minutes;
    /// after 10 from all clients together, every client's next code is checked only 1 s
    /// after the account's latest wrong one, doubling up to 1 minute. A code sent sooner
    /// is not checked and counts for nothing: the answer is 429 `too_many_attempts`, with
    /// `Retry-After` and `retry-after-ms` saying how long is left. A correct code clears
    /// its client's count, and counts are forgotten an hour after their latest wrong
    /// code. So a code never waits more than 5 minutes after its own client's latest
    /// wrong code, nor more than 1 minute after anyone else's: guessing is slowed to a
    /// crawl, and the account's owner is never locked out for long.
    ///
    /// - `code`: A 6-digit code from an authenticator app.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().disable_two_fa("492039").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn disable_two_fa(
        &self,
        code: impl ::std::convert::Into<::nexevo_api::types::TotpCode>,
    ) -> DisableTwoFa {
        DisableTwoFa {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::TwoFaCodeRequest { code: code.into() },
        }
    }
    /// Start two-factor enrolment
    ///
    /// Returns a new TOTP secret (RFC 6238, SHA-1, 6 digits, 30 s) and its otpauth URL. Two-factor authentication turns on only once `verifyTwoFa` accepts a code from it.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().enable_two_fa().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn enable_two_fa(&self) -> EnableTwoFa {
        EnableTwoFa {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Verify two-factor enrolment
    ///
    /// Turns two-factor authentication on with a current code from the enrolled secret.
    /// Needs an enrolment pending from `enableTwoFa` (else a 409 `conflict`), and `code`
    /// must be the secret's TOTP code for the current 30-second step (RFC 6238, SHA-1, 6
    /// digits; the previous and next steps are accepted too); any other code is a 422 on
    /// `code`. The accepted code's step counts as used: `login` and `disableTwoFa` then
    /// refuse a code of that step or an earlier one (a 422 on `code` here too for a
    /// code used before).
    ///
    /// Wrong two-factor codes are limited. They are counted per account: per client
    /// (the credential a request is sent with; for `login`, which has none, the network
    /// address it comes from — in the sandbox every request comes from loopback, so an
    /// account's logins count as one client), and for all clients together. After 5
    /// wrong codes from one client, its next code is checked only 1 s after its latest
    /// wrong one, a wait that doubles with each further wrong code up to 5 minutes;
    /// after 10 from all clients together, every client's next code is checked only 1 s
    /// after the account's latest wrong one, doubling up to 1 minute. A code sent sooner
    /// is not checked and counts for nothing: the answer is 429 `too_many_attempts`, with
    /// `Retry-After` and `retry-after-ms` saying how long is left. A correct code clears
    /// its client's count, and counts are forgotten an hour after their latest wrong
    /// code. So a code never waits more than 5 minutes after its own client's latest
    /// wrong code, nor more than 1 minute after anyone else's: guessing is slowed to a
    /// crawl, and the account's owner is never locked out for long.
    ///
    /// - `code`: A 6-digit code from an authenticator app.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().verify_two_fa("492039").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn verify_two_fa(
        &self,
        code: impl ::std::convert::Into<::nexevo_api::types::TotpCode>,
    ) -> VerifyTwoFa {
        VerifyTwoFa {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::TwoFaCodeRequest { code: code.into() },
        }
    }
    /// Change the password
    ///
    /// Replaces the password after checking the current one (a wrong current password is a 403 `invalid_credentials`). Every other session of the account ends; the calling session, if it is one, stays. API keys keep working.
    ///
    /// - `current_password`: An existing password, checked as it is (1 to 128 characters).
    /// - `new_password`: A password of 8 to 128 characters.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().change_password("old-pwd-123", "new-pwd-123").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn change_password(
        &self,
        current_password: impl ::std::convert::Into<::nexevo_api::Secret>,
        new_password: impl ::std::convert::Into<::nexevo_api::Secret>,
    ) -> ChangePassword {
        ChangePassword {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::ChangePasswordRequest {
                current_password: current_password.into(),
                new_password: new_password.into(),
            },
        }
    }
    /// Deactivate the account (GDPR)
    ///
    /// Deactivates the caller's account after checking its password. Every session and API key of the account stops authenticating at once.
    ///
    /// - `password`: An existing password, checked as it is (1 to 128 characters).
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().deactivate("correct-horse-battery").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn deactivate(
        &self,
        password: impl ::std::convert::Into<::nexevo_api::Secret>,
    ) -> DeactivateAccount {
        DeactivateAccount {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::DeactivateAccountRequest {
                password: password.into(),
                reason: ::std::option::Option::None,
            },
        }
    }
    /// Log in
    ///
    /// Exchanges email and password for a session token usable as the Bearer token.
    /// Once two-factor authentication is on, `totp_code` is required: without it the
    /// answer is 401 `two_factor_required`, with a wrong one 401 `invalid_two_factor_code`.
    /// The code is checked only once the password is right. A code is accepted once
    /// (RFC 6238 §5.2): a code of the 30-second step of one already accepted for the
    /// account (by a login, `verifyTwoFa` or `disableTwoFa`), or of an earlier step, is
    /// refused as `invalid_two_factor_code` too; wait for the next one.
    ///
    /// Wrong two-factor codes are limited. They are counted per account: per client
    /// (the credential a request is sent with; for `login`, which has none, the network
    /// address it comes from — in the sandbox every request comes from loopback, so an
    /// account's logins count as one client), and for all clients together. After 5
    /// wrong codes from one client, its next code is checked only 1 s after its latest
    /// wrong one, a wait that doubles with each further wrong code up to 5 minutes;
    /// after 10 from all clients together, every client's next code is checked only 1 s
    /// after the account's latest wrong one, doubling up to 1 minute. A code sent sooner
    /// is not checked and counts for nothing: the answer is 429 `too_many_attempts`, with
    /// `Retry-After` and `retry-after-ms` saying how long is left. A correct code clears
    /// its client's count, and counts are forgotten an hour after their latest wrong
    /// code. So a code never waits more than 5 minutes after its own client's latest
    /// wrong code, nor more than 1 minute after anyone else's: guessing is slowed to a
    /// crawl, and the account's owner is never locked out for long.
    ///
    /// - `email`: An email address (3 to 254 characters).
    /// - `password`: An existing password, checked as it is (1 to 128 characters).
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().login("jane@acme.com", "correct-horse-battery").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn login(
        &self,
        email: impl ::std::convert::Into<::nexevo_api::types::Email>,
        password: impl ::std::convert::Into<::nexevo_api::Secret>,
    ) -> Login {
        Login {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::LoginRequest {
                email: email.into(),
                password: password.into(),
                totp_code: ::std::option::Option::None,
            },
        }
    }
    /// Log out
    ///
    /// Ends the session whose token authenticates this request. The bearer credential must be a session token from `login`; an API key is not a session and is refused with a 422.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().logout().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn logout(&self) -> Logout {
        Logout {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Get the current user
    ///
    /// The account that the Bearer token belongs to.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().me().await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn me(&self) -> Me {
        Me {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
        }
    }
    /// Update the profile
    ///
    /// Changes the current user's full name.
    ///
    /// - `full_name`: The person's name (1 to 100 characters).
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().update_profile("Jane Doe").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn update_profile(
        &self,
        full_name: impl ::std::convert::Into<::std::string::String>,
    ) -> UpdateProfile {
        UpdateProfile {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::UpdateProfileRequest {
                full_name: full_name.into(),
            },
        }
    }
    /// Request a password reset
    ///
    /// Emails a single-use reset token, valid for an hour, if an account has this email. The answer is the same whether or not it does, so it cannot be used to discover accounts. An account holds its five newest tokens; an older one stops working.
    ///
    /// - `email`: An email address (3 to 254 characters).
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().request_password_reset("jane@acme.com").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn request_password_reset(
        &self,
        email: impl ::std::convert::Into<::nexevo_api::types::Email>,
    ) -> RequestPasswordReset {
        RequestPasswordReset {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::PasswordResetRequest {
                email: email.into(),
            },
        }
    }
    /// Confirm a password reset
    ///
    /// Sets a new password with the emailed reset token. The token works once, and every other reset token of the account stops working with it; every existing session of the account ends.
    ///
    /// - `reset_token`: The single-use token from a password reset email. A secret (1 to 256 characters).
    /// - `new_password`: A password of 8 to 128 characters.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().confirm_password_reset("rst_Qm93ZWxs", "new-pwd-123").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn confirm_password_reset(
        &self,
        reset_token: impl ::std::convert::Into<::nexevo_api::Secret>,
        new_password: impl ::std::convert::Into<::nexevo_api::Secret>,
    ) -> ConfirmPasswordReset {
        ConfirmPasswordReset {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::PasswordResetConfirmRequest {
                new_password: new_password.into(),
                reset_token: reset_token.into(),
            },
        }
    }
    /// Register an account
    ///
    /// Creates an account and returns a session for it. The email must not be taken.
    /// An invitation to an organization (see `inviteMember`) is taken only with the
    /// `invitation_token` it emailed, which proves the mailbox: the account then takes
    /// the invitation's user id and becomes an `active` member of every organization
    /// that invited this email. Without a token the account is a plain one and the
    /// invitations stay `invited`. A token that is not an open invitation to this email
    /// (another email's, expired, or withdrawn by removing the member) is a 422 on
    /// `invitation_token`, and nothing is created.
    ///
    /// - `email`: An email address (3 to 254 characters).
    /// - `password`: A password of 8 to 128 characters.
    ///
    /// ```no_run
    /// # use nexevo_auth::*;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let answer = client.auth().register("jane@acme.com", "correct-horse-battery").await?;
    /// # let _ = answer;
    /// # Ok(()) }
    /// ```
    pub fn register(
        &self,
        email: impl ::std::convert::Into<::nexevo_api::types::Email>,
        password: impl ::std::convert::Into<::nexevo_api::Secret>,
    ) -> Register {
        Register {
            client: self.client.clone(),
            options: ::std::default::Default::default(),
            body: ::nexevo_api::types::RegisterRequest {
                email: email.into(),
                full_name: ::std::option::Option::None,
                invitation_token: ::std::option::Option::None,
                password: password.into(),
            },
        }
    }
}
/// [`Auth::two_fa_status`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct TwoFaStatusCall {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for TwoFaStatusCall {
    type Output = ::nexevo_api::types::TwoFaStatus;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::TwoFaStatus>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            __private::call::<::nexevo_api::types::TwoFaStatus>(
                &client,
                &options,
                "two_fa_status",
                200u16,
                &|api| api.two_fa_status_request(),
            )
            .await
        })
    }
}
impl CallBuilder for TwoFaStatusCall {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for TwoFaStatusCall {}
awaitable!(TwoFaStatusCall);
/// [`Auth::disable_two_fa`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct DisableTwoFa {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::TwoFaCodeRequest,
}
impl Operation for DisableTwoFa {
    type Output = ::nexevo_api::types::TwoFaStatus;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::TwoFaStatus>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::TwoFaStatus>(
                &client,
                &options,
                "disable_two_fa",
                200u16,
                &|api| api.disable_two_fa_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for DisableTwoFa {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for DisableTwoFa {}
impl Idempotent for DisableTwoFa {}
awaitable!(DisableTwoFa);
/// [`Auth::enable_two_fa`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct EnableTwoFa {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for EnableTwoFa {
    type Output = ::nexevo_api::types::TwoFaEnrollment;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::TwoFaEnrollment>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::TwoFaEnrollment>(
                &client,
                &options,
                "enable_two_fa",
                200u16,
                &|api| api.enable_two_fa_request(::std::option::Option::Some(&key)),
            )
            .await
        })
    }
}
impl CallBuilder for EnableTwoFa {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for EnableTwoFa {}
impl Idempotent for EnableTwoFa {}
awaitable!(EnableTwoFa);
/// [`Auth::verify_two_fa`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct VerifyTwoFa {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::TwoFaCodeRequest,
}
impl Operation for VerifyTwoFa {
    type Output = ::nexevo_api::types::TwoFaStatus;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::TwoFaStatus>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::TwoFaStatus>(
                &client,
                &options,
                "verify_two_fa",
                200u16,
                &|api| api.verify_two_fa_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for VerifyTwoFa {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for VerifyTwoFa {}
impl Idempotent for VerifyTwoFa {}
awaitable!(VerifyTwoFa);
/// [`Auth::change_password`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ChangePassword {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::ChangePasswordRequest,
}
impl Operation for ChangePassword {
    type Output = ();
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call_without_content(&client, &options, "change_password", 204u16, &|api| {
                api.change_password_request(::std::option::Option::Some(&key), &body)
            })
            .await
        })
    }
}
impl CallBuilder for ChangePassword {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ChangePassword {}
impl Idempotent for ChangePassword {}
awaitable!(ChangePassword);
/// [`Auth::deactivate`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct DeactivateAccount {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::DeactivateAccountRequest,
}
impl DeactivateAccount {
    /// Why, optionally (1 to 500 characters).
    pub fn reason(mut self, reason: impl ::std::convert::Into<::std::string::String>) -> Self {
        self.body.reason = ::std::option::Option::Some(reason.into());
        self
    }
}
impl Operation for DeactivateAccount {
    type Output = ::nexevo_api::types::Deactivation;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::Deactivation>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::Deactivation>(
                &client,
                &options,
                "deactivate_account",
                200u16,
                &|api| api.deactivate_account_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for DeactivateAccount {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for DeactivateAccount {}
impl Idempotent for DeactivateAccount {}
awaitable!(DeactivateAccount);
/// [`Auth::login`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Login {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::LoginRequest,
}
impl Login {
    /// A 6-digit code from an authenticator app.
    pub fn totp_code(
        mut self,
        totp_code: impl ::std::convert::Into<::nexevo_api::types::TotpCode>,
    ) -> Self {
        self.body.totp_code = ::std::option::Option::Some(totp_code.into());
        self
    }
}
impl Operation for Login {
    type Output = ::nexevo_api::types::AuthSession;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::AuthSession>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::AuthSession>(
                &client,
                &options,
                "login",
                200u16,
                &|api| api.login_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for Login {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for Login {}
impl Idempotent for Login {}
awaitable!(Login);
/// [`Auth::logout`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Logout {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for Logout {
    type Output = ();
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call_without_content(&client, &options, "logout", 204u16, &|api| {
                api.logout_request(::std::option::Option::Some(&key))
            })
            .await
        })
    }
}
impl CallBuilder for Logout {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for Logout {}
impl Idempotent for Logout {}
awaitable!(Logout);
/// [`Auth::me`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Me {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
}
impl Operation for Me {
    type Output = ::nexevo_api::types::User;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::User>>> {
        let Self { client, options } = self;
        Box::pin(async move {
            __private::call::<::nexevo_api::types::User>(&client, &options, "me", 200u16, &|api| {
                api.me_request()
            })
            .await
        })
    }
}
impl CallBuilder for Me {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for Me {}
awaitable!(Me);
/// [`Auth::update_profile`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateProfile {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::UpdateProfileRequest,
}
impl Operation for UpdateProfile {
    type Output = ::nexevo_api::types::User;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::User>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::User>(
                &client,
                &options,
                "update_profile",
                200u16,
                &|api| api.update_profile_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for UpdateProfile {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for UpdateProfile {}
impl Idempotent for UpdateProfile {}
awaitable!(UpdateProfile);
/// [`Auth::request_password_reset`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RequestPasswordReset {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::PasswordResetRequest,
}
impl Operation for RequestPasswordReset {
    type Output = ();
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call_without_content(
                &client,
                &options,
                "request_password_reset",
                202u16,
                &|api| api.request_password_reset_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for RequestPasswordReset {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for RequestPasswordReset {}
impl Idempotent for RequestPasswordReset {}
awaitable!(RequestPasswordReset);
/// [`Auth::confirm_password_reset`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ConfirmPasswordReset {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::PasswordResetConfirmRequest,
}
impl Operation for ConfirmPasswordReset {
    type Output = ();
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call_without_content(
                &client,
                &options,
                "confirm_password_reset",
                204u16,
                &|api| api.confirm_password_reset_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for ConfirmPasswordReset {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for ConfirmPasswordReset {}
impl Idempotent for ConfirmPasswordReset {}
awaitable!(ConfirmPasswordReset);
/// [`Auth::register`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Register {
    pub(crate) client: Client,
    pub(crate) options: RequestOptions,
    pub(crate) body: ::nexevo_api::types::RegisterRequest,
}
impl Register {
    /// The person's name (1 to 100 characters).
    pub fn full_name(
        mut self,
        full_name: impl ::std::convert::Into<::std::string::String>,
    ) -> Self {
        self.body.full_name = ::std::option::Option::Some(full_name.into());
        self
    }
    /// The token from an organization's invitation email, which proves the invited mailbox. A secret (1 to 256 characters).
    pub fn invitation_token(
        mut self,
        invitation_token: impl ::std::convert::Into<::nexevo_api::Secret>,
    ) -> Self {
        self.body.invitation_token = ::std::option::Option::Some(invitation_token.into());
        self
    }
}
impl Operation for Register {
    type Output = ::nexevo_api::types::AuthSession;
    #[inline]
    fn send(self) -> BoxFuture<Result<Response<::nexevo_api::types::AuthSession>>> {
        let Self {
            client,
            options,
            body,
        } = self;
        Box::pin(async move {
            body.validate()?;
            let key =
                __private::idempotency_key(options.idempotency_key(), params::idempotency_key)?;
            __private::call::<::nexevo_api::types::AuthSession>(
                &client,
                &options,
                "register",
                201u16,
                &|api| api.register_request(::std::option::Option::Some(&key), &body),
            )
            .await
        })
    }
}
impl CallBuilder for Register {
    #[inline]
    fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }
}
impl CallOptions for Register {}
impl Idempotent for Register {}
awaitable!(Register);
