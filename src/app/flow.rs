//! The steps that talk to the issuance service: what is sent when the user presses Next, and
//! what each answer does. Every request runs as a task; the UI shows that it waits, keeps the
//! Next button disabled meanwhile, and offers Retry with a translated message on failure.

use iced::Task;
use qoltanba_core::client::{ClientError, Session};
use qoltanba_core::protocol::{
    ApplicationStatusResponse, CreateSessionResponse, DocumentData, DocumentSide,
    OtpResendResponse, SmsMessage, VerificationResponse,
};

use std::sync::Arc;

use qoltanba_core::protocol::CertificatesResponse;
use qoltanba_core::store::{FolderCheck, InstalledKeys, PendingKeys, StoreError};
use qoltanba_core::token::devices::{DeviceSession, Listing};
use qoltanba_core::token::{DeviceError, DevicePrepared};

use super::keys::Prepared;
use super::service::Connection;
use super::step::Step;
use super::{App, Message};

/// A failed request and the message that tries it again.
#[derive(Debug, Clone)]
pub struct Failure {
    pub error: ClientError,
    pub retry: Box<Message>,
}

/// Answers from the service, each carrying the step that asked so a late answer for a step
/// the user has left is ignored.
#[derive(Debug, Clone)]
pub enum Reply {
    Connected(Result<Connection, super::service::ConnectError>),
    SessionCreated(Result<CreateSessionResponse, ClientError>),
    OtpVerified(Result<Session, ClientError>),
    OtpResent(Result<OtpResendResponse, ClientError>),
    PhoneRegistered(Result<OtpResendResponse, ClientError>),
    Status(Result<ApplicationStatusResponse, ClientError>),
    SandboxInbox(Result<Vec<SmsMessage>, ClientError>),
    SelfieUploaded(Result<(), ClientError>),
    VideoUploaded(Result<(), ClientError>),
    PinSet(Result<(), ClientError>),
    DocumentUploaded(DocumentSide, Result<(), ClientError>),
    DocumentData(Result<DocumentData, ClientError>),
    DataConfirmed(Result<(), ClientError>),
    Verification(Result<VerificationResponse, ClientError>),
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
        self.connection.as_ref().map(|c| c.client.clone())
    }

    pub(super) fn submit_iin(&mut self) -> Task<Message> {
        let (Some(client), Some(iin)) = (self.client(), self.iin.iin()) else {
            return Task::none();
        };
        self.review.iin = Some(iin.to_string());
        self.start_waiting();
        Task::perform(async move { client.create_session(&iin).await }, |r| {
            Message::Reply(Reply::SessionCreated(r))
        })
    }

    pub(super) fn submit_otp(&mut self) -> Task<Message> {
        let (Some(client), Some(code), Some(id)) =
            (self.client(), self.otp.code(), self.session_id.clone())
        else {
            return Task::none();
        };
        self.start_waiting();
        Task::perform(async move { client.verify_otp(&id, &code).await }, |r| {
            Message::Reply(Reply::OtpVerified(r))
        })
    }

    pub(super) fn resend_otp(&mut self) -> Task<Message> {
        let (Some(client), Some(id)) = (self.client(), self.session_id.clone()) else {
            return Task::none();
        };
        self.start_waiting();
        Task::perform(async move { client.resend_otp(&id).await }, |r| {
            Message::Reply(Reply::OtpResent(r))
        })
    }

    pub(super) fn submit_phone(&mut self) -> Task<Message> {
        let (Some(client), Some(phone), Some(iin)) =
            (self.client(), self.phone.phone(), self.iin.iin())
        else {
            return Task::none();
        };
        let session_id = self.session_id.clone();
        self.start_waiting();
        Task::perform(
            async move {
                client.register_phone(&iin, &phone).await?;
                // The number is now on file; ask for the code that could not be sent before.
                match session_id {
                    Some(id) => client.resend_otp(&id).await,
                    None => Err(ClientError::Api {
                        code: qoltanba_core::protocol::ErrorCode::UnknownSession,
                        message: "no session".into(),
                        retry_after: None,
                    }),
                }
            },
            |r| Message::Reply(Reply::PhoneRegistered(r)),
        )
    }

    pub(super) fn check_status(&mut self) -> Task<Message> {
        let (Some(client), Some(number)) = (self.client(), self.status.number()) else {
            return Task::none();
        };
        self.start_waiting();
        self.status_result = None;
        Task::perform(
            async move { client.application_status(&number).await },
            |r| Message::Reply(Reply::Status(r)),
        )
    }

    pub(super) fn poll_inbox(&self) -> Task<Message> {
        let Some(client) = self.client() else {
            return Task::none();
        };
        Task::perform(async move { client.sandbox_sms_all().await }, |r| {
            Message::Reply(Reply::SandboxInbox(r))
        })
    }

    fn start_waiting(&mut self) {
        self.waiting = true;
        self.failure = None;
    }

    fn fail(&mut self, error: ClientError, retry: Message) {
        self.failure = Some(Failure {
            error,
            retry: Box::new(retry),
        });
    }

    /// Like `fail`, for a reply handler that returns a task.
    pub(super) fn fail_with(&mut self, error: ClientError, retry: Message) -> Task<Message> {
        self.fail(error, retry);
        Task::none()
    }

    pub(super) fn on_reply(&mut self, reply: Reply) -> Task<Message> {
        if !matches!(
            reply,
            Reply::SandboxInbox(_)
                | Reply::Connected(_)
                | Reply::SelfieUploaded(_)
                | Reply::VideoUploaded(_)
                | Reply::DocumentUploaded(..)
                | Reply::DevicesListed(_)
        ) {
            self.waiting = false;
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
            reply @ Reply::Issue(_) if self.devices.pending.is_some() => {
                return self.on_device_reply(reply);
            }
            reply @ (Reply::SelfieUploaded(_)
            | Reply::VideoUploaded(_)
            | Reply::PinSet(_)
            | Reply::DocumentUploaded(..)
            | Reply::DocumentData(_)
            | Reply::DataConfirmed(_)
            | Reply::Verification(_)) => return self.on_identity_reply(reply),
            reply @ (Reply::FolderChecked(_)
            | Reply::KeysSaved(_)
            | Reply::Submitted(_)
            | Reply::NumberRecorded(_)
            | Reply::PendingFound(_)
            | Reply::Issue(_)
            | Reply::Installed(_)) => return self.on_keys_reply(reply),
            Reply::Connected(Ok(connection)) => {
                self.connection = Some(connection);
                self.connection_error = None;
            }
            Reply::Connected(Err(reason)) => self.connection_error = Some(reason),
            Reply::SessionCreated(result) if self.step == Step::Iin => match result {
                Ok(answer) => {
                    self.session_id = Some(answer.session_id);
                    self.otp.masked_phone = answer.masked_phone;
                    self.otp.resend_in =
                        u32::try_from(answer.resend_after_s).ok().filter(|s| *s > 0);
                    return self.go(if answer.phone_registered {
                        Step::Otp
                    } else {
                        Step::PhoneRegistration
                    });
                }
                Err(error) => self.fail(error, Message::Next),
            },
            Reply::OtpVerified(result) if self.step == Step::Otp => match result {
                Ok(session) => {
                    self.session = Some(session);
                    self.progress.iin = self.iin.iin().map(|iin| iin.to_string());
                    let next = self.after_login();
                    return Task::batch([self.save_progress(), self.go(next)]);
                }
                Err(error) => self.fail(error, Message::Next),
            },
            Reply::OtpResent(result) if self.step == Step::Otp => match result {
                Ok(answer) => self.apply_resend(answer),
                Err(error) => self.fail(error, Message::Otp(super::screen::otp::Message::Resend)),
            },
            Reply::PhoneRegistered(result) if self.step == Step::PhoneRegistration => {
                match result {
                    Ok(answer) => {
                        self.apply_resend(answer);
                        return self.go(Step::Otp);
                    }
                    Err(error) => self.fail(error, Message::Next),
                }
            }
            Reply::Status(result) if self.step == Step::Status => match result {
                Ok(answer) => self.status_result = Some(answer),
                Err(error) => self.fail(
                    error,
                    Message::Status(super::screen::status::Message::Submitted),
                ),
            },
            Reply::SandboxInbox(Ok(messages)) => self.inbox = messages,
            // A late answer for a step the user has left, or an inbox poll that failed (the
            // next tick polls again).
            _ => {}
        }
        Task::none()
    }

    fn apply_resend(&mut self, answer: OtpResendResponse) {
        if answer.masked_phone.is_some() {
            self.otp.masked_phone = answer.masked_phone;
        }
        self.otp.resend_in = u32::try_from(answer.resend_after_s).ok().filter(|s| *s > 0);
    }

    /// Once a second: counts the resend cooldown down and, in the sandbox, reads the inbox.
    pub(super) fn on_tick(&mut self) -> Task<Message> {
        self.otp.resend_in = self
            .otp
            .resend_in
            .and_then(|s| s.checked_sub(1))
            .filter(|s| *s > 0);
        if self.step == Step::Otp && self.connection.as_ref().is_some_and(Connection::is_sandbox) {
            return self.poll_inbox();
        }
        Task::none()
    }

    /// The sandbox SMS the panel shows now, if any.
    pub fn visible_sms(&self) -> Option<&SmsMessage> {
        self.latest_sms()
    }

    /// The translated text of the failed request's banner, if one is shown.
    pub fn failure_text(&self) -> Option<String> {
        self.failure
            .as_ref()
            .map(|f| super::explain::service(self.lang, &f.error))
    }

    /// The newest sandbox SMS to the phone the service named (masked as `+7 701 *** ** 67`).
    pub(super) fn latest_sms(&self) -> Option<&SmsMessage> {
        let masked: String = self
            .otp
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
