//! The citizen's way from the IIN to the storage step through the wizard against the embedded
//! sandbox: SMS code, selfie and video (fixtures standing in for the camera engine), account
//! PIN, both card sides, the recognised data, the verification and the agreement. The same
//! steps as tests/identification.rs, shared by the tests that need a verified session.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::Arc;

use qoltanba::app::photo;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::video_id::Recording;
use qoltanba::app::screen::{
    account_pin, agreement, document, document_review, iin, otp, selfie, video_id,
};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba_core::protocol::{ChallengeLog, ChallengeStep};
use qoltanba_sandbox::Citizen;

use crate::common::{avi, png_file, send};

/// IIN and SMS code: the session is authorised.
pub async fn log_in(app: &mut App, person: &Citizen) {
    send(
        app,
        Message::Step(StepMessage::Iin(iin::Message::Changed(
            person.iin.to_string(),
        ))),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Otp,
        "{:?}",
        app.snapshot().failure
    );
    send(app, Message::Tick).await;
    let code = app.snapshot().sms.expect("the sandbox SMS").code;
    send(
        app,
        Message::Step(StepMessage::Otp(otp::Message::Changed(code))),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().failure, None);
}

/// From the selfie to the verification screen.
pub async fn identify(app: &mut App, files: &Path) {
    to_document_step(app).await;
    for (name, size) in [("front.png", (1000, 640)), ("back.png", (1000, 640))] {
        let file = png_file(files, name, size.0, size.1);
        send(
            app,
            Message::Step(StepMessage::Document(document::Message::PathChanged(
                file.display().to_string(),
            ))),
        )
        .await;
        send(
            app,
            Message::Step(StepMessage::Document(document::Message::PathSubmitted)),
        )
        .await;
    }
    confirm_document(app).await;
}

/// From the selfie to the ID card step: a fixture selfie and recording stand in for the
/// camera, then the account PIN.
pub async fn to_document_step(app: &mut App) {
    assert_eq!(app.snapshot().step, Step::Selfie);
    let files = tempfile::tempdir().unwrap();
    let selfie = photo::load(&png_file(files.path(), "selfie.png", 640, 480)).unwrap();
    send(
        app,
        Message::Step(StepMessage::Selfie(selfie::Message::Captured(selfie))),
    )
    .await;
    send(app, Message::Next).await;
    let recording = Recording {
        video: Arc::new(avi(7_000)),
        log: ChallengeLog {
            challenges: vec![ChallengeStep {
                kind: "turn_left".into(),
                started_ms: 400,
                completed_ms: 1500,
            }],
        },
    };
    send(
        app,
        Message::Step(StepMessage::VideoId(video_id::Message::Recorded(recording))),
    )
    .await;
    send(app, Message::Next).await;
    for message in [
        account_pin::Message::PinChanged("402917".into()),
        account_pin::Message::RepeatChanged("402917".into()),
    ] {
        send(app, Message::Step(StepMessage::AccountPin(message))).await;
    }
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Document,
        "{:?}",
        app.snapshot().failure
    );
}

/// With both sides accepted: Next, the recognised data confirmed, on to the verification.
pub async fn confirm_document(app: &mut App) {
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::DocumentReview);
    send(
        app,
        Message::Step(StepMessage::DocumentReview(
            document_review::Message::Confirmed(true),
        )),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Verification,
        "{:?}",
        app.snapshot().failure
    );
}

/// From the verification to the storage step, with the terms accepted and an e-mail.
pub async fn agree(app: &mut App, email: &str) {
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Agreement,
        "{:?}",
        app.snapshot().failure
    );
    send(
        app,
        Message::Step(StepMessage::Agreement(agreement::Message::Accepted(true))),
    )
    .await;
    send(
        app,
        Message::Step(StepMessage::Agreement(agreement::Message::EmailChanged(
            email.into(),
        ))),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Storage);
}
