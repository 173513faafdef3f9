//! Two-factor codes on the sandbox tests' side of the wire: RFC 6238 codes of a base32 secret,
//! as an authenticator app computes them (SHA-1, 6 digits, 30-second steps).

use std::time::{SystemTime, UNIX_EPOCH};

use totp_rs::{Algorithm, Secret, TOTP};

fn totp(secret: &str) -> TOTP {
    let bytes = Secret::Encoded(secret.to_owned()).to_bytes().unwrap();
    TOTP::new(Algorithm::SHA1, 6, 1, 30, bytes).unwrap()
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// The current code of a base32 secret, as an authenticator app shows it.
pub(crate) fn code_now(secret: &str) -> String {
    code_at(secret, 0)
}

/// The code `steps` 30-second steps from now (the server accepts -1, 0 and 1). A code works
/// once, and never after a later one: a test that uses several takes them in this order.
pub(crate) fn code_at(secret: &str, steps: i64) -> String {
    totp(secret).generate(now().checked_add_signed(steps * 30).unwrap())
}

/// A 6-digit code that is not valid for the secret within two steps either way.
pub(crate) fn wrong_code(secret: &str) -> String {
    let totp = totp(secret);
    let now = now();
    let near: Vec<String> = (0..5).map(|i| totp.generate(now - 60 + i * 30)).collect();
    (0..1_000_000)
        .map(|n| format!("{n:06}"))
        .find(|code| !near.contains(code))
        .unwrap()
}
