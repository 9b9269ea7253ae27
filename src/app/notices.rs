//! Notices the root shows around a screen: the service's state, a request under way or failed
//! (with Retry), the sandbox's SMS inbox, and the answer to a status check.

use iced::Element;
use iced::widget::{column, container, row, text};

use super::step::Step;
use super::widget::nav::action;
use super::widget::{Banner, banner, caption, section};
use super::{App, Message, explain, service, theme};
use crate::t;

impl App {
    pub(super) fn service_notice(&self) -> Option<Element<'_, Message>> {
        let lang = self.lang;
        if let Some(reason) = &self.connection_error {
            return Some(
                column![
                    banner(Banner::Error, explain::connection(lang, reason)),
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
        if let Some(failure) = &self.failure {
            return Some(
                column![
                    banner(Banner::Error, explain::service(lang, &failure.error)),
                    action(t!(lang, "service-retry"), Some(Message::Retry), false),
                ]
                .spacing(10)
                .into(),
            );
        }
        if self.waiting {
            return Some(banner(Banner::Info, t!(lang, "service-waiting")));
        }
        let sandbox = self
            .connection
            .as_ref()
            .is_some_and(service::Connection::is_sandbox);
        match self.step {
            _ if Self::needs_service(self.step) && self.connection.is_none() => {
                Some(banner(Banner::Info, t!(lang, "service-connecting")))
            }
            Step::Welcome if sandbox => {
                Some(banner(Banner::Warning, t!(lang, "service-sandbox-note")))
            }
            _ => None,
        }
    }

    /// Sandbox only: the SMS the service "sent", so a person can finish the flow.
    pub(super) fn sandbox_inbox(&self) -> Option<Element<'_, Message>> {
        let lang = self.lang;
        let sandbox = self
            .connection
            .as_ref()
            .is_some_and(service::Connection::is_sandbox);
        if !sandbox || self.step != Step::Otp {
            return None;
        }
        let body: Element<'_, Message> = match self.latest_sms() {
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
                        color: theme::WARNING,
                        width: 1.5,
                        radius: 8.0.into(),
                    },
                    ..container::Style::default()
                })
                .into(),
        )
    }

    pub(super) fn status_answer(&self) -> Option<Element<'_, Message>> {
        use qoltanba_core::protocol::ApplicationStatus;
        if self.step != Step::Status {
            return None;
        }
        let answer = self.status_result.as_ref()?;
        let (status, kind) = match answer.status {
            ApplicationStatus::Processing => ("processing", Banner::Info),
            ApplicationStatus::Issued => ("issued", Banner::Success),
            ApplicationStatus::Rejected => ("rejected", Banner::Error),
        };
        let number = answer.application_number.as_str();
        let mut message = t!(self.lang, "status-result", status = status, number = number);
        if let Some(reason) = &answer.reason {
            message = format!("{message} {reason}");
        }
        Some(banner(kind, message))
    }
}
