//! What a keypad field holds now and the step message that changes it: the keypad speaks to
//! the steps exactly as typing would. Each step names its own fields (`Screen::keypad`).

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
            Field::Iin => Message::Iin(iin::Message::Changed(value)),
            Field::Otp => Message::Otp(otp::Message::Changed(value)),
            Field::Phone => Message::Phone(phone_registration::Message::Changed(value)),
            Field::ApplicationNumber => Message::Status(status::Message::Changed(value)),
            Field::AccountPin => Message::Pin(account_pin::Message::PinChanged(value)),
            Field::AccountPinRepeat => Message::Pin(account_pin::Message::RepeatChanged(value)),
            Field::Email => Message::Agreement(agreement::Message::EmailChanged(value)),
            Field::KeyPassword => Message::Password(key_password::Message::PasswordChanged(value)),
            Field::KeyPasswordRepeat => {
                Message::Password(key_password::Message::RepeatChanged(value))
            }
            Field::DevicePin => device(devices::Message::PinChanged(value)),
            Field::DeviceNewPin => device(devices::Message::NewPinChanged(value)),
            Field::DeviceNewPinRepeat => device(devices::Message::RepeatChanged(value)),
            Field::InstallPassword => Message::Install(install::Message::PasswordChanged(value)),
            Field::InstallDevicePin => Message::Install(install::Message::DevicePinChanged(value)),
        }
    }
}

fn device(message: devices::Message) -> Message {
    Message::Storage(storage::Message::Device(message))
}

impl App {
    /// The fields the keypad can type into on the current step, first one first.
    pub fn keypad_fields(&self) -> Vec<Field> {
        self.screen_of(self.step).keypad(&self.shared)
    }

    /// What the field holds now.
    pub fn field_text(&self, field: Field) -> &str {
        match field {
            Field::Iin => self.iin.input(),
            Field::Otp => self.otp.typed(),
            Field::Phone => self.phone.typed(),
            Field::ApplicationNumber => self.status.typed(),
            Field::AccountPin => self.pin.typed().0,
            Field::AccountPinRepeat => self.pin.typed().1,
            Field::Email => self.agreement.typed_email(),
            Field::KeyPassword => self.password.typed().0,
            Field::KeyPasswordRepeat => self.password.typed().1,
            Field::DevicePin => self.storage.device.typed()[0],
            Field::DeviceNewPin => self.storage.device.typed()[1],
            Field::DeviceNewPinRepeat => self.storage.device.typed()[2],
            Field::InstallPassword => self.install.typed().0,
            Field::InstallDevicePin => self.install.typed().1,
        }
    }
}
