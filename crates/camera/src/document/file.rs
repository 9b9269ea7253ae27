//! A card picture chosen as a file (JPEG/PNG, size limits, EXIF orientation), and the JPEG
//! uploaded.

use std::io::{Cursor, Read};
use std::path::Path;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, RgbaImage};
use thiserror::Error;

use crate::imageops::{encode_image_jpeg, resize_rgba};

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
