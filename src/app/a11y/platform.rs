//! Linux: the tree goes to AT-SPI through `accesskit_unix` (its own D-Bus connection and
//! thread; no window handle needed), and Orca's Focus and Click come back over a channel the
//! app's subscription reads.

use std::sync::{Mutex, OnceLock};

use accesskit::TreeUpdate;
use accesskit::{Action, ActionHandler, ActionRequest, ActivationHandler, DeactivationHandler};
use accesskit_unix::Adapter;
use iced::futures::channel::mpsc;
use iced::futures::{StreamExt, stream};

use super::{Item, Request, element};

struct Shared {
    adapter: Mutex<Adapter>,
    /// The last tree, for a screen reader that starts later, and the items behind its nodes.
    last: Mutex<(Option<TreeUpdate>, Vec<Item>)>,
    sender: mpsc::UnboundedSender<Request>,
    receiver: Mutex<Option<mpsc::UnboundedReceiver<Request>>>,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

struct Activation;

impl ActivationHandler for Activation {
    fn request_initial_tree(&mut self) -> Option<TreeUpdate> {
        let shared = SHARED.get()?;
        shared.last.lock().ok()?.0.clone()
    }
}

struct Actions;

impl ActionHandler for Actions {
    fn do_action(&mut self, request: ActionRequest) {
        let Some(shared) = SHARED.get() else {
            return;
        };
        let Some(id) = shared
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
        let _ = shared.sender.unbounded_send(request);
    }
}

struct Deactivation;

impl DeactivationHandler for Deactivation {
    fn deactivate_accessibility(&mut self) {}
}

/// Registers the window with AT-SPI (once; the real window only, not tests).
pub fn start() {
    let (sender, receiver) = mpsc::unbounded();
    let _ = SHARED.set(Shared {
        adapter: Mutex::new(Adapter::new(Activation, Actions, Deactivation)),
        last: Mutex::new((None, Vec::new())),
        sender,
        receiver: Mutex::new(Some(receiver)),
    });
    if let Some(shared) = SHARED.get()
        && let Ok(mut adapter) = shared.adapter.lock()
    {
        adapter.update_window_focus_state(true);
    }
}

pub fn is_active() -> bool {
    SHARED.get().is_some()
}

/// Sends a new tree (made of `items`) to the screen reader, if one listens.
pub fn publish(items: Vec<Item>, tree: impl FnOnce(&[Item]) -> TreeUpdate) {
    let Some(shared) = SHARED.get() else {
        return;
    };
    let update = tree(&items);
    if let Ok(mut last) = shared.last.lock() {
        *last = (Some(update.clone()), items);
    }
    if let Ok(mut adapter) = shared.adapter.lock() {
        adapter.update_if_active(|| update);
    }
}

/// The screen reader's requests, as the app's subscription.
pub fn requests() -> iced::Subscription<Request> {
    iced::Subscription::run(|| {
        let receiver = SHARED
            .get()
            .and_then(|shared| shared.receiver.lock().ok()?.take());
        match receiver {
            Some(receiver) => receiver.boxed(),
            None => stream::pending().boxed(),
        }
    })
}
