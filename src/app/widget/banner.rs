//! Coloured notices: information, warnings, errors, success.

use iced::widget::{container, row, text};
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
            Banner::Info => theme::PRIMARY,
            Banner::Success => theme::SUCCESS,
            Banner::Warning => theme::WARNING,
            Banner::Error => theme::DANGER,
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Banner::Info => "i",
            Banner::Success => "✓",
            Banner::Warning | Banner::Error => "!",
        }
    }
}

pub fn banner<'a, M: 'a>(kind: Banner, message: String) -> Element<'a, M> {
    let colour = kind.colour();
    container(
        row![
            text(kind.mark()).size(theme::TEXT_SIZE).font(theme::FONT_STRONG).color(colour),
            text(message).size(theme::TEXT_SIZE).color(theme::INK).width(Fill),
        ]
        .spacing(12),
    )
    .padding(14)
    .width(Fill)
    .style(move |_| container::Style {
        background: Some(iced::Background::Color(iced::Color { a: 0.08, ..colour })),
        border: Border { color: colour, width: 1.5, radius: 8.0.into() },
        ..container::Style::default()
    })
    .into()
}
