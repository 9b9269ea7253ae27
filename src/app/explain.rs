//! Turns the domain rules' errors into the user's language. One function per error type,
//! one Fluent message per variant, so adding a variant fails to compile until it is worded.

use qoltanba_core::domain::{
    AccountPinError, ApplicationNumberError, EmailError, IinError, KeyPasswordError, OtpError,
    PhoneError,
};

use crate::i18n::Language;
use crate::t;

pub fn iin(lang: Language, error: IinError) -> String {
    match error {
        IinError::Empty => t!(lang, "iin-error-empty"),
        IinError::NotDigits => t!(lang, "iin-error-not-digits"),
        IinError::WrongLength { len } => t!(lang, "iin-error-length", len = len),
        IinError::InvalidCenturyDigit { digit } => t!(lang, "iin-error-century", digit = digit),
        IinError::InvalidBirthDate => t!(lang, "iin-error-date"),
        IinError::LooksLikeBin => t!(lang, "iin-error-bin"),
        IinError::NeverIssued => t!(lang, "iin-error-never-issued"),
        IinError::Checksum => t!(lang, "iin-error-checksum"),
    }
}

pub fn phone(lang: Language, error: PhoneError) -> String {
    match error {
        PhoneError::Empty => t!(lang, "phone-error-empty"),
        PhoneError::InvalidCharacter { ch } => {
            t!(lang, "phone-error-character", ch = ch.to_string())
        }
        PhoneError::WrongLength => t!(lang, "phone-error-length"),
        PhoneError::NotKazakhMobile => t!(lang, "phone-error-not-mobile"),
    }
}

pub fn otp(lang: Language, error: OtpError) -> String {
    match error {
        OtpError::Empty => t!(lang, "otp-error-empty"),
        OtpError::NotDigits => t!(lang, "otp-error-not-digits"),
        OtpError::WrongLength { expected, len } => {
            t!(lang, "otp-error-length", expected = expected, len = len)
        }
    }
}

pub fn account_pin(lang: Language, error: AccountPinError) -> String {
    match error {
        AccountPinError::Empty => t!(lang, "pin-error-empty"),
        AccountPinError::NotDigits => t!(lang, "pin-error-not-digits"),
        AccountPinError::WrongLength { expected, len } => {
            t!(lang, "pin-error-length", expected = expected, len = len)
        }
        AccountPinError::TooSimple => t!(lang, "pin-error-simple"),
    }
}

pub fn email(lang: Language, error: EmailError) -> String {
    match error {
        // An empty e-mail is allowed (it is optional), so the screen never asks for this one;
        // it is still worded in case a caller does.
        EmailError::Empty | EmailError::MissingAt => t!(lang, "email-error-missing-at"),
        EmailError::InvalidLocalPart => t!(lang, "email-error-local"),
        EmailError::InvalidDomain => t!(lang, "email-error-domain"),
        EmailError::TooLong => t!(lang, "email-error-too-long"),
    }
}

pub fn key_password(lang: Language, error: KeyPasswordError) -> String {
    match error {
        KeyPasswordError::Empty => t!(lang, "password-error-empty"),
        KeyPasswordError::ForbiddenCharacter { ch } => {
            t!(lang, "password-error-character", ch = ch.to_string())
        }
        KeyPasswordError::TooShort { min, len } => {
            t!(lang, "password-error-short", min = min, len = len)
        }
        KeyPasswordError::TooLong { max, len } => {
            t!(lang, "password-error-long", max = max, len = len)
        }
        KeyPasswordError::NeedsLetter => t!(lang, "password-error-letter"),
        KeyPasswordError::NeedsDigit => t!(lang, "password-error-digit"),
    }
}

pub fn application_number(lang: Language, error: ApplicationNumberError) -> String {
    match error {
        ApplicationNumberError::Empty => t!(lang, "status-error-empty"),
        ApplicationNumberError::NotDigits => t!(lang, "status-error-not-digits"),
        ApplicationNumberError::WrongLength { expected, len } => {
            t!(lang, "status-error-length", expected = expected, len = len)
        }
    }
}
