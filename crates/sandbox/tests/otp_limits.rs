//! OTP brute force and SMS flooding: sessions per IIN and codes per phone per hour, wrong
//! codes that survive a resend and count across the sessions of an IIN.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Sandbox, assert_error, citizen, start, start_with};
use reqwest::Method;
use serde_json::{Value, json};

fn wrong_code(right: &str) -> &'static str {
    if right == "000000" {
        "111111"
    } else {
        "000000"
    }
}

async fn new_session(sandbox: &Sandbox, who: &str) -> (u16, Value) {
    sandbox
        .post(
            "/v1/sessions",
            None,
            json!({ "iin": citizen(who).iin.as_str() }),
        )
        .await
}

#[tokio::test]
async fn sessions_per_iin_are_limited_per_hour() {
    let sandbox = start().await;
    for _ in 0..5 {
        let (status, body) = new_session(&sandbox, "approve").await;
        assert_eq!(status, 200, "{body}");
    }
    let response = sandbox
        .request(Method::POST, "/v1/sessions", None)
        .json(&json!({ "iin": citizen("approve").iin.as_str() }))
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
    assert_eq!(body["code"], "resend_too_soon", "{body}");
    let retry = body["retry_after"].as_u64().unwrap();
    assert!((1..=3600).contains(&retry), "{body}");
    assert_eq!(header, Some(retry.to_string()));
    sandbox.running.clock().advance(Duration::from_secs(3601));
    let (status, body) = new_session(&sandbox, "approve").await;
    assert_eq!(status, 200, "{body}");
}

#[tokio::test]
async fn codes_per_phone_are_limited_per_hour() {
    let sandbox = start_with(|config| config.limits.codes_per_phone_per_hour = 2).await;
    let (status, body) = new_session(&sandbox, "approve").await;
    assert_eq!(status, 200, "{body}");
    let session = body["session_id"].as_str().unwrap().to_owned();
    let resend = format!("/v1/sessions/{session}/otp:resend");
    sandbox.running.clock().advance(Duration::from_secs(61));
    let (status, body) = sandbox.post(&resend, None, json!({})).await;
    assert_eq!(status, 200, "{body}");
    sandbox.running.clock().advance(Duration::from_secs(61));
    let (status, body) = sandbox.post(&resend, None, json!({})).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(body["code"], "resend_too_soon", "{body}");
    assert!(body["retry_after"].as_u64().unwrap() > 60, "{body}");
    // A new session for the same phone sends no code either.
    let (status, body) = new_session(&sandbox, "approve").await;
    assert_eq!(status, 429, "{body}");
}

#[tokio::test]
async fn wrong_codes_survive_a_resend() {
    let sandbox = start().await;
    let (_, body) = new_session(&sandbox, "approve").await;
    let session = body["session_id"].as_str().unwrap().to_owned();
    let phone = citizen("approve").phone.unwrap();
    let verify = format!("/v1/sessions/{session}/otp:verify");
    let right = sandbox.latest_code(phone).await;
    for _ in 0..2 {
        assert_error(
            sandbox
                .post(&verify, None, json!({ "code": wrong_code(&right) }))
                .await,
            422,
            "otp_invalid",
        );
    }
    sandbox.running.clock().advance(Duration::from_secs(61));
    let resend = format!("/v1/sessions/{session}/otp:resend");
    let (status, body) = sandbox.post(&resend, None, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let fresh = sandbox.latest_code(phone).await;
    assert_error(
        sandbox
            .post(&verify, None, json!({ "code": wrong_code(&fresh) }))
            .await,
        423,
        "otp_locked",
    );
}

#[tokio::test]
async fn wrong_codes_across_sessions_lock_the_iin() {
    let sandbox = start_with(|config| config.limits.wrong_codes_per_iin = 4).await;
    let phone = citizen("approve").phone.unwrap();
    let (_, body) = new_session(&sandbox, "approve").await;
    let first = body["session_id"].as_str().unwrap().to_owned();
    let right = sandbox.latest_code(phone).await;
    let verify = format!("/v1/sessions/{first}/otp:verify");
    for _ in 0..3 {
        sandbox
            .post(&verify, None, json!({ "code": wrong_code(&right) }))
            .await;
    }
    let (status, body) = new_session(&sandbox, "approve").await;
    assert_eq!(status, 200, "{body}");
    let second = body["session_id"].as_str().unwrap().to_owned();
    let right = sandbox.latest_code(phone).await;
    let verify = format!("/v1/sessions/{second}/otp:verify");
    assert_error(
        sandbox
            .post(&verify, None, json!({ "code": wrong_code(&right) }))
            .await,
        423,
        "otp_locked",
    );
    // The right code no longer helps, and no new session starts for this IIN.
    assert_error(
        sandbox.post(&verify, None, json!({ "code": right })).await,
        423,
        "otp_locked",
    );
    let (status, body) = new_session(&sandbox, "approve").await;
    assert_eq!(status, 423, "{body}");
    assert_eq!(body["code"], "otp_locked", "{body}");
    assert!(body["retry_after"].as_u64().is_some(), "{body}");
    // Another citizen is not affected; the lock ends with the window.
    let (status, body) = new_session(&sandbox, "reject").await;
    assert_eq!(status, 200, "{body}");
    sandbox.running.clock().advance(Duration::from_secs(3601));
    let (status, body) = new_session(&sandbox, "approve").await;
    assert_eq!(status, 200, "{body}");
}
