//! Small, fast pixel operations the guidance and document checks need: grey conversion with
//! box downscaling, area resampling of a region, the variance of the Laplacian, JPEG encoding.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, RgbaImage};

/// An 8-bit single-channel picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grey {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// `width × height` luma bytes, rows top to bottom.
    pub pixels: Vec<u8>,
}

/// BT.601 luma from 8-bit RGB, in fixed point.
#[inline]
pub fn luma(r: u8, g: u8, b: u8) -> u8 {
    ((77 * u32::from(r) + 150 * u32::from(g) + 29 * u32::from(b) + 128) >> 8) as u8
}

/// Grey copy of an RGBA buffer shrunk by an integer `factor` (each output pixel is the mean of a
/// `factor × factor` block; a ragged right or bottom edge is dropped).
pub fn grey_downscaled(rgba: &[u8], width: usize, height: usize, factor: usize) -> Grey {
    let factor = factor.max(1);
    let (out_w, out_h) = (width / factor, height / factor);
    let mut pixels = vec![0u8; out_w * out_h];
    let mut sums = vec![0u32; out_w];
    let area = (factor * factor) as u32;
    for oy in 0..out_h {
        sums.iter_mut().for_each(|s| *s = 0);
        for y in oy * factor..(oy + 1) * factor {
            let row = &rgba[y * width * 4..(y * width + out_w * factor) * 4];
            for (sum, block) in sums.iter_mut().zip(row.chunks_exact(factor * 4)) {
                for px in block.chunks_exact(4) {
                    *sum += u32::from(luma(px[0], px[1], px[2]));
                }
            }
        }
        for (dst, sum) in pixels[oy * out_w..(oy + 1) * out_w].iter_mut().zip(&sums) {
            *dst = ((sum + area / 2) / area) as u8;
        }
    }
    Grey {
        width: out_w,
        height: out_h,
        pixels,
    }
}

/// A rectangle in pixels, clamped to a picture by [`Region::clamp`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: usize,
    /// Width.
    pub width: usize,
    /// Height.
    pub height: usize,
}

impl Region {
    /// The part of this region inside a `width × height` picture; `None` when empty.
    pub fn clamp(self, width: usize, height: usize) -> Option<Region> {
        let x1 = (self.x + self.width).min(width);
        let y1 = (self.y + self.height).min(height);
        (self.x < x1 && self.y < y1).then(|| Region {
            x: self.x,
            y: self.y,
            width: x1 - self.x,
            height: y1 - self.y,
        })
    }
}

/// Grey copy of a region of an RGBA buffer resampled to `out_w × out_h` by area averaging
/// (sub-sampled to at most 4×4 source pixels per output pixel, which is plenty for statistics).
pub fn grey_region(
    rgba: &[u8],
    width: usize,
    height: usize,
    region: Region,
    out_w: usize,
    out_h: usize,
) -> Option<Grey> {
    let region = region.clamp(width, height)?;
    if out_w == 0 || out_h == 0 {
        return None;
    }
    let mut pixels = Vec::with_capacity(out_w * out_h);
    for oy in 0..out_h {
        let y0 = region.y + oy * region.height / out_h;
        let y1 = (region.y + (oy + 1) * region.height / out_h).max(y0 + 1);
        let y_step = ((y1 - y0) / 4).max(1);
        for ox in 0..out_w {
            let x0 = region.x + ox * region.width / out_w;
            let x1 = (region.x + (ox + 1) * region.width / out_w).max(x0 + 1);
            let x_step = ((x1 - x0) / 4).max(1);
            let (mut sum, mut count) = (0u32, 0u32);
            for y in (y0..y1).step_by(y_step) {
                for x in (x0..x1).step_by(x_step) {
                    let i = (y * width + x) * 4;
                    sum += u32::from(luma(rgba[i], rgba[i + 1], rgba[i + 2]));
                    count += 1;
                }
            }
            pixels.push((sum / count.max(1)) as u8);
        }
    }
    Some(Grey {
        width: out_w,
        height: out_h,
        pixels,
    })
}

/// Variance of the 4-neighbour Laplacian over the inside of a grey picture: the classic focus
/// measure (high for crisp edges, near zero for a blurred picture).
pub fn laplacian_variance(grey: &Grey) -> f32 {
    let (w, h) = (grey.width, grey.height);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let p = &grey.pixels;
    let (mut sum, mut sum_sq, mut n) = (0f64, 0f64, 0f64);
    for y in 1..h - 1 {
        for x in 1..w - 1 {
            let c = i32::from(p[y * w + x]);
            let lap = i32::from(p[y * w + x - 1])
                + i32::from(p[y * w + x + 1])
                + i32::from(p[(y - 1) * w + x])
                + i32::from(p[(y + 1) * w + x])
                - 4 * c;
            let lap = f64::from(lap);
            sum += lap;
            sum_sq += lap * lap;
            n += 1.0;
        }
    }
    let mean = sum / n;
    (sum_sq / n - mean * mean) as f32
}

/// Stretches the contrast of a grey picture so that its 1st and 99th percentiles become 0 and
/// 255: a focus measure taken afterwards no longer depends on exposure.
pub fn stretch_contrast(grey: &mut Grey) {
    let mut histogram = [0usize; 256];
    for &p in &grey.pixels {
        histogram[p as usize] += 1;
    }
    let n = grey.pixels.len();
    let cut = n / 100;
    let percentile = |from_top: bool| {
        let mut seen = 0;
        let order: Vec<usize> = if from_top {
            (0..256).rev().collect()
        } else {
            (0..256).collect()
        };
        for v in order {
            seen += histogram[v];
            if seen > cut {
                return v as i32;
            }
        }
        0
    };
    let (low, high) = (percentile(false), percentile(true));
    if high - low < 8 {
        return;
    }
    for p in &mut grey.pixels {
        *p = ((i32::from(*p) - low) * 255 / (high - low)).clamp(0, 255) as u8;
    }
}

/// Mean luma of a grey picture, 0.0 (black) to 1.0 (white).
pub fn mean_luma(grey: &Grey) -> f32 {
    if grey.pixels.is_empty() {
        return 0.0;
    }
    let sum: u64 = grey.pixels.iter().map(|&p| u64::from(p)).sum();
    sum as f32 / grey.pixels.len() as f32 / 255.0
}

/// Area-average downscale (or nearest upscale) of RGBA pixels to `out_w × out_h`.
pub fn resize_rgba(
    rgba: &[u8],
    width: usize,
    height: usize,
    out_w: usize,
    out_h: usize,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(out_w * out_h * 4);
    for oy in 0..out_h {
        let y0 = oy * height / out_h;
        let y1 = ((oy + 1) * height / out_h).max(y0 + 1).min(height);
        for ox in 0..out_w {
            let x0 = ox * width / out_w;
            let x1 = ((ox + 1) * width / out_w).max(x0 + 1).min(width);
            let mut sum = [0u32; 4];
            for y in y0..y1 {
                for px in rgba[(y * width + x0) * 4..(y * width + x1) * 4].chunks_exact(4) {
                    for (s, &v) in sum.iter_mut().zip(px) {
                        *s += u32::from(v);
                    }
                }
            }
            let n = ((y1 - y0) * (x1 - x0)) as u32;
            out.extend(sum.iter().map(|s| ((s + n / 2) / n) as u8));
        }
    }
    out
}

/// Encodes RGBA pixels as a baseline JPEG (alpha dropped) at `quality` (1–100).
pub fn encode_jpeg(
    rgba: &[u8],
    width: u32,
    height: u32,
    quality: u8,
) -> Result<Vec<u8>, image::ImageError> {
    let rgb: Vec<u8> = rgba
        .chunks_exact(4)
        .flat_map(|px| [px[0], px[1], px[2]])
        .collect();
    let mut jpeg = Vec::with_capacity(rgb.len() / 8);
    JpegEncoder::new_with_quality(&mut jpeg, quality.clamp(1, 100)).encode(
        &rgb,
        width,
        height,
        ExtendedColorType::Rgb8,
    )?;
    Ok(jpeg)
}

/// Encodes an [`RgbaImage`] as JPEG; see [`encode_jpeg`].
pub fn encode_image_jpeg(image: &RgbaImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    encode_jpeg(image.as_raw(), image.width(), image.height(), quality)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downscale_averages_blocks() {
        // 4×2 RGBA: left 2×2 block white, right block black.
        let mut rgba = Vec::new();
        for _ in 0..2 {
            rgba.extend_from_slice(&[255, 255, 255, 255, 255, 255, 255, 255]);
            rgba.extend_from_slice(&[0, 0, 0, 255, 0, 0, 0, 255]);
        }
        let grey = grey_downscaled(&rgba, 4, 2, 2);
        assert_eq!((grey.width, grey.height), (2, 1));
        assert_eq!(grey.pixels, vec![255, 0]);
    }

    #[test]
    fn laplacian_variance_is_high_for_edges_and_zero_for_flat() {
        let flat = Grey {
            width: 8,
            height: 8,
            pixels: vec![128; 64],
        };
        assert_eq!(laplacian_variance(&flat), 0.0);
        let checker = Grey {
            width: 8,
            height: 8,
            pixels: (0..64)
                .map(|i| if (i % 8 + i / 8) % 2 == 0 { 0 } else { 255 })
                .collect(),
        };
        assert!(laplacian_variance(&checker) > 10_000.0);
    }

    #[test]
    fn region_is_clamped_and_resampled() {
        let rgba: Vec<u8> = (0..16 * 16)
            .flat_map(|i| {
                let v = if i % 16 < 8 { 0 } else { 200 };
                [v, v, v, 255]
            })
            .collect();
        let region = Region {
            x: 8,
            y: 8,
            width: 100,
            height: 100,
        };
        let grey = grey_region(&rgba, 16, 16, region, 4, 4).unwrap();
        assert!(grey.pixels.iter().all(|&p| p == 200));
        assert!(
            grey_region(
                &rgba,
                16,
                16,
                Region {
                    x: 20,
                    y: 0,
                    width: 4,
                    height: 4
                },
                4,
                4
            )
            .is_none()
        );
    }

    #[test]
    fn contrast_stretch_makes_focus_independent_of_exposure() {
        let pattern = |scale: u32| Grey {
            width: 16,
            height: 16,
            pixels: (0..256u32)
                .map(|i| ((40 + (i * 37 % 160)) * scale / 4) as u8)
                .collect(),
        };
        let (mut bright, mut dark) = (pattern(4), pattern(1));
        assert!(laplacian_variance(&dark) < laplacian_variance(&bright) / 4.0);
        stretch_contrast(&mut bright);
        stretch_contrast(&mut dark);
        let (b, d) = (laplacian_variance(&bright), laplacian_variance(&dark));
        assert!((b - d).abs() < b * 0.1, "{b} vs {d}");
    }

    #[test]
    fn resize_keeps_flat_colour() {
        let rgba = [10u8, 20, 30, 255].repeat(6 * 4);
        let out = resize_rgba(&rgba, 6, 4, 3, 2);
        assert_eq!(out, [10u8, 20, 30, 255].repeat(6));
    }
}
