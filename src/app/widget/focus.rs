//! A widget that takes the keyboard focus (iced 0.14's buttons, cards and checkboxes take
//! none): Tab reaches it through iced's own focus operations, it draws a ring while focused,
//! and Enter or Space press it. A mouse press anywhere lets the focus go.

use iced::advanced::layout::Layout;
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::operation::Focusable;
use iced::advanced::widget::{Id, Operation, Tree, tree};
use iced::advanced::{Clipboard, Shell, Widget, mouse};
use iced::keyboard::{self, key};
use iced::{Border, Element, Event, Rectangle, Theme};

use crate::app::theme;

/// How far outside the element the ring is drawn, and how thick it is.
const RING_GAP: f32 = 2.0;
const RING_WIDTH: f32 = 3.0;

/// `content` (a button, a card) made reachable with Tab; `on_press` is what Enter and Space
/// send, and `None` (disabled) leaves it out of the focus order. Its focus id is the message
/// it sends (`press:` type `:` message), so it stays the same across languages and redraws.
pub fn focusable<'a, M: Clone + std::fmt::Debug + 'a>(
    content: impl Into<Element<'a, M>>,
    on_press: Option<M>,
) -> Element<'a, M> {
    let id = on_press.as_ref().map(press_id);
    Element::new(Focus {
        content: content.into(),
        id,
        on_press,
        checked: None,
        selected: None,
    })
}

/// The focus id of an element that sends `message`: `press:` type `:` message. `keys` reads a
/// choice card's group from it (the message up to its value).
fn press_id<M: std::fmt::Debug>(message: &M) -> Id {
    Id::from(format!("press:{}:{message:?}", std::any::type_name::<M>()))
}

/// Like [`focusable`] with the focus id given: the kiosk keypad's keys, whose messages do not
/// say which character they type (`Char(*)`), so they cannot name the keys.
pub fn focusable_with<'a, M: Clone + 'a>(
    id: Id,
    content: impl Into<Element<'a, M>>,
    on_press: Option<M>,
) -> Element<'a, M> {
    Element::new(Focus {
        content: content.into(),
        id: Some(id),
        on_press,
        checked: None,
        selected: None,
    })
}

/// Like [`focusable`] for a choice card, one of a group the arrow keys move through:
/// `selected` tells screen readers (a radio button), and lets the focus ring follow the
/// selection when an arrow key moves it (`keys`).
pub fn focusable_choice<'a, M: Clone + std::fmt::Debug + 'a>(
    content: impl Into<Element<'a, M>>,
    on_press: Option<M>,
    selected: bool,
) -> Element<'a, M> {
    let id = on_press.as_ref().map(press_id);
    Element::new(Focus {
        content: content.into(),
        id,
        on_press,
        checked: None,
        selected: Some(selected),
    })
}

/// Like [`focusable`] for an element whose message changes with its state (a checkbox sends
/// the opposite of what it shows): the focus id is given, so pressing keeps the focus.
/// `checked`: the checkbox's state, for screen readers.
pub fn focusable_as<'a, M: Clone + 'a>(
    id: &'static str,
    checked: bool,
    content: impl Into<Element<'a, M>>,
    on_press: Option<M>,
) -> Element<'a, M> {
    Element::new(Focus {
        content: content.into(),
        id: Some(Id::new(id)),
        on_press,
        checked: Some(checked),
        selected: None,
    })
}

struct Focus<'a, M> {
    content: Element<'a, M>,
    id: Option<Id>,
    on_press: Option<M>,
    /// A checkbox's state (`None`: a button).
    checked: Option<bool>,
    /// A choice card's state (`None`: not a choice).
    selected: Option<bool>,
}

#[derive(Debug, Default)]
struct State {
    focused: bool,
    /// A screen reader pressed it (`a11y::Press`): the next event sends the message.
    pressed: bool,
}

impl Focusable for State {
    fn is_focused(&self) -> bool {
        self.focused
    }

    fn focus(&mut self) {
        self.focused = true;
    }

    fn unfocus(&mut self) {
        self.focused = false;
    }
}

/// Whether the event is Enter or Space going down.
fn presses(event: &Event) -> bool {
    matches!(
        event,
        Event::Keyboard(keyboard::Event::KeyPressed {
            key: keyboard::Key::Named(key::Named::Enter | key::Named::Space),
            ..
        })
    )
}

impl<M: Clone> Widget<M, Theme, iced::Renderer> for Focus<'_, M> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    crate::app::widget::wrapper::pass_to_content!(M);

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &iced::Renderer,
        operation: &mut dyn Operation,
    ) {
        let state = tree.state.downcast_mut::<State>();
        let mut pressable = crate::app::a11y::Pressable {
            enabled: self.on_press.is_some(),
            checked: self.checked,
            selected: self.selected,
            press: false,
        };
        operation.custom(self.id.as_ref(), layout.bounds(), &mut pressable);
        state.pressed |= pressable.press;
        if self.on_press.is_some() {
            operation.focusable(self.id.as_ref(), layout.bounds(), state);
        } else {
            state.focused = false;
        }
        operation.traverse(&mut |operation| {
            self.content.as_widget_mut().operate(
                &mut tree.children[0],
                layout,
                renderer,
                operation,
            );
        });
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &iced::Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, M>,
        viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        if matches!(event, Event::Mouse(mouse::Event::ButtonPressed(_))) {
            state.focused = false;
        }
        if (std::mem::take(&mut state.pressed) || state.focused && presses(event))
            && let Some(message) = self.on_press.clone()
        {
            shell.publish(message);
            shell.capture_event();
            return;
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
        if tree.state.downcast_ref::<State>().focused {
            ring(renderer, layout.bounds());
        }
    }
}

/// The focus ring: a thick line in the focus colour just outside the element, with a gap of
/// page background between, so it stands out from the page and from the element's own fill.
pub fn ring(renderer: &mut iced::Renderer, bounds: Rectangle) {
    use iced::advanced::Renderer as _;
    let outset = RING_GAP + RING_WIDTH;
    let bounds = Rectangle {
        x: bounds.x - outset,
        y: bounds.y - outset,
        width: bounds.width + 2.0 * outset,
        height: bounds.height + 2.0 * outset,
    };
    renderer.fill_quad(
        Quad {
            bounds,
            border: Border {
                color: theme::focus_ring(),
                width: RING_WIDTH,
                radius: 12.0.into(),
            },
            ..Quad::default()
        },
        iced::Color::TRANSPARENT,
    );
}
