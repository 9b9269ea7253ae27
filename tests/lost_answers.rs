//! The wizard when the answer to the application is lost (the sandbox makes the application,
//! then drops the connection): Retry, or "Continue" after the app was closed, asks again under
//! the same `Idempotency-Key` and gets the one application's number; the keys in the folder
//! stay and are installed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;

use common::{citizen_who, connected_app, send};
use journey::{agree, identify, log_in};
use qoltanba::app::screen::{StepMessage, install, key_password, otp, storage, submit, welcome};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::client::Client;
use qoltanba_core::protocol::FaultSettings;

const PASSWORD: &str = "Qoltanba2026";

fn control(app: &App) -> Client {
    Client::new(&app.snapshot().service.url.unwrap(), None).unwrap()
}

fn applications(data: &tempfile::TempDir) -> i64 {
    let db = rusqlite::Connection::open(data.path().join("sandbox/sandbox.db")).unwrap();
    db.query_row("SELECT COUNT(*) FROM applications", [], |row| row.get(0))
        .unwrap()
}

fn lost_answers(rate: f64) -> FaultSettings {
    FaultSettings {
        commit_drop_rate: rate,
        ..FaultSettings::default()
    }
}

/// From the storage step to the submit step, keys of `key_type` in `folder`.
async fn to_submit(app: &mut App, folder: &std::path::Path, key_type: storage::KeyType) {
    send(
        app,
        Message::Step(StepMessage::Storage(storage::Message::FolderChanged(
            folder.display().to_string(),
        ))),
    )
    .await;
    send(
        app,
        Message::Step(StepMessage::Storage(storage::Message::KeyTypePicked(
            key_type,
        ))),
    )
    .await;
    send(app, Message::Next).await;
    for message in [
        key_password::Message::PasswordChanged(PASSWORD.into()),
        key_password::Message::RepeatChanged(PASSWORD.into()),
    ] {
        send(app, Message::Step(StepMessage::KeyPassword(message))).await;
    }
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Submit);
}

/// Makes the keys and applies while every answer is lost: the application is made, the
/// number never arrives.
async fn apply_into_the_void(app: &mut App, lang: Language) {
    control(app)
        .sandbox_set_faults(&lost_answers(1.0))
        .await
        .unwrap();
    send(
        app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::Submit);
    assert_eq!(app.snapshot().application.number, None);
    let failure = app.snapshot().failure.expect("the lost answer is said");
    assert!(
        [t!(lang, "error-unreachable"), t!(lang, "error-malformed")].contains(&failure),
        "{failure}"
    );
    control(app)
        .sandbox_set_faults(&FaultSettings::default())
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_a_lost_answer_gets_the_one_application() {
    retry_after_a_lost_answer(storage::KeyType::Rsa, &["AUTH_RSA256_", "RSA256_"]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_a_lost_answer_gets_the_one_gost_application() {
    retry_after_a_lost_answer(storage::KeyType::Gost, &["GOST512_"]).await;
}

/// Retry after the lost answer: the one application's number, then its files (named with
/// `prefixes`, one file each).
async fn retry_after_a_lost_answer(key_type: storage::KeyType, prefixes: &[&str]) {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let folder = keys.path().join("ЭЦП");
    let person = citizen_who("approve");
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    log_in(&mut app, person).await;
    identify(&mut app, files.path()).await;
    agree(&mut app, "").await;
    to_submit(&mut app, &folder, key_type).await;
    apply_into_the_void(&mut app, Language::Ru).await;
    assert_eq!(applications(&data), 1, "the service made it");

    send(&mut app, Message::Retry).await;
    assert_eq!(app.snapshot().failure, None);
    let number = app.snapshot().application.number.expect("the number");
    assert_eq!(applications(&data), 1, "and only that one");
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().application.install_problem
    );
    let installed = app.snapshot().application.installed_files.unwrap();
    assert_eq!(installed.files.len(), prefixes.len());
    for (file, prefix) in installed.files.iter().zip(prefixes) {
        let name = file
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(file.path.is_file() && name.starts_with(prefix), "{name}");
        assert_eq!(file.trial, qoltanba_core::pki::KitTrial::Verified);
    }
    let status = control(&app)
        .application_status(&qoltanba_core::domain::ApplicationNumber::parse(&number).unwrap())
        .await
        .unwrap();
    assert_eq!(status.application_number, number);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn continue_after_a_lost_answer_and_a_restart_asks_again_under_the_same_key() {
    continue_after_a_restart(storage::KeyType::Rsa).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn continue_after_a_lost_gost_answer_and_a_restart_asks_again_under_the_same_key() {
    continue_after_a_restart(storage::KeyType::Gost).await;
}

async fn continue_after_a_restart(key_type: storage::KeyType) {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let folder = keys.path().join("keys");
    let person = citizen_who("approve");
    {
        let mut app = connected_app(&data, Language::Kk, Step::Iin).await;
        log_in(&mut app, person).await;
        identify(&mut app, files.path()).await;
        agree(&mut app, "").await;
        to_submit(&mut app, &folder, key_type).await;
        apply_into_the_void(&mut app, Language::Kk).await;
        // The citizen gives up and closes the app.
    }
    assert_eq!(applications(&data), 1);

    let mut app = connected_app(&data, Language::Kk, Step::Welcome).await;
    assert!(app.snapshot().resume_offered);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(welcome::Message::Activate(
            welcome::Action::Resume,
        ))),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::Iin);
    send(&mut app, Message::Next).await;
    send(&mut app, Message::Tick).await;
    let code = app.snapshot().sms.unwrap().code;
    send(
        &mut app,
        Message::Step(StepMessage::Otp(otp::Message::Changed(code))),
    )
    .await;
    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Submit,
        "straight back to the application that waits for its answer"
    );
    assert_eq!(app.snapshot().failure, None);
    assert!(
        app.snapshot().application.number.is_some(),
        "the number came"
    );
    assert_eq!(applications(&data), 1, "no second application");

    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Install);
    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::PasswordChanged(
            PASSWORD.into(),
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
    let installed = app.snapshot().application.installed_files.unwrap();
    assert_eq!(installed.algorithm, key_type.algorithm());
    assert!(installed.files.iter().all(|f| f.path.is_file()));
}
