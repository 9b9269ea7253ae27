//! The Digital ID account PIN, typed twice.

use iced::{Element, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::AccountPin;
use zeroize::Zeroize;

use crate::app::explain;
use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::{Event, Screen, clamp_input};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::app::widget::{Feedback, Field, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "pin-input";
pub const REPEAT_ID: &str = "pin-repeat";

/// Both inputs are wiped from memory when the state is dropped or replaced.
#[derive(Clone, Default)]
pub struct State {
    pin: String,
    repeat: String,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Secrets never reach a log or a panic message.
        f.write_str("State(***)")
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.pin.zeroize();
        self.repeat.zeroize();
    }
}

#[derive(Clone)]
pub enum Message {
    PinChanged(String),
    RepeatChanged(String),
    /// Enter in a field: the same as Next.
    Submitted,
    Set(Result<(), ClientError>),
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The PIN itself never reaches a log or a panic message.
        f.write_str(match self {
            Message::PinChanged(_) => "PinChanged(***)",
            Message::RepeatChanged(_) => "RepeatChanged(***)",
            Message::Submitted => "Submitted",
            Message::Set(Ok(())) => "Set(Ok)",
            Message::Set(Err(_)) => "Set(Err)",
        })
    }
}

impl State {
    /// Next: the PIN goes to the service with the authorised session.
    pub fn send(&mut self, ctx: &mut Shared) -> Task<Message> {
        let Some(pin) = self.pin() else {
            return Task::none();
        };
        ctx.service.start_waiting();
        ctx.service.with_session(
            move |client, session| async move { client.set_pin(&session, &pin).await.map(drop) },
            Message::Set,
        )
    }

    /// What is typed so far: the PIN and its repetition (the kiosk keypad edits them).
    pub fn typed(&self) -> (&str, &str) {
        (&self.pin, &self.repeat)
    }

    pub fn pin(&self) -> Option<AccountPin> {
        let pin = AccountPin::parse(&self.pin).ok()?;
        (self.pin == self.repeat).then_some(pin)
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let pin_feedback = if self.pin.is_empty() {
            Feedback::Hint(t!(lang, "pin-hint"))
        } else {
            match AccountPin::parse(&self.pin) {
                Ok(_) => Feedback::Valid(t!(lang, "pin-valid")),
                Err(error) => Feedback::Error(explain::account_pin(lang, error)),
            }
        };
        let repeat_feedback = if self.repeat.is_empty() {
            Feedback::None
        } else if self.repeat == self.pin {
            Feedback::Valid(t!(lang, "pin-match"))
        } else {
            Feedback::Error(t!(lang, "pin-mismatch"))
        };
        page(t!(lang, "pin-title"), t!(lang, "pin-intro"))
            .push(field(Field {
                label: t!(lang, "pin-label"),
                placeholder: t!(lang, "pin-placeholder"),
                value: &self.pin,
                id: INPUT_ID,
                secure: true,
                feedback: pin_feedback,
                on_input: Box::new(Message::PinChanged),
                on_submit: Some(Message::Submitted),
            }))
            .push(field(Field {
                label: t!(lang, "pin-repeat-label"),
                placeholder: t!(lang, "pin-placeholder"),
                value: &self.repeat,
                id: REPEAT_ID,
                secure: true,
                feedback: repeat_feedback,
                on_input: Box::new(Message::RepeatChanged),
                on_submit: Some(Message::Submitted),
            }))
            .into()
    }
}

impl Screen for State {
    fn can_continue(&self, _ctx: &Shared) -> bool {
        self.pin().is_some()
    }

    fn focus(&self) -> Option<&'static str> {
        Some(INPUT_ID)
    }

    fn needs_service(&self) -> bool {
        true
    }

    fn keypad(&self, _ctx: &Shared) -> Vec<KeypadField> {
        vec![KeypadField::AccountPin, KeypadField::AccountPinRepeat]
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::PinChanged(mut value) => {
                self.pin.zeroize();
                self.pin = clamp_input(std::mem::take(&mut value));
            }
            Message::RepeatChanged(mut value) => {
                self.repeat.zeroize();
                self.repeat = clamp_input(std::mem::take(&mut value));
            }
            Message::Submitted => return (Task::none(), Some(Event::Next)),
            Message::Set(Ok(())) => {
                ctx.service.done();
                return (Task::none(), Some(Event::Go(Step::Document)));
            }
            Message::Set(Err(error)) => ctx.service.fail(error),
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
