//! The steps that talk to the issuance service: what is sent when the user presses Next, and
//! what each answer does. Every request runs as a task; the UI shows that it waits, keeps the
//! Next button disabled meanwhile, and offers Retry with a translated message on failure.

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::{ApplicationStatusResponse, SmsMessage};

use std::sync::Arc;

use qoltanba_core::protocol::CertificatesResponse;
use qoltanba_core::store::{FolderCheck, InstalledKeys, PendingKeys, StoreError};

use super::device::{DeviceError, DeviceSession, Listing};
use super::device_keys::DevicePrepared;
use super::keys::Prepared;
use super::service::{ConnectError, Connection};
use super::step::Step;
use super::{App, Message};

/// Answers from the service, each carrying the step that asked so a late answer for a step
/// the user has left is ignored.
#[derive(Debug, Clone)]
pub enum Reply {
    Connected(Result<Connection, ConnectError>),
    SandboxInbox(Result<Vec<SmsMessage>, ClientError>),
    FolderChecked(Result<FolderCheck, Arc<StoreError>>),
    KeysSaved(Result<Prepared, Arc<StoreError>>),
    Submitted(Result<String, ClientError>),
    NumberRecorded(Result<PendingKeys, Arc<StoreError>>),
    PendingFound(Result<Vec<PendingKeys>, Arc<StoreError>>),
    Issue(Result<(ApplicationStatusResponse, Option<CertificatesResponse>), ClientError>),
    Installed(Result<InstalledKeys, Arc<StoreError>>),
    DevicesListed(Listing),
    DeviceLoggedIn(Result<DeviceSession, DeviceError>),
    DevicePinChanged(Result<(), DeviceError>),
    DeviceKeysMade(Result<DevicePrepared, DeviceError>),
    DeviceKeysRemoved(Result<usize, DeviceError>),
    DeviceInstalled(Result<DeviceSession, DeviceError>),
}

impl App {
    pub(super) fn client(&self) -> Option<qoltanba_core::client::Client> {
        self.shared.service.client()
    }

    pub(super) fn poll_inbox(&self) -> Task<Message> {
        let Some(client) = self.client() else {
            return Task::none();
        };
        Task::perform(async move { client.sandbox_sms_all().await }, |r| {
            Message::Reply(Reply::SandboxInbox(r))
        })
    }

    /// A request the root sends for its step failed; Retry sends `retry` again.
    fn fail(&mut self, error: ClientError, retry: Message) {
        self.shared.service.fail(error);
        self.retry = Some(Box::new(retry));
    }

    /// Like `fail`, for a reply handler that returns a task.
    pub(super) fn fail_with(&mut self, error: ClientError, retry: Message) -> Task<Message> {
        self.fail(error, retry);
        Task::none()
    }

    pub(super) fn on_reply(&mut self, reply: Reply) -> Task<Message> {
        if !matches!(
            reply,
            Reply::SandboxInbox(_) | Reply::Connected(_) | Reply::DevicesListed(_)
        ) {
            self.shared.service.waiting = false;
        }
        match reply {
            reply @ (Reply::DevicesListed(_)
            | Reply::DeviceLoggedIn(_)
            | Reply::DevicePinChanged(_)
            | Reply::DeviceKeysMade(_)
            | Reply::DeviceKeysRemoved(_)
            | Reply::DeviceInstalled(_)) => return self.on_device_reply(reply),
            reply @ Reply::Submitted(_) if self.on_device() => {
                return self.on_device_reply(reply);
            }
            reply @ Reply::Issue(_) if self.shared.devices.pending.is_some() => {
                return self.on_device_reply(reply);
            }
            reply @ (Reply::FolderChecked(_)
            | Reply::KeysSaved(_)
            | Reply::Submitted(_)
            | Reply::NumberRecorded(_)
            | Reply::PendingFound(_)
            | Reply::Issue(_)
            | Reply::Installed(_)) => return self.on_keys_reply(reply),
            Reply::Connected(Ok(connection)) => {
                self.shared.service.connection = Some(connection);
                self.shared.service.connection_error = None;
            }
            Reply::Connected(Err(reason)) => self.shared.service.connection_error = Some(reason),
            Reply::SandboxInbox(Ok(messages)) => self.shared.service.inbox = messages,
            // A late answer for a step the user has left, or an inbox poll that failed (the
            // next tick polls again).
            _ => {}
        }
        Task::none()
    }

    /// Once a second: counts the resend cooldown down and, in the sandbox, reads the inbox.
    pub(super) fn on_tick(&mut self) -> Task<Message> {
        self.shared.service.tick();
        if self.step == Step::Otp && self.shared.service.is_sandbox() {
            return self.poll_inbox();
        }
        Task::none()
    }

    /// The sandbox SMS the panel shows now, if any.
    pub fn visible_sms(&self) -> Option<&SmsMessage> {
        self.shared.service.latest_sms()
    }

    /// The translated text of the failed request's banner, if one is shown.
    pub fn failure_text(&self) -> Option<String> {
        self.shared
            .service
            .failure
            .as_ref()
            .map(|error| super::explain::service(self.shared.lang, error))
    }
}
