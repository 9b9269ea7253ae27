//! What the storage step shows: the two choices, the folder with its check, or the device
//! picker.

use iced::Element;
use iced::widget::{checkbox, column, row, text};
use qoltanba_core::store::FolderCheck;

use super::{KeyType, Kind, Message, State};
use crate::app::widget::nav::action;
use crate::app::widget::{
    Banner, Feedback, Field, banner, caption, choice, field, focusable_as, page,
};
use crate::app::{explain, theme};
use crate::i18n::Language;
use crate::t;

use super::FOLDER_ID;

impl State {
    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let kind = self.kind();
        let mut content = page(t!(lang, "storage-title"), t!(lang, "storage-intro"));
        let device_card = choice(
            t!(lang, "storage-device"),
            Some(t!(lang, "storage-device-detail")),
            kind == Kind::Device,
            Some(Message::KindPicked(Kind::Device)),
        );
        if self.kiosk {
            content = content
                .push(banner(Banner::Info, t!(lang, "storage-kiosk-note")))
                .push(device_card);
        } else {
            // Side by side, so the device list below fits on the screen without scrolling.
            let folder_card = choice(
                t!(lang, "storage-folder"),
                Some(t!(lang, "storage-folder-detail")),
                kind == Kind::Folder,
                Some(Message::KindPicked(Kind::Folder)),
            );
            content = content.push(row![folder_card, device_card].spacing(12));
        }
        let details: Element<'_, Message> = match kind {
            Kind::Folder => {
                let feedback = if self.folder.trim().is_empty() {
                    Feedback::Hint(t!(lang, "storage-folder-empty"))
                } else if self.folder().is_none() {
                    Feedback::Error(t!(lang, "storage-folder-relative"))
                } else {
                    match &self.check {
                        Some(Err(error)) => Feedback::Error(explain::store(lang, error)),
                        Some(Ok(check)) if !check.existing_key_files.is_empty() => {
                            Feedback::Error(t!(
                                lang,
                                "storage-folder-has-keys",
                                count = check.existing_key_files.len()
                            ))
                        }
                        Some(Ok(_)) => Feedback::Valid(t!(lang, "storage-folder-ok")),
                        None if self.checking => Feedback::Hint(t!(lang, "storage-checking")),
                        None => Feedback::Hint(t!(lang, "storage-folder-hint")),
                    }
                };
                let suggestion = match &self.check {
                    Some(Ok(FolderCheck {
                        suggested_subfolder: Some(suggested),
                        existing_key_files,
                        ..
                    })) if !existing_key_files.is_empty() => Some(action(
                        t!(
                            lang,
                            "storage-use-subfolder",
                            folder = suggested
                                .file_name()
                                .map(|n| n.to_string_lossy().into_owned())
                                .unwrap_or_default()
                        ),
                        Some(Message::UseSuggested),
                        true,
                    )),
                    _ => None,
                };
                column![
                    self.key_type_view(lang),
                    banner(Banner::Warning, t!(lang, "storage-folder-warning")),
                    field(Field {
                        label: t!(lang, "storage-folder-label"),
                        placeholder: t!(lang, "storage-folder-placeholder"),
                        value: &self.folder,
                        id: FOLDER_ID,
                        secure: false,
                        feedback,
                        on_input: Box::new(Message::FolderChanged),
                        on_submit: Some(Message::Submitted),
                    }),
                    row![action(
                        t!(lang, "storage-folder-browse"),
                        Some(Message::Browse),
                        false
                    )]
                    .push(suggestion)
                    .spacing(12),
                    column![].push(
                        self.no_dialog
                            .then(|| banner(Banner::Warning, t!(lang, "a11y-no-folder-dialog")))
                    ),
                ]
                // The older encoding exists for RSA files only; a GOST file is always
                // written the way НУЦ writes its own.
                .push((self.key_type == KeyType::Rsa).then(|| {
                    focusable_as(
                        super::COMPATIBLE_ID,
                        self.compatible,
                        checkbox(self.compatible)
                            .label(t!(lang, "storage-compatible"))
                            .on_toggle(Message::CompatibleToggled)
                            .size(22)
                            .text_size(theme::SMALL_SIZE),
                        Some(Message::CompatibleToggled(!self.compatible)),
                    )
                }))
                .spacing(12)
                .into()
            }
            // GOST keys are not made on devices yet: said before the citizen picks one.
            Kind::Device => column![
                caption(t!(lang, "storage-device-rsa-why")),
                self.device.view(lang).map(Message::Device),
            ]
            .spacing(12)
            .into(),
        };
        content.push(details).into()
    }

    /// GOST (default, on the left) or RSA, side by side; ← and → pick them too.
    fn key_type_view(&self, lang: Language) -> Element<'_, Message> {
        let card = |key_type: KeyType, heading: String, detail: String| {
            choice(
                heading,
                Some(detail),
                self.key_type == key_type,
                Some(Message::KeyTypePicked(key_type)),
            )
        };
        column![
            text(t!(lang, "storage-key-type"))
                .size(theme::SUBTITLE_SIZE)
                .font(theme::FONT_STRONG),
            row![
                card(
                    KeyType::Gost,
                    t!(lang, "storage-key-gost"),
                    t!(lang, "storage-key-gost-detail")
                ),
                card(
                    KeyType::Rsa,
                    t!(lang, "storage-key-rsa"),
                    t!(lang, "storage-key-rsa-detail")
                ),
            ]
            .spacing(12),
            text(t!(lang, "storage-key-type-keys"))
                .size(theme::SMALL_SIZE)
                .color(theme::muted()),
        ]
        .spacing(8)
        .into()
    }
}
