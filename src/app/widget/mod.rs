//! Reusable view pieces shared by the screens.

pub mod banner;
pub mod choice;
pub mod field;
pub mod focus;
pub mod header;
pub mod languages;
pub mod nav;
pub mod page;
pub mod typography;
pub(crate) mod wrapper;

pub use banner::{Banner, banner};
pub use choice::{choice, choice_with};
pub use field::{Feedback, Field, field};
pub use focus::{focusable, focusable_as, focusable_with};
pub use languages::{languages, toggle};
pub use page::page;
pub use typography::{body, bullets, caption, section, title};
