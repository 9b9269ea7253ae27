//! IIN entry: the rule's own message as the user types; Next only once the number is valid.
//! Next starts a session with the service, which sends the SMS code (or says the phone is not
//! registered).

use iced::{Element, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::{Iin, Sex};
use qoltanba_core::protocol::CreateSessionResponse;

use crate::app::explain;
use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::request_key::RequestKey;
use crate::app::screen::{Event, Screen, clamp_input};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::app::widget::{Feedback, Field, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "iin-input";

#[derive(Debug, Clone, Default)]
pub struct State {
    input: String,
    /// The key of the session request, kept for Retry.
    key: RequestKey,
}

#[derive(Debug, Clone)]
pub enum Message {
    Changed(String),
    /// Enter in the field: the same as Next.
    Submitted,
    SessionCreated(Result<CreateSessionResponse, ClientError>),
}

impl State {
    /// Next: a session for this IIN; the service sends the SMS code.
    pub fn send(&mut self, ctx: &mut Shared) -> Task<Message> {
        let Some(iin) = self.iin() else {
            return Task::none();
        };
        ctx.citizen.iin = Some(iin.clone());
        let key = self.key.for_request(iin.as_str());
        ctx.service.start_waiting();
        ctx.service.request(
            move |client| async move { client.create_session(&iin, &key).await },
            Message::SessionCreated,
        )
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn iin(&self) -> Option<Iin> {
        Iin::parse(&self.input).ok()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let feedback = if self.input.trim().is_empty() {
            Feedback::Hint(t!(lang, "iin-hint"))
        } else {
            match Iin::parse(&self.input) {
                Ok(iin) => {
                    let (year, month, day) = iin.birth_date();
                    let sex = match iin.sex() {
                        Sex::Male => "male",
                        Sex::Female => "female",
                    };
                    let date = format!("{day:02}.{month:02}.{year}");
                    Feedback::Valid(t!(lang, "iin-valid", sex = sex, date = date))
                }
                Err(error) => Feedback::Error(explain::iin(lang, error)),
            }
        };
        page(t!(lang, "iin-title"), t!(lang, "iin-intro"))
            .push(field(Field {
                label: t!(lang, "iin-label"),
                placeholder: t!(lang, "iin-placeholder"),
                value: &self.input,
                id: INPUT_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::Changed),
                on_submit: Some(Message::Submitted),
            }))
            .into()
    }
}

impl Screen for State {
    fn can_continue(&self, _ctx: &Shared) -> bool {
        self.iin().is_some()
    }

    fn focus(&self) -> Option<&'static str> {
        Some(INPUT_ID)
    }

    fn needs_service(&self) -> bool {
        true
    }

    fn keypad(&self, _ctx: &Shared) -> Vec<KeypadField> {
        vec![KeypadField::Iin]
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Changed(value) => self.input = clamp_input(value),
            Message::Submitted => return (Task::none(), Some(Event::Next)),
            Message::SessionCreated(Ok(answer)) => {
                self.key.answered();
                ctx.service.done();
                ctx.service.session_id = Some(answer.session_id);
                ctx.service.masked_phone = answer.masked_phone;
                ctx.service.resend_in =
                    u32::try_from(answer.resend_after_s).ok().filter(|s| *s > 0);
                let next = if answer.phone_registered {
                    Step::Otp
                } else {
                    Step::PhoneRegistration
                };
                return (Task::none(), Some(Event::Go(next)));
            }
            Message::SessionCreated(Err(error)) => ctx.service.fail(error),
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
