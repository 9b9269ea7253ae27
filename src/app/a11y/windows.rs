//! Windows: the tree goes to UI Automation (NVDA, Narrator) through `accesskit_windows`'s
//! [`SubclassingAdapter`] on iced's own window: its HWND comes from `window::run`
//! (raw-window-handle), the adapter answers the window's `WM_GETOBJECT`, and a screen reader's
//! Focus and Click come back through [`link`]. The adapter must be installed before the window
//! is first shown, so on Windows the window opens hidden ([`HIDDEN_UNTIL_ATTACHED`]) and
//! [`attach`] shows it once the adapter is in place (or could not be).

use std::cell::RefCell;

use accesskit::TreeUpdate;
use accesskit_windows::{HWND, SubclassingAdapter};
use iced::Task;
use iced::window::{self, raw_window_handle::RawWindowHandle};

use super::{Item, link};

thread_local! {
    /// The adapter lives on the window's thread (it subclasses the window procedure); iced
    /// runs `window::run`'s callback and the widgets' operations there.
    static ADAPTER: RefCell<Option<SubclassingAdapter>> = const { RefCell::new(None) };
}

/// The window opens hidden: the adapter refuses a window that was shown already.
pub const HIDDEN_UNTIL_ATTACHED: bool = true;

pub fn start() {
    link::open();
}

/// Installs the adapter on the app's window, then shows the window in `shown`.
pub fn attach<T: Send + 'static>(shown: window::Mode) -> Task<T> {
    window::latest().then(move |id| match id {
        Some(id) => window::run(id, install).then(move |installed| {
            if !installed {
                eprintln!("qoltanba: no window handle for the screen-reader adapter");
            }
            window::set_mode(id, shown)
        }),
        None => Task::none(),
    })
}

fn install(window: &dyn window::Window) -> bool {
    let Ok(handle) = window.window_handle() else {
        return false;
    };
    let RawWindowHandle::Win32(win32) = handle.as_raw() else {
        return false;
    };
    let hwnd = HWND(win32.hwnd.get() as *mut std::ffi::c_void);
    let adapter = SubclassingAdapter::new(hwnd, link::Activation, link::Actions);
    ADAPTER.with(|cell| *cell.borrow_mut() = Some(adapter));
    true
}

pub fn is_active() -> bool {
    ADAPTER.with(|cell| cell.borrow().is_some())
}

/// Sends a new tree (made of `items`) to the screen reader, if one listens.
pub fn publish(items: Vec<Item>, tree: impl FnOnce(&[Item]) -> TreeUpdate) {
    let update = tree(&items);
    link::remember(&update, items);
    let events = ADAPTER.with(|cell| {
        cell.borrow_mut()
            .as_mut()
            .and_then(|adapter| adapter.update_if_active(|| update))
    });
    // Raised outside the adapter's borrow: UI Automation may call back into it.
    if let Some(events) = events {
        events.raise();
    }
}

pub use link::requests;
