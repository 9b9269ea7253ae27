//! The not-registered path: the citizen gives a mobile number and an operator calls back by
//! video to register it in the mobile-citizens database. A first number is registered and the
//! SMS code sent to it; replacing a registered number waits for the operator's decision (the
//! step says so and asks the service again every ten seconds), so nobody takes over another
//! citizen's account by naming a new number.

use std::time::Duration;

use iced::{Element, Subscription, Task};
use qoltanba_core::client::{Client, ClientError};
use qoltanba_core::domain::{IdempotencyKey, Phone};
use qoltanba_core::protocol::{
    ErrorCode, OtpResendResponse, PhoneRegistrationResponse, PhoneRegistrationStatus,
};

use crate::app::explain;
use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::request_key::RequestKey;
use crate::app::screen::{Event, Screen, clamp_input};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::app::widget::{Banner, Feedback, Field, banner, caption, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "phone-input";

/// How often a replacement waiting for the operator is asked about.
pub const POLL: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Default)]
pub struct State {
    input: String,
    /// The keys of the registration and of the code then sent, kept for Retry.
    register_key: RequestKey,
    resend_key: RequestKey,
    /// What the service said about the number.
    pub registration: Option<Registration>,
}

/// Where the number stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// A replacement waits for the operator's video call and decision (its id).
    Waiting(String),
    /// The operator refused the replacement.
    Rejected,
}

#[derive(Debug, Clone)]
pub enum Message {
    Changed(String),
    /// Enter in the field: the same as Next.
    Submitted,
    /// The number is registered and the SMS code sent to it, or it waits for the operator.
    Registered(Result<Answer, ClientError>),
    /// Ask again about a replacement that waits.
    Poll,
}

/// The service's answer to the registration (and, once registered, to the code request).
#[derive(Debug, Clone)]
pub enum Answer {
    CodeSent(OtpResendResponse),
    Waiting(String),
    Rejected,
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
        self.registration = None;
        ctx.service.start_waiting();
        ctx.service.request(
            move |client| async move {
                let answer = client.register_phone(&iin, &phone, &register_key).await?;
                follow(&client, answer, session_id, resend_key).await
            },
            Message::Registered,
        )
    }

    /// The replacement that waits: is it decided?
    fn poll(&mut self, ctx: &mut Shared) -> Task<Message> {
        let Some(Registration::Waiting(id)) = self.registration.clone() else {
            return Task::none();
        };
        if ctx.service.waiting {
            return Task::none();
        }
        let session_id = ctx.service.session_id.clone();
        let resend_key = self.resend_key.again();
        ctx.service.request(
            move |client| async move {
                let answer = client.phone_registration(&id).await?;
                follow(&client, answer, session_id, resend_key).await
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
        let registration = self
            .registration
            .as_ref()
            .map(|registration| match registration {
                Registration::Waiting(_) => {
                    banner(Banner::Info, t!(lang, "phone-replacement-waiting"))
                }
                Registration::Rejected => {
                    banner(Banner::Error, t!(lang, "phone-replacement-rejected"))
                }
            });
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
            .push(registration)
            .push(caption(t!(lang, "phone-call-note")))
            .into()
    }
}

/// Once the number is registered, the code is sent to it; otherwise the wait goes on.
async fn follow(
    client: &Client,
    answer: PhoneRegistrationResponse,
    session_id: Option<String>,
    resend_key: IdempotencyKey,
) -> Result<Answer, ClientError> {
    match answer.status {
        PhoneRegistrationStatus::PendingOperatorCall => Ok(Answer::Waiting(answer.registration_id)),
        PhoneRegistrationStatus::Rejected => Ok(Answer::Rejected),
        PhoneRegistrationStatus::Registered => match session_id {
            Some(id) => client
                .resend_otp(&id, &resend_key)
                .await
                .map(Answer::CodeSent),
            None => Err(ClientError::Api {
                code: ErrorCode::UnknownSession,
                message: "no session".into(),
                retry_after: None,
            }),
        },
    }
}

impl Screen for State {
    fn can_continue(&self, _ctx: &Shared) -> bool {
        self.phone().is_some() && !matches!(self.registration, Some(Registration::Waiting(_)))
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
            Message::Changed(value) => {
                self.input = clamp_input(value);
                if self.registration == Some(Registration::Rejected) {
                    self.registration = None;
                }
            }
            Message::Submitted => return (Task::none(), Some(Event::Next)),
            Message::Registered(Ok(Answer::CodeSent(answer))) => {
                self.register_key.answered();
                self.resend_key.answered();
                self.registration = None;
                ctx.service.done();
                ctx.service.code_sent(answer);
                return (Task::none(), Some(Event::Go(Step::Otp)));
            }
            Message::Registered(Ok(Answer::Waiting(id))) => {
                self.register_key.answered();
                ctx.service.done();
                self.registration = Some(Registration::Waiting(id));
            }
            Message::Registered(Ok(Answer::Rejected)) => {
                self.register_key.answered();
                ctx.service.done();
                self.registration = Some(Registration::Rejected);
            }
            Message::Registered(Err(error)) => ctx.service.fail(error),
            Message::Poll => return (self.poll(ctx), None),
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
        match self.registration {
            Some(Registration::Waiting(_)) => self.poll(ctx),
            _ => self.send(ctx),
        }
    }

    fn subscription(&self, _ctx: &Shared) -> Subscription<Message> {
        match self.registration {
            Some(Registration::Waiting(_)) => iced::time::every(POLL).map(|_| Message::Poll),
            _ => Subscription::none(),
        }
    }
}
