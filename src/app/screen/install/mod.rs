//! Certificate installation: asks whether the certificates are issued, downloads them and
//! writes the two PKCS#12 files next to the keys. Also reached from the welcome screen for
//! keys made earlier: the folder is searched for keys waiting for their certificates, and
//! the key password is asked. With keys on a device, the certificates are written to it; if
//! no session is open (after a restart, or the device was pulled out), its PIN is asked here.

mod device;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use iced::{Subscription, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::{ApplicationNumber, KeyPassword};
use qoltanba_core::protocol::{ApplicationStatus, ApplicationStatusResponse, CertificatesResponse};
use qoltanba_core::store::{self, InstalledKeys, PendingKeys, StoreError};
use qoltanba_core::token::TokenPin;
use zeroize::Zeroize;

use crate::app::screen::fields::Field as KeypadField;
use crate::app::screen::submit::blocking;
use crate::app::screen::{Event, Screen, clamp_path};
use crate::app::shared::{Shared, close};
use crate::app::step::Step;
use crate::t;
use qoltanba_core::pki::KitTrial;
use qoltanba_core::store::progress::Progress;
use qoltanba_core::token::DeviceError;
use qoltanba_core::token::DeviceKeys;
use qoltanba_core::token::devices::DeviceSession;

/// How often the step asks again while the certificates are not issued.
pub const ISSUE_POLL: std::time::Duration = std::time::Duration::from_secs(20);

/// What the service says about the application, with the certificates once issued.
type Issue = (ApplicationStatusResponse, Option<CertificatesResponse>);

/// Why the certificates could not be written; worded at view time.
#[derive(Debug, Clone)]
pub enum Problem {
    Store(Arc<StoreError>),
    Device(DeviceError),
    /// The device is not unlocked and no PIN was typed.
    DevicePinNeeded,
    /// The application was refused; its keys were taken off the device.
    KeysRemoved,
}

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
    /// Why the files could not be written.
    pub problem: Option<Problem>,
    /// The device holding the keys, when they are on one.
    pub device: Option<DeviceKeys>,
    /// The application number of the keys on the device.
    pub device_number: Option<String>,
    device_pin: String,
    /// "Choose folder…" was pressed where no dialog can be shown: the step says so.
    pub no_dialog: bool,
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
    /// The button, Enter and the poll while the certificates are not issued.
    Start,
    Found(Result<Vec<PendingKeys>, Arc<StoreError>>),
    Issued(Result<Issue, ClientError>),
    Installed(Result<InstalledKeys, Arc<StoreError>>),
    /// The session, and how each pair did when tried.
    DeviceInstalled(Result<(DeviceSession, Vec<KitTrial>), DeviceError>),
    DeviceKeysRemoved(Result<usize, DeviceError>),
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
            Message::Found(found) => write!(f, "Found({found:?})"),
            Message::Issued(issue) => write!(f, "Issued({issue:?})"),
            Message::Installed(files) => write!(f, "Installed({files:?})"),
            Message::DeviceInstalled(result) => {
                write!(f, "DeviceInstalled({:?})", result.as_ref().err())
            }
            Message::DeviceKeysRemoved(result) => write!(f, "DeviceKeysRemoved({result:?})"),
        }
    }
}

impl State {
    /// Opening the step: in the main flow the keys and password are at hand; otherwise the
    /// folder named by the stored progress is searched. With keys on a device and its session
    /// open, the service is asked at once; otherwise the citizen plugs the device in and types
    /// its PIN first.
    pub fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        if ctx.devices.pending.is_some() {
            self.device = ctx.devices.pending.clone();
            self.device_number = ctx.progress.application_number.clone().or_else(|| {
                ctx.application
                    .number
                    .as_ref()
                    .map(|n| n.as_str().to_owned())
            });
            return if ctx.devices.session.is_some() {
                self.check_issue(ctx)
            } else {
                Task::none()
            };
        }
        if self.pending.is_none() {
            self.pending = ctx
                .application
                .pending
                .clone()
                .or_else(|| ctx.application.prepared.as_ref().map(|p| p.pending.clone()));
            if let Some(pending) = &self.pending {
                self.folder = pending.folder().display().to_string();
            }
        }
        if self.pending.is_some() && ctx.application.password.is_some() {
            return self.check_issue(ctx);
        }
        match self.folder() {
            Some(_) if self.pending.is_none() => self.find(),
            _ => Task::none(),
        }
    }

    /// While the certificates are not issued, the service is asked again now and then.
    /// Whether the step asks the service again and again for the certificates.
    pub fn polls(&self) -> bool {
        self.stage == Stage::NotYet
    }

    pub fn subscription(&self) -> Subscription<Message> {
        if self.stage == Stage::NotYet {
            iced::time::every(ISSUE_POLL).map(|_| Message::Start)
        } else {
            Subscription::none()
        }
    }

    /// Searches the folder for kits waiting for their certificates.
    fn find(&self) -> Task<Message> {
        match self.folder() {
            Some(folder) => Task::perform(
                blocking(move || store::find_pending(&folder)),
                Message::Found,
            ),
            None => Task::none(),
        }
    }

    /// The key password: from the password step in the main flow, else typed here.
    fn key_password(&self, ctx: &Shared) -> Option<KeyPassword> {
        self.password().or_else(|| ctx.application.password.clone())
    }

    /// Asks the service whether the certificates are issued; installs them if so.
    fn check_issue(&mut self, ctx: &mut Shared) -> Task<Message> {
        let number = if ctx.devices.pending.is_some() {
            ctx.progress
                .application_number
                .as_deref()
                .and_then(|n| ApplicationNumber::parse(n).ok())
                .or_else(|| ctx.application.number.clone())
        } else {
            self.pending
                .as_ref()
                .and_then(|p| p.application_number().cloned())
        };
        let Some(number) = number else {
            return Task::none();
        };
        // Keys on a device need its PIN, asked when the certificates are written.
        if ctx.devices.pending.is_none() && self.key_password(ctx).is_none() {
            return Task::none();
        }
        self.stage = Stage::Checking;
        ctx.service.failure = None;
        ctx.service.request(
            move |client| async move {
                let status = client.application_status(&number).await?;
                if status.status != ApplicationStatus::Issued {
                    return Ok((status, None));
                }
                let certificates = client.certificates(&number).await?;
                Ok((status, Some(certificates)))
            },
            Message::Issued,
        )
    }

    fn write_files(&mut self, certificates: CertificatesResponse, ctx: &Shared) -> Task<Message> {
        let (Some(pending), Some(password)) = (self.pending.clone(), self.key_password(ctx)) else {
            return Task::none();
        };
        let format = ctx.application.format();
        self.stage = Stage::Writing;
        Task::perform(
            blocking(move || store::install(&pending, &password, &certificates, format)),
            Message::Installed,
        )
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
}

impl Screen for State {
    fn needs_service(&self) -> bool {
        true
    }

    fn keypad(&self, ctx: &Shared) -> Vec<KeypadField> {
        if self.device.is_some() {
            if ctx.devices.session.is_some() {
                Vec::new()
            } else {
                vec![KeypadField::InstallDevicePin]
            }
        } else if self.pending.is_some() {
            vec![KeypadField::InstallPassword]
        } else {
            Vec::new()
        }
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        let task = match message {
            Message::FolderChanged(value) => {
                self.folder = clamp_path(value);
                self.search = None;
                self.pending = None;
                Task::none()
            }
            Message::Browse if !ctx.dialogs.can_show_dialog() => {
                self.no_dialog = true;
                return (Task::none(), Some(Event::Focus(FOLDER_ID)));
            }
            Message::Browse => {
                let title = t!(ctx.lang, "storage-dialog-title");
                crate::app::screen::storage::pick_folder(title).map(Message::Picked)
            }
            Message::Picked(Some(folder)) => {
                self.folder = folder.display().to_string();
                self.pending = None;
                self.find()
            }
            Message::Picked(None) => Task::none(),
            Message::Find => self.find(),
            Message::PasswordChanged(mut value) => {
                self.password.zeroize();
                self.password = crate::app::screen::clamp_input(std::mem::take(&mut value));
                value.zeroize();
                self.problem = None;
                Task::none()
            }
            Message::DevicePinChanged(mut value) => {
                self.device_pin.zeroize();
                self.device_pin = crate::app::screen::clamp_input(std::mem::take(&mut value));
                value.zeroize();
                self.problem = None;
                Task::none()
            }
            Message::Start => {
                if (self.pending.is_some() || self.device.is_some())
                    && !matches!(self.stage, Stage::Checking | Stage::Writing)
                {
                    self.check_issue(ctx)
                } else {
                    Task::none()
                }
            }
            Message::Found(result) => {
                self.found(result);
                Task::none()
            }
            Message::Issued(result) if ctx.devices.pending.is_some() => {
                self.device_issued(result, ctx)
            }
            Message::Issued(Ok((status, Some(certificates)))) => {
                self.status = Some(status);
                self.write_files(certificates, ctx)
            }
            Message::Issued(Ok((status, None))) => {
                self.stage = Stage::NotYet;
                self.status = Some(status);
                Task::none()
            }
            Message::Issued(Err(error)) => {
                self.stage = Stage::Idle;
                ctx.service.fail(error);
                Task::none()
            }
            Message::Installed(Ok(files)) => {
                self.stage = Stage::Idle;
                ctx.application.installed = Some(files);
                ctx.progress = Progress::default();
                return (ctx.save_progress(), Some(Event::Go(Step::Done)));
            }
            Message::Installed(Err(error)) => {
                self.stage = Stage::Idle;
                self.problem = Some(Problem::Store(error));
                Task::none()
            }
            Message::DeviceInstalled(Ok((session, trials))) => {
                self.stage = Stage::Idle;
                self.forget_pin();
                ctx.devices.installed = ctx.devices.pending.take();
                ctx.devices.trials = trials;
                self.device = None;
                ctx.progress = Progress::default();
                let previous = ctx.devices.session.take();
                let tasks =
                    Task::batch([close(Some(session)), close(previous), ctx.save_progress()]);
                return (tasks, Some(Event::Go(Step::Done)));
            }
            Message::DeviceInstalled(Err(error)) => {
                self.stage = Stage::Idle;
                let removed = error.is_removal();
                self.problem = Some(Problem::Device(error));
                if removed {
                    close(ctx.devices.session.take())
                } else {
                    Task::none()
                }
            }
            Message::DeviceKeysRemoved(result) => {
                if result.is_ok() {
                    self.problem = Some(Problem::KeysRemoved);
                }
                Task::none()
            }
        };
        (task, None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> iced::Element<'a, Message> {
        State::view(
            self,
            ctx.lang,
            ctx.application.password.is_some(),
            ctx.devices.session.is_some(),
        )
    }

    fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::enter(self, ctx)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::update(self, Message::Start, ctx).0
    }

    fn subscription(&self, _ctx: &Shared) -> iced::Subscription<Message> {
        State::subscription(self)
    }
}
