//! Installing onto a device: the certificates written next to the keys made on it (opening
//! the device with the PIN typed here when no session is open), and a refused application's
//! keys taken off the device.

use iced::Task;
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::{ApplicationStatus, CertificatesResponse};
use qoltanba_core::store::progress::Progress;
use qoltanba_core::token::devices::blocking as on_device_thread;
use qoltanba_core::token::{DeviceError, DevicePrepared, TokenError, enrolment};

use super::{Issue, Message, Problem, Stage, State};
use crate::app::screen::submit::remove_device_keys;
use crate::app::shared::Shared;

impl State {
    pub(super) fn device_issued(
        &mut self,
        result: Result<Issue, ClientError>,
        ctx: &mut Shared,
    ) -> Task<Message> {
        match result {
            Ok((status, Some(certificates))) => {
                self.status = Some(status);
                self.write_to_device(certificates, ctx)
            }
            Ok((status, None)) => {
                self.stage = Stage::NotYet;
                let rejected = status.status == ApplicationStatus::Rejected;
                self.status = Some(status);
                if !rejected {
                    return Task::none();
                }
                // Refused for good: the keys waiting on the device go, and nothing is resumed.
                // The screen keeps showing the device and the refusal; Install has nothing left
                // to do.
                let keys = ctx.devices.pending.take();
                ctx.progress = Progress::default();
                let removal = remove_device_keys(
                    ctx,
                    keys.map(|keys| DevicePrepared {
                        keys,
                        csr_auth: String::new(),
                        csr_sign: String::new(),
                        csr: None,
                    }),
                )
                .map(Message::DeviceKeysRemoved);
                Task::batch([removal, ctx.save_progress()])
            }
            Err(error) => {
                self.stage = Stage::Idle;
                ctx.service.fail(error);
                Task::none()
            }
        }
    }

    fn write_to_device(
        &mut self,
        certificates: CertificatesResponse,
        ctx: &Shared,
    ) -> Task<Message> {
        let Some(keys) = ctx.devices.pending.clone() else {
            return Task::none();
        };
        let session = ctx.devices.session.clone();
        let pin = self.device_pin();
        if session.is_none() && pin.is_none() {
            self.stage = Stage::Idle;
            self.problem = Some(Problem::DevicePinNeeded);
            return Task::none();
        }
        let registry = ctx.devices.registry.clone();
        self.stage = Stage::Writing;
        self.problem = None;
        Task::perform(
            on_device_thread(move || {
                let session = match (session, pin) {
                    (Some(session), _) => session,
                    (None, Some(pin)) => registry.open(&keys, &pin)?,
                    (None, None) => return Err(DeviceError::Token(TokenError::LoggedOut)),
                };
                let trials = enrolment::install(&session, &keys, &certificates)?;
                Ok((session, trials))
            }),
            Message::DeviceInstalled,
        )
    }
}
