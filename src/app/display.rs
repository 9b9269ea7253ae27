//! Low vision: the text size (100% to 200%, the whole window drawn larger so nothing inside
//! a button or card is cut) and the high-contrast colours; both remembered in settings.toml.
//! Set on the first screen's "Display" row, or anywhere with Ctrl+= / Ctrl+- / Ctrl+0.

use iced::widget::{checkbox, column, row, text};
use iced::{Alignment, Element, Task};

use super::widget::nav::action;
use super::widget::{focusable_as, section};
use super::{App, Message as AppMessage, theme};
use crate::config::SettingsError;
use crate::t;

pub use crate::config::{TEXT_SIZE_MAX as MAX, TEXT_SIZE_MIN as MIN, TEXT_SIZE_STEP as STEP};

/// The "High contrast" checkbox (its keyboard focus id).
pub const CONTRAST_ID: &str = "display-contrast";

pub use crate::config::clamp_text_size as clamp;

#[derive(Debug, Clone)]
pub enum Message {
    Larger,
    Smaller,
    Reset,
    HighContrast(bool),
    Saved(Result<(), SettingsError>),
}

/// Writes both settings, keeping the rest of the file. Blocking: off the UI thread.
pub fn save(
    path: &std::path::Path,
    text_size: u16,
    high_contrast: bool,
) -> Result<(), SettingsError> {
    crate::config::edit_settings(path, |document| {
        document["text_size"] = toml_edit::value(i64::from(text_size));
        document["high_contrast"] = toml_edit::value(high_contrast);
    })
}

impl App {
    /// The window's scale: the kiosk's, times the text size.
    pub fn scale_factor(&self) -> f32 {
        let kiosk = self.kiosk.as_ref().map_or(1.0, |k| k.scale);
        kiosk * f32::from(self.shared.config.text_size) / 100.0
    }

    pub(super) fn on_display(&mut self, message: Message) -> Task<AppMessage> {
        let config = &mut self.shared.config;
        match message {
            Message::Larger => config.text_size = clamp(config.text_size + STEP),
            Message::Smaller => config.text_size = clamp(config.text_size.saturating_sub(STEP)),
            Message::Reset => config.text_size = MIN,
            Message::HighContrast(on) => config.high_contrast = on,
            Message::Saved(result) => {
                if let Err(error) = result {
                    eprintln!("qoltanba: the display settings were not stored: {error}");
                }
                return Task::none();
            }
        }
        theme::set_high_contrast(config.high_contrast);
        // A kiosk keeps nothing a visitor changed.
        let (Some(path), false) = (config.settings_path.clone(), config.kiosk) else {
            return Task::none();
        };
        let (size, contrast) = (config.text_size, config.high_contrast);
        Task::perform(
            async move {
                tokio::task::spawn_blocking(move || save(&path, size, contrast))
                    .await
                    .unwrap_or_else(|e| {
                        Err(SettingsError::Unwritable {
                            path: Default::default(),
                            reason: e.to_string(),
                        })
                    })
            },
            |result| AppMessage::Display(Message::Saved(result)),
        )
    }

    /// The first screen's "Display" row: text size and high contrast.
    pub(super) fn display_controls(&self) -> Element<'_, AppMessage> {
        let lang = self.shared.lang;
        let config = &self.shared.config;
        let size = config.text_size;
        let message = |m| AppMessage::Display(m);
        let contrast = config.high_contrast;
        column![
            section(t!(lang, "a11y-display")),
            row![
                text(t!(lang, "a11y-text-size", percent = size)).size(theme::TEXT_SIZE),
                action(
                    t!(lang, "a11y-text-smaller"),
                    (size > MIN).then(|| message(Message::Smaller)),
                    false
                ),
                action(
                    t!(lang, "a11y-text-larger"),
                    (size < MAX).then(|| message(Message::Larger)),
                    false
                ),
            ]
            .spacing(12)
            .align_y(Alignment::Center)
            .wrap(),
            focusable_as(
                CONTRAST_ID,
                contrast,
                checkbox(contrast)
                    .label(t!(lang, "a11y-high-contrast"))
                    .on_toggle(move |on| message(Message::HighContrast(on)))
                    .size(26)
                    .text_size(theme::TEXT_SIZE),
                Some(message(Message::HighContrast(!contrast))),
            ),
            text(t!(lang, "a11y-display-keys"))
                .size(theme::SMALL_SIZE)
                .color(theme::muted()),
        ]
        .spacing(10)
        .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_stay_between_100_and_200_in_steps() {
        assert_eq!(clamp(0), 100);
        assert_eq!(clamp(130), 125);
        assert_eq!(clamp(140), 150);
        assert_eq!(clamp(500), 200);
        assert_eq!(clamp(u16::MAX), 200);
    }

    #[test]
    fn both_are_written_to_the_settings_file_keeping_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "# mine\nlanguage = \"kk\"\n").unwrap();
        save(&path, 175, true).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("# mine") && text.contains("language = \"kk\""));
        let read: crate::config::Settings = toml::from_str(&text).unwrap();
        assert_eq!(read.text_size, Some(175));
        assert!(read.high_contrast);
    }
}
