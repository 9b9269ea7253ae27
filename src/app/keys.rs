//! The wizard's keyboard, as one widget around the whole window: Tab and Shift+Tab move the
//! focus through every focusable element (text fields, and buttons, cards and checkboxes made
//! focusable by `widget::focus`) in reading order; keys no element took become the wizard's
//! own (Enter: Next, Esc: Back, F2: language, arrows: within a group, Space: the step's
//! checkbox). The focused element is kept in the app (`Message::Focused`) so a step change
//! can put it somewhere and a rebuilt window (or the test simulator) finds it again; the
//! same path serves the real window and iced_test's simulator.

use iced::advanced::layout::Layout;
use iced::advanced::renderer;
use iced::advanced::widget::operation::{Focusable, Outcome, focusable};
use iced::advanced::widget::{Id, Operation, Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget, mouse};
use iced::keyboard::{self, key};
use iced::{Element, Event, Rectangle, Theme};

use super::{Message, a11y};

/// What the app wants of the window besides drawing it.
pub struct Wanted {
    /// The element the app holds focused.
    pub focus: Option<Id>,
    /// A screen reader's last Click.
    pub press: Option<(u64, Id)>,
    /// The window's name for screen readers (the step's title follows it).
    pub title: String,
    pub scale: f32,
    /// An arrow key just moved a selection: the focus ring follows it (see
    /// [`Keys::follow_selection`]).
    pub follow: bool,
}

/// `content` with the wizard's keys, and its accessibility tree.
pub fn keys<'a>(content: Element<'a, Message>, wanted: Wanted) -> Element<'a, Message> {
    Element::new(Keys {
        content,
        focus: wanted.focus.clone(),
        wanted,
    })
}

struct Keys<'a> {
    content: Element<'a, Message>,
    focus: Option<Id>,
    wanted: Wanted,
}

#[derive(Default)]
struct State {
    /// The app's focus as last applied to the tree (`None`: not yet).
    applied: Option<Option<Id>>,
    /// What the tree has focused, as last told to the app.
    current: Option<Id>,
    /// The screen reader's Click last carried out.
    pressed: Option<u64>,
    /// What the accessibility tree was last made of.
    published: Option<(String, Vec<a11y::Item>)>,
}

/// Which element is focused, if it has an id.
#[derive(Default)]
struct Focused(Option<Id>);

impl Operation for Focused {
    fn focusable(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() {
            self.0 = id.cloned();
        }
    }

    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
}

/// The choice cards shown: their ids (as written by `Debug`) and whether each is chosen.
#[derive(Default)]
struct Choices(Vec<(Id, String, bool)>);

impl Operation for Choices {
    fn custom(&mut self, id: Option<&Id>, _bounds: Rectangle, state: &mut dyn std::any::Any) {
        if let (Some(id), Some(pressable)) = (id, state.downcast_ref::<a11y::Pressable>())
            && let Some(selected) = pressable.selected
        {
            self.0.push((id.clone(), format!("{id:?}"), selected));
        }
    }

    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
}

/// The group a choice card belongs to: cards of one group send the same message with another
/// value, so their ids (`press:<type>:<message>`) agree up to the value's parenthesis.
fn group(id: &str) -> &str {
    let start = id.find("press:").unwrap_or(0);
    match id[start..].find('(') {
        Some(end) => &id[..start + end],
        None => id,
    }
}

/// What a key no element took means to the wizard.
fn wizard_key(named: key::Named) -> Option<Message> {
    Some(match named {
        key::Named::Enter => Message::Next,
        key::Named::Escape => Message::Back,
        key::Named::F2 => Message::CycleLanguage,
        key::Named::ArrowUp => Message::Arrow { up: true },
        key::Named::ArrowDown => Message::Arrow { up: false },
        key::Named::ArrowLeft => Message::Side { right: false },
        key::Named::ArrowRight => Message::Side { right: true },
        key::Named::Space => Message::Toggle,
        _ => return None,
    })
}

/// Ctrl with `=`/`+`, `-`, `0`: text size larger, smaller, back to 100%.
fn display_key(c: &str) -> Option<super::display::Message> {
    use super::display::Message;
    Some(match c {
        "=" | "+" => Message::Larger,
        "-" => Message::Smaller,
        "0" => Message::Reset,
        _ => return None,
    })
}

impl Keys<'_> {
    /// Runs an operation (and what it chains) over the content.
    fn run(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: Box<dyn Operation>,
    ) {
        let mut operation = operation;
        loop {
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                operation.as_mut(),
            );
            match operation.finish() {
                Outcome::Chain(next) => operation = next,
                _ => break,
            }
        }
    }

    /// Sends the window's accessibility tree when what it shows changed (a screen reader
    /// may listen: Linux only for now).
    fn publish(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &iced::Renderer) {
        if !a11y::is_active() {
            return;
        }
        let mut collect = a11y::Collect::default();
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, &mut collect);
        let title = match &collect.title {
            Some(step) => format!("{} — {step}", self.wanted.title),
            None => self.wanted.title.clone(),
        };
        let state = tree.state.downcast_mut::<State>();
        let seen = Some((title.clone(), collect.items.clone()));
        if state.published == seen {
            return;
        }
        state.published = seen;
        let scale = f64::from(self.wanted.scale);
        a11y::publish(collect.items, |items| a11y::tree(&title, items, scale));
    }

    /// Scrolls the focused element into view.
    fn reveal(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &iced::Renderer) {
        let content = &mut self.content;
        let child = &mut tree.children[0];
        super::reveal::reveal_focused(|operation| {
            content
                .as_widget_mut()
                .operate(child, layout, renderer, operation);
        });
    }

    /// After an arrow key moved a group's selection away from the focused card, the focus goes
    /// to the card now chosen in that group (as in any radio group), so Enter and the ring
    /// agree with what is selected.
    fn follow_selection(&mut self, tree: &mut Tree, layout: Layout<'_>, renderer: &iced::Renderer) {
        let Some(focused) = self.focused(tree, layout, renderer) else {
            return;
        };
        let mut choices = Choices::default();
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, &mut choices);
        let Some((_, name, false)) = choices.0.iter().find(|(id, ..)| *id == focused) else {
            return;
        };
        let target = choices
            .0
            .iter()
            .find(|(_, other, selected)| *selected && group(other) == group(name));
        if let Some((id, ..)) = target {
            self.run(
                tree,
                layout,
                renderer,
                Box::new(focusable::focus(id.clone())),
            );
            self.reveal(tree, layout, renderer);
        }
    }

    fn focused(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
    ) -> Option<Id> {
        let mut found = Focused::default();
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, &mut found);
        found.0
    }
}

impl Widget<Message, Theme, iced::Renderer> for Keys<'_> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    crate::app::widget::wrapper::pass_to_content!(Message);

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(&mut tree.children[0], layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        // The app moved the focus (a new step), or this is a fresh tree: the tree follows.
        let wanted = self.focus.clone();
        if tree.state.downcast_ref::<State>().applied.as_ref() != Some(&wanted)
            && self.focused(tree, layout, renderer) != wanted
        {
            let operation: Box<dyn Operation> = match wanted.clone() {
                Some(id) => Box::new(focusable::focus(id)),
                None => Box::new(focusable::unfocus()),
            };
            self.run(tree, layout, renderer, operation);
            self.reveal(tree, layout, renderer);
        }
        let state = tree.state.downcast_mut::<State>();
        if state.applied.as_ref() != Some(&wanted) {
            state.applied = Some(wanted.clone());
            state.current = wanted;
        }
        if self.wanted.follow {
            self.follow_selection(tree, layout, renderer);
        }
        if let Some((number, id)) = self.wanted.press.clone()
            && tree.state.downcast_ref::<State>().pressed != Some(number)
        {
            tree.state.downcast_mut::<State>().pressed = Some(number);
            self.run(tree, layout, renderer, Box::new(a11y::Press(id)));
        }
        self.content.as_widget_mut().update(
            &mut tree.children[0],
            event,
            layout,
            cursor,
            renderer,
            clipboard,
            shell,
            viewport,
        );
        if matches!(
            event,
            Event::Window(iced::window::Event::RedrawRequested(_))
        ) {
            self.publish(tree, layout, renderer);
        }
        if !shell.is_event_captured()
            && let Event::Keyboard(keyboard::Event::KeyPressed {
                key: keyboard::Key::Named(named),
                modifiers,
                ..
            }) = event
        {
            if *named == key::Named::Tab {
                let operation: Box<dyn Operation> = if modifiers.shift() {
                    Box::new(focusable::focus_previous())
                } else {
                    Box::new(focusable::focus_next())
                };
                self.run(tree, layout, renderer, operation);
                self.reveal(tree, layout, renderer);
                shell.capture_event();
                shell.request_redraw();
            } else if let Some(message) = wizard_key(*named) {
                shell.publish(message);
            }
        } else if !shell.is_event_captured()
            && let Event::Keyboard(keyboard::Event::KeyPressed {
                key: keyboard::Key::Character(c),
                modifiers,
                ..
            }) = event
            && modifiers.command()
            && let Some(message) = display_key(c)
        {
            shell.publish(Message::Display(message));
            shell.capture_event();
        }
        // Tell the app where the focus is now (a Tab, a click into a field). A focus lost
        // without a click is the window rebuilding a part (a badge appeared above the field):
        // the focus goes back where it was rather than leaving the citizen's typing nowhere.
        // If the element is not there now (a button disabled while its request runs, Next
        // while the number is incomplete), the focus waits for it and comes back when it is
        // enabled again; a Tab or a click moves it on meanwhile.
        let now = self.focused(tree, layout, renderer);
        let current = tree.state.downcast_ref::<State>().current.clone();
        let clicked = matches!(event, Event::Mouse(mouse::Event::ButtonPressed(_)));
        if now.is_none()
            && !clicked
            && let Some(id) = current.clone()
        {
            self.run(tree, layout, renderer, Box::new(focusable::focus(id)));
        } else if now != current {
            tree.state.downcast_mut::<State>().current = now.clone();
            shell.publish(Message::Focused(now));
        }
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut iced::Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content.as_widget().draw(
            &tree.children[0],
            renderer,
            theme,
            style,
            layout,
            cursor,
            viewport,
        );
    }
}
