//! The not-registered path: the citizen gives a mobile number and an operator calls back by
//! video to register it in the mobile-citizens database.

use iced::Element;
use qoltanba_core::domain::Phone;

use crate::app::explain;
use crate::app::screen::clamp_input;
use crate::app::widget::{Feedback, Field, caption, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "phone-input";

#[derive(Debug, Clone, Default)]
pub struct State {
    input: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    Changed(String),
    Submitted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Continue(Phone),
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Changed(value) => {
                self.input = clamp_input(value);
                None
            }
            Message::Submitted => self.phone().map(Event::Continue),
        }
    }

    /// What is typed so far (the kiosk keypad edits it).
    pub fn typed(&self) -> &str {
        &self.input
    }

    pub fn phone(&self) -> Option<Phone> {
        Phone::parse(&self.input).ok()
    }

    pub fn can_continue(&self) -> bool {
        self.phone().is_some()
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
