//! The end of the road: what the citizen now has and what each key is for.

use iced::Element;

use crate::app::widget::nav::action;
use qoltanba_core::pki::KitTrial;
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
    kiosk: bool,
) -> Element<'a, Message> {
    let files = installed.map(|files| {
        let auth = files.auth_file.display().to_string();
        let sign = files.sign_file.display().to_string();
        bullets(
            Some(t!(lang, "done-files")),
            vec![
                t!(lang, "done-file-auth", path = auth),
                t!(lang, "done-file-sign", path = sign),
            ],
        )
    });
    let trials = installed.map(|files| {
        let line = |trial: KitTrial| match trial {
            KitTrial::Verified => t!(lang, "done-key-tried-ok"),
            KitTrial::Mismatch => t!(lang, "done-key-tried-failed"),
            KitTrial::NoUsableKey => t!(lang, "done-key-tried-unusable"),
        };
        let all_ok = files.trials.iter().all(|t| *t == KitTrial::Verified);
        let kind = if all_ok {
            Banner::Success
        } else {
            Banner::Error
        };
        banner(
            kind,
            format!(
                "{}\n{} — {}\n{} — {}",
                t!(lang, "done-key-tried"),
                t!(lang, "inspect-role-auth"),
                line(files.trials[0]),
                t!(lang, "inspect-role-sign"),
                line(files.trials[1]),
            ),
        )
    });
    let device = device.map(|keys| {
        banner(
            Banner::Success,
            t!(
                lang,
                "done-device",
                device = keys.label.as_str(),
                model = keys.model.as_str(),
                serial = keys.serial.as_str()
            ),
        )
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
        .push(body(t!(lang, "done-next")))
        .push(action(home, Some(Message::Home), true))
        .into()
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
            ctx.kiosk(),
        )
    }
}
