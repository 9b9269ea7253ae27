//! The certificate application: agreement, storage, key password, submit, install, done.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

#[test]
fn the_key_type_is_gost_unless_rsa_is_picked_by_click_or_arrow() {
    use crate::app::screen::storage::{self, KeyType};
    use qoltanba_core::protocol::KeyAlgorithm;
    let mut ctx = shared();
    let mut step = storage::State::new(false);
    assert_eq!(step.key_type, KeyType::Gost, "GOST is the default");
    let hand_over = |step: &mut storage::State, ctx: &mut Shared| {
        _ = step.update(storage::Message::FolderChanged("/home/k".into()), ctx);
        let free = folder_check("/home/k", Vec::new());
        _ = step.update(storage::Message::Checked(Ok(free)), ctx);
        ctx.application.algorithm()
    };
    assert_eq!(hand_over(&mut step, &mut ctx), KeyAlgorithm::Gost2015_512);
    step.side(true);
    assert_eq!(step.key_type, KeyType::Rsa, "→ picks the right-hand card");
    assert_eq!(hand_over(&mut step, &mut ctx), KeyAlgorithm::Rsa2048);
    step.side(false);
    assert_eq!(step.key_type, KeyType::Gost, "← the left-hand one");
    _ = step.update(storage::Message::KeyTypePicked(KeyType::Rsa), &mut ctx);
    assert_eq!(step.key_type, KeyType::Rsa);
    // On a device the keys are RSA-2048 whatever the folder's choice was.
    step.kind = storage::Kind::Device;
    step.side(false);
    assert_eq!(
        step.key_type,
        KeyType::Rsa,
        "the arrows leave a device alone"
    );
    ctx.application.storage = Some(crate::app::shared::Storage::Device);
    assert_eq!(ctx.application.algorithm(), KeyAlgorithm::Rsa2048);
}

#[test]
fn storage_hands_a_checked_folder_on_and_refuses_one_with_keys() {
    use crate::app::screen::storage;
    use crate::app::shared::Storage;
    let mut ctx = shared();
    let mut step = storage::State::new(false);
    _ = step.update(
        storage::Message::FolderChanged("/home/citizen/Keys".into()),
        &mut ctx,
    );
    assert!(Screen::can_continue(&step, &ctx));

    let taken = folder_check(
        "/home/citizen/Keys",
        vec!["/home/citizen/Keys/AUTH_RSA256_1.p12".into()],
    );
    let (_, event) = step.update(storage::Message::Checked(Ok(taken)), &mut ctx);
    assert_eq!(event, None, "a folder with keys in it is never used");
    assert!(ctx.application.storage.is_none());
    assert!(!Screen::can_continue(&step, &ctx));

    _ = step.update(
        storage::Message::FolderChanged("/home/citizen/New".into()),
        &mut ctx,
    );
    _ = step.update(storage::Message::CompatibleToggled(true), &mut ctx);
    let free = folder_check("/home/citizen/New", Vec::new());
    let (_, event) = step.update(storage::Message::Checked(Ok(free)), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::KeyPassword)));
    assert!(matches!(
        &ctx.application.storage,
        Some(Storage::Folder { check, .. }) if check.folder.ends_with("New")
    ));
    assert_eq!(
        ctx.application.format(),
        qoltanba_core::pki::Pkcs12Format::Compatible
    );
    assert!(!ctx.application.on_device());
}

#[test]
fn submit_without_the_earlier_steps_says_what_is_missing_in_the_shown_language() {
    use crate::app::screen::submit;
    use crate::i18n::Language;
    let mut ctx = shared();
    let mut step = submit::State::default();
    _ = step.update(submit::Message::Start, &mut ctx);
    assert_eq!(step.stage, submit::Stage::Idle);
    let problem = step.problem.clone().expect("a problem is shown");
    // Kept typed: switching the language (F2) words it again.
    assert_ne!(problem.text(Language::Ru), problem.text(Language::Kk));
    assert!(!step.can_continue(&ctx));
}

#[test]
fn submit_keeps_the_keys_for_retry_when_the_service_is_not_reached() {
    use crate::app::screen::submit;
    let mut ctx = shared();
    let mut step = submit::State::default();
    _ = step.update(
        submit::Message::Submitted(Err(ClientError::Unreachable("down".into()))),
        &mut ctx,
    );
    assert_eq!(step.stage, submit::Stage::Idle);
    assert!(matches!(
        ctx.service.failure,
        Some(ClientError::Unreachable(_))
    ));
    assert!(ctx.application.number.is_none());
}

#[test]
fn install_waits_for_issue_then_moves_to_done() {
    use crate::app::screen::install;
    let mut ctx = shared();
    ctx.progress.iin = Some(IIN.into());
    let mut step = install::State::default();
    let processing = ApplicationStatusResponse {
        application_number: "0000000001".into(),
        status: ApplicationStatus::Processing,
        storage: StorageKind::Pkcs12,
        email: None,
        submitted_at: "2026-12-01T10:00:00Z".into(),
        issued_at: None,
        reason: None,
    };
    _ = step.update(install::Message::Issued(Ok((processing, None))), &mut ctx);
    assert_eq!(step.stage, install::Stage::NotYet);
    let file = |path: &str| qoltanba_core::store::InstalledFile {
        path: path.into(),
        trial: qoltanba_core::pki::KitTrial::Verified,
    };
    let files = qoltanba_core::store::InstalledKeys {
        algorithm: qoltanba_core::protocol::KeyAlgorithm::Rsa2048,
        files: vec![file("/k/AUTH_RSA256_1.p12"), file("/k/RSA256_1.p12")],
    };
    let (_, event) = step.update(install::Message::Installed(Ok(files)), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::Done)));
    assert!(ctx.application.installed.is_some());
    assert!(ctx.progress.iin.is_none(), "nothing is left to resume");
}

#[test]
fn agreement_hands_the_e_mail_on_when_next_leaves_it() {
    use crate::app::screen::{Behaviour, agreement};
    let mut ctx = shared();
    let mut step = agreement::State::default();
    _ = Behaviour::update(
        &mut step,
        agreement::Message::EmailChanged("not an e-mail".into()),
        &mut ctx,
    );
    step.toggle();
    assert!(
        !Screen::can_continue(&step, &ctx),
        "a broken e-mail holds Next back"
    );
    _ = Behaviour::update(
        &mut step,
        agreement::Message::EmailChanged("citizen@example.kz".into()),
        &mut ctx,
    );
    assert!(Screen::can_continue(&step, &ctx));
    let (_, event) = Behaviour::next(&mut step, &mut ctx);
    assert_eq!(event, Some(Event::Forward));
    assert_eq!(
        ctx.citizen.email.as_ref().map(|e| e.as_str()),
        Some("citizen@example.kz")
    );
}

#[test]
fn key_password_follows_the_rules_and_is_handed_on() {
    use crate::app::screen::{Behaviour, key_password};
    let mut ctx = shared();
    let mut step = key_password::State::default();
    _ = Behaviour::update(
        &mut step,
        key_password::Message::PasswordChanged("short".into()),
        &mut ctx,
    );
    _ = Behaviour::update(
        &mut step,
        key_password::Message::RepeatChanged("short".into()),
        &mut ctx,
    );
    assert!(
        !Screen::can_continue(&step, &ctx),
        "5 characters are too few"
    );
    _ = Behaviour::update(
        &mut step,
        key_password::Message::PasswordChanged("Qwerty#12".into()),
        &mut ctx,
    );
    assert!(!Screen::can_continue(&step, &ctx), "the repetition differs");
    _ = Behaviour::update(
        &mut step,
        key_password::Message::RepeatChanged("Qwerty#12".into()),
        &mut ctx,
    );
    assert!(Screen::can_continue(&step, &ctx));
    assert_eq!(
        step.keypad(&ctx),
        vec![Field::KeyPassword, Field::KeyPasswordRepeat]
    );
    let (_, event) = Behaviour::next(&mut step, &mut ctx);
    assert_eq!(event, Some(Event::Forward));
    assert!(ctx.application.password.is_some());
    let debug = format!(
        "{:?}",
        key_password::Message::PasswordChanged("Qwerty#12".into())
    );
    assert!(!debug.contains("Qwerty"), "{debug}");
}

#[test]
fn done_goes_home() {
    use crate::app::screen::{Behaviour, done};
    let mut ctx = shared();
    let mut step = done::State;
    assert!(!step.shows_next());
    let (_, event) = Behaviour::update(&mut step, done::Message::Home, &mut ctx);
    assert_eq!(event, Some(Event::Home));
}
