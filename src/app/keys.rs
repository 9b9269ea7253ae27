//! Keys on this PC, end to end: the folder check, key generation and the encrypted pending
//! keys, the application, and installing the certificates. Key generation, disk work and
//! PKCS#12 encoding run on blocking threads; every step comes back as a [`Reply`].
//!
//! Order, so no key is ever lost or written in the clear: the key password is asked before
//! anything is made; the keys are saved encrypted *before* the requests leave; the
//! application number is written next to them; installation opens them with the password.

use std::sync::Arc;

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::{ApplicationNumber, Email, Iin, KeyPassword};
use qoltanba_core::pki::{self, Subject};
use qoltanba_core::protocol::{
    ApplicationStatus, ApplicationStatusResponse, CertificatesResponse, CreateApplicationRequest,
    StorageKind,
};
use qoltanba_core::store::{self, FolderCheck, InstalledKeys, PendingKeys, StoreError};

use super::flow::Reply;
use super::screen::{devices, install, storage, submit};
use super::step::Step;
use super::{App, Message};
use crate::t;

/// How often the install screen asks again while the certificates are not issued.
pub const ISSUE_POLL: std::time::Duration = std::time::Duration::from_secs(20);

/// Keys made and saved (encrypted), with the requests to send.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub pending: PendingKeys,
    pub csr_auth: String,
    pub csr_sign: String,
}

/// Runs blocking disk or crypto work off the UI thread.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, Arc<StoreError>> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))
        .and_then(|r| r)
        .map_err(Arc::new)
}

impl App {
    pub(super) fn on_storage(&mut self, message: storage::Message) -> Task<Message> {
        // A device picked: its PIN is typed next.
        if let storage::Message::Device(devices::Message::Picked(_)) = &message {
            let _ = self.storage.update(message);
            return iced::widget::operation::focus(devices::PIN_ID);
        }
        match self.storage.update(message) {
            Some(storage::Event::Continue) => self.next(),
            Some(storage::Event::Browse) => {
                let title = t!(self.lang, "storage-dialog-title");
                Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title(title)
                            .pick_folder()
                            .await
                            .map(|handle| handle.path().to_owned())
                    },
                    |folder| Message::Storage(storage::Message::Picked(folder)),
                )
            }
            Some(storage::Event::Scan { reload }) => self.scan_devices(reload),
            None => Task::none(),
        }
    }

    /// Next on the storage step: the folder is checked before the password is asked.
    pub(super) fn check_folder(&mut self) -> Task<Message> {
        let Some(folder) = self.storage.folder() else {
            return Task::none();
        };
        if self.storage.checked_folder().is_some() {
            return self.go(Step::KeyPassword);
        }
        self.storage.checking = true;
        Task::perform(blocking(move || store::preflight(&folder)), |r| {
            Message::Reply(Reply::FolderChecked(r))
        })
    }

    pub(super) fn on_submit(&mut self, message: submit::Message) -> Task<Message> {
        match message {
            submit::Message::Start if self.on_device() => self.make_device_keys(),
            submit::Message::Start => self.make_keys(),
        }
    }

    /// Makes both key pairs and saves them encrypted in the checked folder.
    fn make_keys(&mut self) -> Task<Message> {
        if self.submit.stage != submit::Stage::Idle {
            return Task::none();
        }
        let (Some(subject), Some(check), Some(password)) = (
            self.subject(),
            self.storage.checked_folder().cloned(),
            self.password.password(),
        ) else {
            self.submit.problem = Some(t!(self.lang, "submit-missing"));
            return Task::none();
        };
        self.submit.problem = None;
        self.submit.stage = submit::Stage::Keys;
        self.failure = None;
        Task::perform(
            blocking(move || make_and_save(&subject, &check, &password)),
            |r| Message::Reply(Reply::KeysSaved(r)),
        )
    }

    /// The certificate subject: the register's names (as recognised and confirmed), the IIN
    /// and the optional e-mail.
    pub(super) fn subject(&self) -> Option<Subject> {
        let recognised = self.review.recognised.as_ref()?;
        let iin = Iin::parse(
            self.progress
                .iin
                .as_deref()
                .or(self.review.iin.as_deref())?,
        )
        .ok()?;
        let email: Option<Email> = self.agreement.email().ok()?;
        Some(Subject {
            surname: recognised.surname.clone(),
            given_name: recognised.given_name.clone(),
            patronymic: Some(recognised.patronymic.clone()).filter(|p| !p.is_empty()),
            iin,
            email,
        })
    }

    fn send_application(&mut self, prepared: Prepared) -> Task<Message> {
        let (csr_auth, csr_sign) = (prepared.csr_auth.clone(), prepared.csr_sign.clone());
        self.submit.prepared = Some(prepared);
        self.send_requests(StorageKind::Pkcs12, csr_auth, csr_sign)
    }

    /// Sends the two requests; the answer comes back as [`Reply::Submitted`].
    pub(super) fn send_requests(
        &mut self,
        storage: StorageKind,
        csr_auth: String,
        csr_sign: String,
    ) -> Task<Message> {
        let Some(session) = self.session.clone() else {
            return self.fail_with(
                ClientError::Api {
                    code: qoltanba_core::protocol::ErrorCode::Unauthorized,
                    message: "no authorised session".into(),
                    retry_after: None,
                },
                Message::Submit(submit::Message::Start),
            );
        };
        let Some(client) = self.client() else {
            return Task::none();
        };
        self.submit.stage = submit::Stage::Sending;
        let request = CreateApplicationRequest {
            session_id: session.id.clone(),
            email: self
                .agreement
                .email()
                .ok()
                .flatten()
                .map(|e| e.as_str().to_owned()),
            storage,
            csr_auth,
            csr_sign,
        };
        Task::perform(
            async move { client.create_application(&session, &request).await },
            |r| Message::Reply(Reply::Submitted(r.map(|a| a.application_number))),
        )
    }

    /// Retry after a failed send: the same keys and requests go again.
    pub(super) fn resend_application(&mut self) -> Task<Message> {
        if self.on_device() {
            return self.resend_device_application();
        }
        match self.submit.prepared.clone() {
            Some(prepared) => self.send_application(prepared),
            None => self.make_keys(),
        }
    }

    pub(super) fn on_install(&mut self, message: install::Message) -> Task<Message> {
        match self.install.update(message) {
            Some(install::Event::Browse) => {
                let title = t!(self.lang, "storage-dialog-title");
                Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title(title)
                            .pick_folder()
                            .await
                            .map(|handle| handle.path().to_owned())
                    },
                    |folder| Message::Install(install::Message::Picked(folder)),
                )
            }
            Some(install::Event::Find(folder)) => {
                Task::perform(blocking(move || store::find_pending(&folder)), |r| {
                    Message::Reply(Reply::PendingFound(r))
                })
            }
            Some(install::Event::Install) => self.check_issue(),
            None => Task::none(),
        }
    }

    /// Entering the install step: in the main flow the keys and password are at hand;
    /// otherwise the folder named by the stored progress is searched.
    pub(super) fn enter_install(&mut self) -> Task<Message> {
        if self.devices.pending.is_some() {
            return self.enter_device_install();
        }
        if self.install.pending.is_none()
            && let Some(prepared) = &self.submit.prepared
        {
            self.install.pending = Some(prepared.pending.clone());
            self.install.folder = prepared.pending.folder().display().to_string();
        }
        if self.install.pending.is_some() && self.password.password().is_some() {
            return self.check_issue();
        }
        match self.install.folder() {
            Some(folder) if self.install.pending.is_none() => {
                Task::perform(blocking(move || store::find_pending(&folder)), |r| {
                    Message::Reply(Reply::PendingFound(r))
                })
            }
            _ => Task::none(),
        }
    }

    /// Asks the service whether the certificates are issued; installs them if so.
    pub(super) fn check_issue(&mut self) -> Task<Message> {
        let device_number = self.devices.pending.as_ref().and_then(|_| {
            self.progress
                .application_number
                .as_deref()
                .or(self.submit.application_number.as_deref())
                .and_then(|n| ApplicationNumber::parse(n).ok())
        });
        let (Some(client), Some(number)) = (
            self.client(),
            device_number.or_else(|| {
                self.install
                    .pending
                    .as_ref()
                    .and_then(|p| p.application_number().cloned())
            }),
        ) else {
            return Task::none();
        };
        // Keys on a device need its PIN, asked when the certificates are written.
        if self.devices.pending.is_none() && self.key_password().is_none() {
            return Task::none();
        }
        self.install.stage = install::Stage::Checking;
        self.failure = None;
        Task::perform(
            async move {
                let status = client.application_status(&number).await?;
                if status.status != ApplicationStatus::Issued {
                    return Ok((status, None));
                }
                let certificates = client.certificates(&number).await?;
                Ok((status, Some(certificates)))
            },
            |r| Message::Reply(Reply::Issue(r)),
        )
    }

    /// The key password: from the password step in the main flow, else typed on the
    /// install screen.
    fn key_password(&self) -> Option<KeyPassword> {
        self.install.password().or_else(|| self.password.password())
    }

    fn write_files(&mut self, certificates: CertificatesResponse) -> Task<Message> {
        let (Some(pending), Some(password)) = (self.install.pending.clone(), self.key_password())
        else {
            return Task::none();
        };
        let format = self.storage.format();
        self.install.stage = install::Stage::Writing;
        Task::perform(
            blocking(move || store::install(&pending, &password, &certificates, format)),
            |r| Message::Reply(Reply::Installed(r)),
        )
    }

    /// Handles the key and installation answers.
    pub(super) fn on_keys_reply(&mut self, reply: Reply) -> Task<Message> {
        match reply {
            Reply::FolderChecked(result) => {
                self.storage.checking = false;
                self.storage.check = Some(result);
                if self.step == Step::Storage && self.storage.checked_folder().is_some() {
                    return self.go(Step::KeyPassword);
                }
                Task::none()
            }
            Reply::KeysSaved(result) => match result {
                Ok(prepared) => {
                    self.progress.folder = Some(prepared.pending.folder().to_path_buf());
                    Task::batch([self.save_progress(), self.send_application(prepared)])
                }
                Err(error) => {
                    self.submit.stage = submit::Stage::Idle;
                    self.submit.problem = Some(super::explain::store(self.lang, &error));
                    Task::none()
                }
            },
            Reply::Submitted(result) => match result {
                Ok(number) => match ApplicationNumber::parse(&number) {
                    Ok(number) => self.record_number(number),
                    Err(_) => self.fail_with(
                        ClientError::Malformed(format!("application number {number:?}")),
                        Message::Submit(submit::Message::Start),
                    ),
                },
                Err(error) => {
                    self.submit.stage = submit::Stage::Idle;
                    self.fail_with(error, Message::ResendApplication)
                }
            },
            Reply::NumberRecorded(result) => match result {
                Ok(pending) => {
                    self.submit.stage = submit::Stage::Done;
                    self.submit.application_number =
                        pending.application_number().map(|n| n.as_str().to_owned());
                    if let Some(prepared) = &mut self.submit.prepared {
                        prepared.pending = pending.clone();
                    }
                    self.install.pending = Some(pending);
                    self.progress.application_number = self.submit.application_number.clone();
                    self.save_progress()
                }
                Err(error) => {
                    self.submit.problem = Some(super::explain::store(self.lang, &error));
                    Task::none()
                }
            },
            Reply::PendingFound(result) => {
                self.install.found(result);
                Task::none()
            }
            Reply::Issue(result) => match result {
                Ok((status, Some(certificates))) => {
                    self.install.status = Some(status);
                    self.write_files(certificates)
                }
                Ok((status, None)) => {
                    self.install.stage = install::Stage::NotYet;
                    self.install.status = Some(status);
                    Task::none()
                }
                Err(error) => {
                    self.install.stage = install::Stage::Idle;
                    self.fail_with(error, Message::Install(install::Message::Start))
                }
            },
            Reply::Installed(result) => match result {
                Ok(files) => {
                    self.install.stage = install::Stage::Idle;
                    self.installed = Some(files);
                    self.progress = qoltanba_core::store::progress::Progress::default();
                    Task::batch([self.save_progress(), self.go(Step::Done)])
                }
                Err(error) => {
                    self.install.stage = install::Stage::Idle;
                    self.install.problem = Some(super::explain::store(self.lang, &error));
                    Task::none()
                }
            },
            _ => Task::none(),
        }
    }

    fn record_number(&mut self, number: ApplicationNumber) -> Task<Message> {
        let Some(prepared) = self.submit.prepared.clone() else {
            return Task::none();
        };
        let mut pending = prepared.pending;
        Task::perform(
            blocking(move || {
                pending.record_application(&number)?;
                Ok(pending)
            }),
            |r| Message::Reply(Reply::NumberRecorded(r)),
        )
    }

    /// The files written by the last installation (the done screen lists them).
    pub fn installed_files(&self) -> Option<&InstalledKeys> {
        self.installed.as_ref()
    }
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

/// The status line of an application that is not issued yet.
pub fn is_refused(status: &ApplicationStatusResponse) -> bool {
    status.status == ApplicationStatus::Rejected
}
