//! What the camera screens share: the live preview (or why there is none) and the texts for
//! the guidance hints, the prompts and the camera's problems.

use iced::widget::{center, column, image, pick_list, row, text};
use iced::{Alignment, Element, Fill};
use qoltanba_camera::{CameraError, DocumentHint, Hint, Prompt};

use crate::app::camera::Analysis;
use crate::app::cameras::{CameraOption, Picker};
use crate::app::screen::preview_area;
use crate::app::theme;
use crate::app::widget::{Banner, banner};
use crate::config::SettingsError;
use crate::i18n::Language;
use crate::t;

/// The camera's state as the screens see it.
#[derive(Debug, Clone, Copy)]
pub struct Live<'a> {
    pub view: Option<&'a Analysis>,
    pub error: Option<&'a CameraError>,
    pub starting: bool,
    /// The camera picker, when there is more than one camera to choose from.
    pub picker: Option<Picker<'a>>,
}

impl Live<'_> {
    pub fn is_running(&self) -> bool {
        self.view.is_some_and(|v| v.lost.is_none()) && self.error.is_none()
    }
}

/// The preview, `height` tall, with a line under it saying which camera it is.
pub fn preview<'a, M: 'a>(lang: Language, live: Live<'_>, height: f32) -> Element<'a, M> {
    let picture: Element<'a, M> = match live.view {
        Some(view) => center(image(view.preview.clone()).height(height))
            .height(height)
            .into(),
        None if live.starting => preview_area(t!(lang, "camera-starting"), height),
        None => preview_area(t!(lang, "camera-preview"), height),
    };
    let problem = live
        .error
        .or(live.view.and_then(|v| v.lost.as_ref()))
        .map(|error| banner(Banner::Error, camera_error(lang, error)));
    let label = live.view.map(|view| {
        let line = if view.synthetic {
            t!(lang, "camera-synthetic")
        } else {
            t!(lang, "camera-device", name = view.label.as_str())
        };
        text(line).size(theme::SMALL_SIZE).color(theme::muted())
    });
    column![picture]
        .push(label)
        .push(problem)
        .spacing(8)
        .width(Fill)
        .into()
}

/// The list of cameras with its label, when there is a choice; the pick is used at once.
pub fn picker<'a, M: Clone + 'a>(
    lang: Language,
    live: Live<'a>,
    on_pick: impl Fn(CameraOption) -> M + 'a,
) -> Option<Element<'a, M>> {
    let picker = live.picker?;
    let list = row![
        text(t!(lang, "camera-picker-label")).size(theme::TEXT_SIZE),
        pick_list(picker.options, picker.selected.cloned(), on_pick)
            .placeholder(t!(lang, "camera-picker-placeholder"))
            .text_size(theme::TEXT_SIZE)
            .padding(10)
            .width(Fill),
    ]
    .align_y(Alignment::Center)
    .spacing(12);
    let not_saved = picker.not_saved.map(|error| {
        let line = match error {
            SettingsError::Broken { path } => t!(
                lang,
                "camera-picker-not-saved-broken",
                path = path.display().to_string()
            ),
            SettingsError::Unwritable { path, .. } => t!(
                lang,
                "camera-picker-not-saved",
                path = path.display().to_string()
            ),
        };
        text(line).size(theme::SMALL_SIZE).color(theme::warning())
    });
    Some(column![list].push(not_saved).spacing(6).into())
}

/// What the card camera says about the current frame.
pub fn card_hint(lang: Language, hint: Option<DocumentHint>) -> String {
    match hint {
        None => t!(lang, "card-hint-ok"),
        Some(DocumentHint::TooDark) => t!(lang, "card-hint-too-dark"),
        Some(DocumentHint::Glare) => t!(lang, "card-hint-glare"),
        Some(DocumentHint::Blurry) => t!(lang, "card-hint-blurry"),
        Some(DocumentHint::NotFilling) => t!(lang, "card-hint-not-filling"),
    }
}

pub fn hint(lang: Language, hint: Option<Hint>) -> String {
    match hint {
        None => t!(lang, "hint-ok"),
        Some(Hint::NoFace) => t!(lang, "hint-no-face"),
        Some(Hint::MoreThanOne) => t!(lang, "hint-more-than-one"),
        Some(Hint::MoveCloser) => t!(lang, "hint-move-closer"),
        Some(Hint::MoveBack) => t!(lang, "hint-move-back"),
        Some(Hint::Centre) => t!(lang, "hint-centre"),
        Some(Hint::TooDark) => t!(lang, "hint-too-dark"),
        Some(Hint::TooBright) => t!(lang, "hint-too-bright"),
        Some(Hint::Blurry) => t!(lang, "hint-blurry"),
        Some(Hint::HoldStill) => t!(lang, "hint-hold-still"),
    }
}

pub fn prompt(lang: Language, prompt: Prompt) -> String {
    match prompt {
        Prompt::LookStraight => t!(lang, "video-prompt-straight"),
        Prompt::TurnLeft => t!(lang, "video-prompt-left"),
        Prompt::TurnRight => t!(lang, "video-prompt-right"),
        Prompt::ComeCloser => t!(lang, "video-prompt-closer"),
        Prompt::MoveBack => t!(lang, "video-prompt-back"),
    }
}

/// What went wrong with the camera and how to fix it, for this operating system.
pub fn camera_error(lang: Language, error: &CameraError) -> String {
    match error {
        CameraError::NoCamera => t!(lang, "camera-error-none"),
        CameraError::PermissionDenied => {
            if cfg!(target_os = "macos") {
                t!(lang, "camera-error-permission-macos")
            } else if cfg!(target_os = "windows") {
                t!(lang, "camera-error-privacy-windows")
            } else {
                t!(lang, "camera-error-permission-linux")
            }
        }
        CameraError::Busy => t!(lang, "camera-error-busy"),
        CameraError::Disconnected => t!(lang, "camera-error-disconnected"),
        CameraError::UnsupportedFormat => t!(lang, "camera-error-format"),
        CameraError::Other(_) => t!(lang, "camera-error-other"),
    }
}
