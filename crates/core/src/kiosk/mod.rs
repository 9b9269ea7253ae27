//! What a ЦОН kiosk decides without a window: the operator code and its hash, the sign-in
//! lockout, the idle rule, and the anonymous completed / abandoned counter. The GUI's kiosk mode (keypad, questions,
//! operator panel) uses these; see docs/kiosk.md.

pub mod code;
pub mod counters;
pub mod idle;
pub mod lockout;
