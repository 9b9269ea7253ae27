//! The top of every screen: its title and a short introduction.

use iced::widget::{Column, column};

use crate::app::theme;
use crate::app::widget::{body, title};

pub fn page<'a, M: 'a>(heading: String, intro: String) -> Column<'a, M> {
    column![
        iced::widget::container(title(heading)).id(crate::app::a11y::PAGE_TITLE),
        body(intro).color(theme::muted())
    ]
    .spacing(theme::SPACING)
}
