//! The made-up ID card drawn by code.

use image::{Rgba, RgbaImage};

use crate::document::{CardSide, ID1_ASPECT};

use super::photo::face_photo;

/// A small deterministic random source for the card's made-up print.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as u32
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n.max(1)
    }
}

fn fill_rect(img: &mut RgbaImage, x: i64, y: i64, w: i64, h: i64, colour: [u8; 3]) {
    let (iw, ih) = (i64::from(img.width()), i64::from(img.height()));
    for py in y.max(0)..(y + h).min(ih) {
        for px in x.max(0)..(x + w).min(iw) {
            img.put_pixel(
                px as u32,
                py as u32,
                Rgba([colour[0], colour[1], colour[2], 255]),
            );
        }
    }
}

/// Draws a line of made-up glyphs (letter-like strokes) starting at `(x, y)` with glyph height
/// `size`; returns the x after the last glyph.
fn glyphs(
    img: &mut RgbaImage,
    rng: &mut Lcg,
    x: i64,
    y: i64,
    size: i64,
    count: u32,
    colour: [u8; 3],
) -> i64 {
    let stroke = (size / 7).max(1);
    let advance = size * 3 / 4;
    let mut at = x;
    for _ in 0..count {
        if rng.below(7) == 0 {
            at += advance; // a space
            continue;
        }
        let gw = advance - stroke * 2;
        // Each glyph: one or two verticals and up to three horizontals, like capital letters.
        if rng.below(3) != 0 {
            fill_rect(img, at, y, stroke, size, colour);
        }
        if rng.below(2) == 0 {
            fill_rect(img, at + gw - stroke, y, stroke, size, colour);
        }
        for row in [0, size / 2 - stroke / 2, size - stroke] {
            if rng.below(2) == 0 {
                fill_rect(img, at, y + row, gw, stroke, colour);
            }
        }
        if rng.below(4) == 0 {
            // A diagonal.
            for i in 0..size {
                fill_rect(
                    img,
                    at + i * (gw - stroke) / size.max(1),
                    y + i,
                    stroke,
                    1,
                    colour,
                );
            }
        }
        at += advance;
    }
    at
}

/// A made-up ID card (not a real document's design) for the synthetic camera and the test
/// fixtures: guilloche background, header band, photo, text lines on the front; bar code,
/// text and a machine-readable zone on the back. `width` in pixels; the height follows ID-1.
pub fn id_card(side: CardSide, width: u32) -> RgbaImage {
    let width = width.max(200);
    let height = (width as f32 / ID1_ASPECT).round() as u32;
    let s = f64::from(width) / 1000.0;
    let mut img = RgbaImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (f64::from(x) / s, f64::from(y) / s);
        let wave = (fx * 0.045 + 3.0 * (fy * 0.021).sin()).sin()
            + (fy * 0.05 - 2.0 * (fx * 0.013).cos()).sin();
        let line = wave.abs() < 0.06;
        let base = [214.0 - fy * 0.04, 228.0 - fy * 0.03, 224.0 + fx * 0.01];
        let c = |v: f64| if line { (v - 38.0) as u8 } else { v as u8 };
        Rgba([c(base[0]), c(base[1]), c(base[2]), 255])
    });
    let px = |v: f64| (v * s).round() as i64;
    let mut rng = Lcg(match side {
        CardSide::Front => 0x1D_CA4D,
        CardSide::Back => 0xBAC_CA4D,
    });
    let ink = [28, 36, 52];
    let label = [96, 110, 128];
    match side {
        CardSide::Front => {
            fill_rect(&mut img, 0, 0, i64::from(width), px(78.0), [22, 92, 140]);
            glyphs(
                &mut img,
                &mut rng,
                px(40.0),
                px(22.0),
                px(34.0),
                24,
                [240, 244, 248],
            );
            if let Some(face) = face_photo() {
                let (pw, ph) = (px(250.0).max(8) as u32, px(300.0).max(8) as u32);
                let photo =
                    image::imageops::resize(&face, pw, ph, image::imageops::FilterType::Triangle);
                let (ox, oy) = (px(40.0), px(118.0));
                for (x, y, p) in photo.enumerate_pixels() {
                    let (tx, ty) = (ox + i64::from(x), oy + i64::from(y));
                    if tx < i64::from(width) && ty < i64::from(height) {
                        img.put_pixel(tx as u32, ty as u32, Rgba([p.0[0], p.0[1], p.0[2], 255]));
                    }
                }
            }
            let mut y = 120.0;
            for _ in 0..6 {
                glyphs(&mut img, &mut rng, px(330.0), px(y), px(16.0), 14, label);
                let count = 16 + rng.below(8);
                glyphs(
                    &mut img,
                    &mut rng,
                    px(330.0),
                    px(y + 24.0),
                    px(28.0),
                    count,
                    ink,
                );
                y += 70.0;
            }
        }
        CardSide::Back => {
            let mut x = 40.0;
            while x < 600.0 {
                let bar = 2.0 + f64::from(rng.below(5)) * 2.0;
                fill_rect(&mut img, px(x), px(40.0), px(bar).max(1), px(90.0), ink);
                x += bar + 2.0 + f64::from(rng.below(4)) * 2.0;
            }
            let mut y = 160.0;
            for _ in 0..4 {
                glyphs(&mut img, &mut rng, px(40.0), px(y), px(14.0), 18, label);
                glyphs(
                    &mut img,
                    &mut rng,
                    px(40.0),
                    px(y + 20.0),
                    px(24.0),
                    26,
                    ink,
                );
                y += 56.0;
            }
            fill_rect(
                &mut img,
                0,
                px(440.0),
                i64::from(width),
                px(190.0),
                [246, 246, 240],
            );
            for row in 0..3 {
                glyphs(
                    &mut img,
                    &mut rng,
                    px(40.0),
                    px(460.0 + f64::from(row) * 52.0),
                    px(34.0),
                    30,
                    [10, 10, 10],
                );
            }
        }
    }
    img
}
