//! The wizard's root: the current step, each step's state and the parts they share; it routes
//! messages to the steps and decides where the wizard goes. Everything else a step does is
//! the step's own (`screen/`).

pub mod a11y;
pub mod camera;
pub mod cameras;
mod capture;
pub mod dialog;
pub mod display;
pub mod explain;
mod keys;
pub mod kiosk;
mod notices;
pub mod photo;
mod reveal;
pub mod screen;
pub mod service;
pub mod shared;
pub mod snapshot;
pub mod step;
pub mod theme;
pub mod upload;
mod view;
pub mod widget;

use iced::widget::operation;
use iced::{Task, Theme};
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::SmsMessage;
use qoltanba_core::store::progress;

use crate::config::Config;
use crate::i18n::Language;
use screen::{Behaviour, Event, StepMessage, Steps};
use shared::Shared;
use step::Step;

pub use snapshot::Snapshot;
pub use view::application;

pub struct App {
    step: Step,
    /// What the steps share (language, settings, citizen, service, camera, application,
    /// devices, progress).
    shared: Shared,
    steps: Steps,
    /// Kiosk mode's own state (keypad, idle clock, operator panel); `None` on a desktop.
    kiosk: Option<kiosk::Kiosk>,
    /// The element that has the keyboard focus (`keys` keeps the window's tree in step).
    focus: Option<iced::widget::Id>,
    /// An arrow key moved a selection and the focus ring has not followed yet (`keys`).
    follow: bool,
    /// A screen reader's last Click: the element, numbered so the same one can be pressed again.
    press: Option<(u64, iced::widget::Id)>,
}

#[derive(Debug, Clone)]
pub enum Message {
    LanguagePicked(Language),
    CycleLanguage,
    Next,
    Back,
    /// The keyboard focus moved (Tab, a click into a field): the element now focused.
    Focused(Option<iced::widget::Id>),
    Arrow {
        up: bool,
    },
    /// The left and right arrow keys outside a text field (side-by-side choices).
    Side {
        right: bool,
    },
    /// Space outside a text field: ticks the step's checkbox.
    Toggle,
    /// A message for one step: its own input and the replies to its own requests.
    Step(StepMessage),
    /// Text size and high contrast.
    Display(display::Message),
    /// A screen reader's Focus or Click.
    Accessibility(a11y::Request),
    /// Screens with nothing to say yet.
    Idle,
    Connected(Result<service::Connection, service::ConnectError>),
    /// Sandbox only: the SMS inbox, read once a second on the SMS step.
    Inbox(Result<Vec<SmsMessage>, ClientError>),
    /// Time to analyse the camera's newest frame.
    CameraTick,
    CameraAnalysed(Option<camera::Analysis>),
    CameraStarted(camera::Started),
    /// The camera picker: the list, the citizen's pick, the settings written.
    Cameras(cameras::Message),
    /// The failure banner's button: the shown step sends its failed request again.
    Retry,
    /// Ask the service again for what the current step shows (data, status).
    Refresh,
    ReconnectService,
    Tick,
    /// Kiosk mode: keypad, idle clock, cancel, operator panel.
    Kiosk(kiosk::Message),
    /// Kiosk mode: a task's message, tagged with the visit that started the task.
    Visit(u64, Box<Message>),
}

impl App {
    pub fn new(config: Config) -> Self {
        let kiosk = config.kiosk.then(|| kiosk::Kiosk::new(&config));
        Self::with_kiosk(config, kiosk)
    }

    /// Opens on a given step (support and screenshots).
    pub fn at(mut self, step: Step) -> Self {
        self.step = step;
        self.focus = self.steps.get(step).focus().map(iced::widget::Id::new);
        self
    }

    /// As if the machine offered (only) these file dialogs (tests of a bare X session).
    pub fn with_dialogs(mut self, dialogs: dialog::Environment) -> Self {
        self.shared.dialogs = dialogs;
        self
    }

    /// A fresh wizard; kiosk resets keep the kiosk's own state.
    fn with_kiosk(config: Config, kiosk: Option<kiosk::Kiosk>) -> Self {
        let progress = if config.kiosk {
            progress::Progress::default()
        } else {
            progress::load(&config.data_dir).unwrap_or_default()
        };
        let steps = Steps::new(&config, !progress.is_empty());
        App {
            kiosk,
            focus: None,
            follow: false,
            press: None,
            step: Step::Welcome,
            shared: Shared::new(config, progress),
            steps,
        }
    }

    /// Reaches the issuance service (starting the embedded sandbox if none is configured).
    pub fn connect(&self) -> Task<Message> {
        let config = &self.shared.config;
        let (service, data_dir) = (config.service.clone(), config.data_dir.clone());
        Task::perform(
            service::connect(service, data_dir, service::Transport::of(config)),
            Message::Connected,
        )
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let mut message = message;
        while let Message::Visit(generation, inner) = message {
            if !self.is_current(generation) {
                // An answer for a visitor who is gone.
                return Task::none();
            }
            message = *inner;
        }
        let task = self.handle(message);
        self.tag(task)
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        let shared = &mut self.shared;
        match message {
            Message::LanguagePicked(language) => shared.lang = language,
            Message::CycleLanguage => shared.lang = shared.lang.next(),
            Message::Next => return self.next(),
            Message::Back => return self.back(),
            Message::Focused(id) => {
                self.focus = id;
                self.follow = false;
            }
            Message::Arrow { up } => {
                self.steps.get_mut(self.step).arrow(up);
                self.follow = true;
            }
            Message::Side { right } => {
                self.steps.get_mut(self.step).side(right);
                self.follow = true;
            }
            Message::Toggle => self.steps.get_mut(self.step).toggle(),
            Message::Step(message) => return self.on_step(message),
            Message::Kiosk(message) => return self.on_kiosk(message),
            Message::Display(message) => return self.on_display(message),
            Message::Accessibility(a11y::Request::Focus(id)) => self.focus = Some(id),
            Message::Accessibility(a11y::Request::Press(id)) => {
                let number = self.press.as_ref().map_or(0, |(n, _)| n + 1);
                self.press = Some((number, id));
            }
            Message::Visit(_, message) => return self.handle(*message),
            Message::Idle | Message::Inbox(Err(_)) => {}
            Message::Connected(Ok(connection)) => {
                shared.service.connection = Some(connection);
                shared.service.connection_error = None;
            }
            Message::Connected(Err(error)) => shared.service.connection_error = Some(error),
            Message::Inbox(Ok(messages)) => shared.service.inbox = messages,
            Message::Retry => return self.retry(),
            Message::Refresh => return self.enter(self.step),
            Message::ReconnectService => {
                shared.service.connection_error = None;
                return self.connect();
            }
            Message::Tick => return self.on_tick(),
            Message::CameraTick => return self.camera_tick(),
            Message::CameraAnalysed(analysis) => return self.camera_analysed(analysis),
            Message::CameraStarted(started) => return self.camera_started(started),
            Message::Cameras(message) => return self.on_cameras(message),
        }
        Task::none()
    }

    /// A step's message goes to its step; when what the shown step needs of the camera
    /// changed (the card camera opened or closed), the camera follows.
    fn on_step(&mut self, message: StepMessage) -> Task<Message> {
        let from = message.step();
        let wanted = self.steps.get(self.step).camera();
        let (task, event) = self.steps.update(message, &mut self.shared);
        let task = self.then(from, task.map(Message::Step), event);
        if self.steps.get(self.step).camera() == wanted {
            return task;
        }
        Task::batch([task, self.reconcile_camera()])
    }

    /// Whether the current step lets the user move on.
    pub fn can_continue(&self) -> bool {
        let screen = self.steps.get(self.step);
        let service = &self.shared.service;
        if service.waiting || screen.needs_service() && service.connection.is_none() {
            return false;
        }
        screen.can_continue(&self.shared)
    }

    /// What a step asked of the root. A step that is no longer shown (a late answer) moves
    /// nobody.
    fn then(&mut self, from: Step, task: Task<Message>, event: Option<Event>) -> Task<Message> {
        let moved = match event {
            None => Task::none(),
            Some(Event::Language(language)) => {
                self.shared.lang = language;
                Task::none()
            }
            Some(_) if from != self.step => Task::none(),
            Some(Event::Next) => self.next(),
            Some(Event::Forward) => self.forward(),
            Some(Event::Go(step)) => self.go(step),
            Some(Event::Resume) => self.resume(),
            Some(Event::Home) if self.kiosk.is_some() => {
                self.reset_visit(qoltanba_core::kiosk::counters::Outcome::Completed)
            }
            Some(Event::Home) => self.go(Step::Welcome),
            Some(Event::PickCamera(option)) => self.on_cameras(cameras::Message::Picked(option)),
            Some(Event::StartVideo) => self.start_video(),
            Some(Event::Focus(id)) => {
                self.focus = Some(iced::widget::Id::new(id));
                operation::focus(id)
            }
        };
        Task::batch([task, moved])
    }

    /// Retry after a failed request: the shown step sends what failed again.
    fn retry(&mut self) -> Task<Message> {
        let task = self.steps.retry(self.step, &mut self.shared);
        task.map(Message::Step)
    }

    /// Next (the button, Enter): the shown step does its part once it may go on.
    fn next(&mut self) -> Task<Message> {
        if !self.can_continue() {
            return Task::none();
        }
        let (task, event) = self.steps.next(self.step, &mut self.shared);
        self.then(self.step, task.map(Message::Step), event)
    }

    /// On along the flow.
    fn forward(&mut self) -> Task<Message> {
        match self.step.next() {
            // Keys on a device are protected by the device PIN, not a key password.
            Some(Step::KeyPassword) if self.shared.application.on_device() => self.go(Step::Submit),
            Some(step) => self.go(step),
            None => Task::none(),
        }
    }

    fn back(&mut self) -> Task<Message> {
        if let Some(task) = self.back_closes_card_camera() {
            return task;
        }
        if !self.step.can_go_back() {
            return Task::none();
        }
        match self.step.previous() {
            Some(Step::KeyPassword) if self.shared.application.on_device() => {
                self.go(Step::Storage)
            }
            Some(step) => self.go(step),
            None => Task::none(),
        }
    }

    fn go(&mut self, step: Step) -> Task<Message> {
        self.step = step;
        self.kiosk_entered(step);
        self.shared.service.failure = None;
        self.shared.service.waiting = false;
        self.focus = self.steps.get(step).focus().map(iced::widget::Id::new);
        let focus = match self.steps.get(step).focus() {
            Some(id) => operation::focus(id),
            None => Task::none(),
        };
        let camera = self.camera_for(step);
        Task::batch([focus, self.enter(step), camera])
    }

    /// What a step asks for when it opens (and on Refresh).
    fn enter(&mut self, step: Step) -> Task<Message> {
        self.steps.enter(step, &mut self.shared).map(Message::Step)
    }

    /// The welcome screen's "Continue an application": submitted requests go to installing
    /// the certificates; otherwise the citizen logs in again and the service remembers their
    /// Digital ID.
    fn resume(&mut self) -> Task<Message> {
        let progress = &self.shared.progress;
        if progress.application_number.is_some() {
            if let Some(keys) = &progress.device {
                self.shared.devices.pending = Some(keys.clone());
            } else if let Some(folder) = &progress.folder {
                self.steps.install.folder = folder.display().to_string();
            }
            return self.go(Step::Install);
        }
        // Sent, perhaps, but never answered: after the login the same request goes again.
        self.shared.application.unanswered =
            progress.folder.is_some() || (progress.device.is_some() && progress.request.is_some());
        if let Some(iin) = self.shared.progress.iin.clone() {
            _ = self
                .steps
                .iin
                .update(screen::iin::Message::Changed(iin), &mut self.shared);
        }
        self.go(Step::Iin)
    }

    /// Once a second: counts the resend cooldown down and, in the sandbox, reads the inbox.
    fn on_tick(&mut self) -> Task<Message> {
        let service = &mut self.shared.service;
        service.tick();
        if !self.steps.get(self.step).shows_sandbox_inbox() || !service.is_sandbox() {
            return Task::none();
        }
        // Only the messages to this citizen's phone: the inbox holds everyone's codes.
        let Some(session_id) = service.session_id.clone() else {
            return Task::none();
        };
        service.request(
            move |client| async move { client.sandbox_sms_for_session(&session_id).await },
            Message::Inbox,
        )
    }

    pub fn title(&self) -> String {
        crate::t!(self.shared.lang, "app-title")
    }

    pub fn theme(&self) -> Theme {
        theme::set_high_contrast(self.shared.config.high_contrast);
        theme::theme()
    }
}
