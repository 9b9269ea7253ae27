//! The submit step on a PKCS#11 device: the pairs made on it, the record of which keys and
//! which request written before the application leaves, and the keys removed only when the
//! service has said that no application uses them.

use std::sync::Arc;

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::domain::{ApplicationNumber, IdempotencyKey};
use qoltanba_core::protocol::StorageKind;
use qoltanba_core::store::StoreError;
use qoltanba_core::store::progress::SentRequest;
use qoltanba_core::token::devices::blocking as on_device_thread;
use qoltanba_core::token::{DeviceError, DevicePrepared, enrolment};

use super::{Message, Problem, Retry, Stage, State};
use crate::app::shared::{Requests, Shared, Storage};

impl State {
    /// The pairs made on the device (GOST's one where its module offers GOST 2012-512 key
    /// pairs, else RSA's two), then the application.
    pub(super) fn make_device_keys(&mut self, ctx: &mut Shared) -> Task<Message> {
        if self.stage != Stage::Idle {
            return Task::none();
        }
        let (Some(subject), Some(session)) = (ctx.citizen.subject(), ctx.devices.session.clone())
        else {
            self.problem = Some(Problem::MissingDevice);
            return Task::none();
        };
        // Keys of an application that was sent (or may have been) are not leftovers.
        let known: Vec<_> = ctx.progress.device.iter().cloned().collect();
        self.problem = None;
        self.stage = Stage::Keys;
        ctx.service.failure = None;
        let tag = enrolment::label_tag();
        Task::perform(
            on_device_thread(move || enrolment::make_keys(&session, &subject, &known, &tag)),
            Message::DeviceKeysMade,
        )
    }

    /// The record goes to disk first: which keys, and the request with its key. Only then
    /// does the application leave.
    pub(super) fn record_device(
        &mut self,
        ctx: &mut Shared,
        prepared: DevicePrepared,
    ) -> Task<Message> {
        self.stage = Stage::Recording;
        ctx.progress.application_number = None;
        ctx.progress.folder = None;
        ctx.progress.device = Some(prepared.keys.clone());
        ctx.progress.request = Some(SentRequest {
            key: IdempotencyKey::new(),
            csr_auth: prepared.csr_auth.clone(),
            csr_sign: prepared.csr_sign.clone(),
            csr: prepared.csr.clone(),
        });
        ctx.devices.prepared = Some(prepared);
        ctx.save_progress_now().map(Message::DeviceRecorded)
    }

    pub(super) fn device_recorded(
        &mut self,
        result: Result<(), Arc<StoreError>>,
        ctx: &mut Shared,
    ) -> Task<Message> {
        match (result, ctx.devices.prepared.clone()) {
            (Ok(()), Some(prepared)) => self.send_device(ctx, &prepared),
            (Ok(()), None) => Task::none(),
            (Err(error), prepared) => {
                // Nothing was sent: the keys just made are removed again.
                self.stage = Stage::Idle;
                self.retry = Retry::Start;
                self.problem = Some(Problem::RecordNotSaved(error));
                ctx.progress.device = None;
                ctx.progress.request = None;
                ctx.devices.prepared = None;
                remove_device_keys(ctx, prepared).map(|_| Message::DeviceKeysRemoved(Ok(0)))
            }
        }
    }

    pub(super) fn send_device(
        &mut self,
        ctx: &mut Shared,
        prepared: &DevicePrepared,
    ) -> Task<Message> {
        let key = ctx
            .progress
            .request
            .as_ref()
            .map(|request| request.key.clone())
            .unwrap_or_else(IdempotencyKey::new);
        let requests = match &prepared.csr {
            Some(csr) => Requests::Gost(csr.clone()),
            None => Requests::Rsa {
                auth: prepared.csr_auth.clone(),
                sign: prepared.csr_sign.clone(),
            },
        };
        self.send_requests(ctx, StorageKind::Token, requests, key)
    }

    pub(super) fn device_submitted(
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
                    ctx.application.unanswered = false;
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
            Err(error) if error.proves_no_application() => {
                // The service will never take these requests, and no earlier attempt was
                // accepted: the keys made for them go, and so does their record.
                self.stage = Stage::Idle;
                self.retry = Retry::Start;
                let prepared = ctx.devices.prepared.take();
                let removal = remove_device_keys(ctx, prepared).map(Message::DeviceKeysRemoved);
                ctx.progress.device = None;
                ctx.progress.request = None;
                ctx.service.fail(error);
                Task::batch([removal, ctx.save_progress()])
            }
            Err(error) => {
                // Lost, refused for the session, or "already has an application": an earlier
                // attempt may have been accepted. The keys and their record stay; Retry (or
                // "Continue" after a new login) asks again under the same key.
                self.stage = Stage::Idle;
                self.retry = Retry::Resend;
                ctx.service.fail(error);
                Task::none()
            }
        }
    }
}

/// Resuming on a device: the record of a request that never got its answer.
pub(super) fn unanswered(ctx: &mut Shared) -> Option<DevicePrepared> {
    let (Some(keys), Some(request)) = (ctx.progress.device.clone(), ctx.progress.request.clone())
    else {
        return None;
    };
    ctx.application.storage = Some(Storage::Device);
    let prepared = DevicePrepared {
        keys,
        csr_auth: request.csr_auth,
        csr_sign: request.csr_sign,
        csr: request.csr,
    };
    ctx.devices.prepared = Some(prepared.clone());
    Some(prepared)
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
