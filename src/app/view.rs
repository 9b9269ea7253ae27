//! The root's view (header, notices, the shown step, navigation, kiosk keypad and
//! questions), its subscriptions, and the iced program built from it.

use iced::widget::{column, container, operation, scrollable};
use iced::{Element, Fill, Subscription, Task, Theme, window};

use super::step::Step;
use super::widget::nav::{Nav, nav};
use super::widget::{Banner, banner};
use super::{App, Message, camera, kiosk, service, theme, widget};
use crate::config::{Config, ConfigWarning};
use crate::t;

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        theme::set_high_contrast(self.shared.config.high_contrast);
        let title = crate::t!(self.shared.lang, "app-title");
        super::keys::keys(
            self.window(),
            super::keys::Wanted {
                focus: self.focus.clone(),
                press: self.press.clone(),
                title,
                scale: self.scale_factor(),
                follow: self.follow,
            },
        )
    }

    fn window(&self) -> Element<'_, Message> {
        if let Some(operator) = self.operator_view() {
            return operator;
        }
        let lang = self.shared.lang;
        let warnings = column(self.shared.config.warnings.iter().map(|warning| {
            let text = match warning {
                ConfigWarning::UnreadableSettings { path, reason } => t!(
                    lang,
                    "config-unreadable",
                    path = path.display().to_string(),
                    reason = reason.as_str()
                ),
                ConfigWarning::InvalidServiceUrl { url } => {
                    t!(lang, "config-bad-url", url = url.as_str())
                }
                ConfigWarning::InvalidOperatorCode => t!(lang, "config-bad-operator-code"),
            };
            banner(Banner::Warning, text)
        }))
        .spacing(8);
        let content = column![warnings]
            // Waits and failures are said when they come (a polite live region).
            .push(
                self.service_notice()
                    .map(|notice| container(notice).id(super::a11y::LIVE)),
            )
            .push((self.step == Step::Welcome).then(|| self.display_controls()))
            .push(self.screen())
            .push(self.sandbox_inbox())
            .spacing(theme::SPACING + 4.0);
        let body = scrollable(
            container(content.max_width(theme::CONTENT_WIDTH))
                .center_x(Fill)
                .padding([8, 16]),
        )
        .height(Fill);
        let body: Element<'_, Message> = match self.keypad_view() {
            Some(keypad) => iced::widget::row![body, keypad].spacing(24).into(),
            None => body.into(),
        };
        let wizard = column![
            widget::header::header(
                lang,
                self.step,
                self.shared
                    .service
                    .connection
                    .as_ref()
                    .is_some_and(service::Connection::is_sandbox),
                self.narrow(),
                Message::LanguagePicked
            ),
            body,
            nav(lang, self.nav()),
        ]
        .push(self.operator_button())
        // Large text leaves little room: the margins give some of theirs to the step.
        .spacing(if self.narrow() { 6 } else { 18 })
        .padding(if self.narrow() { 8 } else { 24 });
        self.with_questions(wizard.into())
    }

    /// Text at 150% or more: a 1024-pixel window is narrow for it.
    fn narrow(&self) -> bool {
        self.shared.config.text_size >= 150
    }

    fn nav(&self) -> Nav<Message> {
        let next = self
            .steps
            .get(self.step)
            .shows_next()
            .then(|| self.can_continue().then_some(Message::Next));
        Nav {
            cancel: self.cancel_message(),
            touch: self.kiosk.is_some(),
            back: self.step.can_go_back().then_some(Message::Back),
            next,
            next_label: t!(self.shared.lang, "nav-next"),
        }
    }

    fn screen(&self) -> Element<'_, Message> {
        self.steps.view(self.step, &self.shared).map(Message::Step)
    }

    pub fn subscription(&self) -> Subscription<Message> {
        // The SMS-code cooldown counts on every step; the sandbox inbox is read on the SMS step.
        let ticking = self.shared.service.resend_in.is_some()
            || self.steps.get(self.step).shows_sandbox_inbox();
        let tick = ticking
            .then(|| iced::time::every(std::time::Duration::from_secs(1)).map(|_| Message::Tick));
        let camera = self
            .shared
            .camera
            .engine
            .is_some()
            .then(|| iced::time::every(camera::TICK).map(|_| Message::CameraTick));
        let kiosk = self.kiosk.is_some().then(|| {
            Subscription::batch([kiosk::activity(), kiosk::ticks(), kiosk::window_opened()])
        });
        Subscription::batch([
            super::a11y::requests().map(Message::Accessibility),
            self.steps
                .subscription(self.step, &self.shared)
                .map(Message::Step),
            kiosk.unwrap_or_else(Subscription::none),
            camera.unwrap_or_else(Subscription::none),
            tick.unwrap_or_else(Subscription::none),
        ])
    }
}

/// The iced application, built in one place so `main` and tests share it.
pub fn application(
    config: Config,
    start: Option<Step>,
) -> iced::Application<impl iced::Program<Message = Message, Theme = Theme>> {
    let kiosk = config.kiosk;
    // iced multiplies the window's size by the scale factor; larger text keeps the window on
    // the screen, with less room inside it.
    let text_scale = f32::from(config.text_size) / 100.0;
    let boot = move || {
        super::a11y::start();
        let app = App::new(config.clone());
        let app = match start {
            Some(step) => app.at(step),
            None => app,
        };
        let focus = start
            .and_then(|step| app.steps.get(step).focus())
            .map_or_else(Task::none, operation::focus);
        let mut app = app;
        let camera = start.map_or_else(Task::none, |step| app.camera_for(step));
        let connect = app.connect();
        let shown = if kiosk {
            window::Mode::Fullscreen
        } else {
            window::Mode::Windowed
        };
        let attach = super::a11y::attach(shown);
        (app, Task::batch([attach, connect, focus, camera]))
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .theme(App::theme)
        .scale_factor(App::scale_factor)
        .subscription(App::subscription)
        .font(theme::FONT_REGULAR)
        .font(theme::FONT_BOLD)
        .default_font(theme::FONT)
        // A kiosk is left only through the operator panel: closing the window does nothing.
        .exit_on_close_request(!kiosk)
        .window(window::Settings {
            size: iced::Size::new(1024.0, 768.0) * (1.0 / text_scale),
            min_size: Some(iced::Size::new(800.0, 600.0) * (1.0 / text_scale)),
            fullscreen: kiosk,
            // Windows: shown once the screen-reader adapter is on it (`a11y::attach`).
            visible: !super::a11y::HIDDEN_UNTIL_ATTACHED,
            decorations: !kiosk,
            level: if kiosk {
                window::Level::AlwaysOnTop
            } else {
                window::Level::Normal
            },
            // iced centres by the unscaled size: off to the side once text is larger.
            position: if text_scale > 1.0 {
                window::Position::Default
            } else {
                window::Position::Centered
            },
            ..window::Settings::default()
        })
}
