//! The picture the GUI shows: a small copy of the frame (mirrored for the selfie, like a
//! looking glass) with the guide drawn into its pixels — the face oval or the card frame,
//! everything outside it dimmed. Drawing here, on the analysis thread, keeps the preview and
//! its guide in step and costs the UI nothing (about a millisecond at 640×360).

use crate::document::CardFrame;
use crate::frame::Frame;
use crate::guidance::Oval;

/// How much of its brightness the picture keeps outside the guide.
const DIM: u32 = 150; // of 256

/// Width of the guide's outline, in preview pixels.
const LINE: f32 = 3.0;

/// A small RGBA picture for the screen.
#[derive(Clone, PartialEq, Eq)]
pub struct Preview {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// `width × height × 4` bytes, rows top to bottom.
    pub rgba: Vec<u8>,
    /// Whether left and right are swapped relative to the frame.
    pub mirrored: bool,
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Preview({}×{}", self.width, self.height)?;
        f.write_str(if self.mirrored { ", mirrored)" } else { ")" })
    }
}

impl Preview {
    /// A copy of `frame` at most `max_width` wide (nearest neighbour), mirrored if asked.
    pub fn of(frame: &Frame, max_width: u32, mirrored: bool) -> Preview {
        let (width, height) = (frame.width(), frame.height());
        let out_w = max_width.clamp(1, width.max(1));
        let out_h =
            ((u64::from(height) * u64::from(out_w) / u64::from(width.max(1))) as u32).max(1);
        let source = frame.rgba();
        let columns: Vec<usize> = (0..out_w)
            .map(|x| {
                let tx = if mirrored { out_w - 1 - x } else { x };
                (u64::from(tx) * u64::from(width) / u64::from(out_w)) as usize
            })
            .collect();
        let mut rgba = Vec::with_capacity(out_w as usize * out_h as usize * 4);
        for y in 0..out_h {
            let sy = (u64::from(y) * u64::from(height) / u64::from(out_h)) as usize;
            let row = sy * width as usize;
            for &sx in &columns {
                let at = (row + sx) * 4;
                rgba.extend_from_slice(source.get(at..at + 4).unwrap_or(&[0, 0, 0, 255]));
            }
        }
        Preview {
            width: out_w,
            height: out_h,
            rgba,
            mirrored,
        }
    }

    /// Draws the face oval (fractions of the unmirrored frame, as [`crate::GuideRules::oval`]
    /// gives it) in `colour`, dimming the picture outside it.
    pub fn draw_oval(&mut self, oval: &Oval, colour: [u8; 3]) {
        let (w, h) = (self.width as f32, self.height as f32);
        let cx = if self.mirrored {
            1.0 - oval.cx
        } else {
            oval.cx
        } * w;
        let (cy, rx, ry) = (oval.cy * h, oval.width * w / 2.0, oval.height * h / 2.0);
        if rx < 1.0 || ry < 1.0 {
            return;
        }
        self.shade(colour, |x, y| {
            let (dx, dy) = (x - cx, y - cy);
            let d = ((dx / rx).powi(2) + (dy / ry).powi(2)).sqrt();
            // First-order distance to the ellipse: its implicit function over its gradient.
            let (gx, gy) = (dx / (rx * rx), dy / (ry * ry));
            let gradient = (gx * gx + gy * gy).sqrt() / d.max(1e-6);
            (d - 1.0) / gradient.max(1e-6)
        });
    }

    /// Draws the card frame (fractions of the frame) as a rounded rectangle in `colour`,
    /// dimming the picture outside it.
    pub fn draw_card_frame(&mut self, card: &CardFrame, colour: [u8; 3]) {
        let (w, h) = (self.width as f32, self.height as f32);
        let left = if self.mirrored {
            1.0 - card.x - card.width
        } else {
            card.x
        };
        let (half_w, half_h) = (card.width * w / 2.0, card.height * h / 2.0);
        let (cx, cy) = (left * w + half_w, card.y * h + half_h);
        let radius = half_h * 0.12;
        self.shade(colour, |x, y| {
            // Signed distance to a rounded rectangle.
            let qx = (x - cx).abs() - (half_w - radius);
            let qy = (y - cy).abs() - (half_h - radius);
            let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
            outside + qx.max(qy).min(0.0) - radius
        });
    }

    /// Dims the pixels whose signed distance (negative inside) is positive and draws the
    /// outline where it is near zero, antialiased.
    fn shade(&mut self, colour: [u8; 3], distance: impl Fn(f32, f32) -> f32) {
        let width = self.width as usize;
        for (i, px) in self.rgba.chunks_exact_mut(4).enumerate() {
            let (x, y) = ((i % width) as f32 + 0.5, (i / width) as f32 + 0.5);
            let d = distance(x, y);
            if d > 0.0 {
                for c in &mut px[..3] {
                    *c = ((u32::from(*c) * DIM) >> 8) as u8;
                }
            }
            let cover = (LINE / 2.0 + 0.5 - d.abs()).clamp(0.0, 1.0);
            if cover > 0.0 {
                for (c, &target) in px[..3].iter_mut().zip(&colour) {
                    *c = (f32::from(*c) * (1.0 - cover) + f32::from(target) * cover) as u8;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn grey_frame(width: u32, height: u32) -> Frame {
        let rgba: Vec<u8> = (0..width * height)
            .flat_map(|i| {
                let v = (i % width * 255 / width) as u8;
                [v, 100, 100, 255]
            })
            .collect();
        Frame::from_rgba(width, height, rgba, Duration::ZERO, 0).unwrap()
    }

    fn pixel(p: &Preview, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * p.width + x) * 4) as usize;
        [p.rgba[i], p.rgba[i + 1], p.rgba[i + 2]]
    }

    #[test]
    fn the_preview_is_scaled_and_mirrored() {
        let frame = grey_frame(1280, 720);
        let plain = Preview::of(&frame, 640, false);
        assert_eq!((plain.width, plain.height), (640, 360));
        let mirrored = Preview::of(&frame, 640, true);
        assert_eq!(pixel(&plain, 0, 10), pixel(&mirrored, 639, 10));
        assert!(pixel(&plain, 0, 10)[0] < pixel(&plain, 639, 10)[0]);
        // A small frame is not enlarged.
        assert_eq!(Preview::of(&grey_frame(320, 240), 640, false).width, 320);
    }

    #[test]
    fn the_oval_is_drawn_and_the_outside_dimmed() {
        let frame = grey_frame(640, 360);
        let before = Preview::of(&frame, 640, true);
        let mut after = before.clone();
        let oval = crate::GuideRules::default().oval(640, 360);
        after.draw_oval(&oval, [0, 200, 0]);
        // The centre is untouched, a corner dimmed, the oval's top edge green.
        assert_eq!(pixel(&after, 320, 162), pixel(&before, 320, 162));
        assert!(pixel(&after, 2, 2)[1] < pixel(&before, 2, 2)[1]);
        let top = ((oval.cy - oval.height / 2.0) * 360.0).round() as u32;
        assert_eq!(pixel(&after, 320, top), [0, 200, 0]);
    }

    #[test]
    fn the_card_frame_is_drawn_where_the_crop_is_taken() {
        let frame = grey_frame(640, 360);
        let before = Preview::of(&frame, 640, false);
        let mut after = before.clone();
        let card = CardFrame::centred(640, 360, crate::CARD_FRAME_MARGIN);
        after.draw_card_frame(&card, [200, 0, 0]);
        let (x, y, w, h) = card.to_pixels(640, 360);
        // The left edge's middle is the outline; inside is untouched; outside is dimmed.
        assert_eq!(pixel(&after, x, y + h / 2), [200, 0, 0]);
        let inside = (x + w / 2, y + h / 2);
        assert_eq!(
            pixel(&after, inside.0, inside.1),
            pixel(&before, inside.0, inside.1)
        );
        assert!(pixel(&after, x.saturating_sub(8), y + h / 2)[1] < 100);
    }
}
