//! The command line. Without a subcommand it opens the wizard.

use std::path::PathBuf;

use clap::Parser;

use crate::app::step::Step;
use crate::i18n::Language;

#[derive(Debug, Clone, Parser, Default)]
#[command(
    name = "qoltanba",
    version,
    about = "Qoltanba: obtain Kazakhstan digital-signature keys (ЭЦП) remotely"
)]
pub struct Cli {
    /// Interface language (otherwise from the settings file, then the OS, then Russian).
    #[arg(long, value_enum)]
    pub lang: Option<Language>,

    /// Base URL of the issuance service; without it the embedded sandbox is used (in builds
    /// with the `sandbox` feature; other builds need it here or in the settings file).
    #[arg(long, value_name = "URL")]
    pub service_url: Option<String>,

    /// Extra trust anchors (PEM) for a service behind a private certificate authority.
    #[arg(long, value_name = "FILE.pem")]
    pub ca_file: Option<PathBuf>,

    /// Trust ONLY the certificate authorities in this PEM file for the service (not the
    /// system's): a deployment that pins its own CA.
    #[arg(long, value_name = "FILE.pem", conflicts_with = "ca_file")]
    pub only_ca: Option<PathBuf>,

    /// Allow a plain http:// service address on another computer (test labs only: the
    /// citizen's data and codes would cross the network in clear).
    #[arg(long)]
    pub insecure_http: bool,

    /// Kiosk mode for service centres: fullscreen, device storage only. Needs an operator code
    /// and a service URL.
    #[arg(long)]
    pub kiosk: bool,

    /// Kiosk: run on the embedded sandbox on purpose (demonstrations only).
    #[arg(long)]
    pub demo_sandbox: bool,

    /// Camera to use: a device id, or `synthetic` for the built-in test source.
    #[arg(long, value_name = "ID|synthetic")]
    pub camera: Option<String>,

    /// The settings file to read (and, for the operator, to write) instead of the usual one.
    #[arg(long, value_name = "FILE.toml", global = true)]
    pub settings: Option<PathBuf>,

    /// Where progress and pending work are kept.
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Loads this PKCS#11 module too, for this run (repeatable); settings.toml has `modules`.
    #[arg(long = "module", value_name = "PATH")]
    pub module: Vec<PathBuf>,

    /// Opens the wizard on the given screen (for screenshots and support).
    #[arg(long, value_enum, hide = true)]
    pub screen: Option<Step>,

    /// With `--screen document`: opens the card camera for this side (screenshots, support).
    #[arg(long, value_enum, hide = true, value_name = "SIDE")]
    pub screen_card: Option<CardSide>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// A side of the ID card, as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CardSide {
    Front,
    Back,
}

impl From<CardSide> for qoltanba_core::protocol::DocumentSide {
    fn from(side: CardSide) -> Self {
        match side {
            CardSide::Front => Self::Front,
            CardSide::Back => Self::Back,
        }
    }
}

#[derive(Debug, Clone, clap::Subcommand)]
// Parsed once at start-up; boxing the sandbox's options would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Command {
    /// Runs the sandbox issuance service on its own (for testers and demos), or decides a
    /// verification waiting in moderation: `qoltanba sandbox moderate ID approve|reject`.
    /// Only in builds with the `sandbox` feature (the default).
    #[cfg(feature = "sandbox")]
    Sandbox(qoltanba_sandbox::cli::SandboxArgs),
    /// Shows what a key file holds: owner, IIN, issuer, validity and days left, key usage.
    Inspect(InspectArgs),
    /// Lists the PKCS#11 modules, slots and devices with their PIN state (support
    /// diagnostics): `qoltanba tokens [--module PATH]...`.
    Tokens(TokensArgs),
    /// Sets the kiosk operator code (6 to 12 digits; asked twice, stored hashed in the
    /// settings file): `qoltanba operator-code [--settings FILE]`.
    OperatorCode,
}

/// `qoltanba inspect`: describe a key file.
#[derive(Debug, Clone, clap::Args)]
pub struct InspectArgs {
    /// The key file (`AUTH_RSA256_….p12`, `RSA256_….p12` or any PKCS#12 file).
    pub file: PathBuf,
    /// Read the password from this file (its first line) instead of asking.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// `qoltanba tokens`: list modules and devices for support.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TokensArgs {
    /// Loads this PKCS#11 module too (repeatable), besides the known vendor modules and the
    /// settings' `modules`.
    #[arg(long = "module", value_name = "PATH")]
    pub module: Vec<PathBuf>,
}
