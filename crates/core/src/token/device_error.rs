//! What the device path (keys made on a token, certificates written to it) can fail with.

use crate::pki::PkiError;

use super::error::TokenError;

/// What the device path can fail with, one variant per thing the citizen is told.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeviceError {
    /// The device (or its module) refused or failed.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The certificate request could not be built from the citizen's data.
    #[error(transparent)]
    Request(#[from] PkiError),
    /// The device holding the keys of this application is not plugged in.
    #[error("the device {label} ({serial}) is not connected")]
    NotConnected {
        /// The device's label.
        label: String,
        /// The device's serial number.
        serial: String,
    },
    /// A certificate from the service is not PEM X.509.
    #[error("a certificate from the service could not be read")]
    CertificateUnreadable,
    /// The worker thread stopped before it answered (the app is closing).
    #[error("the device work was interrupted")]
    Interrupted,
}

impl DeviceError {
    /// Whether the device was pulled out (the session is gone; the user plugs it in again).
    pub fn is_removal(&self) -> bool {
        matches!(self, DeviceError::Token(TokenError::TokenRemoved))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pulled_device_is_told_apart() {
        assert!(DeviceError::Token(TokenError::TokenRemoved).is_removal());
        assert!(!DeviceError::Token(TokenError::PinLocked).is_removal());
        assert!(!DeviceError::Interrupted.is_removal());
    }
}
