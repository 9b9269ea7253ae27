//! First screen: language, what the citizen needs, and what they came to do.

use iced::Element;
use iced::widget::column;

use crate::app::widget::{bullets, caption, choice, page, section};
use crate::i18n::Language;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Start,
    CheckStatus,
    InstallCertificates,
    Resume,
    /// "Check my keys": describe a key file (GOST or RSA, НУЦ's or ours).
    CheckKeys,
}

impl Action {
    pub const ALL: [Action; 5] = [
        Action::Start,
        Action::CheckStatus,
        Action::InstallCertificates,
        Action::Resume,
        Action::CheckKeys,
    ];
}

#[derive(Debug, Clone, Default)]
pub struct State {
    selected: usize,
    /// Whether an interrupted application can be resumed (known once progress is stored).
    pub resume_available: bool,
    /// Kiosks keep no progress, so "Continue an application" is not offered.
    pub kiosk: bool,
}

#[derive(Debug, Clone)]
pub enum Message {
    LanguagePicked(Language),
    Activate(Action),
    /// Arrow keys: move the highlighted action by this many places.
    Move(i8),
    /// Enter: run the highlighted action.
    ActivateSelected,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Language(Language),
    Chosen(Action),
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::LanguagePicked(language) => Some(Event::Language(language)),
            Message::Activate(action) => self.enabled(action).then_some(Event::Chosen(action)),
            Message::Move(delta) => {
                self.move_selection(delta);
                None
            }
            Message::ActivateSelected => {
                let action = Action::ALL.get(self.selected).copied()?;
                self.enabled(action).then_some(Event::Chosen(action))
            }
        }
    }

    pub fn selected(&self) -> Option<Action> {
        Action::ALL.get(self.selected).copied()
    }

    fn enabled(&self, action: Action) -> bool {
        self.offered(action) && (action != Action::Resume || self.resume_available)
    }

    /// Kiosks keep no progress and show no folders, so they offer neither resuming nor
    /// installing into keys made earlier on a computer, nor checking a key file.
    fn offered(&self, action: Action) -> bool {
        !(self.kiosk
            && matches!(
                action,
                Action::Resume | Action::InstallCertificates | Action::CheckKeys
            ))
    }

    fn move_selection(&mut self, delta: i8) {
        let count = Action::ALL.len();
        let mut index = self.selected;
        // Step over disabled actions so Enter never lands on one.
        for _ in 0..count {
            index = if delta < 0 {
                (index + count - 1) % count
            } else {
                (index + 1) % count
            };
            if Action::ALL
                .get(index)
                .is_some_and(|action| self.enabled(*action))
            {
                break;
            }
        }
        self.selected = index;
    }

    pub fn view(&self, lang: Language) -> Element<'_, Message> {
        let languages = crate::app::widget::languages(lang, Message::LanguagePicked);

        let needs = bullets(
            Some(t!(lang, "welcome-need-title")),
            vec![
                t!(lang, "welcome-need-id"),
                t!(lang, "welcome-need-phone"),
                t!(lang, "welcome-need-camera"),
            ],
        );

        let shown = Action::ALL
            .into_iter()
            .enumerate()
            .filter(|(_, action)| self.offered(*action));
        let actions = column(shown.map(|(index, action)| {
            let (heading, detail) = match action {
                Action::Start => (t!(lang, "welcome-start"), t!(lang, "welcome-start-detail")),
                Action::CheckStatus => (
                    t!(lang, "welcome-status"),
                    t!(lang, "welcome-status-detail"),
                ),
                Action::InstallCertificates => (
                    t!(lang, "welcome-install"),
                    t!(lang, "welcome-install-detail"),
                ),
                Action::Resume if self.resume_available => {
                    (t!(lang, "welcome-resume"), String::new())
                }
                Action::Resume => (t!(lang, "welcome-resume"), t!(lang, "welcome-resume-none")),
                Action::CheckKeys => (
                    t!(lang, "welcome-check-keys"),
                    t!(lang, "welcome-check-keys-detail"),
                ),
            };
            let detail = (!detail.is_empty()).then_some(detail);
            let on_press = self.enabled(action).then_some(Message::Activate(action));
            choice(heading, detail, index == self.selected, on_press)
        }))
        .spacing(10);

        // A kiosk has its camera and its readers; the visitor brings the ID card and phone,
        // which the service centre's signs already ask for.
        let needs = (!self.kiosk).then_some(needs);
        page(t!(lang, "welcome-title"), t!(lang, "welcome-intro"))
            .push(section(t!(lang, "welcome-language")))
            .push(languages)
            .push(needs)
            .push(actions)
            .push(caption(t!(lang, "welcome-choose-hint")))
            .into()
    }
}

impl crate::app::screen::Screen for State {
    fn shows_next(&self) -> bool {
        false
    }

    fn explains_sandbox(&self) -> bool {
        true
    }

    /// Enter runs the highlighted choice (the screen shows no Next button).
    fn can_continue(&self, _ctx: &crate::app::shared::Shared) -> bool {
        true
    }

    fn arrow(&mut self, up: bool) {
        _ = self.update(Message::Move(if up { -1 } else { 1 }));
    }
}

impl crate::app::screen::Behaviour for State {
    type Message = Message;

    fn update(
        &mut self,
        message: Message,
        _ctx: &mut crate::app::shared::Shared,
    ) -> (iced::Task<Message>, Option<crate::app::screen::Event>) {
        use crate::app::screen::Event as StepEvent;
        use crate::app::step::Step;
        let event = State::update(self, message).map(|event| match event {
            Event::Language(language) => StepEvent::Language(language),
            Event::Chosen(Action::Start) => StepEvent::Go(Step::CameraCheck),
            Event::Chosen(Action::CheckStatus) => StepEvent::Go(Step::Status),
            Event::Chosen(Action::InstallCertificates) => StepEvent::Go(Step::Install),
            Event::Chosen(Action::Resume) => StepEvent::Resume,
            Event::Chosen(Action::CheckKeys) => StepEvent::Go(Step::CheckKeys),
        });
        (iced::Task::none(), event)
    }

    fn view<'a>(&'a self, ctx: &'a crate::app::shared::Shared) -> Element<'a, Message> {
        State::view(self, ctx.lang)
    }

    /// Enter runs the highlighted choice.
    fn next(
        &mut self,
        ctx: &mut crate::app::shared::Shared,
    ) -> (iced::Task<Message>, Option<crate::app::screen::Event>) {
        crate::app::screen::Behaviour::update(self, Message::ActivateSelected, ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_skip_the_disabled_resume_action() {
        let mut state = State::default();
        assert_eq!(state.selected(), Some(Action::Start));
        state.update(Message::Move(-1));
        assert_eq!(state.selected(), Some(Action::CheckKeys));
        state.update(Message::Move(-1));
        assert_eq!(state.selected(), Some(Action::InstallCertificates));
        state.update(Message::Move(1));
        assert_eq!(state.selected(), Some(Action::CheckKeys));
        state.update(Message::Move(1));
        assert_eq!(state.selected(), Some(Action::Start));
        assert_eq!(state.update(Message::Activate(Action::Resume)), None);
        state.resume_available = true;
        state.update(Message::Move(-1));
        state.update(Message::Move(-1));
        assert_eq!(state.selected(), Some(Action::Resume));
        assert_eq!(
            state.update(Message::ActivateSelected),
            Some(Event::Chosen(Action::Resume))
        );
    }

    #[test]
    fn a_kiosk_offers_only_a_new_application_and_the_status() {
        let mut state = State {
            kiosk: true,
            resume_available: true,
            ..State::default()
        };
        assert_eq!(
            state.update(Message::Activate(Action::InstallCertificates)),
            None
        );
        assert_eq!(state.update(Message::Activate(Action::Resume)), None);
        assert_eq!(state.update(Message::Activate(Action::CheckKeys)), None);
        state.update(Message::Move(1));
        assert_eq!(state.selected(), Some(Action::CheckStatus));
        state.update(Message::Move(1));
        assert_eq!(state.selected(), Some(Action::Start));
    }
}
