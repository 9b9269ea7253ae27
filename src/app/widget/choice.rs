//! A large selectable card: used for choices a finger or the arrow keys pick from.

use iced::widget::{button, center, column, container, row, space, text};
use iced::{Border, Element, Fill};

use crate::app::theme;
use crate::app::widget::focus::focusable_choice;

pub fn choice<'a, M: Clone + std::fmt::Debug + 'a>(
    heading: String,
    detail: Option<String>,
    selected: bool,
    on_press: Option<M>,
) -> Element<'a, M> {
    let detail = detail.map(|detail| {
        text(detail)
            .size(theme::SMALL_SIZE)
            .color(theme::muted())
            .into()
    });
    choice_with(heading, detail, selected, on_press)
}

/// A choice card whose details are any element (several lines, coloured states).
pub fn choice_with<'a, M: Clone + std::fmt::Debug + 'a>(
    heading: String,
    detail: Option<Element<'a, M>>,
    selected: bool,
    on_press: Option<M>,
) -> Element<'a, M> {
    let mark = radio_mark(selected);
    let content = column![
        text(heading)
            .size(theme::SUBTITLE_SIZE)
            .font(theme::FONT_STRONG)
    ]
    .push(detail)
    .spacing(4);
    let card = button(
        row![mark, content]
            .spacing(14)
            .align_y(iced::Alignment::Center),
    )
    .width(Fill)
    .padding(16)
    .on_press_maybe(on_press.clone())
    .style(move |_, status| {
        let hovered = matches!(status, button::Status::Hovered | button::Status::Pressed);
        let disabled = matches!(status, button::Status::Disabled);
        button::Style {
            background: Some(iced::Background::Color(if selected {
                iced::Color {
                    a: 0.10,
                    ..theme::primary()
                }
            } else {
                theme::surface()
            })),
            text_color: if disabled {
                theme::muted()
            } else {
                theme::ink()
            },
            border: Border {
                color: if selected || hovered {
                    theme::primary()
                } else {
                    theme::border()
                },
                width: if selected { 2.5 } else { 1.5 },
                radius: 10.0.into(),
            },
            ..button::Style::default()
        }
    });
    focusable_choice(card, on_press, selected)
}

/// A radio-style circle, drawn rather than typed (the bundled font has no circle glyphs).
fn radio_mark<'a, M: 'a>(selected: bool) -> Element<'a, M> {
    let dot =
        container(space::horizontal().width(12).height(12)).style(move |_| container::Style {
            background: selected.then_some(iced::Background::Color(theme::primary())),
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..container::Style::default()
        });
    center(dot)
        .width(24)
        .height(24)
        .style(move |_| container::Style {
            border: Border {
                color: if selected {
                    theme::primary()
                } else {
                    theme::muted()
                },
                width: 2.0,
                radius: 12.0.into(),
            },
            ..container::Style::default()
        })
        .into()
}
