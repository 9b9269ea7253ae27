//! One token as the picker lists it.

use std::path::{Path, PathBuf};

use super::pin::PinLength;
use super::state::{DeviceKind, PinState, TokenFlags, factory_pin};

/// A token present in a slot of a loaded module.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TokenInfo {
    /// The module's canonical path (identifies the module in the registry).
    pub module: PathBuf,
    /// The slot's PKCS#11 id within the module.
    pub slot_id: u64,
    /// The slot's description (usually the card reader's name).
    pub slot_description: String,
    /// The token's label (set when it was initialised).
    pub label: String,
    /// The token's manufacturer.
    pub manufacturer: String,
    /// The token's model.
    pub model: String,
    /// The token's serial number.
    pub serial: String,
    /// Which device this is, as guessed by [`DeviceKind::guess`]. The picker may let the user
    /// correct it; login uses this field for the factory-PIN check.
    pub kind: DeviceKind,
    /// The flags the PIN state is read from.
    pub flags: TokenFlags,
    /// The user PIN's state.
    pub pin_state: PinState,
    /// The PIN lengths the token accepts.
    pub pin_length: PinLength,
}

impl TokenInfo {
    pub(crate) fn read(
        module: &Path,
        slot_id: u64,
        slot_description: String,
        info: &cryptoki::slot::TokenInfo,
    ) -> Self {
        let label = info.label().trim().to_owned();
        let manufacturer = info.manufacturer_id().trim().to_owned();
        let model = info.model().trim().to_owned();
        let flags = TokenFlags::from_token_info(info);
        Self {
            module: module.to_path_buf(),
            slot_id,
            slot_description: slot_description.trim().to_owned(),
            kind: DeviceKind::guess(&manufacturer, &model, &label, module),
            label,
            manufacturer,
            model,
            serial: info.serial_number().trim().to_owned(),
            pin_state: PinState::from_flags(flags),
            flags,
            pin_length: PinLength {
                min: info.min_pin_length(),
                max: info.max_pin_length(),
            },
        }
    }

    /// The factory PIN of this kind of device, if one is published.
    pub fn factory_pin(&self) -> Option<&'static str> {
        factory_pin(self.kind)
    }

    /// Whether `other` is the same device in the same slot (state may differ).
    pub fn same_device(&self, other: &Self) -> bool {
        self.module == other.module && self.slot_id == other.slot_id && self.serial == other.serial
    }
}
