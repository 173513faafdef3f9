// Generated from openapi/nexevo.yaml by `cargo xtask generate`. Do not edit.
//! Every generated call, made once with the spec's example values.

/// Makes every generated call once, with the spec's example values, ignoring the
/// answers: `every_operation.rs` then checks that the sandbox received each.
pub(crate) async fn make_every_generated_call(client: &::nexevo::Client) {
    use ::nexevo::prelude::*;
    let _ = client.chat().models().await;
    let _ = client.conversations().list().await;
    let _ = client.conversations().create().await;
    let _ = client.conversations().get("conv_8d2f1a").await;
    let _ = client.conversations().delete("conv_8d2f1a").await;
    let _ = client.conversations().update("conv_8d2f1a").await;
    let _ = client.conversations().list_messages("conv_8d2f1a").await;
    let _ = client
        .conversations()
        .append_message(
            "conv_8d2f1a",
            ::nexevo::conversations::MessageRole::User,
            "Hello!",
        )
        .await;
    let _ = client.auth().two_fa_status().await;
    let _ = client.auth().disable_two_fa("492039").await;
    let _ = client.auth().enable_two_fa().await;
    let _ = client.auth().verify_two_fa("492039").await;
    let _ = client
        .auth()
        .change_password("old-pwd-123", "new-pwd-123")
        .await;
    let _ = client.auth().deactivate("correct-horse-battery").await;
    let _ = client
        .auth()
        .login("jane@acme.com", "correct-horse-battery")
        .await;
    let _ = client.auth().logout().await;
    let _ = client.auth().me().await;
    let _ = client.auth().update_profile("Jane Doe").await;
    let _ = client.auth().request_password_reset("jane@acme.com").await;
    let _ = client
        .auth()
        .confirm_password_reset("rst_Qm93ZWxs", "new-pwd-123")
        .await;
    let _ = client
        .auth()
        .register("jane@acme.com", "correct-horse-battery")
        .await;
    let _ = client.keys().list().await;
    let _ = client.keys().create("prod-2026").await;
    let _ = client.keys().get("key_5b7e9c").await;
    let _ = client.keys().revoke("key_5b7e9c").await;
    let _ = client
        .keys()
        .update_alert_webhook("key_5b7e9c", "https://your-app.com/billing-alert")
        .await;
    let _ = client
        .keys()
        .update_geo_policy("key_5b7e9c", ::nexevo::keys::GeoPolicy::CnOnly)
        .await;
    let _ = client
        .keys()
        .update_spend_cap("key_5b7e9c", ::nexevo::keys::Decimal::new(10000, 2))
        .await;
    let _ = client.billing().balance().await;
    let _ = client
        .billing()
        .checkout(
            ::nexevo::billing::Decimal::new(20, 0),
            "topup-2026-04-27-001",
        )
        .await;
    let _ = client.billing().get_plan().await;
    let _ = client.billing().upgrade_hint().await;
    let _ = client.billing().usage().await;
    let _ = client.organizations().list().await;
    let _ = client.organizations().create("Acme Inc").await;
    let _ = client.organizations().get("org_4f8a2c").await;
    let _ = client.organizations().list_members("org_4f8a2c").await;
    let _ = client
        .organizations()
        .invite_member(
            "org_4f8a2c",
            "dev@acme.com",
            ::nexevo::orgs::OrgRole::Developer,
        )
        .await;
    let _ = client
        .organizations()
        .remove_member("org_4f8a2c", "u_789")
        .await;
    let _ = client
        .organizations()
        .change_member_role("org_4f8a2c", "u_789", ::nexevo::orgs::OrgRole::Admin)
        .await;
    let _ = client
        .organizations()
        .transfer_owner("org_4f8a2c", "u_789")
        .await;
    let _ = client
        .feedback()
        .submit("gen_01hx7k2m9q", ::nexevo::feedback::FeedbackRating(1))
        .await;
    let _ = client.feedback().summary().await;
}
