//! The end of the road: what the citizen now has and what each key is for.

use iced::Element;

use crate::app::widget::nav::action;
use qoltanba_core::pki::KitTrial;
use qoltanba_core::protocol::KeyAlgorithm;
use qoltanba_core::store::InstalledKeys;
use qoltanba_core::token::DeviceKeys;

use crate::app::widget::{Banner, banner, body, bullets, page};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Copy)]
pub enum Message {
    Home,
}

pub fn view<'a>(
    lang: Language,
    installed: Option<&InstalledKeys>,
    device: Option<&DeviceKeys>,
    device_trials: &[KitTrial],
    kiosk: bool,
) -> Element<'a, Message> {
    let gost = installed.is_some_and(|files| files.algorithm == KeyAlgorithm::Gost2015_512)
        || device.is_some_and(|keys| keys.algorithm == KeyAlgorithm::Gost2015_512);
    let files = installed.map(|files| file_lines(lang, files));
    let trials = installed.map(|files| {
        let results: Vec<KitTrial> = files.files.iter().map(|file| file.trial).collect();
        trial_banner(
            lang,
            files.algorithm,
            &results,
            t!(lang, "done-key-tried-failed"),
        )
    });
    let device = device.map(|keys| {
        let place = banner(
            Banner::Success,
            t!(
                lang,
                "done-device",
                device = keys.label.as_str(),
                model = keys.model.as_str(),
                serial = keys.serial.as_str()
            ),
        );
        let tried = (!device_trials.is_empty()).then(|| {
            trial_banner(
                lang,
                keys.algorithm,
                device_trials,
                t!(lang, "done-device-key-tried-failed"),
            )
        });
        iced::widget::column![place].push(tried).spacing(12)
    });
    // At a kiosk the device goes home with the visitor; Finish wipes the visit.
    let reminder = kiosk.then(|| banner(Banner::Warning, t!(lang, "kiosk-done-take-device")));
    let home = if kiosk {
        t!(lang, "kiosk-done-finish")
    } else {
        t!(lang, "done-home")
    };
    page(t!(lang, "done-title"), t!(lang, "done-intro"))
        .push(files)
        .push(trials)
        .push(device)
        .push(reminder)
        .push(body(if gost {
            t!(lang, "done-next-gost")
        } else {
            t!(lang, "done-next")
        }))
        .push(action(home, Some(Message::Home), true))
        .into()
}

/// Where each file is and what it is for: RSA's two, or the one GOST file for both.
fn file_lines<'a>(lang: Language, files: &InstalledKeys) -> Element<'a, Message> {
    let lines = files
        .files
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let path = file.path.display().to_string();
            match (files.algorithm, index) {
                (KeyAlgorithm::Gost2015_512, _) => t!(lang, "done-file-gost", path = path),
                (KeyAlgorithm::Rsa2048, 0) => t!(lang, "done-file-auth", path = path),
                (KeyAlgorithm::Rsa2048, _) => t!(lang, "done-file-sign", path = path),
            }
        })
        .collect();
    bullets(Some(t!(lang, "done-files")), lines).into()
}

/// "Each key was tried", a line per key: the files' keys or the device's.
fn trial_banner<'a>(
    lang: Language,
    algorithm: KeyAlgorithm,
    trials: &[KitTrial],
    failed: String,
) -> Element<'a, Message> {
    let line = |trial: KitTrial| match trial {
        KitTrial::Verified => t!(lang, "done-key-tried-ok"),
        KitTrial::Mismatch => failed.clone(),
        KitTrial::NoUsableKey => t!(lang, "done-key-tried-unusable"),
    };
    let kind = if trials.iter().all(|trial| *trial == KitTrial::Verified) {
        Banner::Success
    } else {
        Banner::Error
    };
    let mut text = match algorithm {
        KeyAlgorithm::Gost2015_512 => t!(lang, "done-key-tried-gost"),
        KeyAlgorithm::Rsa2048 => t!(lang, "done-key-tried"),
    };
    for (trial, role) in trials.iter().zip(roles(lang, algorithm)) {
        text.push_str(&format!("\n{role} — {}", line(*trial)));
    }
    banner(kind, text)
}

/// The names of the files' keys in the key-trial lines, in the files' order.
fn roles(lang: Language, algorithm: KeyAlgorithm) -> Vec<String> {
    match algorithm {
        KeyAlgorithm::Gost2015_512 => vec![t!(lang, "done-key-gost")],
        KeyAlgorithm::Rsa2048 => vec![t!(lang, "inspect-role-auth"), t!(lang, "inspect-role-sign")],
    }
}

/// The done screen keeps nothing of its own: it shows what the installation wrote.
#[derive(Debug, Clone, Default)]
pub struct State;

impl crate::app::screen::Screen for State {
    fn shows_next(&self) -> bool {
        false
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(
        &mut self,
        Message::Home: Message,
        _ctx: &mut crate::app::shared::Shared,
    ) -> (iced::Task<Message>, Option<crate::app::screen::Event>) {
        (iced::Task::none(), Some(crate::app::screen::Event::Home))
    }

    fn view<'a>(&'a self, ctx: &'a crate::app::shared::Shared) -> Element<'a, Message> {
        view(
            ctx.lang,
            ctx.application.installed.as_ref(),
            ctx.devices.installed.as_ref(),
            &ctx.devices.trials,
            ctx.kiosk(),
        )
    }
}
