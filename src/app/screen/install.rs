//! Certificate installation: asks whether the certificates are issued, downloads them and
//! writes the two PKCS#12 files next to the keys. Also reached from the welcome screen for
//! keys made earlier: the folder is searched for keys waiting for their certificates, and
//! the key password is asked. With keys on a device, the certificates are written to it; if
//! no session is open (after a restart, or the device was pulled out), its PIN is asked here.

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{column, row, text};
use iced::{Element, Fill};
use qoltanba_core::domain::KeyPassword;
use qoltanba_core::protocol::{ApplicationStatus, ApplicationStatusResponse};
use qoltanba_core::store::{PendingKeys, StoreError};
use qoltanba_core::token::{DeviceKeys, TokenPin};
use zeroize::Zeroize;

use crate::app::screen::clamp_path;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, caption, field, page};
use crate::app::{explain, theme};
use crate::i18n::Language;
use crate::t;

pub const FOLDER_ID: &str = "install-folder";
pub const PASSWORD_ID: &str = "install-password";
pub const DEVICE_PIN_ID: &str = "install-device-pin";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    #[default]
    Idle,
    Checking,
    /// The service has not issued the certificates yet.
    NotYet,
    Writing,
}

#[derive(Clone, Default)]
pub struct State {
    pub folder: String,
    password: String,
    /// The kit whose certificates are installed (found in the folder or just made).
    pub pending: Option<PendingKeys>,
    /// Searching the folder found nothing to install, or could not read it.
    pub search: Option<Result<usize, Arc<StoreError>>>,
    pub stage: Stage,
    pub status: Option<ApplicationStatusResponse>,
    /// Why the files could not be written (translated).
    pub problem: Option<String>,
    /// The device holding the keys, when they are on one.
    pub device: Option<DeviceKeys>,
    /// The application number of the keys on the device.
    pub device_number: Option<String>,
    device_pin: String,
}

impl Drop for State {
    fn drop(&mut self) {
        self.password.zeroize();
        self.device_pin.zeroize();
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("folder", &self.folder)
            .field("password", &"***")
            .field("pending", &self.pending)
            .field("device", &self.device)
            .field("device_pin", &"***")
            .field("stage", &self.stage)
            .finish()
    }
}

#[derive(Clone)]
pub enum Message {
    FolderChanged(String),
    Browse,
    Picked(Option<PathBuf>),
    /// Enter in the folder field: search it.
    Find,
    PasswordChanged(String),
    DevicePinChanged(String),
    Start,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Message::FolderChanged(folder) => write!(f, "FolderChanged({folder:?})"),
            Message::Browse => f.write_str("Browse"),
            Message::Picked(folder) => write!(f, "Picked({folder:?})"),
            Message::Find => f.write_str("Find"),
            Message::PasswordChanged(_) => f.write_str("PasswordChanged(***)"),
            Message::DevicePinChanged(_) => f.write_str("DevicePinChanged(***)"),
            Message::Start => f.write_str("Start"),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Event {
    Browse,
    Find(PathBuf),
    Install,
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::FolderChanged(value) => {
                self.folder = clamp_path(value);
                self.search = None;
                self.pending = None;
                None
            }
            Message::Browse => Some(Event::Browse),
            Message::Picked(Some(folder)) => {
                self.folder = folder.display().to_string();
                self.pending = None;
                self.folder().map(Event::Find)
            }
            Message::Picked(None) => None,
            Message::Find => self.folder().map(Event::Find),
            Message::PasswordChanged(mut value) => {
                self.password.zeroize();
                self.password = crate::app::screen::clamp_input(std::mem::take(&mut value));
                value.zeroize();
                self.problem = None;
                None
            }
            Message::DevicePinChanged(mut value) => {
                self.device_pin.zeroize();
                self.device_pin = crate::app::screen::clamp_input(std::mem::take(&mut value));
                value.zeroize();
                self.problem = None;
                None
            }
            Message::Start => ((self.pending.is_some() || self.device.is_some())
                && !matches!(self.stage, Stage::Checking | Stage::Writing))
            .then_some(Event::Install),
        }
    }

    pub fn folder(&self) -> Option<PathBuf> {
        let path = PathBuf::from(self.folder.trim());
        path.is_absolute().then_some(path)
    }

    /// The password typed here (the "install keys made earlier" path).
    /// What is typed so far: the key password and the device PIN (the kiosk keypad edits them).
    pub fn typed(&self) -> (&str, &str) {
        (&self.password, &self.device_pin)
    }

    pub fn password(&self) -> Option<KeyPassword> {
        KeyPassword::parse(&self.password).ok()
    }

    /// The device PIN typed here, if any.
    pub fn device_pin(&self) -> Option<TokenPin> {
        (!self.device_pin.is_empty()).then(|| TokenPin::new(self.device_pin.clone()))
    }

    pub fn forget_pin(&mut self) {
        self.device_pin.zeroize();
    }

    /// What searching the folder found: the newest kit that has an application number.
    pub fn found(&mut self, result: Result<Vec<PendingKeys>, Arc<StoreError>>) {
        match result {
            Ok(kits) => {
                let count = kits.len();
                self.pending = kits
                    .into_iter()
                    .filter(|k| k.application_number().is_some() && !k.is_installed())
                    .max_by(|a, b| a.created_at().cmp(b.created_at()));
                self.search = Some(Ok(count));
            }
            Err(error) => {
                self.pending = None;
                self.search = Some(Err(error));
            }
        }
    }

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
                    .map(|problem| banner(Banner::Error, problem.clone())),
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
            .color(theme::MUTED)
            .width(Fill),
        text(value.unwrap_or_else(|| t!(lang, "review-unknown")))
            .size(theme::TEXT_SIZE)
            .font(theme::FONT_STRONG)
            .width(Fill),
    ]
    .into()
}
