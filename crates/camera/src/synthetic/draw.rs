//! Drawing a shot: the room background, the face composited with a soft oval edge, the card
//! with rounded corners, and the blurs.

use std::sync::OnceLock;

use image::{RgbImage, RgbaImage};

use crate::document::{CardSide, ID1_ASPECT};

use super::card::id_card;
use super::photo::{FACE_CX, FACE_CY, FACE_W};
use super::shot::{CardShot, Placement};

/// A plain room: warm wall with a soft vertical gradient, a darker door-like band on the right
/// and a floor line; no shapes a face detector could mistake for a face.
pub(super) fn background(w: u32, h: u32) -> Vec<u8> {
    let mut rgba = Vec::with_capacity(w as usize * h as usize * 4);
    for y in 0..h {
        let v = y as f32 / h as f32;
        let shade = 1.0 - 0.25 * v;
        let floor = v > 0.86;
        for x in 0..w {
            let u = x as f32 / w as f32;
            let door = (0.83..0.95).contains(&u) && v > 0.18;
            let (r, g, b) = if floor {
                (120.0, 104.0, 88.0)
            } else if door {
                (150.0, 135.0, 118.0)
            } else {
                (208.0, 200.0, 188.0)
            };
            rgba.extend_from_slice(&[(r * shade) as u8, (g * shade) as u8, (b * shade) as u8, 255]);
        }
    }
    rgba
}

fn box_blur(src: &RgbImage, radius: u32) -> RgbImage {
    if radius == 0 {
        return src.clone();
    }
    let pass = |img: &RgbImage, horizontal: bool| {
        let (w, h) = img.dimensions();
        RgbImage::from_fn(w, h, |x, y| {
            let mut sum = [0u32; 3];
            let mut n = 0u32;
            for d in -(radius as i64)..=radius as i64 {
                let (sx, sy) = if horizontal {
                    ((x as i64 + d).clamp(0, w as i64 - 1), y as i64)
                } else {
                    (x as i64, (y as i64 + d).clamp(0, h as i64 - 1))
                };
                let p = img.get_pixel(sx as u32, sy as u32);
                for (s, &c) in sum.iter_mut().zip(&p.0) {
                    *s += u32::from(c);
                }
                n += 1;
            }
            image::Rgb(sum.map(|s| (s / n) as u8))
        })
    };
    pass(&pass(src, true), false)
}

/// Draws the sprite scaled so that its face matches `placement`, with a soft oval edge
/// (bilinear sampling in 8-bit fixed point).
pub(super) fn composite(
    rgba: &mut [u8],
    w: u32,
    h: u32,
    sprite: &RgbImage,
    placement: &Placement,
    blur: u32,
) {
    let blurred;
    let sprite = if blur > 0 {
        blurred = box_blur(sprite, blur);
        &blurred
    } else {
        sprite
    };
    let (sw, sh) = (sprite.width() as usize, sprite.height() as usize);
    let face_px = placement.size * h as f32;
    let scale = face_px / (FACE_W * sw as f32);
    if scale <= 0.0 || !scale.is_finite() {
        return;
    }
    let (dw, dh) = (sw as f32 * scale, sh as f32 * scale);
    let left = placement.cx * w as f32 - FACE_CX * dw;
    let top = placement.cy * h as f32 - FACE_CY * dh;
    let x0 = left.floor().max(0.0) as usize;
    let y0 = top.floor().max(0.0) as usize;
    let x1 = ((left + dw).ceil().max(0.0) as usize).min(w as usize);
    let y1 = ((top + dh).ceil().max(0.0) as usize).min(h as usize);
    if x0 >= x1 || y0 >= y1 {
        return;
    }
    // Per column: source column, its right neighbour, the blend weight and the oval term.
    let columns: Vec<(usize, usize, u32, f32)> = (x0..x1)
        .map(|x| {
            let u = (x as f32 + 0.5 - left) / dw;
            let sx = (u * sw as f32 - 0.5).clamp(0.0, (sw - 1) as f32);
            let c0 = sx as usize;
            let weight = ((sx - c0 as f32) * 256.0) as u32;
            let du = (u - 0.5) / 0.5;
            (c0, (c0 + 1).min(sw - 1), weight, du * du)
        })
        .collect();
    let src = sprite.as_raw();
    let stride = w as usize * 4;
    for y in y0..y1 {
        let v = (y as f32 + 0.5 - top) / dh;
        let sy = (v * sh as f32 - 0.5).clamp(0.0, (sh - 1) as f32);
        let r0 = sy as usize;
        let r1 = (r0 + 1).min(sh - 1);
        let wy = ((sy - r0 as f32) * 256.0) as u32;
        let dv = (v - 0.5) / 0.5;
        let dv2 = dv * dv;
        let (row0, row1) = (
            &src[r0 * sw * 3..(r0 + 1) * sw * 3],
            &src[r1 * sw * 3..(r1 + 1) * sw * 3],
        );
        let out = &mut rgba[y * stride..(y + 1) * stride];
        for (i, &(c0, c1, wx, du2)) in columns.iter().enumerate() {
            let r2 = du2 + dv2;
            if r2 >= 1.0 {
                continue;
            }
            // Soft oval mask: opaque inside, fading out over the outer 12 % of the radius.
            let alpha = (((1.0 - r2.sqrt()) / 0.12).min(1.0) * 256.0) as u32;
            let o = (x0 + i) * 4;
            for ch in 0..3 {
                let a = u32::from(row0[c0 * 3 + ch]);
                let b = u32::from(row0[c1 * 3 + ch]);
                let c = u32::from(row1[c0 * 3 + ch]);
                let d = u32::from(row1[c1 * 3 + ch]);
                let top_mix = a * (256 - wx) + b * wx;
                let bottom_mix = c * (256 - wx) + d * wx;
                let value = (top_mix * (256 - wy) + bottom_mix * wy) >> 16;
                let dst = u32::from(out[o + ch]);
                out[o + ch] = ((dst * (256 - alpha) + value * alpha) >> 8) as u8;
            }
        }
    }
}

/// Width of the cached card pictures the scenes scale from.
const CARD_SPRITE_WIDTH: u32 = 1000;

fn card_sprite(side: CardSide) -> &'static RgbaImage {
    static FRONT: OnceLock<RgbaImage> = OnceLock::new();
    static BACK: OnceLock<RgbaImage> = OnceLock::new();
    let cell = match side {
        CardSide::Front => &FRONT,
        CardSide::Back => &BACK,
    };
    cell.get_or_init(|| id_card(side, CARD_SPRITE_WIDTH))
}

pub(super) fn composite_card(rgba: &mut [u8], w: u32, h: u32, card: &CardShot) {
    let sprite = card_sprite(card.side);
    let dw = card.width * w as f32;
    let dh = dw / ID1_ASPECT;
    let left = card.cx * w as f32 - dw / 2.0;
    let top = card.cy * h as f32 - dh / 2.0;
    let (sw, sh) = (sprite.width() as f32, sprite.height() as f32);
    let corner = dh * 0.06;
    let x0 = left.max(0.0) as u32;
    let y0 = top.max(0.0) as u32;
    let x1 = ((left + dw).max(0.0) as u32).min(w);
    let y1 = ((top + dh).max(0.0) as u32).min(h);
    for y in y0..y1 {
        let fy = y as f32 + 0.5 - top;
        for x in x0..x1 {
            let fx = x as f32 + 0.5 - left;
            // Rounded corners.
            let cx = (corner - fx).max(fx - (dw - corner)).max(0.0);
            let cy = (corner - fy).max(fy - (dh - corner)).max(0.0);
            if cx * cx + cy * cy > corner * corner {
                continue;
            }
            let (u, v) = (fx / dw * sw - 0.5, fy / dh * sh - 0.5);
            let sx = (u.round().max(0.0) as u32).min(sprite.width() - 1);
            let sy = (v.round().max(0.0) as u32).min(sprite.height() - 1);
            let p = sprite.get_pixel(sx, sy).0;
            let i = (y as usize * w as usize + x as usize) * 4;
            rgba[i..i + 3].copy_from_slice(&p[..3]);
        }
    }
    if card.blur > 0 {
        // Out of focus: the card and its edges blur together (two box passes ≈ a Gaussian).
        let margin = card.blur * 3;
        let region = (
            x0.saturating_sub(margin),
            y0.saturating_sub(margin),
            (x1 + margin).min(w),
            (y1 + margin).min(h),
        );
        for _ in 0..2 {
            blur_region(rgba, w, region, card.blur);
        }
    }
}

/// Box blur of radius `radius` over the rectangle `(x0, y0, x1, y1)` of an RGBA picture of
/// width `w`, horizontally then vertically.
fn blur_region(rgba: &mut [u8], w: u32, (x0, y0, x1, y1): (u32, u32, u32, u32), radius: u32) {
    let (w, r) = (w as usize, radius as i64);
    let (x0, y0, x1, y1) = (x0 as i64, y0 as i64, x1 as i64, y1 as i64);
    let at = |x: i64, y: i64| (y as usize * w + x as usize) * 4;
    for horizontal in [true, false] {
        let source = rgba.to_vec();
        for y in y0..y1 {
            for x in x0..x1 {
                let mut sum = [0u32; 3];
                let mut n = 0;
                for d in -r..=r {
                    let (sx, sy) = if horizontal {
                        ((x + d).clamp(x0, x1 - 1), y)
                    } else {
                        (x, (y + d).clamp(y0, y1 - 1))
                    };
                    let i = at(sx, sy);
                    for (s, &v) in sum.iter_mut().zip(&source[i..i + 3]) {
                        *s += u32::from(v);
                    }
                    n += 1;
                }
                let i = at(x, y);
                for (c, s) in rgba[i..i + 3].iter_mut().zip(sum) {
                    *c = (s / n) as u8;
                }
            }
        }
    }
}
