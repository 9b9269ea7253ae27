//! Where the keys go: a folder on this PC (flagged as the less safe choice) or a PKCS#11
//! device. The folder is checked before any key is made (writable, space, no kit there);
//! the device picker and its PIN entry are in [`super::devices`], the device's own work in
//! [`device`]. Next hands the checked choice on to the later steps (`Shared.application`).

mod device;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;
use qoltanba_core::protocol::KeyAlgorithm;
use qoltanba_core::store::{self, FolderCheck, StoreError};

use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::{Event, Screen, clamp_path, devices};
use crate::app::shared::{Shared, Storage};
use crate::app::step::Step;
use crate::t;
use qoltanba_core::token::DeviceError;
use qoltanba_core::token::devices::{DeviceSession, Listing};

pub use device::SCAN_INTERVAL;

pub const FOLDER_ID: &str = "folder-input";
/// The "compatible with older software" checkbox (its keyboard focus id).
pub const COMPATIBLE_ID: &str = "storage-compatible";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Folder,
    Device,
}

/// The key type the citizen picks for a kit in a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeyType {
    /// GOST 34.10-2015, 512 bits: one key for login and signing, what НУЦ issues today.
    #[default]
    Gost,
    /// RSA-2048: two keys, for older systems.
    Rsa,
}

impl KeyType {
    pub fn algorithm(self) -> KeyAlgorithm {
        match self {
            KeyType::Gost => KeyAlgorithm::Gost2015_512,
            KeyType::Rsa => KeyAlgorithm::Rsa2048,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub kind: Kind,
    /// GOST (the default) or RSA, for a kit in a folder.
    pub key_type: KeyType,
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
    /// "Choose folder…" was pressed where no dialog can be shown: the step says so.
    pub no_dialog: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    KindPicked(Kind),
    KeyTypePicked(KeyType),
    FolderChanged(String),
    Browse,
    Picked(Option<PathBuf>),
    UseSuggested,
    CompatibleToggled(bool),
    Submitted,
    Device(devices::Message),
    Checked(Result<FolderCheck, Arc<StoreError>>),
    /// A device scan answered.
    Listed(Listing),
    LoggedIn(Result<DeviceSession, DeviceError>),
    PinReplaced(Result<(), DeviceError>),
    /// A device session was closed on a worker thread.
    Closed,
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

    /// Next: the folder is checked before the password is asked; a device logs in (and a
    /// factory PIN is replaced) before the keys are made.
    pub fn next(&mut self, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        if self.kind() == Kind::Device {
            return self.device_next(ctx);
        }
        let Some(folder) = self.folder() else {
            return (Task::none(), None);
        };
        if self.checked_folder().is_some() {
            return (Task::none(), self.hand_over(ctx));
        }
        self.checking = true;
        let check = Task::perform(
            async move {
                tokio::task::spawn_blocking(move || store::preflight(&folder))
                    .await
                    .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))
                    .and_then(|checked| checked)
                    .map_err(Arc::new)
            },
            Message::Checked,
        );
        (check, None)
    }

    /// While devices are shown (or none was listed yet, which decides what is offered), the
    /// list is refreshed every two seconds.
    pub fn subscription(&self) -> iced::Subscription<Message> {
        if self.kind() == Kind::Device || self.device.listing.is_none() {
            iced::time::every(SCAN_INTERVAL).map(|_| Message::Device(devices::Message::Tick))
        } else {
            iced::Subscription::none()
        }
    }

    /// Opening the step: the devices are listed.
    pub fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.scan(false, ctx)
    }

    /// The checked folder goes on to the later steps.
    fn hand_over(&self, ctx: &mut Shared) -> Option<Event> {
        let check = self.checked_folder()?.clone();
        ctx.application.storage = Some(Storage::Folder {
            check,
            format: self.format(),
            algorithm: self.key_type.algorithm(),
        });
        Some(Event::Go(Step::KeyPassword))
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
}

/// The system folder dialog (`None`: cancelled, or no dialog could be shown).
pub fn pick_folder(title: String) -> Task<Option<PathBuf>> {
    Task::future(async move {
        rfd::AsyncFileDialog::new()
            .set_title(title)
            .pick_folder()
            .await
            .map(|handle| handle.path().to_owned())
    })
}

impl Screen for State {
    fn can_continue(&self, _ctx: &Shared) -> bool {
        State::can_continue(self)
    }

    fn focus(&self) -> Option<&'static str> {
        Some(FOLDER_ID)
    }

    fn keypad(&self, _ctx: &Shared) -> Vec<KeypadField> {
        use devices::Stage;
        if self.device.selected().is_none() {
            return Vec::new();
        }
        match self.device.stage {
            Stage::Pin => vec![KeypadField::DevicePin],
            Stage::NewPin => vec![KeypadField::DeviceNewPin, KeypadField::DeviceNewPinRepeat],
            _ => Vec::new(),
        }
    }

    fn arrow(&mut self, _up: bool) {
        self.cycle();
    }

    /// Left: GOST, right: RSA (the cards' order), for a kit in a folder.
    fn side(&mut self, right: bool) {
        if self.kind() == Kind::Folder {
            self.key_type = if right { KeyType::Rsa } else { KeyType::Gost };
        }
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

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::KindPicked(kind) => {
                self.kind = kind;
                self.chosen = true;
            }
            Message::KeyTypePicked(key_type) => self.key_type = key_type,
            Message::FolderChanged(value) => {
                self.chosen = true;
                self.folder = clamp_path(value);
                self.check = None;
            }
            Message::Browse if !ctx.dialogs.can_show_dialog() => {
                self.no_dialog = true;
                return (Task::none(), Some(Event::Focus(FOLDER_ID)));
            }
            Message::Browse => {
                let title = t!(ctx.lang, "storage-dialog-title");
                return (pick_folder(title).map(Message::Picked), None);
            }
            Message::Picked(Some(folder)) => {
                self.folder = folder.display().to_string();
                self.check = None;
            }
            Message::Picked(None) | Message::Closed => {}
            Message::UseSuggested => {
                if let Some(Ok(FolderCheck {
                    suggested_subfolder: Some(suggested),
                    ..
                })) = &self.check
                {
                    self.folder = suggested.display().to_string();
                    self.check = None;
                }
            }
            Message::CompatibleToggled(value) => self.compatible = value,
            Message::Submitted => {
                let event = self.can_continue().then_some(Event::Next);
                return (Task::none(), event);
            }
            Message::Checked(result) => {
                self.checking = false;
                self.check = Some(result);
                return (Task::none(), self.hand_over(ctx));
            }
            Message::Device(message) => return self.on_picker(message, ctx),
            Message::Listed(listing) => return (self.on_listed(listing, ctx), None),
            Message::LoggedIn(result) => return self.on_logged_in(result, ctx),
            Message::PinReplaced(result) => return self.on_pin_replaced(result, ctx),
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> iced::Element<'a, Message> {
        State::view(self, ctx.lang)
    }

    fn next(&mut self, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        State::next(self, ctx)
    }

    fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::enter(self, ctx)
    }

    fn subscription(&self, _ctx: &Shared) -> iced::Subscription<Message> {
        State::subscription(self)
    }
}
