//! The ID-1 card: its sides, its shape, and the card frame drawn over the preview.

use image::RgbaImage;

use crate::frame::Frame;

/// Width ÷ height of an ID-1 card (ISO/IEC 7810: 85.60 × 53.98 mm), the Kazakh ID card's size.
pub const ID1_ASPECT: f32 = 85.6 / 53.98;

/// Which side of the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CardSide {
    /// The side with the photo.
    Front,
    /// The side with the machine-readable zone.
    Back,
}

impl CardSide {
    /// The path segment the service uses: `front` or `back`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Front => "front",
            Self::Back => "back",
        }
    }
}

/// The margin around the card frame the GUI draws ([`CardFrame::centred`]): 8 % of the
/// frame's shorter side, so the card's edges stay inside the picture.
pub const CARD_FRAME_MARGIN: f32 = 0.08;

/// The card-shaped rectangle to draw over the preview, as fractions of the frame.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardFrame {
    /// Left edge, fraction of the frame width.
    pub x: f32,
    /// Top edge, fraction of the frame height.
    pub y: f32,
    /// Width, fraction of the frame width.
    pub width: f32,
    /// Height, fraction of the frame height.
    pub height: f32,
}

impl CardFrame {
    /// The largest ID-1 rectangle centred in a `width × height` frame that leaves `margin`
    /// (a fraction of the frame's shorter side) free on every side.
    pub fn centred(width: u32, height: u32, margin: f32) -> CardFrame {
        let (w, h) = (width.max(1) as f32, height.max(1) as f32);
        let m = margin.clamp(0.0, 0.45) * w.min(h);
        let (free_w, free_h) = ((w - 2.0 * m).max(1.0), (h - 2.0 * m).max(1.0));
        let (card_w, card_h) = if free_w / free_h > ID1_ASPECT {
            (free_h * ID1_ASPECT, free_h)
        } else {
            (free_w, free_w / ID1_ASPECT)
        };
        CardFrame {
            x: (w - card_w) / 2.0 / w,
            y: (h - card_h) / 2.0 / h,
            width: card_w / w,
            height: card_h / h,
        }
    }

    /// The rectangle in pixels of a `width × height` frame: `(x, y, width, height)`.
    pub fn to_pixels(&self, width: u32, height: u32) -> (u32, u32, u32, u32) {
        if width == 0 || height == 0 {
            return (0, 0, 0, 0);
        }
        let (w, h) = (width as f32, height as f32);
        let x = (self.x * w).round().clamp(0.0, w - 1.0) as u32;
        let y = (self.y * h).round().clamp(0.0, h - 1.0) as u32;
        let cw = ((self.width * w).round() as u32).clamp(1, width - x);
        let ch = ((self.height * h).round() as u32).clamp(1, height - y);
        (x, y, cw, ch)
    }

    /// Copies the part of `frame` inside the card frame.
    pub fn crop(&self, frame: &Frame) -> RgbaImage {
        let (x, y, w, h) = self.to_pixels(frame.width(), frame.height());
        let row = frame.width() as usize * 4;
        let mut out = Vec::with_capacity(w as usize * h as usize * 4);
        for r in y as usize..(y + h) as usize {
            let start = r * row + x as usize * 4;
            out.extend_from_slice(&frame.rgba()[start..start + w as usize * 4]);
        }
        RgbaImage::from_raw(w, h, out).unwrap_or_else(|| RgbaImage::new(w, h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_card_frame_has_the_id1_shape_and_fits() {
        for (w, h) in [(1280, 720), (640, 480), (720, 1280)] {
            let card = CardFrame::centred(w, h, 0.08);
            let (px, py, pw, ph) = card.to_pixels(w, h);
            let aspect = pw as f32 / ph as f32;
            assert!((aspect - ID1_ASPECT).abs() < 0.02, "{w}×{h}: {aspect}");
            assert!(px + pw <= w && py + ph <= h);
            let margin = (0.08 * w.min(h) as f32) as u32;
            assert!(px >= margin - 1 && py >= margin - 1, "{w}×{h}: {px},{py}");
        }
        assert_eq!(CardFrame::centred(0, 0, 0.1).to_pixels(0, 0), (0, 0, 0, 0));
    }

    #[test]
    fn cropping_takes_the_card_area() {
        let mut rgba = vec![0u8; 100 * 50 * 4];
        for y in 10..40 {
            for x in 20..80 {
                rgba[(y * 100 + x) * 4] = 255;
            }
        }
        let frame = Frame::from_rgba(100, 50, rgba, Duration::ZERO, 0).unwrap();
        let card = CardFrame {
            x: 0.2,
            y: 0.2,
            width: 0.6,
            height: 0.6,
        };
        let crop = card.crop(&frame);
        assert_eq!(crop.dimensions(), (60, 30));
        assert!(crop.pixels().all(|p| p.0[0] == 255));
    }
}
