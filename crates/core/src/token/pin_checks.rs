//! PIN rules checked before a PIN reaches the device (so no try is wasted), and what a failed
//! login or PIN change means, read from the flags the failed try left behind.

use cryptoki::error::Error as Pkcs11Error;
use cryptoki::slot::Slot;

use super::error::TokenError;
use super::info::TokenInfo;
use super::module::LoadedModule;
use super::pin::{TokenPin, is_factory_pin};
use super::presence::{read_present, removal_aware};
use super::state::{PinState, TokenFlags};

/// Refuses a PIN before it reaches the device when the state or length rules say it cannot work.
pub(crate) fn check_can_use_pin(current: &TokenInfo, pin: &TokenPin) -> Result<(), TokenError> {
    match current.pin_state {
        PinState::TokenNotInitialised => return Err(TokenError::TokenNotInitialised),
        PinState::UserPinNotInitialised => return Err(TokenError::UserPinNotInitialised),
        PinState::Locked => return Err(TokenError::PinLocked),
        PinState::FinalTry | PinState::CountLow | PinState::MustChange | PinState::Ok => {}
    }
    if pin.is_empty() && current.flags.protected_authentication_path {
        return Ok(());
    }
    if !current.pin_length.accepts(pin) {
        return Err(TokenError::PinLength {
            min: current.pin_length.min,
            max: current.pin_length.max,
        });
    }
    Ok(())
}

/// Refuses a new PIN that cannot be right before it reaches the device.
pub(crate) fn check_new_pin(
    token: &TokenInfo,
    old: &TokenPin,
    new: &TokenPin,
) -> Result<(), TokenError> {
    if new == old {
        return Err(TokenError::NewPinUnchanged);
    }
    if is_factory_pin(token.kind, new) {
        return Err(TokenError::NewPinIsFactory);
    }
    if !token.pin_length.accepts(new) {
        return Err(TokenError::PinLength {
            min: token.pin_length.min,
            max: token.pin_length.max,
        });
    }
    Ok(())
}

/// Maps a failed login or PIN change, reading the PIN flags the failed try left behind.
pub(crate) fn pin_failure(
    module: &LoadedModule,
    slot: Slot,
    token: &TokenInfo,
    error: Pkcs11Error,
) -> TokenError {
    match removal_aware(module, slot, token, error) {
        TokenError::WrongPin { .. } => match read_present(module, slot, token) {
            Ok(after) => wrong_pin(after.flags),
            Err(error) => error,
        },
        TokenError::PinLength { .. } => TokenError::PinLength {
            min: token.pin_length.min,
            max: token.pin_length.max,
        },
        other => other,
    }
}

/// What a wrong PIN means given the flags read after it.
pub(crate) fn wrong_pin(flags: TokenFlags) -> TokenError {
    if flags.user_pin_locked {
        TokenError::PinLocked
    } else {
        TokenError::WrongPin {
            count_low: flags.user_pin_count_low,
            final_try: flags.user_pin_final_try,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::token::pin::PinLength;
    use crate::token::state::DeviceKind;

    fn token(kind: DeviceKind) -> TokenInfo {
        TokenInfo {
            module: PathBuf::from("/m.so"),
            slot_id: 1,
            slot_description: String::new(),
            label: "t".into(),
            manufacturer: String::new(),
            model: String::new(),
            serial: "1".into(),
            kind,
            flags: TokenFlags::default(),
            pin_state: PinState::Ok,
            pin_length: PinLength { min: 6, max: 10 },
        }
    }

    #[test]
    fn new_pins_are_checked_before_the_device_sees_them() {
        let kaztoken = token(DeviceKind::Kaztoken);
        let old = TokenPin::new("12345678");
        assert_eq!(
            check_new_pin(&kaztoken, &old, &TokenPin::new("12345678")),
            Err(TokenError::NewPinUnchanged)
        );
        assert_eq!(
            check_new_pin(
                &kaztoken,
                &TokenPin::new("918273"),
                &TokenPin::new("12345678")
            ),
            Err(TokenError::NewPinIsFactory)
        );
        assert_eq!(
            check_new_pin(&kaztoken, &old, &TokenPin::new("12345")),
            Err(TokenError::PinLength { min: 6, max: 10 })
        );
        assert_eq!(
            check_new_pin(&kaztoken, &old, &TokenPin::new("40917263")),
            Ok(())
        );
    }

    #[test]
    fn a_wrong_pin_reports_the_flags_left_behind() {
        let flags = |bits: u64| TokenFlags::from_ck_flags(0x0400 | 0x0008 | bits);
        assert_eq!(
            wrong_pin(flags(0)),
            TokenError::WrongPin {
                count_low: false,
                final_try: false
            }
        );
        assert_eq!(
            wrong_pin(flags(0x0001_0000)),
            TokenError::WrongPin {
                count_low: true,
                final_try: false
            }
        );
        assert_eq!(
            wrong_pin(flags(0x0001_0000 | 0x0002_0000)),
            TokenError::WrongPin {
                count_low: true,
                final_try: true
            }
        );
        assert_eq!(wrong_pin(flags(0x0004_0000)), TokenError::PinLocked);
    }
}
