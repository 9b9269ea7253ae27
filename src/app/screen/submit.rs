//! Key generation and submission: the stages as they happen, and the application number
//! once the service gives one.

use iced::widget::{column, text};
use iced::{Element, Font};

use crate::app::keys::Prepared;
use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, banner, caption, page};
use crate::i18n::Language;
use crate::t;

/// Where submission is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Stage {
    #[default]
    Idle,
    /// Both pairs being generated and saved encrypted.
    Keys,
    /// The requests on their way to the service.
    Sending,
    /// The service gave an application number; it is stored beside the keys.
    Done,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub stage: Stage,
    /// Keys made and saved; kept so a failed send is retried with the same requests.
    pub prepared: Option<Prepared>,
    /// Set once the service has accepted the requests.
    pub application_number: Option<String>,
    /// Why the keys could not be made or saved (translated).
    pub problem: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Start,
}

impl State {
    pub fn can_continue(&self) -> bool {
        self.stage == Stage::Done
    }

    /// `on_device`: the keys are made on a device (no folder, no password).
    pub fn view(&self, lang: Language, on_device: bool) -> Element<'_, Message> {
        let stages = if on_device {
            [
                (Stage::Keys, t!(lang, "submit-stage-device-keys")),
                (Stage::Keys, t!(lang, "submit-stage-device-requests")),
                (Stage::Sending, t!(lang, "submit-stage-send")),
            ]
        } else {
            [
                (Stage::Keys, t!(lang, "submit-stage-keys")),
                (Stage::Keys, t!(lang, "submit-stage-save")),
                (Stage::Sending, t!(lang, "submit-stage-send")),
            ]
        };
        let lines = column(
            stages
                .into_iter()
                .enumerate()
                .map(|(index, (stage, label))| {
                    let (state, color, font) = if self.stage > stage {
                        (t!(lang, "submit-state-done"), theme::SUCCESS, theme::FONT)
                    } else if self.stage == stage {
                        (
                            t!(lang, "submit-state-active"),
                            theme::PRIMARY,
                            theme::FONT_STRONG,
                        )
                    } else {
                        (String::new(), theme::MUTED, theme::FONT)
                    };
                    let line = format!("{}.  {label}", index + 1);
                    let line = if state.is_empty() {
                        line
                    } else {
                        format!("{line} — {state}")
                    };
                    text(line)
                        .size(theme::TEXT_SIZE)
                        .color(color)
                        .font(Font { ..font })
                        .into()
                }),
        )
        .spacing(8);
        let start = (self.stage == Stage::Idle && (on_device || self.prepared.is_none()))
            .then(|| action(t!(lang, "submit-start"), Some(Message::Start), true));
        let number = self.application_number.as_ref().map(|number| {
            banner(
                Banner::Success,
                t!(lang, "submit-number", number = number.as_str()),
            )
        });
        let problem = self
            .problem
            .as_ref()
            .map(|problem| banner(Banner::Error, problem.clone()));
        page(t!(lang, "submit-title"), t!(lang, "submit-intro"))
            .push(lines)
            .push(problem)
            .push(start)
            .push(number)
            .push((self.stage == Stage::Done).then(|| {
                caption(if on_device {
                    t!(lang, "submit-device-keys")
                } else {
                    t!(lang, "submit-keys-saved")
                })
            }))
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        State::can_continue(self)
    }

    fn needs_service(&self) -> bool {
        true
    }
}
