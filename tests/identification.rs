//! Digital ID through the wizard against the embedded sandbox: selfie and video (fixtures
//! standing in for the camera engine), account PIN, both card sides from files, the
//! recognised data, and the verification — approved, or with an operator and resumed later.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;

use std::sync::Arc;

use common::{avi, citizen_who, config, connected_app, png_file, send};
use journey::log_in;
use qoltanba::app::photo;
use qoltanba::app::screen::StepMessage;
use qoltanba::app::screen::verification::Outcome;
use qoltanba::app::screen::video_id::Recording;
use qoltanba::app::screen::{
    account_pin, document, document_review, otp, selfie, video_id, welcome,
};
use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::i18n::Language;
use qoltanba::t;
use qoltanba_core::protocol::{ChallengeLog, ChallengeStep};

/// From the selfie to the verification screen, the way a citizen goes.
async fn identify(app: &mut App, files: &std::path::Path) {
    assert_eq!(app.snapshot().step, Step::Selfie);
    let selfie = photo::load(&png_file(files, "selfie.png", 640, 480)).unwrap();
    send(
        app,
        Message::Step(StepMessage::Selfie(selfie::Message::Captured(selfie))),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::VideoId);

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
    assert_eq!(app.snapshot().step, Step::AccountPin);

    for message in [
        account_pin::Message::PinChanged("402917".into()),
        account_pin::Message::RepeatChanged("402917".into()),
    ] {
        send(app, Message::Step(StepMessage::AccountPin(message))).await;
    }
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().failure, None);
    assert_eq!(app.snapshot().step, Step::Document);

    // A file that is not a photo is refused with a reason, and nothing is sent.
    let pdf = files.join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 ...").unwrap();
    let path = |p: &std::path::Path| document::Message::PathChanged(p.display().to_string());
    send(app, Message::Step(StepMessage::Document(path(&pdf)))).await;
    send(
        app,
        Message::Step(StepMessage::Document(document::Message::PathSubmitted)),
    )
    .await;
    assert!(app.snapshot().document.problem.is_some());
    // A blurred card photo is refused before it is sent, with what to do.
    let blurred = common::blurred_png_file(files, "blurred.png");
    send(app, Message::Step(StepMessage::Document(path(&blurred)))).await;
    send(
        app,
        Message::Step(StepMessage::Document(document::Message::PathSubmitted)),
    )
    .await;
    assert_eq!(
        app.snapshot().document.problem,
        Some(t!(app.snapshot().language, "photo-error-blurry"))
    );
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Document,
        "Next waits for both sides"
    );

    // Typed paths: the first fills the front, the second the back; each is sent at once.
    for (name, size) in [("front.png", (1000, 640)), ("back.png", (1000, 640))] {
        let file = png_file(files, name, size.0, size.1);
        send(app, Message::Step(StepMessage::Document(path(&file)))).await;
        send(
            app,
            Message::Step(StepMessage::Document(document::Message::PathSubmitted)),
        )
        .await;
    }
    assert_eq!(app.snapshot().document.problem, None);
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::DocumentReview);

    // The recognised data arrive on entering; Next needs the citizen's confirmation.
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
    assert_eq!(app.snapshot().failure, None);
    assert_eq!(app.snapshot().step, Step::Verification);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_citizen_goes_from_the_selfie_to_the_agreement() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let person = citizen_who("approve");
    let mut app = connected_app(&data, Language::Kk, Step::Iin).await;
    log_in(&mut app, person).await;
    identify(&mut app, files.path()).await;
    assert_eq!(app.snapshot().verification, Some(Outcome::Approved));
    let shown = app.snapshot().recognised_surname.unwrap();
    assert_eq!(shown, person.surname);
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Agreement);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_in_moderation_closes_the_app_and_resumes_after_the_operator_approves() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let person = citizen_who("moderation");
    let session_id = {
        let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
        log_in(&mut app, person).await;
        identify(&mut app, files.path()).await;
        assert_eq!(app.snapshot().verification, Some(Outcome::Moderation));
        send(&mut app, Message::Next).await;
        assert_eq!(
            app.snapshot().step,
            Step::Verification,
            "no going on during moderation"
        );
        app.snapshot().service.session_id.unwrap()
    };

    // The app is closed. Nothing secret was kept; the IIN and the wish to resume were.
    let stored = std::fs::read_to_string(data.path().join("progress.toml")).unwrap();
    assert!(stored.contains(person.iin.as_str()), "{stored}");
    assert!(
        !stored.contains("token") && !stored.contains("402917"),
        "{stored}"
    );

    let mut app = connected_app(&data, Language::Ru, Step::Welcome).await;
    assert!(app.snapshot().resume_offered);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(welcome::Message::Activate(
            welcome::Action::Resume,
        ))),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::Iin);
    send(&mut app, Message::Next).await; // the IIN is filled in already
    assert_eq!(
        app.snapshot().step,
        Step::Otp,
        "{:?}",
        app.snapshot().failure
    );
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
        Step::Verification,
        "identification is not asked again"
    );
    assert_eq!(app.snapshot().verification, Some(Outcome::Moderation));

    qoltanba_sandbox::moderate(
        &data.path().join("sandbox"),
        &session_id,
        qoltanba_core::protocol::ModerationDecision::Approve,
        None,
    )
    .unwrap();
    send(&mut app, Message::Refresh).await;
    assert_eq!(app.snapshot().verification, Some(Outcome::Approved));
    send(&mut app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Agreement);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn uploads_without_a_session_say_so_instead_of_hanging() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut app = connected_app(&data, Language::En, Step::Document).await;
    let front = png_file(files.path(), "front.png", 1000, 640);
    send(
        &mut app,
        Message::Step(StepMessage::Document(document::Message::PathChanged(
            front.display().to_string(),
        ))),
    )
    .await;
    send(
        &mut app,
        Message::Step(StepMessage::Document(document::Message::PathSubmitted)),
    )
    .await;
    assert_eq!(
        app.snapshot().document.front.upload.refusal(),
        Some(t!(Language::En, "error-unauthorized").as_str())
    );
}

#[test]
fn stored_progress_is_offered_on_a_desk_and_ignored_by_a_kiosk() {
    let data = tempfile::tempdir().unwrap();
    assert!(
        !App::new(config(Language::Ru, &data, None))
            .snapshot()
            .resume_offered
    );
    let progress = qoltanba_core::store::progress::Progress {
        iin: Some("900101300015".into()),
        ..Default::default()
    };
    qoltanba_core::store::progress::save(data.path(), &progress).unwrap();
    assert!(
        App::new(config(Language::Ru, &data, None))
            .snapshot()
            .resume_offered
    );
    let mut kiosk = config(Language::Ru, &data, None);
    kiosk.kiosk = true;
    assert!(!App::new(kiosk).snapshot().resume_offered);
}

/// From the agreement to the issued files in `folder`, with the key password given.
async fn apply(app: &mut App, folder: &std::path::Path, email: &str) {
    use qoltanba::app::screen::{agreement, key_password, storage, submit};
    assert_eq!(app.snapshot().step, Step::Agreement);
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
    send(
        app,
        Message::Step(StepMessage::Storage(storage::Message::FolderChanged(
            folder.display().to_string(),
        ))),
    )
    .await;
    // These two tests are of RSA kits; GOST ones are in tests/gost_wizard.rs.
    send(
        app,
        Message::Step(StepMessage::Storage(storage::Message::KeyTypePicked(
            storage::KeyType::Rsa,
        ))),
    )
    .await;
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::KeyPassword,
        "the folder check passed"
    );
    for message in [
        key_password::Message::PasswordChanged(PASSWORD.into()),
        key_password::Message::RepeatChanged(PASSWORD.into()),
    ] {
        send(app, Message::Step(StepMessage::KeyPassword(message))).await;
    }
    send(app, Message::Next).await;
    assert_eq!(app.snapshot().step, Step::Submit);
    send(app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Submit,
        "Next waits for the application number"
    );
    send(
        app,
        Message::Step(StepMessage::Submit(submit::Message::Start)),
    )
    .await;
    assert_eq!(app.snapshot().failure, None);
    assert!(
        app.snapshot().application.number.is_some(),
        "an application number is shown"
    );
}

const PASSWORD: &str = "Qoltanba2026";

fn inspect(path: &std::path::Path) -> qoltanba_core::pki::inspect::KeyFileInfo {
    let bytes = std::fs::read(path).unwrap();
    qoltanba_core::pki::inspect::inspect_pkcs12(&bytes, PASSWORD).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_citizen_goes_from_the_agreement_to_two_key_files_in_the_folder() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let folder = keys.path().join("ЭЦП");
    let person = citizen_who("approve");
    let mut app = connected_app(&data, Language::Ru, Step::Iin).await;
    log_in(&mut app, person).await;
    identify(&mut app, files.path()).await;
    send(&mut app, Message::Next).await;
    apply(&mut app, &folder, "citizen@example.kz").await;

    send(&mut app, Message::Next).await;
    assert_eq!(
        app.snapshot().step,
        Step::Done,
        "{:?}",
        app.snapshot().failure
    );
    let installed = app.snapshot().application.installed_files.unwrap();
    for (path, prefix) in [
        (&installed.files[0].path, "AUTH_RSA256_"),
        (&installed.files[1].path, "RSA256_"),
    ] {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(prefix) && name.ends_with(".p12"), "{name}");
        assert_eq!(path.parent().unwrap(), folder);
        let info = inspect(path);
        assert_eq!(info.iin.as_ref(), Some(&person.iin));
        assert!(info.has_private_key);
        assert_eq!(info.email.as_deref(), Some("citizen@example.kz"));
    }
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "only the two key files remain: {left:?}");
    assert!(
        !data.path().join("progress.toml").exists(),
        "nothing left to resume"
    );

    // The same folder again: the kit there is never overwritten; a new subfolder is offered.
    let mut again = App::new(config(Language::Ru, &data, None)).at(Step::Storage);
    send(
        &mut again,
        Message::Step(StepMessage::Storage(
            qoltanba::app::screen::storage::Message::FolderChanged(folder.display().to_string()),
        )),
    )
    .await;
    send(&mut again, Message::Next).await;
    assert_eq!(again.snapshot().step, Step::Storage);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_wait_encrypted_across_a_restart_and_are_installed_later() {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let folder = keys.path().join("keys");
    let person = citizen_who("approve");
    let number = {
        let mut app = connected_app(&data, Language::Kk, Step::Iin).await;
        log_in(&mut app, person).await;
        identify(&mut app, files.path()).await;
        send(&mut app, Message::Next).await;
        apply(&mut app, &folder, "").await;
        app.snapshot().application.number.unwrap()
        // The app closes before installing.
    };
    let waiting: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!waiting.is_empty());
    assert!(
        waiting.iter().all(|name| !name.ends_with(".p12")),
        "no final file yet: {waiting:?}"
    );
    for name in &waiting {
        let bytes = std::fs::read(folder.join(name)).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("BEGIN PRIVATE KEY")
                && !String::from_utf8_lossy(&bytes).contains("BEGIN RSA PRIVATE KEY"),
            "{name} holds a key in the clear"
        );
    }

    let mut app = connected_app(&data, Language::Kk, Step::Welcome).await;
    assert!(app.snapshot().resume_offered);
    send(
        &mut app,
        Message::Step(StepMessage::Welcome(welcome::Message::Activate(
            welcome::Action::Resume,
        ))),
    )
    .await;
    assert_eq!(app.snapshot().step, Step::Install);
    assert_eq!(
        app.snapshot().application.found_number.as_deref(),
        Some(number.as_str())
    );
    use qoltanba::app::screen::install;
    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::PasswordChanged(
            "Wrong2026x".into(),
        ))),
    )
    .await;
    send(
        &mut app,
        Message::Step(StepMessage::Install(install::Message::Start)),
    )
    .await;
    assert_eq!(
        app.snapshot().application.install_problem.as_deref(),
        Some(t!(Language::Kk, "store-error-wrong-password").as_str())
    );
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
    assert_eq!(
        inspect(&installed.files[0].path).iin.as_ref(),
        Some(&person.iin)
    );
}
