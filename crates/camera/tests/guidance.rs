#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Face guidance on synthetic frames: each situation gets the right hint.

mod common;

use std::time::Duration;

use qoltanba_camera::{
    Guide, GuideRules, Hint, Placement, Scene, SceneBuilder, SelfieCapture, SelfieProgress,
    SelfieSettings, Shot, assess, synthetic::Faults,
};

fn still(shot: Shot) -> Scene {
    SceneBuilder::new("still", 1280, 720, 30, shot)
        .hold(Duration::from_secs(1))
        .once()
}

fn hint_for(shot: Shot) -> Option<Hint> {
    let frame = still(shot).render(Duration::ZERO, 0);
    assess(&frame, &GuideRules::default()).unwrap().hint
}

#[test]
fn a_centred_face_passes_every_rule() {
    let frame = still(Shot::face(Placement::CENTRE)).render(Duration::ZERO, 0);
    let assessment = assess(&frame, &GuideRules::default()).unwrap();
    assert_eq!(assessment.hint, None, "{assessment:?}");
    assert_eq!(assessment.faces.len(), 1);
    // The detector finds the face where the scene put it.
    let (cx, cy) = assessment.faces[0].centre();
    assert!(
        (cx - 0.5).abs() < 0.03 && (cy - 0.45).abs() < 0.04,
        "{cx}, {cy}"
    );
    let size = assessment.face_size().unwrap();
    assert!((size - Placement::CENTRE.size).abs() < 0.05, "{size}");
}

#[test]
fn an_off_centre_face_is_asked_to_centre() {
    assert_eq!(
        hint_for(Shot::face(Placement::new(0.25, 0.45, 0.34))),
        Some(Hint::Centre)
    );
    assert_eq!(
        hint_for(Shot::face(Placement::new(0.75, 0.45, 0.34))),
        Some(Hint::Centre)
    );
    assert_eq!(
        hint_for(Shot::face(Placement::new(0.5, 0.68, 0.34))),
        Some(Hint::Centre)
    );
}

#[test]
fn a_tiny_face_is_asked_to_come_closer_and_a_huge_one_to_move_back() {
    assert_eq!(
        hint_for(Shot::face(Placement::new(0.5, 0.45, 0.16))),
        Some(Hint::MoveCloser)
    );
    assert_eq!(
        hint_for(Shot::face(Placement::new(0.5, 0.47, 0.72))),
        Some(Hint::MoveBack)
    );
}

#[test]
fn nobody_two_people_darkness_glare_and_blur() {
    assert_eq!(hint_for(Shot::empty()), Some(Hint::NoFace));
    assert_eq!(
        hint_for(Shot::faces(vec![
            Placement::new(0.3, 0.45, 0.3),
            Placement::new(0.72, 0.5, 0.28)
        ])),
        Some(Hint::MoreThanOne)
    );
    assert_eq!(
        hint_for(Shot::face(Placement::CENTRE).with_exposure(0.2)),
        Some(Hint::TooDark)
    );
    assert_eq!(
        hint_for(Shot::empty().with_exposure(0.1)),
        Some(Hint::TooDark)
    );
    assert_eq!(
        hint_for(Shot::face(Placement::CENTRE).with_exposure(2.6)),
        Some(Hint::TooBright)
    );
    assert_eq!(
        hint_for(Shot::face(Placement::CENTRE).with_blur(3)),
        Some(Hint::Blurry)
    );
}

#[test]
fn a_moving_face_is_asked_to_hold_still() {
    let scene = SceneBuilder::new(
        "moving",
        1280,
        720,
        30,
        Shot::face(Placement::new(0.45, 0.45, 0.34)),
    )
    .glide(
        Duration::from_millis(400),
        Shot::face(Placement::new(0.55, 0.45, 0.34)),
    )
    .hold(Duration::from_millis(800))
    .once();
    let mut guide = Guide::new(GuideRules::default()).unwrap();
    let hints: Vec<_> = common::frames(&scene, Duration::from_millis(1200))
        .step_by(2)
        .map(|f| guide.assess(&f).hint)
        .collect();
    assert!(hints[1..4].contains(&Some(Hint::HoldStill)), "{hints:?}");
    // Once still again for longer than the window, the hint goes away.
    assert_eq!(hints.last(), Some(&None), "{hints:?}");
}

#[test]
fn every_named_scene_exists() {
    for name in [
        "tour",
        "steady",
        "static",
        "empty",
        "denied",
        "busy",
        "unplug",
        "card-front",
        "card-back",
    ] {
        assert!(Scene::by_name(name).is_some(), "{name}");
    }
    assert!(Scene::by_name("nonsense").is_none());
    assert_eq!(Scene::by_name("steady").unwrap().faults, Faults::default());
}

#[test]
fn the_demonstration_tour_shows_every_hint() {
    // At 640×360 and 4 fps to keep the debug-build test short; guidance is the same.
    let mut scene = Scene::tour();
    (scene.width, scene.height) = (640, 360);
    let mut guide = Guide::new(GuideRules::default()).unwrap();
    let mut seen = std::collections::HashSet::new();
    let mut timeline = Vec::new();
    for frame in common::frames_at(&scene, 4, scene.duration()) {
        let hint = guide.assess(&frame).hint;
        if timeline.last().map(|(_, h)| *h) != Some(hint) {
            timeline.push((frame.captured_at().as_millis(), hint));
        }
        seen.insert(hint);
    }
    let all = [
        None,
        Some(Hint::Centre),
        Some(Hint::MoveBack),
        Some(Hint::MoveCloser),
        Some(Hint::NoFace),
        Some(Hint::MoreThanOne),
        Some(Hint::TooDark),
        Some(Hint::TooBright),
        Some(Hint::Blurry),
        Some(Hint::HoldStill),
    ];
    for hint in all {
        assert!(seen.contains(&hint), "{hint:?} missing from {timeline:?}");
    }
    // It opens with a good, steady face (the selfie screen takes its picture there).
    assert_eq!(timeline[0], (0, None), "{timeline:?}");
    assert!(timeline[1].0 >= 3000, "{timeline:?}");
}

#[test]
fn the_oval_says_whether_the_face_is_in_it_whatever_the_light() {
    let rules = GuideRules::default();
    let in_oval = |shot: Shot| {
        let frame = still(shot).render(Duration::ZERO, 0);
        rules.face_in_oval(&assess(&frame, &rules).unwrap())
    };
    assert!(in_oval(Shot::face(Placement::CENTRE)));
    // A dim room is a hint of its own, but the face is where it should be.
    assert!(in_oval(Shot::face(Placement::CENTRE).with_exposure(0.45)));
    assert!(!in_oval(Shot::face(Placement::new(0.25, 0.45, 0.34))));
    assert!(!in_oval(Shot::face(Placement::new(0.5, 0.45, 0.16))));
    assert!(!in_oval(Shot::empty()));
    assert!(!in_oval(Shot::faces(vec![
        Placement::new(0.3, 0.45, 0.3),
        Placement::new(0.72, 0.5, 0.28),
    ])));
}

#[test]
fn the_swaying_scene_stays_in_the_oval_but_is_never_still_and_off_centre_is_not_in_it() {
    let rules = GuideRules::default();
    let mut guide = Guide::new(rules).unwrap();
    let scene = Scene::by_name("sway").unwrap();
    let renderer = scene.renderer();
    let mut selfie = SelfieCapture::new(SelfieSettings::default());
    let mut still = 0;
    for i in 0..45u64 {
        let frame = renderer.render(Duration::from_millis(i * 66), i);
        let assessment = guide.assess(&frame);
        assert!(rules.face_in_oval(&assessment), "frame {i}: {assessment:?}");
        still += usize::from(assessment.hint.is_none());
        let progress = selfie.feed(&frame, &assessment).unwrap();
        assert_ne!(progress, SelfieProgress::Captured, "frame {i}");
    }
    assert!(
        still < 8,
        "mostly asked to hold still: {still} still frames"
    );
    let frame = Scene::by_name("off-centre")
        .unwrap()
        .render(Duration::ZERO, 0);
    let assessment = assess(&frame, &rules).unwrap();
    assert_eq!(assessment.hint, Some(Hint::Centre));
    assert!(!rules.face_in_oval(&assessment));
}
