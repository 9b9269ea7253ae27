//! Helpers shared by the integration tests: playing a synthetic scene in virtual time, and the
//! checks the issuance service makes on uploads (mirroring `crates/sandbox/src/media.rs`,
//! which is private to the sandbox crate).

#![allow(dead_code)]

use std::time::Duration;

use qoltanba_camera::{Frame, Scene};

/// Renders `scene` at its frame rate from 0 to `length` (virtual time: no sleeping).
pub fn frames(scene: &Scene, length: Duration) -> impl Iterator<Item = Frame> + '_ {
    let renderer = scene.renderer();
    let interval = scene.frame_interval();
    let count = (length.as_secs_f64() / interval.as_secs_f64()).ceil() as u64;
    (0..count).map(move |i| renderer.render(interval * i as u32, i))
}

/// The service's photo check: a JPEG that decodes fully and is at least 320×240 either way.
pub fn service_accepts_jpeg(bytes: &[u8]) -> Result<(u32, u32), String> {
    let format = image::guess_format(bytes).map_err(|e| e.to_string())?;
    if format != image::ImageFormat::Jpeg {
        return Err(format!("not a JPEG but {format:?}"));
    }
    let decoded = image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
        .map_err(|e| e.to_string())?;
    let (w, h) = (decoded.width(), decoded.height());
    if w.max(h) < 320 || w.min(h) < 240 {
        return Err(format!("{w}×{h} is too small"));
    }
    Ok((w, h))
}

/// The service's video check: at least 1024 bytes, `RIFF…AVI `, and the duration from the
/// `avih` main header (µs per frame × frames) within 2–120 s. Returns that duration in ms.
pub fn service_accepts_avi(bytes: &[u8]) -> Result<u64, String> {
    if bytes.len() < 1024 {
        return Err("too short".into());
    }
    if &bytes[0..4] != b"RIFF" || &bytes[8..12] != b"AVI " {
        return Err("not RIFF AVI".into());
    }
    let window = &bytes[..bytes.len().min(64 * 1024)];
    let at = window
        .windows(4)
        .position(|w| w == b"avih")
        .ok_or("no avih")?;
    let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().unwrap_or([0; 4]));
    let duration_ms = u64::from(u32_at(at + 8)) * u64::from(u32_at(at + 8 + 16)) / 1000;
    if !(2_000..=120_000).contains(&duration_ms) {
        return Err(format!("duration {duration_ms} ms out of range"));
    }
    Ok(duration_ms)
}

/// The service's challenge-log check against the video duration.
pub fn service_accepts_log(json: &str, duration_ms: u64) -> Result<usize, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let steps = value["challenges"]
        .as_array()
        .ok_or("no challenges array")?;
    if steps.is_empty() || steps.len() > 20 {
        return Err("1 to 20 challenges expected".into());
    }
    for step in steps {
        let kind = step["kind"].as_str().ok_or("kind")?;
        let started = step["started_ms"].as_u64().ok_or("started_ms")?;
        let completed = step["completed_ms"].as_u64().ok_or("completed_ms")?;
        if kind.is_empty() || kind.len() > 32 {
            return Err(format!("bad kind {kind}"));
        }
        if completed < started || completed > duration_ms + 1000 {
            return Err(format!("{kind}: {started}..{completed} outside the video"));
        }
    }
    Ok(steps.len())
}

/// Renders `scene` at `fps` (whatever the scene's own rate) from 0 to `length`.
pub fn frames_at(scene: &Scene, fps: u32, length: Duration) -> impl Iterator<Item = Frame> + '_ {
    let renderer = scene.renderer();
    let interval = Duration::from_secs_f64(1.0 / f64::from(fps));
    let count = (length.as_secs_f64() * f64::from(fps)).ceil() as u64;
    (0..count).map(move |i| renderer.render(interval * i as u32, i))
}
