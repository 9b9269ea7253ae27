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
use crate::config::Config;
use fields::Field;

/// Each step's own state. It lives as long as the wizard (a kiosk reset makes new ones), so
/// going back finds what was typed.
pub struct Steps {
    pub(crate) welcome: welcome::State,
    pub(crate) camera_check: camera_check::State,
    pub(crate) iin: iin::State,
    pub(crate) otp: otp::State,
    pub(crate) phone: phone_registration::State,
    pub(crate) selfie: selfie::State,
    pub(crate) video: video_id::State,
    pub(crate) pin: account_pin::State,
    pub(crate) document: document::State,
    pub(crate) review: document_review::State,
    pub(crate) verification: verification::State,
    pub(crate) agreement: agreement::State,
    pub(crate) storage: storage::State,
    pub(crate) password: key_password::State,
    pub(crate) submit: submit::State,
    pub(crate) install: install::State,
    pub(crate) done: done::State,
    pub(crate) status: status::State,
}

impl Steps {
    /// Fresh steps; `resume_available`: the welcome screen offers to continue.
    pub fn new(config: &Config, resume_available: bool) -> Self {
        let mut welcome = welcome::State::default();
        welcome.resume_available = resume_available;
        welcome.kiosk = config.kiosk;
        let mut document = document::State::with_camera(config.screen_card);
        document.kiosk = config.kiosk;
        Steps {
            storage: storage::State::new(config.kiosk),
            welcome,
            camera_check: camera_check::State,
            iin: iin::State::default(),
            otp: otp::State::default(),
            phone: phone_registration::State::default(),
            selfie: selfie::State::default(),
            video: video_id::State::default(),
            pin: account_pin::State::default(),
            document,
            review: document_review::State::default(),
            verification: verification::State::default(),
            agreement: agreement::State::default(),
            password: key_password::State::default(),
            submit: submit::State::default(),
            install: install::State::default(),
            done: done::State,
            status: status::State::default(),
        }
    }

    /// The step's answers to what the root asks (see [`screen::Screen`]).
    pub fn get(&self, step: Step) -> &dyn Screen {
        match step {
            Step::Welcome => &self.welcome,
            Step::CameraCheck => &self.camera_check,
            Step::Iin => &self.iin,
            Step::Otp => &self.otp,
            Step::PhoneRegistration => &self.phone,
            Step::Selfie => &self.selfie,
            Step::VideoId => &self.video,
            Step::AccountPin => &self.pin,
            Step::Document => &self.document,
            Step::DocumentReview => &self.review,
            Step::Verification => &self.verification,
            Step::Agreement => &self.agreement,
            Step::Storage => &self.storage,
            Step::KeyPassword => &self.password,
            Step::Submit => &self.submit,
            Step::Install => &self.install,
            Step::Done => &self.done,
            Step::Status => &self.status,
        }
    }

    pub fn get_mut(&mut self, step: Step) -> &mut dyn Screen {
        match step {
            Step::Welcome => &mut self.welcome,
            Step::CameraCheck => &mut self.camera_check,
            Step::Iin => &mut self.iin,
            Step::Otp => &mut self.otp,
            Step::PhoneRegistration => &mut self.phone,
            Step::Selfie => &mut self.selfie,
            Step::VideoId => &mut self.video,
            Step::AccountPin => &mut self.pin,
            Step::Document => &mut self.document,
            Step::DocumentReview => &mut self.review,
            Step::Verification => &mut self.verification,
            Step::Agreement => &mut self.agreement,
            Step::Storage => &mut self.storage,
            Step::KeyPassword => &mut self.password,
            Step::Submit => &mut self.submit,
            Step::Install => &mut self.install,
            Step::Done => &mut self.done,
            Step::Status => &mut self.status,
        }
    }
}

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
