//! Key generation and submission: the stages the user will watch, and the application number
//! once the service gives one.

use iced::Element;
use iced::widget::{column, text};

use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, banner, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub struct State {
    /// Set once the service has accepted the requests.
    pub application_number: Option<String>,
}

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, ()> {
        let stages = column(
            [
                t!(lang, "submit-stage-prepare"),
                t!(lang, "submit-stage-auth"),
                t!(lang, "submit-stage-sign"),
                t!(lang, "submit-stage-send"),
            ]
            .into_iter()
            .enumerate()
            .map(|(index, stage)| {
                text(format!("{}.  {stage}", index + 1))
                    .size(theme::TEXT_SIZE)
                    .into()
            }),
        )
        .spacing(8);
        let number = self.application_number.as_ref().map(|number| {
            banner(
                Banner::Success,
                t!(lang, "submit-number", number = number.as_str()),
            )
        });
        page(t!(lang, "submit-title"), t!(lang, "submit-intro"))
            .push(stages)
            .push(action(t!(lang, "submit-start"), None, true))
            .push(number)
            .into()
    }
}
