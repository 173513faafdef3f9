//! One-call fixtures for the sandbox tests: each makes one thing over the checked raw client,
//! asserts it was made, and answers what tests use of it, so a test states what it needs in a
//! line rather than repeating the request and the unwrapping of its answer.

use nexevo_sandbox::{Account, Sandbox};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::{Value, json};

use super::{Api, money, totp, unique_email};

/// The password of every account [`account`] makes.
pub(crate) const ACCOUNT_PASSWORD: &str = "password-1234";

/// A new account with this balance, on a unique email, with [`ACCOUNT_PASSWORD`].
pub(crate) fn account(sandbox: &Sandbox, balance: Decimal) -> Account {
    sandbox
        .create_account(&unique_email("user"), ACCOUNT_PASSWORD, balance)
        .expect("the account is created")
}

/// A new account, logged in: its API key and a session token beside it.
pub(crate) struct User {
    pub(crate) account: Account,
    pub(crate) key: String,
    pub(crate) session: String,
}

/// A new account with this balance and a session of it.
pub(crate) async fn user(sandbox: &Sandbox, api: &Api, balance: Decimal) -> User {
    let account = account(sandbox, balance);
    let session = api.login(&account.email, ACCOUNT_PASSWORD).await;
    User {
        key: account.api_key.expose().to_owned(),
        account,
        session,
    }
}

/// An API key as it is created: its full key, shown this once, and its record.
pub(crate) struct NewKey {
    pub(crate) full_key: String,
    pub(crate) key: Value,
}

impl NewKey {
    /// The key's id.
    pub(crate) fn id(&self) -> String {
        self.key["key_id"].as_str().unwrap().to_owned()
    }
}

/// A chat completion request of `prompt` to `nexevo/fast`, streamed or not.
pub(crate) fn chat_request(prompt: &str, stream: bool) -> Value {
    json!({ "model": "nexevo/fast", "stream": stream, "messages": [{ "role": "user", "content": prompt }] })
}

impl Api {
    /// The balance `token` sees, answered 200.
    pub(crate) async fn balance(&self, token: &str) -> Decimal {
        let reply = self.get("/v1/billing/balance").token(token).send().await;
        money(&reply.expect(200)["balance_usd"])
    }

    /// A conversation created with `body`, answered 201: its body.
    pub(crate) async fn create_conversation(&self, token: &str, body: Value) -> Value {
        let reply = self
            .post("/v1/conversations")
            .token(token)
            .json(body)
            .send()
            .await;
        reply.expect(201).clone()
    }

    /// A new empty conversation: its id.
    pub(crate) async fn new_conversation(&self, token: &str) -> String {
        let conversation = self.create_conversation(token, json!({})).await;
        conversation["conversation_id"].as_str().unwrap().to_owned()
    }

    /// An API key created with `body`, answered 201.
    pub(crate) async fn create_key(&self, token: &str, body: Value) -> NewKey {
        let reply = self.post("/v1/keys").token(token).json(body).send().await;
        let created = reply.expect(201);
        NewKey {
            full_key: created["full_key"].as_str().unwrap().to_owned(),
            key: created["key"].clone(),
        }
    }

    /// A new API key named `k`: its id.
    pub(crate) async fn new_key(&self, token: &str) -> String {
        self.create_key(token, json!({ "name": "k" })).await.id()
    }

    /// An organization named `name`, created by `token`'s account: the membership answered 201.
    pub(crate) async fn create_organization(&self, token: &str, name: &str) -> Value {
        let reply = self
            .post("/v1/organizations")
            .token(token)
            .json(json!({ "name": name }))
            .send()
            .await;
        reply.expect(201).clone()
    }

    /// A new organization, `Acme Inc`, owned by `token`'s account: its id.
    pub(crate) async fn new_organization(&self, token: &str) -> String {
        let membership = self.create_organization(token, "Acme Inc").await;
        membership["organization"]["org_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Adds the account of `email` to `org` with `role`, answered 201.
    pub(crate) async fn add_member(&self, token: &str, org: &str, email: &str, role: &str) {
        self.post(&format!("/v1/organizations/{org}/members"))
            .token(token)
            .json(json!({ "email": email, "role": role }))
            .send()
            .await
            .expect(201);
    }

    /// A new organization owned by `token`'s account with a new account in it as a developer:
    /// the organization's id and the developer.
    pub(crate) async fn organization_with_developer(
        &self,
        sandbox: &Sandbox,
        token: &str,
    ) -> (String, Account) {
        let org = self.new_organization(token).await;
        let developer = account(sandbox, dec!(1));
        self.add_member(token, &org, &developer.email, "developer")
            .await;
        (org, developer)
    }

    /// The generation id of a new small completion by `token`.
    pub(crate) async fn generation_id(&self, token: &str) -> String {
        let completion = self.chat(token, "nexevo/fast", "hi").await;
        completion["nexevo"]["generation_id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Starts two-factor enrolment for `token`'s account: the secret, not yet verified.
    pub(crate) async fn enable_two_fa(&self, token: &str) -> String {
        let reply = self.post("/v1/auth/2fa/enable").token(token).send().await;
        reply.expect(200)["secret"].as_str().unwrap().to_owned()
    }

    /// Turns two-factor authentication on for `token`'s account: the secret. Verified with the
    /// previous step's code, so the current one is still unused.
    pub(crate) async fn enrol_two_fa(&self, token: &str) -> String {
        let secret = self.enable_two_fa(token).await;
        self.post("/v1/auth/2fa/verify")
            .token(token)
            .json(json!({ "code": totp::code_at(&secret, -1) }))
            .send()
            .await
            .expect(200);
        secret
    }
}
