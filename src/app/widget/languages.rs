//! The row of language buttons (the first screen, the kiosk operator panel) and the style of
//! any button that shows whether it is the one chosen.

use iced::Theme;
use iced::widget::button::{self, Status};
use iced::widget::{Row, row, text};

use crate::app::theme;
use crate::i18n::Language;

/// Primary while `active`, secondary otherwise.
pub fn toggle(active: bool) -> impl Fn(&Theme, Status) -> button::Style {
    move |theme, status| {
        if active {
            button::primary(theme, status)
        } else {
            button::secondary(theme, status)
        }
    }
}

/// One button per language, each named in its own language; `current` is highlighted.
pub fn languages<'a, M: Clone + std::fmt::Debug + 'a>(
    current: Language,
    on_pick: impl Fn(Language) -> M,
) -> Row<'a, M> {
    row(Language::ALL.into_iter().map(|language| {
        let pick = on_pick(language);
        let button = iced::widget::button(text(language.native_name()).size(theme::TEXT_SIZE))
            .padding([14, 24])
            .height(theme::TARGET_HEIGHT)
            .on_press(pick.clone())
            .style(toggle(language == current));
        crate::app::widget::focus::focusable(button, Some(pick))
    }))
    .spacing(10)
}
