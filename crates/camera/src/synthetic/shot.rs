//! What the camera sees at one moment: faces, light, blur and an ID card.

use crate::document::CardSide;

/// One face in the scene: where its centre is (fractions of the frame width and height) and how
/// wide it is as a fraction of the frame **height** (so a placement means the same closeness
/// whatever the frame's aspect ratio).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Face centre, fraction of the frame width (0 = left edge of the unmirrored frame).
    pub cx: f32,
    /// Face centre, fraction of the frame height (0 = top).
    pub cy: f32,
    /// Face width as a fraction of the frame height.
    pub size: f32,
}

impl Placement {
    /// A face at `(cx, cy)` with width `size` (see the field docs).
    pub const fn new(cx: f32, cy: f32, size: f32) -> Self {
        Self { cx, cy, size }
    }

    /// The usual good selfie position: centred, a bit above the middle, comfortably large.
    pub const CENTRE: Placement = Placement::new(0.5, 0.45, 0.34);

    fn lerp(a: Placement, b: Placement, t: f32) -> Placement {
        Placement {
            cx: a.cx + (b.cx - a.cx) * t,
            cy: a.cy + (b.cy - a.cy) * t,
            size: a.size + (b.size - a.size) * t,
        }
    }
}

/// What the camera sees at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct Shot {
    /// The faces in view (none, one, or several).
    pub faces: Vec<Placement>,
    /// Exposure multiplier: 1.0 normal, below 0.3 a dark room, above 2 a blown-out picture.
    pub exposure: f32,
    /// Blur radius of the person in sprite pixels (0 = sharp), as when they move quickly or the
    /// lens is out of focus.
    pub blur: u32,
    /// An ID card held up to the camera.
    pub card: Option<CardShot>,
}

/// How [`Scene::card_held_badly`](super::Scene::card_held_badly) holds the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardFault {
    /// In a dark room.
    Dark,
    /// Out of focus.
    Blurred,
    /// Too far away: the card covers about half of the card frame's width.
    Far,
}

/// An ID card in the scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CardShot {
    /// Which side faces the camera.
    pub side: CardSide,
    /// Card centre, fractions of the frame.
    pub cx: f32,
    /// Card centre, fractions of the frame.
    pub cy: f32,
    /// Card width, fraction of the frame width.
    pub width: f32,
    /// Blur radius in frame pixels (0 = sharp).
    pub blur: u32,
}

impl Shot {
    /// One face at `placement`, normal light, sharp.
    pub fn face(placement: Placement) -> Self {
        Self {
            faces: vec![placement],
            exposure: 1.0,
            blur: 0,
            card: None,
        }
    }

    /// An empty room.
    pub fn empty() -> Self {
        Self {
            faces: Vec::new(),
            exposure: 1.0,
            blur: 0,
            card: None,
        }
    }

    /// Several faces.
    pub fn faces(faces: Vec<Placement>) -> Self {
        Self {
            faces,
            exposure: 1.0,
            blur: 0,
            card: None,
        }
    }

    /// The same shot with another exposure.
    pub fn with_exposure(mut self, exposure: f32) -> Self {
        self.exposure = exposure;
        self
    }

    /// An ID card filling most of the card frame, nobody else in view.
    pub fn card(side: CardSide) -> Self {
        Self {
            card: Some(CardShot {
                side,
                cx: 0.5,
                cy: 0.5,
                width: 0.62,
                blur: 0,
            }),
            ..Self::empty()
        }
    }

    /// The same shot with the person blurred.
    pub fn with_blur(mut self, blur: u32) -> Self {
        self.blur = blur;
        self
    }

    pub(super) fn lerp(a: &Shot, b: &Shot, t: f32) -> Shot {
        if a.faces.len() != b.faces.len() {
            return if t < 1.0 { a.clone() } else { b.clone() };
        }
        Shot {
            faces: a
                .faces
                .iter()
                .zip(&b.faces)
                .map(|(&p, &q)| Placement::lerp(p, q, t))
                .collect(),
            exposure: a.exposure + (b.exposure - a.exposure) * t,
            blur: if t < 0.5 { a.blur } else { b.blur },
            card: if t < 1.0 { a.card } else { b.card },
        }
    }
}
