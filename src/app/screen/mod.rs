//! One module per wizard step, each with its own `State`, `Message`, `update` and `view`.
//! A step that needs its parent (to move on, to another step) returns an [`Event`]; what the
//! root asks a step (may the citizen go on, which field takes the keyboard, does it need the
//! service or the camera, which keypad fields) the step answers through [`Screen`].

pub mod account_pin;
pub mod agreement;
pub mod camera_check;
pub mod devices;
pub mod document;
pub mod document_review;
pub mod done;
pub mod fields;
pub mod iin;
pub mod install;
pub mod key_password;
pub mod live;
pub mod otp;
pub mod phone_registration;
pub mod selfie;
pub mod status;
pub mod storage;
pub mod submit;
#[cfg(test)]
mod tests;
pub mod verification;
pub mod video_id;
pub mod welcome;

use crate::app::camera::Purpose;
use crate::app::cameras::CameraOption;
use crate::app::shared::Shared;
use crate::app::step::Step;
use fields::Field;

/// What a step asks of the root, which alone decides where the wizard goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// Go on along the flow (as Next does).
    Next,
    /// Go to this step: a side road, or where the service's answer leads.
    Go(Step),
    /// The citizen picked another camera: it is used at once and remembered in settings.
    PickCamera(CameraOption),
    /// A new identification attempt: the camera starts again with a fresh script.
    StartVideo,
}

/// The questions the root asks whichever step is shown. Every step answers them itself, so
/// the root never matches on the step to learn them.
pub trait Screen {
    /// Whether Next is enabled (the root also holds it back while a request is under way or
    /// the service is not reached yet for a step that needs it).
    fn can_continue(&self, _ctx: &Shared) -> bool {
        false
    }

    /// The widget id of the field that takes the keyboard when the step opens.
    fn focus(&self) -> Option<&'static str> {
        None
    }

    /// Whether the step's Next sends something to the issuance service.
    fn needs_service(&self) -> bool {
        false
    }

    /// What the camera is for while the step is shown, if it needs the camera.
    fn camera(&self) -> Option<Purpose> {
        None
    }

    /// The fields the kiosk keypad can type into, first one first.
    fn keypad(&self, _ctx: &Shared) -> Vec<Field> {
        Vec::new()
    }

    /// Next leaves the step: what it hands on to the later steps (an e-mail, the key
    /// password). Steps that send a request on Next do it in their own `send` / `next`.
    fn leave(&self, _ctx: &mut Shared) {}

    /// The arrow keys outside a text field (moving between choices).
    fn arrow(&mut self, _up: bool) {}

    /// Space outside a text field: ticks the step's checkbox.
    fn toggle(&mut self) {}
}

/// A step's own text-input field is clamped to this many characters so a pasted essay cannot
/// slow the view down; every rule we check is far shorter.
pub const MAX_INPUT: usize = 64;

/// Keeps what was typed (nothing is lost on bad input) but bounded in length.
pub fn clamp_input(mut value: String) -> String {
    if let Some((cut, _)) = value.char_indices().nth(MAX_INPUT) {
        value.truncate(cut);
    }
    value
}

/// File paths are longer than any rule-checked value; still bounded.
pub const MAX_PATH_INPUT: usize = 1024;

/// Like [`clamp_input`], for a typed file or folder path.
pub fn clamp_path(mut value: String) -> String {
    if let Some((cut, _)) = value.char_indices().nth(MAX_PATH_INPUT) {
        value.truncate(cut);
    }
    value
}

/// A captured-image or placeholder area: the camera engine draws here once connected.
pub fn preview_area<'a, M: 'a>(label: String, height: f32) -> iced::Element<'a, M> {
    use crate::app::theme;
    use iced::widget::{center, text};
    center(text(label).size(theme::TEXT_SIZE).color(theme::MUTED))
        .height(height)
        .style(|_| iced::widget::container::Style {
            background: Some(iced::Background::Color(iced::color!(0xe6ebf2))),
            border: iced::Border {
                color: theme::BORDER,
                width: 1.5,
                radius: 12.0.into(),
            },
            ..iced::widget::container::Style::default()
        })
        .into()
}
