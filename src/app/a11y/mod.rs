//! Screen readers. iced 0.14 has no accessibility of its own, so the tree is made here from
//! what the wizard shows: one pass over the window's widgets (the same operations iced's
//! focus and tests use) lists its texts, fields and buttons in reading order, and
//! [`tree`] turns that into an AccessKit tree. A field is labelled by the text before it
//! and described by the text after it (its validation message, a polite live region); a
//! button is named by its texts and knows whether it is enabled; a checkbox whether it is
//! ticked; the window's name is the step's title, so moving on is announced. On Linux the
//! tree goes to AT-SPI (`linux.rs`), on Windows to UI Automation (`windows.rs`), and a screen
//! reader's Focus and Click come back as [`Request`]s the app carries out like keys.

use accesskit::{Live, Node, NodeId, Rect, Role, Toggled, TreeInfo, TreeUpdate};
use iced::Rectangle;
use iced::advanced::widget::operation::{Focusable, TextInput};
use iced::advanced::widget::{Id, Operation};

#[cfg(any(target_os = "linux", windows))]
mod link;
#[cfg(target_os = "linux")]
#[path = "linux.rs"]
mod platform;
#[cfg(windows)]
#[path = "windows.rs"]
mod platform;
#[cfg(not(any(target_os = "linux", windows)))]
mod platform {
    //! No adapter here yet (see docs/accessibility.md): nothing is sent.
    pub const HIDDEN_UNTIL_ATTACHED: bool = false;
    pub fn start() {}
    pub fn attach<T: Send + 'static>(_shown: iced::window::Mode) -> iced::Task<T> {
        iced::Task::none()
    }
    pub fn publish(
        _items: Vec<super::Item>,
        _tree: impl FnOnce(&[super::Item]) -> accesskit::TreeUpdate,
    ) {
    }
    pub fn is_active() -> bool {
        false
    }
    pub fn requests() -> iced::Subscription<super::Request> {
        iced::Subscription::none()
    }
}

pub use platform::{HIDDEN_UNTIL_ATTACHED, attach, is_active, publish, requests, start};

/// What a pressable element (`widget::focus`) says of itself to the tree.
#[derive(Debug, Clone, Copy)]
pub struct Pressable {
    pub enabled: bool,
    /// `Some` for a checkbox: whether it is ticked.
    pub checked: Option<bool>,
    /// `Some` for a choice card (a radio button): whether it is the chosen one.
    pub selected: Option<bool>,
    /// Set by [`Press`]: the screen reader pressed it; it sends its message.
    pub press: bool,
}

/// Presses the pressable element with this id (a screen reader's Click).
pub struct Press(pub Id);

impl Operation for Press {
    fn custom(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn std::any::Any) {
        if id == Some(&self.0)
            && let Some(pressable) = state.downcast_mut::<Pressable>()
        {
            pressable.press = pressable.enabled;
        }
    }

    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
}

/// A screen reader's request, for the element with this focus id.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    Focus(Id),
    Press(Id),
}

/// One thing the window shows, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(String),
    /// A text in a live region (`LIVE`): a camera hint, a countdown, a wait.
    Live(String),
    Button {
        id: Option<Id>,
        name: String,
        enabled: bool,
        checked: Option<bool>,
        /// `Some` for a choice card: whether it is the chosen one.
        selected: Option<bool>,
        focused: bool,
        bounds: [f32; 4],
    },
    Field {
        id: Option<Id>,
        value: String,
        secure: bool,
        focused: bool,
        bounds: [f32; 4],
    },
}

fn corners(b: Rectangle) -> [f32; 4] {
    [b.x, b.y, b.x + b.width, b.y + b.height]
}

/// Lists the window's texts, fields and buttons.
#[derive(Default)]
pub struct Collect {
    pub items: Vec<Item>,
    /// A pressable just reported: its traverse holds its texts.
    pending: Option<usize>,
    inside: Vec<usize>,
    focused: Option<Id>,
    /// The step's title (the text in the `PAGE_TITLE` container).
    pub title: Option<String>,
    title_next: bool,
    /// A live-region container just reported; its traverse holds its texts.
    live_next: bool,
    live_depth: usize,
}

/// The id of a container whose texts are said when they change (a polite live region).
pub const LIVE: &str = "live-region";

/// The id of the container around each step's title (`widget::page`).
pub const PAGE_TITLE: &str = "page-title";

impl Operation for Collect {
    fn focusable(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.focused = id.cloned();
        }
        match self.items.last_mut() {
            Some(Item::Button {
                id: own, focused, ..
            }) if own.as_ref() == id => {
                *focused = state.is_focused();
            }
            Some(Item::Field {
                id: own, focused, ..
            }) if own.as_ref() == id => {
                *focused = state.is_focused();
            }
            _ => {}
        }
    }

    fn text_input(&mut self, id: Option<&Id>, bounds: Rectangle, state: &mut dyn TextInput) {
        let value = state.text().to_owned();
        // The field shows a secret only as dots.
        let secure = !value.is_empty() && value.chars().all(|c| c == '•');
        self.items.push(Item::Field {
            id: id.cloned(),
            value,
            secure,
            focused: false,
            bounds: corners(bounds),
        });
    }

    fn container(&mut self, id: Option<&Id>, _bounds: Rectangle) {
        if id.is_some_and(|id| *id == Id::new(PAGE_TITLE)) {
            self.title_next = true;
        }
        if id.is_some_and(|id| *id == Id::new(LIVE)) {
            self.live_next = true;
        }
    }

    fn text(&mut self, _id: Option<&Id>, _bounds: Rectangle, text: &str) {
        if text.trim().is_empty() {
            return;
        }
        if std::mem::take(&mut self.title_next) {
            self.title = Some(text.to_owned());
        }
        if let Some(&button) = self.inside.last()
            && let Some(Item::Button { name, .. }) = self.items.get_mut(button)
        {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(text);
            return;
        }
        if self.live_depth > 0 {
            self.items.push(Item::Live(text.to_owned()));
        } else {
            self.items.push(Item::Text(text.to_owned()));
        }
    }

    fn custom(&mut self, id: Option<&Id>, bounds: Rectangle, state: &mut dyn std::any::Any) {
        if let Some(pressable) = state.downcast_ref::<Pressable>() {
            self.pending = Some(self.items.len());
            self.items.push(Item::Button {
                id: id.cloned(),
                name: String::new(),
                enabled: pressable.enabled,
                checked: pressable.checked,
                selected: pressable.selected,
                focused: false,
                bounds: corners(bounds),
            });
        }
    }

    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        if std::mem::take(&mut self.live_next) {
            self.live_depth += 1;
            operate(self);
            self.live_depth -= 1;
            return;
        }
        match self.pending.take() {
            Some(button) => {
                self.inside.push(button);
                operate(self);
                self.inside.pop();
            }
            None => operate(self),
        }
    }
}

const ROOT: NodeId = NodeId(0);

use node_ids::node_ids;

/// The AccessKit tree of what the window shows; `title` names the window (the step).
/// `scale` turns layout pixels into the window's.
pub fn tree(title: &str, items: &[Item], scale: f64) -> TreeUpdate {
    let rect = |b: &[f32; 4]| Rect {
        x0: f64::from(b[0]) * scale,
        y0: f64::from(b[1]) * scale,
        x1: f64::from(b[2]) * scale,
        y1: f64::from(b[3]) * scale,
    };
    let ids = node_ids(items);
    let mut nodes = Vec::with_capacity(items.len() + 1);
    let mut focus = ROOT;
    for (index, item) in items.iter().enumerate() {
        let node = match item {
            Item::Text(text) => {
                let mut node = Node::new(Role::Label);
                node.set_value(text.as_str());
                // A validation message, a camera hint, a wait: said when it changes.
                if matches!(
                    index.checked_sub(1).map(|i| &items[i]),
                    Some(Item::Field { .. })
                ) {
                    node.set_live(Live::Polite);
                }
                node
            }
            Item::Live(text) => {
                let mut node = Node::new(Role::Label);
                node.set_value(text.as_str());
                node.set_live(Live::Polite);
                node
            }
            Item::Button {
                name,
                enabled,
                checked,
                selected,
                focused,
                bounds,
                ..
            } => {
                let mut node = Node::new(match (checked, selected) {
                    (Some(_), _) => Role::CheckBox,
                    (None, Some(_)) => Role::RadioButton,
                    (None, None) => Role::Button,
                });
                node.set_label(name.as_str());
                node.set_bounds(rect(bounds));
                if let Some(on) = checked.or(*selected) {
                    node.set_toggled(if on { Toggled::True } else { Toggled::False });
                }
                // Offered even while disabled (AT-SPI keeps an object's interfaces for its
                // life); a disabled element ignores the press (`Press`).
                node.add_action(accesskit::Action::Click);
                node.add_action(accesskit::Action::Focus);
                if !*enabled {
                    node.set_disabled();
                }
                if *focused {
                    focus = ids[index];
                }
                node
            }
            Item::Field {
                value,
                secure,
                focused,
                bounds,
                ..
            } => {
                let mut node = Node::new(if *secure {
                    Role::PasswordInput
                } else {
                    Role::TextInput
                });
                node.set_value(value.as_str());
                node.set_bounds(rect(bounds));
                node.add_action(accesskit::Action::Focus);
                if let Some(Item::Text(label)) = index.checked_sub(1).map(|i| &items[i]) {
                    node.set_label(label.as_str());
                    node.set_labelled_by(vec![ids[index - 1]]);
                }
                if let Some(Item::Text(_)) = items.get(index + 1) {
                    node.set_described_by(vec![ids[index + 1]]);
                }
                if *focused {
                    focus = ids[index];
                }
                node
            }
        };
        nodes.push((ids[index], node));
    }
    let mut root = Node::new(Role::Window);
    root.set_label(title);
    root.set_children(ids);
    nodes.insert(0, (ROOT, root));
    let mut info = TreeInfo::new(ROOT);
    info.toolkit_name = Some("Qoltanba (iced)".into());
    TreeUpdate {
        nodes,
        tree: Some(info),
        tree_id: accesskit::TreeId::ROOT,
        focus,
    }
}

/// The focus id of the element behind node `node` in `items`.
pub fn element(items: &[Item], node: NodeId) -> Option<Id> {
    let index = node_ids(items).iter().position(|id| *id == node)?;
    match items.get(index)? {
        Item::Button { id, .. } | Item::Field { id, .. } => id.clone(),
        Item::Text(_) | Item::Live(_) => None,
    }
}

mod node_ids;
#[cfg(test)]
mod tests;
