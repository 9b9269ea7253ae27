//! A minimal writer of Motion-JPEG in AVI 1.0 (RIFF) files: one video stream of JPEG frames at
//! a constant frame rate, with the `idx1` index players and ffprobe use. Everything is built
//! in memory (a few megabytes for the identification video).
//!
//! Layout:
//! ```text
//! RIFF 'AVI '
//!   LIST 'hdrl'
//!     'avih' main header (µs per frame, total frames, size)
//!     LIST 'strl'
//!       'strh' stream header ('vids', 'MJPG', rate = fps, length = frames)
//!       'strf' BITMAPINFOHEADER (compression 'MJPG')
//!   LIST 'movi'
//!     '00dc' JPEG … (each padded to an even size)
//!   'idx1' (ckid, flags = keyframe, offset from 'movi', size) per frame
//! ```

use thiserror::Error;

/// Why a frame could not be added.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AviError {
    /// The data is not a JPEG picture (no SOI marker).
    #[error("the frame is not a JPEG picture")]
    NotJpeg,
    /// The file would pass the 1 GiB an AVI 1.0 RIFF chunk can safely hold.
    #[error("the video is too large for an AVI file")]
    TooLarge,
}

const AVIF_HASINDEX: u32 = 0x10;
const AVIIF_KEYFRAME: u32 = 0x10;
const MAX_RIFF_BYTES: usize = 1 << 30;

/// Builds an MJPEG AVI file frame by frame.
#[derive(Debug, Clone)]
pub struct AviWriter {
    width: u32,
    height: u32,
    fps: u32,
    movi: Vec<u8>,
    index: Vec<(u32, u32)>,
    largest_frame: u32,
}

fn fourcc(out: &mut Vec<u8>, code: &[u8; 4]) {
    out.extend_from_slice(code);
}

fn u32le(out: &mut Vec<u8>, value: u32) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn u16le(out: &mut Vec<u8>, value: u16) {
    out.extend_from_slice(&value.to_le_bytes());
}

fn len32(len: usize) -> u32 {
    // Sizes are capped at MAX_RIFF_BYTES by `push_jpeg`, far below u32::MAX.
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl AviWriter {
    /// A writer for `width × height` frames at `fps` (at least 1).
    pub fn new(width: u32, height: u32, fps: u32) -> Self {
        Self {
            width,
            height,
            fps: fps.max(1),
            movi: Vec::new(),
            index: Vec::new(),
            largest_frame: 0,
        }
    }

    /// Appends one JPEG frame.
    pub fn push_jpeg(&mut self, jpeg: &[u8]) -> Result<(), AviError> {
        if jpeg.get(..2) != Some(&[0xFF, 0xD8]) {
            return Err(AviError::NotJpeg);
        }
        if self.movi.len() + jpeg.len() + 1024 + self.index.len() * 16 > MAX_RIFF_BYTES {
            return Err(AviError::TooLarge);
        }
        // Offsets in idx1 count from the 'movi' FOURCC, which precedes the first chunk.
        let offset = len32(4 + self.movi.len());
        let size = len32(jpeg.len());
        fourcc(&mut self.movi, b"00dc");
        u32le(&mut self.movi, size);
        self.movi.extend_from_slice(jpeg);
        if jpeg.len() % 2 == 1 {
            self.movi.push(0);
        }
        self.index.push((offset, size));
        self.largest_frame = self.largest_frame.max(size);
        Ok(())
    }

    /// Appends the previous frame again (a duplicate, to keep the frame rate constant).
    pub fn repeat_last(&mut self) -> bool {
        let Some(&(offset, size)) = self.index.last() else {
            return false;
        };
        let start = offset as usize - 4 + 8;
        let jpeg = self.movi[start..start + size as usize].to_vec();
        self.push_jpeg(&jpeg).is_ok()
    }

    /// Frames written so far.
    pub fn frame_count(&self) -> u32 {
        len32(self.index.len())
    }

    /// Frames per second.
    pub fn fps(&self) -> u32 {
        self.fps
    }

    /// Duration in milliseconds as players compute it (frames ÷ fps).
    pub fn duration_ms(&self) -> u64 {
        u64::from(self.frame_count()) * 1000 / u64::from(self.fps)
    }

    /// The complete file.
    pub fn finish(self) -> Vec<u8> {
        let frames = self.frame_count();
        let micros_per_frame = 1_000_000 / self.fps;
        let buffer = self.largest_frame + 8;

        let mut avih = Vec::with_capacity(56);
        u32le(&mut avih, micros_per_frame);
        u32le(&mut avih, buffer.saturating_mul(self.fps)); // max bytes per second
        u32le(&mut avih, 0); // padding granularity
        u32le(&mut avih, AVIF_HASINDEX);
        u32le(&mut avih, frames);
        u32le(&mut avih, 0); // initial frames
        u32le(&mut avih, 1); // streams
        u32le(&mut avih, buffer);
        u32le(&mut avih, self.width);
        u32le(&mut avih, self.height);
        avih.extend_from_slice(&[0; 16]); // reserved

        let mut strh = Vec::with_capacity(56);
        fourcc(&mut strh, b"vids");
        fourcc(&mut strh, b"MJPG");
        u32le(&mut strh, 0); // flags
        u16le(&mut strh, 0); // priority
        u16le(&mut strh, 0); // language
        u32le(&mut strh, 0); // initial frames
        u32le(&mut strh, 1); // scale
        u32le(&mut strh, self.fps); // rate: rate / scale = frames per second
        u32le(&mut strh, 0); // start
        u32le(&mut strh, frames); // length in frames
        u32le(&mut strh, buffer);
        u32le(&mut strh, u32::MAX); // quality: default
        u32le(&mut strh, 0); // sample size: varies
        let clamp16 = |v: u32| u16::try_from(v).unwrap_or(u16::MAX);
        u16le(&mut strh, 0);
        u16le(&mut strh, 0);
        u16le(&mut strh, clamp16(self.width));
        u16le(&mut strh, clamp16(self.height));

        let mut strf = Vec::with_capacity(40);
        u32le(&mut strf, 40);
        u32le(&mut strf, self.width);
        u32le(&mut strf, self.height);
        u16le(&mut strf, 1); // planes
        u16le(&mut strf, 24); // bits per pixel
        fourcc(&mut strf, b"MJPG");
        u32le(
            &mut strf,
            self.width.saturating_mul(self.height).saturating_mul(3),
        );
        strf.extend_from_slice(&[0; 16]); // resolution, colours

        let mut strl = Vec::new();
        chunk(&mut strl, b"strh", &strh);
        chunk(&mut strl, b"strf", &strf);
        let mut hdrl = Vec::new();
        chunk(&mut hdrl, b"avih", &avih);
        list(&mut hdrl, b"strl", &strl);

        let mut idx1 = Vec::with_capacity(self.index.len() * 16);
        for &(offset, size) in &self.index {
            fourcc(&mut idx1, b"00dc");
            u32le(&mut idx1, AVIIF_KEYFRAME);
            u32le(&mut idx1, offset);
            u32le(&mut idx1, size);
        }

        let mut body = Vec::with_capacity(self.movi.len() + hdrl.len() + idx1.len() + 64);
        fourcc(&mut body, b"AVI ");
        list(&mut body, b"hdrl", &hdrl);
        list(&mut body, b"movi", &self.movi);
        chunk(&mut body, b"idx1", &idx1);

        let mut file = Vec::with_capacity(body.len() + 8);
        fourcc(&mut file, b"RIFF");
        u32le(&mut file, len32(body.len()));
        file.extend_from_slice(&body);
        file
    }
}

fn chunk(out: &mut Vec<u8>, id: &[u8; 4], data: &[u8]) {
    fourcc(out, id);
    u32le(out, len32(data.len()));
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

fn list(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    fourcc(out, b"LIST");
    u32le(out, len32(data.len() + 4));
    fourcc(out, kind);
    out.extend_from_slice(data);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(bytes: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
    }

    /// Walks the RIFF tree, checking every size, and returns (fourcc path, payload) pairs.
    fn walk<'a>(bytes: &'a [u8], path: &str, out: &mut Vec<(String, &'a [u8])>) {
        let mut at = 0;
        while at < bytes.len() {
            let id = std::str::from_utf8(&bytes[at..at + 4]).unwrap().to_owned();
            let size = u32_at(bytes, at + 4) as usize;
            let payload = &bytes[at + 8..at + 8 + size];
            if id == "LIST" {
                let kind = std::str::from_utf8(&payload[..4]).unwrap();
                walk(&payload[4..], &format!("{path}/{kind}"), out);
            } else {
                out.push((format!("{path}/{id}"), payload));
            }
            at += 8 + size + size % 2;
        }
        assert_eq!(at, bytes.len(), "chunks must fill {path} exactly");
    }

    #[test]
    fn the_file_structure_and_index_are_consistent() {
        let frames: [&[u8]; 3] = [
            &[0xFF, 0xD8, 1, 2, 0xFF, 0xD9],
            &[0xFF, 0xD8, 3, 0xFF, 0xD9],
            &[0xFF, 0xD8, 0xFF, 0xD9],
        ];
        let mut writer = AviWriter::new(640, 360, 15);
        for f in frames {
            writer.push_jpeg(f).unwrap();
        }
        assert!(writer.repeat_last());
        assert_eq!(writer.frame_count(), 4);
        assert_eq!(writer.duration_ms(), 266);
        let file = writer.finish();
        assert_eq!(&file[..4], b"RIFF");
        assert_eq!(u32_at(&file, 4) as usize, file.len() - 8);
        assert_eq!(&file[8..12], b"AVI ");
        let mut chunks = Vec::new();
        walk(&file[12..], "", &mut chunks);
        let names: Vec<_> = chunks.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "/hdrl/avih",
                "/hdrl/strl/strh",
                "/hdrl/strl/strf",
                "/movi/00dc",
                "/movi/00dc",
                "/movi/00dc",
                "/movi/00dc",
                "/idx1"
            ]
        );
        let avih = chunks[0].1;
        assert_eq!(u32_at(avih, 0), 66_666);
        assert_eq!(u32_at(avih, 16), 4);
        assert_eq!((u32_at(avih, 32), u32_at(avih, 36)), (640, 360));
        let strh = chunks[1].1;
        assert_eq!(&strh[..8], b"vidsMJPG");
        assert_eq!(
            (u32_at(strh, 20), u32_at(strh, 24), u32_at(strh, 32)),
            (1, 15, 4)
        );
        // Every idx1 entry points at its chunk inside 'movi'.
        let movi_at = file.windows(4).position(|w| w == b"movi").unwrap();
        let idx1 = chunks[7].1;
        for (i, entry) in idx1.chunks_exact(16).enumerate() {
            assert_eq!(&entry[..4], b"00dc");
            let offset = u32_at(entry, 8) as usize;
            let size = u32_at(entry, 12) as usize;
            let chunk_at = movi_at + offset;
            assert_eq!(&file[chunk_at..chunk_at + 4], b"00dc");
            let expected = frames[i.min(2)];
            assert_eq!(size, expected.len());
            assert_eq!(&file[chunk_at + 8..chunk_at + 8 + size], expected);
        }
    }

    #[test]
    fn non_jpeg_frames_are_refused() {
        let mut writer = AviWriter::new(2, 2, 10);
        assert_eq!(writer.push_jpeg(b"PNG"), Err(AviError::NotJpeg));
        assert!(!writer.repeat_last());
    }
}
