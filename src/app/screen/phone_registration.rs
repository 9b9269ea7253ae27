//! The not-registered path: the citizen gives a mobile number and an operator calls back by
//! video to register it in the mobile-citizens database.

use iced::{Element, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::Phone;
use qoltanba_core::protocol::{ErrorCode, OtpResendResponse};

use crate::app::explain;
use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::request_key::RequestKey;
use crate::app::screen::{Event, Screen, clamp_input};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::app::widget::{Feedback, Field, caption, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "phone-input";

#[derive(Debug, Clone, Default)]
pub struct State {
    input: String,
    /// The keys of the registration and of the code then sent, kept for Retry.
    register_key: RequestKey,
    resend_key: RequestKey,
}

#[derive(Debug, Clone)]
pub enum Message {
    Changed(String),
    /// Enter in the field: the same as Next.
    Submitted,
    /// The number is registered and the SMS code sent to it.
    Registered(Result<OtpResendResponse, ClientError>),
}

impl State {
    /// Next: the number is registered, then the code that could not be sent before is asked
    /// for again.
    pub fn send(&mut self, ctx: &mut Shared) -> Task<Message> {
        let (Some(phone), Some(iin)) = (self.phone(), ctx.citizen.iin.clone()) else {
            return Task::none();
        };
        let session_id = ctx.service.session_id.clone();
        let register_key = self
            .register_key
            .for_request(&format!("{iin}:{}", phone.e164()));
        let resend_key = self.resend_key.again();
        ctx.service.start_waiting();
        ctx.service.request(
            move |client| async move {
                client.register_phone(&iin, &phone, &register_key).await?;
                match session_id {
                    Some(id) => client.resend_otp(&id, &resend_key).await,
                    None => Err(ClientError::Api {
                        code: ErrorCode::UnknownSession,
                        message: "no session".into(),
                        retry_after: None,
                    }),
                }
            },
            Message::Registered,
        )
    }

    /// What is typed so far (the kiosk keypad edits it).
    pub fn typed(&self) -> &str {
        &self.input
    }

    pub fn phone(&self) -> Option<Phone> {
        Phone::parse(&self.input).ok()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let feedback = if self.input.trim().is_empty() {
            Feedback::Hint(t!(lang, "phone-hint"))
        } else {
            match Phone::parse(&self.input) {
                Ok(phone) => Feedback::Valid(t!(lang, "phone-valid", phone = phone.to_string())),
                Err(error) => Feedback::Error(explain::phone(lang, error)),
            }
        };
        page(t!(lang, "phone-title"), t!(lang, "phone-intro"))
            .push(field(Field {
                label: t!(lang, "phone-label"),
                placeholder: t!(lang, "phone-placeholder"),
                value: &self.input,
                id: INPUT_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::Changed),
                on_submit: Some(Message::Submitted),
            }))
            .push(caption(t!(lang, "phone-call-note")))
            .into()
    }
}

impl Screen for State {
    fn can_continue(&self, _ctx: &Shared) -> bool {
        self.phone().is_some()
    }

    fn focus(&self) -> Option<&'static str> {
        Some(INPUT_ID)
    }

    fn needs_service(&self) -> bool {
        true
    }

    fn keypad(&self, _ctx: &Shared) -> Vec<KeypadField> {
        vec![KeypadField::Phone]
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Changed(value) => self.input = clamp_input(value),
            Message::Submitted => return (Task::none(), Some(Event::Next)),
            Message::Registered(Ok(answer)) => {
                self.register_key.answered();
                self.resend_key.answered();
                ctx.service.done();
                ctx.service.code_sent(answer);
                return (Task::none(), Some(Event::Go(Step::Otp)));
            }
            Message::Registered(Err(error)) => ctx.service.fail(error),
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang)
    }

    fn next(&mut self, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        (self.send(ctx), None)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.send(ctx)
    }
}
