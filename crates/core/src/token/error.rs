//! What can go wrong with a device, one variant per situation the user is told about.

use std::path::PathBuf;

use cryptoki::error::{Error as Pkcs11Error, RvError};

/// What a device operation needs and the token does not offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Generating RSA-2048 key pairs on the device (CKM_RSA_PKCS_KEY_PAIR_GEN).
    Rsa2048KeyGeneration,
    /// Signing with RSA PKCS#1 v1.5 (CKM_SHA256_RSA_PKCS or CKM_RSA_PKCS).
    RsaSigning,
    /// Generating GOST 34.10-2015 512-bit key pairs on the device
    /// (CKM_GOSTR3410_512_KEY_PAIR_GEN).
    Gost512KeyGeneration,
    /// Signing with GOST 34.10-2015 512 (CKM_GOSTR3410_512).
    Gost512Signing,
    /// Entering the PIN on the device's own keypad (protected authentication path).
    PinPad,
    /// Anything else the module refuses as unsupported.
    Other,
}

/// A device operation failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The PIN is wrong. The flags say how close the device is to locking itself.
    #[error("wrong PIN (count low: {count_low}, final try: {final_try})")]
    WrongPin {
        /// CKF_USER_PIN_COUNT_LOW after the failed try.
        count_low: bool,
        /// CKF_USER_PIN_FINAL_TRY after the failed try: the next wrong PIN locks the device.
        final_try: bool,
    },
    /// The PIN is locked; it must be unlocked with the PUK (SO PIN) in the vendor's tool or at
    /// the issuer.
    #[error("the PIN is locked")]
    PinLocked,
    /// The PIN has expired (or is a default that must be replaced): change it first.
    #[error("the PIN has expired and must be changed")]
    PinExpired,
    /// The PIN's length is outside what the device accepts; nothing was sent to the device.
    #[error("the PIN must be {min} to {max} characters long")]
    PinLength {
        /// Shortest accepted PIN.
        min: usize,
        /// Longest accepted PIN.
        max: usize,
    },
    /// The device refused the new PIN (too weak, invalid characters).
    #[error("the device refused the new PIN")]
    NewPinRejected,
    /// The new PIN is the same as the current one.
    #[error("the new PIN is the same as the current one")]
    NewPinUnchanged,
    /// The new PIN is the device's factory PIN.
    #[error("the new PIN is the factory PIN")]
    NewPinIsFactory,
    /// No user PIN has been set on the device; set it with the vendor's tool.
    #[error("the device has no user PIN yet")]
    UserPinNotInitialised,
    /// The device is not initialised; prepare it with the vendor's tool.
    #[error("the device is not initialised")]
    TokenNotInitialised,
    /// The device was pulled out (or replaced by another one) during the operation.
    #[error("the device was removed")]
    TokenRemoved,
    /// The device is write-protected: no keys can be created on it.
    #[error("the device is write-protected")]
    WriteProtected,
    /// The device has no room for more objects.
    #[error("the device is full")]
    DeviceFull,
    /// The device (or its module) does not offer something the operation needs.
    #[error("the device does not support {0:?}")]
    NotSupported(Capability),
    /// Another application holds the device (too many sessions, or a different user logged in).
    #[error("the device is busy with another application")]
    TokenBusy,
    /// The device logged us out (for example after it was reset); log in again.
    #[error("the device session is no longer logged in")]
    LoggedOut,
    /// The token's module is not loaded in this registry (it failed to load, or the registry
    /// was reloaded without it).
    #[error("the module {module:?} is not loaded")]
    ModuleNotLoaded {
        /// The module the token was listed under.
        module: PathBuf,
    },
    /// The module failed in a way that has no better name; `code` is the PKCS#11 return value
    /// or wrapper error, for support diagnostics.
    #[error("the device module failed: {code}")]
    ModuleFailed {
        /// The PKCS#11 return value's name (e.g. `GeneralError`) or wrapper error.
        code: String,
    },
    /// The key identifier is already used by objects on the device.
    #[error("the key identifier is already used on the device")]
    KeyIdInUse,
    /// The label is empty, too long, or does not start with [`super::LABEL_PREFIX`].
    #[error("the object label is not acceptable")]
    LabelInvalid,
    /// The device created a private key that is extractable or not sensitive (it ignored the
    /// template); the key was deleted again.
    #[error("the device did not protect the generated key")]
    KeyNotProtected,
    /// No key pair with that identifier is on the device.
    #[error("the key is not on the device")]
    KeyMissing,
    /// No certificate with that identifier is on the device.
    #[error("the certificate is not on the device")]
    CertificateMissing,
    /// A certificate with that identifier is already on the device.
    #[error("a certificate for this key is already on the device")]
    CertificateExists,
    /// The certificate could not be parsed (not X.509 DER, or neither an RSA nor a GOST key).
    #[error("the certificate is not valid X.509")]
    CertificateInvalid,
    /// The certificate's public key is not the key pair's on the device.
    #[error("the certificate does not match the key on the device")]
    CertificateMismatch,
    /// The certificate request could not be built from the parameters given.
    #[error("the certificate request could not be built: {0}")]
    CsrFailed(rcgen::Error),
    /// The device produced a signature that does not verify with its own public key.
    #[error("the device produced an invalid signature")]
    SignatureInvalid,
}

impl TokenError {
    /// Maps a PKCS#11 failure to what the user is told. Callers refine `WrongPin` (flags after
    /// the failed try) and `PinLength` (the token's limits).
    pub(crate) fn from_pkcs11(error: Pkcs11Error) -> Self {
        match error {
            Pkcs11Error::Pkcs11(rv, _) => Self::from_rv(rv),
            Pkcs11Error::NotSupported | Pkcs11Error::NullFunctionPointer => {
                Self::NotSupported(Capability::Other)
            }
            other => Self::ModuleFailed {
                code: format!("{other:?}"),
            },
        }
    }

    fn from_rv(rv: RvError) -> Self {
        use RvError as R;
        match rv {
            R::DeviceRemoved
            | R::TokenNotPresent
            | R::TokenNotRecognized
            | R::SessionHandleInvalid
            | R::SessionClosed
            | R::SlotIdInvalid => Self::TokenRemoved,
            R::PinIncorrect => Self::WrongPin {
                count_low: false,
                final_try: false,
            },
            R::PinLocked => Self::PinLocked,
            R::PinExpired => Self::PinExpired,
            R::PinInvalid | R::PinTooWeak => Self::NewPinRejected,
            R::PinLenRange => Self::PinLength { min: 0, max: 0 },
            R::UserPinNotInitialized => Self::UserPinNotInitialised,
            R::TokenWriteProtected | R::SessionReadOnly => Self::WriteProtected,
            R::DeviceMemory => Self::DeviceFull,
            R::SessionCount
            | R::UserAnotherAlreadyLoggedIn
            | R::SessionReadWriteSoExists
            | R::UserTooManyTypes => Self::TokenBusy,
            R::UserNotLoggedIn => Self::LoggedOut,
            R::MechanismInvalid | R::MechanismParamInvalid | R::FunctionNotSupported => {
                Self::NotSupported(Capability::Other)
            }
            other => Self::ModuleFailed {
                code: format!("{other:?}"),
            },
        }
    }

    /// Whether the device may have been pulled out when this came back (checked against the
    /// slot before the error is shown).
    pub(crate) fn may_mean_removal(&self) -> bool {
        matches!(self, Self::ModuleFailed { .. } | Self::LoggedOut)
    }
}

#[cfg(test)]
mod tests {
    use cryptoki::context::Function;

    use super::*;

    fn rv(rv: RvError) -> TokenError {
        TokenError::from_pkcs11(Pkcs11Error::Pkcs11(rv, Function::Sign))
    }

    #[test]
    fn a_pulled_device_reads_as_removed() {
        for code in [
            RvError::DeviceRemoved,
            RvError::TokenNotPresent,
            RvError::SessionHandleInvalid,
            RvError::SessionClosed,
            RvError::SlotIdInvalid,
        ] {
            assert_eq!(rv(code), TokenError::TokenRemoved, "{code:?}");
        }
    }

    #[test]
    fn pin_failures_have_their_own_variants() {
        assert!(matches!(
            rv(RvError::PinIncorrect),
            TokenError::WrongPin { .. }
        ));
        assert_eq!(rv(RvError::PinLocked), TokenError::PinLocked);
        assert_eq!(rv(RvError::PinExpired), TokenError::PinExpired);
        assert_eq!(rv(RvError::PinInvalid), TokenError::NewPinRejected);
        assert_eq!(rv(RvError::PinTooWeak), TokenError::NewPinRejected);
        assert_eq!(
            rv(RvError::UserPinNotInitialized),
            TokenError::UserPinNotInitialised
        );
    }

    #[test]
    fn device_conditions() {
        assert_eq!(rv(RvError::TokenWriteProtected), TokenError::WriteProtected);
        assert_eq!(rv(RvError::DeviceMemory), TokenError::DeviceFull);
        assert_eq!(rv(RvError::SessionCount), TokenError::TokenBusy);
        assert_eq!(rv(RvError::UserNotLoggedIn), TokenError::LoggedOut);
        assert_eq!(
            rv(RvError::MechanismInvalid),
            TokenError::NotSupported(Capability::Other)
        );
    }

    #[test]
    fn anything_else_keeps_its_code_for_diagnostics() {
        assert_eq!(
            rv(RvError::GeneralError),
            TokenError::ModuleFailed {
                code: "GeneralError".into()
            }
        );
        assert!(rv(RvError::DeviceError).may_mean_removal());
        assert!(!rv(RvError::PinLocked).may_mean_removal());
    }
}
