//! The device picker of the storage step: the devices plugged in now (scanned again every
//! two seconds while the step is shown), each with its PIN state; then the PIN of the one
//! picked, and a new PIN when the device still has its factory one. The device itself checks
//! the PIN, on a worker thread, when the citizen presses Next.

use qoltanba_core::token::devices::Listing;
use qoltanba_core::token::{DeviceError, DeviceKind, TokenInfo, TokenPin};
use zeroize::Zeroize;

use crate::app::explain;
use crate::i18n::Language;

pub const PIN_ID: &str = "device-pin";
pub const NEW_PIN_ID: &str = "device-new-pin";
mod view;

pub use view::device_name;

pub const REPEAT_ID: &str = "device-new-pin-repeat";

/// Longest PIN kept as typed (tokens accept at most 32 or 64; the device's own limit is shown).
const MAX_PIN: usize = 64;

/// Where the PIN entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Stage {
    /// Waiting for the PIN of the picked device.
    #[default]
    Pin,
    /// The device is checking the PIN.
    LoggingIn,
    /// Logged in with the factory PIN: a new PIN is asked before going on.
    NewPin,
    /// The device is changing the PIN.
    ChangingPin,
    /// Logged in; Next goes on to the keys.
    Ready,
}

#[derive(Clone, Default)]
pub struct State {
    /// The last scan; `None` until the first one answers.
    pub listing: Option<Listing>,
    pub scanning: bool,
    /// The picked device, with the kind the citizen may have corrected.
    selected: Option<TokenInfo>,
    pin: String,
    new_pin: String,
    repeat: String,
    pub stage: Stage,
    /// Why the last login or PIN change failed.
    pub error: Option<DeviceError>,
    /// The factory PIN was replaced in this run.
    pub pin_changed: bool,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("listing", &self.listing)
            .field("selected", &self.selected)
            .field("pin", &"***")
            .field("stage", &self.stage)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Drop for State {
    fn drop(&mut self) {
        self.forget_pins();
    }
}

/// A device kind as the list of kinds shows it (translated name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindChoice {
    pub kind: DeviceKind,
    name: String,
}

impl KindChoice {
    pub fn new(lang: Language, kind: DeviceKind) -> Self {
        Self {
            kind,
            name: explain::device_kind(lang, kind),
        }
    }
}

impl std::fmt::Display for KindChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

#[derive(Clone)]
pub enum Message {
    /// A device of the listing was picked (by position).
    Picked(usize),
    KindPicked(KindChoice),
    PinChanged(String),
    NewPinChanged(String),
    RepeatChanged(String),
    Submitted,
    /// The Refresh button: load the modules again and scan.
    Refresh,
    /// The two-second scan.
    Tick,
}

impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Message::Picked(index) => write!(f, "Picked({index})"),
            Message::KindPicked(kind) => write!(f, "KindPicked({:?})", kind.kind),
            Message::PinChanged(_) => f.write_str("PinChanged(***)"),
            Message::NewPinChanged(_) => f.write_str("NewPinChanged(***)"),
            Message::RepeatChanged(_) => f.write_str("RepeatChanged(***)"),
            Message::Submitted => f.write_str("Submitted"),
            Message::Refresh => f.write_str("Refresh"),
            Message::Tick => f.write_str("Tick"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Continue,
    /// Scan the devices; `reload` loads the modules again first.
    Scan {
        reload: bool,
    },
}

fn replace_secret(slot: &mut String, mut value: String) {
    slot.zeroize();
    *slot = value.chars().take(MAX_PIN).collect();
    value.zeroize();
}

impl State {
    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Picked(index) => {
                let token = self.listing.as_ref()?.tokens.get(index)?.clone();
                if !self
                    .selected
                    .as_ref()
                    .is_some_and(|s| s.same_device(&token))
                {
                    self.selected = Some(token);
                    self.restart();
                }
                None
            }
            Message::KindPicked(choice) => {
                if let Some(token) = &mut self.selected
                    && token.kind != choice.kind
                {
                    token.kind = choice.kind;
                    // The kind decides the factory-PIN check, made at login.
                    self.restart();
                }
                None
            }
            Message::PinChanged(value) => {
                replace_secret(&mut self.pin, value);
                self.error = None;
                if self.stage == Stage::Ready {
                    self.stage = Stage::Pin;
                }
                None
            }
            Message::NewPinChanged(value) => {
                replace_secret(&mut self.new_pin, value);
                self.error = None;
                None
            }
            Message::RepeatChanged(value) => {
                replace_secret(&mut self.repeat, value);
                self.error = None;
                None
            }
            Message::Submitted => self.can_continue().then_some(Event::Continue),
            Message::Refresh => Some(Event::Scan { reload: true }),
            Message::Tick => Some(Event::Scan { reload: false }),
        }
    }

    fn restart(&mut self) {
        self.forget_pins();
        self.stage = Stage::Pin;
        self.error = None;
    }

    fn forget_pins(&mut self) {
        self.pin.zeroize();
        self.new_pin.zeroize();
        self.repeat.zeroize();
    }

    /// A new scan: the picked device's state is refreshed (its kind stays as picked); a device
    /// that is gone is unpicked. Returns whether the picked device went away.
    pub fn listed(&mut self, mut listing: Listing) -> bool {
        self.scanning = false;
        // SoftHSM2 always offers one empty slot for making a new token: not a device.
        listing
            .tokens
            .retain(|token| token.kind != DeviceKind::SoftHsm || token.flags.token_initialized);
        let mut gone = false;
        if let Some(selected) = &mut self.selected {
            match listing.tokens.iter().find(|t| t.same_device(selected)) {
                Some(fresh) => {
                    let kind = selected.kind;
                    *selected = fresh.clone();
                    selected.kind = kind;
                }
                None if matches!(self.stage, Stage::LoggingIn | Stage::ChangingPin) => {}
                None => gone = true,
            }
        }
        if gone {
            self.selected = None;
            self.restart();
        }
        self.listing = Some(listing);
        gone
    }

    /// Whether any device is plugged in (as of the last scan).
    pub fn any(&self) -> bool {
        self.listing.as_ref().is_some_and(|l| !l.tokens.is_empty())
    }

    pub fn selected(&self) -> Option<&TokenInfo> {
        self.selected.as_ref()
    }

    fn pin_pad(&self) -> bool {
        self.selected
            .as_ref()
            .is_some_and(|t| t.flags.protected_authentication_path)
    }

    /// The PIN as typed, if the device could accept it (an empty one means the device's own
    /// keypad, where it has one).
    /// What is typed so far: the PIN, the new PIN and its repetition (the kiosk keypad edits
    /// them).
    pub fn typed(&self) -> [&str; 3] {
        [&self.pin, &self.new_pin, &self.repeat]
    }

    pub fn pin(&self) -> Option<TokenPin> {
        let token = self.selected.as_ref()?;
        let pin = TokenPin::new(self.pin.clone());
        (token.pin_length.accepts(&pin) || (pin.is_empty() && self.pin_pad())).then_some(pin)
    }

    /// The new PIN, typed twice the same, of a length the device accepts and not its factory
    /// PIN or the current one.
    pub fn new_pin(&self) -> Option<TokenPin> {
        let token = self.selected.as_ref()?;
        let new = TokenPin::new(self.new_pin.clone());
        let ok = self.new_pin == self.repeat
            && token.pin_length.accepts(&new)
            && !new.is_factory_pin_of(token.kind)
            && self.new_pin != self.pin;
        ok.then_some(new)
    }

    pub fn can_continue(&self) -> bool {
        match self.stage {
            Stage::Pin => {
                self.selected
                    .as_ref()
                    .is_some_and(|t| t.pin_state.can_log_in())
                    && self.pin().is_some()
            }
            Stage::NewPin => self.new_pin().is_some(),
            Stage::Ready => self.selected.is_some(),
            Stage::LoggingIn | Stage::ChangingPin => false,
        }
    }

    pub fn start_login(&mut self) {
        self.stage = Stage::LoggingIn;
        self.error = None;
    }

    /// The device took the PIN. With the factory PIN, the PIN stays for the change.
    pub fn logged_in(&mut self, factory_pin: bool) {
        if factory_pin {
            self.stage = Stage::NewPin;
        } else {
            self.forget_pins();
            self.stage = Stage::Ready;
        }
    }

    /// The device refused the PIN (or was pulled out): the PIN is asked again.
    pub fn failed(&mut self, error: DeviceError) {
        self.forget_pins();
        self.stage = Stage::Pin;
        self.error = Some(error);
    }

    pub fn start_pin_change(&mut self) {
        self.stage = Stage::ChangingPin;
        self.error = None;
    }

    pub fn pin_change_done(&mut self) {
        self.forget_pins();
        self.pin_changed = true;
        self.stage = Stage::Ready;
    }

    pub fn pin_change_failed(&mut self, error: DeviceError) {
        self.new_pin.zeroize();
        self.repeat.zeroize();
        self.stage = Stage::NewPin;
        self.error = Some(error);
    }

    /// The PIN the session was opened with (the old PIN of the change).
    pub fn current_pin(&self) -> TokenPin {
        TokenPin::new(self.pin.clone())
    }
}
