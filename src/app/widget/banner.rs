//! Coloured notices: information, warnings, errors, success. The kind is carried by the
//! colour of the frame, and always by the words themselves.

use iced::widget::{container, text};
use iced::{Border, Element, Fill};

use crate::app::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Banner {
    Info,
    Success,
    Warning,
    Error,
}

impl Banner {
    fn colour(self) -> iced::Color {
        match self {
            Banner::Info => theme::primary(),
            Banner::Success => theme::success(),
            Banner::Warning => theme::warning(),
            Banner::Error => theme::danger(),
        }
    }
}

pub fn banner<'a, M: 'a>(kind: Banner, message: String) -> Element<'a, M> {
    let colour = kind.colour();
    container(
        text(message)
            .size(theme::TEXT_SIZE)
            .color(theme::ink())
            .width(Fill),
    )
    .padding(14)
    .width(Fill)
    .style(move |_| container::Style {
        background: Some(iced::Background::Color(iced::Color { a: 0.08, ..colour })),
        border: Border {
            color: colour,
            width: 1.5,
            radius: 8.0.into(),
        },
        ..container::Style::default()
    })
    .into()
}
