//! Bad input gets the right status and stable code, and never a 5xx.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{Sandbox, Subject, citizen, csr, png, send, start, start_with};
use qoltanba_core::domain::{Iin, Sex};
use reqwest::Method;
use serde_json::{Value, json};

#[track_caller]
fn assert_error((status, body): (u16, Value), expected_status: u16, code: &str) {
    assert!(status < 500, "never 5xx, got {status}: {body}");
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
}

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

#[tokio::test]
async fn uploads_are_typed_bounded_and_checked() {
    let sandbox = start().await;
    let (session, token) = sandbox.sign_in(citizen("approve")).await;
    let base = format!("/v1/sessions/{session}");
    let selfie = format!("{base}/selfie");
    assert_error(
        sandbox
            .put_bytes(&selfie, &token, "image/png", vec![0u8; 9 * 1024 * 1024])
            .await,
        413,
        "payload_too_large",
    );
    assert_error(
        sandbox
            .put_bytes(&selfie, &token, "text/plain", png(640, 480))
            .await,
        415,
        "unsupported_media_type",
    );
    assert_error(
        sandbox
            .put_bytes(&selfie, &token, "image/png", png(200, 100))
            .await,
        422,
        "invalid_media",
    );
    assert_error(
        sandbox
            .put_bytes(&selfie, &token, "image/jpeg", png(640, 480))
            .await,
        422,
        "invalid_media",
    );
    assert_error(
        sandbox
            .put_bytes(&selfie, &token, "image/png", b"not a picture".to_vec())
            .await,
        422,
        "invalid_media",
    );
    assert_error(
        sandbox
            .put_bytes(
                &format!("{base}/documents/side"),
                &token,
                "image/png",
                png(640, 480),
            )
            .await,
        404,
        "not_found",
    );
    let video = format!("{base}/video");
    assert_error(
        sandbox
            .put_bytes(&video, &token, "video/x-msvideo", common::avi(4_000))
            .await,
        415,
        "unsupported_media_type",
    );
    assert_error(
        send(
            sandbox
                .request(Method::PUT, &video, Some(&token))
                .multipart(common::video_form(common::avi(500))),
        )
        .await,
        422,
        "invalid_media",
    );
    assert_error(
        send(
            sandbox
                .request(Method::PUT, &video, Some(&token))
                .multipart(common::video_form(b"RIFF....WAVE".repeat(200))),
        )
        .await,
        422,
        "invalid_media",
    );
    let only_video = reqwest::multipart::Form::new().part(
        "video",
        reqwest::multipart::Part::bytes(common::avi(4_000))
            .mime_str("video/x-msvideo")
            .unwrap(),
    );
    assert_error(
        send(
            sandbox
                .request(Method::PUT, &video, Some(&token))
                .multipart(only_video),
        )
        .await,
        400,
        "malformed_request",
    );
    assert_error(
        send(
            sandbox
                .request(Method::PUT, &format!("{base}/pin"), Some(&token))
                .json(&json!({ "pin": "123456" })),
        )
        .await,
        422,
        "invalid_pin",
    );
    // Steps out of order.
    assert_error(
        sandbox
            .get(&format!("{base}/document-data"), Some(&token))
            .await,
        409,
        "step_out_of_order",
    );
    assert_error(
        sandbox
            .post(
                &format!("{base}/document-data:confirm"),
                Some(&token),
                json!({}),
            )
            .await,
        409,
        "step_out_of_order",
    );
    assert_error(
        sandbox
            .get(&format!("{base}/verification"), Some(&token))
            .await,
        409,
        "step_out_of_order",
    );
    let subject = Subject::of(citizen("approve"));
    assert_error(
        sandbox
            .post(
                "/v1/applications",
                Some(&token),
                json!({ "session_id": session, "storage": "pkcs12",
                "csr_auth": csr(&subject, None, true), "csr_sign": csr(&subject, None, true) }),
            )
            .await,
        409,
        "step_out_of_order",
    );
}

#[tokio::test]
async fn csrs_must_name_the_verified_citizen() {
    let sandbox = start_with(|config| config.timing.issue_delay = Duration::from_secs(30)).await;
    let person = citizen("approve");
    let (session, token) = sandbox.sign_in(person).await;
    sandbox.identify(&session, &token).await;
    let good = Subject::of(person);
    let other = Subject::of(
        qoltanba_sandbox::citizens()
            .iter()
            .find(|c| c.iin != person.iin)
            .unwrap(),
    );
    let apply = |auth: String, sign: String, email: Option<&str>| {
        let body = json!({ "session_id": session, "storage": "pkcs12", "email": email,
            "csr_auth": auth, "csr_sign": sign });
        sandbox.post("/v1/applications", Some(&token), body)
    };
    let ok = || csr(&good, None, true);
    assert_error(
        apply(csr(&other, None, true), ok(), None).await,
        422,
        "csr_subject_mismatch",
    );
    let wrong_iin = Subject {
        serial_number: "IIN000000000000".into(),
        ..Subject::of(person)
    };
    assert_error(
        apply(ok(), csr(&wrong_iin, None, true), None).await,
        422,
        "csr_subject_mismatch",
    );
    let no_patronymic = Subject {
        given_name: None,
        ..Subject::of(person)
    };
    assert_error(
        apply(csr(&no_patronymic, None, true), ok(), None).await,
        422,
        "csr_subject_mismatch",
    );
    assert_error(
        apply(csr(&good, None, false), ok(), None).await,
        422,
        "csr_invalid",
    );
    assert_error(
        apply("not a PEM".into(), ok(), None).await,
        422,
        "csr_invalid",
    );
    let same = ok();
    assert_error(apply(same.clone(), same, None).await, 422, "csr_invalid");
    assert_error(
        apply(
            csr(&good, Some("a@example.kz"), true),
            ok(),
            Some("b@example.kz"),
        )
        .await,
        422,
        "csr_subject_mismatch",
    );
    assert_error(
        apply(ok(), ok(), Some("not-an-email")).await,
        422,
        "invalid_email",
    );
    // A correct application with the issuance delay: processing, then not_ready.
    let (status, body) = apply(ok(), ok(), None).await;
    assert_eq!(status, 200, "{body}");
    let number = body["application_number"].as_str().unwrap().to_owned();
    let (status, body) = sandbox
        .get(&format!("/v1/applications/{number}"), None)
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("processing")),
        "{body}"
    );
    assert_error(
        sandbox
            .get(&format!("/v1/applications/{number}/certificates"), None)
            .await,
        409,
        "not_ready",
    );
    sandbox.running.clock().advance(Duration::from_secs(31));
    let (status, body) = sandbox
        .get(&format!("/v1/applications/{number}"), None)
        .await;
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("issued")),
        "{body}"
    );
}
