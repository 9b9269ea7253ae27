//! The one-time SMS code: checked by the service (which authorises the session), sent again
//! after the cooldown, or the side road for a phone that is not registered.

use iced::widget::{button, row, text};
use iced::{Element, Task};
use qoltanba_core::client::{ClientError, Session};
use qoltanba_core::domain::OtpCode;
use qoltanba_core::protocol::{OtpResendResponse, VerificationStatus};

use crate::app::explain;
use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::request_key::RequestKey;
use crate::app::screen::{Event, Screen, clamp_input};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::app::theme;
use crate::app::widget::{Feedback, Field, field, focusable, page};
use crate::t;

pub const INPUT_ID: &str = "otp-input";

#[derive(Clone, Default)]
pub struct State {
    input: String,
    /// What Retry sends again after a failure.
    last: Request,
    /// The keys of the code check and of "Send again", kept for Retry.
    verify_key: RequestKey,
    resend_key: RequestKey,
}

/// The step's two requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Request {
    #[default]
    Verify,
    Resend,
}

impl Drop for State {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.input);
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The code is a secret: never in a log or a panic message.
        f.debug_struct("State")
            .field("input", &"***")
            .field("last", &self.last)
            .finish()
    }
}

#[derive(Clone)]
pub enum Message {
    Changed(String),
    /// Enter in the field: the same as Next.
    Submitted,
    Resend,
    NotRegistered,
    Verified(Result<Session, ClientError>),
    Resent(Result<OtpResendResponse, ClientError>),
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The code is a secret: never in a log or a panic message.
        match self {
            Message::Changed(_) => f.write_str("Changed(***)"),
            Message::Submitted => f.write_str("Submitted"),
            Message::Resend => f.write_str("Resend"),
            Message::NotRegistered => f.write_str("NotRegistered"),
            Message::Verified(result) => f.debug_tuple("Verified").field(result).finish(),
            Message::Resent(result) => f.debug_tuple("Resent").field(result).finish(),
        }
    }
}

impl State {
    /// Next: the service checks the code.
    pub fn send(&mut self, ctx: &mut Shared) -> Task<Message> {
        let (Some(code), Some(id)) = (self.code(), ctx.service.session_id.clone()) else {
            return Task::none();
        };
        self.last = Request::Verify;
        let key = self
            .verify_key
            .for_request(&format!("{id}:{}", code.expose()));
        ctx.service.start_waiting();
        ctx.service.request(
            move |client| async move { client.verify_otp(&id, &code, &key).await },
            Message::Verified,
        )
    }

    fn resend(&mut self, ctx: &mut Shared) -> Task<Message> {
        let Some(id) = ctx.service.session_id.clone() else {
            return Task::none();
        };
        self.last = Request::Resend;
        let key = self.resend_key.again();
        ctx.service.start_waiting();
        ctx.service.request(
            move |client| async move { client.resend_otp(&id, &key).await },
            Message::Resent,
        )
    }

    /// Retry after a failure: the request that failed goes again.
    pub fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        match self.last {
            Request::Verify => self.send(ctx),
            Request::Resend => self.resend(ctx),
        }
    }

    /// What is typed so far (the kiosk keypad edits it).
    pub fn typed(&self) -> &str {
        &self.input
    }

    pub fn code(&self) -> Option<OtpCode> {
        OtpCode::parse(&self.input).ok()
    }

    pub fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        let lang = ctx.lang;
        let feedback = if self.input.trim().is_empty() {
            Feedback::Hint(t!(lang, "otp-hint"))
        } else {
            match OtpCode::parse(&self.input) {
                Ok(_) => Feedback::None,
                Err(error) => Feedback::Error(explain::otp(lang, error)),
            }
        };
        let sent =
            ctx.service.masked_phone.as_ref().map(|phone| {
                text(t!(lang, "otp-sent", phone = phone.as_str())).size(theme::TEXT_SIZE)
            });
        let resend_in = ctx.service.resend_in;
        let resend_label = match resend_in {
            Some(seconds) => t!(lang, "otp-resend-wait", seconds = seconds),
            None => t!(lang, "otp-resend"),
        };
        let resend = resend_in.is_none().then_some(Message::Resend);
        let links = row![
            focusable(
                button(text(resend_label).size(theme::TEXT_SIZE))
                    .style(button::text)
                    .on_press_maybe(resend.clone()),
                resend
            ),
            focusable(
                button(text(t!(lang, "otp-not-registered")).size(theme::TEXT_SIZE))
                    .style(button::text)
                    .on_press(Message::NotRegistered),
                Some(Message::NotRegistered)
            ),
        ]
        .spacing(20);
        page(t!(lang, "otp-title"), t!(lang, "otp-intro"))
            .push(sent)
            .push(field(Field {
                label: t!(lang, "otp-label"),
                placeholder: t!(lang, "otp-placeholder"),
                value: &self.input,
                id: INPUT_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::Changed),
                on_submit: Some(Message::Submitted),
            }))
            .push(links)
            .into()
    }
}

impl Screen for State {
    fn shows_sandbox_inbox(&self) -> bool {
        true
    }

    fn can_continue(&self, _ctx: &Shared) -> bool {
        self.code().is_some()
    }

    fn focus(&self) -> Option<&'static str> {
        Some(INPUT_ID)
    }

    fn needs_service(&self) -> bool {
        true
    }

    fn keypad(&self, _ctx: &Shared) -> Vec<KeypadField> {
        vec![KeypadField::Otp]
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Changed(value) => {
                zeroize::Zeroize::zeroize(&mut self.input);
                self.input = clamp_input(value);
            }
            Message::Submitted => return (Task::none(), Some(Event::Next)),
            Message::Resend if ctx.service.resend_in.is_none() && !ctx.service.waiting => {
                // Each press asks for a new code: a new request, not a repeat.
                self.resend_key.answered();
                return (self.resend(ctx), None);
            }
            Message::Resend => {}
            Message::NotRegistered => {
                return (Task::none(), Some(Event::Go(Step::PhoneRegistration)));
            }
            Message::Verified(Ok(session)) => {
                self.verify_key.answered();
                ctx.service.done();
                // A citizen whose Digital ID is already approved or with an operator skips
                // the identification steps.
                let next = match session.identity {
                    // Resuming an application sent without an answer: the service finds it
                    // by its key, whatever this login's identity says.
                    _ if ctx.application.unanswered => Step::Submit,
                    Some(VerificationStatus::Approved | VerificationStatus::Moderation) => {
                        Step::Verification
                    }
                    _ => Step::Selfie,
                };
                ctx.service.session = Some(session);
                ctx.progress.iin = ctx.citizen.iin.as_ref().map(ToString::to_string);
                return (ctx.save_progress(), Some(Event::Go(next)));
            }
            Message::Resent(Ok(answer)) => {
                self.resend_key.answered();
                ctx.service.done();
                ctx.service.code_sent(answer);
            }
            Message::Verified(Err(error)) | Message::Resent(Err(error)) => {
                ctx.service.fail(error);
            }
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx)
    }

    fn next(&mut self, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        (self.send(ctx), None)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::retry(self, ctx)
    }
}
