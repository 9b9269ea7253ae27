//! Text helpers so every screen uses the same sizes and colours.

use iced::widget::{Text, text};

use crate::app::theme;

pub fn title<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content)
        .size(theme::TITLE_SIZE)
        .font(theme::FONT_STRONG)
}

pub fn section<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content)
        .size(theme::SUBTITLE_SIZE)
        .font(theme::FONT_STRONG)
}

pub fn body<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).size(theme::TEXT_SIZE)
}

pub fn caption<'a>(content: impl text::IntoFragment<'a>) -> Text<'a> {
    text(content).size(theme::SMALL_SIZE).color(theme::muted())
}

/// A bulleted list under an optional heading.
pub fn bullets<'a, M: 'a>(
    heading: Option<String>,
    items: Vec<String>,
) -> iced::widget::Column<'a, M> {
    let list = items.into_iter().map(|item| {
        text(format!("{}  {item}", theme::BULLET))
            .size(theme::TEXT_SIZE)
            .into()
    });
    iced::widget::column(heading.map(|h| section(h).into()).into_iter().chain(list)).spacing(6)
}
