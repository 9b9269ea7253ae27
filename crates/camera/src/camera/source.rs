//! What to open ([`CameraSource`]) and what to ask it for ([`CaptureRequest`]).

use crate::device::DeviceId;
use crate::synthetic::Scene;

/// Where pictures come from.
#[derive(Debug, Clone, PartialEq)]
pub enum CameraSource {
    /// A real camera.
    Device(DeviceId),
    /// A scripted scene (`--camera synthetic`, tests, screenshots).
    Synthetic(Scene),
}

impl CameraSource {
    /// Reads a `--camera` value: `synthetic` or `synthetic:NAME` (see [`Scene::by_name`]), a
    /// device number (`0`), `/dev/videoN`, or a device name as the OS lists it. `None` for an
    /// unknown synthetic scene or an empty value.
    pub fn parse(value: &str) -> Option<CameraSource> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        if let Some(rest) = value.strip_prefix("synthetic") {
            let name = match rest.strip_prefix(':') {
                Some(name) => name,
                None if rest.is_empty() => "",
                None => return Some(CameraSource::Device(DeviceId::Name(value.to_owned()))),
            };
            return Scene::by_name(name).map(CameraSource::Synthetic);
        }
        let number = value.strip_prefix("/dev/video").unwrap_or(value);
        Some(CameraSource::Device(match number.parse::<u32>() {
            Ok(index) => DeviceId::Index(index),
            Err(_) => DeviceId::Name(value.to_owned()),
        }))
    }
}

/// What to ask the camera for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureRequest {
    /// Wanted width (the nearest mode is chosen).
    pub width: u32,
    /// Wanted height.
    pub height: u32,
    /// Wanted frame rate.
    pub fps: u32,
    /// Whether to keep trying to reopen a camera that was lost, until the [`Camera`](super::Camera) is dropped.
    pub reconnect: bool,
}

impl Default for CaptureRequest {
    fn default() -> Self {
        Self {
            width: 1280,
            height: 720,
            fps: 30,
            reconnect: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_arguments_are_read() {
        let synthetic = |s: &str| match CameraSource::parse(s) {
            Some(CameraSource::Synthetic(scene)) => Some(scene.name),
            _ => None,
        };
        assert_eq!(synthetic("synthetic").as_deref(), Some("tour"));
        assert_eq!(synthetic("synthetic:steady").as_deref(), Some("steady"));
        assert!(CameraSource::parse("synthetic:nope").is_none());
        assert!(CameraSource::parse(" ").is_none());
        assert_eq!(
            CameraSource::parse("2"),
            Some(CameraSource::Device(DeviceId::Index(2)))
        );
        assert_eq!(
            CameraSource::parse("/dev/video4"),
            Some(CameraSource::Device(DeviceId::Index(4)))
        );
        assert_eq!(
            CameraSource::parse("FaceTime HD Camera"),
            Some(CameraSource::Device(DeviceId::Name(
                "FaceTime HD Camera".into()
            )))
        );
    }
}
