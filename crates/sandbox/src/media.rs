//! The media checks a real service would make: declared type, decodability, size, and for
//! video the container and its duration.

use std::io::Cursor;

use qoltanba_core::protocol::{ChallengeLog, ErrorCode, MIN_IMAGE_SIZE};

use crate::error::{ApiResult, Failure};

/// Shortest and longest accepted identification video, in milliseconds.
pub const VIDEO_DURATION_MS: std::ops::RangeInclusive<u64> = 2_000..=120_000;

/// Smallest accepted video file (a header alone is not a video).
pub const MIN_VIDEO_BYTES: usize = 1024;

fn invalid(message: impl Into<String>) -> Failure {
    Failure::new(ErrorCode::InvalidMedia, message)
}

/// What a stored upload looked like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaInfo {
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_ms: Option<u64>,
}

/// Decodes a photo fully and checks its type and size (at least 320×240 either way round).
pub fn check_image(content_type: &str, bytes: &[u8]) -> ApiResult<MediaInfo> {
    let expected = match content_type {
        "image/jpeg" => image::ImageFormat::Jpeg,
        "image/png" => image::ImageFormat::Png,
        other => {
            return Err(Failure::new(
                ErrorCode::UnsupportedMediaType,
                format!("photos must be image/jpeg or image/png, not {other}"),
            ));
        }
    };
    let actual = image::guess_format(bytes).map_err(|_| invalid("the photo is not an image"))?;
    if actual != expected {
        return Err(invalid(format!(
            "the photo was sent as {content_type} but is {actual:?}"
        )));
    }
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), expected);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|e| invalid(format!("the photo cannot be decoded: {e}")))?;
    let (width, height) = (decoded.width(), decoded.height());
    let (long, short) = (width.max(height), width.min(height));
    if long < MIN_IMAGE_SIZE.0 || short < MIN_IMAGE_SIZE.1 {
        return Err(invalid(format!(
            "the photo is {width}×{height}; at least {}×{} is needed",
            MIN_IMAGE_SIZE.0, MIN_IMAGE_SIZE.1
        )));
    }
    Ok(MediaInfo {
        width: Some(width),
        height: Some(height),
        duration_ms: None,
    })
}

/// Checks a video's container (AVI `RIFF…AVI ` or MP4 `ftyp`) against its declared type and
/// reads its duration from the AVI main header (`avih`) or the MP4 movie header (`mvhd`).
pub fn check_video(content_type: &str, bytes: &[u8]) -> ApiResult<MediaInfo> {
    if bytes.len() < MIN_VIDEO_BYTES {
        return Err(invalid(format!(
            "the video has {} bytes; that is too short to be a recording",
            bytes.len()
        )));
    }
    let duration_ms = match content_type {
        "video/x-msvideo" => {
            if bytes.get(0..4) != Some(b"RIFF") || bytes.get(8..12) != Some(b"AVI ") {
                return Err(invalid(
                    "the video was sent as AVI but is not a RIFF AVI file",
                ));
            }
            avi_duration_ms(bytes).ok_or_else(|| invalid("the AVI file has no main header"))?
        }
        "video/mp4" => {
            if bytes.get(4..8) != Some(b"ftyp") {
                return Err(invalid("the video was sent as MP4 but has no ftyp box"));
            }
            mp4_duration_ms(bytes).ok_or_else(|| invalid("the MP4 file has no movie header"))?
        }
        other => {
            return Err(Failure::new(
                ErrorCode::UnsupportedMediaType,
                format!("videos must be video/x-msvideo or video/mp4, not {other}"),
            ));
        }
    };
    if !VIDEO_DURATION_MS.contains(&duration_ms) {
        return Err(invalid(format!(
            "the video lasts {duration_ms} ms; between {} and {} ms is needed",
            VIDEO_DURATION_MS.start(),
            VIDEO_DURATION_MS.end()
        )));
    }
    Ok(MediaInfo {
        width: None,
        height: None,
        duration_ms: Some(duration_ms),
    })
}

fn u32_le(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u32_be(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

fn u64_be(bytes: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(bytes.get(at..at + 8)?.try_into().ok()?))
}

/// Duration from `avih`: microseconds per frame × total frames.
fn avi_duration_ms(bytes: &[u8]) -> Option<u64> {
    let window = bytes.get(..bytes.len().min(64 * 1024))?;
    let at = window.windows(4).position(|w| w == b"avih")?;
    let data = at + 8;
    let micros_per_frame = u64::from(u32_le(bytes, data)?);
    let total_frames = u64::from(u32_le(bytes, data + 16)?);
    Some(micros_per_frame.checked_mul(total_frames)? / 1000)
}

/// Finds the box `name` among the boxes in `bytes`; returns its payload.
fn find_box<'a>(bytes: &'a [u8], name: &[u8; 4]) -> Option<&'a [u8]> {
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let size32 = u32_be(bytes, at)?;
        let (header, size) = match size32 {
            0 => (8, bytes.len() - at),
            1 => (16, usize::try_from(u64_be(bytes, at + 8)?).ok()?),
            n => (8, usize::try_from(n).ok()?),
        };
        if size < header {
            return None;
        }
        let end = at.checked_add(size)?;
        if bytes.get(at + 4..at + 8)? == name {
            return bytes.get(at + header..end.min(bytes.len()));
        }
        at = end;
    }
    None
}

/// Duration from `moov/mvhd`: duration ÷ timescale.
fn mp4_duration_ms(bytes: &[u8]) -> Option<u64> {
    let mvhd = find_box(find_box(bytes, b"moov")?, b"mvhd")?;
    let (timescale, duration) = match mvhd.first()? {
        0 => (u64::from(u32_be(mvhd, 12)?), u64::from(u32_be(mvhd, 16)?)),
        1 => (u64::from(u32_be(mvhd, 20)?), u64_be(mvhd, 24)?),
        _ => return None,
    };
    if timescale == 0 {
        return None;
    }
    Some(duration.checked_mul(1000)? / timescale)
}

/// Checks the liveness challenge log against the video's duration.
pub fn check_challenge_log(log: &ChallengeLog, duration_ms: u64) -> ApiResult<()> {
    let malformed = |message: &str| Failure::new(ErrorCode::MalformedRequest, message);
    if log.challenges.is_empty() || log.challenges.len() > 20 {
        return Err(malformed("challenge_log must list 1 to 20 challenges"));
    }
    for step in &log.challenges {
        if step.kind.is_empty() || step.kind.len() > 32 {
            return Err(malformed("a challenge kind must have 1 to 32 characters"));
        }
        if step.completed_ms < step.started_ms || step.completed_ms > duration_ms + 1000 {
            return Err(malformed(
                "a challenge must complete after it starts and within the video",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal AVI: RIFF header, hdrl LIST, avih with the given timing, zero padding.
    pub fn avi(micros_per_frame: u32, frames: u32, len: usize) -> Vec<u8> {
        let mut bytes = Vec::new();
        bytes.extend_from_slice(b"RIFF");
        bytes.extend_from_slice(&u32::try_from(len - 8).unwrap_or(0).to_le_bytes());
        bytes.extend_from_slice(b"AVI LIST");
        bytes.extend_from_slice(&68u32.to_le_bytes());
        bytes.extend_from_slice(b"hdrlavih");
        bytes.extend_from_slice(&56u32.to_le_bytes());
        let mut avih = [0u8; 56];
        avih[0..4].copy_from_slice(&micros_per_frame.to_le_bytes());
        avih[16..20].copy_from_slice(&frames.to_le_bytes());
        bytes.extend_from_slice(&avih);
        bytes.resize(len, 0);
        bytes
    }

    #[test]
    fn avi_duration_is_read_from_the_main_header() {
        let video = avi(40_000, 100, 2048);
        let info = check_video("video/x-msvideo", &video).map_err(|f| f.0.message);
        assert_eq!(info.map(|i| i.duration_ms), Ok(Some(4000)));
        let short = avi(40_000, 10, 2048);
        assert_eq!(
            check_video("video/x-msvideo", &short)
                .map_err(|f| f.code())
                .err(),
            Some(ErrorCode::InvalidMedia)
        );
        assert!(check_video("video/mp4", &video).is_err());
    }

    #[test]
    fn mp4_duration_is_read_from_mvhd() {
        let mut mvhd = vec![0u8; 100];
        mvhd[12..16].copy_from_slice(&1000u32.to_be_bytes());
        mvhd[16..20].copy_from_slice(&5000u32.to_be_bytes());
        let mut file = Vec::new();
        file.extend_from_slice(&16u32.to_be_bytes());
        file.extend_from_slice(b"ftypisom\0\0\0\0");
        let moov_len = 8 + 8 + mvhd.len();
        file.extend_from_slice(&u32::try_from(moov_len).unwrap_or(0).to_be_bytes());
        file.extend_from_slice(b"moov");
        file.extend_from_slice(&u32::try_from(8 + mvhd.len()).unwrap_or(0).to_be_bytes());
        file.extend_from_slice(b"mvhd");
        file.extend_from_slice(&mvhd);
        file.resize(2048, 0);
        assert_eq!(mp4_duration_ms(&file), Some(5000));
        assert!(check_video("video/mp4", &file).is_ok());
    }

    #[test]
    fn tiny_or_mislabelled_images_are_refused() {
        let small = image::RgbImage::new(100, 100);
        let mut png = Vec::new();
        let encoded = image::DynamicImage::ImageRgb8(small)
            .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png);
        assert!(encoded.is_ok());
        assert_eq!(
            check_image("image/png", &png).map_err(|f| f.code()).err(),
            Some(ErrorCode::InvalidMedia)
        );
        assert_eq!(
            check_image("image/jpeg", &png).map_err(|f| f.code()).err(),
            Some(ErrorCode::InvalidMedia)
        );
        assert_eq!(
            check_image("image/png", b"garbage")
                .map_err(|f| f.code())
                .err(),
            Some(ErrorCode::InvalidMedia)
        );
    }
}
