//! The face photograph the synthetic scenes show, and where the face sits in it.

use std::sync::OnceLock;

use image::RgbImage;

static FACE_PNG: &[u8] = include_bytes!("../../assets/synthetic/astronaut_head.png");

/// Where the face sits in the sprite, as fractions of the sprite: centre and width of the part
/// the detector reports (calibrated against the detector by `placements_match_detections`).
pub(super) const FACE_CX: f32 = 0.50;
pub(super) const FACE_CY: f32 = 0.41;
pub(super) const FACE_W: f32 = 0.40;

/// The face photograph, decoded once.
pub(super) fn sprite() -> Option<&'static RgbImage> {
    static SPRITE: OnceLock<Option<RgbImage>> = OnceLock::new();
    SPRITE
        .get_or_init(|| {
            image::load_from_memory_with_format(FACE_PNG, image::ImageFormat::Png)
                .ok()
                .map(|i| i.to_rgb8())
        })
        .as_ref()
}

/// The face photograph as an image (for fixtures such as the ID-card photo).
pub fn face_photo() -> Option<RgbImage> {
    sprite().cloned()
}
