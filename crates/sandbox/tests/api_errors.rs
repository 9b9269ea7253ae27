//! Bad input gets the right status and stable code, and never a 5xx.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Sandbox, assert_error, citizen, png, send, start};
use qoltanba_core::domain::{Iin, Sex};
use reqwest::Method;
use serde_json::{Value, json};

async fn new_session(sandbox: &Sandbox) -> String {
    let person = citizen("approve");
    let (status, body) = sandbox
        .post("/v1/sessions", None, json!({ "iin": person.iin.as_str() }))
        .await;
    assert_eq!(status, 200, "{body}");
    body["session_id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn invalid_and_unknown_iins() {
    let sandbox = start().await;
    for iin in ["123456789012", "12345", "abcdefghijkl", ""] {
        assert_error(
            sandbox
                .post("/v1/sessions", None, json!({ "iin": iin }))
                .await,
            422,
            "invalid_iin",
        );
    }
    let stranger = Iin::from_parts(1960, 1, 1, Sex::Female, 4321)
        .or_else(|| Iin::from_parts(1960, 1, 1, Sex::Female, 4322))
        .unwrap();
    assert_error(
        sandbox
            .post("/v1/sessions", None, json!({ "iin": stranger.as_str() }))
            .await,
        404,
        "unknown_citizen",
    );
    assert_error(
        sandbox
            .post(
                "/v1/phone-registrations",
                None,
                json!({ "iin": citizen("unregistered").iin.as_str(), "phone": "+1 555 0100" }),
            )
            .await,
        422,
        "invalid_phone",
    );
}

#[tokio::test]
async fn malformed_json_and_wrong_content_types() {
    let sandbox = start().await;
    let raw = |body: &'static str, content_type: &'static str| {
        send(
            sandbox
                .request(Method::POST, "/v1/sessions", None)
                .header("content-type", content_type)
                .body(body),
        )
    };
    assert_error(
        raw("{\"iin\": ", "application/json").await,
        400,
        "malformed_request",
    );
    assert_error(
        raw("{}", "application/json").await,
        400,
        "malformed_request",
    );
    assert_error(
        raw("{\"iin\": 5}", "application/json").await,
        400,
        "malformed_request",
    );
    assert_error(raw("", "application/json").await, 400, "malformed_request");
    assert_error(
        raw("{\"iin\": \"x\"}", "text/plain").await,
        415,
        "unsupported_media_type",
    );
    let big = format!("{{\"iin\": \"{}\"}}", "1".repeat(70 * 1024));
    assert_error(
        send(
            sandbox
                .request(Method::POST, "/v1/sessions", None)
                .header("content-type", "application/json")
                .body(big),
        )
        .await,
        413,
        "payload_too_large",
    );
    assert_error(
        sandbox.get("/v1/nothing-here", None).await,
        404,
        "not_found",
    );
    assert_error(
        send(sandbox.request(Method::DELETE, "/v1/sessions", None)).await,
        405,
        "method_not_allowed",
    );
}

#[tokio::test]
async fn unknown_session_and_missing_or_wrong_token() {
    let sandbox = start().await;
    assert_error(
        sandbox
            .post(
                "/v1/sessions/nope/otp:verify",
                None,
                json!({ "code": "123456" }),
            )
            .await,
        404,
        "unknown_session",
    );
    assert_error(
        sandbox
            .post("/v1/sessions/nope/otp:resend", None, json!({}))
            .await,
        404,
        "unknown_session",
    );
    assert_error(
        sandbox
            .get("/v1/sessions/nope/verification", Some("token"))
            .await,
        404,
        "unknown_session",
    );
    let session = new_session(&sandbox).await;
    let selfie = format!("/v1/sessions/{session}/selfie");
    assert_error(
        send(
            sandbox
                .request(Method::PUT, &selfie, None)
                .header("content-type", "image/png")
                .body(png(640, 480)),
        )
        .await,
        401,
        "unauthorized",
    );
    assert_error(
        sandbox
            .put_bytes(&selfie, "not-the-token", "image/png", png(640, 480))
            .await,
        401,
        "unauthorized",
    );
    assert_error(
        sandbox.get("/v1/applications/0000000000", None).await,
        404,
        "unknown_application",
    );
    assert_error(
        sandbox.get("/v1/applications/abc", None).await,
        404,
        "unknown_application",
    );
}

#[tokio::test]
async fn three_wrong_codes_lock_the_session() {
    let sandbox = start().await;
    let session = new_session(&sandbox).await;
    let verify = format!("/v1/sessions/{session}/otp:verify");
    let right = sandbox.latest_code(citizen("approve").phone.unwrap()).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    assert_error(
        sandbox.post(&verify, None, json!({ "code": wrong })).await,
        422,
        "otp_invalid",
    );
    assert_error(
        sandbox.post(&verify, None, json!({ "code": wrong })).await,
        422,
        "otp_invalid",
    );
    assert_error(
        sandbox.post(&verify, None, json!({ "code": wrong })).await,
        423,
        "otp_locked",
    );
    assert_error(
        sandbox.post(&verify, None, json!({ "code": right })).await,
        423,
        "otp_locked",
    );
    assert_error(
        sandbox
            .post(
                &format!("/v1/sessions/{session}/otp:resend"),
                None,
                json!({}),
            )
            .await,
        423,
        "otp_locked",
    );
}

#[tokio::test]
async fn expired_code_and_resend_cooldown() {
    let sandbox = start().await;
    let session = new_session(&sandbox).await;
    let resend = format!("/v1/sessions/{session}/otp:resend");
    let response = sandbox
        .request(Method::POST, &resend, None)
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 429);
    let header = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "resend_too_soon");
    let retry = body["retry_after"].as_u64().unwrap();
    assert!((1..=60).contains(&retry), "{body}");
    assert_eq!(header, Some(retry.to_string()));

    let phone = citizen("approve").phone.unwrap();
    let code = sandbox.latest_code(phone).await;
    sandbox.running.clock().advance(Duration::from_secs(301));
    let verify = format!("/v1/sessions/{session}/otp:verify");
    assert_error(
        sandbox.post(&verify, None, json!({ "code": code })).await,
        422,
        "otp_expired",
    );
    let (status, body) = sandbox.post(&resend, None, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let fresh = sandbox.latest_code(phone).await;
    let (status, body) = sandbox.post(&verify, None, json!({ "code": fresh })).await;
    assert_eq!(status, 200, "{body}");
}
