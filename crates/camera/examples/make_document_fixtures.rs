//! Writes the ID-card test fixtures in `tests/fixtures/` from the made-up card of the
//! synthetic camera: a sharp front, the same blurred (Gaussian, σ = 2.5 px), and the sharp
//! front stored sideways with an EXIF orientation tag (6: rotate 90° clockwise to view).
//!
//! `cargo run -p qoltanba-camera --example make_document_fixtures`

use std::path::Path;

use image::codecs::jpeg::JpegEncoder;
use image::{ImageEncoder, RgbaImage};
use qoltanba_camera::document::CardSide;
use qoltanba_camera::synthetic::id_card;

/// A minimal little-endian TIFF (Exif) block with one IFD entry: Orientation = `value`.
fn exif_orientation(value: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0");
    tiff.extend_from_slice(&8u32.to_le_bytes()); // first IFD right after the header
    tiff.extend_from_slice(&1u16.to_le_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_le_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_le_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_le_bytes()); // count
    tiff.extend_from_slice(&value.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]); // value padding
    tiff.extend_from_slice(&0u32.to_le_bytes()); // no next IFD
    tiff
}

fn save_jpeg(
    path: &Path,
    picture: &RgbaImage,
    exif: Option<Vec<u8>>,
) -> Result<(), Box<dyn std::error::Error>> {
    let rgb = image::DynamicImage::ImageRgba8(picture.clone()).to_rgb8();
    let mut bytes = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut bytes, 90);
    if let Some(exif) = exif {
        encoder.set_exif_metadata(exif)?;
    }
    encoder.write_image(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        image::ExtendedColorType::Rgb8,
    )?;
    std::fs::write(path, bytes)?;
    println!("wrote {}", path.display());
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    std::fs::create_dir_all(&dir)?;
    let front = id_card(CardSide::Front, 1200);
    save_jpeg(&dir.join("id_front_sharp.jpg"), &front, None)?;
    save_jpeg(
        &dir.join("id_front_blurred.jpg"),
        &image::imageops::blur(&front, 2.5),
        None,
    )?;
    // Stored turned 90° anticlockwise; orientation 6 tells viewers to turn it back clockwise.
    let sideways = image::imageops::rotate270(&front);
    save_jpeg(
        &dir.join("id_front_exif_rotated.jpg"),
        &sideways,
        Some(exif_orientation(6)),
    )?;
    Ok(())
}
