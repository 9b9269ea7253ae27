//! A large selectable card: used for choices a finger or the arrow keys pick from.

use iced::widget::{button, column, row, text};
use iced::{Border, Element, Fill};

use crate::app::theme;

pub fn choice<'a, M: Clone + 'a>(
    heading: String,
    detail: Option<String>,
    selected: bool,
    on_press: Option<M>,
) -> Element<'a, M> {
    let mark = if selected { "◉" } else { "○" };
    let mut content = column![text(heading).size(theme::SUBTITLE_SIZE).font(theme::FONT_STRONG)].spacing(4);
    if let Some(detail) = detail {
        content = content.push(text(detail).size(theme::SMALL_SIZE).color(theme::MUTED));
    }
    button(row![text(mark).size(theme::SUBTITLE_SIZE), content].spacing(14))
        .width(Fill)
        .padding(16)
        .on_press_maybe(on_press)
        .style(move |_, status| {
            let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
            let disabled = matches!(status, button::Status::Disabled);
            button::Style {
                background: Some(iced::Background::Color(if selected {
                    iced::Color { a: 0.10, ..theme::PRIMARY }
                } else {
                    theme::SURFACE
                })),
                text_color: if disabled { theme::MUTED } else { theme::INK },
                border: Border {
                    color: if selected || hovered { theme::PRIMARY } else { theme::BORDER },
                    width: if selected { 2.5 } else { 1.5 },
                    radius: 10.0.into(),
                },
                ..button::Style::default()
            }
        })
        .into()
}
