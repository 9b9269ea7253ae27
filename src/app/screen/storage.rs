//! Where the keys go: a folder on this PC (flagged as the less safe choice) or a PKCS#11
//! device. The folder is checked before any key is made (writable, space, no kit there);
//! the device picker and its PIN entry are in [`super::devices`].

use std::path::PathBuf;
use std::sync::Arc;

use qoltanba_core::store::{FolderCheck, StoreError};
use qoltanba_core::token::devices::Listing;

use iced::Element;
use iced::widget::{checkbox, column, row};

use crate::app::screen::{clamp_path, devices};
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, choice, field, page};
use crate::app::{explain, theme};
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
    /// The folder check for what is typed now; cleared when the path changes.
    pub check: Option<Result<FolderCheck, Arc<StoreError>>>,
    pub checking: bool,
    /// Write the files in the older format old software reads (3DES, SHA-1 MAC).
    pub compatible: bool,
    /// The citizen chose the kind (or typed a folder); until then a plugged-in device is
    /// offered first, being the safer place.
    chosen: bool,
    pub device: devices::State,
}

#[derive(Debug, Clone)]
pub enum Message {
    KindPicked(Kind),
    FolderChanged(String),
    Browse,
    Picked(Option<PathBuf>),
    UseSuggested,
    CompatibleToggled(bool),
    Submitted,
    Device(devices::Message),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Continue,
    Browse,
    /// List the devices; `reload` loads the modules again first.
    Scan {
        reload: bool,
    },
}

impl State {
    pub fn new(kiosk: bool) -> Self {
        State {
            kiosk,
            folder: default_folder()
                .map(|f| f.display().to_string())
                .unwrap_or_default(),
            ..State::default()
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::KindPicked(kind) => {
                self.kind = kind;
                self.chosen = true;
                None
            }
            Message::FolderChanged(value) => {
                self.chosen = true;
                self.folder = clamp_path(value);
                self.check = None;
                None
            }
            Message::Browse => Some(Event::Browse),
            Message::Picked(Some(folder)) => {
                self.folder = folder.display().to_string();
                self.check = None;
                None
            }
            Message::Picked(None) => None,
            Message::UseSuggested => {
                if let Some(Ok(FolderCheck {
                    suggested_subfolder: Some(suggested),
                    ..
                })) = &self.check
                {
                    self.folder = suggested.display().to_string();
                    self.check = None;
                }
                None
            }
            Message::CompatibleToggled(value) => {
                self.compatible = value;
                None
            }
            Message::Submitted => self.can_continue().then_some(Event::Continue),
            Message::Device(message) => match self.device.update(message)? {
                devices::Event::Continue => Some(Event::Continue),
                devices::Event::Scan { reload } => Some(Event::Scan { reload }),
            },
        }
    }

    /// A device scan answered. Returns whether the picked device went away.
    pub fn listed(&mut self, listing: Listing) -> bool {
        let gone = self.device.listed(listing);
        if !self.chosen && self.device.any() {
            self.kind = Kind::Device;
        }
        gone
    }

    pub fn kind(&self) -> Kind {
        if self.kiosk { Kind::Device } else { self.kind }
    }

    /// Arrow keys move between the two choices.
    pub fn cycle(&mut self) {
        if !self.kiosk {
            self.chosen = true;
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

    /// The folder, once checked and free of earlier kits.
    pub fn checked_folder(&self) -> Option<&FolderCheck> {
        match &self.check {
            Some(Ok(check)) if check.existing_key_files.is_empty() => Some(check),
            _ => None,
        }
    }

    pub fn format(&self) -> qoltanba_core::pki::Pkcs12Format {
        if self.compatible {
            qoltanba_core::pki::Pkcs12Format::Compatible
        } else {
            qoltanba_core::pki::Pkcs12Format::Modern
        }
    }

    pub fn can_continue(&self) -> bool {
        match self.kind() {
            Kind::Folder => {
                self.folder().is_some()
                    && !self.checking
                    && (self.check.is_none() || self.checked_folder().is_some())
            }
            Kind::Device => self.device.can_continue(),
        }
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let kind = self.kind();
        let mut content = page(t!(lang, "storage-title"), t!(lang, "storage-intro"));
        let device_card = choice(
            t!(lang, "storage-device"),
            Some(t!(lang, "storage-device-detail")),
            kind == Kind::Device,
            Some(Message::KindPicked(Kind::Device)),
        );
        if self.kiosk {
            content = content
                .push(banner(Banner::Info, t!(lang, "storage-kiosk-note")))
                .push(device_card);
        } else {
            // Side by side, so the device list below fits on the screen without scrolling.
            let folder_card = choice(
                t!(lang, "storage-folder"),
                Some(t!(lang, "storage-folder-detail")),
                kind == Kind::Folder,
                Some(Message::KindPicked(Kind::Folder)),
            );
            content = content.push(row![folder_card, device_card].spacing(12));
        }
        let details: Element<'_, Message> = match kind {
            Kind::Folder => {
                let feedback = if self.folder.trim().is_empty() {
                    Feedback::Hint(t!(lang, "storage-folder-empty"))
                } else if self.folder().is_none() {
                    Feedback::Error(t!(lang, "storage-folder-relative"))
                } else {
                    match &self.check {
                        Some(Err(error)) => Feedback::Error(explain::store(lang, error)),
                        Some(Ok(check)) if !check.existing_key_files.is_empty() => {
                            Feedback::Error(t!(
                                lang,
                                "storage-folder-has-keys",
                                count = check.existing_key_files.len()
                            ))
                        }
                        Some(Ok(_)) => Feedback::Valid(t!(lang, "storage-folder-ok")),
                        None if self.checking => Feedback::Hint(t!(lang, "storage-checking")),
                        None => Feedback::Hint(t!(lang, "storage-folder-hint")),
                    }
                };
                let suggestion = match &self.check {
                    Some(Ok(FolderCheck {
                        suggested_subfolder: Some(suggested),
                        existing_key_files,
                        ..
                    })) if !existing_key_files.is_empty() => Some(action(
                        t!(
                            lang,
                            "storage-use-subfolder",
                            folder = suggested
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ),
                        Some(Message::UseSuggested),
                        true,
                    )),
                    _ => None,
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
                    row![action(
                        t!(lang, "storage-folder-browse"),
                        Some(Message::Browse),
                        false
                    )]
                    .push(suggestion)
                    .spacing(12),
                    checkbox(self.compatible)
                        .label(t!(lang, "storage-compatible"))
                        .on_toggle(Message::CompatibleToggled)
                        .size(22)
                        .text_size(theme::SMALL_SIZE),
                ]
                .spacing(12)
                .into()
            }
            Kind::Device => self.device.view(lang).map(Message::Device),
        };
        content.push(details).into()
    }
}

/// Where keys go unless the citizen picks another folder: `Documents/Qoltanba` (Latin, so
/// every program that opens the files copes with the path).
pub fn default_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs
        .document_dir()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_else(|| dirs.home_dir().to_path_buf());
    Some(base.join("Qoltanba"))
}
