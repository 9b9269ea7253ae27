//! The checks of a card picture: sharpness (variance of the Laplacian), glare, darkness and
//! how much of the card frame the card fills, with the hint to show.

use image::RgbaImage;

use crate::imageops::{Grey, Region, grey_region, laplacian_variance, mean_luma, stretch_contrast};

/// What to fix before the card picture is usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentHint {
    /// Too dark to read.
    TooDark,
    /// A reflection covers part of the card: tilt it away from the light.
    Glare,
    /// The picture is blurred: hold the card still, let the camera focus.
    Blurry,
    /// The card does not fill the frame drawn over the preview: bring it closer. Only the
    /// camera check ([`check_card_capture`]) says this; a file may show the card on a table.
    NotFilling,
}

impl DocumentHint {
    /// A stable machine name for Fluent ids.
    pub fn key(self) -> &'static str {
        match self {
            Self::TooDark => "too_dark",
            Self::Glare => "glare",
            Self::Blurry => "blurry",
            Self::NotFilling => "not_filling",
        }
    }
}

/// The thresholds of the document checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocumentRules {
    /// The picture is measured at this width (so the sharpness does not depend on resolution).
    pub analysis_width: u32,
    /// Variance of the Laplacian (after contrast stretching) below which it is blurred.
    pub min_sharpness: f32,
    /// Share of blown-out pixels (luma ≥ 250) above which there is glare.
    pub max_glare: f32,
    /// Mean luma (0–1) below which it is too dark.
    pub dark_below: f32,
}

impl Default for DocumentRules {
    fn default() -> Self {
        Self {
            analysis_width: 800,
            min_sharpness: 200.0,
            max_glare: 0.02,
            dark_below: 0.18,
        }
    }
}

/// The result of the document checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DocumentCheck {
    /// Variance of the Laplacian of the grey picture at the analysis width, after contrast
    /// stretching.
    pub sharpness: f32,
    /// Share of blown-out pixels, 0–1.
    pub glare: f32,
    /// Mean luma, 0–1.
    pub brightness: f32,
    /// What to fix, or `None` when the picture is usable.
    pub hint: Option<DocumentHint>,
}

impl DocumentCheck {
    /// Whether the picture passes.
    pub fn ok(&self) -> bool {
        self.hint.is_none()
    }
}

/// Checks a card picture with the default rules.
pub fn check_document(image: &RgbaImage) -> DocumentCheck {
    check_document_with(image, &DocumentRules::default())
}

/// Checks a card picture.
pub fn check_document_with(image: &RgbaImage, rules: &DocumentRules) -> DocumentCheck {
    let (w, h) = (image.width() as usize, image.height() as usize);
    let out_w = (rules.analysis_width as usize).max(16);
    let out_h = (out_w * h / w.max(1)).max(1);
    let region = Region {
        x: 0,
        y: 0,
        width: w,
        height: h,
    };
    let Some(mut grey) = grey_region(image.as_raw(), w, h, region, out_w, out_h) else {
        return DocumentCheck {
            sharpness: 0.0,
            glare: 0.0,
            brightness: 0.0,
            hint: Some(DocumentHint::TooDark),
        };
    };
    let brightness = mean_luma(&grey);
    let glare = blown_out_share(&grey);
    stretch_contrast(&mut grey);
    let sharpness = laplacian_variance(&grey);
    let hint = if brightness < rules.dark_below {
        Some(DocumentHint::TooDark)
    } else if glare > rules.max_glare {
        Some(DocumentHint::Glare)
    } else if sharpness < rules.min_sharpness {
        Some(DocumentHint::Blurry)
    } else {
        None
    };
    DocumentCheck {
        sharpness,
        glare,
        brightness,
        hint,
    }
}

/// Share of the card frame's width and of its height that the card must cover.
pub const MIN_CARD_COVERAGE: f32 = 0.75;

/// Checks the inside of the card frame of a camera picture: [`check_document`], and whether a
/// card fills the frame ([`card_coverage`] at least [`MIN_CARD_COVERAGE`] both ways). The order
/// is too dark › glare › not filling › blurred: a card held far away often looks blurred too,
/// and coming closer is what fixes both.
pub fn check_card_capture(inside: &RgbaImage) -> DocumentCheck {
    let mut check = check_document(inside);
    if matches!(check.hint, None | Some(DocumentHint::Blurry)) {
        let (across, down) = card_coverage(inside);
        if across.min(down) < MIN_CARD_COVERAGE {
            check.hint = Some(DocumentHint::NotFilling);
        }
    }
    check
}

/// How much of the picture the card covers, `(share of the width, share of the height)`.
///
/// A card is full of small detail (print, guilloche lines, photo) and what is behind it usually
/// is not: the detail (mean absolute Laplacian of the contrast-stretched grey picture) is summed
/// per column and per row, smoothed, and the longest run of columns (rows) with at least a
/// twelfth of the detail of the middle ones is the card (a card's plain guilloche areas carry
/// far less detail than its print, a plain wall far less again). A busy background counts as card, so
/// this catches a card held too far in front of a plain wall, not every bad framing.
pub fn card_coverage(image: &RgbaImage) -> (f32, f32) {
    const WIDTH: usize = 400;
    let (w, h) = (image.width() as usize, image.height() as usize);
    let out_h = (WIDTH * h / w.max(1)).max(3);
    let region = Region {
        x: 0,
        y: 0,
        width: w,
        height: h,
    };
    let Some(mut grey) = grey_region(image.as_raw(), w, h, region, WIDTH, out_h) else {
        return (0.0, 0.0);
    };
    stretch_contrast(&mut grey);
    let (gw, gh) = (grey.width, grey.height);
    let mut columns = vec![0f32; gw];
    let mut rows = vec![0f32; gh];
    let p = &grey.pixels;
    for y in 1..gh - 1 {
        for x in 1..gw - 1 {
            let lap = i32::from(p[y * gw + x - 1])
                + i32::from(p[y * gw + x + 1])
                + i32::from(p[(y - 1) * gw + x])
                + i32::from(p[(y + 1) * gw + x])
                - 4 * i32::from(p[y * gw + x]);
            let lap = lap.unsigned_abs() as f32;
            columns[x] += lap;
            rows[y] += lap;
        }
    }
    (covered_share(&columns), covered_share(&rows))
}

/// The longest run of a detail profile above a twelfth of its middle's median, as a share.
fn covered_share(profile: &[f32]) -> f32 {
    let n = profile.len();
    if n < 8 {
        return 0.0;
    }
    // Smooth over 6 % of the length: a gap between text lines is not the card's edge.
    let radius = (n * 3 / 100).max(1);
    let smooth: Vec<f32> = (0..n)
        .map(|i| {
            let (a, b) = (i.saturating_sub(radius), (i + radius + 1).min(n));
            profile[a..b].iter().sum::<f32>() / (b - a) as f32
        })
        .collect();
    let mut middle: Vec<f32> = smooth[n * 3 / 10..n * 7 / 10].to_vec();
    middle.sort_by(f32::total_cmp);
    let median = middle[middle.len() / 2];
    if median <= 0.0 {
        return 0.0;
    }
    let threshold = median / 12.0;
    let (mut best, mut run) = (0usize, 0usize);
    for &v in &smooth {
        run = if v >= threshold { run + 1 } else { 0 };
        best = best.max(run);
    }
    best as f32 / n as f32
}

fn blown_out_share(grey: &Grey) -> f32 {
    if grey.pixels.is_empty() {
        return 0.0;
    }
    grey.pixels.iter().filter(|&&p| p >= 250).count() as f32 / grey.pixels.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glare_and_darkness_are_reported() {
        let mut picture = RgbaImage::from_fn(800, 500, |x, y| {
            let v = if (x / 4 + y / 4) % 2 == 0 { 60 } else { 180 };
            image::Rgba([v, v, v, 255])
        });
        assert_eq!(check_document(&picture).hint, None);
        for y in 100..300 {
            for x in 100..400 {
                picture.put_pixel(x, y, image::Rgba([255, 255, 255, 255]));
            }
        }
        let check = check_document(&picture);
        assert_eq!(check.hint, Some(DocumentHint::Glare));
        assert!(check.glare > 0.1);
        let dark = RgbaImage::from_fn(800, 500, |x, _| image::Rgba([(x % 20) as u8, 0, 0, 255]));
        assert_eq!(check_document(&dark).hint, Some(DocumentHint::TooDark));
    }
}
