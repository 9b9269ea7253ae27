//! One module per wizard step, each with its own `State`, `Message`, `update` and `view`.
//! A step that needs its parent (to move on, to another step) returns an [`Event`]; what the
//! root asks a step (may the citizen go on, which field takes the keyboard, does it need the
//! service or the camera, which keypad fields) the step answers through [`Screen`].

pub mod account_pin;
pub mod agreement;
pub mod camera_check;
pub mod check_keys;
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
mod request_key;
pub mod selfie;
pub mod status;
pub mod storage;
pub mod submit;
#[cfg(test)]
mod tests;
pub mod verification;
pub mod video_id;
pub mod welcome;

use iced::{Element, Subscription, Task};

use crate::app::camera::Purpose;
use crate::app::cameras::CameraOption;
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::config::Config;
use fields::Field;

/// The one table of steps: the `Step` it is, its module, and the field of [`Steps`] that
/// holds its state. Everything the root asks or tells a step goes through the code this
/// generates, so adding a step is a module, a `Step` variant and one line here.
macro_rules! steps {
    ($($variant:ident($module:ident) => $field:ident,)*) => {
        /// Each step's own state. It lives as long as the wizard (a kiosk reset makes new
        /// ones), so going back finds what was typed.
        pub struct Steps {
            $(pub(crate) $field: $module::State,)*
        }

        /// A message for one step (its own input and the replies to its own requests).
        #[derive(Debug, Clone)]
        pub enum StepMessage {
            $($variant($module::Message),)*
        }

        impl StepMessage {
            /// The step the message is for.
            pub fn step(&self) -> Step {
                match self {
                    $(StepMessage::$variant(_) => Step::$variant,)*
                }
            }
        }

        impl Steps {
            /// The step's answers to what the root asks.
            pub fn get(&self, step: Step) -> &dyn Screen {
                match step {
                    $(Step::$variant => &self.$field,)*
                }
            }

            pub fn get_mut(&mut self, step: Step) -> &mut dyn Screen {
                match step {
                    $(Step::$variant => &mut self.$field,)*
                }
            }

            pub fn update(
                &mut self,
                message: StepMessage,
                ctx: &mut Shared,
            ) -> (Task<StepMessage>, Option<Event>) {
                match message {
                    $(StepMessage::$variant(message) => {
                        let (task, event) = Behaviour::update(&mut self.$field, message, ctx);
                        (task.map(StepMessage::$variant), event)
                    })*
                }
            }

            pub fn view<'a>(&'a self, step: Step, ctx: &'a Shared) -> Element<'a, StepMessage> {
                match step {
                    $(Step::$variant => Behaviour::view(&self.$field, ctx).map(StepMessage::$variant),)*
                }
            }

            pub fn next(&mut self, step: Step, ctx: &mut Shared) -> (Task<StepMessage>, Option<Event>) {
                match step {
                    $(Step::$variant => {
                        let (task, event) = Behaviour::next(&mut self.$field, ctx);
                        (task.map(StepMessage::$variant), event)
                    })*
                }
            }

            pub fn enter(&mut self, step: Step, ctx: &mut Shared) -> Task<StepMessage> {
                match step {
                    $(Step::$variant => Behaviour::enter(&mut self.$field, ctx).map(StepMessage::$variant),)*
                }
            }

            pub fn retry(&mut self, step: Step, ctx: &mut Shared) -> Task<StepMessage> {
                match step {
                    $(Step::$variant => Behaviour::retry(&mut self.$field, ctx).map(StepMessage::$variant),)*
                }
            }

            pub fn subscription(&self, step: Step, ctx: &Shared) -> Subscription<StepMessage> {
                match step {
                    $(Step::$variant => Behaviour::subscription(&self.$field, ctx).map(StepMessage::$variant),)*
                }
            }
        }
    };
}

steps! {
    Welcome(welcome) => welcome,
    CameraCheck(camera_check) => camera_check,
    Iin(iin) => iin,
    Otp(otp) => otp,
    PhoneRegistration(phone_registration) => phone,
    Selfie(selfie) => selfie,
    VideoId(video_id) => video,
    AccountPin(account_pin) => pin,
    Document(document) => document,
    DocumentReview(document_review) => review,
    Verification(verification) => verification,
    Agreement(agreement) => agreement,
    Storage(storage) => storage,
    KeyPassword(key_password) => password,
    Submit(submit) => submit,
    Install(install) => install,
    Done(done) => done,
    Status(status) => status,
    CheckKeys(check_keys) => check_keys,
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
            check_keys: check_keys::State::default(),
        }
    }
}

/// What a step does with its messages, and with Next, opening, Retry and time. Every step
/// implements it; the defaults say "nothing to do" (Next goes on).
pub trait Behaviour: Screen {
    type Message: Clone + std::fmt::Debug + Send + 'static;

    /// The step's own messages: input, buttons, the replies to its requests.
    fn update(
        &mut self,
        message: Self::Message,
        ctx: &mut Shared,
    ) -> (Task<Self::Message>, Option<Event>);

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Self::Message>;

    /// Next, once `can_continue`: by default the step hands on what it holds and the wizard
    /// goes on; a step that sends something first does that instead.
    fn next(&mut self, ctx: &mut Shared) -> (Task<Self::Message>, Option<Event>) {
        self.leave(ctx);
        (Task::none(), Some(Event::Forward))
    }

    /// Opening the step (and Refresh): what it asks for.
    fn enter(&mut self, _ctx: &mut Shared) -> Task<Self::Message> {
        Task::none()
    }

    /// The failure banner's Retry: the request that failed goes again.
    fn retry(&mut self, _ctx: &mut Shared) -> Task<Self::Message> {
        Task::none()
    }

    /// Timers the step needs while it is shown (polls, scans).
    fn subscription(&self, _ctx: &Shared) -> Subscription<Self::Message> {
        Subscription::none()
    }
}

/// What a step asks of the root, which alone decides where the wizard goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// As if Next was pressed (Enter in a field): the root checks `can_continue` first.
    Next,
    /// Go on along the flow now (the step's Next is done).
    Forward,
    /// Go to this step: a side road, or where the service's answer leads.
    Go(Step),
    /// The citizen picked a language.
    Language(crate::i18n::Language),
    /// The welcome screen's "Continue an application".
    Resume,
    /// The done screen's button: back to the start (a kiosk resets for the next visitor).
    Home,
    /// The citizen picked another camera: it is used at once and remembered in settings.
    PickCamera(CameraOption),
    /// A new identification attempt: the camera starts again with a fresh script.
    StartVideo,
    /// Put the keyboard focus in this field (its widget id).
    Focus(&'static str),
}

/// The questions the root asks whichever step is shown. Every step answers them itself, so
/// the root never matches on the step to learn them.
pub trait Screen {
    /// Whether Next is enabled (the root also holds it back while a request is under way or
    /// the service is not reached yet for a step that needs it).
    fn can_continue(&self, _ctx: &Shared) -> bool {
        false
    }

    /// Whether the navigation bar offers Next (the first screen, the end and the status check
    /// are left through their own buttons).
    fn shows_next(&self) -> bool {
        true
    }

    /// Whether the step shows the sandbox's SMS inbox (the SMS-code step: a person testing
    /// the flow reads the code there); the inbox is read once a second meanwhile.
    fn shows_sandbox_inbox(&self) -> bool {
        false
    }

    /// Whether the step says, when the embedded sandbox answers, that no real keys are issued
    /// (the first screen does).
    fn explains_sandbox(&self) -> bool {
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

    /// The left and right arrow keys outside a text field (side-by-side choices); where a
    /// step has none, they move like up and down.
    fn side(&mut self, right: bool) {
        self.arrow(!right);
    }

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
    center(text(label).size(theme::TEXT_SIZE).color(theme::muted()))
        .height(height)
        .style(|_| iced::widget::container::Style {
            background: Some(iced::Background::Color(iced::color!(0xe6ebf2))),
            border: iced::Border {
                color: theme::border(),
                width: 1.5,
                radius: 12.0.into(),
            },
            ..iced::widget::container::Style::default()
        })
        .into()
}
