//! Domain types of the ЭЦП issuance flow, free of any GUI or I/O.
//!
//! Each type validates on construction (`parse`), so the rest of the app can rely on a value
//! being well-formed. Error enums carry English messages; the app translates by variant.

mod account_pin;
mod application_number;
mod bin;
mod checksum;
mod digits;
mod email;
mod idempotency_key;
mod iin;
mod key_password;
mod otp;
mod phone;

pub use account_pin::{AccountPin, AccountPinError};
pub use application_number::{ApplicationNumber, ApplicationNumberError};
pub use bin::{Bin, BinError, BinUnit, EntityKind};
pub use checksum::check_digit;
pub use email::{Email, EmailError};
pub use idempotency_key::{IDEMPOTENCY_KEY_HEADER, IdempotencyKey, IdempotencyKeyError};
pub use iin::{Iin, IinError, Sex};
pub use key_password::{KeyPassword, KeyPasswordError, Strength, strength};
pub use otp::{OtpCode, OtpError};
pub use phone::{Phone, PhoneError};
