//! Accounts: register, login with 2FA, sessions, password reset, profile, deactivation.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};
use nexevo_api::Secret;
use nexevo_api::types::{
    AccountStatus, AuthSession, ChangePasswordRequest, DeactivateAccountRequest, Deactivation,
    ErrorCode, LoginRequest, PasswordResetConfirmRequest, PasswordResetRequest, RegisterRequest,
    TwoFaCodeRequest, TwoFaEnrollment, TwoFaStatus, UpdateProfileRequest,
};
use rust_decimal::Decimal;

use super::{passwords, to_user, totp};
use crate::context::EndedItsCredential;
use crate::errors::{ApiError, ApiResult};
use crate::extract::{Caller, Credential, Ctx, JsonBody, PersonalCaller, already_exists};
use crate::state::{
    BillingAccount, Data, Payer, ResetToken, SentEmail, Session, User, new_id, random_hex,
    secret_hash,
};

/// How long a session lasts.
const SESSION_DAYS: i64 = 30;
/// Credit a newly registered account starts with, so it can try chat at once.
pub(crate) const STARTER_CREDIT_CENTS: i64 = 500;

pub(crate) async fn register(
    ctx: Ctx,
    JsonBody(body): JsonBody<RegisterRequest>,
) -> ApiResult<Response> {
    let email = body.email.to_lowercase();
    let invitation = body
        .invitation_token
        .as_ref()
        .map(|token| secret_hash(token.expose()));
    // The email is free, and the invitation (if any) open: the user id it holds.
    let check = |data: &Data, now| -> ApiResult<Option<String>> {
        if data.user_by_email.contains_key(&email) {
            return Err(already_exists("An account with this email already exists."));
        }
        invitation
            .as_ref()
            .map(|token_hash| {
                data.open_invitation(&email, token_hash, now).ok_or_else(|| {
                    ApiError::invalid(
                        "invitation_token",
                        "invitation_token is not an open invitation to this email: another email's, expired, or withdrawn",
                    )
                })
            })
            .transpose()
    };
    // Checked before the slow hash, and again after it under the lock.
    check(&ctx.app.store.lock(), ctx.app.store.now())?;
    let hash = passwords::hash(body.password.expose())?;
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let invited_as = check(&data, now)?;
    let user_id = create_user(
        &mut data,
        &email,
        body.full_name.clone(),
        hash,
        Decimal::new(STARTER_CREDIT_CENTS, 2),
        invited_as,
        now,
    );
    let session = start_session(&mut data, &user_id, now)?;
    ctx.applied();
    Ok((StatusCode::CREATED, Json(session)).into_response())
}

/// Creates a user with a billing account holding `balance`. With `invited_as` — the user id
/// of an invitation whose token the registrant sent, proving the mailbox — the user takes that
/// id and joins every organization with an open invitation to the email; without, it is a
/// plain account, and invitations to the email stay pending.
pub(crate) fn create_user(
    data: &mut Data,
    email: &str,
    full_name: Option<String>,
    password_hash: String,
    balance: Decimal,
    invited_as: Option<String>,
    now: DateTime<Utc>,
) -> String {
    let user_id = match invited_as {
        Some(user_id) => {
            data.accept_invitations(email, &user_id, now);
            user_id
        }
        None => new_id("u_"),
    };
    data.users.insert(
        user_id.clone(),
        User {
            user_id: user_id.clone(),
            email: email.to_owned(),
            full_name,
            password_hash,
            active: true,
            created_at: now,
            totp_secret: None,
            pending_totp_secret: None,
            totp_last_step: None,
            reset_token_hashes: Default::default(),
        },
    );
    data.user_by_email.insert(email.to_owned(), user_id.clone());
    data.billing.insert(
        Payer::User(user_id.clone()),
        BillingAccount::new(balance, now),
    );
    user_id
}

fn start_session(data: &mut Data, user_id: &str, now: DateTime<Utc>) -> ApiResult<AuthSession> {
    let token = format!("nxs_{}", random_hex(24));
    let expires_at = now + Duration::days(SESSION_DAYS);
    data.add_session(
        secret_hash(&token),
        Session {
            user_id: user_id.to_owned(),
            expires_at,
        },
        now,
    );
    let user = data.user(user_id)?;
    Ok(AuthSession {
        token: Secret::new(token),
        token_type: "bearer".into(),
        expires_at: expires_at.into(),
        user: to_user(user),
    })
}

pub(crate) async fn login(
    ctx: Ctx,
    JsonBody(body): JsonBody<LoginRequest>,
) -> ApiResult<Json<AuthSession>> {
    let email = body.email.to_lowercase();
    let wrong = || ApiError::unauthorized("Wrong email or password.");
    let account = {
        let data = ctx.app.store.lock();
        data.user_by_email
            .get(&email)
            .and_then(|id| data.users.get(id))
            .map(|user| (user.user_id.clone(), user.password_hash.clone()))
    };
    // An unknown email costs the same hash as a known one, and gets the same answer.
    let hash = account
        .as_ref()
        .map_or(passwords::dummy_hash(), |(_, hash)| hash.as_str());
    let verified = verify_password(&ctx, &body.password, hash);
    let Some((user_id, _)) = account.filter(|_| verified) else {
        return Err(wrong());
    };
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let user = data
        .users
        .get(&user_id)
        .filter(|user| user.active)
        .ok_or_else(|| ApiError::unauthorized("This account is deactivated."))?;
    if let Some(secret) = user.totp_secret.clone() {
        let Some(code) = &body.totp_code else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::TwoFactorRequired,
                "This account has two-factor authentication on: send totp_code.",
            ));
        };
        let refused = |message| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                ErrorCode::InvalidTwoFactorCode,
                message,
            )
        };
        check_two_factor_code(&mut data, &user_id, LOGIN_CLIENT, &secret, code, now).map_err(
            |refusal| match refusal {
                CodeRefused::Wait(wait) => ApiError::too_many_attempts(wait),
                CodeRefused::Wrong => refused("The two-factor code is wrong or expired."),
                CodeRefused::Used => refused(
                    "This two-factor code was already used; wait for your authenticator's next one.",
                ),
            },
        )?;
    }
    let session = start_session(&mut data, &user_id, now)?;
    ctx.applied();
    Ok(Json(session))
}

/// The client all logins of an account count as for the limit on wrong two-factor codes: a
/// login carries no credential, and the sandbox sees every request come from loopback.
const LOGIN_CLIENT: &str = "login";

/// Why a two-factor code was refused.
enum CodeRefused {
    /// Too many wrong codes: the code was not checked; it will be after this wait.
    Wait(std::time::Duration),
    /// Not a current code of the secret.
    Wrong,
    /// A code of a step at or before the latest accepted one: a code works once.
    Used,
}

/// Checks a two-factor code of `user_id` against `secret`, sent by `client` (see
/// [`crate::attempts`]): not at all while the client must wait; a refusal counts against the
/// client and the account, an acceptance uses up its step and clears the client's count.
fn check_two_factor_code(
    data: &mut Data,
    user_id: &str,
    client: &str,
    secret: &[u8],
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), CodeRefused> {
    if let Some(wait) = data.two_factor_attempts.wait(user_id, client, now) {
        return Err(CodeRefused::Wait(wait));
    }
    let last_step = data.users.get(user_id).and_then(|user| user.totp_last_step);
    let refusal = match totp::matching_step(secret, code) {
        Some(step) if last_step.is_none_or(|last| step > last) => {
            if let Some(user) = data.users.get_mut(user_id) {
                user.totp_last_step = Some(step);
            }
            data.two_factor_attempts.succeeded(user_id, client);
            return Ok(());
        }
        Some(_) => CodeRefused::Used,
        None => CodeRefused::Wrong,
    };
    data.two_factor_attempts.failed(user_id, client, now);
    Err(refusal)
}

/// The client a request counts as for the limit on wrong two-factor codes: its credential.
fn client_of(caller: &Caller) -> String {
    match &caller.credential {
        Credential::Session { token_hash } => format!("session:{token_hash}"),
        Credential::Key { key_id, .. } => format!("key:{key_id}"),
    }
}

/// A refused code of `verify` or `disable`: a 422 on `code`, or the 429 of the limit.
fn refused_code(refusal: CodeRefused, wrong: &'static str) -> ApiError {
    match refusal {
        CodeRefused::Wait(wait) => ApiError::too_many_attempts(wait),
        CodeRefused::Wrong => ApiError::invalid("code", wrong),
        CodeRefused::Used => ApiError::invalid(
            "code",
            "code was already used; wait for the authenticator's next one",
        ),
    }
}

pub(crate) async fn logout(ctx: Ctx, caller: Caller) -> ApiResult<Response> {
    let Credential::Session { token_hash } = &caller.credential else {
        return Err(ApiError::invalid(
            "Authorization",
            "logout ends a session; an API key is not one (revoke the key instead)",
        ));
    };
    ctx.app.store.lock().sessions.remove(token_hash);
    ctx.applied();
    Ok(EndedItsCredential::mark(StatusCode::NO_CONTENT))
}

pub(crate) async fn request_password_reset(
    ctx: Ctx,
    JsonBody(body): JsonBody<PasswordResetRequest>,
) -> ApiResult<StatusCode> {
    let email = body.email.to_lowercase();
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let user_id = data
        .user_by_email
        .get(&email)
        .filter(|id| data.users.get(*id).is_some_and(|u| u.active))
        .cloned();
    if let Some(user_id) = user_id {
        let token = format!("rst_{}", random_hex(20));
        data.add_reset_token(
            secret_hash(&token),
            ResetToken {
                user_id,
                expires_at: now + Duration::hours(1),
            },
            now,
        );
        data.send_email(SentEmail {
            to: email,
            subject: "Reset your Nexevo password".into(),
            token,
        });
        ctx.applied();
    }
    Ok(StatusCode::ACCEPTED)
}

pub(crate) async fn confirm_password_reset(
    ctx: Ctx,
    JsonBody(body): JsonBody<PasswordResetConfirmRequest>,
) -> ApiResult<StatusCode> {
    let token_hash = secret_hash(body.reset_token.expose());
    let invalid = || ApiError::unauthorized("The reset token is invalid, used or expired.");
    let usable = |now| {
        ctx.app
            .store
            .lock()
            .reset_tokens
            .get(&token_hash)
            .is_some_and(|token| token.expires_at > now)
    };
    // The slow hash only for a token that works, outside the lock; spent under it.
    if !usable(ctx.app.store.now()) {
        return Err(invalid());
    }
    let hash = passwords::hash(body.new_password.expose())?;
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let user_id = data
        .spend_reset_token(&token_hash, now)
        .ok_or_else(invalid)?;
    if let Some(user) = data.users.get_mut(&user_id) {
        user.password_hash = hash;
    }
    data.sessions
        .retain(|_, session| session.user_id != user_id);
    ctx.applied();
    Ok(StatusCode::NO_CONTENT)
}

pub(crate) async fn me(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
) -> ApiResult<Json<nexevo_api::types::User>> {
    let data = ctx.app.store.lock();
    let user = data.user(&caller.user_id)?;
    Ok(Json(to_user(user)))
}

pub(crate) async fn update_profile(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<UpdateProfileRequest>,
) -> ApiResult<Json<nexevo_api::types::User>> {
    let mut data = ctx.app.store.lock();
    let user = data.user_mut(&caller.user_id)?;
    user.full_name = Some(body.full_name);
    ctx.applied();
    Ok(Json(to_user(user)))
}

pub(crate) async fn change_password(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<ChangePasswordRequest>,
) -> ApiResult<StatusCode> {
    check_password(&ctx, &caller.user_id, &body.current_password)?;
    let hash = passwords::hash(body.new_password.expose())?;
    let mut data = ctx.app.store.lock();
    if let Some(user) = data.users.get_mut(&caller.user_id) {
        user.password_hash = hash;
    }
    // Every other session of the user ends, as after a reset; the calling one stays.
    let calling = match &caller.credential {
        Credential::Session { token_hash } => Some(token_hash.as_str()),
        Credential::Key { .. } => None,
    };
    data.sessions.retain(|hash, session| {
        session.user_id != caller.user_id || calling == Some(hash.as_str())
    });
    ctx.applied();
    Ok(StatusCode::NO_CONTENT)
}

/// Whether `password` is the one `hash` was made from (counted, for the test hook).
fn verify_password(ctx: &Ctx, password: &Secret, hash: &str) -> bool {
    ctx.app
        .password_verifications
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    passwords::verify(password.expose(), hash)
}

fn check_password(ctx: &Ctx, user_id: &str, password: &Secret) -> ApiResult<()> {
    let hash = ctx.app.store.lock().user(user_id)?.password_hash.clone();
    if verify_password(ctx, password, &hash) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::InvalidCredentials,
            "The password is wrong.",
        ))
    }
}

fn status_of(user: &User) -> TwoFaStatus {
    TwoFaStatus {
        enabled: user.totp_secret.is_some(),
        pending_verification: user.pending_totp_secret.is_some(),
    }
}

pub(crate) async fn two_fa_status(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
) -> ApiResult<Json<TwoFaStatus>> {
    let data = ctx.app.store.lock();
    let user = data.user(&caller.user_id)?;
    Ok(Json(status_of(user)))
}

pub(crate) async fn enable_two_fa(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
) -> ApiResult<Json<TwoFaEnrollment>> {
    let mut data = ctx.app.store.lock();
    let user = data.user_mut(&caller.user_id)?;
    if user.totp_secret.is_some() {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "Two-factor authentication is already on.",
        ));
    }
    let secret = totp::new_secret();
    let encoded = totp::encode(&secret);
    let url = totp::otpauth_url(&user.email, &encoded);
    user.pending_totp_secret = Some(secret);
    ctx.applied();
    Ok(Json(TwoFaEnrollment {
        secret: Secret::new(encoded),
        otpauth_url: Secret::new(url),
    }))
}

pub(crate) async fn verify_two_fa(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<TwoFaCodeRequest>,
) -> ApiResult<Json<TwoFaStatus>> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let user = data.user(&caller.user_id)?;
    let Some(secret) = user.pending_totp_secret.clone() else {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "No two-factor enrolment is pending: call enable first.",
        ));
    };
    let client = client_of(&caller);
    check_two_factor_code(
        &mut data,
        &caller.user_id,
        &client,
        &secret,
        &body.code,
        now,
    )
    .map_err(|refusal| {
        refused_code(
            refusal,
            "code is not the current code of the enrolled secret",
        )
    })?;
    let user = data.user_mut(&caller.user_id)?;
    user.totp_secret = Some(secret);
    user.pending_totp_secret = None;
    ctx.applied();
    Ok(Json(status_of(user)))
}

pub(crate) async fn disable_two_fa(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<TwoFaCodeRequest>,
) -> ApiResult<Json<TwoFaStatus>> {
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let user = data.user(&caller.user_id)?;
    let Some(secret) = user.totp_secret.clone() else {
        return Err(ApiError::conflict(
            ErrorCode::Conflict,
            "Two-factor authentication is not on.",
        ));
    };
    let client = client_of(&caller);
    check_two_factor_code(
        &mut data,
        &caller.user_id,
        &client,
        &secret,
        &body.code,
        now,
    )
    .map_err(|refusal| refused_code(refusal, "code is not the current two-factor code"))?;
    let user = data.user_mut(&caller.user_id)?;
    user.totp_secret = None;
    // The steps used belong to the secret that is gone; a new one starts afresh.
    user.totp_last_step = None;
    ctx.applied();
    Ok(Json(status_of(user)))
}

pub(crate) async fn deactivate_account(
    ctx: Ctx,
    PersonalCaller(caller): PersonalCaller,
    JsonBody(body): JsonBody<DeactivateAccountRequest>,
) -> ApiResult<Response> {
    check_password(&ctx, &caller.user_id, &body.password)?;
    let now = ctx.app.store.now();
    let mut data = ctx.app.store.lock();
    let user = data.user_mut(&caller.user_id)?;
    user.active = false;
    let user_id = user.user_id.clone();
    // Sessions end; keys stop authenticating because their user is no longer active.
    data.sessions
        .retain(|_, session| session.user_id != user_id);
    ctx.applied();
    Ok(EndedItsCredential::mark(Json(Deactivation {
        user_id: user_id.into(),
        status: AccountStatus::Deactivated,
        deactivated_at: now.into(),
    })))
}
