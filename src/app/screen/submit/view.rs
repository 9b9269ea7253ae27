//! What the submit step shows: the stages as they happen, what went wrong, and the
//! application number once the service gives one.

use iced::widget::{column, text};

/// The folder field shown when the kit could not be written.
pub const KIT_FOLDER_ID: &str = "submit-kit-folder";
use iced::{Element, Font};

use super::{Message, Problem, Stage, State};
use crate::app::explain;
use crate::app::shared::Shared;
use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, caption, field, page};
use crate::i18n::Language;
use crate::t;
use qoltanba_core::protocol::KeyAlgorithm;

impl Problem {
    /// In the citizen's language, at view time.
    pub fn text(&self, lang: Language) -> String {
        match self {
            Problem::Missing => t!(lang, "submit-missing"),
            Problem::MissingDevice => t!(lang, "submit-missing-device"),
            Problem::Store(error) => explain::store(lang, error),
            Problem::Device(error) => explain::device(lang, error),
            Problem::KeysRemoved => t!(lang, "submit-device-keys-removed"),
            Problem::RecordNotSaved(error) => t!(
                lang,
                "submit-record-not-saved",
                reason = explain::store(lang, error)
            ),
        }
    }
}

/// Which keys a device gets and why: GOST when its module offers GOST 2012-512 key pairs,
/// RSA-2048 otherwise; before a session is open, the rule itself.
pub fn device_key_line(lang: Language, offers_gost: Option<bool>) -> String {
    match offers_gost {
        Some(true) => t!(lang, "storage-device-gost-on-device"),
        Some(false) => t!(lang, "storage-device-gost-none"),
        None => t!(lang, "storage-device-key-rule"),
    }
}

impl State {
    /// `on_device`: the keys are made on a device (no folder, no password).
    pub fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        let lang = ctx.lang;
        let on_device = ctx.application.on_device();
        let gost = ctx.application.algorithm() == KeyAlgorithm::Gost2015_512;
        let device_gost = on_device
            && ctx
                .devices
                .session
                .as_ref()
                .is_some_and(|s| s.offers_gost_512_key_pairs());
        let stages = if device_gost {
            [
                (Stage::Keys, t!(lang, "submit-stage-device-keys-gost")),
                (Stage::Keys, t!(lang, "submit-stage-device-request-gost")),
                (Stage::Sending, t!(lang, "submit-stage-send")),
            ]
        } else if on_device {
            [
                (Stage::Keys, t!(lang, "submit-stage-device-keys")),
                (Stage::Keys, t!(lang, "submit-stage-device-requests")),
                (Stage::Sending, t!(lang, "submit-stage-send")),
            ]
        } else if gost {
            [
                (Stage::Keys, t!(lang, "submit-stage-keys-gost")),
                (Stage::Keys, t!(lang, "submit-stage-save-gost")),
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
                        (t!(lang, "submit-state-done"), theme::success(), theme::FONT)
                    } else if self.stage == stage {
                        (
                            t!(lang, "submit-state-active"),
                            theme::primary(),
                            theme::FONT_STRONG,
                        )
                    } else {
                        (String::new(), theme::muted(), theme::FONT)
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
        let start = (self.stage == Stage::Idle
            && (on_device || ctx.application.prepared.is_none()))
        .then(|| action(t!(lang, "submit-start"), Some(Message::Start), true));
        let number = ctx.application.number.as_ref().map(|number| {
            banner(
                Banner::Success,
                t!(lang, "submit-number", number = number.as_str()),
            )
        });
        let problem = self.problem.as_ref().map(|problem| {
            let text = match (self.stage, problem) {
                (Stage::NotWritten, Problem::Store(error)) => {
                    t!(
                        lang,
                        "submit-not-written",
                        reason = explain::store(lang, error)
                    )
                }
                _ => problem.text(lang),
            };
            banner(Banner::Error, text)
        });
        let write_kit = (self.stage == Stage::NotWritten).then(|| {
            column![
                field(Field {
                    label: t!(lang, "submit-kit-folder-label"),
                    placeholder: String::new(),
                    value: &self.folder,
                    id: KIT_FOLDER_ID,
                    secure: false,
                    feedback: Feedback::None,
                    on_input: Box::new(Message::Folder),
                    on_submit: Some(Message::WriteKit),
                }),
                action(t!(lang, "submit-kit-write"), Some(Message::WriteKit), true),
            ]
            .spacing(8)
        });
        let gost = gost || device_gost;
        let intro = if gost {
            t!(lang, "submit-intro-gost")
        } else {
            t!(lang, "submit-intro")
        };
        // On a device the keys are GOST where its module offers GOST 2012-512 key pairs,
        // else RSA-2048, and the citizen is told which and why once the session is open.
        let offers_gost = ctx
            .devices
            .session
            .as_ref()
            .map(|s| s.offers_gost_512_key_pairs());
        let device_line = on_device.then(|| caption(device_key_line(lang, offers_gost)));
        page(t!(lang, "submit-title"), intro)
            .push(device_line)
            .push(lines)
            .push(problem)
            .push(write_kit)
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
