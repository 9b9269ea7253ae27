//! `update`-level tests on plain step state: no window, no HTTP. Each reply a step handles is
//! fed in as the service would send it, and the step's effect on the shared parts and what it
//! asks of the root are checked.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod application;
mod identity;
mod login;
mod lost_answers;

use qoltanba_core::client::{ClientError, Session};
use qoltanba_core::domain::Iin;
use qoltanba_core::protocol::{
    ApplicationStatus, ApplicationStatusResponse, CreateSessionResponse, DocumentData, ErrorCode,
    OtpResendResponse, StorageKind, VerificationResponse, VerificationStatus,
};

use super::fields::Field;
use super::verification::Outcome;
use super::{
    Behaviour, Event, Screen, account_pin, document_review, iin, otp, phone_registration, status,
    verification,
};
use crate::app::shared::Shared;
use crate::app::step::Step;
use crate::cli::Cli;
use crate::config::{Config, Settings};
use qoltanba_core::store::progress::Progress;

pub(super) const IIN: &str = "850314391017";

pub(super) fn shared() -> Shared {
    let config = Config::merge(
        Settings::default(),
        &Cli::default(),
        std::env::temp_dir().join("qoltanba-step-tests-unused"),
        None,
        Vec::new(),
    );
    Shared::new(config, Progress::default())
}

pub(super) fn refused(code: ErrorCode) -> ClientError {
    ClientError::Api {
        code,
        message: String::new(),
        retry_after: None,
    }
}

pub(super) fn folder_check(
    folder: &str,
    existing: Vec<std::path::PathBuf>,
) -> qoltanba_core::store::FolderCheck {
    qoltanba_core::store::FolderCheck {
        folder: folder.into(),
        exists: true,
        available_bytes: 1 << 30,
        existing_key_files: existing,
        suggested_subfolder: None,
    }
}

/// A small PNG as the camera or a file would give it.
pub(super) fn photo() -> crate::app::photo::Photo {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(640, 480, image::Rgb([120, 130, 140]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    crate::app::photo::from_bytes(png).unwrap()
}
