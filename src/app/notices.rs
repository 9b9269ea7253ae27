//! Notices the root shows around a screen: the service's state, a request under way or failed
//! (with Retry), the sandbox's SMS inbox, and the answer to a status check.

use iced::Element;
use iced::widget::{column, container, row, text};

use super::widget::nav::action;
use super::widget::{Banner, banner, caption, section};
use super::{App, Message, explain, service, theme};
use crate::t;

impl App {
    pub(super) fn service_notice(&self) -> Option<Element<'_, Message>> {
        let lang = self.shared.lang;
        if let Some(error) = &self.shared.service.connection_error {
            return Some(
                column![
                    banner(Banner::Error, explain::connect(lang, error)),
                    action(
                        t!(lang, "service-retry"),
                        Some(Message::ReconnectService),
                        false
                    ),
                ]
                .spacing(10)
                .into(),
            );
        }
        if let Some(error) = &self.shared.service.failure {
            return Some(
                column![
                    banner(Banner::Error, explain::service(lang, error)),
                    action(t!(lang, "service-retry"), Some(Message::Retry), false),
                ]
                .spacing(10)
                .into(),
            );
        }
        if self.shared.service.waiting {
            return Some(banner(Banner::Info, t!(lang, "service-waiting")));
        }
        let screen = self.steps.get(self.step);
        if screen.needs_service() && self.shared.service.connection.is_none() {
            return Some(banner(Banner::Info, t!(lang, "service-connecting")));
        }
        (screen.explains_sandbox() && self.shared.service.is_sandbox())
            .then(|| banner(Banner::Warning, t!(lang, "service-sandbox-note")))
    }

    /// Sandbox only: the SMS the service "sent", so a person can finish the flow.
    pub(super) fn sandbox_inbox(&self) -> Option<Element<'_, Message>> {
        let lang = self.shared.lang;
        let sandbox = self
            .shared
            .service
            .connection
            .as_ref()
            .is_some_and(service::Connection::is_sandbox);
        if !sandbox || !self.steps.get(self.step).shows_sandbox_inbox() {
            return None;
        }
        let body: Element<'_, Message> = match self.shared.service.latest_sms() {
            Some(sms) => column![
                text(t!(lang, "sandbox-sms-code", code = sms.code.as_str()))
                    .size(theme::SUBTITLE_SIZE)
                    .font(theme::FONT_STRONG),
                caption(format!("{} · {}", sms.phone, sms.text)),
            ]
            .spacing(4)
            .into(),
            None => caption(t!(lang, "sandbox-sms-empty")).into(),
        };
        Some(
            container(column![row![section(t!(lang, "sandbox-sms-title"))], body].spacing(8))
                .padding(14)
                .width(iced::Fill)
                .style(|_| container::Style {
                    background: Some(iced::Background::Color(iced::color!(0xfff6d6))),
                    border: iced::Border {
                        color: theme::warning(),
                        width: 1.5,
                        radius: 8.0.into(),
                    },
                    ..container::Style::default()
                })
                .into(),
        )
    }
}
