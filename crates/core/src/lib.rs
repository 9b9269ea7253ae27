pub mod client;
pub mod domain;
pub mod gost;
pub mod kiosk;
pub mod pki;
pub mod protocol;
pub mod store;
pub mod token;
