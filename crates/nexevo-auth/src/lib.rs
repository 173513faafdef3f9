//! Nexevo accounts: register, log in (with a two-factor code once 2FA is on), log out,
//! password reset, profile, password change, two-factor enrolment, and GDPR deactivation.
//!
//! ```no_run
//! use nexevo_auth::AuthExt;
//!
//! # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
//! let me = client.auth().me().await?;
//! client.auth().update_profile("Jane Doe").await?;
//! client.auth().change_password("old-pwd", "new-pwd-123").await?;
//! let status = client.auth().two_fa_status().await?;
//! println!("{} has 2FA {}", me.email, if status.enabled { "on" } else { "off" });
//! # Ok(()) }
//! ```
//!
//! Logging in answers a session; [`Auth::session_client`] turns it into a client that
//! authenticates as that session and shares the original's connection pool.

use nexevo_api::Validate;
use nexevo_api::types::{
    ChangePasswordRequest, DeactivateAccountRequest, LoginRequest, PasswordResetConfirmRequest,
    PasswordResetRequest, RegisterRequest, TwoFaCodeRequest, UpdateProfileRequest,
};
use nexevo_api::validate::params;
use nexevo_core::{BoxFuture, Client, Operation, Response, Result, awaitable};

pub use nexevo_api::Secret;
pub use nexevo_api::types::{
    AccountStatus, AuthSession, Deactivation, Email, TotpCode, TwoFaEnrollment, TwoFaStatus, User,
    UserId,
};

/// Adds [`auth()`](AuthExt::auth) to the client.
pub trait AuthExt {
    /// The account calls.
    fn auth(&self) -> Auth;
}

impl AuthExt for Client {
    fn auth(&self) -> Auth {
        Auth {
            client: self.clone(),
        }
    }
}

/// The account calls of a client.
#[derive(Debug, Clone)]
pub struct Auth {
    client: Client,
}

impl Auth {
    /// A client that authenticates as `session` (from [`Auth::login`] or [`Auth::register`]),
    /// sharing this client's connection pool and settings.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let session = client.auth().login("jane@acme.com", "correct-horse-battery").await?;
    /// let as_jane = client.auth().session_client(&session)?;
    /// let me = as_jane.auth().me().await?;
    /// # Ok(()) }
    /// ```
    pub fn session_client(&self, session: &AuthSession) -> Result<Client> {
        self.client
            .with_credential(session.token.expose().to_owned())
    }

    /// Creates an account (no credential needed) and answers a session for it.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let session = client
    ///     .auth()
    ///     .register("jane@acme.com", "correct-horse-battery")
    ///     .full_name("Jane Doe")
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn register(&self, email: impl Into<Email>, password: impl Into<Secret>) -> Register {
        Register {
            client: self.client.clone(),
            body: RegisterRequest {
                email: email.into(),
                password: password.into(),
                full_name: None,
            },
        }
    }

    /// Logs in. Once two-factor authentication is on, add [`Login::totp_code`]; without it the
    /// answer is 401 `two_factor_required`.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let session = client.auth().login("jane@acme.com", "correct-horse-battery").totp_code("492039").await?;
    /// # Ok(()) }
    /// ```
    pub fn login(&self, email: impl Into<Email>, password: impl Into<Secret>) -> Login {
        Login {
            client: self.client.clone(),
            body: LoginRequest {
                email: email.into(),
                password: password.into(),
                totp_code: None,
            },
        }
    }

    /// Ends the session this client authenticates with (a session token, not an API key).
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(session_client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// session_client.auth().logout().await?;
    /// # Ok(()) }
    /// ```
    pub fn logout(&self) -> Logout {
        Logout {
            client: self.client.clone(),
        }
    }

    /// Emails a single-use reset token if an account has this email (the answer is the same
    /// either way).
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.auth().request_password_reset("jane@acme.com").await?;
    /// # Ok(()) }
    /// ```
    pub fn request_password_reset(&self, email: impl Into<Email>) -> RequestPasswordReset {
        RequestPasswordReset {
            client: self.client.clone(),
            body: PasswordResetRequest {
                email: email.into(),
            },
        }
    }

    /// Sets a new password with the emailed reset token; every session of the account ends.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.auth().confirm_password_reset("rst_…", "new-pwd-123").await?;
    /// # Ok(()) }
    /// ```
    pub fn confirm_password_reset(
        &self,
        reset_token: impl Into<Secret>,
        new_password: impl Into<Secret>,
    ) -> ConfirmPasswordReset {
        ConfirmPasswordReset {
            client: self.client.clone(),
            body: PasswordResetConfirmRequest {
                reset_token: reset_token.into(),
                new_password: new_password.into(),
            },
        }
    }

    /// The account the client authenticates as.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let me = client.auth().me().await?;
    /// println!("{} ({})", me.email, me.user_id);
    /// # Ok(()) }
    /// ```
    pub fn me(&self) -> Me {
        Me {
            client: self.client.clone(),
        }
    }

    /// Changes the account's full name (1 to 100 characters).
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let me = client.auth().update_profile("Jane Doe").await?;
    /// # Ok(()) }
    /// ```
    pub fn update_profile(&self, full_name: impl Into<String>) -> UpdateProfile {
        UpdateProfile {
            client: self.client.clone(),
            body: UpdateProfileRequest {
                full_name: full_name.into(),
            },
        }
    }

    /// Replaces the password; a wrong current password is 403 `invalid_credentials`.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.auth().change_password("old-pwd", "new-pwd-123").await?;
    /// # Ok(()) }
    /// ```
    pub fn change_password(
        &self,
        current_password: impl Into<Secret>,
        new_password: impl Into<Secret>,
    ) -> ChangePassword {
        ChangePassword {
            client: self.client.clone(),
            body: ChangePasswordRequest {
                current_password: current_password.into(),
                new_password: new_password.into(),
            },
        }
    }

    /// Whether two-factor authentication is on, or awaiting verification.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let status = client.auth().two_fa_status().await?;
    /// # Ok(()) }
    /// ```
    pub fn two_fa_status(&self) -> TwoFaStatusCall {
        TwoFaStatusCall {
            client: self.client.clone(),
        }
    }

    /// Starts enrolment: a TOTP secret and its `otpauth://` URL (both secrets). Two-factor
    /// authentication turns on once [`Auth::verify_two_fa`] accepts a code from it.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let enrollment = client.auth().enable_two_fa().await?;
    /// // Show enrollment.otpauth_url.expose() as a QR code, then verify a code from the app.
    /// # Ok(()) }
    /// ```
    pub fn enable_two_fa(&self) -> EnableTwoFa {
        EnableTwoFa {
            client: self.client.clone(),
        }
    }

    /// Turns two-factor authentication on with a current code from the enrolled secret.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// let status = client.auth().verify_two_fa("492039").await?;
    /// assert!(status.enabled);
    /// # Ok(()) }
    /// ```
    pub fn verify_two_fa(&self, code: impl Into<String>) -> TwoFaCode {
        TwoFaCode {
            client: self.client.clone(),
            body: TwoFaCodeRequest {
                code: code.into().into(),
            },
            disable: false,
        }
    }

    /// Turns two-factor authentication off with a current code.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.auth().disable_two_fa("492039").await?;
    /// # Ok(()) }
    /// ```
    pub fn disable_two_fa(&self, code: impl Into<String>) -> TwoFaCode {
        TwoFaCode {
            client: self.client.clone(),
            body: TwoFaCodeRequest {
                code: code.into().into(),
            },
            disable: true,
        }
    }

    /// Deactivates the account (GDPR) after checking its password: every session and API key
    /// of the account stops working at once.
    ///
    /// ```no_run
    /// # use nexevo_auth::AuthExt;
    /// # async fn demo(client: nexevo_core::Client) -> nexevo_core::Result<()> {
    /// client.auth().deactivate("correct-horse-battery").reason("Moving on").await?;
    /// # Ok(()) }
    /// ```
    pub fn deactivate(&self, password: impl Into<Secret>) -> Deactivate {
        Deactivate {
            client: self.client.clone(),
            body: DeactivateAccountRequest {
                password: password.into(),
                reason: None,
            },
        }
    }
}

/// [`Auth::register`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Register {
    client: Client,
    body: RegisterRequest,
}

impl Register {
    /// The person's name (1 to 100 characters).
    pub fn full_name(mut self, full_name: impl Into<String>) -> Self {
        self.body.full_name = Some(full_name.into());
        self
    }
}

/// [`Auth::login`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Login {
    client: Client,
    body: LoginRequest,
}

impl Login {
    /// The current 6-digit code from the authenticator app.
    pub fn totp_code(mut self, code: impl Into<String>) -> Self {
        self.body.totp_code = Some(code.into().into());
        self
    }
}

/// [`Auth::logout`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Logout {
    client: Client,
}

/// [`Auth::request_password_reset`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct RequestPasswordReset {
    client: Client,
    body: PasswordResetRequest,
}

/// [`Auth::confirm_password_reset`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ConfirmPasswordReset {
    client: Client,
    body: PasswordResetConfirmRequest,
}

/// [`Auth::me`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Me {
    client: Client,
}

/// [`Auth::update_profile`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct UpdateProfile {
    client: Client,
    body: UpdateProfileRequest,
}

/// [`Auth::change_password`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct ChangePassword {
    client: Client,
    body: ChangePasswordRequest,
}

/// [`Auth::two_fa_status`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct TwoFaStatusCall {
    client: Client,
}

/// [`Auth::enable_two_fa`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct EnableTwoFa {
    client: Client,
}

/// [`Auth::verify_two_fa`] or [`Auth::disable_two_fa`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct TwoFaCode {
    client: Client,
    body: TwoFaCodeRequest,
    disable: bool,
}

/// [`Auth::deactivate`], ready to await.
#[derive(Debug, Clone)]
#[must_use = "a call does nothing until it is awaited"]
pub struct Deactivate {
    client: Client,
    body: DeactivateAccountRequest,
}

impl Deactivate {
    /// Why, optionally (1 to 500 characters).
    pub fn reason(mut self, reason: impl Into<String>) -> Self {
        self.body.reason = Some(reason.into());
        self
    }
}

/// A POST's `Idempotency-Key`: a fresh one per call, the same on each of its attempts.
fn fresh_key() -> Result<String> {
    let key = Client::idempotency_key(None, params::idempotency_key)?;
    Ok(key)
}

impl Operation for Register {
    type Output = AuthSession;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<AuthSession>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            self.client
                .call(|api| async move { api.register(Some(&key), &body).await })
                .await
        })
    }
}

impl Operation for Login {
    type Output = AuthSession;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<AuthSession>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            self.client
                .call(|api| async move { api.login(Some(&key), &body).await })
                .await
        })
    }
}

impl Operation for Logout {
    type Output = ();

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        Box::pin(async move {
            let key = fresh_key()?;
            self.client
                .call(|api| async move { api.logout(Some(&key)).await })
                .await
        })
    }
}

impl Operation for RequestPasswordReset {
    type Output = ();

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            self.client
                .call(|api| async move { api.request_password_reset(Some(&key), &body).await })
                .await
        })
    }
}

impl Operation for ConfirmPasswordReset {
    type Output = ();

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            self.client
                .call(|api| async move { api.confirm_password_reset(Some(&key), &body).await })
                .await
        })
    }
}

impl Operation for Me {
    type Output = User;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<User>>> {
        Box::pin(async move { self.client.call(|api| async move { api.me().await }).await })
    }
}

impl Operation for UpdateProfile {
    type Output = User;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<User>>> {
        Box::pin(async move {
            self.body.validate()?;
            let body = self.body;
            self.client
                .call(|api| async move { api.update_profile(&body).await })
                .await
        })
    }
}

impl Operation for ChangePassword {
    type Output = ();

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<()>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            self.client
                .call(|api| async move { api.change_password(Some(&key), &body).await })
                .await
        })
    }
}

impl Operation for TwoFaStatusCall {
    type Output = TwoFaStatus;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<TwoFaStatus>>> {
        Box::pin(async move {
            self.client
                .call(|api| async move { api.two_fa_status().await })
                .await
        })
    }
}

impl Operation for EnableTwoFa {
    type Output = TwoFaEnrollment;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<TwoFaEnrollment>>> {
        Box::pin(async move {
            let key = fresh_key()?;
            self.client
                .call(|api| async move { api.enable_two_fa(Some(&key)).await })
                .await
        })
    }
}

impl Operation for TwoFaCode {
    type Output = TwoFaStatus;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<TwoFaStatus>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            if self.disable {
                self.client
                    .call(|api| async move { api.disable_two_fa(Some(&key), &body).await })
                    .await
            } else {
                self.client
                    .call(|api| async move { api.verify_two_fa(Some(&key), &body).await })
                    .await
            }
        })
    }
}

impl Operation for Deactivate {
    type Output = Deactivation;

    #[inline]
    fn send(self) -> BoxFuture<Result<Response<Deactivation>>> {
        Box::pin(async move {
            self.body.validate()?;
            let (key, body) = (fresh_key()?, self.body);
            self.client
                .call(|api| async move { api.deactivate_account(Some(&key), &body).await })
                .await
        })
    }
}

awaitable!(
    Register,
    Login,
    Logout,
    RequestPasswordReset,
    ConfirmPasswordReset,
    Me,
    UpdateProfile,
    ChangePassword,
    TwoFaStatusCall,
    EnableTwoFa,
    TwoFaCode,
    Deactivate,
);
