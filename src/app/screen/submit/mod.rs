//! Key generation and submission. In a folder: both pairs made and saved encrypted, with the
//! application's `Idempotency-Key` and requests in the kit's manifest, *before* the requests
//! leave; the number then written next to them. On a device: both pairs made on it, the
//! requests signed there, and the record (which keys, the key, the requests) written to the
//! progress file before the application leaves. A lost answer is asked for again under the
//! same key (Retry, or "Continue" after a restart), so the service never makes a second
//! application, and keys are removed only when the service has said that no application uses
//! them. Key generation, disk and device work run on blocking threads.

mod device;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::{ApplicationNumber, IdempotencyKey, KeyPassword};
use qoltanba_core::pki::{self, Subject};
use qoltanba_core::protocol::{CreateApplicationRequest, ErrorCode, KeyAlgorithm, StorageKind};
use qoltanba_core::store::{self, FolderCheck, PendingKeys, StoreError};
use qoltanba_core::token::{DeviceError, DevicePrepared};

use crate::app::screen::{Behaviour, Event, Screen};
use crate::app::shared::{Prepared, Requests, Shared, Storage, close};

pub use device::remove_device_keys;

/// Where submission is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Stage {
    #[default]
    Idle,
    /// Both pairs being generated and saved encrypted.
    Keys,
    /// The device's record being written before the application leaves.
    Recording,
    /// The requests on their way to the service.
    Sending,
    /// The service gave a number; it is being written next to the keys.
    Writing,
    /// The number is known (shown, and in the progress file) but could not be written next
    /// to the keys: the citizen writes it again, or the kit into another folder.
    NotWritten,
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
    /// The record of the device's keys could not be written, so nothing was sent.
    RecordNotSaved(Arc<StoreError>),
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub stage: Stage,
    pub problem: Option<Problem>,
    /// What Retry does after a failed request.
    retry: Retry,
    /// Where the kit is written when its folder failed after the number came (the field).
    pub folder: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Retry {
    /// The same keys and requests go again, under the same key.
    #[default]
    Resend,
    /// Start over (the requests will never be accepted as they are).
    Start,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// The button: make the keys and apply.
    Start,
    KeysSaved(Result<Box<Prepared>, Arc<StoreError>>),
    DeviceKeysMade(Result<DevicePrepared, DeviceError>),
    /// The device's record is on disk (or could not be written).
    DeviceRecorded(Result<(), Arc<StoreError>>),
    /// The service's answer: the application number.
    Submitted(Result<String, ClientError>),
    NumberRecorded(Result<PendingKeys, Arc<StoreError>>),
    DeviceKeysRemoved(Result<usize, DeviceError>),
    /// Resuming: the kit in the folder whose answer never came.
    Unanswered(Result<Option<Box<Prepared>>, Arc<StoreError>>),
    /// The folder field shown when the kit could not be written.
    Folder(String),
    /// Write the kit with its number into the folder of the field.
    WriteKit,
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
            Some(prepared) => self.send(ctx, &prepared),
            None => self.make_keys(ctx),
        }
    }

    /// Opening the step after a restart with an application that never got its answer: the
    /// same requests go again under their key.
    fn resume(&mut self, ctx: &mut Shared) -> Task<Message> {
        if !ctx.application.unanswered || self.stage != Stage::Idle {
            return Task::none();
        }
        if let Some(prepared) = device::unanswered(ctx) {
            return self.send_device(ctx, &prepared);
        }
        let Some(folder) = ctx.progress.folder.clone() else {
            ctx.application.unanswered = false;
            return Task::none();
        };
        self.stage = Stage::Sending;
        Task::perform(
            blocking(move || find_unanswered(&folder).map(|found| found.map(Box::new))),
            Message::Unanswered,
        )
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
        let algorithm = ctx.application.algorithm();
        self.problem = None;
        self.stage = Stage::Keys;
        ctx.service.failure = None;
        Task::perform(
            blocking(move || make_and_save(&subject, &check, &password, algorithm).map(Box::new)),
            Message::KeysSaved,
        )
    }

    fn send(&mut self, ctx: &mut Shared, prepared: &Prepared) -> Task<Message> {
        let key = prepared
            .pending
            .request_key()
            .cloned()
            .unwrap_or_else(IdempotencyKey::new);
        self.send_requests(ctx, StorageKind::Pkcs12, prepared.requests.clone(), key)
    }

    /// Sends the requests (RSA's two or GOST's one) under `key`; the answer comes back as
    /// [`Message::Submitted`].
    fn send_requests(
        &mut self,
        ctx: &mut Shared,
        storage: StorageKind,
        requests: Requests,
        key: IdempotencyKey,
    ) -> Task<Message> {
        let Some(session) = ctx.service.session.clone() else {
            self.stage = Stage::Idle;
            ctx.service.fail(ClientError::Api {
                code: ErrorCode::Unauthorized,
                message: "no authorised session".into(),
                retry_after: None,
            });
            return Task::none();
        };
        self.stage = Stage::Sending;
        ctx.service.start_waiting();
        let algorithm = requests.algorithm();
        let (csr_auth, csr_sign, csr) = match requests {
            Requests::Rsa { auth, sign } => (auth, sign, None),
            Requests::Gost(csr) => (String::new(), String::new(), Some(csr)),
        };
        let request = CreateApplicationRequest {
            session_id: session.id.clone(),
            email: ctx.citizen.email.as_ref().map(|e| e.as_str().to_owned()),
            storage,
            algorithm,
            csr_auth,
            csr_sign,
            csr,
        };
        ctx.service.request(
            move |client| async move { client.create_application(&session, &request, &key).await },
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
                Ok(number) => {
                    // Shown and kept at once, before the disk is asked to hold it.
                    ctx.application.unanswered = false;
                    ctx.application.number = Some(number.clone());
                    ctx.progress.application_number = Some(number.as_str().to_owned());
                    ctx.service.done();
                    match ctx.application.prepared.clone() {
                        Some(prepared) => {
                            self.stage = Stage::Writing;
                            self.folder = prepared.pending.folder().display().to_string();
                            Task::batch([
                                ctx.save_progress(),
                                record_number(prepared.pending, number),
                            ])
                        }
                        None => ctx.save_progress(),
                    }
                }
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
                self.retry = if error.proves_no_application() {
                    Retry::Start
                } else {
                    Retry::Resend
                };
                ctx.service.fail(error);
                Task::none()
            }
        }
    }

    /// Writes the number into the kit where it is, or the whole kit into the folder of the
    /// field when that is another one.
    fn write_kit(&mut self, ctx: &mut Shared) -> Task<Message> {
        let (Some(prepared), Some(number)) = (
            ctx.application.prepared.clone(),
            ctx.application.number.clone(),
        ) else {
            return Task::none();
        };
        let target = PathBuf::from(self.folder.trim());
        self.stage = Stage::Writing;
        self.problem = None;
        if target == prepared.pending.folder() || self.folder.trim().is_empty() {
            return record_number(prepared.pending, number);
        }
        let Some(copy) = prepared.copy else {
            return record_number(prepared.pending, number);
        };
        Task::perform(
            blocking(move || copy.save_in(&target, &number)),
            Message::NumberRecorded,
        )
    }

    fn number_recorded(&mut self, pending: PendingKeys, ctx: &mut Shared) -> Task<Message> {
        self.stage = Stage::Done;
        self.problem = None;
        ctx.progress.folder = Some(pending.folder().to_path_buf());
        if let Some(prepared) = &mut ctx.application.prepared {
            prepared.pending = pending.clone();
        }
        if let Some(Storage::Folder { check, .. }) = &mut ctx.application.storage {
            check.folder = pending.folder().to_path_buf();
        }
        ctx.application.pending = Some(pending);
        ctx.save_progress()
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

/// The blocking part of submission: the key pairs (RSA's two or GOST's one), then the
/// encrypted pending files (with the request key and the requests), and a copy of them in
/// memory.
fn make_and_save(
    subject: &Subject,
    check: &FolderCheck,
    password: &KeyPassword,
    algorithm: KeyAlgorithm,
) -> Result<Prepared, StoreError> {
    let (pending, requests) = match algorithm {
        KeyAlgorithm::Rsa2048 => {
            let keys = pki::generate_key_set(subject)?;
            let pending = store::save_pending(&check.folder, &keys, password)?;
            let requests = Requests::Rsa {
                auth: keys.csr_auth_pem().to_owned(),
                sign: keys.csr_sign_pem().to_owned(),
            };
            (pending, requests)
        }
        KeyAlgorithm::Gost2015_512 => {
            let keys = pki::generate_gost_key_set(subject)?;
            let pending = store::save_pending_gost(&check.folder, &keys, password)?;
            (pending, Requests::Gost(keys.csr_pem().to_owned()))
        }
    };
    Ok(Prepared {
        copy: pending.copy().ok(),
        pending,
        requests,
    })
}

/// The kit in `folder` whose application was sent (or was about to be) without an answer:
/// no number yet, but its request key and requests are in the manifest.
fn find_unanswered(folder: &std::path::Path) -> Result<Option<Prepared>, StoreError> {
    let kit = store::find_pending(folder)?
        .into_iter()
        .rev()
        .find(|kit| kit.application_number().is_none() && kit.request_key().is_some());
    Ok(kit.and_then(|pending| {
        let requests = match pending.algorithm() {
            KeyAlgorithm::Rsa2048 => {
                let (auth, sign) = pending.requests()?;
                Requests::Rsa {
                    auth: auth.to_owned(),
                    sign: sign.to_owned(),
                }
            }
            KeyAlgorithm::Gost2015_512 => Requests::Gost(pending.gost_request()?.to_owned()),
        };
        Some(Prepared {
            copy: pending.copy().ok(),
            pending,
            requests,
        })
    }))
}

impl Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        let task = match message {
            Message::Start if ctx.application.on_device() => self.make_device_keys(ctx),
            Message::Start => self.make_keys(ctx),
            Message::KeysSaved(Ok(prepared)) => {
                ctx.progress.folder = Some(prepared.pending.folder().to_path_buf());
                let send = self.send(ctx, &prepared);
                ctx.application.prepared = Some(*prepared);
                Task::batch([ctx.save_progress(), send])
            }
            Message::KeysSaved(Err(error)) => {
                self.stage = Stage::Idle;
                self.problem = Some(Problem::Store(error));
                Task::none()
            }
            Message::DeviceKeysMade(Ok(prepared)) => self.record_device(ctx, prepared),
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
            Message::DeviceRecorded(result) => self.device_recorded(result, ctx),
            Message::Submitted(result) if ctx.application.on_device() => {
                self.device_submitted(result, ctx)
            }
            Message::Submitted(result) => self.submitted(result, ctx),
            Message::NumberRecorded(Ok(pending)) => self.number_recorded(pending, ctx),
            Message::NumberRecorded(Err(error)) => {
                self.stage = Stage::NotWritten;
                self.problem = Some(Problem::Store(error));
                Task::none()
            }
            Message::DeviceKeysRemoved(result) => {
                if result.is_ok() {
                    self.problem = Some(Problem::KeysRemoved);
                }
                Task::none()
            }
            Message::Unanswered(Ok(Some(prepared))) => {
                ctx.application.storage = Some(Storage::Folder {
                    check: FolderCheck {
                        folder: prepared.pending.folder().to_path_buf(),
                        exists: true,
                        available_bytes: 0,
                        existing_key_files: Vec::new(),
                        suggested_subfolder: None,
                    },
                    format: pki::Pkcs12Format::default(),
                    algorithm: prepared.pending.algorithm(),
                });
                let send = self.send(ctx, &prepared);
                ctx.application.prepared = Some(*prepared);
                send
            }
            Message::Unanswered(result) => {
                // No kit waiting for an answer after all: the application starts over.
                self.stage = Stage::Idle;
                ctx.application.unanswered = false;
                if let Err(error) = result {
                    self.problem = Some(Problem::Store(error));
                    return (Task::none(), None);
                }
                return (
                    Task::none(),
                    Some(Event::Go(crate::app::step::Step::Agreement)),
                );
            }
            Message::Folder(value) => {
                self.folder = value;
                Task::none()
            }
            Message::WriteKit if self.stage == Stage::NotWritten => self.write_kit(ctx),
            Message::WriteKit => Task::none(),
        };
        (task, None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> iced::Element<'a, Message> {
        State::view(self, ctx)
    }

    fn enter(&mut self, ctx: &mut Shared) -> Task<Message> {
        self.resume(ctx)
    }

    fn retry(&mut self, ctx: &mut Shared) -> Task<Message> {
        State::retry(self, ctx)
    }
}
