//! Video identification: the citizen follows face-movement prompts while a short clip is
//! recorded. The prompts listed here are the kinds the challenge script draws from.

use iced::Element;

use crate::app::screen::preview_area;
use crate::app::widget::nav::action;
use crate::app::widget::{bullets, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let prompts = bullets(
            Some(t!(lang, "video-prompts-title")),
            vec![
                t!(lang, "video-prompt-straight"),
                t!(lang, "video-prompt-left"),
                t!(lang, "video-prompt-right"),
                t!(lang, "video-prompt-closer"),
            ],
        );
        page(t!(lang, "video-title"), t!(lang, "video-intro"))
            .push(preview_area(t!(lang, "camera-preview"), 260.0))
            .push(action(t!(lang, "video-start"), None, true))
            .push(prompts)
            .into()
    }
}
