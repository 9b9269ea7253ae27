//! Qoltanba: a native wizard for obtaining Kazakhstan digital-signature keys remotely.

pub mod app;
pub mod cli;
pub mod config;
pub mod i18n;
pub mod inspect;
pub mod operator_code;
pub mod tokens;
