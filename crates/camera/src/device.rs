//! Real cameras through nokhwa (V4L2 on Linux, Media Foundation on Windows, AVFoundation on
//! macOS): listing, choosing a capture mode, opening, and reading raw frames. Decoding is done
//! by [`crate::decode`], not by nokhwa.

use std::time::Duration;

use nokhwa::utils::{
    ApiBackend, CameraFormat, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType,
};
use serde::{Deserialize, Serialize};

use crate::decode::PixelFormat;
use crate::error::{CameraError, Phase, classify};

/// A camera's identity as the operating system gives it; stable across runs while the same
/// camera is plugged into the same port, so it can be remembered in settings.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeviceId {
    /// A numbered device (`/dev/videoN` on Linux, the enumeration order elsewhere).
    Index(u32),
    /// A device named by the OS (AVFoundation unique id).
    Name(String),
}

impl std::fmt::Display for DeviceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Index(i) => write!(f, "#{i}"),
            Self::Name(n) => f.write_str(n),
        }
    }
}

impl DeviceId {
    fn to_index(&self) -> CameraIndex {
        match self {
            Self::Index(i) => CameraIndex::Index(*i),
            Self::Name(n) => CameraIndex::String(n.clone()),
        }
    }

    fn from_index(index: &CameraIndex) -> Self {
        match index {
            CameraIndex::Index(i) => Self::Index(*i),
            CameraIndex::String(s) => Self::Name(s.clone()),
        }
    }
}

/// A camera that can be picked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceInfo {
    /// What to pass to [`crate::CameraSource::Device`].
    pub id: DeviceId,
    /// The name to show ("Integrated Camera").
    pub name: String,
    /// Backend detail ("Video4Linux Device @ /dev/video0").
    pub description: String,
}

/// Lists the cameras the OS reports; an empty list means no camera is connected.
///
/// On Linux a UVC camera shows up as two `/dev/video*` nodes, one of which only carries
/// metadata; nodes whose sysfs `index` is not 0 are left out for that reason.
pub fn list_devices() -> Result<Vec<DeviceInfo>, CameraError> {
    #[cfg(target_os = "linux")]
    if !std::path::Path::new("/sys/class/video4linux").exists() {
        return Ok(Vec::new());
    }
    let cameras =
        nokhwa::query(ApiBackend::Auto).map_err(|e| classify(&e.to_string(), Phase::Query))?;
    Ok(cameras
        .iter()
        .map(|c| DeviceInfo {
            id: DeviceId::from_index(c.index()),
            name: c.human_name(),
            description: c.description().to_owned(),
        })
        .filter(is_capture_node)
        .collect())
}

#[cfg(target_os = "linux")]
fn is_capture_node(info: &DeviceInfo) -> bool {
    let DeviceId::Index(n) = info.id else {
        return true;
    };
    std::fs::read_to_string(format!("/sys/class/video4linux/video{n}/index"))
        .map(|s| s.trim() == "0")
        .unwrap_or(true)
}

#[cfg(not(target_os = "linux"))]
fn is_capture_node(_: &DeviceInfo) -> bool {
    true
}

/// One way a camera can deliver pictures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaptureMode {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Frames per second.
    pub fps: u32,
    /// Pixel format.
    pub format: PixelFormat,
}

fn pixel_format(format: FrameFormat) -> Option<PixelFormat> {
    Some(match format {
        FrameFormat::MJPEG => PixelFormat::Mjpeg,
        FrameFormat::YUYV => PixelFormat::Yuyv,
        FrameFormat::NV12 => PixelFormat::Nv12,
        FrameFormat::RAWRGB => PixelFormat::Rgb,
        FrameFormat::RAWBGR => PixelFormat::Bgr,
        FrameFormat::GRAY => PixelFormat::Grey,
    })
}

fn frame_format(format: PixelFormat) -> FrameFormat {
    match format {
        PixelFormat::Mjpeg => FrameFormat::MJPEG,
        PixelFormat::Yuyv => FrameFormat::YUYV,
        PixelFormat::Nv12 => FrameFormat::NV12,
        PixelFormat::Rgb => FrameFormat::RAWRGB,
        PixelFormat::Bgr => FrameFormat::RAWBGR,
        PixelFormat::Grey => FrameFormat::GRAY,
    }
}

fn format_rank(format: PixelFormat) -> u32 {
    match format {
        PixelFormat::Mjpeg => 0,
        PixelFormat::Yuyv => 1,
        PixelFormat::Nv12 => 2,
        PixelFormat::Rgb | PixelFormat::Bgr => 3,
        PixelFormat::Grey => 4,
    }
}

/// Picks the mode to ask for: first one that reaches 15 fps, then the resolution closest to
/// `wanted` (a larger one is better than a smaller one of the same distance), then MJPEG over
/// YUYV over NV12 over raw, then the frame rate closest to `wanted_fps`.
pub fn choose_mode(
    modes: &[CaptureMode],
    wanted: (u32, u32),
    wanted_fps: u32,
) -> Option<CaptureMode> {
    let wanted_area = f64::from(wanted.0.max(1)) * f64::from(wanted.1.max(1));
    modes
        .iter()
        .filter(|m| m.width > 0 && m.height > 0)
        .min_by_key(|m| {
            let slow = u32::from(m.fps < 15);
            let ratio = f64::from(m.width) * f64::from(m.height) / wanted_area;
            // Distance in quarter-octaves of area; smaller modes cost a little more.
            let mut distance = (ratio.log2().abs() * 4.0).round() as u32 * 2;
            if ratio < 1.0 {
                distance += 1;
            }
            let fps_gap = m.fps.abs_diff(wanted_fps);
            (slow, distance, format_rank(m.format), fps_gap)
        })
        .copied()
}

/// An opened camera, streaming.
pub(crate) struct OpenCamera {
    camera: nokhwa::Camera,
    pub(crate) mode: CaptureMode,
}

/// Opens a camera and starts streaming in the best mode for `wanted`.
pub(crate) fn open(
    id: &DeviceId,
    wanted: (u32, u32),
    wanted_fps: u32,
) -> Result<OpenCamera, CameraError> {
    precheck(id)?;
    request_permission()?;
    let index = id.to_index();
    // Open with any decodable format (the first listed); the chosen mode is set just below.
    let any = RequestedFormat::with_formats(
        RequestedFormatType::None,
        &[
            FrameFormat::MJPEG,
            FrameFormat::YUYV,
            FrameFormat::NV12,
            FrameFormat::RAWRGB,
            FrameFormat::RAWBGR,
            FrameFormat::GRAY,
        ],
    );
    let mut camera =
        nokhwa::Camera::new(index, any).map_err(|e| classify(&e.to_string(), Phase::Open))?;
    let modes: Vec<CaptureMode> = camera
        .compatible_camera_formats()
        .map_err(|e| classify(&e.to_string(), Phase::Open))?
        .iter()
        .filter_map(|f| {
            Some(CaptureMode {
                width: f.width(),
                height: f.height(),
                fps: f.frame_rate(),
                format: pixel_format(f.format())?,
            })
        })
        .collect();
    let mode = choose_mode(&modes, wanted, wanted_fps).ok_or(CameraError::UnsupportedFormat)?;
    let format =
        CameraFormat::new_from(mode.width, mode.height, frame_format(mode.format), mode.fps);
    if camera.camera_format() != format {
        camera
            .set_camera_requset(RequestedFormat::with_formats(
                RequestedFormatType::Exact(format),
                &[frame_format(mode.format)],
            ))
            .map_err(|e| classify(&e.to_string(), Phase::Open))?;
    }
    camera
        .open_stream()
        .map_err(|e| classify(&e.to_string(), Phase::Open))?;
    // The driver may have adjusted the mode; trust what it reports.
    let actual = camera.camera_format();
    let mode = CaptureMode {
        width: actual.width(),
        height: actual.height(),
        fps: actual.frame_rate(),
        format: pixel_format(actual.format()).ok_or(CameraError::UnsupportedFormat)?,
    };
    Ok(OpenCamera { camera, mode })
}

impl OpenCamera {
    /// Waits for the next raw frame and hands its bytes to `use_bytes`.
    pub(crate) fn read<T>(&mut self, use_bytes: impl FnOnce(&[u8]) -> T) -> Result<T, CameraError> {
        let raw = self
            .camera
            .frame_raw()
            .map_err(|e| classify(&e.to_string(), Phase::Read))?;
        Ok(use_bytes(&raw))
    }
}

/// On Linux, tells a missing device node and a permission problem apart before nokhwa tries.
#[cfg(target_os = "linux")]
fn precheck(id: &DeviceId) -> Result<(), CameraError> {
    let DeviceId::Index(n) = id else {
        return Ok(());
    };
    let path = format!("/dev/video{n}");
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(&path)
    {
        Ok(_) => Ok(()),
        Err(e) => match e.kind() {
            std::io::ErrorKind::NotFound => Err(CameraError::NoCamera),
            std::io::ErrorKind::PermissionDenied => Err(CameraError::PermissionDenied),
            _ => Err(classify(&e.to_string(), Phase::Open)),
        },
    }
}

#[cfg(not(target_os = "linux"))]
fn precheck(_: &DeviceId) -> Result<(), CameraError> {
    Ok(())
}

/// Asks the OS for camera access where it has a prompt (macOS); elsewhere nokhwa answers at
/// once. Waits up to two minutes for the person to answer the prompt.
fn request_permission() -> Result<(), CameraError> {
    if nokhwa::nokhwa_check() {
        return Ok(());
    }
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    nokhwa::nokhwa_initialize(move |granted| {
        let _ = tx.try_send(granted);
    });
    match rx.recv_timeout(Duration::from_secs(120)) {
        Ok(true) => Ok(()),
        Ok(false) | Err(_) => Err(CameraError::PermissionDenied),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(width: u32, height: u32, fps: u32, format: PixelFormat) -> CaptureMode {
        CaptureMode {
            width,
            height,
            fps,
            format,
        }
    }

    #[test]
    fn mjpeg_720p_is_preferred_over_slow_yuyv() {
        let modes = [
            mode(1280, 720, 10, PixelFormat::Yuyv),
            mode(640, 480, 30, PixelFormat::Yuyv),
            mode(1280, 720, 30, PixelFormat::Mjpeg),
            mode(1920, 1080, 30, PixelFormat::Mjpeg),
        ];
        assert_eq!(
            choose_mode(&modes, (1280, 720), 30),
            Some(mode(1280, 720, 30, PixelFormat::Mjpeg))
        );
    }

    #[test]
    fn yuyv_or_nv12_is_the_fallback() {
        let modes = [
            mode(1280, 720, 30, PixelFormat::Nv12),
            mode(1280, 720, 30, PixelFormat::Yuyv),
            mode(320, 240, 30, PixelFormat::Mjpeg),
        ];
        assert_eq!(
            choose_mode(&modes, (1280, 720), 30),
            Some(mode(1280, 720, 30, PixelFormat::Yuyv))
        );
        let only_nv12 = [mode(1280, 720, 30, PixelFormat::Nv12)];
        assert_eq!(choose_mode(&only_nv12, (1280, 720), 30), Some(only_nv12[0]));
    }

    #[test]
    fn the_nearest_resolution_wins_and_larger_beats_smaller() {
        let modes = [
            mode(640, 360, 30, PixelFormat::Mjpeg),
            mode(2560, 1440, 30, PixelFormat::Mjpeg),
            mode(1920, 1080, 30, PixelFormat::Mjpeg),
        ];
        assert_eq!(
            choose_mode(&modes, (1280, 720), 30),
            Some(mode(1920, 1080, 30, PixelFormat::Mjpeg))
        );
        let vga_only = [
            mode(640, 480, 30, PixelFormat::Yuyv),
            mode(320, 240, 30, PixelFormat::Yuyv),
        ];
        assert_eq!(choose_mode(&vga_only, (1280, 720), 30), Some(vga_only[0]));
        assert_eq!(choose_mode(&[], (1280, 720), 30), None);
    }

    #[test]
    fn a_missing_device_node_is_no_camera() {
        #[cfg(target_os = "linux")]
        assert_eq!(
            precheck(&DeviceId::Index(9_999)),
            Err(CameraError::NoCamera)
        );
    }
}
