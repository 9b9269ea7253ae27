//! The app's own HTTP client (qoltanba-core) against a sandbox on a random port: a citizen
//! goes from the IIN to issued certificates through nothing but `Client`'s methods, and
//! injected faults are retried for safe requests.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::time::Duration;

use common::client::{identify, log_in};
use common::{Subject, citizen, csr, jpeg, start};
use qoltanba_core::client::{Client, ClientError};
use qoltanba_core::domain::{ApplicationNumber, IdempotencyKey, OtpCode};
use qoltanba_core::protocol::{
    ApplicationStatus, CreateApplicationRequest, ErrorCode, StorageKind, VerificationStatus,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_takes_a_citizen_from_iin_to_certificates() {
    let sandbox = start().await;
    let person = citizen("approve");
    let client = Client::new(&sandbox.base, None).unwrap();

    let created = client
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    assert!(created.phone_registered && created.otp_sent);
    let code = sandbox.latest_code(person.phone.unwrap()).await;
    let session = client
        .verify_otp(
            &created.session_id,
            &OtpCode::parse(&code).unwrap(),
            &IdempotencyKey::new(),
        )
        .await
        .unwrap();

    let data = identify(&client, &session).await;
    assert_eq!(data.surname, person.surname);
    assert_eq!(
        client.verification(&session).await.unwrap().status,
        VerificationStatus::Approved
    );

    let subject = Subject::of(person);
    let email = "citizen@example.kz";
    let request = CreateApplicationRequest {
        session_id: session.id.clone(),
        email: Some(email.into()),
        storage: StorageKind::Pkcs12,
        csr_auth: csr(&subject, Some(email), true),
        csr_sign: csr(&subject, Some(email), true),
        algorithm: Default::default(),
        csr: None,
    };
    let created = client
        .create_application(&session, &request, &IdempotencyKey::new())
        .await
        .unwrap();
    let number = ApplicationNumber::parse(&created.application_number).unwrap();
    assert_eq!(
        client.application_status(&number).await.unwrap().status,
        ApplicationStatus::Issued
    );
    let certificates = client.certificates(&number).await.unwrap();
    assert_eq!(
        certificates.certificate, None,
        "an RSA answer has no GOST certificate"
    );
    for bundle in [&certificates.auth, &certificates.sign] {
        let bundle = bundle.as_ref().unwrap();
        assert!(
            bundle
                .certificate_pem
                .starts_with("-----BEGIN CERTIFICATE-----")
        );
        assert_eq!(bundle.chain_pem.len(), 2, "issuing CA and root");
    }
    assert_ne!(
        certificates.auth.as_ref().unwrap().certificate_pem,
        certificates.sign.as_ref().unwrap().certificate_pem
    );

    // A second application from the same session is refused.
    let again = client
        .create_application(&session, &request, &IdempotencyKey::new())
        .await;
    assert!(matches!(again, Err(ClientError::Api { .. })), "{again:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn safe_requests_are_retried_through_injected_failures_and_errors_keep_their_code() {
    let sandbox = start().await;
    // The app's number of retries, without its real-time pauses.
    const PAUSES: [Duration; 2] = [Duration::from_millis(1); 2];
    let client = Client::new(&sandbox.base, None)
        .unwrap()
        .with_retry_pauses(&PAUSES);
    let unknown = ApplicationNumber::parse("0000000001").unwrap();
    // Every other /v1 answer is a 503 (seeded, so the run repeats exactly). A GET is retried
    // up to three times, so the protocol error underneath still comes through.
    let (status, body) = common::send(
        sandbox
            .request(reqwest::Method::PUT, "/sandbox/faults", None)
            .json(&serde_json::json!({ "error_rate": 0.5, "seed": 7 })),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    let mut codes = Vec::new();
    for _ in 0..6 {
        match client.application_status(&unknown).await {
            Err(error) => codes.push(error.code()),
            Ok(answer) => panic!("an unknown application was found: {answer:?}"),
        }
    }
    assert!(
        codes.contains(&Some(ErrorCode::UnknownApplication)),
        "retries never got past the injected failures: {codes:?}"
    );
    assert!(
        codes.iter().all(|c| matches!(
            c,
            Some(ErrorCode::UnknownApplication | ErrorCode::Unavailable)
        )),
        "{codes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_leaves_during_moderation_and_resumes_with_a_new_login() {
    let sandbox = start().await;
    let person = citizen("moderation");
    let client = Client::new(&sandbox.base, None).unwrap();

    let first = log_in(&sandbox, &client, person).await;
    assert_eq!(first.identity, None, "a first login has no identity yet");
    identify(&client, &first).await;
    assert_eq!(
        client.verification(&first).await.unwrap().status,
        VerificationStatus::Moderation
    );

    // The citizen closes the app. Later they log in again (a new session, new code).
    let second = log_in(&sandbox, &client, person).await;
    assert_ne!(second.id, first.id);
    assert_eq!(second.identity, Some(VerificationStatus::Moderation));
    assert_eq!(
        client.verification(&second).await.unwrap().status,
        VerificationStatus::Moderation
    );
    // Evidence is not asked again: the new session is past identification.
    let again = client
        .upload_selfie(&second, jpeg(640, 480), "image/jpeg")
        .await;
    assert_eq!(
        again.unwrap_err().code(),
        Some(ErrorCode::StepOutOfOrder),
        "the carried identity is frozen"
    );

    // An operator approves the case they saw (the first session); the resumed login follows.
    qoltanba_sandbox::moderate(
        common::data_dir(&sandbox),
        &first.id,
        qoltanba_core::protocol::ModerationDecision::Approve,
        None,
    )
    .unwrap();
    assert_eq!(
        client.verification(&second).await.unwrap().status,
        VerificationStatus::Approved
    );
    let subject = Subject::of(person);
    let request = CreateApplicationRequest {
        session_id: second.id.clone(),
        email: None,
        storage: StorageKind::Pkcs12,
        csr_auth: csr(&subject, None, true),
        csr_sign: csr(&subject, None, true),
        algorithm: Default::default(),
        csr: None,
    };
    let created = client
        .create_application(&second, &request, &IdempotencyKey::new())
        .await
        .unwrap();
    let number = ApplicationNumber::parse(&created.application_number).unwrap();
    assert_eq!(
        client.application_status(&number).await.unwrap().status,
        ApplicationStatus::Issued
    );

    // The identity served its application; the next one starts with a new identification.
    let third = log_in(&sandbox, &client, person).await;
    assert_eq!(third.identity, None);
}
