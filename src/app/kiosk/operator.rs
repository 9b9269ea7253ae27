//! The operator panel, behind the operator code: camera, service address, idle timeout and
//! default language (written to the settings file), a test of the camera and of the token
//! readers, the visitor counter, ending the current visit, and leaving the kiosk.

use std::time::Duration;

use iced::widget::{column, pick_list, row, text, text_input};
use iced::{Center, Element, Fill};
use qoltanba_core::token::devices::Listing;
use zeroize::Zeroizing;

pub use crate::app::cameras::CameraOption;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, banner, caption, page, section};
use crate::app::{camera, theme};
use crate::config::{CameraChoice, Config};
use crate::i18n::Language;
use crate::t;

use super::counters::Counters;
use super::idle;
use super::keypad::{self, Key, Layout};

pub const URL_ID: &str = "operator-url";
pub const CODE_ID: &str = "operator-code";
/// Wrong codes in a row before the sign-in is locked for a while (longer each time).
pub const ATTEMPTS: u32 = qoltanba_core::kiosk::lockout::ATTEMPTS;

/// What the panel shows and edits.
#[derive(Debug, Clone)]
pub struct Panel {
    pub service_url: String,
    pub url_error: bool,
    /// Saved with no address on a kiosk that is not a demonstration.
    pub url_missing: bool,
    pub idle_secs: u64,
    pub language: Language,
    pub camera: Option<CameraOption>,
    pub cameras: Vec<CameraOption>,
    pub camera_test: Option<Result<camera::Probe, qoltanba_camera::CameraError>>,
    pub testing_camera: bool,
    pub readers: Option<Listing>,
    pub testing_readers: bool,
    pub saved: Option<Result<(), crate::config::SettingsError>>,
    pub shift: bool,
}

impl Panel {
    pub fn new(config: &Config, lang: Language) -> Self {
        let service_url = match &config.service {
            crate::config::Service::Remote(url) => url.clone(),
            crate::config::Service::EmbeddedSandbox => String::new(),
        };
        let camera = match &config.camera {
            CameraChoice::Default => None,
            CameraChoice::Synthetic => Some(CameraOption {
                id: "synthetic".into(),
                label: t!(lang, "kiosk-camera-synthetic"),
            }),
            CameraChoice::Device(id) => Some(CameraOption {
                id: id.clone(),
                label: id.clone(),
            }),
        };
        Panel {
            service_url,
            url_error: false,
            url_missing: false,
            idle_secs: config.idle_timeout.as_secs(),
            language: config.language,
            camera,
            cameras: Vec::new(),
            camera_test: None,
            testing_camera: false,
            readers: None,
            testing_readers: false,
            saved: None,
            shift: false,
        }
    }

    /// The choices as they go into the settings file.
    pub fn camera_choice(&self) -> CameraChoice {
        self.camera
            .as_ref()
            .map_or(CameraChoice::Default, |c| c.id.parse().unwrap_or_default())
    }
}

/// Where the operator is: typing the code, or in the panel.
#[derive(Debug)]
pub enum Access {
    SignIn(SignIn),
    Panel(Box<Panel>),
}

#[derive(Default)]
pub struct SignIn {
    pub code: Zeroizing<String>,
    pub checking: bool,
    /// The last code was wrong.
    pub refused: bool,
}

impl std::fmt::Debug for SignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignIn")
            .field("code", &"***")
            .field("checking", &self.checking)
            .finish_non_exhaustive()
    }
}

#[derive(Clone)]
pub enum Message {
    /// The discreet button on the first screen.
    Open,
    Close,
    CodeKey(Key),
    CodeChanged(String),
    SubmitCode,
    CodeChecked(bool),
    UrlChanged(String),
    UrlKey(Key),
    IdlePicked(u64),
    LanguagePicked(Language),
    CameraPicked(CameraOption),
    CamerasListed(Vec<CameraOption>),
    TestCamera,
    CameraTested(Result<camera::Probe, qoltanba_camera::CameraError>),
    TestReaders,
    ReadersListed(Listing),
    Save,
    Saved(Result<(), crate::config::SettingsError>),
    /// Ends the current visitor's run (counted as abandoned) and shows the first screen.
    EndVisit,
    Exit,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // The operator code never reaches a log or a panic message.
            Message::CodeChanged(_) => f.write_str("CodeChanged(***)"),
            Message::CodeKey(key) => f.debug_tuple("CodeKey").field(key).finish(),
            Message::Open => f.write_str("Open"),
            Message::Close => f.write_str("Close"),
            Message::SubmitCode => f.write_str("SubmitCode"),
            Message::CodeChecked(ok) => f.debug_tuple("CodeChecked").field(ok).finish(),
            Message::UrlChanged(url) => f.debug_tuple("UrlChanged").field(url).finish(),
            Message::UrlKey(key) => f.debug_tuple("UrlKey").field(key).finish(),
            Message::IdlePicked(secs) => f.debug_tuple("IdlePicked").field(secs).finish(),
            Message::LanguagePicked(lang) => f.debug_tuple("LanguagePicked").field(lang).finish(),
            Message::CameraPicked(camera) => f.debug_tuple("CameraPicked").field(camera).finish(),
            Message::CamerasListed(list) => f.debug_tuple("CamerasListed").field(list).finish(),
            Message::TestCamera => f.write_str("TestCamera"),
            Message::CameraTested(result) => f.debug_tuple("CameraTested").field(result).finish(),
            Message::TestReaders => f.write_str("TestReaders"),
            Message::ReadersListed(listing) => {
                f.debug_tuple("ReadersListed").field(listing).finish()
            }
            Message::Save => f.write_str("Save"),
            Message::Saved(result) => f.debug_tuple("Saved").field(result).finish(),
            Message::EndVisit => f.write_str("EndVisit"),
            Message::Exit => f.write_str("Exit"),
        }
    }
}

pub fn sign_in_view<'a>(
    lang: Language,
    state: &'a SignIn,
    left: u32,
    locked_for: Option<Duration>,
) -> Element<'a, Message> {
    let locked = locked_for.is_some();
    let status = if state.checking {
        Some(caption(t!(lang, "kiosk-operator-checking")).into())
    } else if let Some(remaining) = locked_for {
        let minutes = remaining.as_secs().div_ceil(60);
        Some(banner(
            Banner::Error,
            t!(lang, "kiosk-operator-locked", minutes = minutes),
        ))
    } else if state.refused {
        Some(banner(
            Banner::Error,
            t!(lang, "kiosk-operator-wrong", left = left),
        ))
    } else {
        None
    };
    let input = text_input(&t!(lang, "kiosk-operator-code-placeholder"), &state.code)
        .id(CODE_ID)
        .secure(true)
        .on_input(Message::CodeChanged)
        .on_submit(Message::SubmitCode)
        .size(theme::SUBTITLE_SIZE)
        .padding(12)
        .width(keypad::WIDTH);
    let enter = !state.checking && !locked && !state.code.is_empty();
    column![
        page(
            t!(lang, "kiosk-operator-title"),
            t!(lang, "kiosk-operator-intro")
        ),
        input,
    ]
    .push(status)
    .push(keypad::view(lang, Layout::Digits, false, Message::CodeKey))
    .push(
        row![
            action(
                t!(lang, "kiosk-operator-cancel"),
                Some(Message::Close),
                false
            ),
            action(
                t!(lang, "kiosk-operator-enter"),
                enter.then_some(Message::SubmitCode),
                true
            ),
        ]
        .spacing(16),
    )
    .spacing(theme::SPACING)
    .align_x(Center)
    .into()
}

pub fn panel_view<'a>(
    lang: Language,
    panel: &'a Panel,
    counters: Counters,
    visit_under_way: bool,
) -> Element<'a, Message> {
    let url = column![
        section(t!(lang, "kiosk-panel-service")),
        text_input(
            &t!(lang, "kiosk-panel-service-placeholder"),
            &panel.service_url
        )
        .id(URL_ID)
        .on_input(Message::UrlChanged)
        .size(theme::TEXT_SIZE)
        .padding(12)
        .width(Fill),
        text(if panel.url_missing {
            t!(lang, "kiosk-panel-service-required")
        } else if panel.url_error {
            t!(lang, "kiosk-panel-service-invalid")
        } else {
            t!(lang, "kiosk-panel-service-hint")
        })
        .size(theme::SMALL_SIZE)
        .color(if panel.url_error || panel.url_missing {
            theme::danger()
        } else {
            theme::muted()
        }),
    ]
    .spacing(6);
    let timeouts: Vec<u64> = idle::CHOICES.to_vec();
    let idle_row = row![
        text(t!(lang, "kiosk-panel-idle")).size(theme::TEXT_SIZE),
        pick_list(timeouts, Some(panel.idle_secs), Message::IdlePicked)
            .text_size(theme::TEXT_SIZE)
            .padding(12),
        text(t!(lang, "kiosk-panel-seconds")).size(theme::TEXT_SIZE),
    ]
    .spacing(12)
    .align_y(Center);
    let languages = crate::app::widget::languages(panel.language, Message::LanguagePicked);
    let default_camera = CameraOption {
        id: String::new(),
        label: t!(lang, "kiosk-camera-default"),
    };
    let mut cameras = vec![default_camera.clone()];
    cameras.extend(panel.cameras.iter().cloned());
    if let Some(current) = &panel.camera
        && !cameras.contains(current)
    {
        cameras.push(current.clone());
    }
    let camera_row = row![
        pick_list(
            cameras,
            Some(panel.camera.clone().unwrap_or(default_camera)),
            Message::CameraPicked
        )
        .text_size(theme::TEXT_SIZE)
        .padding(12)
        .width(Fill),
        action(
            t!(lang, "kiosk-panel-test-camera"),
            (!panel.testing_camera).then_some(Message::TestCamera),
            false
        ),
    ]
    .spacing(12)
    .align_y(Center);
    let camera_result = match &panel.camera_test {
        _ if panel.testing_camera => Some(caption(t!(lang, "kiosk-panel-testing")).into()),
        Some(Ok(probe)) => Some(banner(
            Banner::Success,
            t!(
                lang,
                "kiosk-camera-works",
                camera = probe.label.as_str(),
                width = probe.width,
                height = probe.height
            ),
        )),
        Some(Err(error)) => Some(banner(
            Banner::Error,
            crate::app::screen::live::camera_error(lang, error),
        )),
        None => None,
    };
    let readers = match &panel.readers {
        _ if panel.testing_readers => Some(caption(t!(lang, "kiosk-panel-testing")).into()),
        Some(listing) => Some(readers_view(lang, listing)),
        None => None,
    };
    let saved = panel.saved.as_ref().map(|result| match result {
        Ok(()) => banner(Banner::Success, t!(lang, "kiosk-panel-saved")),
        Err(error) => banner(
            Banner::Error,
            t!(
                lang,
                "kiosk-panel-not-saved",
                reason = crate::app::explain::settings(lang, error)
            ),
        ),
    });
    let completed = counters.completed;
    let abandoned = counters.abandoned;
    let settings = column![url, section(t!(lang, "kiosk-panel-camera")), camera_row,]
        .push(camera_result)
        .push(idle_row)
        .push(section(t!(lang, "kiosk-panel-language")))
        .push(languages)
        .push(
            row![
                action(t!(lang, "kiosk-panel-save"), Some(Message::Save), true),
                action(
                    t!(lang, "kiosk-panel-test-readers"),
                    (!panel.testing_readers).then_some(Message::TestReaders),
                    false
                ),
            ]
            .spacing(12),
        )
        .push(saved)
        .push(readers)
        .spacing(12)
        .width(Fill);
    let side = column![
        section(t!(lang, "kiosk-panel-counter")),
        text(t!(
            lang,
            "kiosk-panel-counts",
            completed = completed,
            abandoned = abandoned
        ))
        .size(theme::TEXT_SIZE),
        keypad::view(lang, Layout::Latin, panel.shift, Message::UrlKey),
        // Stacked: side by side the labels do not fit the keyboard's width in Kazakh.
        column![
            action(t!(lang, "kiosk-panel-back"), Some(Message::Close), true),
            action(
                t!(lang, "kiosk-panel-end-visit"),
                visit_under_way.then_some(Message::EndVisit),
                false
            ),
            action(t!(lang, "kiosk-panel-exit"), Some(Message::Exit), false),
        ]
        .spacing(12),
    ]
    .spacing(14)
    .width(keypad::WIDTH);
    column![
        page(t!(lang, "kiosk-panel-title"), t!(lang, "kiosk-panel-intro")),
        row![settings, side].spacing(32),
    ]
    .spacing(theme::SPACING)
    .into()
}

fn readers_view<'a>(lang: Language, listing: &Listing) -> Element<'a, Message> {
    let mut lines = column![].spacing(4);
    if listing.tokens.is_empty() {
        lines = lines.push(text(t!(lang, "kiosk-panel-no-tokens")).size(theme::TEXT_SIZE));
    }
    for token in &listing.tokens {
        let label = token.label.clone();
        let serial = token.serial.clone();
        lines = lines.push(
            text(t!(
                lang,
                "kiosk-panel-token",
                label = label,
                serial = serial
            ))
            .size(theme::TEXT_SIZE),
        );
    }
    for problem in &listing.problems {
        let detail = crate::app::explain::module_problem(lang, problem);
        lines = lines.push(text(detail).size(theme::SMALL_SIZE).color(theme::warning()));
    }
    lines.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_operator_code_and_keypad_keys_never_show_in_debug_output() {
        let typed = format!("{:?}", Message::CodeChanged("482913".into()));
        assert!(!typed.contains("482913"), "{typed}");
        let key = format!("{:?}", Message::CodeKey(Key::Char('7')));
        assert!(!key.contains('7'), "{key}");
        let visitor = format!("{:?}", super::super::Message::Key(Key::Char('9')));
        assert!(!visitor.contains('9'), "{visitor}");
    }
}
