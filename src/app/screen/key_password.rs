//! The key password: policy shown up front, typed twice, strength shown, and a plain
//! warning that it cannot be recovered.

use iced::Element;
use qoltanba_core::domain::{KeyPassword, Strength, strength};
use zeroize::Zeroize;

use crate::app::explain;
use crate::app::theme;
use crate::app::widget::{Banner, Feedback, Field, banner, body, field, page};
use crate::i18n::Language;
use crate::t;

pub const INPUT_ID: &str = "password-input";
pub const REPEAT_ID: &str = "password-repeat";

#[derive(Clone, Default)]
pub struct State {
    password: String,
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
        self.password.zeroize();
        self.repeat.zeroize();
    }
}

#[derive(Clone)]
pub enum Message {
    PasswordChanged(String),
    RepeatChanged(String),
    Submitted,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Message::PasswordChanged(_) => "PasswordChanged(***)",
            Message::RepeatChanged(_) => "RepeatChanged(***)",
            Message::Submitted => "Submitted",
        })
    }
}

/// Longer than the policy allows, so the "too long" message can still be shown.
const MAX_TYPED: usize = 48;

impl State {
    /// What is typed so far: the password and its repetition (the kiosk keyboard edits them).
    pub fn typed(&self) -> (&str, &str) {
        (&self.password, &self.repeat)
    }

    pub fn password(&self) -> Option<KeyPassword> {
        let password = KeyPassword::parse(&self.password).ok()?;
        (self.password == self.repeat).then_some(password)
    }

    pub fn can_continue(&self) -> bool {
        self.password().is_some()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let feedback = if self.password.is_empty() {
            Feedback::None
        } else {
            match KeyPassword::parse(&self.password) {
                Ok(_) => {
                    let level = match strength(&self.password) {
                        Strength::Weak => "weak",
                        Strength::Fair => "fair",
                        Strength::Strong => "strong",
                    };
                    Feedback::Valid(t!(lang, "password-strength", level = level))
                }
                Err(error) => Feedback::Error(explain::key_password(lang, error)),
            }
        };
        let repeat_feedback = if self.repeat.is_empty() {
            Feedback::None
        } else if self.repeat == self.password {
            Feedback::Valid(t!(lang, "password-match"))
        } else {
            Feedback::Error(t!(lang, "password-mismatch"))
        };
        page(t!(lang, "password-title"), t!(lang, "password-intro"))
            .push(body(t!(lang, "password-rules")).color(theme::ink()))
            .push(field(Field {
                label: t!(lang, "password-label"),
                placeholder: String::new(),
                value: &self.password,
                id: INPUT_ID,
                secure: true,
                feedback,
                on_input: Box::new(Message::PasswordChanged),
                on_submit: Some(Message::Submitted),
            }))
            .push(field(Field {
                label: t!(lang, "password-repeat-label"),
                placeholder: String::new(),
                value: &self.repeat,
                id: REPEAT_ID,
                secure: true,
                feedback: repeat_feedback,
                on_input: Box::new(Message::RepeatChanged),
                on_submit: Some(Message::Submitted),
            }))
            .push(banner(Banner::Warning, t!(lang, "password-warning")))
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        State::can_continue(self)
    }

    fn focus(&self) -> Option<&'static str> {
        Some(INPUT_ID)
    }

    fn keypad(&self, _ctx: &crate::app::shared::Shared) -> Vec<crate::app::screen::fields::Field> {
        use crate::app::screen::fields::Field;
        vec![Field::KeyPassword, Field::KeyPasswordRepeat]
    }

    fn leave(&self, ctx: &mut crate::app::shared::Shared) {
        ctx.application.password = self.password();
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
            Message::PasswordChanged(value) => {
                self.password.zeroize();
                self.password = take_secret(value);
                None
            }
            Message::RepeatChanged(value) => {
                self.repeat.zeroize();
                self.repeat = take_secret(value);
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

/// The typed password, at most [`MAX_TYPED`] characters, in a buffer allocated once at its
/// final size: building it by pushing characters would grow it by reallocation, and every
/// outgrown buffer would be freed with the password still in it. The typed copy is wiped.
fn take_secret(mut typed: String) -> String {
    let mut kept = String::with_capacity(typed.len());
    kept.extend(typed.chars().take(MAX_TYPED));
    typed.zeroize();
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kept_password_is_never_reallocated() {
        // 13 characters: growing from the size hint would pass through 4, 8 and 16 bytes.
        let typed = String::from("Qoltanba2026#");
        let capacity = typed.len();
        let kept = take_secret(typed);
        assert_eq!(kept, "Qoltanba2026#");
        assert_eq!(
            kept.capacity(),
            capacity,
            "one allocation, at the final size"
        );
        let long = "a1".repeat(40);
        let kept = take_secret(long.clone());
        assert_eq!(kept.chars().count(), MAX_TYPED);
        assert_eq!(kept.capacity(), long.len());
    }
}
