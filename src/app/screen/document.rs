//! Both sides of the ID card, from a file (the system dialog or a typed path) or, once the
//! camera engine is there, by camera. Each side is checked, previewed and sent as soon as it
//! is chosen; Next waits until both are with the service.

use std::path::PathBuf;

use iced::widget::{column, image, row};
use iced::{Element, Fill};
use qoltanba_core::protocol::DocumentSide;

use crate::app::photo::{Photo, PhotoError};
use crate::app::screen::{clamp_path, preview_area};
use crate::app::widget::nav::action;
use crate::app::widget::{Banner, Feedback, Field, banner, field, page, section};
use crate::app::{explain, upload::Upload};
use crate::i18n::Language;
use crate::t;

pub const PATH_ID: &str = "document-path";

#[derive(Debug, Clone, Default)]
pub struct State {
    pub front: Upload<Photo>,
    pub back: Upload<Photo>,
    path: String,
    /// The last file that could not be used, with the reason.
    problem: Option<PhotoError>,
}

#[derive(Debug, Clone)]
pub enum Message {
    /// Open the system file dialog for a side.
    Browse(DocumentSide),
    /// The dialog closed (`None`: cancelled or no dialog available).
    Picked(DocumentSide, Option<PathBuf>),
    PathChanged(String),
    /// Enter in the path field: load it into the first side still missing.
    PathSubmitted,
    Loaded(DocumentSide, Result<Photo, PhotoError>),
}

#[derive(Debug, Clone)]
pub enum Event {
    /// Show the file dialog for this side (the parent runs it off the UI thread).
    Browse(DocumentSide),
    /// Read and check this file (off the UI thread).
    Load(DocumentSide, PathBuf),
    /// Send this side to the service.
    Upload(DocumentSide, Photo),
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Browse(side) => Some(Event::Browse(side)),
            Message::Picked(side, path) => path.map(|path| Event::Load(side, path)),
            Message::PathChanged(value) => {
                self.path = clamp_path(value);
                None
            }
            Message::PathSubmitted => {
                let path = self.path.trim();
                if path.is_empty() {
                    return None;
                }
                let side = if self.front.is_empty() {
                    DocumentSide::Front
                } else {
                    DocumentSide::Back
                };
                Some(Event::Load(side, PathBuf::from(path)))
            }
            Message::Loaded(side, Ok(photo)) => {
                self.problem = None;
                self.path.clear();
                *self.slot_mut(side) = Upload::sending(photo.clone());
                Some(Event::Upload(side, photo))
            }
            Message::Loaded(_, Err(problem)) => {
                self.problem = Some(problem);
                None
            }
        }
    }

    pub fn slot(&self, side: DocumentSide) -> &Upload<Photo> {
        match side {
            DocumentSide::Front => &self.front,
            DocumentSide::Back => &self.back,
        }
    }

    pub fn slot_mut(&mut self, side: DocumentSide) -> &mut Upload<Photo> {
        match side {
            DocumentSide::Front => &mut self.front,
            DocumentSide::Back => &mut self.back,
        }
    }

    pub fn problem(&self) -> Option<&PhotoError> {
        self.problem.as_ref()
    }

    pub fn can_continue(&self) -> bool {
        self.front.is_sent() && self.back.is_sent()
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let slot = |side: DocumentSide, heading: String| {
            let upload = self.slot(side);
            let picture: Element<'_, Message> = match upload.value() {
                Some(photo) => image(photo.preview.clone()).height(170).width(Fill).into(),
                None => preview_area(t!(lang, "document-missing"), 170.0),
            };
            column![
                section(heading),
                picture,
                upload.status(lang),
                // One above the other: side by side they do not fit half the page in Kazakh.
                column![
                    action(
                        t!(lang, "document-file"),
                        (!upload.is_sending()).then_some(Message::Browse(side)),
                        upload.is_empty()
                    ),
                    action(t!(lang, "document-camera"), None, false),
                ]
                .spacing(10),
            ]
            .spacing(10)
            .width(Fill)
        };
        let feedback = match &self.problem {
            Some(problem) => Feedback::Error(explain::photo(lang, problem)),
            None => Feedback::Hint(t!(lang, "document-path-hint")),
        };
        page(t!(lang, "document-title"), t!(lang, "document-intro"))
            .push(
                row![
                    slot(DocumentSide::Front, t!(lang, "document-front")),
                    slot(DocumentSide::Back, t!(lang, "document-back"))
                ]
                .spacing(20),
            )
            .push(field(Field {
                label: t!(lang, "document-path-label"),
                placeholder: t!(lang, "document-path-placeholder"),
                value: &self.path,
                id: PATH_ID,
                secure: false,
                feedback,
                on_input: Box::new(Message::PathChanged),
                on_submit: Some(Message::PathSubmitted),
            }))
            .push(banner(Banner::Info, t!(lang, "document-camera-later")))
            .into()
    }
}
