//! `update`-level tests on plain step state: no window, no HTTP. Each reply a step handles is
//! fed in as the service would send it, and the step's effect on the shared parts and what it
//! asks of the root are checked.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use qoltanba_core::client::{ClientError, Session};
use qoltanba_core::domain::Iin;
use qoltanba_core::protocol::{
    ApplicationStatus, ApplicationStatusResponse, CreateSessionResponse, DocumentData, ErrorCode,
    OtpResendResponse, StorageKind, VerificationResponse, VerificationStatus,
};

use super::fields::Field;
use super::verification::Outcome;
use super::{
    Event, Screen, account_pin, document_review, iin, otp, phone_registration, status, verification,
};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::cli::Cli;
use crate::config::{Config, Settings};
use qoltanba_core::store::progress::Progress;

const IIN: &str = "850314391017";

fn shared() -> Shared {
    let config = Config::merge(
        Settings::default(),
        &Cli::default(),
        std::env::temp_dir().join("qoltanba-step-tests-unused"),
        None,
        Vec::new(),
    );
    Shared::new(config, Progress::default())
}

fn refused(code: ErrorCode) -> ClientError {
    ClientError::Api {
        code,
        message: String::new(),
        retry_after: None,
    }
}

#[test]
fn iin_step_waits_for_a_valid_number_then_follows_the_service() {
    let mut ctx = shared();
    let mut step = iin::State::default();
    _ = step.update(iin::Message::Changed("850314391018".into()), &mut ctx);
    assert!(
        !step.can_continue(&ctx),
        "a wrong check digit holds Next back"
    );
    _ = step.update(iin::Message::Changed(IIN.into()), &mut ctx);
    assert!(step.can_continue(&ctx));
    assert_eq!(step.focus(), Some(iin::INPUT_ID));
    assert!(step.needs_service());
    assert_eq!(step.keypad(&ctx), vec![Field::Iin]);

    // Enter asks the root for Next; the root's Next sends the request.
    let (_, event) = step.update(iin::Message::Submitted, &mut ctx);
    assert_eq!(event, Some(Event::Next));
    _ = step.send(&mut ctx);
    assert!(ctx.service.waiting);
    assert_eq!(ctx.citizen.iin, Iin::parse(IIN).ok());

    let answer = CreateSessionResponse {
        session_id: "s-1".into(),
        phone_registered: false,
        masked_phone: None,
        otp_sent: false,
        resend_after_s: 0,
    };
    let (_, event) = step.update(iin::Message::SessionCreated(Ok(answer)), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::PhoneRegistration)));
    assert_eq!(ctx.service.session_id.as_deref(), Some("s-1"));
    assert!(!ctx.service.waiting);
}

#[test]
fn iin_step_failure_is_kept_typed_and_moves_nobody() {
    let mut ctx = shared();
    let mut step = iin::State::default();
    _ = step.update(iin::Message::Changed(IIN.into()), &mut ctx);
    _ = step.send(&mut ctx);
    let (_, event) = step.update(
        iin::Message::SessionCreated(Err(refused(ErrorCode::UnknownCitizen))),
        &mut ctx,
    );
    assert_eq!(event, None);
    assert!(!ctx.service.waiting);
    assert_eq!(
        ctx.service.failure.as_ref().and_then(ClientError::code),
        Some(ErrorCode::UnknownCitizen)
    );
    assert!(step.can_continue(&ctx), "what was typed is kept for Retry");
}

#[test]
fn otp_step_lands_an_approved_citizen_on_the_verification() {
    let mut ctx = shared();
    ctx.service.session_id = Some("s-1".into());
    let mut step = otp::State::default();
    _ = step.update(otp::Message::Changed("12345".into()), &mut ctx);
    assert!(!step.can_continue(&ctx));
    _ = step.update(otp::Message::Changed("123456".into()), &mut ctx);
    assert!(step.can_continue(&ctx));

    let mut session = Session::new("s-1".into(), "token".into());
    session.identity = Some(VerificationStatus::Approved);
    let (_, event) = step.update(otp::Message::Verified(Ok(session)), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::Verification)));
    assert!(ctx.service.session.is_some());

    let fresh = Session::new("s-2".into(), "token".into());
    let (_, event) = step.update(otp::Message::Verified(Ok(fresh)), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::Selfie)));
}

#[test]
fn otp_resend_waits_for_the_cooldown_and_the_tick_counts_it_down() {
    let mut ctx = shared();
    ctx.service.session_id = Some("s-1".into());
    let mut step = otp::State::default();
    ctx.service.code_sent(OtpResendResponse {
        otp_sent: true,
        masked_phone: Some("+7 701 *** ** 67".into()),
        resend_after_s: 2,
    });
    _ = step.update(otp::Message::Resend, &mut ctx);
    assert!(!ctx.service.waiting, "no resend during the cooldown");
    ctx.service.tick();
    ctx.service.tick();
    assert_eq!(ctx.service.resend_in, None);
    _ = step.update(otp::Message::Resend, &mut ctx);
    assert!(
        ctx.service.waiting,
        "after the cooldown the code is asked for again"
    );
    assert_eq!(
        ctx.service.masked_phone.as_deref(),
        Some("+7 701 *** ** 67")
    );
    let (_, event) = step.update(otp::Message::NotRegistered, &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::PhoneRegistration)));
}

#[test]
fn otp_messages_never_show_the_code() {
    let debug = format!("{:?}", otp::Message::Changed("123456".into()));
    assert!(!debug.contains("123456"), "{debug}");
}

#[test]
fn phone_registration_goes_back_to_the_code_once_registered() {
    let mut ctx = shared();
    let mut step = phone_registration::State::default();
    _ = step.update(
        phone_registration::Message::Changed("+7 701".into()),
        &mut ctx,
    );
    assert!(!step.can_continue(&ctx));
    _ = step.update(
        phone_registration::Message::Changed("+7 701 234 56 67".into()),
        &mut ctx,
    );
    assert!(step.can_continue(&ctx));
    let answer = OtpResendResponse {
        otp_sent: true,
        masked_phone: Some("+7 701 *** ** 67".into()),
        resend_after_s: 60,
    };
    let (_, event) = step.update(
        phone_registration::Message::Registered(Ok(answer)),
        &mut ctx,
    );
    assert_eq!(event, Some(Event::Go(Step::Otp)));
    assert_eq!(ctx.service.resend_in, Some(60));
}

#[test]
fn account_pin_needs_both_fields_alike() {
    let mut ctx = shared();
    let mut step = account_pin::State::default();
    _ = step.update(account_pin::Message::PinChanged("482915".into()), &mut ctx);
    assert!(!step.can_continue(&ctx));
    _ = step.update(
        account_pin::Message::RepeatChanged("482915".into()),
        &mut ctx,
    );
    assert!(step.can_continue(&ctx));
    assert_eq!(
        step.keypad(&ctx),
        vec![Field::AccountPin, Field::AccountPinRepeat]
    );
    let (_, event) = step.update(account_pin::Message::Set(Ok(())), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::Document)));
}

#[test]
fn review_needs_the_recognised_data_and_the_tick() {
    let mut ctx = shared();
    let mut step = document_review::State::default();
    step.toggle();
    assert!(!step.can_continue(&ctx), "nothing recognised yet");
    let data = DocumentData {
        surname: "Әбілқасымова".into(),
        given_name: "Гүлнұр".into(),
        patronymic: None,
        birth_date: "1985-03-14".into(),
        document_number: "012345678".into(),
        issued_by: "МВД РК".into(),
        expires: "2031-01-01".into(),
    };
    _ = step.update(document_review::Message::Read(Ok(data)), &mut ctx);
    assert_eq!(
        ctx.citizen.recognised.as_ref().map(|r| r.surname.as_str()),
        Some("Әбілқасымова")
    );
    assert!(step.can_continue(&ctx));
    step.toggle();
    assert!(!step.can_continue(&ctx));
    let (_, event) = step.update(
        document_review::Message::ConfirmedByService(Ok(())),
        &mut ctx,
    );
    assert_eq!(event, Some(Event::Go(Step::Verification)));
}

#[test]
fn verification_goes_on_only_when_approved() {
    let mut ctx = shared();
    let mut step = verification::State::default();
    _ = step.check(&mut ctx);
    assert_eq!(step.outcome, Some(Outcome::Checking));
    let moderation = VerificationResponse {
        status: VerificationStatus::Moderation,
        reason: None,
    };
    _ = step.update(verification::Message::Answered(Ok(moderation)), &mut ctx);
    assert_eq!(step.outcome, Some(Outcome::Moderation));
    assert!(!step.can_continue(&ctx));
    let approved = VerificationResponse {
        status: VerificationStatus::Approved,
        reason: None,
    };
    _ = step.update(verification::Message::Answered(Ok(approved)), &mut ctx);
    assert!(step.can_continue(&ctx));
}

#[test]
fn status_keeps_the_answer_and_refuses_while_not_connected() {
    let mut ctx = shared();
    let mut step = status::State::default();
    _ = step.update(status::Message::Changed("0000000001".into()), &mut ctx);
    _ = step.update(status::Message::Submitted, &mut ctx);
    assert!(!ctx.service.waiting, "no service yet: nothing is sent");
    let answer = ApplicationStatusResponse {
        application_number: "0000000001".into(),
        status: ApplicationStatus::Issued,
        storage: StorageKind::Pkcs12,
        email: None,
        submitted_at: "2026-12-01T10:00:00Z".into(),
        issued_at: None,
        reason: None,
    };
    _ = step.update(status::Message::Answered(Ok(answer)), &mut ctx);
    assert_eq!(
        step.answer.as_ref().map(|a| a.status),
        Some(ApplicationStatus::Issued)
    );
}

fn folder_check(
    folder: &str,
    existing: Vec<std::path::PathBuf>,
) -> qoltanba_core::store::FolderCheck {
    qoltanba_core::store::FolderCheck {
        folder: folder.into(),
        exists: true,
        available_bytes: 1 << 30,
        existing_key_files: existing,
        suggested_subfolder: None,
    }
}

#[test]
fn storage_hands_a_checked_folder_on_and_refuses_one_with_keys() {
    use super::storage;
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
    use super::submit;
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
    use super::submit;
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
    use super::install;
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
    let files = qoltanba_core::store::InstalledKeys {
        auth_file: "/k/AUTH_RSA256_1.p12".into(),
        sign_file: "/k/RSA256_1.p12".into(),
    };
    let (_, event) = step.update(install::Message::Installed(Ok(files)), &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::Done)));
    assert!(ctx.application.installed.is_some());
    assert!(ctx.progress.iin.is_none(), "nothing is left to resume");
}
