//! Scrolls the focused element into view: Tab may land on a button below the fold (at 200%
//! text most steps are taller than the window), and a keyboard user cannot see what they
//! would press. Two passes over the widget tree: find the focused element and the innermost
//! scrollable around it, then scroll that one just enough.

use iced::advanced::widget::operation::{Focusable, Scrollable};
use iced::advanced::widget::{Id, Operation};
use iced::widget::scrollable::AbsoluteOffset;
use iced::{Rectangle, Vector};

/// Room kept between the focused element and the scrollable's edge (the ring fits in it).
const MARGIN: f32 = 16.0;

/// A scrollable as an operation sees it: its place in visiting order, bounds, content bounds
/// and how far it is scrolled.
#[derive(Clone, Copy)]
struct Area {
    index: usize,
    bounds: Rectangle,
    translation: Vector,
}

#[derive(Default)]
struct Locate {
    visited: usize,
    pending: Option<Area>,
    around: Vec<Area>,
    found: Option<(Rectangle, Option<Area>)>,
}

impl Operation for Locate {
    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        _content_bounds: Rectangle,
        translation: Vector,
        _state: &mut dyn Scrollable,
    ) {
        self.pending = Some(Area {
            index: self.visited,
            bounds,
            translation,
        });
        self.visited += 1;
    }

    fn focusable(&mut self, _id: Option<&Id>, bounds: Rectangle, state: &mut dyn Focusable) {
        if state.is_focused() && self.found.is_none() {
            self.found = Some((bounds, self.around.last().copied()));
        }
    }

    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        // A scrollable reports itself, then traverses its content.
        match self.pending.take() {
            Some(area) => {
                self.around.push(area);
                operate(self);
                self.around.pop();
            }
            None => operate(self),
        }
    }
}

struct ScrollBy {
    target: usize,
    visited: usize,
    delta: f32,
}

impl Operation for ScrollBy {
    fn scrollable(
        &mut self,
        _id: Option<&Id>,
        bounds: Rectangle,
        content_bounds: Rectangle,
        _translation: Vector,
        state: &mut dyn Scrollable,
    ) {
        if self.visited == self.target {
            state.scroll_by(
                AbsoluteOffset {
                    x: 0.0,
                    y: self.delta,
                },
                bounds,
                content_bounds,
            );
        }
        self.visited += 1;
    }

    fn traverse(&mut self, operate: &mut dyn FnMut(&mut dyn Operation)) {
        operate(self);
    }
}

/// How far (down positive) the area must scroll so `element` (in content coordinates) shows.
fn delta(area: &Area, element: Rectangle) -> f32 {
    let top = area.bounds.y + area.translation.y;
    let bottom = top + area.bounds.height;
    if element.y - MARGIN < top {
        element.y - MARGIN - top
    } else if element.y + element.height + MARGIN > bottom {
        (element.y + element.height + MARGIN - bottom).min(element.y - MARGIN - top)
    } else {
        0.0
    }
}

/// Runs both passes through `operate` (which applies an operation to the window's content).
pub fn reveal_focused(mut operate: impl FnMut(&mut dyn Operation)) {
    let mut locate = Locate::default();
    operate(&mut locate);
    let Some((element, Some(area))) = locate.found else {
        return;
    };
    let delta = delta(&area, element);
    if delta != 0.0 {
        operate(&mut ScrollBy {
            target: area.index,
            visited: 0,
            delta,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn area(scrolled: f32) -> Area {
        Area {
            index: 0,
            bounds: Rectangle::new((0.0, 100.0).into(), (800.0, 400.0).into()),
            translation: Vector::new(0.0, scrolled),
        }
    }

    fn at(y: f32) -> Rectangle {
        Rectangle::new((0.0, y).into(), (200.0, 50.0).into())
    }

    #[test]
    fn an_element_below_the_fold_scrolls_up_into_view() {
        // Visible: content 100..500; the element at 600..650 needs 650 + 16 - 500.
        assert_eq!(delta(&area(0.0), at(600.0)), 166.0);
    }

    #[test]
    fn an_element_above_scrolls_back_down_and_a_visible_one_stays() {
        assert_eq!(delta(&area(300.0), at(200.0)), -216.0);
        assert_eq!(delta(&area(0.0), at(200.0)), 0.0);
    }

    #[test]
    fn a_tall_element_shows_its_top() {
        let tall = Rectangle::new((0.0, 300.0).into(), (200.0, 900.0).into());
        assert_eq!(delta(&area(0.0), tall), 300.0 - 16.0 - 100.0);
    }
}
