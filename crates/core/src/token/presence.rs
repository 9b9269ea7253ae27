//! Telling a pulled device from a failing one: the slot is asked again whether the device
//! the user picked is still in it.

use cryptoki::error::Error as Pkcs11Error;
use cryptoki::slot::Slot;

use super::error::TokenError;
use super::info::TokenInfo;
use super::module::LoadedModule;

/// Reads the token in `slot` and checks it is still the device the user picked.
pub(crate) fn read_present(
    module: &LoadedModule,
    slot: Slot,
    token: &TokenInfo,
) -> Result<TokenInfo, TokenError> {
    let info =
        module
            .ctx
            .get_token_info(slot)
            .map_err(|error| match TokenError::from_pkcs11(error) {
                TokenError::ModuleFailed { .. } => TokenError::TokenRemoved,
                other => other,
            })?;
    let description = module
        .ctx
        .get_slot_info(slot)
        .map(|slot_info| slot_info.slot_description().to_owned())
        .unwrap_or_default();
    let mut current = TokenInfo::read(&module.path, slot.id(), description, &info);
    if current.serial != token.serial {
        return Err(TokenError::TokenRemoved);
    }
    // Keep the user's correction of the device kind.
    current.kind = token.kind;
    Ok(current)
}

/// Maps an error, telling a pulled device from a module failure by asking the slot.
pub(crate) fn removal_aware(
    module: &LoadedModule,
    slot: Slot,
    token: &TokenInfo,
    error: Pkcs11Error,
) -> TokenError {
    let mapped = TokenError::from_pkcs11(error);
    if mapped.may_mean_removal() && read_present(module, slot, token).is_err() {
        return TokenError::TokenRemoved;
    }
    mapped
}
