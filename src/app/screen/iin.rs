//! IIN entry: the rule's own message as the user types; Next only once the number is valid.

use iced::Element;
use qoltanba_core::domain::{Iin, Sex};

use crate::app::explain;
use crate::app::screen::clamp_input;
use crate::app::widget::{Feedback, Field, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "iin-input";

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
    Continue(Iin),
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Changed(value) => {
                self.input = clamp_input(value);
                None
            }
            Message::Submitted => self.iin().map(Event::Continue),
        }
    }

    pub fn input(&self) -> &str {
        &self.input
    }

    pub fn iin(&self) -> Option<Iin> {
        Iin::parse(&self.input).ok()
    }

    pub fn can_continue(&self) -> bool {
        self.iin().is_some()
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
