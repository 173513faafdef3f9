//! Organizations: roles (owner, admin, developer), invitations, removal, role changes, ownership transfer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use crate::common::*;

struct Org {
    api: Api,
    id: String,
}

impl Org {
    async fn create(api: &Api, token: &str, name: &str) -> (Self, Value) {
        let membership = api.create_organization(token, name).await;
        let id = membership["organization"]["org_id"]
            .as_str()
            .unwrap()
            .to_owned();
        (
            Self {
                api: api.clone(),
                id,
            },
            membership,
        )
    }

    async fn invite(&self, token: &str, email: &str, role: &str) -> Reply {
        self.api
            .post(&format!("/v1/organizations/{}/members", self.id))
            .token(token)
            .json(json!({ "email": email, "role": role }))
            .send()
            .await
    }

    async fn remove(&self, token: &str, user_id: &str) -> Reply {
        self.api
            .delete(&format!("/v1/organizations/{}/members/{user_id}", self.id))
            .token(token)
            .send()
            .await
    }

    async fn set_role(&self, token: &str, user_id: &str, role: &str) -> Reply {
        self.api
            .put(&format!(
                "/v1/organizations/{}/members/{user_id}/role",
                self.id
            ))
            .token(token)
            .json(json!({ "role": role }))
            .send()
            .await
    }

    async fn transfer(&self, token: &str, user_id: &str) -> Reply {
        self.api
            .post(&format!("/v1/organizations/{}/transfer-owner", self.id))
            .token(token)
            .json(json!({ "new_owner_user_id": user_id }))
            .send()
            .await
    }

    async fn get(&self, token: &str) -> Reply {
        self.api
            .get(&format!("/v1/organizations/{}", self.id))
            .token(token)
            .send()
            .await
    }

    /// The members, as `(user_id, role, status)`, in the order listed.
    async fn members(&self, token: &str) -> Vec<(String, String, String)> {
        let reply = self
            .api
            .get(&format!("/v1/organizations/{}/members", self.id))
            .token(token)
            .send()
            .await;
        reply.expect(200)["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| {
                (
                    m["user_id"].as_str().unwrap().to_owned(),
                    m["role"].as_str().unwrap().to_owned(),
                    m["status"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }
}

#[tokio::test]
async fn roles_decide_who_invites_removes_and_transfers() {
    let (sandbox, api, owner_key) = start().await;
    let owner_id = sandbox.demo().user_id.clone();
    let (org, membership) = Org::create(&api, &owner_key, "Acme Inc").await;
    assert_eq!(membership["role"], json!("owner"));
    assert_eq!(membership["organization"]["name"], json!("Acme Inc"));
    assert_eq!(membership["organization"]["owner_user_id"], json!(owner_id));
    assert_eq!(membership["organization"]["member_count"], json!(1));

    let admin = account(&sandbox, dec!(1));
    let developer = account(&sandbox, dec!(1));
    let second_admin = account(&sandbox, dec!(1));
    let outsider = account(&sandbox, dec!(1));
    let (admin_key, dev_key, outsider_key) = (
        admin.api_key.expose(),
        developer.api_key.expose(),
        outsider.api_key.expose(),
    );

    // The owner invites an admin and a developer (existing accounts: active at once).
    let member = org.invite(&owner_key, &admin.email, "admin").await;
    let member = member.expect(201);
    assert_eq!(member["user_id"], json!(admin.user_id));
    assert_eq!(member["role"], json!("admin"));
    assert_eq!(member["status"], json!("active"));
    org.invite(&owner_key, &developer.email, "developer")
        .await
        .expect(201);
    // An admin invites too.
    org.invite(admin_key, &second_admin.email, "admin")
        .await
        .expect(201);
    // A developer does not.
    org.invite(dev_key, &unique_email("friend"), "developer")
        .await
        .expect_error(403, "forbidden");
    // The same person twice is a conflict.
    org.invite(&owner_key, &developer.email, "admin")
        .await
        .expect_error(409, "already_exists");
    // Ownership moves only by transfer.
    org.invite(&owner_key, &unique_email("boss"), "owner")
        .await
        .expect_invalid("role");
    // Someone outside the organization does not see it.
    org.invite(outsider_key, &unique_email("x"), "developer")
        .await
        .expect_error(404, "not_found");

    let members = org.members(&owner_key).await;
    assert_eq!(members.len(), 4);
    assert_eq!(
        members[0],
        (owner_id.clone(), "owner".into(), "active".into()),
        "owner first"
    );
    let reply = org.get(dev_key).await;
    let seen = reply.expect(200);
    assert_eq!(seen["role"], json!("developer"));
    assert_eq!(seen["organization"]["member_count"], json!(4));
    assert_eq!(org.get(admin_key).await.expect(200)["role"], json!("admin"));
    org.get(outsider_key).await.expect_error(404, "not_found");
    api.get(&format!("/v1/organizations/{}/members", org.id))
        .token(outsider_key)
        .send()
        .await
        .expect_error(404, "not_found");

    // Removal: not by a developer, not of the owner, not of another admin by an admin.
    org.remove(dev_key, &admin.user_id)
        .await
        .expect_error(403, "forbidden");
    org.remove(admin_key, &owner_id)
        .await
        .expect_error(403, "forbidden");
    org.remove(&owner_key, &owner_id)
        .await
        .expect_error(403, "forbidden");
    org.remove(admin_key, &second_admin.user_id)
        .await
        .expect_error(403, "forbidden");
    org.remove(admin_key, &outsider.user_id)
        .await
        .expect_error(404, "not_found");
    org.remove(outsider_key, &developer.user_id)
        .await
        .expect_error(404, "not_found");
    // An admin removes a developer; the owner removes an admin.
    org.remove(admin_key, &developer.user_id).await.expect(204);
    org.remove(&owner_key, &second_admin.user_id)
        .await
        .expect(204);
    assert_eq!(org.members(&owner_key).await.len(), 2);
    // A removed member no longer sees the organization.
    org.get(dev_key).await.expect_error(404, "not_found");

    // Roles change only by the owner, and never to or from owner.
    org.invite(&owner_key, &developer.email, "developer")
        .await
        .expect(201);
    org.set_role(admin_key, &developer.user_id, "admin")
        .await
        .expect_error(403, "forbidden");
    org.set_role(&owner_key, &owner_id, "developer")
        .await
        .expect_error(403, "forbidden");
    org.set_role(&owner_key, &developer.user_id, "owner")
        .await
        .expect_invalid("role");
    org.set_role(&owner_key, &outsider.user_id, "admin")
        .await
        .expect_error(404, "not_found");
    let changed = org.set_role(&owner_key, &developer.user_id, "admin").await;
    assert_eq!(changed.expect(200)["role"], json!("admin"));
    let changed = org
        .set_role(&owner_key, &developer.user_id, "developer")
        .await;
    assert_eq!(changed.expect(200)["role"], json!("developer"));

    // Only the owner transfers; the previous owner becomes an admin.
    org.transfer(admin_key, &admin.user_id)
        .await
        .expect_error(403, "forbidden");
    org.transfer(dev_key, &developer.user_id)
        .await
        .expect_error(403, "forbidden");
    org.transfer(&owner_key, &outsider.user_id)
        .await
        .expect_error(404, "not_found");
    let transferred = org.transfer(&owner_key, &admin.user_id).await;
    let transferred = transferred.expect(200);
    assert_eq!(transferred["role"], json!("admin"), "the caller's new role");
    assert_eq!(
        transferred["organization"]["owner_user_id"],
        json!(admin.user_id)
    );
    let members = org.members(admin_key).await;
    assert_eq!(members[0].0, admin.user_id, "the new owner is listed first");
    assert_eq!(members[0].1, "owner");
    let old_owner = members.iter().find(|m| m.0 == owner_id).unwrap();
    assert_eq!(old_owner.1, "admin");
    assert_eq!(
        org.get(&owner_key).await.expect(200)["role"],
        json!("admin")
    );

    // The old owner is an admin now: no more transfers, and the new owner cannot be removed.
    org.transfer(&owner_key, &owner_id)
        .await
        .expect_error(403, "forbidden");
    org.remove(&owner_key, &admin.user_id)
        .await
        .expect_error(403, "forbidden");
    // The new owner manages as an owner.
    org.set_role(admin_key, &owner_id, "developer")
        .await
        .expect(200);
    org.invite(&owner_key, &unique_email("nope"), "developer")
        .await
        .expect_error(403, "forbidden");
}

/// Registers `email`, with an invitation's token if given.
async fn register(api: &Api, email: &str, invitation_token: Option<&str>) -> Reply {
    let mut body = json!({ "email": email, "password": "newcomer-password" });
    if let Some(token) = invitation_token {
        body["invitation_token"] = json!(token);
    }
    api.post("/v1/auth/register").json(body).send().await
}

/// The token of the latest invitation emailed to `email`.
fn invitation_to(sandbox: &Sandbox, email: &str) -> String {
    let mail = sandbox
        .outbox()
        .into_iter()
        .rev()
        .find(|mail| mail.to == email)
        .unwrap_or_else(|| panic!("no email to {email}"));
    assert!(mail.subject.contains("invited"), "{}", mail.subject);
    assert!(mail.token.starts_with("inv_"), "an invitation's token");
    mail.token
}

#[tokio::test]
async fn an_invitation_is_taken_only_with_its_emailed_token() {
    let (sandbox, api, owner_key) = start().await;
    let (org, _) = Org::create(&api, &owner_key, "Acme Inc").await;
    let email = unique_email("invitee");
    let reply = org.invite(&owner_key, &email, "developer").await;
    let invited_id = reply.expect(201)["user_id"].as_str().unwrap().to_owned();
    let token = invitation_to(&sandbox, &email);

    // A token that is not an open invitation to the email registering creates nothing.
    let elsewhere = unique_email("elsewhere");
    for (address, token) in [(email.as_str(), "inv_made-up"), (&elsewhere, &token)] {
        register(&api, address, Some(token))
            .await
            .expect_invalid("invitation_token");
    }
    register(&api, &elsewhere, None).await.expect(201);

    // Whoever registers the address first without the token gets a plain account, and the
    // invitation waits.
    let reply = register(&api, &email, None).await;
    let squatter = reply.expect(201).clone();
    let squatter_token = squatter["token"].as_str().unwrap();
    assert_ne!(squatter["user"]["user_id"], json!(invited_id));
    let members = org.members(&owner_key).await;
    assert!(members.contains(&(invited_id.clone(), "developer".into(), "invited".into())));
    assert_eq!(members.len(), 2, "{members:?}");
    let listed = api
        .get("/v1/organizations")
        .token(squatter_token)
        .send()
        .await;
    assert_eq!(listed.expect(200)["data"], json!([]));
    org.get(squatter_token).await.expect_error(404, "not_found");

    // An invitation expires after 7 days, and removing the member withdraws it.
    let late = unique_email("late");
    org.invite(&owner_key, &late, "developer").await.expect(201);
    let late_token = invitation_to(&sandbox, &late);
    let withdrawn = unique_email("withdrawn");
    let reply = org.invite(&owner_key, &withdrawn, "admin").await;
    let withdrawn_id = reply.expect(201)["user_id"].as_str().unwrap().to_owned();
    let withdrawn_token = invitation_to(&sandbox, &withdrawn);
    org.remove(&owner_key, &withdrawn_id).await.expect(204);
    register(&api, &withdrawn, Some(&withdrawn_token))
        .await
        .expect_invalid("invitation_token");
    sandbox.advance_clock(std::time::Duration::from_secs(8 * 24 * 3600));
    register(&api, &late, Some(&late_token))
        .await
        .expect_invalid("invitation_token");
}

#[tokio::test]
async fn an_invitation_waits_for_the_account() {
    let (sandbox, api, owner_key) = start().await;
    let (org, _) = Org::create(&api, &owner_key, "Acme Inc").await;
    let email = unique_email("newcomer");
    let reply = org.invite(&owner_key, &email, "developer").await;
    let invited = reply.expect(201).clone();
    assert_eq!(invited["status"], json!("invited"));
    let invited_id = invited["user_id"].as_str().unwrap().to_owned();
    // Invited to a second organization before registering: the same person, the same id.
    let (second, _) = Org::create(&api, &owner_key, "Second Inc").await;
    let again = second.invite(&owner_key, &email, "admin").await;
    assert_eq!(again.expect(201)["user_id"], json!(invited_id));
    // Not an account yet: ownership cannot go there.
    org.transfer(&owner_key, &invited_id)
        .await
        .expect_error(409, "conflict");
    let reply = org.get(&owner_key).await;
    assert_eq!(reply.expect(200)["organization"]["member_count"], json!(2));

    // Either organization's emailed token proves the mailbox, for both invitations.
    let token = invitation_to(&sandbox, &email);
    let reply = register(&api, &email, Some(&token)).await;
    let session = reply.expect(201);
    assert_eq!(
        session["user"]["user_id"],
        json!(invited_id),
        "takes the invitation's id"
    );
    let token = session["token"].as_str().unwrap();
    let members = org.members(&owner_key).await;
    assert!(members.contains(&(invited_id.clone(), "developer".into(), "active".into())));
    let listed = api.get("/v1/organizations").token(token).send().await;
    let listed = listed.expect(200)["data"].as_array().unwrap().clone();
    let mut roles: Vec<(Value, Value)> = listed
        .iter()
        .map(|m| (m["organization"]["org_id"].clone(), m["role"].clone()))
        .collect();
    roles.sort_by_key(|(id, _)| id.to_string());
    let mut expected = vec![
        (json!(org.id), json!("developer")),
        (json!(second.id), json!("admin")),
    ];
    expected.sort_by_key(|(id, _)| id.to_string());
    assert_eq!(roles, expected, "a member of both, as invited");
    second.get(token).await.expect(200);
    org.transfer(&owner_key, &invited_id).await.expect(200);
}

#[tokio::test]
async fn organizations_are_listed_page_by_page() {
    let (sandbox, api, key) = start().await;
    let mut created = Vec::new();
    for n in 0..5 {
        let (org, _) = Org::create(&api, &key, &format!("Org {n}")).await;
        created.push(org.id);
    }
    // Someone else's organization is not listed.
    let other = account(&sandbox, dec!(1));
    Org::create(&api, other.api_key.expose(), "Theirs").await;

    let mut seen = Vec::new();
    let mut path = "/v1/organizations?limit=2".to_owned();
    loop {
        let reply = api.get(&path).token(&key).send().await;
        let page = reply.expect(200);
        for membership in page["data"].as_array().unwrap() {
            assert_eq!(membership["role"], json!("owner"));
            seen.push(
                membership["organization"]["org_id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/v1/organizations?limit=2&cursor={cursor}"),
            None => break,
        }
    }
    let mut sorted_seen = seen.clone();
    sorted_seen.sort();
    sorted_seen.dedup();
    assert_eq!(sorted_seen.len(), seen.len(), "no duplicates");
    let mut expected = created.clone();
    expected.sort();
    assert_eq!(sorted_seen, expected, "no gaps");

    for bad in [
        "limit=0",
        "limit=101",
        "limit=abc",
        "cursor=!!",
        "cursor=c_99",
    ] {
        let reply = api
            .get(&format!("/v1/organizations?{bad}"))
            .token(&key)
            .send()
            .await;
        reply.expect_invalid(bad.split('=').next().unwrap());
    }
}

#[tokio::test]
async fn organization_requests_are_checked() {
    let (_sandbox, api, key) = start().await;
    for body in [
        json!({}),
        json!({ "name": "" }),
        json!({ "name": "n".repeat(101) }),
    ] {
        api.post("/v1/organizations")
            .token(&key)
            .json(body)
            .send()
            .await
            .expect_invalid("name");
    }
    let (org, _) = Org::create(&api, &key, "Acme Inc").await;
    for (body, field) in [
        (
            json!({ "email": "not-an-email", "role": "developer" }),
            "email",
        ),
        (json!({ "email": "a@b.c", "role": "intern" }), "role"),
        (json!({ "role": "developer" }), "email"),
        (json!({ "email": "a@b.c" }), "role"),
    ] {
        api.post(&format!("/v1/organizations/{}/members", org.id))
            .token(&key)
            .json(body)
            .send()
            .await
            .expect_invalid(field);
    }
    api.post(&format!("/v1/organizations/{}/transfer-owner", org.id))
        .token(&key)
        .json(json!({ "new_owner_user_id": "someone" }))
        .send()
        .await
        .expect_invalid("new_owner_user_id");
    api.get("/v1/organizations/org_missing")
        .token(&key)
        .send()
        .await
        .expect_error(404, "not_found");
    for bad in ["acme", "org_", "org_a-b"] {
        let reply = api
            .get(&format!("/v1/organizations/{bad}"))
            .token(&key)
            .send()
            .await;
        reply.expect_invalid("org_id");
    }
    api.delete(&format!("/v1/organizations/{}/members/not-a-user", org.id))
        .token(&key)
        .send()
        .await
        .expect_invalid("user_id");
    api.get("/v1/organizations")
        .send()
        .await
        .expect_error(401, "unauthorized");
}
