//! "Check my keys" (a side road from the first screen): the `qoltanba inspect` report for a
//! key file picked with the dialog or typed — owner, IIN, role, algorithm, validity and
//! whether the private key matches the certificate (GOST and RSA kits, НУЦ's or ours).

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::text;
use iced::{Element, Task};
use qoltanba_core::pki::inspect::{InspectError, KeyFileInfo, inspect_pkcs12};
use zeroize::{Zeroize, Zeroizing};

use crate::app::screen::Screen;
use crate::app::shared::Shared;
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, field, page};
use crate::i18n::Language;
use crate::t;

pub const PATH_ID: &str = "check-keys-path";
pub const PASSWORD_ID: &str = "check-keys-password";

/// Why a file could not be described.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckFailure {
    /// The file could not be read (the reason from the system).
    Read {
        path: String,
        reason: String,
    },
    Inspect(InspectError),
}

#[derive(Debug, Clone, Default)]
pub struct State {
    path: String,
    password: Zeroizing<String>,
    checking: bool,
    /// The last check: the file's description, or why there is none.
    pub outcome: Option<Result<Arc<KeyFileInfo>, CheckFailure>>,
}

#[derive(Debug, Clone)]
pub enum Message {
    PathChanged(String),
    PasswordChanged(String),
    Browse,
    Picked(Option<PathBuf>),
    Check,
    Checked(Result<Arc<KeyFileInfo>, CheckFailure>),
}

/// Reads and describes the file; blocking (the key is decrypted and checked).
fn check(path: PathBuf, password: Zeroizing<String>) -> Result<Arc<KeyFileInfo>, CheckFailure> {
    let bytes = std::fs::read(&path).map_err(|e| CheckFailure::Read {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    inspect_pkcs12(&bytes, &password)
        .map(Arc::new)
        .map_err(CheckFailure::Inspect)
}

impl State {
    fn file(&self) -> Option<PathBuf> {
        let path = PathBuf::from(self.path.trim());
        (!self.path.trim().is_empty()).then_some(path)
    }

    fn can_check(&self) -> bool {
        self.file().is_some() && !self.password.is_empty() && !self.checking
    }

    pub fn update(&mut self, message: Message, lang: Language) -> Task<Message> {
        match message {
            Message::PathChanged(path) => {
                self.path = path;
                self.outcome = None;
            }
            Message::PasswordChanged(mut password) => {
                self.password = Zeroizing::new(std::mem::take(&mut password));
                password.zeroize();
            }
            Message::Browse => {
                let title = t!(lang, "check-keys-pick");
                return Task::future(async move {
                    rfd::AsyncFileDialog::new()
                        .set_title(title)
                        .add_filter("PKCS#12", &["p12", "pfx"])
                        .pick_file()
                        .await
                        .map(|handle| handle.path().to_owned())
                })
                .map(Message::Picked);
            }
            Message::Picked(Some(path)) => {
                self.path = path.display().to_string();
                self.outcome = None;
            }
            Message::Picked(None) => {}
            Message::Check if self.can_check() => {
                let (Some(path), password) = (self.file(), self.password.clone()) else {
                    return Task::none();
                };
                self.checking = true;
                return Task::perform(
                    async move {
                        tokio::task::spawn_blocking(move || check(path, password))
                            .await
                            .unwrap_or_else(|e| {
                                Err(CheckFailure::Read {
                                    path: String::new(),
                                    reason: e.to_string(),
                                })
                            })
                    },
                    Message::Checked,
                );
            }
            Message::Check => {}
            Message::Checked(outcome) => {
                self.checking = false;
                // The password served its purpose; a new check asks for it again.
                self.password = Zeroizing::new(String::new());
                self.outcome = Some(outcome);
            }
        }
        Task::none()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let outcome: Option<Element<'_, Message>> =
            self.outcome.as_ref().map(|outcome| match outcome {
                Ok(info) => {
                    let kind = match info.key_matches_certificate {
                        Some(false) => Banner::Error,
                        _ if info.iin_unchecked.is_some() || info.days_left < 0 => Banner::Warning,
                        _ => Banner::Success,
                    };
                    iced::widget::column![
                        banner(kind, t!(lang, "check-keys-done")),
                        text(crate::inspect::render(info, lang)).font(iced::Font::MONOSPACE),
                    ]
                    .spacing(10)
                    .into()
                }
                Err(CheckFailure::Read { path, reason }) => banner(
                    Banner::Error,
                    t!(
                        lang,
                        "inspect-error-read",
                        path = path.clone(),
                        reason = reason.clone()
                    ),
                ),
                Err(CheckFailure::Inspect(error)) => {
                    banner(Banner::Error, crate::inspect::error(lang, error))
                }
            });
        // The report first: after a check it is what the person came for.
        page(t!(lang, "check-keys-title"), t!(lang, "check-keys-intro"))
            .push(outcome)
            .push(field(Field {
                label: t!(lang, "check-keys-file"),
                placeholder: t!(lang, "check-keys-file-placeholder"),
                value: &self.path,
                id: PATH_ID,
                secure: false,
                feedback: Feedback::None,
                on_input: Box::new(Message::PathChanged),
                on_submit: None,
            }))
            .push(action(
                t!(lang, "check-keys-browse"),
                Some(Message::Browse),
                false,
            ))
            .push(field(Field {
                label: t!(lang, "check-keys-password"),
                placeholder: String::new(),
                value: &self.password,
                id: PASSWORD_ID,
                secure: true,
                feedback: Feedback::None,
                on_input: Box::new(Message::PasswordChanged),
                on_submit: Some(Message::Check),
            }))
            .push(action(
                t!(lang, "check-keys-check"),
                self.can_check().then_some(Message::Check),
                true,
            ))
            .into()
    }
}

impl Screen for State {
    fn shows_next(&self) -> bool {
        false
    }

    fn focus(&self) -> Option<&'static str> {
        Some(PATH_ID)
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(
        &mut self,
        message: Message,
        ctx: &mut Shared,
    ) -> (Task<Message>, Option<crate::app::screen::Event>) {
        (State::update(self, message, ctx.lang), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIT: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/nca/individual_valid.p12"
    );

    #[test]
    fn the_real_nuc_kit_is_described_and_the_password_forgotten() {
        let outcome = check(KIT.into(), Zeroizing::new("Qwerty12".into()));
        let info = outcome.unwrap();
        assert_eq!(info.key_matches_certificate, Some(true));
        assert_eq!(
            check(KIT.into(), Zeroizing::new("wrong".into())).unwrap_err(),
            CheckFailure::Inspect(InspectError::WrongPassword)
        );
        assert!(matches!(
            check("/nonexistent/x.p12".into(), Zeroizing::new("a".into())),
            Err(CheckFailure::Read { .. })
        ));
        let mut state = State::default();
        _ = state.update(Message::PathChanged(KIT.into()), Language::Ru);
        assert!(!state.can_check(), "no password yet");
        _ = state.update(Message::PasswordChanged("Qwerty12".into()), Language::Ru);
        assert!(state.can_check());
        _ = state.update(Message::Checked(Ok(info)), Language::Ru);
        assert!(
            state.password.is_empty(),
            "the password is dropped after a check"
        );
        assert!(matches!(state.outcome, Some(Ok(_))));
    }
}
