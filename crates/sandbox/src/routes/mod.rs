//! The HTTP routes: `/v1` (the protocol, with fault injection) and `/sandbox` (controls).

mod applications;
mod media;
mod sandbox;
mod sandbox_citizens;
mod sessions;
mod verification;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use qoltanba_core::protocol::ErrorCode;

use crate::error::Failure;
use crate::faults;
use crate::replays;
use crate::server::Peer;
use crate::state::AppState;

/// The OpenAPI document, served at `/v1/openapi.yaml`.
pub const OPENAPI_YAML: &str = include_str!("../../../../docs/openapi.yaml");

/// Builds the whole router.
pub fn router(state: AppState) -> Router {
    let session = "/v1/sessions/{id}";
    // The session routes that change state replay their answer for a repeated key; the
    // applications route keeps its key in the database (routes::applications).
    let replayed = Router::new()
        .route("/v1/sessions", post(sessions::create))
        .route(&format!("{session}/otp:verify"), post(sessions::verify_otp))
        .route(&format!("{session}/otp:resend"), post(sessions::resend_otp))
        .route("/v1/phone-registrations", post(sessions::register_phone))
        .route(
            &format!("{session}/document-data:confirm"),
            post(verification::confirm),
        )
        .route_layer(from_fn_with_state(state.clone(), replays::guard));
    let v1 = Router::new()
        .route("/v1/openapi.yaml", get(openapi))
        .route(&format!("{session}/selfie"), put(media::selfie))
        .route(&format!("{session}/video"), put(media::video))
        .route(&format!("{session}/pin"), put(media::pin))
        .route(
            &format!("{session}/documents/{{side}}"),
            put(media::document),
        )
        .route(
            &format!("{session}/document-data"),
            get(verification::document_data),
        )
        .route(
            &format!("{session}/verification"),
            get(verification::status),
        )
        .route(
            "/v1/phone-registrations/{id}",
            get(sessions::phone_registration),
        )
        .route("/v1/applications", post(applications::create))
        .route("/v1/applications/{number}", get(applications::status))
        .route(
            "/v1/applications/{number}/certificates",
            get(applications::certificates),
        )
        .merge(replayed)
        .layer(from_fn_with_state(state.clone(), faults::inject));
    let controls = Router::new()
        .route("/sandbox/sms", get(sandbox::sms))
        .route("/sandbox/citizens", get(sandbox::citizens))
        .route(
            "/sandbox/citizens/{iin}",
            axum::routing::delete(sandbox_citizens::forget),
        )
        .route(
            "/sandbox/phone-registrations",
            get(sandbox_citizens::pending_phones),
        )
        .route(
            "/sandbox/phone-registrations/{id}",
            post(sandbox_citizens::decide_phone),
        )
        .route("/sandbox/moderation", get(sandbox::moderation_queue))
        .route("/sandbox/moderation/{id}", post(sandbox::moderate))
        .route(
            "/sandbox/faults",
            get(sandbox::get_faults).put(sandbox::put_faults),
        )
        .route("/sandbox/ca/root.crt", get(sandbox::root_der))
        .route("/sandbox/ca/issuing.crt", get(sandbox::issuing_der))
        .route("/sandbox/ca/root.pem", get(sandbox::root_pem))
        .route("/sandbox/ca/issuing.pem", get(sandbox::issuing_pem))
        .route("/sandbox/ca/issuing.crl", get(sandbox::issuing_crl))
        .route(
            "/sandbox/ca/gost-issuing.crt",
            get(sandbox::gost_issuing_der),
        )
        .route("/sandbox/ca/gost-root.crt", get(sandbox::gost_root_der))
        .route("/sandbox/ca/gost.crl", get(sandbox::gost_crl))
        .route("/sandbox/ca/gost-delta.crl", get(sandbox::gost_delta_crl))
        .route("/sandbox/cps", get(sandbox::cps))
        .layer(from_fn_with_state(state.clone(), local_controls));
    v1.merge(controls)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
}

/// The `/sandbox/*` controls read every SMS and decide moderation: they answer `not_found`
/// to peers that are not on this machine unless `remote_controls` is set.
async fn local_controls(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let local = request
        .extensions()
        .get::<Peer>()
        .is_some_and(|Peer(peer)| peer.ip().to_canonical().is_loopback());
    if local || state.remote_controls {
        next.run(request).await
    } else {
        not_found().await.into_response()
    }
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/yaml")], OPENAPI_YAML)
}

async fn not_found() -> Failure {
    Failure::new(ErrorCode::NotFound, "no such route")
}

async fn method_not_allowed() -> Failure {
    Failure::new(
        ErrorCode::MethodNotAllowed,
        "this route does not take this method",
    )
}

#[cfg(test)]
mod tests {
    use super::OPENAPI_YAML;
    use qoltanba_core::protocol::ErrorCode;

    #[test]
    fn the_contract_lists_every_error_code_and_route() {
        for code in ErrorCode::ALL {
            assert!(
                OPENAPI_YAML.contains(&format!("        - {}\n", code.as_str())),
                "{code} missing from the ErrorCode enum in docs/openapi.yaml"
            );
        }
        let source = include_str!("mod.rs");
        let routes = source.split("#[cfg(test)]").next().unwrap_or_default();
        let mut checked = 0;
        // Every string literal of the router that is a path; `{session}` is the prefix variable.
        let literals = routes
            .split('"')
            .skip(1)
            .step_by(2)
            .filter(|l| *l != "/v1/sessions/{id}");
        for literal in literals.filter(|l| l.starts_with('/') || l.starts_with("{session}")) {
            let path = literal
                .replace("{session}", "/v1/sessions/{id}")
                .replace("{{", "{")
                .replace("}}", "}");
            assert!(
                OPENAPI_YAML.contains(&format!("\n  {path}:\n")),
                "{path} not in docs/openapi.yaml"
            );
            checked += 1;
        }
        assert!(checked >= 25, "only {checked} routes found");
    }
}
