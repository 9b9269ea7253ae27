//! Something the citizen gave that goes to the service (a photo, a video): what it is, and
//! whether it is on its way, accepted, or refused with the service's reason.

use iced::Element;
use iced::widget::text;
use qoltanba_core::client::ClientError;

use crate::app::{explain, theme};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Default)]
pub enum Upload<T> {
    #[default]
    Empty,
    Sending(T),
    Sent(T),
    Failed(T, ClientError),
}

impl<T> Upload<T> {
    pub fn sending(value: T) -> Self {
        Upload::Sending(value)
    }

    pub fn value(&self) -> Option<&T> {
        match self {
            Upload::Empty => None,
            Upload::Sending(v) | Upload::Sent(v) | Upload::Failed(v, _) => Some(v),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Upload::Empty)
    }

    pub fn is_sending(&self) -> bool {
        matches!(self, Upload::Sending(_))
    }

    pub fn is_sent(&self) -> bool {
        matches!(self, Upload::Sent(_))
    }

    /// The service's answer for what was being sent.
    pub fn finish(&mut self, result: Result<(), ClientError>) {
        let state = std::mem::take(self);
        *self = match (state, result) {
            (Upload::Sending(v), Ok(())) => Upload::Sent(v),
            (Upload::Sending(v), Err(e)) => Upload::Failed(v, e),
            // An answer for something already replaced: keep what is there now.
            (other, _) => other,
        };
    }

    /// One line under the item: sending, accepted, or why it was refused.
    pub fn status<'a, M: 'a>(&self, lang: Language) -> Element<'a, M> {
        let (line, color) = match self {
            Upload::Empty => (String::new(), theme::muted()),
            Upload::Sending(_) => (t!(lang, "upload-sending"), theme::muted()),
            Upload::Sent(_) => (t!(lang, "upload-sent"), theme::success()),
            Upload::Failed(_, error) => (explain::service(lang, error), theme::danger()),
        };
        text(line).size(theme::SMALL_SIZE).color(color).into()
    }
}
