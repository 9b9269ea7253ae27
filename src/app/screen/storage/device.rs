//! The device path of the storage step: listing the devices while the step shows, the PIN
//! (and the factory-PIN change) when Next is pressed. Every device call runs in
//! `spawn_blocking` through [`blocking`]; the registry and the session are never
//! locked on the UI thread.

use iced::Task;
use qoltanba_core::token::TokenError;

use super::{Message, State};
use crate::app::screen::Event;
use crate::app::screen::devices::{self, Stage};
use crate::app::shared::{Shared, Storage, close};
use crate::app::step::Step;
use qoltanba_core::token::DeviceError;
use qoltanba_core::token::devices::{DeviceSession, Listing, blocking};

/// How often the device list is refreshed while the storage step is shown.
pub const SCAN_INTERVAL: std::time::Duration = std::time::Duration::from_secs(2);

impl State {
    /// Lists the devices on a worker thread (loading the modules the first time, and again
    /// every few scans or when `reload`). One scan at a time.
    pub(super) fn scan(&mut self, reload: bool, ctx: &mut Shared) -> Task<Message> {
        if self.device.scanning {
            return Task::none();
        }
        let reload = ctx.devices.clock.tick() || reload;
        self.device.scanning = true;
        let registry = ctx.devices.registry.clone();
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || registry.scan(reload))
                    .await
                    .unwrap_or_default()
            },
            Message::Listed,
        )
    }

    pub(super) fn on_picker(
        &mut self,
        message: devices::Message,
        ctx: &mut Shared,
    ) -> (Task<Message>, Option<Event>) {
        // A device picked: its PIN is typed next.
        let picked = matches!(message, devices::Message::Picked(_));
        let event = self.device.update(message);
        if picked {
            return (iced::widget::operation::focus(devices::PIN_ID), None);
        }
        match event {
            Some(devices::Event::Continue) => (Task::none(), Some(Event::Next)),
            Some(devices::Event::Scan { reload }) => (self.scan(reload, ctx), None),
            None => (Task::none(), None),
        }
    }

    /// Next with a device picked: check the PIN, change a factory PIN, or go on to the keys.
    pub(super) fn device_next(&mut self, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match self.device.stage {
            Stage::Pin => (self.log_in(ctx), None),
            Stage::NewPin => (self.change_pin(ctx), None),
            Stage::Ready => {
                let open = self
                    .device
                    .selected()
                    .is_some_and(|token| ctx.devices.session_on(token).is_some());
                if open {
                    ctx.application.storage = Some(Storage::Device);
                    (Task::none(), Some(Event::Go(Step::Submit)))
                } else {
                    self.device
                        .failed(DeviceError::Token(TokenError::LoggedOut));
                    (Task::none(), None)
                }
            }
            Stage::LoggingIn | Stage::ChangingPin => (Task::none(), None),
        }
    }

    fn log_in(&mut self, ctx: &mut Shared) -> Task<Message> {
        let picker = &self.device;
        let (Some(token), Some(pin)) = (picker.selected().cloned(), picker.pin()) else {
            return Task::none();
        };
        // The open session (if any) is closed by the worker before the new login.
        let previous = ctx.devices.session.take();
        let registry = ctx.devices.registry.clone();
        self.device.start_login();
        Task::perform(
            blocking(move || registry.login(&token, &pin, previous)),
            Message::LoggedIn,
        )
    }

    fn change_pin(&mut self, ctx: &mut Shared) -> Task<Message> {
        let (Some(session), Some(new)) = (ctx.devices.session.clone(), self.device.new_pin())
        else {
            return Task::none();
        };
        let old = self.device.current_pin();
        self.device.start_pin_change();
        Task::perform(
            blocking(move || session.change_pin(&old, &new)),
            Message::PinReplaced,
        )
    }

    pub(super) fn on_listed(&mut self, listing: Listing, ctx: &mut Shared) -> Task<Message> {
        let session_gone = ctx.devices.session.as_ref().is_some_and(|session| {
            !listing
                .tokens
                .iter()
                .any(|token| token.same_device(session.token()))
        });
        self.listed(listing);
        if session_gone {
            return close(ctx.devices.session.take());
        }
        Task::none()
    }

    pub(super) fn on_logged_in(
        &mut self,
        result: Result<DeviceSession, DeviceError>,
        ctx: &mut Shared,
    ) -> (Task<Message>, Option<Event>) {
        match result {
            Ok(session) => {
                let factory = session.uses_factory_pin();
                ctx.devices.session = Some(session);
                self.device.logged_in(factory);
                if factory {
                    return (Task::none(), None);
                }
                ctx.application.storage = Some(Storage::Device);
                (Task::none(), Some(Event::Go(Step::Submit)))
            }
            Err(error) => {
                self.device.failed(error);
                // The PIN flags changed (count low, final try): show them.
                (self.scan(false, ctx), None)
            }
        }
    }

    pub(super) fn on_pin_replaced(
        &mut self,
        result: Result<(), DeviceError>,
        ctx: &mut Shared,
    ) -> (Task<Message>, Option<Event>) {
        match result {
            Ok(()) => {
                self.device.pin_change_done();
                ctx.application.storage = Some(Storage::Device);
                (Task::none(), Some(Event::Go(Step::Submit)))
            }
            Err(error) if error.is_removal() => {
                self.device.failed(error);
                (close(ctx.devices.session.take()), None)
            }
            Err(error) => {
                self.device.pin_change_failed(error);
                (Task::none(), None)
            }
        }
    }
}
