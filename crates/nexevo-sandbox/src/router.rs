//! The routes: every operation of the spec, to its handler or to a 501 `not_implemented`.

use std::sync::Arc;

use axum::Router;
use axum::extract::Extension;
use axum::http::{Method, StatusCode};
use axum::middleware;
use axum::routing::{MethodFilter, MethodRouter, get, on, post, put};
use nexevo_api::types::ErrorCode;

use crate::context::{App, OperationId};
use crate::errors::ApiError;
use crate::handlers;
use crate::layers::{frontline, per_operation};

/// The operations the sandbox implements, each with its handler. Every other operation of the
/// spec answers 501 `not_implemented` (see [`router`]).
fn implementations() -> Vec<(&'static str, MethodRouter<Arc<App>>)> {
    use axum::routing::{delete, patch};
    use handlers::{auth, billing, chat, conversations, feedback, keys, organizations};
    vec![
        ("create_chat_completion", post(chat::create_chat_completion)),
        ("list_models", get(chat::list_models)),
        (
            "create_conversation",
            post(conversations::create_conversation),
        ),
        ("list_conversations", get(conversations::list_conversations)),
        ("get_conversation", get(conversations::get_conversation)),
        (
            "update_conversation",
            patch(conversations::update_conversation),
        ),
        (
            "delete_conversation",
            delete(conversations::delete_conversation),
        ),
        ("append_message", post(conversations::append_message)),
        ("list_messages", get(conversations::list_messages)),
        ("register", post(auth::register)),
        ("login", post(auth::login)),
        ("logout", post(auth::logout)),
        ("request_password_reset", post(auth::request_password_reset)),
        ("confirm_password_reset", post(auth::confirm_password_reset)),
        ("me", get(auth::me)),
        ("update_profile", patch(auth::update_profile)),
        ("change_password", post(auth::change_password)),
        ("two_fa_status", get(auth::two_fa_status)),
        ("enable_two_fa", post(auth::enable_two_fa)),
        ("verify_two_fa", post(auth::verify_two_fa)),
        ("disable_two_fa", post(auth::disable_two_fa)),
        ("deactivate_account", post(auth::deactivate_account)),
        ("create_key", post(keys::create_key)),
        ("list_keys", get(keys::list_keys)),
        ("get_key", get(keys::get_key)),
        ("revoke_key", delete(keys::revoke_key)),
        ("update_spend_cap", put(keys::update_spend_cap)),
        ("update_alert_webhook", put(keys::update_alert_webhook)),
        ("update_geo_policy", put(keys::update_geo_policy)),
        ("get_balance", get(billing::get_balance)),
        ("get_usage", get(billing::get_usage)),
        ("get_plan", get(billing::get_plan)),
        ("get_upgrade_hint", get(billing::get_upgrade_hint)),
        ("create_checkout", post(billing::create_checkout)),
        (
            "create_organization",
            post(organizations::create_organization),
        ),
        ("list_organizations", get(organizations::list_organizations)),
        ("get_organization", get(organizations::get_organization)),
        ("invite_member", post(organizations::invite_member)),
        ("list_members", get(organizations::list_members)),
        ("remove_member", delete(organizations::remove_member)),
        ("change_member_role", put(organizations::change_member_role)),
        ("transfer_owner", post(organizations::transfer_owner)),
        ("submit_feedback", post(feedback::submit_feedback)),
        ("get_feedback_summary", get(feedback::get_feedback_summary)),
    ]
}

/// The ids of the operations of the spec the sandbox implements, in spec order; every other
/// operation answers 501 `not_implemented`.
pub(crate) fn implemented_operations() -> Vec<&'static str> {
    let implemented: Vec<&'static str> = implementations().into_iter().map(|(id, _)| id).collect();
    nexevo_api::OPERATIONS
        .iter()
        .map(|op| op.id)
        .filter(|id| implemented.contains(id))
        .collect()
}

/// Routes every operation of the spec (so each is counted and can be faulted like any other):
/// to its handler, or to [`not_implemented`] (as are those listed in `unimplemented`).
pub(crate) fn router(app: Arc<App>, unimplemented: &[String]) -> Router {
    let mut implemented = implementations();
    implemented.retain(|(id, _)| !unimplemented.iter().any(|u| u == id));
    let mut router = Router::new();
    for op in nexevo_api::OPERATIONS {
        let method_router = match implemented.iter().position(|(id, _)| *id == op.id) {
            Some(index) => implemented.swap_remove(index).1,
            None => match MethodFilter::try_from(
                Method::from_bytes(op.method.as_bytes()).unwrap_or(Method::GET),
            ) {
                Ok(filter) => on(filter, not_implemented),
                Err(_) => continue,
            },
        };
        // Routes of one path merge, one method router per method.
        router = router.route(op.path, method_router);
    }
    router
        .route_layer(middleware::from_fn_with_state(
            Arc::clone(&app),
            per_operation,
        ))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), frontline))
        .with_state(app)
}

/// A documented operation the sandbox has no handler for.
async fn not_implemented(Extension(operation): Extension<OperationId>) -> ApiError {
    ApiError::new(
        StatusCode::NOT_IMPLEMENTED,
        ErrorCode::NotImplemented,
        format!(
            "The sandbox does not implement {} yet; the operation is in the spec.",
            operation.0
        ),
    )
}

async fn no_such_route() -> ApiError {
    ApiError::not_found("No such endpoint.")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::NotFound,
        "This endpoint does not take that method.",
    )
}
