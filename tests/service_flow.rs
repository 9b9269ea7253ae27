//! The wizard against the real embedded sandbox over HTTP: the app's own tasks are run (as the
//! iced runtime would) and their answers fed back, so this covers the wiring end to end.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;

use common::{citizen, config, connected_app, run, send};
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::{iin, otp, phone_registration, status};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::i18n::Language;
use qoltanba::t;

async fn type_iin(app: &mut App, value: &str) {
    send(
        app,
        Message::Step(StepMessage::Iin(iin::Message::Changed(value.to_owned()))),
    )
    .await;
    send(app, Message::Next).await;
}

/// Reads the code from the sandbox inbox the way the app's SMS panel does.
async fn latest_code(app: &mut App) -> String {
    send(app, Message::Tick).await;
    let view_text = format!("{:?}", app.snapshot().sms);
    app.snapshot()
        .sms
        .map(|sms| sms.code.clone())
        .unwrap_or_else(|| panic!("no SMS in the panel: {view_text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registered_citizen_gets_an_sms_code_and_moves_on_to_the_selfie() {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    type_iin(&mut app, citizen(true).iin.as_str()).await;
    assert_eq!(app.snapshot().step, Step::Otp);

    // A wrong code first: the translated message, and the step stays.
    let code = latest_code(&mut app).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    send(
        &mut app,
        Message::Step(StepMessage::Otp(otp::Message::Changed(wrong.into()))),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Otp);
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Ru, "error-otp-invalid").as_str())
    );

    send(
        &mut app,
        Message::Step(StepMessage::Otp(otp::Message::Changed(code))),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().failure, None);
    assert_eq!(app.snapshot().step, Step::Selfie);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unregistered_phone_goes_through_registration_then_gets_a_code() {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    type_iin(&mut app, citizen(false).iin.as_str()).await;
    assert_eq!(app.snapshot().step, Step::PhoneRegistration);

    send(
        &mut app,
        Message::Step(StepMessage::PhoneRegistration(
            phone_registration::Message::Changed("8 (707) 555-12-34".into()),
        )),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().failure, None);
    assert_eq!(app.snapshot().step, Step::Otp);
    let code = latest_code(&mut app).await;
    send(
        &mut app,
        Message::Step(StepMessage::Otp(otp::Message::Changed(code))),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Selfie);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_citizen_and_unknown_application_are_explained() {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    // A valid IIN the registry does not know.
    let stranger =
        qoltanba_core::domain::Iin::from_parts(1971, 7, 7, qoltanba_core::domain::Sex::Male, 7777)
            .map(|i| i.to_string())
            .unwrap_or_default();
    type_iin(&mut app, &stranger).await;
    assert_eq!(app.snapshot().step, Step::Iin);
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Ru, "error-unknown-citizen").as_str())
    );

    let mut app = app_at_status(app);
    send(
        &mut app,
        Message::Step(StepMessage::Status(status::Message::Changed(
            "1234567890".into(),
        ))),
    )
    .await;
    send(
        &mut app,
        Message::Step(StepMessage::Status(status::Message::Submitted)),
    )
    .await;
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Ru, "error-unknown-application").as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_service_gives_a_message_and_a_working_retry() {
    let data = tempfile::tempdir().unwrap();
    // Nothing listens on port 9 of loopback: the connection is refused at once.
    let mut app = App::new(config(Language::Kk, &data, Some("http://127.0.0.1:9"))).at(Step::Iin);
    let connect = app.connect();
    run(&mut app, connect).await;
    type_iin(&mut app, citizen(true).iin.as_str()).await;
    assert_eq!(app.snapshot().step, Step::Iin);
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Kk, "error-unreachable").as_str())
    );
    assert!(!app.snapshot().waiting);
    // Retry sends again (and fails again the same way, without hanging).
    send(&mut app, Message::Retry).await;
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Kk, "error-unreachable").as_str())
    );
}

fn app_at_status(app: App) -> App {
    app.at(Step::Status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn injected_faults_give_a_translated_message_and_retry_works_once_they_stop() {
    let data = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::Kk, Step::Iin).await;
    let control =
        qoltanba_core::client::Client::new(&app.snapshot().service.url.unwrap(), None).unwrap();
    let faults = |error_rate: f64, malformed_rate: f64| qoltanba_core::protocol::FaultSettings {
        error_rate,
        malformed_rate,
        ..Default::default()
    };

    // Every answer a 503: starting a session is retried (under its Idempotency-Key) a few
    // times only, then the citizen is told in their language; nothing waits forever.
    control.sandbox_set_faults(&faults(1.0, 0.0)).await.unwrap();
    type_iin(&mut app, citizen(true).iin.as_str()).await;
    assert_eq!(app.snapshot().step, Step::Iin);
    assert!(!app.snapshot().waiting);
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Kk, "error-unavailable").as_str())
    );

    // A broken body is a different message.
    control.sandbox_set_faults(&faults(0.0, 1.0)).await.unwrap();
    send(&mut app, Message::Retry).await;
    assert_eq!(
        app.snapshot().failure.as_deref(),
        Some(t!(Language::Kk, "error-malformed").as_str())
    );

    // The service recovers; Retry carries on where the citizen was.
    control.sandbox_set_faults(&faults(0.0, 0.0)).await.unwrap();
    send(&mut app, Message::Retry).await;
    assert_eq!(app.snapshot().failure, None);
    assert_eq!(app.snapshot().step, Step::Otp);
}
