//! The app's own client driving a sandbox: log in, identify.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use qoltanba_core::client::{Client, Session};
use qoltanba_core::domain::{AccountPin, IdempotencyKey, OtpCode};
use qoltanba_core::protocol::{ChallengeLog, ChallengeStep, DocumentData, DocumentSide};
use qoltanba_sandbox::Citizen;

use super::{Sandbox, avi, jpeg, png};

/// Selfie, video, PIN, both document sides, the recognised data read and confirmed: what the
/// wizard sends between the SMS code and the verification.
pub async fn identify(client: &Client, session: &Session) -> DocumentData {
    client
        .upload_selfie(session, jpeg(640, 480), "image/jpeg")
        .await
        .unwrap();
    let log = ChallengeLog {
        challenges: vec![
            ChallengeStep {
                kind: "turn_left".into(),
                started_ms: 500,
                completed_ms: 1400,
            },
            ChallengeStep {
                kind: "turn_right".into(),
                started_ms: 1800,
                completed_ms: 2600,
            },
        ],
    };
    client
        .upload_video(session, avi(6_000), "video/x-msvideo", &log)
        .await
        .unwrap();
    client
        .set_pin(session, &AccountPin::parse("402917").unwrap())
        .await
        .unwrap();
    for side in [DocumentSide::Front, DocumentSide::Back] {
        client
            .upload_document(session, side, png(800, 500), "image/png")
            .await
            .unwrap();
    }
    let data = client.document_data(session).await.unwrap();
    client
        .confirm_document_data(session, &IdempotencyKey::new())
        .await
        .unwrap();
    data
}

/// Starts a session for a citizen and verifies the SMS code.
pub async fn log_in(sandbox: &Sandbox, client: &Client, person: &Citizen) -> Session {
    let created = client
        .create_session(&person.iin, &IdempotencyKey::new())
        .await
        .unwrap();
    let code = sandbox.latest_code(person.phone.unwrap()).await;
    client
        .verify_otp(
            &created.session_id,
            &OtpCode::parse(&code).unwrap(),
            &IdempotencyKey::new(),
        )
        .await
        .unwrap()
}
