//! Linux: the tree goes to AT-SPI through `accesskit_unix` (its own D-Bus connection and
//! thread; no window handle needed), and Orca's Focus and Click come back through [`link`].

use std::sync::{Mutex, OnceLock};

use accesskit::{DeactivationHandler, TreeUpdate};
use accesskit_unix::Adapter;

use super::{Item, link};

static ADAPTER: OnceLock<Mutex<Adapter>> = OnceLock::new();

struct Deactivation;

impl DeactivationHandler for Deactivation {
    fn deactivate_accessibility(&mut self) {}
}

/// Registers the window with AT-SPI (once; the real window only, not tests).
pub fn start() {
    link::open();
    let _ = ADAPTER.set(Mutex::new(Adapter::new(
        link::Activation,
        link::Actions,
        Deactivation,
    )));
    if let Some(adapter) = ADAPTER.get()
        && let Ok(mut adapter) = adapter.lock()
    {
        adapter.update_window_focus_state(true);
    }
}

/// AT-SPI does not care when the window is shown.
pub const HIDDEN_UNTIL_ATTACHED: bool = false;

/// Nothing to do with the window itself: AT-SPI needs no handle.
pub fn attach<T: Send + 'static>(_shown: iced::window::Mode) -> iced::Task<T> {
    iced::Task::none()
}

pub fn is_active() -> bool {
    ADAPTER.get().is_some()
}

/// Sends a new tree (made of `items`) to the screen reader, if one listens.
pub fn publish(items: Vec<Item>, tree: impl FnOnce(&[Item]) -> TreeUpdate) {
    let Some(adapter) = ADAPTER.get() else {
        return;
    };
    let update = tree(&items);
    link::remember(&update, items);
    if let Ok(mut adapter) = adapter.lock() {
        adapter.update_if_active(|| update);
    }
}

pub use link::requests;
