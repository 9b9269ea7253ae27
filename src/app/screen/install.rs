//! Certificate installation: downloads the issued certificates and writes them next to the
//! keys. Also reached from the welcome screen for keys made earlier.

use iced::widget::{column, row, text};
use iced::{Element, Fill};

use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{caption, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State {
    pub application_number: Option<String>,
    pub folder: Option<String>,
}

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let unknown = t!(lang, "review-unknown");
        let line = |label: String, value: Option<&String>| {
            row![
                text(label)
                    .size(theme::TEXT_SIZE)
                    .color(theme::MUTED)
                    .width(Fill),
                text(value.cloned().unwrap_or_else(|| unknown.clone()))
                    .size(theme::TEXT_SIZE)
                    .font(theme::FONT_STRONG)
                    .width(Fill),
            ]
        };
        page(t!(lang, "install-title"), t!(lang, "install-intro"))
            .push(
                column![
                    line(
                        t!(lang, "install-number-label"),
                        self.application_number.as_ref()
                    ),
                    line(t!(lang, "install-folder-label"), self.folder.as_ref()),
                ]
                .spacing(10),
            )
            .push(action(t!(lang, "install-start"), None, true))
            .push(caption(t!(lang, "install-waiting")))
            .into()
    }
}
