//! The named scenes: the demonstration tour, the test scenes and `--camera synthetic:NAME`.

use crate::challenge::{ChallengeScript, Prompt};
use crate::document::CardSide;
use crate::error::CameraError;

use super::scene::{Scene, SceneBuilder, ms};
use super::shot::{CardFault, Placement, Shot};

impl Scene {
    /// A person sitting still in the middle of the frame, at 1280×720 and 30 fps.
    pub fn steady() -> Scene {
        SceneBuilder::new("steady", 1280, 720, 30, Shot::face(Placement::CENTRE))
            .hold(ms(1000))
            .once()
    }

    /// A photograph held still in front of the camera: the same as [`Scene::steady`] (the
    /// point is that nothing moves, whatever is asked).
    pub fn static_photo() -> Scene {
        let mut scene = Self::steady();
        scene.name = "static photo".into();
        scene
    }

    /// The demonstration loop for `--camera synthetic`: a steady centred face first (long
    /// enough for the selfie to be taken), then every situation the guidance explains: off
    /// centre, too far, too close, nobody, two people, too dark, too bright, blurred.
    pub fn tour() -> Scene {
        let c = Placement::CENTRE;
        SceneBuilder::new("tour", 1280, 720, 30, Shot::face(c))
            .hold(ms(3000))
            .glide(ms(700), Shot::face(Placement::new(0.22, 0.45, 0.34)))
            .hold(ms(1500))
            .glide(ms(1200), Shot::face(Placement::new(0.78, 0.45, 0.34)))
            .hold(ms(1500))
            .glide(ms(700), Shot::face(c))
            .glide(ms(900), Shot::face(Placement::new(0.5, 0.47, 0.72)))
            .hold(ms(1500))
            .glide(ms(1200), Shot::face(Placement::new(0.5, 0.45, 0.12)))
            .hold(ms(1500))
            .cut(Shot::empty())
            .hold(ms(1500))
            .cut(Shot::faces(vec![
                Placement::new(0.3, 0.45, 0.3),
                Placement::new(0.72, 0.5, 0.28),
            ]))
            .hold(ms(1500))
            .cut(Shot::face(c).with_exposure(0.2))
            .hold(ms(1500))
            .cut(Shot::face(c).with_exposure(2.6))
            .hold(ms(1500))
            .cut(Shot::face(c).with_blur(4))
            .hold(ms(1500))
            .cut(Shot::face(c))
            .hold(ms(1000))
            .looping()
    }

    /// A person acting out `script` at 1280×720, 30 fps: centred for a second, then each
    /// movement in turn (over half a second, held 0.7 s, back to the centre), one every two
    /// seconds — what an honest person does when the prompts appear. A turn is acted as the
    /// face moving sideways by a third of its width (see `challenge` for why).
    pub fn performing(script: &ChallengeScript) -> Scene {
        let c = Placement::CENTRE;
        let mut builder =
            SceneBuilder::new("performing", 1280, 720, 30, Shot::face(c)).hold(ms(1000));
        for step in script
            .steps
            .iter()
            .filter(|s| s.prompt != Prompt::LookStraight)
        {
            let moved = match step.prompt {
                // The person's left is the unmirrored frame's right.
                Prompt::TurnLeft => Placement {
                    cx: c.cx + 0.1,
                    ..c
                },
                Prompt::TurnRight => Placement {
                    cx: c.cx - 0.1,
                    ..c
                },
                Prompt::ComeCloser => Placement {
                    size: c.size * 1.35,
                    ..c
                },
                Prompt::MoveBack => Placement {
                    size: c.size * 0.74,
                    ..c
                },
                Prompt::LookStraight => c,
            };
            builder = builder
                .glide(ms(500), Shot::face(moved))
                .hold(ms(700))
                .glide(ms(500), Shot::face(c))
                .hold(ms(300));
        }
        builder.hold(ms(2000)).once()
    }

    /// An ID card held steadily in the card frame, 1280×720 at 30 fps.
    pub fn card(side: CardSide) -> Scene {
        SceneBuilder::new(
            &format!("card {}", side.as_str()),
            1280,
            720,
            30,
            Shot::card(side),
        )
        .hold(ms(1000))
        .once()
    }

    /// A person centred in the oval who keeps swaying a little: the face is where it should
    /// be but never still, so the selfie is never taken (screenshots of the oval).
    pub fn swaying() -> Scene {
        let c = Placement::CENTRE;
        let left = Placement {
            cx: c.cx - 0.04,
            ..c
        };
        let right = Placement {
            cx: c.cx + 0.04,
            ..c
        };
        SceneBuilder::new("sway", 1280, 720, 30, Shot::face(left))
            .glide(ms(400), Shot::face(right))
            .glide(ms(400), Shot::face(left))
            .looping()
    }

    /// A person sitting still to the side of the oval.
    pub fn off_centre() -> Scene {
        SceneBuilder::new(
            "off-centre",
            1280,
            720,
            30,
            Shot::face(Placement::new(0.27, 0.45, 0.34)),
        )
        .hold(ms(1000))
        .once()
    }

    /// The front of the card held badly, for the reasons a card picture is refused: too dark,
    /// out of focus, or too far away to fill the card frame. 1280×720 at 30 fps.
    pub fn card_held_badly(fault: CardFault) -> Scene {
        let mut shot = Shot::card(CardSide::Front);
        let name = match fault {
            CardFault::Dark => {
                shot.exposure = 0.15;
                "card dark"
            }
            CardFault::Blurred => {
                if let Some(card) = shot.card.as_mut() {
                    card.blur = 3;
                }
                "card blurred"
            }
            CardFault::Far => {
                if let Some(card) = shot.card.as_mut() {
                    card.width = 0.42;
                }
                "card far"
            }
        };
        SceneBuilder::new(name, 1280, 720, 30, shot)
            .hold(ms(1000))
            .once()
    }

    /// A scene by name, for `--camera synthetic:NAME`: `tour` (the default), `steady`,
    /// `static`, `empty`, `denied`, `busy`, `unplug`, `card-front`, `card-back`, `card-dark`,
    /// `card-blurred`, `card-far`, `sway`, `off-centre`.
    pub fn by_name(name: &str) -> Option<Scene> {
        Some(match name {
            "" | "tour" => Self::tour(),
            "steady" => Self::steady(),
            "static" => Self::static_photo(),
            "empty" => SceneBuilder::new("empty", 1280, 720, 30, Shot::empty())
                .hold(ms(1000))
                .once(),
            "denied" => Self::tour().failing_with(CameraError::PermissionDenied),
            "busy" => Self::tour().failing_with(CameraError::Busy),
            "unplug" => Self::tour().unplugged(ms(4000), Some(ms(3000))),
            "card-front" => Self::card(CardSide::Front),
            "card-back" => Self::card(CardSide::Back),
            "card-dark" => Self::card_held_badly(CardFault::Dark),
            "card-blurred" => Self::card_held_badly(CardFault::Blurred),
            "card-far" => Self::card_held_badly(CardFault::Far),
            "sway" => Self::swaying(),
            "off-centre" => Self::off_centre(),
            _ => return None,
        })
    }
}
