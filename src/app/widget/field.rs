//! A labelled text input with a feedback line under it. The feedback is the rule's own
//! message while the value is wrong, so the user always sees why Next is disabled.

use iced::widget::{column, text, text_input};
use iced::{Element, Fill};

use crate::app::theme;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    /// Nothing to say (e.g. the field is still empty).
    None,
    /// A neutral hint about what to type.
    Hint(String),
    /// What is wrong with the value.
    Error(String),
    /// The value is valid; optionally what we understood from it.
    Valid(String),
}

pub struct Field<'a, M> {
    pub label: String,
    pub placeholder: String,
    pub value: &'a str,
    pub id: &'static str,
    pub secure: bool,
    pub feedback: Feedback,
    pub on_input: Box<dyn Fn(String) -> M + 'a>,
    pub on_submit: Option<M>,
}

pub fn field<'a, M: Clone + 'a>(spec: Field<'a, M>) -> Element<'a, M> {
    let input = text_input(&spec.placeholder, spec.value)
        .id(spec.id)
        .secure(spec.secure)
        .on_input(spec.on_input)
        .on_submit_maybe(spec.on_submit)
        .size(theme::SUBTITLE_SIZE)
        .padding(12)
        .width(Fill)
        .style(|theme, status| {
            let mut style = text_input::default(theme, status);
            // The keyboard focus shows as the same thick ring as on buttons.
            if matches!(status, text_input::Status::Focused { .. }) {
                style.border.width = 3.0;
                style.border.color = theme::focus_ring();
            }
            style
        });
    let feedback: Option<Element<'a, M>> = match spec.feedback {
        Feedback::None => None,
        Feedback::Hint(hint) => Some(
            text(hint)
                .size(theme::SMALL_SIZE)
                .color(theme::muted())
                .into(),
        ),
        Feedback::Error(error) => Some(
            text(error)
                .size(theme::SMALL_SIZE)
                .color(theme::danger())
                .into(),
        ),
        Feedback::Valid(note) => Some(
            text(note)
                .size(theme::SMALL_SIZE)
                .color(theme::success())
                .into(),
        ),
    };
    column![
        text(spec.label)
            .size(theme::TEXT_SIZE)
            .font(theme::FONT_STRONG),
        input
    ]
    .push(feedback)
    .spacing(6)
    .into()
}
