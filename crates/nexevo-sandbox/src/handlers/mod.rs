//! One module per API area, and what they share.

pub(crate) mod auth;
pub(crate) mod billing;
pub(crate) mod chat;
mod chat_reply;
pub(crate) mod conversations;
pub(crate) mod feedback;
pub(crate) mod keys;
pub(crate) mod organizations;

use nexevo_api::types::AccountStatus;

use crate::state::User;

pub(crate) fn to_user(user: &User) -> nexevo_api::types::User {
    nexevo_api::types::User {
        user_id: user.user_id.clone().into(),
        email: user.email.clone().into(),
        full_name: user.full_name.clone(),
        two_factor_enabled: user.totp_secret.is_some(),
        status: if user.active {
            AccountStatus::Active
        } else {
            AccountStatus::Deactivated
        },
        created_at: user.created_at.into(),
    }
}

/// Password hashing with Argon2id, at a cost fit for a test server (the dev profile builds the
/// hash crates optimised, so tests stay fast).
pub(crate) mod passwords {
    use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
    use argon2::{Algorithm, Argon2, Params, Version};

    use crate::errors::{ApiError, ApiResult};
    use crate::state::random_bytes;

    fn hasher() -> Argon2<'static> {
        // 4 MiB, one pass: deliberately light; this is a local sandbox, not a production store.
        let params = Params::new(4096, 1, 1, None).unwrap_or_default();
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    pub(crate) fn hash(password: &str) -> ApiResult<String> {
        let salt = SaltString::encode_b64(&random_bytes(16)).map_err(|_| ApiError::server(500))?;
        hasher()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|_| ApiError::server(500))
    }

    pub(crate) fn verify(password: &str, hash: &str) -> bool {
        PasswordHash::new(hash).is_ok_and(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
    }

    /// A hash of a random password, made once with the same parameters as every account's:
    /// a login for an email without an account verifies its password against this, so that
    /// it costs what a known email's does and its timing does not tell which emails have
    /// accounts.
    pub(crate) fn dummy_hash() -> &'static str {
        static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
        DUMMY.get_or_init(|| {
            let password = crate::state::random_hex(16);
            // Hashing fails only for parameters out of range, which these are not.
            hash(&password).unwrap_or_default()
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_dummy_hash_costs_what_an_account_hash_costs() {
            let account = hash("a-real-password").unwrap();
            let account = PasswordHash::new(&account).unwrap();
            let dummy = PasswordHash::new(dummy_hash()).unwrap();
            assert_eq!(dummy.algorithm, account.algorithm);
            assert_eq!(dummy.version, account.version);
            assert_eq!(dummy.params, account.params);
            assert!(!verify("a-real-password", dummy_hash()));
        }
    }
}

/// RFC 6238 TOTP: SHA-1, 6 digits, 30-second steps, one step of clock skew either way.
pub(crate) mod totp {
    use totp_rs::{Algorithm, Secret, TOTP};

    use crate::state::random_bytes;

    pub(crate) fn new_secret() -> Vec<u8> {
        random_bytes(20)
    }

    pub(crate) fn encode(secret: &[u8]) -> String {
        Secret::Raw(secret.to_vec()).to_encoded().to_string()
    }

    pub(crate) fn otpauth_url(email: &str, encoded_secret: &str) -> String {
        let account: String = email
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => {
                    (b as char).to_string()
                }
                other => format!("%{other:02X}"),
            })
            .collect();
        format!(
            "otpauth://totp/Nexevo:{account}?secret={encoded_secret}&issuer=Nexevo&algorithm=SHA1&digits=6&period=30"
        )
    }

    /// The 30-second step (counted from the Unix epoch) whose code `code` is, if it is the
    /// current step's or a neighbour's, by the real clock as an authenticator app has it.
    /// Every candidate is compared in full, so the time taken does not tell how much of a
    /// code was right.
    pub(crate) fn matching_step(secret: &[u8], code: &str) -> Option<u64> {
        let totp = TOTP::new(Algorithm::SHA1, 6, 0, 30, secret.to_vec()).ok()?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or_default();
        let current = now / 30;
        let mut matched = None;
        for step in [current.saturating_sub(1), current, current + 1] {
            if same_bytes(totp.generate(step * 30).as_bytes(), code.as_bytes()) {
                matched = Some(step);
            }
        }
        matched
    }

    /// Whether two byte strings are equal, looking at every byte whatever the first
    /// difference.
    fn same_bytes(a: &[u8], b: &[u8]) -> bool {
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
    }
}
