//! The capture loop over a real device: open, read, decode, publish, and reopen when lost.

use std::sync::atomic::Ordering;
use std::sync::mpsc::SyncSender;
use std::time::{Duration, Instant};

use crate::decode::decode_to_rgba;
use crate::device::{self, CaptureMode, DeviceId};
use crate::error::CameraError;
use crate::frame::Frame;

use super::shared::{CameraStatus, Shared, lock};
use super::source::CaptureRequest;

/// Reading this many failed frames in a row means the camera is gone.
const MAX_READ_FAILURES: u32 = 5;
/// Decoding this many frames in a row failing means the format is not what it claims.
const MAX_DECODE_FAILURES: u32 = 60;
/// Pause between attempts to reopen a lost camera.
const RECONNECT_INTERVAL: Duration = Duration::from_secs(1);

pub(super) fn run_device(
    id: &DeviceId,
    request: CaptureRequest,
    shared: &Shared,
    ready: &SyncSender<Result<CaptureMode, CameraError>>,
) {
    let mut first = true;
    let start = Instant::now();
    let mut sequence = 0u64;
    loop {
        match device::open(id, (request.width, request.height), request.fps) {
            Ok(mut camera) => {
                if first {
                    let _ = ready.try_send(Ok(camera.mode));
                    first = false;
                }
                shared.set_status(CameraStatus::Running);
                let outcome = pump(&mut camera, shared, start, &mut sequence);
                drop(camera);
                match outcome {
                    None => return,
                    Some(error) => shared.set_status(CameraStatus::Lost(error)),
                }
            }
            Err(error) => {
                if first {
                    let _ = ready.try_send(Err(error));
                    return;
                }
                // Still gone (or busy, or denied now): keep the first loss reason unless this
                // one says more.
                if !matches!(error, CameraError::NoCamera) {
                    *lock(&shared.status) = CameraStatus::Lost(error);
                }
            }
        }
        if !request.reconnect || shared.sleep(RECONNECT_INTERVAL) {
            return;
        }
    }
}

/// Reads, decodes and publishes frames until asked to stop (`None`) or the camera fails.
fn pump(
    camera: &mut device::OpenCamera,
    shared: &Shared,
    start: Instant,
    sequence: &mut u64,
) -> Option<CameraError> {
    let mode = camera.mode;
    let mut read_failures = 0;
    let mut decode_failures = 0;
    loop {
        if shared.stopping() {
            return None;
        }
        let mut rgba = Vec::new();
        let read =
            camera.read(|raw| decode_to_rgba(mode.format, mode.width, mode.height, raw, &mut rgba));
        match read {
            Ok(Ok(())) => {
                read_failures = 0;
                decode_failures = 0;
                if let Some(frame) =
                    Frame::from_rgba(mode.width, mode.height, rgba, start.elapsed(), *sequence)
                {
                    *sequence += 1;
                    shared.publish(frame);
                }
            }
            Ok(Err(_)) => {
                // A torn MJPEG frame now and then is normal on USB; skip it.
                shared.decode_errors.fetch_add(1, Ordering::Relaxed);
                decode_failures += 1;
                if decode_failures >= MAX_DECODE_FAILURES {
                    return Some(CameraError::UnsupportedFormat);
                }
            }
            Err(error) => {
                read_failures += 1;
                if read_failures >= MAX_READ_FAILURES || error != CameraError::Disconnected {
                    return Some(error);
                }
                if shared.sleep(Duration::from_millis(50)) {
                    return None;
                }
            }
        }
    }
}
