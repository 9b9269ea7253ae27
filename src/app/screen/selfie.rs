//! Selfie with the face centred in an oval. The capture buttons come alive with the camera
//! engine; until then they are shown disabled.

use iced::Element;
use iced::widget::row;

use crate::app::screen::preview_area;
use crate::app::widget::nav::action;
use crate::app::widget::{caption, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        page(t!(lang, "selfie-title"), t!(lang, "selfie-intro"))
            .push(preview_area(t!(lang, "camera-preview"), 300.0))
            .push(
                row![
                    action(t!(lang, "selfie-take"), None, true),
                    action(t!(lang, "selfie-retake"), None, false)
                ]
                .spacing(12),
            )
            .push(caption(t!(lang, "selfie-tips")))
            .into()
    }
}
