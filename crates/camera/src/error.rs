//! Why a camera cannot be used: one variant per situation the GUI explains with its own
//! translated fix-it text (per operating system).

use thiserror::Error;

/// A camera failure. The `String`s are technical detail for logs, never shown as the message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CameraError {
    /// No camera is connected (or the chosen one is no longer there).
    #[error("no camera found")]
    NoCamera,
    /// The operating system refused access: macOS privacy setting, Windows camera privacy
    /// switch, Linux `/dev/video*` permissions (the `video` group).
    #[error("access to the camera was denied")]
    PermissionDenied,
    /// Another application is using the camera.
    #[error("the camera is in use by another application")]
    Busy,
    /// The camera stopped delivering pictures (unplugged, driver reset).
    #[error("the camera was disconnected")]
    Disconnected,
    /// The camera offers no picture format this app can decode (MJPEG, YUYV, NV12, RGB, grey).
    #[error("the camera offers no supported picture format")]
    UnsupportedFormat,
    /// Anything else; the detail is for the log.
    #[error("camera error: {0}")]
    Other(String),
}

/// When a backend message was produced, which changes what an unrecognised one means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Listing devices.
    Query,
    /// Opening the device and setting its format.
    Open,
    /// Reading frames.
    Read,
}

/// Turns a backend error message into the situation it describes. The backends (V4L2,
/// Media Foundation, AVFoundation) only give text, so this recognises the OS error numbers and
/// HRESULTs and the usual wording.
pub(crate) fn classify(message: &str, phase: Phase) -> CameraError {
    let m = message.to_ascii_lowercase();
    let any = |needles: &[&str]| needles.iter().any(|n| m.contains(n));
    if any(&[
        "permission denied",
        "os error 13",
        "access is denied",
        "0x80070005",
        "not authorized",
        "notauthorized",
        "authorization",
    ]) {
        CameraError::PermissionDenied
    } else if any(&[
        "device or resource busy",
        "os error 16",
        "0xc00d3704",
        "0xc00d3e85",
        "already in use",
        "in use by another",
    ]) {
        CameraError::Busy
    } else if any(&[
        "no such device",
        "os error 19",
        "0xc00d3ea2",
        "disconnected",
    ]) {
        if phase == Phase::Read {
            CameraError::Disconnected
        } else {
            CameraError::NoCamera
        }
    } else if any(&["no such file", "os error 2)", "not found", "0xc00d36b4"])
        && phase != Phase::Read
    {
        CameraError::NoCamera
    } else if any(&[
        "failed to fufill",
        "failed to fulfill",
        "unsupported",
        "fourcc",
    ]) {
        CameraError::UnsupportedFormat
    } else if phase == Phase::Read {
        CameraError::Disconnected
    } else {
        CameraError::Other(message.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linux_messages_are_recognised() {
        assert_eq!(
            classify("V4L2 Error: Permission denied (os error 13)", Phase::Open),
            CameraError::PermissionDenied
        );
        assert_eq!(
            classify("Device or resource busy (os error 16)", Phase::Open),
            CameraError::Busy
        );
        assert_eq!(
            classify(
                "V4L2 Error: No such file or directory (os error 2)",
                Phase::Open
            ),
            CameraError::NoCamera
        );
        assert_eq!(
            classify("No such device (os error 19)", Phase::Read),
            CameraError::Disconnected
        );
        assert_eq!(
            classify("No such device (os error 19)", Phase::Open),
            CameraError::NoCamera
        );
        assert_eq!(
            classify(
                "Could not get device property CameraFormat: Failed to Fufill",
                Phase::Open
            ),
            CameraError::UnsupportedFormat
        );
    }

    #[test]
    fn windows_and_macos_messages_are_recognised() {
        assert_eq!(
            classify("MF error 0x80070005: Access is denied.", Phase::Open),
            CameraError::PermissionDenied
        );
        assert_eq!(
            classify("HRESULT 0xC00D3704 starting stream", Phase::Open),
            CameraError::Busy
        );
        assert_eq!(
            classify("AVFoundation: NotAuthorized", Phase::Open),
            CameraError::PermissionDenied
        );
    }

    #[test]
    fn unknown_messages_depend_on_the_phase() {
        assert_eq!(
            classify("select timeout", Phase::Read),
            CameraError::Disconnected
        );
        assert_eq!(
            classify("something odd", Phase::Open),
            CameraError::Other("something odd".into())
        );
    }
}
