//! Lost answers: the sandbox carries a request out and then drops the connection, or answers
//! after the client stopped waiting. Repeated under the same `Idempotency-Key`, the SMS-code
//! check, the application, the uploads and the certificate download all come through with
//! exactly one session and one application on the service; the same key for another request
//! is refused.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use std::time::Duration;

use common::client::{identify, log_in};
use common::{Subject, citizen, csr, data_dir, jpeg, start};
use qoltanba_core::client::{Client, ClientError};
use qoltanba_core::domain::{ApplicationNumber, IdempotencyKey, OtpCode};
use qoltanba_core::protocol::{CreateApplicationRequest, ErrorCode, FaultSettings, StorageKind};

const PAUSES: [Duration; 2] = [Duration::from_millis(1); 2];

fn count(sandbox: &common::Sandbox, sql: &str, iin: &str) -> i64 {
    let db = rusqlite::Connection::open(data_dir(sandbox).join("sandbox.db")).unwrap();
    db.query_row(sql, [iin], |row| row.get(0)).unwrap()
}

fn applications(sandbox: &common::Sandbox, iin: &str) -> i64 {
    count(
        sandbox,
        "SELECT COUNT(*) FROM applications WHERE session_id IN \
         (SELECT id FROM sessions WHERE iin = ?1)",
        iin,
    )
}

async fn faults(client: &Client, settings: FaultSettings) {
    client.sandbox_set_faults(&settings).await.unwrap();
}

fn commit_then_drop() -> FaultSettings {
    FaultSettings {
        commit_drop_rate: 1.0,
        ..FaultSettings::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_whose_answer_was_lost_is_answered_again_under_its_key() {
    let sandbox = start().await;
    let person = citizen("approve");
    let client = Client::new(&sandbox.base, None)
        .unwrap()
        .with_retry_pauses(&PAUSES);
    let session = log_in(&sandbox, &client, person).await;
    identify(&client, &session).await;
    let subject = Subject::of(person);
    let request = CreateApplicationRequest {
        session_id: session.id.clone(),
        algorithm: Default::default(),
        csr: None,
        email: None,
        storage: StorageKind::Pkcs12,
        csr_auth: csr(&subject, None, true),
        csr_sign: csr(&subject, None, true),
    };
    let key = IdempotencyKey::new();

    // Carried out, then the connection is dropped: the client (and its own retries) never
    // hear the number.
    faults(&client, commit_then_drop()).await;
    let lost = client.create_application(&session, &request, &key).await;
    assert!(
        lost.as_ref().is_err_and(ClientError::is_transient),
        "{lost:?}"
    );
    faults(&client, FaultSettings::default()).await;
    assert_eq!(applications(&sandbox, person.iin.as_str()), 1);

    // Retry under the same key: the number of the one application made.
    let number = client
        .create_application(&session, &request, &key)
        .await
        .unwrap()
        .application_number;
    let again = client
        .create_application(&session, &request, &key)
        .await
        .unwrap();
    assert_eq!(again.application_number, number);
    assert_eq!(applications(&sandbox, person.iin.as_str()), 1);

    // After a restart of the app and a new login, the same key still finds it.
    let sandbox = common::restart(sandbox).await;
    let client = Client::new(&sandbox.base, None).unwrap();
    let second = log_in(&sandbox, &client, person).await;
    let resumed = CreateApplicationRequest {
        session_id: second.id.clone(),
        ..request.clone()
    };
    let found = client
        .create_application(&second, &resumed, &key)
        .await
        .unwrap();
    assert_eq!(found.application_number, number);
    assert_eq!(applications(&sandbox, person.iin.as_str()), 1);
    let status = client
        .application_status(&ApplicationNumber::parse(&number).unwrap())
        .await
        .unwrap();
    assert_eq!(status.application_number, number);

    // The same key for other requests is refused; a new key on the session that has its
    // application is "already has one", and neither makes another application.
    let other = CreateApplicationRequest {
        csr_auth: csr(&subject, None, true),
        ..resumed.clone()
    };
    let reused = client.create_application(&second, &other, &key).await;
    assert_eq!(
        reused.unwrap_err().code(),
        Some(ErrorCode::IdempotencyKeyReused)
    );
    let fresh = client
        .create_application(
            &session_of(&client, &sandbox, person).await,
            &request,
            &IdempotencyKey::new(),
        )
        .await;
    assert!(fresh.is_err(), "{fresh:?}");
    assert_eq!(applications(&sandbox, person.iin.as_str()), 1);
}

/// A login whose session belongs to the citizen but is not the one the application used.
async fn session_of(
    client: &Client,
    sandbox: &common::Sandbox,
    person: &qoltanba_sandbox::Citizen,
) -> qoltanba_core::client::Session {
    log_in(sandbox, client, person).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_late_answer_to_the_sms_code_check_is_repeated_not_redone() {
    let sandbox = start().await;
    let person = citizen("approve");
    let impatient = Client::builder(&sandbox.base)
        .timeout(Duration::from_millis(400))
        .build()
        .unwrap()
        .with_retry_pauses(&PAUSES);
    let created = impatient
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    let code = sandbox.latest_code(person.phone.unwrap()).await;
    let code = OtpCode::parse(&code).unwrap();
    let key = IdempotencyKey::new();

    faults(
        &impatient,
        FaultSettings {
            late_answer_rate: 1.0,
            late_answer_ms: Some(1_200),
            ..FaultSettings::default()
        },
    )
    .await;
    let late = impatient.verify_otp(&created.session_id, &code, &key).await;
    assert_eq!(late.unwrap_err(), ClientError::Timeout);
    faults(&impatient, FaultSettings::default()).await;

    // The code was used up by the attempt that timed out; the same key gets its session.
    let session = impatient
        .verify_otp(&created.session_id, &code, &key)
        .await
        .expect("the first answer, again");
    impatient
        .upload_selfie(&session, jpeg(640, 480), "image/jpeg")
        .await
        .expect("its token works");
    // A new key for the same code is a new check, which the used code fails.
    let redo = impatient
        .verify_otp(&created.session_id, &code, &IdempotencyKey::new())
        .await;
    assert!(redo.is_err(), "{redo:?}");
    assert_eq!(
        count(
            &sandbox,
            "SELECT COUNT(*) FROM sessions WHERE iin = ?1",
            person.iin.as_str()
        ),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clients_own_retries_get_through_lost_answers_with_one_of_each() {
    let sandbox = start().await;
    let person = citizen("approve");
    let client = Client::new(&sandbox.base, None)
        .unwrap()
        .with_retry_pauses(&PAUSES);
    // Half of the answers are lost after the work was done (seeded: the run repeats).
    faults(
        &client,
        FaultSettings {
            commit_drop_rate: 0.5,
            seed: Some(11),
            ..FaultSettings::default()
        },
    )
    .await;
    let key = IdempotencyKey::new();
    let mut created = Err(ClientError::Timeout);
    for _ in 0..4 {
        created = client.create_session(&person.iin, &key).await;
        if created.is_ok() {
            break;
        }
    }
    let created = created.expect("a session through the lost answers");
    assert_eq!(
        count(
            &sandbox,
            "SELECT COUNT(*) FROM sessions WHERE iin = ?1",
            person.iin.as_str()
        ),
        1,
        "one session, however many tries"
    );
    faults(&client, FaultSettings::default()).await;
    let code = sandbox.latest_code(person.phone.unwrap()).await;
    let session = client
        .verify_otp(
            &created.session_id,
            &OtpCode::parse(&code).unwrap(),
            &IdempotencyKey::new(),
        )
        .await
        .unwrap();

    // Uploads (PUT, repeated as they are) and the document confirmation through the same
    // faults, then the application and the certificates.
    faults(
        &client,
        FaultSettings {
            commit_drop_rate: 0.3,
            late_answer_rate: 0.0,
            seed: Some(5),
            ..FaultSettings::default()
        },
    )
    .await;
    let mut identified = None;
    let confirm = IdempotencyKey::new();
    for _ in 0..4 {
        let attempt = identify_once(&client, &session, &confirm).await;
        if attempt.is_ok() {
            identified = Some(());
            break;
        }
    }
    assert!(identified.is_some(), "identification never got through");
    let subject = Subject::of(person);
    let request = CreateApplicationRequest {
        session_id: session.id.clone(),
        algorithm: Default::default(),
        csr: None,
        email: None,
        storage: StorageKind::Pkcs12,
        csr_auth: csr(&subject, None, true),
        csr_sign: csr(&subject, None, true),
    };
    let key = IdempotencyKey::new();
    let mut number = None;
    for _ in 0..4 {
        if let Ok(created) = client.create_application(&session, &request, &key).await {
            number = Some(created.application_number);
            break;
        }
    }
    let number = ApplicationNumber::parse(&number.expect("an application number")).unwrap();
    let mut certificates = None;
    for _ in 0..4 {
        if let Ok(found) = client.certificates(&number).await {
            certificates = Some(found);
            break;
        }
    }
    assert!(certificates.is_some(), "the certificates never came");
    assert_eq!(applications(&sandbox, person.iin.as_str()), 1);
}

/// Each step of the identification once (the confirmation under `confirm`, the same on every
/// attempt), stopping at the first failure.
async fn identify_once(
    client: &Client,
    session: &qoltanba_core::client::Session,
    confirm: &IdempotencyKey,
) -> Result<(), ClientError> {
    use qoltanba_core::domain::AccountPin;
    use qoltanba_core::protocol::{ChallengeLog, ChallengeStep, DocumentSide};
    client
        .upload_selfie(session, jpeg(640, 480), "image/jpeg")
        .await?;
    let log = ChallengeLog {
        challenges: vec![ChallengeStep {
            kind: "turn_left".into(),
            started_ms: 500,
            completed_ms: 1400,
        }],
    };
    client
        .upload_video(session, common::avi(6_000), "video/x-msvideo", &log)
        .await?;
    client
        .set_pin(session, &AccountPin::parse("402917").unwrap())
        .await?;
    for side in [DocumentSide::Front, DocumentSide::Back] {
        client
            .upload_document(session, side, common::png(800, 500), "image/png")
            .await?;
    }
    client.document_data(session).await?;
    client.confirm_document_data(session, confirm).await?;
    Ok(())
}
