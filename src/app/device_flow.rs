//! The device path through the wizard: listing the devices while the storage step shows,
//! the PIN (and the factory-PIN change) when Next is pressed, the keys made on the device and
//! sent, and the certificates written to it. Every device call runs in `spawn_blocking`
//! through [`blocking`]; the answers come back as [`Reply`] messages.

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::ApplicationNumber;
use qoltanba_core::protocol::{ApplicationStatus, ApplicationStatusResponse, CertificatesResponse};
use qoltanba_core::token::devices::{DeviceSession, blocking};
use qoltanba_core::token::{DeviceError, DevicePrepared, TokenError, enrolment};

use super::flow::Reply;
use super::screen::devices::Stage;
use super::screen::{install, submit};
use super::step::Step;
use super::{App, Message};
use crate::t;

/// How often the device list is refreshed while the storage step is shown.
pub const SCAN_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

impl App {
    /// Lists the devices on a worker thread (loading the modules the first time, and again
    /// every few scans or when `reload`). One scan at a time.
    pub(super) fn scan_devices(&mut self, reload: bool) -> Task<Message> {
        if self.storage.device.scanning {
            return Task::none();
        }
        let reload = self.devices.clock.tick() || reload;
        self.storage.device.scanning = true;
        let registry = self.devices.registry.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || registry.scan(reload))
                    .await
                    .unwrap_or_default()
            },
            |listing| Message::Reply(Reply::DevicesListed(listing)),
        )
    }

    /// Next on the storage step with a device picked: check the PIN, change a factory PIN,
    /// or go on to the keys.
    pub(super) fn device_next(&mut self) -> Task<Message> {
        match self.storage.device.stage {
            Stage::Pin => self.log_in_device(),
            Stage::NewPin => self.change_device_pin(),
            Stage::Ready => {
                let open = self
                    .storage
                    .device
                    .selected()
                    .is_some_and(|token| self.devices.session_on(token).is_some());
                if open {
                    self.go(Step::Submit)
                } else {
                    self.storage
                        .device
                        .failed(DeviceError::Token(TokenError::LoggedOut));
                    Task::none()
                }
            }
            Stage::LoggingIn | Stage::ChangingPin => Task::none(),
        }
    }

    fn log_in_device(&mut self) -> Task<Message> {
        let picker = &self.storage.device;
        let (Some(token), Some(pin)) = (picker.selected().cloned(), picker.pin()) else {
            return Task::none();
        };
        // The open session (if any) is closed by the worker before the new login.
        let previous = self.devices.session.take();
        let registry = self.devices.registry.clone();
        self.storage.device.start_login();
        Task::perform(
            blocking(move || registry.login(&token, &pin, previous)),
            |result| Message::Reply(Reply::DeviceLoggedIn(result)),
        )
    }

    fn change_device_pin(&mut self) -> Task<Message> {
        let (Some(session), Some(new)) =
            (self.devices.session.clone(), self.storage.device.new_pin())
        else {
            return Task::none();
        };
        let old = self.storage.device.current_pin();
        self.storage.device.start_pin_change();
        Task::perform(blocking(move || session.change_pin(&old, &new)), |result| {
            Message::Reply(Reply::DevicePinChanged(result))
        })
    }

    /// Closes the device session on a worker thread (closing may wait for the device).
    pub(super) fn release_device(&mut self) -> Task<Message> {
        close(self.devices.session.take())
    }

    /// Start on the submit step with a device: both pairs made on it, then the application.
    pub(super) fn make_device_keys(&mut self) -> Task<Message> {
        if self.submit.stage != submit::Stage::Idle {
            return Task::none();
        }
        let (Some(subject), Some(session)) = (self.subject(), self.devices.session.clone()) else {
            self.submit.problem = Some(t!(self.lang, "submit-missing-device"));
            return Task::none();
        };
        // Keys of an accepted application still waiting on this device are not leftovers.
        let clean_up = !self
            .progress
            .device
            .as_ref()
            .is_some_and(|keys| keys.is_on(session.token()));
        self.submit.problem = None;
        self.submit.stage = submit::Stage::Keys;
        self.failure = None;
        let tag = enrolment::label_tag();
        Task::perform(
            blocking(move || enrolment::make_keys(&session, &subject, clean_up, &tag)),
            |result| Message::Reply(Reply::DeviceKeysMade(result)),
        )
    }

    /// Whether the keys go to a device (the storage step's choice; the submit and install
    /// steps follow it).
    pub fn on_device(&self) -> bool {
        self.storage.kind() == super::screen::storage::Kind::Device
    }

    /// Retry after a failed send on the device path: the same requests go again.
    pub(super) fn resend_device_application(&mut self) -> Task<Message> {
        match self.devices.prepared.clone() {
            Some(prepared) => self.send_device_application(prepared),
            None => self.make_device_keys(),
        }
    }

    fn send_device_application(&mut self, prepared: DevicePrepared) -> Task<Message> {
        use qoltanba_core::protocol::StorageKind;
        self.devices.prepared = Some(prepared.clone());
        self.send_requests(StorageKind::Token, prepared.csr_auth, prepared.csr_sign)
    }

    fn on_device_submitted(&mut self, result: Result<String, ClientError>) -> Task<Message> {
        match result {
            Ok(number) => match (
                ApplicationNumber::parse(&number),
                self.devices.prepared.take(),
            ) {
                (Ok(number), Some(prepared)) => {
                    self.submit.stage = submit::Stage::Done;
                    self.submit.application_number = Some(number.as_str().to_owned());
                    self.progress.application_number = Some(number.as_str().to_owned());
                    self.progress.folder = None;
                    self.progress.device = Some(prepared.keys.clone());
                    self.devices.pending = Some(prepared.keys);
                    self.save_progress()
                }
                (Err(_), prepared) => {
                    self.devices.prepared = prepared;
                    self.submit.stage = submit::Stage::Idle;
                    self.fail_with(
                        ClientError::Malformed(format!("application number {number:?}")),
                        Message::ResendApplication,
                    )
                }
                (Ok(_), None) => Task::none(),
            },
            Err(error) => {
                self.submit.stage = submit::Stage::Idle;
                if !error.is_final() {
                    return self.fail_with(error, Message::ResendApplication);
                }
                // The service will never take these requests: the keys made for them go.
                let prepared = self.devices.prepared.take();
                let removal = self.remove_device_keys(prepared);
                Task::batch([
                    removal,
                    self.fail_with(error, Message::Submit(submit::Message::Start)),
                ])
            }
        }
    }

    fn remove_device_keys(&mut self, prepared: Option<DevicePrepared>) -> Task<Message> {
        let (Some(prepared), Some(session)) = (prepared, self.devices.session.clone()) else {
            return Task::none();
        };
        Task::perform(
            blocking(move || enrolment::remove_keys(&session, &prepared.keys)),
            |result| Message::Reply(Reply::DeviceKeysRemoved(result)),
        )
    }

    /// Entering the install step with keys on a device: with the session open, the service is
    /// asked at once; otherwise the citizen plugs the device in and types its PIN first.
    pub(super) fn enter_device_install(&mut self) -> Task<Message> {
        self.install.device = self.devices.pending.clone();
        self.install.device_number = self
            .progress
            .application_number
            .clone()
            .or_else(|| self.submit.application_number.clone());
        if self.devices.session.is_some() {
            self.check_issue()
        } else {
            Task::none()
        }
    }

    fn on_device_issue(
        &mut self,
        result: Result<(ApplicationStatusResponse, Option<CertificatesResponse>), ClientError>,
    ) -> Task<Message> {
        match result {
            Ok((status, Some(certificates))) => {
                self.install.status = Some(status);
                self.write_to_device(certificates)
            }
            Ok((status, None)) => {
                self.install.stage = install::Stage::NotYet;
                let rejected = status.status == ApplicationStatus::Rejected;
                self.install.status = Some(status);
                if !rejected {
                    return Task::none();
                }
                // Refused for good: the keys waiting on the device go, and nothing is resumed.
                // The screen keeps showing the device and the refusal; Install has nothing left
                // to do.
                let keys = self.devices.pending.take();
                self.progress = qoltanba_core::store::progress::Progress::default();
                let removal = self.remove_device_keys(keys.map(|keys| DevicePrepared {
                    keys,
                    csr_auth: String::new(),
                    csr_sign: String::new(),
                }));
                Task::batch([removal, self.save_progress()])
            }
            Err(error) => {
                self.install.stage = install::Stage::Idle;
                self.fail_with(error, Message::Install(install::Message::Start))
            }
        }
    }

    fn write_to_device(&mut self, certificates: CertificatesResponse) -> Task<Message> {
        let Some(keys) = self.devices.pending.clone() else {
            return Task::none();
        };
        let session = self.devices.session.clone();
        let pin = self.install.device_pin();
        if session.is_none() && pin.is_none() {
            self.install.stage = install::Stage::Idle;
            self.install.problem = Some(t!(self.lang, "install-device-pin-hint"));
            return Task::none();
        }
        let registry = self.devices.registry.clone();
        self.install.stage = install::Stage::Writing;
        self.install.problem = None;
        Task::perform(
            blocking(move || {
                let session = match (session, pin) {
                    (Some(session), _) => session,
                    (None, Some(pin)) => registry.open(&keys, &pin)?,
                    (None, None) => return Err(DeviceError::Token(TokenError::LoggedOut)),
                };
                enrolment::install(&session, &keys, &certificates)?;
                Ok(session)
            }),
            |result| Message::Reply(Reply::DeviceInstalled(result)),
        )
    }

    /// Handles the answers of the device workers.
    pub(super) fn on_device_reply(&mut self, reply: Reply) -> Task<Message> {
        match reply {
            Reply::DevicesListed(listing) => {
                let session_gone = self.devices.session.as_ref().is_some_and(|session| {
                    !listing
                        .tokens
                        .iter()
                        .any(|token| token.same_device(session.token()))
                });
                self.storage.listed(listing);
                if session_gone && self.step == Step::Storage {
                    return self.release_device();
                }
                Task::none()
            }
            Reply::DeviceLoggedIn(result) => match result {
                Ok(session) => {
                    let factory = session.uses_factory_pin();
                    self.devices.session = Some(session);
                    self.storage.device.logged_in(factory);
                    if !factory && self.step == Step::Storage {
                        return self.go(Step::Submit);
                    }
                    Task::none()
                }
                Err(error) => {
                    self.storage.device.failed(error);
                    // The PIN flags changed (count low, final try): show them.
                    self.scan_devices(false)
                }
            },
            Reply::DevicePinChanged(result) => match result {
                Ok(()) => {
                    self.storage.device.pin_change_done();
                    if self.step == Step::Storage {
                        return self.go(Step::Submit);
                    }
                    Task::none()
                }
                Err(error) if error.is_removal() => {
                    self.storage.device.failed(error);
                    self.release_device()
                }
                Err(error) => {
                    self.storage.device.pin_change_failed(error);
                    Task::none()
                }
            },
            Reply::DeviceKeysMade(result) => match result {
                Ok(prepared) => self.send_device_application(prepared),
                Err(error) => {
                    self.submit.stage = submit::Stage::Idle;
                    self.submit.problem = Some(super::explain::device(self.lang, &error));
                    if error.is_removal() {
                        return self.release_device();
                    }
                    Task::none()
                }
            },
            Reply::DeviceKeysRemoved(result) => {
                if result.is_ok() {
                    let removed = t!(self.lang, "submit-device-keys-removed");
                    if self.step == Step::Install {
                        self.install.problem = Some(removed);
                    } else {
                        self.submit.problem = Some(removed);
                    }
                }
                Task::none()
            }
            Reply::DeviceInstalled(result) => match result {
                Ok(session) => {
                    self.install.stage = install::Stage::Idle;
                    self.install.forget_pin();
                    self.installed_device = self.devices.pending.take();
                    self.install.device = None;
                    self.progress = qoltanba_core::store::progress::Progress::default();
                    let previous = self.devices.session.take();
                    Task::batch([
                        close(Some(session)),
                        close(previous),
                        self.save_progress(),
                        self.go(Step::Done),
                    ])
                }
                Err(error) => {
                    self.install.stage = install::Stage::Idle;
                    self.install.problem = Some(super::explain::device(self.lang, &error));
                    if error.is_removal() {
                        return self.release_device();
                    }
                    Task::none()
                }
            },
            Reply::Submitted(result) => self.on_device_submitted(result),
            Reply::Issue(result) => self.on_device_issue(result),
            _ => Task::none(),
        }
    }

    /// The device the keys were written to (the done screen names it).
    pub fn installed_device(&self) -> Option<&qoltanba_core::token::DeviceKeys> {
        self.installed_device.as_ref()
    }

    /// The devices the storage step lists now (tests, support).
    pub fn listed_devices(&self) -> Vec<qoltanba_core::token::TokenInfo> {
        self.storage
            .device
            .listing
            .as_ref()
            .map(|listing| listing.tokens.clone())
            .unwrap_or_default()
    }

    /// The translated reason the last device operation on the storage step failed.
    pub fn device_problem(&self) -> Option<String> {
        self.storage
            .device
            .error
            .as_ref()
            .map(|error| super::explain::device(self.lang, error))
    }

    /// Why the keys could not be made on the submit step (translated), if they could not.
    pub fn submit_problem(&self) -> Option<&str> {
        self.submit.problem.as_deref()
    }

    /// Whether a device session is open.
    pub fn device_session_open(&self) -> bool {
        self.devices.session.is_some()
    }
}

/// Drops a session on a worker thread.
fn close(session: Option<DeviceSession>) -> Task<Message> {
    match session {
        Some(session) => Task::perform(
            async move {
                let _ = tokio::task::spawn_blocking(move || drop(session)).await;
            },
            |()| Message::Idle,
        ),
        None => Task::none(),
    }
}
