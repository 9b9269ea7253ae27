//! One decoded camera picture: RGBA bytes shared cheaply between the capture thread, guidance
//! and the GUI's image handle.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use image::RgbaImage;

/// A decoded picture, 8-bit RGBA, rows top to bottom, not mirrored (as the camera sees the
/// person). Cloning is cheap: the pixels are shared.
#[derive(Clone, PartialEq, Eq)]
pub struct Frame {
    width: u32,
    height: u32,
    rgba: Arc<[u8]>,
    captured_at: Duration,
    sequence: u64,
}

impl Frame {
    /// Wraps RGBA pixels; `None` when the buffer does not hold exactly `width × height × 4`
    /// bytes or a side is zero. `captured_at` is measured from the start of the source (the
    /// camera session or the synthetic scene), `sequence` counts frames from 0.
    pub fn from_rgba(
        width: u32,
        height: u32,
        rgba: impl Into<Arc<[u8]>>,
        captured_at: Duration,
        sequence: u64,
    ) -> Option<Self> {
        let rgba = rgba.into();
        let expected = (width as usize)
            .checked_mul(height as usize)?
            .checked_mul(4)?;
        if width == 0 || height == 0 || rgba.len() != expected {
            return None;
        }
        Some(Self {
            width,
            height,
            rgba,
            captured_at,
            sequence,
        })
    }

    /// Wraps an [`RgbaImage`] (no copy of the pixels beyond moving them into shared storage).
    pub fn from_image(image: RgbaImage, captured_at: Duration, sequence: u64) -> Option<Self> {
        let (width, height) = image.dimensions();
        Self::from_rgba(width, height, image.into_raw(), captured_at, sequence)
    }

    /// Width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// The RGBA bytes, `width × height × 4`.
    pub fn rgba(&self) -> &[u8] {
        &self.rgba
    }

    /// The shared RGBA buffer, e.g. for `Bytes::from_owner` when building an image handle
    /// without copying.
    pub fn rgba_shared(&self) -> Arc<[u8]> {
        Arc::clone(&self.rgba)
    }

    /// When the frame was captured, measured from the start of its source.
    pub fn captured_at(&self) -> Duration {
        self.captured_at
    }

    /// Frame number within its source, from 0.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }

    /// A copy as an [`RgbaImage`].
    pub fn to_image(&self) -> RgbaImage {
        // The length was checked at construction, so this cannot fail; fall back to an empty
        // image of the right size rather than panic.
        RgbaImage::from_raw(self.width, self.height, self.rgba.to_vec())
            .unwrap_or_else(|| RgbaImage::new(self.width, self.height))
    }

    /// A left-right mirrored copy, as a selfie preview is shown (the person sees themselves as
    /// in a mirror). Guidance and uploads use the unmirrored frame.
    pub fn mirrored(&self) -> Frame {
        let row = self.width as usize * 4;
        let mut out = vec![0u8; self.rgba.len()];
        for (src, dst) in self.rgba.chunks_exact(row).zip(out.chunks_exact_mut(row)) {
            for (s, d) in src.chunks_exact(4).rev().zip(dst.chunks_exact_mut(4)) {
                d.copy_from_slice(s);
            }
        }
        Frame {
            rgba: out.into(),
            ..self.clone()
        }
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Frame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("captured_at", &self.captured_at)
            .field("sequence", &self.sequence)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_buffer_lengths_are_refused() {
        assert!(Frame::from_rgba(2, 2, vec![0u8; 16], Duration::ZERO, 0).is_some());
        assert!(Frame::from_rgba(2, 2, vec![0u8; 15], Duration::ZERO, 0).is_none());
        assert!(Frame::from_rgba(0, 2, Vec::<u8>::new(), Duration::ZERO, 0).is_none());
    }

    #[test]
    fn mirroring_swaps_columns() {
        let pixels: Vec<u8> = (0u8..16).collect();
        let frame = Frame::from_rgba(2, 2, pixels, Duration::ZERO, 0).unwrap();
        let mirrored = frame.mirrored();
        assert_eq!(
            mirrored.rgba(),
            &[4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11]
        );
        assert_eq!(mirrored.mirrored(), frame);
    }
}
