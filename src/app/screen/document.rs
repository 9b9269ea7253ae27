//! Both sides of the ID card, from a file (the system dialog or a typed path) or by camera:
//! the live picture with the card frame, the reason a frame would be refused, a button to
//! take it. Each side is checked, previewed and sent as soon as it is chosen; Next waits until
//! both are with the service.

use std::path::PathBuf;

use iced::widget::{column, container, image, row, text};
use iced::{Element, Fill, FillPortion, Task};
use qoltanba_core::client::ClientError;
use qoltanba_core::protocol::DocumentSide;

use crate::app::cameras::CameraOption;
use crate::app::photo::{self, Photo, PhotoError};
use crate::app::screen::Event;
use crate::app::screen::live::{self, Live};
use crate::app::screen::{clamp_path, preview_area};
use crate::app::shared::Shared;
use crate::app::theme;
use crate::app::widget::nav::action;
use crate::app::widget::{Feedback, Field, caption, field, page, section};
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
    /// The side being photographed with the camera (the camera is open only meanwhile).
    camera: Option<DocumentSide>,
    /// The capture button was pressed; its answer comes with a later frame.
    capturing: bool,
    /// Why the last press did not take a photo.
    refused: Option<PhotoError>,
    /// Kiosk mode: the camera only. A file dialog or a typed path would show a visitor the
    /// terminal's own files.
    pub kiosk: bool,
    /// "Choose a file" was pressed where no dialog can be shown: the path field says so.
    pub no_dialog: bool,
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
    /// Photograph this side with the camera.
    Camera(DocumentSide),
    /// Take the picture inside the card frame (if it passes the checks).
    Capture,
    /// Close the camera; both sides stay as they are.
    CameraCancel,
    /// The camera's answer to [`Message::Capture`].
    CameraTaken(DocumentSide, Result<Photo, PhotoError>),
    PickCamera(CameraOption),
    Uploaded(DocumentSide, Result<(), ClientError>),
}

/// Reads and checks a photo file off the UI thread.
fn load(side: DocumentSide, path: PathBuf) -> Task<Message> {
    Task::perform(
        async move {
            tokio::task::spawn_blocking(move || photo::load_document(&path))
                .await
                .unwrap_or_else(|e| Err(PhotoError::Damaged(e.to_string())))
        },
        move |result| Message::Loaded(side, result),
    )
}

impl State {
    /// Sends a side to the service.
    fn upload(&mut self, side: DocumentSide, photo: Photo, ctx: &mut Shared) -> Task<Message> {
        *self.slot_mut(side) = Upload::sending(photo.clone());
        ctx.service.with_session(
            move |client, session| async move {
                client
                    .upload_document(&session, side, photo.bytes.to_vec(), photo.content_type)
                    .await
                    .map(drop)
            },
            move |result| Message::Uploaded(side, result),
        )
    }

    /// A fresh step, with the card camera already open for `side` if one is given.
    pub fn with_camera(side: Option<DocumentSide>) -> Self {
        State {
            camera: side,
            ..State::default()
        }
    }

    /// The side being photographed with the camera, if the camera is open.
    pub fn camera(&self) -> Option<DocumentSide> {
        self.camera
    }

    /// Closes the card camera (leaving the step, cancel, photo taken).
    pub fn close_camera(&mut self) {
        self.camera = None;
        self.capturing = false;
        self.refused = None;
    }

    /// The camera's frames pass again: the reason of an earlier refusal no longer applies.
    pub fn clear_refusal(&mut self) {
        self.refused = None;
    }

    /// Why the last press of the capture button took no photo.
    pub fn refused(&self) -> Option<&PhotoError> {
        self.refused.as_ref()
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

    pub fn view<'a>(&'a self, lang: Language, camera: Live<'a>) -> Element<'a, Message> {
        if let Some(side) = self.camera {
            return self.camera_view(lang, side, camera);
        }
        let slot = |side: DocumentSide, heading: String| {
            let upload = self.slot(side);
            let picture: Element<'_, Message> = match upload.value() {
                Some(photo) => image(photo.preview.clone()).height(170).width(Fill).into(),
                None => preview_area(t!(lang, "document-missing"), 170.0),
            };
            let camera_label = if upload.is_empty() {
                t!(lang, "document-camera")
            } else {
                t!(lang, "document-camera-again")
            };
            column![
                section(heading),
                picture,
                upload.status(lang),
                // One above the other: side by side they do not fit half the page in Kazakh.
                column![]
                    .push((!self.kiosk).then(|| {
                        action(
                            t!(lang, "document-file"),
                            (!upload.is_sending()).then_some(Message::Browse(side)),
                            upload.is_empty(),
                        )
                    }))
                    .push(action(
                        camera_label,
                        (!upload.is_sending()).then_some(Message::Camera(side)),
                        self.kiosk && upload.is_empty(),
                    ))
                    .spacing(10),
            ]
            .spacing(10)
            .width(Fill)
        };
        let feedback = match &self.problem {
            Some(problem) => Feedback::Error(explain::photo(lang, problem)),
            None if self.no_dialog => Feedback::Error(t!(lang, "a11y-no-file-dialog")),
            None => Feedback::Hint(t!(lang, "document-path-hint")),
        };
        let intro = if self.kiosk {
            t!(lang, "document-intro-kiosk")
        } else {
            t!(lang, "document-intro")
        };
        page(t!(lang, "document-title"), intro)
            .push(
                row![
                    slot(DocumentSide::Front, t!(lang, "document-front")),
                    slot(DocumentSide::Back, t!(lang, "document-back"))
                ]
                .spacing(20),
            )
            .push((!self.kiosk).then(|| {
                field(Field {
                    label: t!(lang, "document-path-label"),
                    placeholder: t!(lang, "document-path-placeholder"),
                    value: &self.path,
                    id: PATH_ID,
                    secure: false,
                    feedback,
                    on_input: Box::new(Message::PathChanged),
                    on_submit: Some(Message::PathSubmitted),
                })
            }))
            .into()
    }

    /// The card camera for one side: the live picture with the card frame, what to fix (or
    /// that it is ready), why the last press took nothing, the buttons.
    fn camera_view<'a>(
        &'a self,
        lang: Language,
        side: DocumentSide,
        camera: Live<'a>,
    ) -> Element<'a, Message> {
        let heading = match side {
            DocumentSide::Front => t!(lang, "document-camera-front"),
            DocumentSide::Back => t!(lang, "document-camera-back"),
        };
        let check = camera
            .view
            .and_then(|v| v.card.as_ref())
            .filter(|card| card.side == side);
        let state = check.filter(|_| camera.is_running()).map(|card| {
            text(live::card_hint(lang, card.hint))
                .size(theme::SUBTITLE_SIZE)
                .font(theme::FONT_STRONG)
                .color(if card.hint.is_none() {
                    theme::success()
                } else {
                    theme::warning()
                })
        });
        let refused = self.refused.as_ref().map(|reason| {
            text(t!(
                lang,
                "document-camera-refused",
                reason = explain::photo(lang, reason)
            ))
            .size(theme::TEXT_SIZE)
            .color(theme::danger())
        });
        let take = camera.is_running() && check.is_some() && !self.capturing;
        // The picture beside what to do, so the buttons stay in view on a 768-pixel screen.
        // The card hint and a refusal are said as they change (a polite live region).
        let hints = iced::widget::container(column![].push(state).push(refused).spacing(14))
            .id(crate::app::a11y::LIVE);
        let controls = column![]
            .push(hints)
            .push(action(
                t!(lang, "document-camera-take"),
                take.then_some(Message::Capture),
                true,
            ))
            .push(action(
                t!(lang, "document-camera-cancel"),
                Some(Message::CameraCancel),
                false,
            ))
            .spacing(14)
            .width(FillPortion(2));
        page(heading, t!(lang, "document-camera-intro"))
            .push(
                row![
                    container(live::preview(lang, camera, 250.0)).width(FillPortion(3)),
                    controls
                ]
                .spacing(20),
            )
            .push(live::picker(lang, camera, Message::PickCamera))
            .push(caption(t!(lang, "document-camera-tips")))
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        State::can_continue(self)
    }

    fn needs_service(&self) -> bool {
        true
    }

    /// The card camera, while one side is being photographed.
    fn camera(&self) -> Option<crate::app::camera::Purpose> {
        State::camera(self).map(crate::app::camera::Purpose::Card)
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(&mut self, message: Message, ctx: &mut Shared) -> (Task<Message>, Option<Event>) {
        match message {
            Message::Browse(_) | Message::PathSubmitted if self.kiosk => {}
            Message::Browse(_) if !ctx.dialogs.can_show_dialog() => {
                self.no_dialog = true;
                return (Task::none(), Some(Event::Focus(PATH_ID)));
            }
            Message::Browse(side) => {
                let title = t!(ctx.lang, "document-dialog-title");
                let dialog =
                    Task::perform(photo::pick(title), move |path| Message::Picked(side, path));
                return (dialog, None);
            }
            Message::Picked(side, Some(path)) => return (load(side, path), None),
            Message::Picked(_, None) => {}
            Message::PathChanged(value) => self.path = clamp_path(value),
            Message::PathSubmitted => {
                let path = self.path.trim();
                if !path.is_empty() {
                    let side = if self.front.is_empty() {
                        DocumentSide::Front
                    } else {
                        DocumentSide::Back
                    };
                    return (load(side, PathBuf::from(path)), None);
                }
            }
            Message::Loaded(side, Ok(photo)) => {
                self.problem = None;
                self.path.clear();
                return (self.upload(side, photo, ctx), None);
            }
            Message::Loaded(_, Err(problem)) => self.problem = Some(problem),
            Message::Camera(side) => {
                if !self.slot(side).is_sending() {
                    self.camera = Some(side);
                    self.capturing = false;
                    self.refused = None;
                }
            }
            Message::Capture => {
                if self.camera.is_some() && !self.capturing {
                    self.capturing = true;
                    // The next frame is checked and taken if it passes.
                    if let Some(engine) = &ctx.camera.engine {
                        engine.request_capture();
                    }
                }
            }
            Message::CameraCancel => self.close_camera(),
            Message::CameraTaken(side, result) if self.camera == Some(side) => {
                self.capturing = false;
                match result {
                    Ok(photo) => {
                        self.close_camera();
                        self.problem = None;
                        return (self.upload(side, photo, ctx), None);
                    }
                    Err(refused) => self.refused = Some(refused),
                }
            }
            Message::CameraTaken(..) => {}
            Message::PickCamera(option) => return (Task::none(), Some(Event::PickCamera(option))),
            Message::Uploaded(side, result) => self.slot_mut(side).finish(result),
        }
        (Task::none(), None)
    }

    fn view<'a>(&'a self, ctx: &'a Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang, ctx.live())
    }
}
