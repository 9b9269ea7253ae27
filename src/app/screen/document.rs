//! Both sides of the ID card, by camera or from a file. Capture and file loading come with
//! the camera engine; the slots show what is still missing.

use iced::widget::{column, row};
use iced::{Element, Fill};

use crate::app::screen::preview_area;
use crate::app::widget::nav::action;
use crate::app::widget::{page, section};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let slot = |heading: String| {
            column![
                section(heading),
                preview_area(t!(lang, "document-missing"), 170.0),
                row![
                    action(t!(lang, "document-camera"), None, true),
                    action(t!(lang, "document-file"), None, false)
                ]
                .spacing(10),
            ]
            .spacing(10)
            .width(Fill)
        };
        page(t!(lang, "document-title"), t!(lang, "document-intro"))
            .push(
                row![
                    slot(t!(lang, "document-front")),
                    slot(t!(lang, "document-back"))
                ]
                .spacing(20),
            )
            .into()
    }
}
