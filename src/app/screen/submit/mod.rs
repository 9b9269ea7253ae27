//! Key generation and submission. In a folder: both pairs made and saved encrypted *before*
//! the requests leave, the application number then written next to them. On a device: both
//! pairs made on it, the requests signed there; an application the service refuses for good
//! takes its keys off the device. Key generation, disk and device work run on blocking
//! threads; the answers are this step's own messages.

mod view;

use std::sync::Arc;

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::{ApplicationNumber, KeyPassword};
use qoltanba_core::pki::{self, Subject};
use qoltanba_core::protocol::{CreateApplicationRequest, ErrorCode, KeyAlgorithm, StorageKind};
use qoltanba_core::store::{self, FolderCheck, PendingKeys, StoreError};

use crate::app::screen::{Behaviour, Event, Screen};
use crate::app::shared::{Prepared, Shared, Storage, close};
use qoltanba_core::token::DeviceError;
use qoltanba_core::token::devices::blocking as on_device_thread;
use qoltanba_core::token::{DevicePrepared, enrolment};

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

/// Why the keys could not be made, saved or kept; worded at view time.
#[derive(Debug, Clone)]
pub enum Problem {
    /// The subject, folder or password is not known (the citizen skipped a step).
    Missing,
    /// The subject is not known or no device session is open.
    MissingDevice,
    Store(Arc<StoreError>),
    Device(DeviceError),
    /// The service refused the application for good; its keys were taken off the device.
    KeysRemoved,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub stage: Stage,
    pub problem: Option<Problem>,
    /// What Retry does after a failed request.
    retry: Retry,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Retry {
    /// The same keys and requests go again.
    #[default]
    Resend,
    /// Start over (the requests will never be accepted as they are).
    Start,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The button: make the keys and apply.
    Start,
    KeysSaved(Result<Prepared, Arc<StoreError>>),
    DeviceKeysMade(Result<DevicePrepared, DeviceError>),
    /// The service's answer: the application number.
    Submitted(Result<String, ClientError>),
    NumberRecorded(Result<PendingKeys, Arc<StoreError>>),
    DeviceKeysRemoved(Result<usize, DeviceError>),
}

impl State {
    /// Retry after a failed send.
    pub fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        if self.retry == Retry::Start {
            return self.update(Message::Start, ctx).0;
        }
        if ctx.application.on_device() {
            return match ctx.devices.prepared.clone() {
                Some(prepared) => self.send_device(ctx, &prepared),
                None => self.make_device_keys(ctx),
            };
        }
        match ctx.application.prepared.clone() {
            Some(prepared) => self.send(ctx, &prepared, StorageKind::Pkcs12),
            None => self.make_keys(ctx),
        }
    }

    /// Makes both key pairs and saves them encrypted in the checked folder.
    fn make_keys(&mut self, ctx: &mut Shared) -> Task<Message> {
        if self.stage != Stage::Idle {
            return Task::none();
        }
        let check = match &ctx.application.storage {
            Some(Storage::Folder { check, .. }) => Some(check.clone()),
            _ => None,
        };
        let (Some(subject), Some(check), Some(password)) = (
            ctx.citizen.subject(),
            check,
            ctx.application.password.clone(),
        ) else {
            self.problem = Some(Problem::Missing);
            return Task::none();
        };
        self.problem = None;
        self.stage = Stage::Keys;
        ctx.service.failure = None;
        Task::perform(
            blocking(move || make_and_save(&subject, &check, &password)),
            Message::KeysSaved,
        )
    }

    /// Both pairs made on the device, then the application.
    fn make_device_keys(&mut self, ctx: &mut Shared) -> Task<Message> {
        if self.stage != Stage::Idle {
            return Task::none();
        }
        let (Some(subject), Some(session)) = (ctx.citizen.subject(), ctx.devices.session.clone())
        else {
            self.problem = Some(Problem::MissingDevice);
            return Task::none();
        };
        // Keys of an accepted application still waiting on this device are not leftovers.
        let clean_up = !ctx
            .progress
            .device
            .as_ref()
            .is_some_and(|keys| keys.is_on(session.token()));
        self.problem = None;
        self.stage = Stage::Keys;
        ctx.service.failure = None;
        let tag = enrolment::label_tag();
        Task::perform(
            on_device_thread(move || enrolment::make_keys(&session, &subject, clean_up, &tag)),
            Message::DeviceKeysMade,
        )
    }

    fn send_device(&mut self, ctx: &mut Shared, prepared: &DevicePrepared) -> Task<Message> {
        let requests = (prepared.csr_auth.clone(), prepared.csr_sign.clone());
        self.send_requests(ctx, StorageKind::Token, requests)
    }

    fn send(
        &mut self,
        ctx: &mut Shared,
        prepared: &Prepared,
        storage: StorageKind,
    ) -> Task<Message> {
        let requests = (prepared.csr_auth.clone(), prepared.csr_sign.clone());
        self.send_requests(ctx, storage, requests)
    }

    /// Sends the two requests; the answer comes back as [`Message::Submitted`].
    fn send_requests(
        &mut self,
        ctx: &mut Shared,
        storage: StorageKind,
        (csr_auth, csr_sign): (String, String),
    ) -> Task<Message> {
        let Some(session) = ctx.service.session.clone() else {
            self.retry = Retry::Start;
            ctx.service.fail(ClientError::Api {
                code: ErrorCode::Unauthorized,
                message: "no authorised session".into(),
                retry_after: None,
            });
            return Task::none();
        };
        self.stage = Stage::Sending;
        let request = CreateApplicationRequest {
            session_id: session.id.clone(),
            email: ctx.citizen.email.as_ref().map(|e| e.as_str().to_owned()),
            storage,
            algorithm: KeyAlgorithm::Rsa2048,
            csr_auth,
            csr_sign,
            csr: None,
        };
        ctx.service.request(
            move |client| async move { client.create_application(&session, &request).await },
            |r| Message::Submitted(r.map(|a| a.application_number)),
        )
    }

    fn submitted(
        &mut self,
        result: Result<String, ClientError>,
        ctx: &mut Shared,
    ) -> Task<Message> {
        match result {
            Ok(number) => match ApplicationNumber::parse(&number) {
                Ok(number) => match ctx.application.prepared.clone() {
                    Some(prepared) => record_number(prepared.pending, number),
                    None => Task::none(),
                },
                Err(_) => {
                    self.stage = Stage::Idle;
                    self.retry = Retry::Start;
                    ctx.service.fail(ClientError::Malformed(format!(
                        "application number {number:?}"
                    )));
                    Task::none()
                }
            },
            Err(error) => {
                self.stage = Stage::Idle;
                self.retry = Retry::Resend;
                ctx.service.fail(error);
                Task::none()
            }
        }
    }

    fn device_submitted(
        &mut self,
        result: Result<String, ClientError>,
        ctx: &mut Shared,
    ) -> Task<Message> {
        match result {
            Ok(number) => match (
                ApplicationNumber::parse(&number),
                ctx.devices.prepared.take(),
            ) {
                (Ok(number), Some(prepared)) => {
                    self.stage = Stage::Done;
                    ctx.progress.application_number = Some(number.as_str().to_owned());
                    ctx.application.number = Some(number);
                    ctx.progress.folder = None;
                    ctx.progress.device = Some(prepared.keys.clone());
                    ctx.devices.pending = Some(prepared.keys);
                    ctx.service.done();
                    ctx.save_progress()
                }
                (Err(_), prepared) => {
                    ctx.devices.prepared = prepared;
                    self.stage = Stage::Idle;
                    self.retry = Retry::Resend;
                    ctx.service.fail(ClientError::Malformed(format!(
                        "application number {number:?}"
                    )));
                    Task::none()
                }
                (Ok(_), None) => Task::none(),
            },
            Err(error) => {
                self.stage = Stage::Idle;
                if !error.is_final() {
                    self.retry = Retry::Resend;
                    ctx.service.fail(error);
                    return Task::none();
                }
                // The service will never take these requests: the keys made for them go.
                self.retry = Retry::Start;
                let prepared = ctx.devices.prepared.take();
                let removal = remove_device_keys(ctx, prepared).map(Message::DeviceKeysRemoved);
                ctx.service.fail(error);
                removal
            }
        }
    }
}

impl Screen for State {
    fn can_continue(&self, _ctx: &Shared) -> bool {
        self.stage == Stage::Done
    }

    fn needs_service(&self) -> bool {
        true
    }
}

/// Takes key pairs the service will never certify off the device.
pub fn remove_device_keys(
    ctx: &Shared,
    prepared: Option<DevicePrepared>,
) -> Task<Result<usize, DeviceError>> {
    let (Some(prepared), Some(session)) = (prepared, ctx.devices.session.clone()) else {
        return Task::none();
    };
    Task::perform(
        on_device_thread(move || enrolment::remove_keys(&session, &prepared.keys)),
        |result| result,
    )
}

/// Writes the application number into the kit's manifest, off the UI thread.
fn record_number(mut pending: PendingKeys, number: ApplicationNumber) -> Task<Message> {
    Task::perform(
        blocking(move || {
            pending.record_application(&number)?;
            Ok(pending)
        }),
        Message::NumberRecorded,
    )
}

/// Runs blocking disk or crypto work off the UI thread.
pub async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Arc<StoreError>> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))
        .and_then(|r| r)
        .map_err(Arc::new)
}

/// The blocking part of submission: both pairs, then the encrypted pending files.
fn make_and_save(
    subject: &Subject,
    check: &FolderCheck,
    password: &KeyPassword,
) -> Result<Prepared, StoreError> {
    let keys = pki::generate_key_set(subject)?;
    let pending = store::save_pending(&check.folder, &keys, password)?;
    Ok(Prepared {
        pending,
        csr_auth: keys.csr_auth_pem().to_owned(),
        csr_sign: keys.csr_sign_pem().to_owned(),
    })
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        let task = match message {
            Message::Start if ctx.application.on_device() => self.make_device_keys(ctx),
            Message::Start => self.make_keys(ctx),
            Message::KeysSaved(Ok(prepared)) => {
                ctx.progress.folder = Some(prepared.pending.folder().to_path_buf());
                let send = self.send(ctx, &prepared, StorageKind::Pkcs12);
                ctx.application.prepared = Some(prepared);
                Task::batch([ctx.save_progress(), send])
            }
            Message::KeysSaved(Err(error)) => {
                self.stage = Stage::Idle;
                self.problem = Some(Problem::Store(error));
                Task::none()
            }
            Message::DeviceKeysMade(Ok(prepared)) => {
                let send = self.send_device(ctx, &prepared);
                ctx.devices.prepared = Some(prepared);
                send
            }
            Message::DeviceKeysMade(Err(error)) => {
                self.stage = Stage::Idle;
                let removed = error.is_removal();
                self.problem = Some(Problem::Device(error));
                if removed {
                    close(ctx.devices.session.take())
                } else {
                    Task::none()
                }
            }
            Message::Submitted(result) if ctx.application.on_device() => {
                self.device_submitted(result, ctx)
            }
            Message::Submitted(result) => self.submitted(result, ctx),
            Message::NumberRecorded(Ok(pending)) => {
                self.stage = Stage::Done;
                if let Some(prepared) = &mut ctx.application.prepared {
                    prepared.pending = pending.clone();
                }
                ctx.application.number = pending.application_number().cloned();
                ctx.progress.application_number = ctx
                    .application
                    .number
                    .as_ref()
                    .map(|n| n.as_str().to_owned());
                ctx.application.pending = Some(pending);
                ctx.save_progress()
            }
            Message::NumberRecorded(Err(error)) => {
                self.problem = Some(Problem::Store(error));
                Task::none()
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
        State::view(self, ctx)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::retry(self, ctx)
    }
}
