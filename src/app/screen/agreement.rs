//! The user agreement and the optional e-mail that goes into the signing certificate.

use iced::Element;
use iced::widget::checkbox;
use qoltanba_core::domain::Email;

use crate::app::explain;
use crate::app::screen::clamp_input;
use crate::app::theme;
use crate::app::widget::{Feedback, Field, bullets, field, focusable_as, page};
use crate::i18n::Language;
use crate::t;

pub const EMAIL_ID: &str = "email-input";
/// The "I accept" checkbox (its keyboard focus id).
pub const ACCEPT_ID: &str = "agreement-accept";

#[derive(Debug, Clone, Default)]
pub struct State {
    accepted: bool,
    email: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Accepted(bool),
    EmailChanged(String),
    Submitted,
}

impl State {
    pub fn toggle(&mut self) {
        self.accepted = !self.accepted;
    }

    /// `Ok(None)` when no e-mail was given (it is optional).
    /// The e-mail as typed so far (the kiosk keyboard edits it).
    pub fn typed_email(&self) -> &str {
        &self.email
    }

    pub fn email(&self) -> Result<Option<Email>, qoltanba_core::domain::EmailError> {
        if self.email.trim().is_empty() {
            Ok(None)
        } else {
            Email::parse(&self.email).map(Some)
        }
    }

    pub fn can_continue(&self) -> bool {
        self.accepted && self.email().is_ok()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let points = bullets(
            None,
            vec![
                t!(lang, "agreement-point-keys"),
                t!(lang, "agreement-point-password"),
                t!(lang, "agreement-point-validity"),
                t!(lang, "agreement-point-responsibility"),
            ],
        );
        let feedback = match self.email() {
            Ok(None) => Feedback::Hint(t!(lang, "email-hint")),
            Ok(Some(_)) => Feedback::Valid(t!(lang, "email-valid")),
            Err(error) => Feedback::Error(explain::email(lang, error)),
        };
        page(t!(lang, "agreement-title"), t!(lang, "agreement-intro"))
            .push(points)
            .push(focusable_as(
                ACCEPT_ID,
                self.accepted,
                checkbox(self.accepted)
                    .label(t!(lang, "agreement-accept"))
                    .on_toggle(Message::Accepted)
                    .size(26)
                    .text_size(theme::TEXT_SIZE),
                Some(Message::Accepted(!self.accepted)),
            ))
            .push(field(Field {
                label: t!(lang, "email-label"),
                placeholder: t!(lang, "email-placeholder"),
                value: &self.email,
                id: EMAIL_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::EmailChanged),
                on_submit: Some(Message::Submitted),
            }))
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        State::can_continue(self)
    }

    fn keypad(&self, _ctx: &crate::app::shared::Shared) -> Vec<crate::app::screen::fields::Field> {
        vec![crate::app::screen::fields::Field::Email]
    }

    fn toggle(&mut self) {
        State::toggle(self);
    }

    fn leave(&self, ctx: &mut crate::app::shared::Shared) {
        ctx.citizen.email = self.email().ok().flatten();
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(
        &mut self,
        message: Message,
        _ctx: &mut crate::app::shared::Shared,
    ) -> (iced::Task<Message>, Option<crate::app::screen::Event>) {
        let event = match message {
            Message::Accepted(value) => {
                self.accepted = value;
                None
            }
            Message::EmailChanged(value) => {
                self.email = clamp_input(value);
                None
            }
            Message::Submitted => self
                .can_continue()
                .then_some(crate::app::screen::Event::Next),
        };
        (iced::Task::none(), event)
    }

    fn view<'a>(&'a self, ctx: &'a crate::app::shared::Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang)
    }
}
