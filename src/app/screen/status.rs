//! Application status by number.

use iced::Element;
use qoltanba_core::domain::ApplicationNumber;

use crate::app::explain;
use crate::app::screen::clamp_input;
use crate::app::widget::nav::action;
use crate::app::widget::{Feedback, Field, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "status-input";

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
    Check(ApplicationNumber),
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Changed(value) => {
                self.input = clamp_input(value);
                None
            }
            Message::Submitted => self.number().map(Event::Check),
        }
    }

    /// What is typed so far (the kiosk keypad edits it).
    pub fn typed(&self) -> &str {
        &self.input
    }

    pub fn number(&self) -> Option<ApplicationNumber> {
        ApplicationNumber::parse(&self.input).ok()
    }

    pub fn view(&self, lang: Language, connected: bool) -> Element<'_, Message> {
        let feedback = if self.input.trim().is_empty() {
            Feedback::Hint(t!(lang, "status-hint"))
        } else {
            match ApplicationNumber::parse(&self.input) {
                Ok(_) => Feedback::None,
                Err(error) => Feedback::Error(explain::application_number(lang, error)),
            }
        };
        let can_check = connected && self.number().is_some();
        page(t!(lang, "status-title"), t!(lang, "status-intro"))
            .push(field(Field {
                label: t!(lang, "status-label"),
                placeholder: t!(lang, "status-placeholder"),
                value: &self.input,
                id: INPUT_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::Changed),
                on_submit: Some(Message::Submitted),
            }))
            .push(action(
                t!(lang, "status-check"),
                can_check.then_some(Message::Submitted),
                true,
            ))
            .into()
    }
}
