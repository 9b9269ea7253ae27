use super::scene::ms;
use super::*;
use crate::frame::Frame;

#[test]
fn the_face_photo_decodes() {
    let face = face_photo().unwrap();
    assert_eq!(face.dimensions(), (240, 280));
}

#[test]
fn scenes_interpolate_and_cut() {
    let scene = SceneBuilder::new("t", 64, 48, 10, Shot::face(Placement::new(0.2, 0.5, 0.3)))
        .glide(ms(1000), Shot::face(Placement::new(0.6, 0.5, 0.3)))
        .cut(Shot::empty())
        .once();
    let mid = scene.shot_at(ms(500));
    assert!((mid.faces[0].cx - 0.4).abs() < 1e-4);
    assert!(scene.shot_at(ms(2000)).faces.is_empty());
    assert_eq!(scene.shot_at(ms(999)).faces.len(), 1);
}

#[test]
fn rendering_is_deterministic_and_sized() {
    let scene = Scene::tour();
    let a = scene.render(ms(1234), 7);
    let b = scene.render(ms(1234), 7);
    assert_eq!(a, b);
    assert_eq!((a.width(), a.height()), (1280, 720));
    assert_eq!(a.captured_at(), ms(1234));
    // The looped scene repeats.
    let again = scene.render(ms(1234) + scene.duration(), 7);
    assert_eq!(again.rgba(), a.rgba());
}

#[test]
fn exposure_darkens_the_picture() {
    let normal = Scene::steady().render(ms(0), 0);
    let mut dark_scene = Scene::steady();
    dark_scene.keyframes[0].shot.exposure = 0.2;
    dark_scene.keyframes[1].shot.exposure = 0.2;
    let dark = dark_scene.render(ms(0), 0);
    let sum = |f: &Frame| f.rgba().iter().map(|&v| u64::from(v)).sum::<u64>();
    assert!(sum(&dark) < sum(&normal) / 2);
}
