//! Photos the citizen gives the wizard (ID card sides from a file, a captured selfie): read,
//! checked the way the service will check them, and shrunk to a preview. Runs off the UI
//! thread; the screens only see the result.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use iced::widget::image::Handle;
use qoltanba_core::protocol::{MAX_IMAGE_BYTES, MIN_IMAGE_SIZE};

/// Longest side of the on-screen preview, in pixels.
const PREVIEW_SIZE: u32 = 480;

/// A photo ready to upload, with a small preview for the screen.
#[derive(Clone)]
pub struct Photo {
    /// The file's bytes as they will be sent (not re-encoded).
    pub bytes: Arc<Vec<u8>>,
    pub content_type: &'static str,
    pub width: u32,
    pub height: u32,
    pub preview: Handle,
}

impl std::fmt::Debug for Photo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Personal data: a log gets the shape, never the pixels.
        write!(
            f,
            "Photo({}, {}×{}, {} bytes)",
            self.content_type,
            self.width,
            self.height,
            self.bytes.len()
        )
    }
}

/// Why a photo cannot be used; each has its own translated text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("cannot read {path}: {reason}")]
    Unreadable { path: PathBuf, reason: String },
    #[error("the file is {bytes} bytes; at most {MAX_IMAGE_BYTES} are accepted")]
    TooLarge { bytes: u64 },
    #[error("the file is not a JPEG or PNG picture")]
    NotAPicture,
    #[error("the picture is damaged: {0}")]
    Damaged(String),
    #[error("the picture is {width}×{height}; too small to read")]
    TooSmall { width: u32, height: u32 },
    #[error("the picture is {width}×{height}; too large")]
    TooManyPixels { width: u32, height: u32 },
    /// The card cannot be read well enough: blurred, glare, or too dark.
    #[error("the card picture is not good enough: {0:?}")]
    Quality(qoltanba_camera::DocumentHint),
}

/// Reads a photo of the ID card: JPEG or PNG, EXIF orientation honoured, size limits, and the
/// checks a camera capture gets (sharpness, glare, light); re-encoded upright as JPEG for the
/// upload. Blocking: call it from a background task.
pub fn load_document(path: &Path) -> Result<Photo, PhotoError> {
    use qoltanba_camera::DocumentFileError;
    let image = qoltanba_camera::load_document_file(path).map_err(|error| match error {
        DocumentFileError::Unreadable(kind) => PhotoError::Unreadable {
            path: path.to_owned(),
            reason: format!("{kind:?}"),
        },
        DocumentFileError::TooLarge { bytes, .. } => PhotoError::TooLarge { bytes },
        DocumentFileError::UnsupportedType => PhotoError::NotAPicture,
        DocumentFileError::Corrupt(detail) => PhotoError::Damaged(detail),
        DocumentFileError::TooSmall { width, height } => PhotoError::TooSmall { width, height },
        DocumentFileError::TooManyPixels { width, height } => {
            PhotoError::TooManyPixels { width, height }
        }
    })?;
    if let Some(hint) = qoltanba_camera::check_document(&image).hint {
        return Err(PhotoError::Quality(hint));
    }
    let jpeg = qoltanba_camera::encode_document_jpeg(&image)
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    from_bytes(jpeg)
}

/// Reads a photo file. Blocking: call it from a background task.
pub fn load(path: &Path) -> Result<Photo, PhotoError> {
    let unreadable = |e: std::io::Error| PhotoError::Unreadable {
        path: path.to_owned(),
        reason: e.to_string(),
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_IMAGE_BYTES as u64 {
        return Err(PhotoError::TooLarge { bytes: size });
    }
    let bytes = std::fs::read(path).map_err(unreadable)?;
    from_bytes(bytes)
}

/// Checks photo bytes (type, decodability, size) and makes the preview.
pub fn from_bytes(bytes: Vec<u8>) -> Result<Photo, PhotoError> {
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(PhotoError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let (format, content_type) = match image::guess_format(&bytes) {
        Ok(image::ImageFormat::Jpeg) => (image::ImageFormat::Jpeg, "image/jpeg"),
        Ok(image::ImageFormat::Png) => (image::ImageFormat::Png, "image/png"),
        _ => return Err(PhotoError::NotAPicture),
    };
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes.as_slice()), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader
        .decode()
        .map_err(|e| PhotoError::Damaged(e.to_string()))?;
    let (width, height) = (decoded.width(), decoded.height());
    if width.max(height) < MIN_IMAGE_SIZE.0 || width.min(height) < MIN_IMAGE_SIZE.1 {
        return Err(PhotoError::TooSmall { width, height });
    }
    let preview = decoded.thumbnail(PREVIEW_SIZE, PREVIEW_SIZE).into_rgba8();
    let preview = Handle::from_rgba(preview.width(), preview.height(), preview.into_raw());
    Ok(Photo {
        bytes: Arc::new(bytes),
        content_type,
        width,
        height,
        preview,
    })
}

/// Asks for a photo file with the system dialog (the desktop portal on Linux). `None` when the
/// citizen cancels or no dialog can be shown; the screens also take a typed path.
pub async fn pick(title: String) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .add_filter("JPEG, PNG", &["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"])
        .pick_file()
        .await
        .map(|handle| handle.path().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Cursor::new(Vec::new());
        image
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("png");
        out.into_inner()
    }

    #[test]
    fn a_good_png_loads_with_a_small_preview() {
        let photo = from_bytes(png(1000, 640)).expect("photo");
        assert_eq!(photo.content_type, "image/png");
        assert_eq!((photo.width, photo.height), (1000, 640));
        let Handle::Rgba { width, height, .. } = photo.preview else {
            panic!("preview is raw pixels");
        };
        assert_eq!((width, height), (480, 307));
    }

    #[test]
    fn bad_files_are_refused_with_the_reason() {
        assert_eq!(
            from_bytes(b"%PDF-1.7 not a photo".to_vec()).unwrap_err(),
            PhotoError::NotAPicture
        );
        assert_eq!(
            from_bytes(png(200, 100)).unwrap_err(),
            PhotoError::TooSmall {
                width: 200,
                height: 100
            }
        );
        let mut broken = png(800, 600);
        broken.truncate(100);
        assert!(matches!(
            from_bytes(broken).unwrap_err(),
            PhotoError::Damaged(_)
        ));
        assert!(matches!(
            load(Path::new("/nonexistent/front.jpg")).unwrap_err(),
            PhotoError::Unreadable { .. }
        ));
    }
}
