//! Camera check: explains why the camera is needed and what helps a good picture.
//! The live preview and permission handling come with the camera engine.

use iced::Element;
use iced::widget::{column, text};

use crate::app::screen::preview_area;
use crate::app::theme;
use crate::app::widget::{page, section};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let tips = column![
            section(t!(lang, "camera-tips-title")),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "camera-tip-light")
            ))
            .size(theme::TEXT_SIZE),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "camera-tip-busy")
            ))
            .size(theme::TEXT_SIZE),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "camera-tip-steady")
            ))
            .size(theme::TEXT_SIZE),
        ]
        .spacing(6);
        page(t!(lang, "camera-title"), t!(lang, "camera-intro"))
            .push(preview_area(t!(lang, "camera-preview"), 260.0))
            .push(tips)
            .into()
    }
}
