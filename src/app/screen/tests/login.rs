//! The first screen, the login (IIN, SMS code, phone registration) and the status check.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

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
    // Replacing a registered number: the step waits for the operator and says so.
    let (_, event) = step.update(
        phone_registration::Message::Registered(Ok(phone_registration::Answer::Waiting(
            "r1".into(),
        ))),
        &mut ctx,
    );
    assert_eq!(event, None, "no code before the operator confirms");
    assert_eq!(
        step.registration,
        Some(phone_registration::Registration::Waiting("r1".into()))
    );
    assert!(!step.can_continue(&ctx), "Next does not register it again");
    let (_, event) = step.update(
        phone_registration::Message::Registered(Ok(phone_registration::Answer::CodeSent(answer))),
        &mut ctx,
    );
    assert_eq!(event, Some(Event::Go(Step::Otp)));
    assert_eq!(ctx.service.resend_in, Some(60));
    assert_eq!(step.registration, None);
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

#[test]
fn welcome_runs_the_highlighted_choice_and_skips_what_is_not_offered() {
    use crate::app::screen::{Behaviour, welcome};
    let mut ctx = shared();
    let mut step = welcome::State::default();
    assert!(!step.shows_next(), "the first screen has its own buttons");
    let (_, event) = Behaviour::next(&mut step, &mut ctx);
    assert_eq!(event, Some(Event::Go(Step::CameraCheck)));
    let (_, event) = Behaviour::update(
        &mut step,
        welcome::Message::LanguagePicked(crate::i18n::Language::Kk),
        &mut ctx,
    );
    assert_eq!(event, Some(Event::Language(crate::i18n::Language::Kk)));
    // Nothing to resume: the arrow keys step over "Continue an application".
    let seen: Vec<_> = (0..4)
        .map(|_| {
            step.arrow(false);
            Behaviour::next(&mut step, &mut ctx).1
        })
        .collect();
    assert!(!seen.contains(&Some(Event::Resume)), "{seen:?}");
    let (_, event) = Behaviour::update(
        &mut step,
        welcome::Message::Activate(welcome::Action::Resume),
        &mut ctx,
    );
    assert_eq!(event, None, "resume is not offered without stored progress");
    step.resume_available = true;
    let (_, event) = Behaviour::update(
        &mut step,
        welcome::Message::Activate(welcome::Action::Resume),
        &mut ctx,
    );
    assert_eq!(event, Some(Event::Resume));
}
