//! What a token says about itself: its flags, the PIN state shown in the picker, and which kind
//! of device it is.

use std::path::Path;

use super::known::{Vendor, vendor_of};

/// The token flags of `CK_TOKEN_INFO` that matter to the picker, as plain booleans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct TokenFlags {
    /// CKF_TOKEN_INITIALIZED: the token has been initialised (has an SO PIN and a label).
    pub token_initialized: bool,
    /// CKF_USER_PIN_INITIALIZED: the user PIN has been set.
    pub user_pin_initialized: bool,
    /// CKF_USER_PIN_COUNT_LOW: at least one wrong user PIN since the last successful login.
    pub user_pin_count_low: bool,
    /// CKF_USER_PIN_FINAL_TRY: one more wrong user PIN locks the token.
    pub user_pin_final_try: bool,
    /// CKF_USER_PIN_LOCKED: the user PIN is locked; only the SO (PUK) can unlock it.
    pub user_pin_locked: bool,
    /// CKF_USER_PIN_TO_BE_CHANGED: the user PIN is a default or expired one and must be changed.
    pub user_pin_to_be_changed: bool,
    /// CKF_WRITE_PROTECTED: the token is read-only (keys cannot be generated on it).
    pub write_protected: bool,
    /// CKF_LOGIN_REQUIRED: private objects need a login.
    pub login_required: bool,
    /// CKF_PROTECTED_AUTHENTICATION_PATH: the PIN is entered on the device's own keypad.
    pub protected_authentication_path: bool,
}

/// `CK_FLAGS` bit values from the PKCS#11 specification (pkcs11t.h).
mod bits {
    pub const WRITE_PROTECTED: u64 = 0x0000_0002;
    pub const LOGIN_REQUIRED: u64 = 0x0000_0004;
    pub const USER_PIN_INITIALIZED: u64 = 0x0000_0008;
    pub const PROTECTED_AUTHENTICATION_PATH: u64 = 0x0000_0100;
    pub const TOKEN_INITIALIZED: u64 = 0x0000_0400;
    pub const USER_PIN_COUNT_LOW: u64 = 0x0001_0000;
    pub const USER_PIN_FINAL_TRY: u64 = 0x0002_0000;
    pub const USER_PIN_LOCKED: u64 = 0x0004_0000;
    pub const USER_PIN_TO_BE_CHANGED: u64 = 0x0008_0000;
}

impl TokenFlags {
    /// Reads the flags from a raw `CK_TOKEN_INFO.flags` value.
    pub fn from_ck_flags(flags: u64) -> Self {
        let has = |bit: u64| flags & bit != 0;
        Self {
            token_initialized: has(bits::TOKEN_INITIALIZED),
            user_pin_initialized: has(bits::USER_PIN_INITIALIZED),
            user_pin_count_low: has(bits::USER_PIN_COUNT_LOW),
            user_pin_final_try: has(bits::USER_PIN_FINAL_TRY),
            user_pin_locked: has(bits::USER_PIN_LOCKED),
            user_pin_to_be_changed: has(bits::USER_PIN_TO_BE_CHANGED),
            write_protected: has(bits::WRITE_PROTECTED),
            login_required: has(bits::LOGIN_REQUIRED),
            protected_authentication_path: has(bits::PROTECTED_AUTHENTICATION_PATH),
        }
    }

    pub(crate) fn from_token_info(info: &cryptoki::slot::TokenInfo) -> Self {
        Self {
            token_initialized: info.token_initialized(),
            user_pin_initialized: info.user_pin_initialized(),
            user_pin_count_low: info.user_pin_count_low(),
            user_pin_final_try: info.user_pin_final_try(),
            user_pin_locked: info.user_pin_locked(),
            user_pin_to_be_changed: info.user_pin_to_be_changed(),
            write_protected: info.write_protected(),
            login_required: info.login_required(),
            protected_authentication_path: info.protected_authentication_path(),
        }
    }
}

/// The user PIN's state as the picker shows it. When several flags are set the most serious one
/// wins, in the order of the variants below (a locked PIN hides "count low").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PinState {
    /// The token itself is not initialised: it has to be prepared with the vendor's tool.
    TokenNotInitialised,
    /// No user PIN has been set yet: set it with the vendor's tool (needs the SO PIN / PUK).
    UserPinNotInitialised,
    /// The PIN is locked after too many wrong entries; unlock it with the PUK (SO PIN) in the
    /// vendor's tool or at the issuer. No login is tried.
    Locked,
    /// One more wrong PIN locks the device.
    FinalTry,
    /// A wrong PIN was entered since the last successful login; tries are running out.
    CountLow,
    /// The PIN is a default or expired one and must be changed before use.
    MustChange,
    /// Nothing to warn about.
    Ok,
}

impl PinState {
    /// The state the flags describe.
    pub fn from_flags(flags: TokenFlags) -> Self {
        if !flags.token_initialized {
            Self::TokenNotInitialised
        } else if !flags.user_pin_initialized {
            Self::UserPinNotInitialised
        } else if flags.user_pin_locked {
            Self::Locked
        } else if flags.user_pin_final_try {
            Self::FinalTry
        } else if flags.user_pin_count_low {
            Self::CountLow
        } else if flags.user_pin_to_be_changed {
            Self::MustChange
        } else {
            Self::Ok
        }
    }

    /// Whether a login may be tried in this state.
    pub fn can_log_in(self) -> bool {
        matches!(
            self,
            Self::FinalTry | Self::CountLow | Self::MustChange | Self::Ok
        )
    }
}

/// Which device a token is, as far as its PKCS#11 description tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DeviceKind {
    /// Kaztoken.
    Kaztoken,
    /// SafeNet eToken PRO (Java) 72K.
    EToken72K,
    /// Aladdin R.D. JaCarta.
    JaCarta,
    /// AKey.
    AKey,
    /// Kazakh national ID card (chip).
    IdCard,
    /// SoftHSM2 software token (tests, demonstrations).
    SoftHsm,
    /// Any other PKCS#11 token.
    Other,
}

impl DeviceKind {
    /// Every kind, in the order the picker lists them.
    pub const ALL: [Self; 7] = [
        Self::Kaztoken,
        Self::EToken72K,
        Self::JaCarta,
        Self::AKey,
        Self::IdCard,
        Self::SoftHsm,
        Self::Other,
    ];

    /// Guesses the kind from the token's manufacturer, model and label and the module's file
    /// name. Manufacturers and models come first; the module only decides when they say nothing.
    /// The guess may be wrong for devices nobody has checked (see docs/tokens.md); the picker can
    /// let the user correct it (`TokenInfo::kind` is a plain field).
    pub fn guess(manufacturer: &str, model: &str, label: &str, module: &Path) -> Self {
        let fields = [manufacturer, model, label].map(str::to_lowercase);
        let any = |needles: &[&str]| {
            fields
                .iter()
                .any(|field| needles.iter().any(|needle| field.contains(needle)))
        };
        let maker_or_model = |needles: &[&str]| {
            fields[..2]
                .iter()
                .any(|field| needles.iter().any(|needle| field.contains(needle)))
        };
        if maker_or_model(&["softhsm"]) {
            Self::SoftHsm
        } else if any(&["kaztoken", "kaz token", "казтокен"]) {
            Self::Kaztoken
        } else if maker_or_model(&["akey"]) {
            Self::AKey
        } else if any(&["jacarta"]) || maker_or_model(&["aladdin r.d."]) {
            Self::JaCarta
        } else if maker_or_model(&["etoken"]) {
            if maker_or_model(&["5110", "5100", "5300"]) {
                Self::Other
            } else {
                Self::EToken72K
            }
        } else {
            match vendor_of(module) {
                Some(Vendor::JaCarta) => Self::JaCarta,
                Some(Vendor::SoftHsm) => Self::SoftHsm,
                _ => Self::Other,
            }
        }
    }

    /// The PIN the device leaves the factory with, if the issuer publishes one.
    pub fn factory_pin(self) -> Option<&'static str> {
        factory_pin(self)
    }

    /// The vendor module that drives this kind, if one is known (else the picker says that the
    /// device needs its vendor's module added in settings).
    pub fn known_vendor(self) -> Option<Vendor> {
        match self {
            Self::EToken72K => Some(Vendor::SafeNet),
            Self::JaCarta => Some(Vendor::JaCarta),
            Self::SoftHsm => Some(Vendor::SoftHsm),
            Self::Kaztoken | Self::AKey | Self::IdCard | Self::Other => None,
        }
    }
}

/// The factory PIN of a device kind: Kaztoken 12345678; eToken PRO 72K, JaCarta and AKey
/// 1234567890 (НУЦ РК's published defaults). None when the kind has no published default.
pub fn factory_pin(kind: DeviceKind) -> Option<&'static str> {
    match kind {
        DeviceKind::Kaztoken => Some("12345678"),
        DeviceKind::EToken72K | DeviceKind::JaCarta | DeviceKind::AKey => Some("1234567890"),
        DeviceKind::IdCard | DeviceKind::SoftHsm | DeviceKind::Other => None,
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
