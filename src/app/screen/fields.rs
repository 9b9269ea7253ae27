//! The text fields a kiosk keypad can type into. Each step names its own (`Screen::keypad`);
//! the kiosk module turns a key press into the step's own message.

use crate::app::kiosk::keypad::Layout;
use crate::i18n::Language;
use crate::t;

use super::{
    account_pin, agreement, devices, iin, install, key_password, otp, phone_registration, status,
};

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
}
