#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The guided selfie with the synthetic camera: no capture while the face is off the oval, an
//! automatic capture about a second after it settles, and a JPEG the service accepts.

mod common;

use std::time::Duration;

use qoltanba_camera::{
    Guide, GuideRules, Hint, Placement, SceneBuilder, SelfieCapture, SelfieProgress, Shot,
};

#[test]
fn the_selfie_is_taken_once_the_face_is_steady() {
    let ms = Duration::from_millis;
    let scene = SceneBuilder::new(
        "arrive",
        1280,
        720,
        15,
        Shot::face(Placement::new(0.22, 0.45, 0.34)),
    )
    .hold(ms(1000))
    .glide(ms(500), Shot::face(Placement::CENTRE))
    .hold(ms(3000))
    .once();
    let mut guide = Guide::new(GuideRules::default()).unwrap();
    let mut selfie = SelfieCapture::default();
    let mut hints = Vec::new();
    let mut captured_at = None;
    for frame in common::frames(&scene, ms(4500)) {
        let assessment = guide.assess(&frame);
        hints.push(assessment.hint);
        if selfie.feed(&frame, &assessment).unwrap() == SelfieProgress::Captured {
            captured_at = Some(frame.captured_at());
            break;
        }
    }
    assert_eq!(hints[0], Some(Hint::Centre));
    let captured_at = captured_at.expect("the selfie should have been taken");
    // The face arrives at 1.5 s; the guide needs it still for 0.5 s, then one steady second.
    assert!(
        captured_at >= ms(2500),
        "taken too early, at {captured_at:?}: {hints:?}"
    );
    assert!(
        captured_at <= ms(3300),
        "taken too late, at {captured_at:?}: {hints:?}"
    );
    let taken = selfie.selfie().unwrap();
    assert!(!taken.manual);
    assert!(taken.assessment.ready());
    assert_eq!(common::service_accepts_jpeg(&taken.jpeg), Ok((1280, 720)));

    // Retake starts over: the next frame does not capture at once.
    selfie.retake();
    let frame = scene.render(ms(4000), 999);
    let assessment = guide.assess(&frame);
    assert!(matches!(
        selfie.feed(&frame, &assessment).unwrap(),
        SelfieProgress::Guiding { .. }
    ));
}

#[test]
fn a_face_that_never_settles_is_never_taken() {
    let ms = Duration::from_millis;
    let left = Shot::face(Placement::new(0.42, 0.45, 0.34));
    let right = Shot::face(Placement::new(0.58, 0.45, 0.34));
    let mut builder = SceneBuilder::new("restless", 1280, 720, 15, left.clone());
    for _ in 0..3 {
        builder = builder
            .glide(ms(500), right.clone())
            .glide(ms(500), left.clone());
    }
    let scene = builder.once();
    let mut guide = Guide::new(GuideRules::default()).unwrap();
    let mut selfie = SelfieCapture::default();
    for frame in common::frames(&scene, ms(3000)) {
        let assessment = guide.assess(&frame);
        assert_ne!(
            selfie.feed(&frame, &assessment).unwrap(),
            SelfieProgress::Captured
        );
    }
}
