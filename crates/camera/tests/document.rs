#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Document checks on the committed fixtures (made by `examples/make_document_fixtures.rs`)
//! and on the synthetic camera's card scene.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use qoltanba_camera::{
    CARD_FRAME_MARGIN, CardFault, CardFrame, CardSide, DocumentFileError, DocumentHint,
    MIN_CARD_COVERAGE, Scene, card_coverage, check_card_capture, check_document,
    encode_document_jpeg, load_document_file,
};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn a_sharp_card_is_accepted_and_a_blurred_one_rejected() {
    let sharp = load_document_file(&fixture("id_front_sharp.jpg")).unwrap();
    let blurred = load_document_file(&fixture("id_front_blurred.jpg")).unwrap();
    let sharp_check = check_document(&sharp);
    let blurred_check = check_document(&blurred);
    assert_eq!(sharp_check.hint, None, "{sharp_check:?}");
    assert_eq!(
        blurred_check.hint,
        Some(DocumentHint::Blurry),
        "{blurred_check:?}"
    );
    assert!(sharp_check.sharpness > 5.0 * blurred_check.sharpness);
}

#[test]
fn the_exif_orientation_is_honoured() {
    let upright = load_document_file(&fixture("id_front_sharp.jpg")).unwrap();
    let rotated = load_document_file(&fixture("id_front_exif_rotated.jpg")).unwrap();
    // Stored 756 wide and 1200 high, shown 1200 × 756 like the upright one.
    assert_eq!(rotated.dimensions(), upright.dimensions());
    assert!(rotated.width() > rotated.height());
    // Same picture: compare a coarse grid of pixels (JPEG noise allowed).
    let mut differing = 0;
    for y in (10..upright.height()).step_by(40) {
        for x in (10..upright.width()).step_by(40) {
            let (a, b) = (upright.get_pixel(x, y).0, rotated.get_pixel(x, y).0);
            if a.iter().zip(b).take(3).any(|(p, q)| p.abs_diff(q) > 40) {
                differing += 1;
            }
        }
    }
    assert!(differing < 20, "{differing} grid points differ");
    assert_eq!(check_document(&rotated).hint, None);
}

#[test]
fn bad_files_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        load_document_file(&dir.path().join("missing.jpg")),
        Err(DocumentFileError::Unreadable(std::io::ErrorKind::NotFound))
    ));
    let text = dir.path().join("notes.jpg");
    std::fs::write(&text, "not a picture at all").unwrap();
    assert_eq!(
        load_document_file(&text),
        Err(DocumentFileError::UnsupportedType)
    );
    let huge = dir.path().join("huge.png");
    std::fs::write(&huge, vec![0u8; 16 * 1024 * 1024]).unwrap();
    assert!(matches!(
        load_document_file(&huge),
        Err(DocumentFileError::TooLarge { .. })
    ));
}

#[test]
fn the_camera_card_scene_passes_inside_the_card_frame_and_uploads() {
    for side in [CardSide::Front, CardSide::Back] {
        let frame = Scene::card(side).render(Duration::ZERO, 0);
        let card = CardFrame::centred(frame.width(), frame.height(), 0.08).crop(&frame);
        let check = check_document(&card);
        assert_eq!(check.hint, None, "{side:?}: {check:?}");
        let jpeg = encode_document_jpeg(&card).unwrap();
        let (w, h) = common::service_accepts_jpeg(&jpeg).unwrap();
        assert!(w > h);
    }
    // Held out of focus, the same card is rejected.
    let mut scene = Scene::card(CardSide::Front);
    for key in &mut scene.keyframes {
        if let Some(card) = key.shot.card.as_mut() {
            card.blur = 3;
        }
    }
    let frame = scene.render(Duration::ZERO, 0);
    let card = CardFrame::centred(frame.width(), frame.height(), 0.08).crop(&frame);
    assert_eq!(check_document(&card).hint, Some(DocumentHint::Blurry));
}

/// The inside of the card frame of the first frame of `scene`.
fn card_frame_of(scene: &Scene) -> image::RgbaImage {
    let frame = scene.render(Duration::ZERO, 0);
    CardFrame::centred(frame.width(), frame.height(), CARD_FRAME_MARGIN).crop(&frame)
}

#[test]
fn the_camera_check_says_why_a_card_picture_is_refused() {
    for side in [CardSide::Front, CardSide::Back] {
        let check = check_card_capture(&card_frame_of(&Scene::card(side)));
        assert_eq!(check.hint, None, "{side:?}: {check:?}");
    }
    for (fault, hint) in [
        (CardFault::Dark, DocumentHint::TooDark),
        (CardFault::Blurred, DocumentHint::Blurry),
        (CardFault::Far, DocumentHint::NotFilling),
    ] {
        let check = check_card_capture(&card_frame_of(&Scene::card_held_badly(fault)));
        assert_eq!(check.hint, Some(hint), "{fault:?}: {check:?}");
    }
    // Far away, the card covers about half of the frame; the picture is sharp all the same,
    // which the file check alone would accept.
    let far = card_frame_of(&Scene::card_held_badly(CardFault::Far));
    let (across, down) = card_coverage(&far);
    assert!(
        across < MIN_CARD_COVERAGE && down < MIN_CARD_COVERAGE,
        "{across} {down}"
    );
    assert_eq!(check_document(&far).hint, None);
    // A picture that is all card (the sharp fixture) covers it fully.
    let sharp = load_document_file(&fixture("id_front_sharp.jpg")).unwrap();
    let (across, down) = card_coverage(&sharp);
    assert!(across > 0.95 && down > 0.95, "{across} {down}");
    assert_eq!(check_card_capture(&sharp).hint, None);
}
