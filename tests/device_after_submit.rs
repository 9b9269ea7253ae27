//! Keys on a protected device after the application is sent, against SoftHSM2 tokens and
//! the embedded sandbox: the keys wait on the token across a restart and get their
//! certificates later; a refused application takes its keys off the token.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;
mod softhsm;
mod token_app;

use qoltanba::app::Message;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::{devices, submit};
use qoltanba::app::step::Step;
use qoltanba::i18n::Language;
use qoltanba::t;

use common::{citizen_who, send};
use softhsm::{SoftHsm, block_on, isolated};
use token_app::{Object, PIN, config, connected, device, objects, pick, simulator};

#[test]
fn keys_on_the_token_wait_across_a_restart_and_get_their_certificates_later() {
    isolated(
        "keys_on_the_token_wait_across_a_restart_and_get_their_certificates_later",
        |hsm| block_on(keys_wait_across_a_restart(hsm)),
    );
}

async fn keys_wait_across_a_restart(hsm: &SoftHsm) {
    use qoltanba::app::screen::{install, welcome};
    hsm.init_token("Citizen token", PIN);
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let person = citizen_who("approve");
    let lang = Language::Kk;
    let number = {
        let mut app = connected(config(lang, data.path(), &hsm.module), Step::Iin).await;
        journey::log_in(&mut app, person).await;
        journey::identify(&mut app, files.path()).await;
        journey::agree(&mut app, "").await;
        pick(&mut app, "Citizen token").await;
        send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
        send(&mut app, Message::Next).await;
        send(
            &mut app,
            Message::Step(StepMessage::Submit(submit::Message::Start)),
        )
        .await;
        app.snapshot().application.number.unwrap()
        // The app closes before installing.
    };
    let keys = objects(hsm, "Citizen token", PIN);
    assert_eq!(
        keys.iter()
            .filter(|o| o.kind.starts_with("Private Key Object"))
            .count(),
        2
    );
    assert!(
        !keys.iter().any(|o| o.kind.starts_with("Certificate")),
        "{keys:#?}"
    );

    let mut app = connected(config(lang, data.path(), &hsm.module), Step::Welcome).await;
    assert!(app.snapshot().resume_offered);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(welcome::Message::Activate(
            welcome::Action::Resume,
        ))),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::Install);
    assert!(!app.snapshot().devices.session_open);
    simulator(&app)
        .find(t!(lang, "install-device-pin-hint").as_str())
        .unwrap();

    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::DevicePinChanged(
            "00000000".into(),
        ))),
    )
    .await;
    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::Start)),
    )
    .await;
    assert_eq!(
        app.snapshot().application.install_problem,
        Some(t!(lang, "token-error-wrong-pin-count-low"))
    );
    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::DevicePinChanged(
            PIN.into(),
        ))),
    )
    .await;
    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::Start)),
    )
    .await;
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().application.install_problem
    );
    simulator(&app)
        .find(
            t!(
                lang,
                "done-device",
                device = "Citizen token",
                model = "SoftHSM v2",
                serial = app.snapshot().devices.installed.unwrap().serial
            )
            .as_str(),
        )
        .unwrap();
    let objects = objects(hsm, "Citizen token", PIN);
    let certificates: Vec<&Object> = objects
        .iter()
        .filter(|o| o.kind.starts_with("Certificate Object"))
        .collect();
    assert_eq!(certificates.len(), 2, "{objects:#?}");
    assert!(!number.is_empty());
}

#[test]
fn a_refused_application_takes_its_keys_off_the_token() {
    isolated(
        "a_refused_application_takes_its_keys_off_the_token",
        |hsm| block_on(a_refused_application(hsm)),
    );
}

async fn a_refused_application(hsm: &SoftHsm) {
    use qoltanba_core::client::{Client, ClientError};
    use qoltanba_core::protocol::{ErrorCode, FaultSettings};
    hsm.init_token("Citizen token", PIN);
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let lang = Language::En;
    let mut app = connected(config(lang, data.path(), &hsm.module), Step::Iin).await;
    journey::log_in(&mut app, citizen_who("approve")).await;
    journey::identify(&mut app, files.path()).await;
    journey::agree(&mut app, "").await;
    pick(&mut app, "Citizen token").await;
    send(&mut app, device(devices::Message::PinChanged(PIN.into()))).await;
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Submit);
    let ours = |hsm: &SoftHsm| {
        objects(hsm, "Citizen token", PIN)
            .into_iter()
            .filter(|o| o.label.starts_with("Qoltanba "))
            .count()
    };

    // The service cannot be reached: the keys stay for a retry with the same requests.
    let sandbox = Client::new(&app.snapshot().service.url.unwrap(), None).unwrap();
    let unreachable = FaultSettings {
        error_rate: 1.0,
        ..FaultSettings::default()
    };
    sandbox.sandbox_set_faults(&unreachable).await.unwrap();
    send(
        &mut app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(app.snapshot().failure, Some(t!(lang, "error-unavailable")));
    assert_eq!(app.snapshot().application.number, None);
    assert_eq!(ours(hsm), 4, "two key pairs, public and private halves");

    // The service refuses the requests for good: the keys made for them go.
    let refusal = ClientError::Api {
        code: ErrorCode::CsrSubjectMismatch,
        message: "test".into(),
        retry_after: None,
    };
    send(
        &mut app,
        Message::Step(StepMessage::Submit(submit::Message::Submitted(Err(
            refusal,
        )))),
    )
    .await;
    assert_eq!(
        app.snapshot().failure,
        Some(t!(lang, "error-csr-subject-mismatch"))
    );
    assert_eq!(
        app.snapshot().application.submit_problem,
        Some(t!(lang, "submit-device-keys-removed"))
    );
    assert_eq!(ours(hsm), 0);

    // Retry makes new keys, and this time the service takes them.
    sandbox
        .sandbox_set_faults(&FaultSettings::default())
        .await
        .unwrap();
    send(&mut app, Message::Retry).await;
    assert_eq!(app.snapshot().failure, None);
    assert!(app.snapshot().application.number.is_some());
    assert_eq!(ours(hsm), 4);
}
