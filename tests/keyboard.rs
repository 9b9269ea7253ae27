//! The whole wizard with the keyboard alone, in Russian and Kazakh: from the first screen to
//! the installed key files, every button reached with Tab and pressed with Enter or Space,
//! every field typed into. The key events go through iced_test's simulator into the app's own
//! view, so they take the same path as in the window (the focus widgets and the key catcher
//! around it). Only time is simulated besides keys: the synthetic camera's clock and the
//! once-a-second tick that reads the sandbox's SMS inbox (a person reads the code there).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test may stop at the first surprise

mod common;
mod journey;

use std::time::Duration;

use common::keys::{events, key_press, press, tab_to, tap, typed, typewrite};
use common::{camera_until, citizen_who, config, png_file, run, send};
use iced::Event;
use iced::keyboard::{self, Key, Modifiers, key::Named};

use qoltanba::app::step::Step;
use qoltanba::app::{App, Message};
use qoltanba::config::CameraChoice;
use qoltanba::i18n::Language;

fn at(app: &App, step: Step) {
    let seen = app.snapshot();
    assert_eq!(seen.step, step, "failure: {:?}", seen.failure);
}

const PASSWORD: &str = "Qoltanba2026";

async fn keyboard_only_journey(lang: Language) {
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let folder = keys.path().join("keys");
    let mut settings = config(lang, &data, None);
    settings.camera = CameraChoice::Synthetic;
    let mut app = App::new(settings);
    let connect = app.connect();
    run(&mut app, connect).await;
    assert!(app.snapshot().service.reached);

    // The first screen: the "get keys" card, reached with Tab, pressed with Enter.
    press(&mut app, "welcome::Message:Activate(Start)").await;
    at(&app, Step::CameraCheck);
    assert!(camera_until(&mut app, Duration::from_secs(5), |seen| seen.next_enabled).await);
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::Iin);

    // The IIN field has the focus when the step opens; Enter in it is Next.
    let person = citizen_who("approve");
    typewrite(&mut app, &person.iin.to_string()).await;
    tap(&mut app, Named::Enter).await;
    at(&app, Step::Otp);
    send(&mut app, Message::Tick).await;
    let code = app.snapshot().sms.expect("the sandbox SMS").code;
    tab_to(&mut app, "otp-input").await;
    typewrite(&mut app, &code).await;
    tap(&mut app, Named::Enter).await;
    at(&app, Step::Selfie);

    // The selfie is taken by itself once the face is right; the video needs its button.
    assert!(
        camera_until(&mut app, Duration::from_secs(20), |seen| seen
            .selfie
            .is_sent())
        .await
    );
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::VideoId);
    press(&mut app, "video_id::Message:Start").await;
    assert!(
        camera_until(&mut app, Duration::from_secs(45), |seen| seen
            .video
            .upload
            .is_sent())
        .await,
        "the recording started by Enter did not finish"
    );
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::AccountPin);

    typewrite(&mut app, "402917").await;
    tab_to(&mut app, "pin-repeat").await;
    typewrite(&mut app, "402917").await;
    tap(&mut app, Named::Enter).await;
    at(&app, Step::Document);

    // Both card sides typed as paths; Enter in the path field loads each.
    for name in ["front.png", "back.png"] {
        let file = png_file(files.path(), name, 1000, 640);
        tab_to(&mut app, "document-path").await;
        typewrite(&mut app, &file.display().to_string()).await;
        tap(&mut app, Named::Enter).await;
    }
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::DocumentReview);
    // Next stays disabled until the checkbox is ticked with Space.
    assert!(!app.snapshot().next_enabled);
    tab_to(&mut app, "review-confirm").await;
    tap(&mut app, Named::Space).await;
    assert!(app.snapshot().next_enabled, "Space ticked the checkbox");
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::Verification);
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::Agreement);

    tab_to(&mut app, "agreement-accept").await;
    tap(&mut app, Named::Space).await;
    tab_to(&mut app, "email-input").await;
    typewrite(&mut app, "citizen@example.kz").await;
    tap(&mut app, Named::Enter).await;
    at(&app, Step::Storage);

    // The field holds a suggested folder: Ctrl+A, then the typed path replaces it.
    // (One batch of events, as fast typing is: a new simulator starts with a new cursor.)
    tab_to(&mut app, "folder-input").await;
    let modifiers = |m| Event::Keyboard(keyboard::Event::ModifiersChanged(m));
    let mut replace = vec![modifiers(Modifiers::CTRL)];
    replace.extend(key_press(Key::Character("a".into()), Modifiers::CTRL, None));
    replace.push(modifiers(Modifiers::empty()));
    replace.extend(typed(&folder.display().to_string()));
    events(&mut app, replace).await;
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::KeyPassword);
    typewrite(&mut app, PASSWORD).await;
    tab_to(&mut app, "password-repeat").await;
    typewrite(&mut app, PASSWORD).await;
    tap(&mut app, Named::Enter).await;
    at(&app, Step::Submit);

    press(&mut app, "submit::Message:Start").await;
    assert!(
        app.snapshot().application.number.is_some(),
        "Enter on the button made the keys and applied: {:?}",
        app.snapshot().failure
    );
    press(&mut app, "app::Message:Next").await;
    at(&app, Step::Done);
    let installed = app.snapshot().application.installed_files.unwrap();
    // The default key type: one GOST kit.
    assert!(!installed.files.is_empty());
    for file in &installed.files {
        assert_eq!(file.path.parent().unwrap(), folder);
        assert!(file.path.is_file(), "{}", file.path.display());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_wizard_by_keyboard_in_russian() {
    keyboard_only_journey(Language::Ru).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_whole_wizard_by_keyboard_in_kazakh() {
    keyboard_only_journey(Language::Kk).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shift_tab_goes_back_and_the_focus_survives_a_new_window() {
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(config(Language::Ru, &data, None));
    tab_to(&mut app, "welcome::Message:Activate(Start)").await;
    let start = app.snapshot().focus;
    events(
        &mut app,
        key_press(Key::Named(Named::Tab), Modifiers::empty(), None),
    )
    .await;
    assert_ne!(app.snapshot().focus, start);
    events(
        &mut app,
        key_press(Key::Named(Named::Tab), Modifiers::SHIFT, None),
    )
    .await;
    assert_eq!(app.snapshot().focus, start, "Shift+Tab came back");
    // Space presses a focused card just as Enter does.
    tap(&mut app, Named::Space).await;
    at(&app, Step::CameraCheck);
}

/// The card camera by keyboard: Enter on "photograph with the camera", Tab to "Take photo"
/// and Enter; Esc closes the camera for the other side without leaving the step.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_card_camera_by_keyboard_takes_the_photo_and_esc_closes_it() {
    let data = tempfile::tempdir().unwrap();
    let mut settings = config(Language::Kk, &data, None);
    settings.camera = CameraChoice::Synthetic;
    let mut app = App::new(settings).at(Step::Iin);
    let connect = app.connect();
    run(&mut app, connect).await;
    journey::log_in(&mut app, citizen_who("approve")).await;
    journey::to_document_step(&mut app).await;

    press(&mut app, "document::Message:Camera(Front)").await;
    assert!(app.snapshot().camera.active, "Enter opened the card camera");
    assert!(
        camera_until(&mut app, Duration::from_secs(10), |seen| {
            seen.camera
                .card_check
                .is_some_and(|(_, hint)| hint.is_none())
        })
        .await
    );
    press(&mut app, "document::Message:Capture").await;
    assert!(
        camera_until(&mut app, Duration::from_secs(10), |seen| seen
            .document
            .front
            .upload
            .is_sent())
        .await,
        "Enter on Take photo took and sent the front"
    );

    press(&mut app, "document::Message:Camera(Back)").await;
    assert!(app.snapshot().camera.active);
    tap(&mut app, Named::Escape).await;
    assert!(!app.snapshot().camera.active, "Esc closed the card camera");
    at(&app, Step::Document);
    // Cancel, reached with Tab, closes it as well.
    press(&mut app, "document::Message:Camera(Back)").await;
    press(&mut app, "document::Message:CameraCancel").await;
    assert!(!app.snapshot().camera.active);
    at(&app, Step::Document);
}

/// A redraw, as the window sends after every change: the key widget catches up with what the
/// app did with the last key (here, the focus following the selection).
async fn redraw(app: &mut App) {
    events(
        app,
        vec![Event::Window(iced::window::Event::RedrawRequested(
            std::time::Instant::now(),
        ))],
    )
    .await;
}

/// ↓ on a focused choice moves the selection and the focus ring with it, as in any radio
/// group, so Enter presses the card now selected. Before, the ring stayed on the first card
/// and Enter started the application although another card was highlighted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_arrows_move_the_focus_ring_with_the_selection() {
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(config(Language::Kk, &data, None));
    tab_to(&mut app, "welcome::Message:Activate(Start)").await;
    tap(&mut app, Named::ArrowDown).await;
    redraw(&mut app).await;
    let focus = app.snapshot().focus.unwrap_or_default();
    assert!(
        focus.contains("Activate(CheckStatus)"),
        "the ring stayed behind: {focus}"
    );
    tap(&mut app, Named::ArrowUp).await;
    redraw(&mut app).await;
    let focus = app.snapshot().focus.unwrap_or_default();
    assert!(focus.contains("Activate(Start)"), "{focus}");
    tap(&mut app, Named::ArrowDown).await;
    redraw(&mut app).await;
    tap(&mut app, Named::Enter).await;
    at(&app, Step::Status);
}

/// A kiosk with a keyboard: the on-screen keypad's keys are in the Tab order too, and Enter
/// presses the focused key (they took no focus before).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kiosk_keypad_key_is_reached_with_tab_and_pressed_with_enter() {
    use common::kiosk::{kiosk_app, seen, start_application};
    use qoltanba::app::kiosk::fields::Field;
    let data = tempfile::tempdir().unwrap();
    let mut app = kiosk_app(&data, Language::Ru).await;
    start_application(&mut app, Language::Ru).await.unwrap();
    assert_eq!(seen(&app).keypad_field, Some(Field::Iin));
    // The key "7" (U+0037).
    tab_to(&mut app, "focus-key-55").await;
    tap(&mut app, Named::Enter).await;
    tap(&mut app, Named::Space).await;
    assert_eq!(seen(&app).text(Field::Iin), Some("77"));
}

/// docs/screenshots: the focus ring following ↓ on the first screen, and on a kiosk keypad key,
/// in ru and kk (iced_test's tiny-skia renderer; the file name gets the renderer's suffix). Run
/// on purpose: `cargo test -p qoltanba --test keyboard -- --ignored`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "writes docs/screenshots; run by hand"]
async fn render_screenshots() -> Result<(), iced_test::Error> {
    use common::kiosk::{kiosk_app, start_application};
    use qoltanba::app::theme;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    for (lang, code) in [(Language::Ru, "ru"), (Language::Kk, "kk")] {
        let data = tempfile::tempdir().unwrap();
        let mut app = App::new(config(lang, &data, None));
        tab_to(&mut app, "welcome::Message:Activate(Start)").await;
        tap(&mut app, Named::ArrowDown).await;
        redraw(&mut app).await;
        let mut ui = common::keys::simulator(&app);
        let _ = ui
            .snapshot(&theme::theme())?
            .matches_image(out.join(format!("a11y-arrow-welcome-{code}.png")))?;

        let data = tempfile::tempdir().unwrap();
        let mut app = kiosk_app(&data, lang).await;
        start_application(&mut app, lang).await?;
        tab_to(&mut app, "focus-key-55").await;
        let mut ui = common::kiosk::simulator(&app);
        let _ = ui
            .snapshot(&theme::theme())?
            .matches_image(out.join(format!("a11y-kiosk-keypad-{code}.png")))?;
    }
    Ok(())
}

/// A focused button disabled for a moment (Next while the number is incomplete, or while its
/// request runs) keeps the focus waiting, and has it back when it is enabled again: Space then
/// presses it. Before, the focus was dropped and the next key started from nowhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_button_disabled_for_a_moment_gets_the_focus_back() {
    use qoltanba::app::screen::{StepMessage, iin};
    let data = tempfile::tempdir().unwrap();
    let mut app = App::new(config(Language::Ru, &data, None)).at(Step::Iin);
    let connect = app.connect();
    run(&mut app, connect).await;
    let iin = citizen_who("approve").iin.to_string();
    typewrite(&mut app, &iin).await;
    tab_to(&mut app, "app::Message:Next").await;
    let changed =
        |value: &str| Message::Step(StepMessage::Iin(iin::Message::Changed(value.into())));
    send(&mut app, changed(&iin[..5])).await;
    redraw(&mut app).await;
    send(&mut app, changed(&iin)).await;
    redraw(&mut app).await;
    tap(&mut app, Named::Space).await;
    at(&app, Step::Otp);
}
