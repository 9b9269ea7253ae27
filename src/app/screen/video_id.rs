//! Video identification: the citizen follows face-movement prompts while a short clip is
//! recorded. The prompts listed here are the kinds the challenge script draws from.

use iced::Element;
use iced::widget::{column, text};

use crate::app::screen::preview_area;
use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{page, section};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let prompts = column![
            section(t!(lang, "video-prompts-title")),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "video-prompt-straight")
            ))
            .size(theme::TEXT_SIZE),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "video-prompt-left")
            ))
            .size(theme::TEXT_SIZE),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "video-prompt-right")
            ))
            .size(theme::TEXT_SIZE),
            text(format!(
                "{}  {}",
                theme::BULLET,
                t!(lang, "video-prompt-closer")
            ))
            .size(theme::TEXT_SIZE),
        ]
        .spacing(6);
        page(t!(lang, "video-title"), t!(lang, "video-intro"))
            .push(preview_area(t!(lang, "camera-preview"), 260.0))
            .push(action(t!(lang, "video-start"), None, true))
            .push(prompts)
            .into()
    }
}
