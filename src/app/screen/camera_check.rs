//! Camera check: explains why the camera is needed and what helps a good picture.
//! The live preview and permission handling come with the camera engine.

use iced::Element;

use crate::app::screen::preview_area;
use crate::app::widget::{bullets, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let tips = bullets(
            Some(t!(lang, "camera-tips-title")),
            vec![
                t!(lang, "camera-tip-light"),
                t!(lang, "camera-tip-busy"),
                t!(lang, "camera-tip-steady"),
            ],
        );
        page(t!(lang, "camera-title"), t!(lang, "camera-intro"))
            .push(preview_area(t!(lang, "camera-preview"), 260.0))
            .push(tips)
            .into()
    }
}
