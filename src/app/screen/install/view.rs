//! What the install step shows: the kit (or device) found, the password or device PIN when
//! it is not known yet, the service's answer and what went wrong.

use iced::widget::{column, row, text};
use iced::{Element, Fill};
use qoltanba_core::domain::KeyPassword;
use qoltanba_core::protocol::ApplicationStatus;

use super::{DEVICE_PIN_ID, FOLDER_ID, Message, PASSWORD_ID, Problem, Stage, State};
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, caption, field, page};
use crate::app::{explain, theme};
use crate::i18n::Language;
use crate::t;
use qoltanba_core::token::DeviceKeys;

impl Problem {
    /// In the citizen's language, at view time.
    pub fn text(&self, lang: Language) -> String {
        match self {
            Problem::Store(error) => explain::store(lang, error),
            Problem::Device(error) => explain::device(lang, error),
            Problem::DevicePinNeeded => t!(lang, "install-device-pin-hint"),
            Problem::KeysRemoved => t!(lang, "submit-device-keys-removed"),
        }
    }
}

impl State {
    /// `password_known`: the key password was typed earlier in this run; `session_open`: the
    /// device with the keys is unlocked already.
    pub fn view(
        &self,
        lang: Language,
        password_known: bool,
        session_open: bool,
    ) -> Element<'_, Message> {
        if let Some(device) = &self.device {
            return self.device_view(lang, device, session_open);
        }
        let line = |label: String, value: Option<String>| info_line(lang, label, value);
        let number = self
            .pending
            .as_ref()
            .and_then(|p| p.application_number())
            .map(|n| n.as_str().to_owned());
        let folder_feedback = match &self.search {
            Some(Err(error)) => Feedback::Error(explain::store(lang, error)),
            Some(Ok(_)) if self.pending.is_none() => {
                Feedback::Error(t!(lang, "install-nothing-found"))
            }
            Some(Ok(_)) => Feedback::Valid(t!(lang, "install-found")),
            None => Feedback::Hint(t!(lang, "install-folder-hint")),
        };
        let mut content = page(t!(lang, "install-title"), t!(lang, "install-intro"))
            .push(field(Field {
                label: t!(lang, "install-folder-label"),
                placeholder: t!(lang, "storage-folder-placeholder"),
                value: &self.folder,
                id: FOLDER_ID,
                secure: false,
                feedback: folder_feedback,
                on_input: Box::new(Message::FolderChanged),
                on_submit: Some(Message::Find),
            }))
            .push(row![action(
                t!(lang, "storage-folder-browse"),
                Some(Message::Browse),
                false
            )])
            .push(
                self.no_dialog
                    .then(|| banner(Banner::Warning, t!(lang, "a11y-no-folder-dialog"))),
            )
            .push(
                column![
                    line(t!(lang, "install-number-label"), number),
                    line(
                        t!(lang, "install-owner-label"),
                        self.pending.as_ref().map(|p| p.owner().to_owned())
                    ),
                ]
                .spacing(10),
            );
        if !password_known {
            let feedback = if self.password.is_empty() {
                Feedback::Hint(t!(lang, "install-password-hint"))
            } else {
                match KeyPassword::parse(&self.password) {
                    Ok(_) => Feedback::None,
                    Err(error) => Feedback::Error(explain::key_password(lang, error)),
                }
            };
            content = content.push(field(Field {
                label: t!(lang, "password-label"),
                placeholder: String::new(),
                value: &self.password,
                id: PASSWORD_ID,
                secure: true,
                feedback,
                on_input: Box::new(Message::PasswordChanged),
                on_submit: Some(Message::Start),
            }));
        }
        let ready = self.pending.is_some()
            && (password_known || self.password().is_some())
            && matches!(self.stage, Stage::Idle | Stage::NotYet);
        self.footer(content, lang, ready, false)
    }

    fn device_view<'a>(
        &'a self,
        lang: Language,
        device: &'a DeviceKeys,
        session_open: bool,
    ) -> Element<'a, Message> {
        let number = info_line(
            lang,
            t!(lang, "install-number-label"),
            self.device_number.clone(),
        );
        let mut content = page(t!(lang, "install-title"), t!(lang, "install-device-intro")).push(
            column![
                number,
                info_line(
                    lang,
                    t!(lang, "install-device-label"),
                    Some(t!(
                        lang,
                        "install-device-value",
                        device = device.label.as_str(),
                        serial = device.serial.as_str()
                    ))
                ),
            ]
            .spacing(10),
        );
        if !session_open {
            content = content.push(field(Field {
                label: t!(lang, "storage-pin-label", device = device.label.as_str()),
                placeholder: String::new(),
                value: &self.device_pin,
                id: DEVICE_PIN_ID,
                secure: true,
                feedback: Feedback::Hint(t!(lang, "install-device-pin-hint")),
                on_input: Box::new(Message::DevicePinChanged),
                on_submit: Some(Message::Start),
            }));
        }
        let ready = (session_open || !self.device_pin.is_empty())
            && matches!(self.stage, Stage::Idle | Stage::NotYet);
        self.footer(content, lang, ready, true)
    }

    /// What both install screens end with: the state, any problem, the button and a note.
    fn footer<'a>(
        &'a self,
        content: iced::widget::Column<'a, Message>,
        lang: Language,
        ready: bool,
        device: bool,
    ) -> Element<'a, Message> {
        let note = if device {
            t!(lang, "install-device-note")
        } else {
            t!(lang, "install-note")
        };
        content
            .push(self.status_banner(lang, device))
            .push(
                self.problem
                    .as_ref()
                    .map(|problem| banner(Banner::Error, problem.text(lang))),
            )
            .push(action(
                t!(lang, "install-start"),
                ready.then_some(Message::Start),
                true,
            ))
            .push(caption(note))
            .into()
    }

    fn status_banner<'a>(&self, lang: Language, device: bool) -> Option<Element<'a, Message>> {
        match (&self.stage, &self.status) {
            (Stage::Checking, _) => Some(banner(Banner::Info, t!(lang, "install-checking"))),
            (Stage::Writing, _) => Some(banner(
                Banner::Info,
                if device {
                    t!(lang, "install-device-writing")
                } else {
                    t!(lang, "install-writing")
                },
            )),
            (Stage::NotYet, Some(status)) if status.status == ApplicationStatus::Rejected => {
                Some(banner(
                    Banner::Error,
                    t!(
                        lang,
                        "install-rejected",
                        reason = status.reason.clone().unwrap_or_default()
                    ),
                ))
            }
            (Stage::NotYet, _) => Some(banner(Banner::Warning, t!(lang, "install-waiting"))),
            _ => None,
        }
    }
}

/// "Label: value" in two columns; an unknown value is said so.
fn info_line<'a>(lang: Language, label: String, value: Option<String>) -> Element<'a, Message> {
    row![
        text(label)
            .size(theme::TEXT_SIZE)
            .color(theme::muted())
            .width(Fill),
        text(value.unwrap_or_else(|| t!(lang, "review-unknown")))
            .size(theme::TEXT_SIZE)
            .font(theme::FONT_STRONG)
            .width(Fill),
    ]
    .into()
}
