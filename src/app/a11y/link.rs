//! What every platform adapter shares: the last tree (for a screen reader that starts later)
//! with the items behind its nodes, the handlers AccessKit calls, and the channel that brings a
//! screen reader's Focus and Click back to the app's subscription.

use std::sync::{Mutex, OnceLock};

use accesskit::{Action, ActionHandler, ActionRequest, ActivationHandler, TreeUpdate};
use iced::futures::channel::mpsc;
use iced::futures::{StreamExt, stream};

use super::{Item, Request, element};

struct Link {
    last: Mutex<(Option<TreeUpdate>, Vec<Item>)>,
    sender: mpsc::UnboundedSender<Request>,
    receiver: Mutex<Option<mpsc::UnboundedReceiver<Request>>>,
}

static LINK: OnceLock<Link> = OnceLock::new();

/// Opens the link (once; the real window only, not tests).
pub fn open() {
    let (sender, receiver) = mpsc::unbounded();
    let _ = LINK.set(Link {
        last: Mutex::new((None, Vec::new())),
        sender,
        receiver: Mutex::new(Some(receiver)),
    });
}

/// Keeps the tree just sent and the items it was made of.
pub fn remember(update: &TreeUpdate, items: Vec<Item>) {
    if let Some(link) = LINK.get()
        && let Ok(mut last) = link.last.lock()
    {
        *last = (Some(update.clone()), items);
    }
}

/// Gives a screen reader that starts listening the last tree.
pub struct Activation;

impl ActivationHandler for Activation {
    fn request_initial_tree(&mut self) -> Option<TreeUpdate> {
        LINK.get()?.last.lock().ok()?.0.clone()
    }
}

/// Turns a screen reader's Focus and Click into [`Request`]s for the app.
pub struct Actions;

impl ActionHandler for Actions {
    fn do_action(&mut self, request: ActionRequest) {
        let Some(link) = LINK.get() else {
            return;
        };
        let Some(id) = link
            .last
            .lock()
            .ok()
            .and_then(|last| element(&last.1, request.target_node))
        else {
            return;
        };
        let request = match request.action {
            Action::Focus => Request::Focus(id),
            Action::Click => Request::Press(id),
            _ => return,
        };
        let _ = link.sender.unbounded_send(request);
    }
}

/// The screen reader's requests, as the app's subscription.
pub fn requests() -> iced::Subscription<Request> {
    iced::Subscription::run(|| {
        let receiver = LINK
            .get()
            .and_then(|link| link.receiver.lock().ok()?.take());
        match receiver {
            Some(receiver) => receiver.boxed(),
            None => stream::pending().boxed(),
        }
    })
}
