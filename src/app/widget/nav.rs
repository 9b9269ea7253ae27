//! Back / Next buttons and the keyboard reminder under every step.

use iced::widget::{button, column, row, space, text};
use iced::{Element, Fill};

use crate::app::theme;
use crate::app::widget::focus::focusable;
use crate::i18n::Language;
use crate::t;

pub struct Nav<M> {
    /// Kiosk mode: start again from the first screen (after a question).
    pub cancel: Option<M>,
    /// Kiosk mode: a touch screen, so no keyboard reminder.
    pub touch: bool,
    pub back: Option<M>,
    /// `None` hides Next; `Some(None)` shows it disabled.
    pub next: Option<Option<M>>,
    pub next_label: String,
}

pub fn nav<'a, M: Clone + std::fmt::Debug + 'a>(lang: Language, spec: Nav<M>) -> Element<'a, M> {
    let back = spec.back.map(|message| {
        let button = button(text(t!(lang, "nav-back")).size(theme::TEXT_SIZE))
            .padding([14, 28])
            .height(theme::TARGET_HEIGHT)
            .style(button::secondary)
            .on_press(message.clone());
        focusable(button, Some(message))
    });
    let next = spec.next.map(|message| {
        let button = button(
            text(spec.next_label)
                .size(theme::TEXT_SIZE)
                .font(theme::FONT_STRONG),
        )
        .padding([14, 32])
        .height(theme::TARGET_HEIGHT)
        .style(button::primary)
        .on_press_maybe(message.clone());
        focusable(button, message)
    });
    let cancel = spec.cancel.map(|message| {
        let button = button(text(t!(lang, "kiosk-cancel")).size(theme::TEXT_SIZE))
            .padding([14, 28])
            .height(theme::TARGET_HEIGHT)
            .style(button::danger)
            .on_press(message.clone());
        focusable(button, Some(message))
    });
    let hint = (!spec.touch).then(|| {
        text(t!(lang, "nav-keyboard-hint"))
            .size(theme::SMALL_SIZE)
            .color(theme::muted())
    });
    column![
        row![]
            .push(cancel)
            .push(back)
            .push(space::horizontal())
            .push(next)
            .spacing(16)
            .width(Fill),
    ]
    .push(hint)
    .spacing(8)
    .into()
}

/// A plain action button in the app's style.
pub fn action<'a, M: Clone + std::fmt::Debug + 'a>(
    label: String,
    on_press: Option<M>,
    primary: bool,
) -> Element<'a, M> {
    let button = button(text(label).size(theme::TEXT_SIZE))
        .padding([12, 22])
        .height(theme::TARGET_HEIGHT)
        .style(if primary {
            button::primary
        } else {
            button::secondary
        })
        .on_press_maybe(on_press.clone());
    focusable(button, on_press)
}
