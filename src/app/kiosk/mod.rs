//! ЦОН kiosk mode: a touch-screen wizard that leaves nothing of a visitor behind. An on-screen
//! keypad beside every step with a text field; an idle clock that asks "Are you still here?"
//! and then resets everything; a reset after success and after cancel; an anonymous counter;
//! and the operator panel behind a hashed operator code, the only way out.
//!
//! Every task a step starts is tagged with the visit it belongs to, so an answer that arrives
//! after a reset (a slow service reply, a camera frame) is dropped instead of landing in the
//! next visitor's wizard.

pub mod fields;
pub mod keypad;
pub mod operator;
mod panel;
mod view;

use std::time::{Instant, SystemTime};

use iced::{Subscription, Task};
use qoltanba_core::kiosk::lockout::{self, Lockout};
use qoltanba_core::kiosk::{code, counters, idle};

use crate::app::step::Step;
use crate::app::{App, Message as AppMessage};
use crate::config::Config;

use crate::app::screen::fields::Field;
use counters::{Counters, Outcome};
use keypad::{Key, Layout};
use operator::{Access, Panel, SignIn};

/// Exit status when the kiosk cannot start as configured (EX_CONFIG): a supervisor should not
/// restart it (see packaging/).
pub const EXIT_CONFIG: u8 = 78;

/// What the kiosk keeps besides the wizard. Survives every reset; holds nothing of a visitor.
#[derive(Debug)]
pub struct Kiosk {
    pub idle: idle::Idle,
    /// "Are you still here?": seconds left, while the question is shown.
    pub warning: Option<u64>,
    /// The visitor pressed Cancel: "Start again?" is shown.
    pub confirm_cancel: bool,
    pub counters: Counters,
    /// A visitor's run is under way (it is counted when it ends).
    pub visit: bool,
    /// Which field the keypad types into (when the step has more than one).
    pub field: Option<Field>,
    pub shift: bool,
    pub operator: Option<Access>,
    /// Wrong operator codes and the lockouts they caused; kept when the sign-in closes and,
    /// in `kiosk-lockout.toml`, across restarts.
    pub lockout: Lockout,
    /// The wall-clock time of the last tick (the lockout is kept in wall-clock time, so a
    /// restart does not end it; the ticks are what the kiosk's clock says).
    pub wall: SystemTime,
    /// Bumped by every reset; tasks of an earlier visit are dropped.
    pub generation: u64,
    /// How much larger than on a desktop everything is drawn (finger-sized on big screens).
    pub scale: f32,
    /// The camera the operator set up: a visitor's pick lasts for the visit only.
    pub camera: crate::config::CameraChoice,
}

/// The wizard is laid out for about 800 points of height; a taller kiosk screen draws it
/// larger, up to 1.6 times, so every target stays finger-sized at arm's length.
pub fn scale_for(screen: iced::Size) -> f32 {
    (screen.height / 800.0).clamp(1.0, 1.6)
}

impl Kiosk {
    /// Wall-clock now, as far as the kiosk's ticks have seen.
    pub fn now(&self) -> SystemTime {
        self.wall.max(SystemTime::now())
    }

    /// Whether the operator panel (not just its sign-in) is open.
    pub fn panel_open(&self) -> bool {
        matches!(self.operator, Some(Access::Panel(_)))
    }

    /// Reads the counter (a tiny file, like the progress file in desktop mode).
    pub fn new(config: &Config) -> Self {
        Kiosk {
            idle: idle::Idle::new(config.idle_timeout),
            warning: None,
            confirm_cancel: false,
            counters: counters::load(&config.data_dir),
            visit: false,
            field: None,
            shift: false,
            operator: None,
            lockout: lockout::load(&config.data_dir),
            wall: SystemTime::now(),
            generation: 0,
            scale: 1.0,
            camera: config.camera.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Message {
    /// A touch, click or key press anywhere.
    Activity,
    Tick(Instant),
    /// "I am still here" on the idle question.
    StillHere,
    Cancel,
    CancelConfirmed,
    CancelDismissed,
    Key(Key),
    FieldPicked(Field),
    Operator(operator::Message),
    /// The window is open: it is made to cover the whole screen.
    WindowOpened(iced::window::Id),
    /// The size of the screen the kiosk covers.
    Screen(iced::Size),
}

/// Touches, clicks and key presses, wherever they land, keep the visit alive.
pub fn activity() -> Subscription<AppMessage> {
    iced::event::listen_with(|event, _status, _window| {
        use iced::{Event, keyboard, mouse, touch};
        match event {
            Event::Mouse(mouse::Event::ButtonPressed(_))
            | Event::Touch(touch::Event::FingerPressed { .. })
            | Event::Keyboard(keyboard::Event::KeyPressed { .. }) => {
                Some(AppMessage::Kiosk(Message::Activity))
            }
            _ => None,
        }
    })
}

/// The window's opening, so it can be made to cover the screen.
pub fn window_opened() -> Subscription<AppMessage> {
    iced::window::open_events().map(|id| AppMessage::Kiosk(Message::WindowOpened(id)))
}

/// Covers the whole monitor. Fullscreen is asked for when the window opens, but a bare X
/// session (a kiosk without a window manager) ignores that request; moving and resizing the
/// window works everywhere.
fn cover_screen(id: iced::window::Id) -> Task<AppMessage> {
    iced::window::monitor_size(id).then(move |size| match size {
        Some(size) => Task::batch([
            iced::window::move_to(id, iced::Point::ORIGIN),
            iced::window::resize(id, size),
            Task::done(AppMessage::Kiosk(Message::Screen(size))),
        ]),
        None => Task::none(),
    })
}

pub fn ticks() -> Subscription<AppMessage> {
    iced::time::every(std::time::Duration::from_secs(1))
        .map(|now| AppMessage::Kiosk(Message::Tick(now)))
}

impl App {
    /// The field the keypad types into now, if the step has one.
    pub(crate) fn keypad_field(&self) -> Option<Field> {
        let fields = self.keypad_fields();
        let chosen = self.kiosk.as_ref().and_then(|k| k.field);
        chosen
            .filter(|f| fields.contains(f))
            .or_else(|| fields.first().copied())
    }

    /// Tags a step's task with the current visit (kiosk only).
    pub(super) fn tag(&self, task: Task<AppMessage>) -> Task<AppMessage> {
        match &self.kiosk {
            Some(kiosk) => {
                let generation = kiosk.generation;
                task.map(move |message| AppMessage::Visit(generation, Box::new(message)))
            }
            None => task,
        }
    }

    /// Whether a tagged message belongs to the visit under way.
    pub(super) fn is_current(&self, generation: u64) -> bool {
        self.kiosk
            .as_ref()
            .is_none_or(|k| k.generation == generation)
    }

    /// A step was entered: leaving the first screen for an application starts a visit.
    pub(super) fn kiosk_entered(&mut self, step: Step) {
        if let Some(kiosk) = &mut self.kiosk {
            kiosk.field = None;
            if !matches!(step, Step::Welcome | Step::Status) {
                kiosk.visit = true;
            }
        }
    }

    pub(super) fn on_kiosk(&mut self, message: Message) -> Task<AppMessage> {
        let Some(kiosk) = &mut self.kiosk else {
            return Task::none();
        };
        match message {
            Message::Activity => {
                kiosk.idle.touch(Instant::now());
                kiosk.warning = None;
            }
            Message::Tick(now) => return self.kiosk_tick(now),
            Message::StillHere => {
                kiosk.idle.touch(Instant::now());
                kiosk.warning = None;
            }
            Message::Cancel => kiosk.confirm_cancel = true,
            Message::CancelDismissed => kiosk.confirm_cancel = false,
            Message::CancelConfirmed => return self.reset_visit(Outcome::Abandoned),
            Message::FieldPicked(field) => {
                kiosk.field = Some(field);
                return iced::widget::operation::focus(field.widget_id());
            }
            Message::Key(key) => return self.keypad_key(key),
            Message::Operator(message) => return self.on_operator(message),
            Message::WindowOpened(id) => return cover_screen(id),
            Message::Screen(size) => kiosk.scale = scale_for(size),
        }
        Task::none()
    }

    fn keypad_key(&mut self, key: Key) -> Task<AppMessage> {
        let Some(field) = self.keypad_field() else {
            return Task::none();
        };
        let Some(kiosk) = &mut self.kiosk else {
            return Task::none();
        };
        if key == Key::Shift {
            kiosk.shift = !kiosk.shift;
            return Task::none();
        }
        let shift = kiosk.shift && field.layout() == Layout::Latin;
        let value = keypad::apply(self.field_text(field), key, shift);
        self.handle(field.message(value.as_str().to_owned()))
    }

    fn kiosk_tick(&mut self, now: Instant) -> Task<AppMessage> {
        // Waiting for the service, recording, or polling for the certificates.
        let busy = self.shared.service.waiting
            || self.steps.video.recording
            || (self.step == Step::Install && self.steps.install.polls());
        let at_start = self.step == Step::Welcome;
        let Some(kiosk) = &mut self.kiosk else {
            return Task::none();
        };
        kiosk.wall = SystemTime::now() + now.saturating_duration_since(Instant::now());
        if busy {
            // A visitor waiting for the service or recording is not idle.
            kiosk.idle.touch(now);
        }
        let quiet = at_start && !kiosk.visit && kiosk.operator.is_none();
        match kiosk.idle.phase(now) {
            idle::Phase::Active => kiosk.warning = None,
            // Nothing to ask on an untouched first screen.
            idle::Phase::Warning(_) if quiet => kiosk.warning = None,
            idle::Phase::Warning(seconds) => kiosk.warning = Some(seconds),
            idle::Phase::Expired => {
                if quiet && self.shared.lang == self.shared.config.language {
                    if let Some(kiosk) = &mut self.kiosk {
                        kiosk.idle.touch(now);
                    }
                    return Task::none();
                }
                let outcome = if self.step == Step::Done {
                    Outcome::Completed
                } else {
                    Outcome::Abandoned
                };
                return self.reset_visit(outcome);
            }
        }
        Task::none()
    }

    /// Wipes the visitor: every step's state (secrets zeroized as they drop), captured images
    /// and video, the service session, the camera, and the device session (logged out on a
    /// worker thread); counts the run if one was under way; shows the first screen in the
    /// kiosk's default language.
    pub(super) fn reset_visit(&mut self, outcome: Outcome) -> Task<AppMessage> {
        let Some(mut kiosk) = self.kiosk.take() else {
            return Task::none();
        };
        let counted = kiosk.visit;
        if counted {
            kiosk.counters.record(outcome);
        }
        kiosk.visit = false;
        kiosk.warning = None;
        kiosk.confirm_cancel = false;
        kiosk.field = None;
        kiosk.shift = false;
        kiosk.operator = None;
        kiosk.generation = kiosk.generation.wrapping_add(1);
        kiosk.idle.touch(Instant::now());
        // A demo kiosk on the embedded sandbox: the sandbox forgets the visitor too (its
        // records, SMS and the selfie, video and card photos in its data folder).
        let forget = match (
            self.shared.config.demo_sandbox && self.shared.service.is_sandbox(),
            self.shared.citizen.iin.clone(),
        ) {
            (true, Some(iin)) => self.shared.service.request(
                move |client| async move { client.sandbox_forget(&iin).await },
                |result| {
                    if let Err(error) = result {
                        eprintln!("qoltanba: the sandbox could not forget the visit: {error}");
                    }
                    AppMessage::Idle
                },
            ),
            _ => Task::none(),
        };
        let device_session = self.shared.devices.session.take();
        let registry = self.shared.devices.registry.clone();
        let connection = self.shared.service.connection.take();
        let mut config = self.shared.config.clone();
        // A camera the visitor picked goes with them.
        config.camera = kiosk.camera.clone();
        let previous = std::mem::replace(self, App::with_kiosk(config, Some(kiosk)));
        self.shared.service.connection = connection;
        self.shared.devices.registry = registry;
        // The camera is released and every secret zeroized as the old state drops.
        drop(previous);
        let logout = match device_session {
            Some(session) => Task::perform(
                async move {
                    let _ = tokio::task::spawn_blocking(move || drop(session)).await;
                },
                |()| AppMessage::Idle,
            ),
            None => Task::none(),
        };
        let save = if counted {
            let dir = self.shared.config.data_dir.clone();
            let counters = self.kiosk.as_ref().map(|k| k.counters).unwrap_or_default();
            crate::app::shared::store_in_background("the kiosk counter", move || {
                counters::save(&dir, &counters)
            })
        } else {
            Task::none()
        };
        Task::batch([logout, save, forget])
    }

    /// The PKCS#11 registry the kiosk keeps across visits (support and tests: a reset must
    /// leave every device logged out).
    pub fn device_registry(&self) -> &qoltanba_core::token::devices::Registry {
        &self.shared.devices.registry
    }

    /// Names of the pieces of visitor data the app holds (tests and support): empty once a
    /// reset has wiped them.
    pub(crate) fn visitor_data(&self) -> Vec<&'static str> {
        let held = [
            ("iin", !self.steps.iin.input().is_empty()),
            ("otp", !self.steps.otp.typed().is_empty()),
            ("phone", !self.steps.phone.typed().is_empty()),
            (
                "session",
                self.shared.service.session.is_some() || self.shared.service.session_id.is_some(),
            ),
            ("selfie", !self.steps.selfie.upload.is_empty()),
            ("video", !self.steps.video.upload.is_empty()),
            ("account pin", self.steps.pin.typed() != ("", "")),
            (
                "document",
                !self.steps.document.front.is_empty() || !self.steps.document.back.is_empty(),
            ),
            ("recognised data", self.shared.citizen.recognised.is_some()),
            ("verification", self.steps.verification.outcome.is_some()),
            ("e-mail", !self.steps.agreement.typed_email().is_empty()),
            (
                "device pin",
                self.steps.storage.device.typed() != ["", "", ""],
            ),
            ("device session", self.shared.devices.session.is_some()),
            (
                "device keys",
                self.shared.devices.prepared.is_some()
                    || self.shared.devices.pending.is_some()
                    || self.shared.devices.installed.is_some(),
            ),
            ("key password", self.steps.password.typed() != ("", "")),
            ("application", self.shared.application.number.is_some()),
            ("installed", self.shared.application.installed.is_some()),
            (
                "camera",
                self.shared.camera.engine.is_some() || self.shared.camera.view.is_some(),
            ),
            ("sms inbox", !self.shared.service.inbox.is_empty()),
            (
                "status",
                !self.steps.status.typed().is_empty() || self.steps.status.answer.is_some(),
            ),
            ("progress", !self.shared.progress.is_empty()),
        ];
        held.into_iter()
            .filter_map(|(name, held)| held.then_some(name))
            .collect()
    }

    fn on_operator(&mut self, message: operator::Message) -> Task<AppMessage> {
        use operator::Message as Op;
        let lang = self.shared.lang;
        let Some(kiosk) = &mut self.kiosk else {
            return Task::none();
        };
        match message {
            Op::Open => {
                kiosk.operator = Some(Access::SignIn(SignIn::default()));
                return iced::widget::operation::focus(operator::CODE_ID);
            }
            Op::Close => kiosk.operator = None,
            Op::CodeKey(key) => {
                if let Some(Access::SignIn(sign_in)) = &mut kiosk.operator {
                    let next = keypad::apply(&sign_in.code, key, false);
                    sign_in.code =
                        zeroize::Zeroizing::new(next.chars().take(code::MAX_DIGITS).collect());
                    sign_in.refused = false;
                }
            }
            Op::CodeChanged(value) => {
                if let Some(Access::SignIn(sign_in)) = &mut kiosk.operator {
                    let value = zeroize::Zeroizing::new(value);
                    sign_in.code =
                        zeroize::Zeroizing::new(value.chars().take(code::MAX_DIGITS).collect());
                    sign_in.refused = false;
                }
            }
            Op::SubmitCode => {
                let locked = kiosk.lockout.is_locked(kiosk.now());
                let Some(Access::SignIn(sign_in)) = &mut kiosk.operator else {
                    return Task::none();
                };
                if sign_in.checking || locked || sign_in.code.is_empty() {
                    return Task::none();
                }
                let Some(stored) = self.shared.config.operator_code.clone() else {
                    // Not reachable: a kiosk without a code does not start.
                    sign_in.refused = true;
                    return Task::none();
                };
                sign_in.checking = true;
                let typed = std::mem::take(&mut sign_in.code);
                return Task::perform(
                    async move {
                        tokio::task::spawn_blocking(move || stored.verify(&typed))
                            .await
                            .unwrap_or(false)
                    },
                    |ok| AppMessage::Kiosk(Message::Operator(Op::CodeChecked(ok))),
                );
            }
            Op::CodeChecked(ok) => {
                let dir = self.shared.config.data_dir.clone();
                if ok {
                    let forgiven = kiosk.lockout != Lockout::default();
                    kiosk.lockout.right_code();
                    let mut panel = Panel::new(&self.shared.config, lang);
                    panel.language = self.shared.config.language;
                    kiosk.operator = Some(Access::Panel(Box::new(panel)));
                    let store = forgiven.then(|| save_lockout(dir, Lockout::default()));
                    return Task::batch([list_cameras(), store.unwrap_or_else(Task::none)]);
                }
                let now = kiosk.now();
                kiosk.lockout.wrong_code(now);
                if let Some(Access::SignIn(sign_in)) = &mut kiosk.operator {
                    sign_in.checking = false;
                    sign_in.refused = true;
                }
                return save_lockout(dir, kiosk.lockout);
            }
            Op::EndVisit => {
                let task = self.reset_visit(Outcome::Abandoned);
                return task;
            }
            Op::Exit => return iced::exit(),
            other => return self.on_panel(other),
        }
        Task::none()
    }
}

/// Stores the sign-in lockout off the UI thread, so a restart does not forgive it.
fn save_lockout(dir: std::path::PathBuf, lockout: Lockout) -> Task<AppMessage> {
    crate::app::shared::store_in_background("the sign-in lockout", move || {
        lockout::save(&dir, &lockout)
    })
}

/// Lists the cameras off the UI thread (a device query can block).
fn list_cameras() -> Task<AppMessage> {
    Task::perform(
        async move {
            tokio::task::spawn_blocking(|| {
                crate::app::cameras::options(&qoltanba_camera::list_devices().unwrap_or_default())
            })
            .await
            .unwrap_or_default()
        },
        |cameras| AppMessage::Kiosk(Message::Operator(operator::Message::CamerasListed(cameras))),
    )
}
