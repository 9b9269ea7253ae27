//! Where the keys go: a folder on this PC (flagged as the less safe choice) or a PKCS#11
//! device. The folder dialog and the device list come with the key and token engines.

use std::path::PathBuf;

use iced::Element;
use iced::widget::{column, row};

use crate::app::screen::clamp_input;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, caption, choice, field, page, section};
use crate::i18n::Language;
use crate::t;

pub const FOLDER_ID: &str = "folder-input";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Folder,
    Device,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub kind: Kind,
    folder: String,
    /// Kiosks keep nothing of the citizen on their disk, so only devices are offered.
    pub kiosk: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    KindPicked(Kind),
    FolderChanged(String),
    Submitted,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Continue,
}

impl State {
    pub fn new(kiosk: bool) -> Self {
        State {
            kiosk,
            ..State::default()
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::KindPicked(kind) => {
                self.kind = kind;
                None
            }
            Message::FolderChanged(value) => {
                self.folder = clamp_input(value);
                None
            }
            Message::Submitted => self.can_continue().then_some(Event::Continue),
        }
    }

    pub fn kind(&self) -> Kind {
        if self.kiosk { Kind::Device } else { self.kind }
    }

    /// Arrow keys move between the two choices.
    pub fn cycle(&mut self) {
        if !self.kiosk {
            self.kind = match self.kind {
                Kind::Folder => Kind::Device,
                Kind::Device => Kind::Folder,
            };
        }
    }

    pub fn folder(&self) -> Option<PathBuf> {
        let path = PathBuf::from(self.folder.trim());
        (path.is_absolute()).then_some(path)
    }

    pub fn can_continue(&self) -> bool {
        match self.kind() {
            Kind::Folder => self.folder().is_some(),
            // No device can be picked until the token engine lists them.
            Kind::Device => false,
        }
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let kind = self.kind();
        let mut content = page(t!(lang, "storage-title"), t!(lang, "storage-intro"));
        if self.kiosk {
            content = content.push(banner(Banner::Info, t!(lang, "storage-kiosk-note")));
        } else {
            content = content.push(choice(
                t!(lang, "storage-folder"),
                Some(t!(lang, "storage-folder-detail")),
                kind == Kind::Folder,
                Some(Message::KindPicked(Kind::Folder)),
            ));
        }
        content = content.push(choice(
            t!(lang, "storage-device"),
            Some(t!(lang, "storage-device-detail")),
            kind == Kind::Device,
            Some(Message::KindPicked(Kind::Device)),
        ));
        let details: Element<'_, Message> = match kind {
            Kind::Folder => {
                let feedback = if self.folder.trim().is_empty() {
                    Feedback::Hint(t!(lang, "storage-folder-empty"))
                } else if self.folder().is_none() {
                    Feedback::Error(t!(lang, "storage-folder-relative"))
                } else {
                    Feedback::None
                };
                column![
                    banner(Banner::Warning, t!(lang, "storage-folder-warning")),
                    field(Field {
                        label: t!(lang, "storage-folder-label"),
                        placeholder: t!(lang, "storage-folder-placeholder"),
                        value: &self.folder,
                        id: FOLDER_ID,
                        secure: false,
                        feedback,
                        on_input: Box::new(Message::FolderChanged),
                        on_submit: Some(Message::Submitted),
                    }),
                    action(t!(lang, "storage-folder-browse"), None, false),
                ]
                .spacing(12)
                .into()
            }
            Kind::Device => column![
                section(t!(lang, "storage-device-list")),
                caption(t!(lang, "storage-device-none")),
                row![action(t!(lang, "storage-device-refresh"), None, false)],
            ]
            .spacing(10)
            .into(),
        };
        content.push(details).into()
    }
}
