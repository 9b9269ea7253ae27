//! What the steps share, in named parts. A step's `update` gets `&mut Shared` as its context
//! and uses only the parts it needs; the root owns the parts and the navigation.

use std::future::Future;
use std::sync::Arc;

use iced::Task;
use qoltanba_core::client::{Client, ClientError, Session};
use qoltanba_core::domain::{ApplicationNumber, Email, Iin, KeyPassword};
use qoltanba_core::pki::{Pkcs12Format, Subject};
use qoltanba_core::protocol::KeyAlgorithm;
use qoltanba_core::protocol::{ErrorCode, OtpResendResponse, SmsMessage};
use qoltanba_core::store::{FolderCheck, InstalledKeys, KitCopy, PendingKeys, StoreError};

use super::screen::live::Live;
use super::service::{ConnectError, Connection};
use super::{camera, cameras};
use crate::config::Config;
use crate::i18n::Language;
use qoltanba_core::protocol::DocumentData;
use qoltanba_core::store::progress;
use qoltanba_core::token::devices;

/// The shared parts of the wizard.
pub struct Shared {
    pub lang: Language,
    pub config: Config,
    pub citizen: Citizen,
    pub service: Service,
    pub camera: Camera,
    pub application: Application,
    /// PKCS#11 devices: the registry, the open session, the keys of the application.
    pub devices: devices::Devices,
    /// What is kept on disk for resuming (never in kiosk mode).
    pub progress: progress::Progress,
    /// What can show a file or folder dialog here (read once at start).
    pub dialogs: crate::app::dialog::Environment,
}

impl Shared {
    pub fn new(config: Config, progress: progress::Progress) -> Self {
        Shared {
            lang: config.language,
            devices: devices::Devices::new(config.modules.clone()),
            config,
            citizen: Citizen::default(),
            service: Service::default(),
            camera: Camera::default(),
            application: Application::default(),
            progress,
            dialogs: crate::app::dialog::Environment::current(),
        }
    }

    pub fn kiosk(&self) -> bool {
        self.config.kiosk
    }

    /// Stores the non-secret progress off the UI thread (nothing in kiosk mode).
    pub fn save_progress<M: Send + 'static>(&self) -> Task<M> {
        if self.config.kiosk {
            return Task::none();
        }
        let dir = self.config.data_dir.clone();
        let progress = self.progress.clone();
        // Saves run on the blocking pool and may finish out of order: the newest state wins.
        let ticket = PROGRESS_SAVES.ticket();
        store_in_background("the progress", move || {
            PROGRESS_SAVES
                .write(ticket, || progress::save(&dir, &progress))
                .map(drop)
        })
    }

    /// Writes the progress now (off the UI thread) and says whether it worked: for a record
    /// that must be on disk before a request leaves. A kiosk keeps it in memory for the visit.
    pub fn save_progress_now(&self) -> Task<Result<(), Arc<StoreError>>> {
        if self.config.kiosk {
            return Task::done(Ok(()));
        }
        let dir = self.config.data_dir.clone();
        let progress = self.progress.clone();
        let ticket = PROGRESS_SAVES.ticket();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || {
                    PROGRESS_SAVES.write(ticket, || progress::save(&dir, &progress))
                })
                .await
                .map_err(std::io::Error::other)
                .and_then(|written| written)
                .map(drop)
                .map_err(|e| Arc::new(StoreError::Io(e)))
            },
            |result| result,
        )
    }

    /// The camera's state as the camera screens show it.
    pub fn live(&self) -> Live<'_> {
        Live {
            view: self.camera.view.as_ref(),
            error: self.camera.error.as_ref(),
            starting: self.camera.starting,
            picker: self.camera.picker.picker(&self.config),
        }
    }
}

/// The camera, while a camera step is shown (dropping the engine releases the device), and
/// the cameras to pick from.
#[derive(Default)]
pub struct Camera {
    pub engine: Option<camera::Engine>,
    pub starting: bool,
    pub error: Option<qoltanba_camera::CameraError>,
    /// The newest analysed frame: preview, guidance, what was taken or recorded.
    pub view: Option<camera::Analysis>,
    pub picker: cameras::Cameras,
}

/// Who the application is for, as far as the wizard knows so far.
#[derive(Debug, Default)]
pub struct Citizen {
    /// The IIN the session was started with.
    pub iin: Option<Iin>,
    /// What the service recognised on the ID card, once it said.
    pub recognised: Option<Recognised>,
    /// The optional e-mail given with the agreement (the certificates carry it).
    pub email: Option<Email>,
}

impl Citizen {
    /// The certificate subject: the register's names (as recognised and confirmed), the IIN
    /// and the optional e-mail.
    pub fn subject(&self) -> Option<Subject> {
        let recognised = self.recognised.as_ref()?;
        Some(Subject {
            surname: recognised.surname.clone(),
            given_name: recognised.given_name.clone(),
            patronymic: Some(recognised.patronymic.clone()).filter(|p| !p.is_empty()),
            iin: self.iin.clone()?,
            email: self.email.clone(),
        })
    }
}

/// What the service recognised on the document. Empty until the service answers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recognised {
    pub surname: String,
    pub given_name: String,
    pub patronymic: String,
    pub birth_date: String,
    pub document_number: String,
    pub issued_by: String,
    pub expires: String,
}

impl From<DocumentData> for Recognised {
    fn from(data: DocumentData) -> Self {
        Recognised {
            surname: data.surname,
            given_name: data.given_name,
            patronymic: data.patronymic.unwrap_or_default(),
            birth_date: data.birth_date,
            document_number: data.document_number,
            issued_by: data.issued_by,
            expires: data.expires,
        }
    }
}

/// What the steps of the certificate application hand on to the next ones: where the keys
/// go, the key password, the keys made and the application number, and what was installed.
#[derive(Default)]
pub struct Application {
    /// Chosen and checked on the storage step.
    pub storage: Option<Storage>,
    /// Given on the key-password step (a folder only; a device has its PIN).
    pub password: Option<KeyPassword>,
    /// Keys made in the folder and saved encrypted, with their requests, until the service
    /// took them.
    pub prepared: Option<Prepared>,
    /// The kit waiting for its certificates (the application number is recorded in it).
    pub pending: Option<PendingKeys>,
    /// The number the service gave the application.
    pub number: Option<ApplicationNumber>,
    /// The key files the last installation wrote.
    pub installed: Option<InstalledKeys>,
    /// Resuming an application whose answer never came (progress has its keys but no
    /// number): after the login the submit step asks again under the same key.
    pub unanswered: bool,
}

impl Application {
    /// Whether the keys go to a device (the submit and install steps follow the storage step).
    pub fn on_device(&self) -> bool {
        matches!(self.storage, Some(Storage::Device))
    }

    /// The key type of the application: the storage step's choice for a folder; RSA-2048 on
    /// a device (GOST keys are not made on devices yet).
    pub fn algorithm(&self) -> KeyAlgorithm {
        match &self.storage {
            Some(Storage::Folder { algorithm, .. }) => *algorithm,
            _ => KeyAlgorithm::Rsa2048,
        }
    }

    /// The PKCS#12 encoding of the files (the storage step's choice).
    pub fn format(&self) -> Pkcs12Format {
        match &self.storage {
            Some(Storage::Folder { format, .. }) => *format,
            _ => Pkcs12Format::Modern,
        }
    }
}

/// Where the keys go.
#[derive(Debug, Clone)]
pub enum Storage {
    /// A folder on this PC, checked (writable, space, no kit there).
    Folder {
        check: FolderCheck,
        format: Pkcs12Format,
        /// GOST 34.10-2015 (one key, what НУЦ issues today) or RSA-2048 (two keys).
        algorithm: KeyAlgorithm,
    },
    /// The PKCS#11 device whose session is open in `Shared.devices`.
    Device,
}

/// The order of the progress file's saves (see [`progress::Saves`]).
static PROGRESS_SAVES: progress::Saves = progress::Saves::new();

/// The requests of a kit in a folder, as sent (and sent again under the same key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requests {
    /// RSA-2048: the AUTH and signing requests.
    Rsa { auth: String, sign: String },
    /// GOST 34.10-2015: the one request.
    Gost(String),
}

impl Requests {
    /// `gost2015_512` or `rsa2048`, as the application says.
    pub fn algorithm(&self) -> KeyAlgorithm {
        match self {
            Requests::Rsa { .. } => KeyAlgorithm::Rsa2048,
            Requests::Gost(_) => KeyAlgorithm::Gost2015_512,
        }
    }
}

/// Keys made and saved (encrypted), with the requests to send.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub pending: PendingKeys,
    pub requests: Requests,
    /// The encrypted keys in memory, to write the kit elsewhere if its folder fails.
    pub copy: Option<KitCopy>,
}

/// The issuance service as the steps use it: the connection, the login, and whether a request
/// is under way or failed.
#[derive(Debug, Default)]
pub struct Service {
    /// The issuance service, once reached.
    pub connection: Option<Connection>,
    pub connection_error: Option<ConnectError>,
    /// The session started from the IIN, and what the service said about the SMS code.
    pub session_id: Option<String>,
    pub masked_phone: Option<String>,
    /// Seconds until the SMS code may be sent again.
    pub resend_in: Option<u32>,
    /// Authorised by the SMS code; holds the bearer token in memory only.
    pub session: Option<Session>,
    /// A request is under way: Next is disabled and the screen says so.
    pub waiting: bool,
    /// The last request failed: the banner says why and offers Retry.
    pub failure: Option<ClientError>,
    /// Sandbox only: the SMS inbox, so a person can complete the flow.
    pub inbox: Vec<SmsMessage>,
}

impl Service {
    pub fn client(&self) -> Option<Client> {
        self.connection.as_ref().map(|c| c.client.clone())
    }

    pub fn is_sandbox(&self) -> bool {
        self.connection.as_ref().is_some_and(Connection::is_sandbox)
    }

    /// A request goes out: Next waits for it, an earlier failure is forgotten.
    pub fn start_waiting(&mut self) {
        self.waiting = true;
        self.failure = None;
    }

    /// The answer came.
    pub fn done(&mut self) {
        self.waiting = false;
    }

    pub fn fail(&mut self, error: ClientError) {
        self.waiting = false;
        self.failure = Some(error);
    }

    /// Runs `request` with a client, or answers "not connected" at once (the step's Next is
    /// disabled until the service is reached, so this is a late race only).
    pub fn request<T, Fut, M>(
        &self,
        request: impl FnOnce(Client) -> Fut,
        reply: impl Fn(Result<T, ClientError>) -> M + Send + 'static,
    ) -> Task<M>
    where
        Fut: Future<Output = Result<T, ClientError>> + Send + 'static,
        T: Send + 'static,
        M: Send + 'static,
    {
        match self.client() {
            Some(client) => Task::perform(request(client), reply),
            None => Task::done(reply(Err(ClientError::Unreachable("not connected".into())))),
        }
    }

    /// Runs `request` with the authorised session, or answers "not authorised" at once: the
    /// same answer the service would give.
    pub fn with_session<T, Fut, M>(
        &self,
        request: impl FnOnce(Client, Session) -> Fut,
        reply: impl Fn(Result<T, ClientError>) -> M + Send + 'static,
    ) -> Task<M>
    where
        Fut: Future<Output = Result<T, ClientError>> + Send + 'static,
        T: Send + 'static,
        M: Send + 'static,
    {
        match (self.client(), self.session.clone()) {
            (Some(client), Some(session)) => Task::perform(request(client, session), reply),
            _ => Task::done(reply(Err(ClientError::Api {
                code: ErrorCode::Unauthorized,
                message: "no authorised session".into(),
                retry_after: None,
            }))),
        }
    }

    /// What the service said about the SMS code it sent (or sent again).
    pub fn code_sent(&mut self, answer: OtpResendResponse) {
        if answer.masked_phone.is_some() {
            self.masked_phone = answer.masked_phone;
        }
        self.resend_in = u32::try_from(answer.resend_after_s).ok().filter(|s| *s > 0);
    }

    /// Once a second: the resend cooldown counts down.
    pub fn tick(&mut self) {
        self.resend_in = self
            .resend_in
            .and_then(|s| s.checked_sub(1))
            .filter(|s| *s > 0);
    }

    /// The newest sandbox SMS to the phone the service named (masked as `+7 701 *** ** 67`).
    pub fn latest_sms(&self) -> Option<&SmsMessage> {
        let masked: String = self
            .masked_phone
            .as_deref()?
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let (head, tail) = masked.split_once('*')?;
        let tail = tail.trim_start_matches('*');
        // The inbox lists the newest message first.
        self.inbox
            .iter()
            .find(|sms| sms.phone.starts_with(head) && sms.phone.ends_with(tail))
    }
}

/// Writes one of the app's own small files on a blocking thread. A failure is reported on
/// stderr (the file holds nothing the user must act on now) and never stops the wizard.
pub fn store_in_background<M: Send + 'static>(
    what: &'static str,
    write: impl FnOnce() -> std::io::Result<()> + Send + 'static,
) -> Task<M> {
    Task::future(async move {
        let written = tokio::task::spawn_blocking(write)
            .await
            .map_err(std::io::Error::other)
            .and_then(|written| written);
        if let Err(error) = written {
            eprintln!("qoltanba: could not store {what}: {error}");
        }
    })
    .discard()
}

/// Drops a device session on a worker thread (closing may wait for the device).
pub fn close<M: Send + 'static>(session: Option<devices::DeviceSession>) -> Task<M> {
    match session {
        Some(session) => Task::future(async move {
            let _ = tokio::task::spawn_blocking(move || drop(session)).await;
        })
        .discard(),
        None => Task::none(),
    }
}
