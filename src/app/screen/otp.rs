//! The one-time SMS code.

use iced::Element;
use iced::widget::{button, row, text};
use qoltanba_core::domain::OtpCode;

use crate::app::explain;
use crate::app::screen::clamp_input;
use crate::app::theme;
use crate::app::widget::{Feedback, Field, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "otp-input";

#[derive(Clone, Default)]
pub struct State {
    input: String,
    /// The masked phone the service sent the code to, once it says so.
    pub masked_phone: Option<String>,
    /// Seconds until the code may be sent again.
    pub resend_in: Option<u32>,
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
            .field("masked_phone", &self.masked_phone)
            .field("resend_in", &self.resend_in)
            .finish()
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    Changed(String),
    Submitted,
    Resend,
    NotRegistered,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Continue,
    Resend,
    NotRegistered,
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Changed(value) => {
                zeroize::Zeroize::zeroize(&mut self.input);
                self.input = clamp_input(value);
                None
            }
            Message::Submitted => self.can_continue().then_some(Event::Continue),
            Message::Resend => self.resend_in.is_none().then_some(Event::Resend),
            Message::NotRegistered => Some(Event::NotRegistered),
        }
    }

    /// What is typed so far (the kiosk keypad edits it).
    pub fn typed(&self) -> &str {
        &self.input
    }

    pub fn code(&self) -> Option<OtpCode> {
        OtpCode::parse(&self.input).ok()
    }

    pub fn can_continue(&self) -> bool {
        self.code().is_some()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let feedback = if self.input.trim().is_empty() {
            Feedback::Hint(t!(lang, "otp-hint"))
        } else {
            match OtpCode::parse(&self.input) {
                Ok(_) => Feedback::None,
                Err(error) => Feedback::Error(explain::otp(lang, error)),
            }
        };
        let sent = self
            .masked_phone
            .as_ref()
            .map(|phone| text(t!(lang, "otp-sent", phone = phone.as_str())).size(theme::TEXT_SIZE));
        let resend_label = match self.resend_in {
            Some(seconds) => t!(lang, "otp-resend-wait", seconds = seconds),
            None => t!(lang, "otp-resend"),
        };
        let links = row![
            button(text(resend_label).size(theme::TEXT_SIZE))
                .style(button::text)
                .on_press_maybe(self.resend_in.is_none().then_some(Message::Resend)),
            button(text(t!(lang, "otp-not-registered")).size(theme::TEXT_SIZE))
                .style(button::text)
                .on_press(Message::NotRegistered),
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
