//! Digital ID: camera check, selfie, video, account PIN, ID card, review, verification.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

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
fn camera_check_holds_the_citizen_until_pictures_come() {
    use crate::app::camera::Purpose;
    use crate::app::screen::camera_check;
    let ctx = shared();
    let step = camera_check::State;
    assert_eq!(step.camera(), Some(Purpose::Check));
    assert!(!step.can_continue(&ctx), "no camera, no pictures yet");
}

#[test]
fn selfie_uploads_what_the_camera_took_and_retake_starts_over() {
    use crate::app::screen::{Behaviour, selfie};
    let mut ctx = shared();
    let mut step = selfie::State::default();
    assert_eq!(
        Screen::camera(&step),
        Some(crate::app::camera::Purpose::Selfie)
    );
    _ = Behaviour::update(&mut step, selfie::Message::Captured(photo()), &mut ctx);
    assert!(step.upload.is_sending());
    assert!(!Screen::can_continue(&step, &ctx));
    _ = Behaviour::update(&mut step, selfie::Message::Uploaded(Ok(())), &mut ctx);
    assert!(Screen::can_continue(&step, &ctx));
    _ = Behaviour::update(&mut step, selfie::Message::Retake, &mut ctx);
    assert!(step.upload.is_empty());
    assert!(!Screen::can_continue(&step, &ctx));
}

#[test]
fn video_attempt_asks_the_root_for_a_fresh_script_and_a_timed_out_prompt_ends_it() {
    use crate::app::screen::{Behaviour, video_id};
    let mut ctx = shared();
    let mut step = video_id::State::default();
    let (_, event) = Behaviour::update(&mut step, video_id::Message::Start, &mut ctx);
    assert_eq!(event, Some(Event::StartVideo));
    assert!(step.recording);
    let (_, event) = Behaviour::update(&mut step, video_id::Message::Start, &mut ctx);
    assert_eq!(event, None, "one attempt at a time");
    _ = Behaviour::update(&mut step, video_id::Message::CameraFailed, &mut ctx);
    assert!(!step.recording);
    assert!(!Screen::can_continue(&step, &ctx));
}

#[test]
fn document_card_camera_opens_for_one_side_and_a_refused_photo_keeps_it_open() {
    use crate::app::camera::Purpose;
    use crate::app::photo::PhotoError;
    use crate::app::screen::{Behaviour, document};
    use qoltanba_core::protocol::DocumentSide;
    let mut ctx = shared();
    let mut step = document::State::default();
    assert_eq!(Screen::camera(&step), None);
    _ = Behaviour::update(
        &mut step,
        document::Message::Camera(DocumentSide::Front),
        &mut ctx,
    );
    assert_eq!(
        Screen::camera(&step),
        Some(Purpose::Card(DocumentSide::Front))
    );
    _ = Behaviour::update(&mut step, document::Message::Capture, &mut ctx);
    let refused = Err(PhotoError::Damaged("blurred".into()));
    _ = Behaviour::update(
        &mut step,
        document::Message::CameraTaken(DocumentSide::Front, refused),
        &mut ctx,
    );
    assert!(step.refused().is_some());
    assert_eq!(
        Screen::camera(&step),
        Some(Purpose::Card(DocumentSide::Front))
    );
    _ = Behaviour::update(
        &mut step,
        document::Message::CameraTaken(DocumentSide::Front, Ok(photo())),
        &mut ctx,
    );
    assert_eq!(
        Screen::camera(&step),
        None,
        "a photo taken closes the camera"
    );
    assert!(step.front.is_sending());
    _ = Behaviour::update(
        &mut step,
        document::Message::Uploaded(DocumentSide::Front, Ok(())),
        &mut ctx,
    );
    assert!(
        !Screen::can_continue(&step, &ctx),
        "the back side is still missing"
    );
}
