//! Which text field the kiosk keypad types into on each step, what it holds now, and the
//! step message that changes it: the keypad speaks to the steps exactly as typing would.

use crate::app::screen::devices::Stage;
use crate::app::screen::{
    account_pin, agreement, devices, iin, install, key_password, otp, phone_registration, status,
    storage,
};
use crate::app::step::Step;
use crate::app::{App, Message};
use crate::i18n::Language;
use crate::t;

use super::keypad::Layout;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Iin,
    Otp,
    Phone,
    ApplicationNumber,
    AccountPin,
    AccountPinRepeat,
    Email,
    KeyPassword,
    KeyPasswordRepeat,
    DevicePin,
    DeviceNewPin,
    DeviceNewPinRepeat,
    InstallPassword,
    InstallDevicePin,
}

impl Field {
    pub fn layout(self) -> Layout {
        match self {
            Field::Iin
            | Field::Otp
            | Field::Phone
            | Field::ApplicationNumber
            | Field::AccountPin
            | Field::AccountPinRepeat => Layout::Digits,
            // Device PINs may hold letters (eToken, JaCarta), so they get the full keyboard.
            Field::Email
            | Field::KeyPassword
            | Field::KeyPasswordRepeat
            | Field::DevicePin
            | Field::DeviceNewPin
            | Field::DeviceNewPinRepeat
            | Field::InstallPassword
            | Field::InstallDevicePin => Layout::Latin,
        }
    }

    /// The text input's widget id (focused when the field is picked, so its caret shows).
    pub fn widget_id(self) -> &'static str {
        match self {
            Field::Iin => iin::INPUT_ID,
            Field::Otp => otp::INPUT_ID,
            Field::Phone => phone_registration::INPUT_ID,
            Field::ApplicationNumber => status::INPUT_ID,
            Field::AccountPin => account_pin::INPUT_ID,
            Field::AccountPinRepeat => account_pin::REPEAT_ID,
            Field::Email => agreement::EMAIL_ID,
            Field::KeyPassword => key_password::INPUT_ID,
            Field::KeyPasswordRepeat => key_password::REPEAT_ID,
            Field::DevicePin => devices::PIN_ID,
            Field::DeviceNewPin => devices::NEW_PIN_ID,
            Field::DeviceNewPinRepeat => devices::REPEAT_ID,
            Field::InstallPassword => install::PASSWORD_ID,
            Field::InstallDevicePin => install::DEVICE_PIN_ID,
        }
    }

    /// The short name on the keypad's field switch (only steps with two fields show it).
    pub fn label(self, lang: Language) -> String {
        match self {
            Field::AccountPin | Field::DevicePin | Field::InstallDevicePin => {
                t!(lang, "kiosk-field-pin")
            }
            Field::DeviceNewPin => t!(lang, "kiosk-field-new-pin"),
            Field::KeyPassword | Field::InstallPassword => t!(lang, "kiosk-field-password"),
            Field::AccountPinRepeat | Field::KeyPasswordRepeat | Field::DeviceNewPinRepeat => {
                t!(lang, "kiosk-field-repeat")
            }
            Field::Iin => t!(lang, "iin-label"),
            Field::Otp => t!(lang, "otp-label"),
            Field::Phone => t!(lang, "phone-label"),
            Field::ApplicationNumber => t!(lang, "status-label"),
            Field::Email => t!(lang, "kiosk-field-email"),
        }
    }

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
        match self.step {
            Step::Iin => vec![Field::Iin],
            Step::Otp => vec![Field::Otp],
            Step::PhoneRegistration => vec![Field::Phone],
            Step::Status => vec![Field::ApplicationNumber],
            Step::AccountPin => vec![Field::AccountPin, Field::AccountPinRepeat],
            Step::Agreement => vec![Field::Email],
            Step::KeyPassword => vec![Field::KeyPassword, Field::KeyPasswordRepeat],
            Step::Storage if self.storage.device.selected().is_some() => {
                match self.storage.device.stage {
                    Stage::Pin => vec![Field::DevicePin],
                    Stage::NewPin => vec![Field::DeviceNewPin, Field::DeviceNewPinRepeat],
                    _ => Vec::new(),
                }
            }
            Step::Install if self.install.device.is_some() => {
                if self.devices.session.is_some() {
                    Vec::new()
                } else {
                    vec![Field::InstallDevicePin]
                }
            }
            Step::Install if self.install.pending.is_some() => vec![Field::InstallPassword],
            _ => Vec::new(),
        }
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
