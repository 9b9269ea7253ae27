pub mod client;
pub mod domain;
pub mod protocol;
pub mod token;
