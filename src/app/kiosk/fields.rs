//! What a keypad field holds now and the step message that changes it: the keypad speaks to
//! the steps exactly as typing would. Each step names its own fields (`Screen::keypad`).

use crate::app::screen::StepMessage;
pub use crate::app::screen::fields::Field;
use crate::app::screen::{
    account_pin, agreement, devices, iin, install, key_password, otp, phone_registration, status,
    storage,
};
use crate::app::{App, Message};

impl Field {
    /// The step message that sets the field to `value`.
    pub fn message(self, value: String) -> Message {
        match self {
            Field::Iin => Message::Step(StepMessage::Iin(iin::Message::Changed(value))),
            Field::Otp => Message::Step(StepMessage::Otp(otp::Message::Changed(value))),
            Field::Phone => Message::Step(StepMessage::PhoneRegistration(
                phone_registration::Message::Changed(value),
            )),
            Field::ApplicationNumber => {
                Message::Step(StepMessage::Status(status::Message::Changed(value)))
            }
            Field::AccountPin => Message::Step(StepMessage::AccountPin(
                account_pin::Message::PinChanged(value),
            )),
            Field::AccountPinRepeat => Message::Step(StepMessage::AccountPin(
                account_pin::Message::RepeatChanged(value),
            )),
            Field::Email => Message::Step(StepMessage::Agreement(
                agreement::Message::EmailChanged(value),
            )),
            Field::KeyPassword => Message::Step(StepMessage::KeyPassword(
                key_password::Message::PasswordChanged(value),
            )),
            Field::KeyPasswordRepeat => Message::Step(StepMessage::KeyPassword(
                key_password::Message::RepeatChanged(value),
            )),
            Field::DevicePin => device(devices::Message::PinChanged(value)),
            Field::DeviceNewPin => device(devices::Message::NewPinChanged(value)),
            Field::DeviceNewPinRepeat => device(devices::Message::RepeatChanged(value)),
            Field::InstallPassword => Message::Step(StepMessage::Install(
                install::Message::PasswordChanged(value),
            )),
            Field::InstallDevicePin => Message::Step(StepMessage::Install(
                install::Message::DevicePinChanged(value),
            )),
        }
    }
}

fn device(message: devices::Message) -> Message {
    Message::Step(StepMessage::Storage(storage::Message::Device(message)))
}

impl App {
    /// The fields the keypad can type into on the current step, first one first.
    pub(crate) fn keypad_fields(&self) -> Vec<Field> {
        self.steps.get(self.step).keypad(&self.shared)
    }

    /// What the field holds now.
    pub(crate) fn field_text(&self, field: Field) -> &str {
        match field {
            Field::Iin => self.steps.iin.input(),
            Field::Otp => self.steps.otp.typed(),
            Field::Phone => self.steps.phone.typed(),
            Field::ApplicationNumber => self.steps.status.typed(),
            Field::AccountPin => self.steps.pin.typed().0,
            Field::AccountPinRepeat => self.steps.pin.typed().1,
            Field::Email => self.steps.agreement.typed_email(),
            Field::KeyPassword => self.steps.password.typed().0,
            Field::KeyPasswordRepeat => self.steps.password.typed().1,
            Field::DevicePin => self.steps.storage.device.typed()[0],
            Field::DeviceNewPin => self.steps.storage.device.typed()[1],
            Field::DeviceNewPinRepeat => self.steps.storage.device.typed()[2],
            Field::InstallPassword => self.steps.install.typed().0,
            Field::InstallDevicePin => self.steps.install.typed().1,
        }
    }
}
