//! One module per wizard step, each with its own `State`, `Message`, `update` and `view`.
//! A step that needs its parent (to move on, to change language) returns an `Event`.

pub mod account_pin;
pub mod agreement;
pub mod camera_check;
pub mod devices;
pub mod document;
pub mod document_review;
pub mod done;
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
pub mod verification;
pub mod video_id;
pub mod welcome;

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
