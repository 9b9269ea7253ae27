//! ID document capture: the ID-1 card frame for the overlay, sharpness (variance of the
//! Laplacian) and glare checks with hints, loading a JPEG/PNG file with its EXIF orientation,
//! and JPEG encoding for upload.

use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbaImage};
use thiserror::Error;

use crate::frame::Frame;
use crate::imageops::{
    Grey, Region, encode_image_jpeg, grey_region, laplacian_variance, mean_luma, resize_rgba,
    stretch_contrast,
};

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

/// Largest file accepted.
pub const MAX_FILE_BYTES: u64 = 15 * 1024 * 1024;
/// Smallest accepted picture, `(long side, short side)`: enough to read the card.
pub const MIN_RESOLUTION: (u32, u32) = (640, 400);
/// Largest accepted side.
pub const MAX_SIDE: u32 = 12_000;
/// Longest side of the JPEG uploaded.
pub const UPLOAD_MAX_SIDE: u32 = 2000;

/// Why a chosen file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DocumentFileError {
    /// The file cannot be read (missing, no permission); the kind is for the log.
    #[error("the file cannot be read: {0:?}")]
    Unreadable(std::io::ErrorKind),
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("the file has {bytes} bytes; at most {max} are accepted")]
    TooLarge {
        /// The file's size.
        bytes: u64,
        /// The limit.
        max: u64,
    },
    /// Not a JPEG or PNG picture.
    #[error("only JPEG and PNG pictures are accepted")]
    UnsupportedType,
    /// A JPEG or PNG that does not decode.
    #[error("the picture is damaged: {0}")]
    Corrupt(String),
    /// Fewer pixels than [`MIN_RESOLUTION`].
    #[error("the picture is {width}×{height}; it is too small to read")]
    TooSmall {
        /// Width after orientation.
        width: u32,
        /// Height after orientation.
        height: u32,
    },
    /// A side longer than [`MAX_SIDE`].
    #[error("the picture is {width}×{height}; that is too large")]
    TooManyPixels {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
}

/// Loads a card picture chosen by the person: JPEG or PNG only, size and resolution limits,
/// turned upright according to its EXIF orientation.
pub fn load_document_file(path: &Path) -> Result<RgbaImage, DocumentFileError> {
    let file = std::fs::File::open(path).map_err(|e| DocumentFileError::Unreadable(e.kind()))?;
    let bytes = file
        .metadata()
        .map_err(|e| DocumentFileError::Unreadable(e.kind()))?
        .len();
    if bytes > MAX_FILE_BYTES {
        return Err(DocumentFileError::TooLarge {
            bytes,
            max: MAX_FILE_BYTES,
        });
    }
    let mut data = Vec::with_capacity(bytes as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut data)
        .map_err(|e| DocumentFileError::Unreadable(e.kind()))?;
    load_document_bytes(&data)
}

/// [`load_document_file`] for bytes already in memory.
pub fn load_document_bytes(data: &[u8]) -> Result<RgbaImage, DocumentFileError> {
    if data.len() as u64 > MAX_FILE_BYTES {
        return Err(DocumentFileError::TooLarge {
            bytes: data.len() as u64,
            max: MAX_FILE_BYTES,
        });
    }
    let format = match image::guess_format(data) {
        Ok(ImageFormat::Jpeg) => ImageFormat::Jpeg,
        Ok(ImageFormat::Png) => ImageFormat::Png,
        _ => return Err(DocumentFileError::UnsupportedType),
    };
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(|e| decode_error(&e))?;
    let (width, height) = decoder.dimensions();
    if width > MAX_SIDE || height > MAX_SIDE {
        return Err(DocumentFileError::TooManyPixels { width, height });
    }
    // A broken orientation tag is ignored rather than refusing the picture.
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|e| decode_error(&e))?;
    picture.apply_orientation(orientation);
    let picture = picture.to_rgba8();
    let (width, height) = picture.dimensions();
    if width.max(height) < MIN_RESOLUTION.0 || width.min(height) < MIN_RESOLUTION.1 {
        return Err(DocumentFileError::TooSmall { width, height });
    }
    Ok(picture)
}

fn decode_error(error: &image::ImageError) -> DocumentFileError {
    match error {
        image::ImageError::Limits(_) => DocumentFileError::TooManyPixels {
            width: 0,
            height: 0,
        },
        other => DocumentFileError::Corrupt(other.to_string()),
    }
}

/// The picture as the JPEG to upload (`image/jpeg`), scaled down to at most
/// [`UPLOAD_MAX_SIDE`] on its longer side.
pub fn encode_document_jpeg(image: &RgbaImage) -> Result<Vec<u8>, image::ImageError> {
    let (w, h) = image.dimensions();
    let long = w.max(h);
    if long <= UPLOAD_MAX_SIDE {
        return encode_image_jpeg(image, 90);
    }
    let (nw, nh) = (
        (u64::from(w) * u64::from(UPLOAD_MAX_SIDE) / u64::from(long)).max(1) as u32,
        (u64::from(h) * u64::from(UPLOAD_MAX_SIDE) / u64::from(long)).max(1) as u32,
    );
    let pixels = resize_rgba(
        image.as_raw(),
        w as usize,
        h as usize,
        nw as usize,
        nh as usize,
    );
    let scaled = RgbaImage::from_raw(nw, nh, pixels).unwrap_or_else(|| RgbaImage::new(nw, nh));
    encode_image_jpeg(&scaled, 90)
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

    #[test]
    fn files_of_other_types_or_too_small_are_refused() {
        assert_eq!(
            load_document_bytes(b"GIF89a......"),
            Err(DocumentFileError::UnsupportedType)
        );
        let small = RgbaImage::new(300, 200);
        let mut png = Vec::new();
        DynamicImage::ImageRgba8(small)
            .write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .unwrap();
        assert_eq!(
            load_document_bytes(&png),
            Err(DocumentFileError::TooSmall {
                width: 300,
                height: 200
            })
        );
        let mut truncated = png.clone();
        truncated.truncate(60);
        assert!(matches!(
            load_document_bytes(&truncated),
            Err(DocumentFileError::Corrupt(_))
        ));
    }

    #[test]
    fn big_pictures_are_scaled_for_upload() {
        let picture = RgbaImage::from_pixel(3000, 1900, image::Rgba([90, 120, 200, 255]));
        let jpeg = encode_document_jpeg(&picture).unwrap();
        let decoded = image::load_from_memory(&jpeg).unwrap();
        assert_eq!((decoded.width(), decoded.height()), (2000, 1266));
    }
}
