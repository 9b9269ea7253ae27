//! Bad uploads and bad certificate requests get the right status and code, never a 5xx.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{
    KeyStoreForm, Subject, assert_error, citizen, csr, csr_with, png, send, start, start_with,
};
use reqwest::Method;
use serde_json::json;

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
        apply(csr_with(&good, None, KeyStoreForm::Malformed), ok(), None).await,
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
    // A correct application with the issuance delay: processing, then not_ready. Its AUTH
    // request has the key-store extension in the old form, still accepted for resuming.
    let legacy = csr_with(&good, None, KeyStoreForm::Legacy);
    let (status, body) = apply(legacy, ok(), None).await;
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
