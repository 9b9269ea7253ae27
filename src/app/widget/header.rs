//! The step header: brand, where the user is ("Шаг 3 из 14"), a progress bar and the
//! language switcher, which is on every screen so the language can change at any moment.

use iced::widget::{button, column, progress_bar, row, space, text};
use iced::{Center, Element, Fill};

use crate::app::step::Step;
use crate::app::theme;
use crate::i18n::Language;
use crate::t;

pub fn header<'a, M: Clone + std::fmt::Debug + 'a>(
    lang: Language,
    step: Step,
    sandbox: bool,
    narrow: bool,
    on_language: impl Fn(Language) -> M + 'a,
) -> Element<'a, M> {
    let counter = step.number().map(|number| {
        text(t!(
            lang,
            "step-counter",
            current = number,
            total = Step::NUMBERED
        ))
        .size(theme::TEXT_SIZE)
        .color(theme::muted())
    });
    let switcher = row(Language::ALL.into_iter().map(|language| {
        let active = language == lang;
        let pick = (!active).then(|| on_language(language));
        let button = button(
            text(language.short_name())
                .size(theme::SMALL_SIZE)
                .font(theme::FONT_STRONG),
        )
        .padding([10, 14])
        .on_press_maybe(pick.clone())
        .style(move |theme, status| {
            if active {
                button::primary(theme, button::Status::Active)
            } else {
                button::secondary(theme, status)
            }
        });
        crate::app::widget::focus::focusable(button, pick)
    }))
    .spacing(6);
    let brand = row![
        text("Qoltanba")
            .size(theme::SUBTITLE_SIZE)
            .font(theme::FONT_STRONG)
            .color(theme::primary()),
        space::horizontal(),
    ]
    .push(sandbox.then(|| {
        text(t!(lang, "service-sandbox-badge"))
            .size(theme::SMALL_SIZE)
            .font(theme::FONT_STRONG)
            .color(theme::warning())
    }))
    .spacing(16)
    .align_y(Center);
    // Large text in a small window: where the user is and the languages get a line of their own.
    let top: Element<'a, M> = if narrow {
        column![
            brand,
            row![]
                .push(counter)
                .push(space::horizontal())
                .push(switcher)
                .spacing(16)
                .align_y(Center)
        ]
        .spacing(8)
        .into()
    } else {
        brand.push(counter).push(switcher).into()
    };
    let progress = step
        .number()
        .map(|number| progress_bar(0.0..=f32::from(Step::NUMBERED), f32::from(number)).girth(6));
    column![top].push(progress).spacing(10).width(Fill).into()
}
