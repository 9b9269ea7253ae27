//! The submit step when an answer is lost or the disk fails after the application went out:
//! the number is kept at once, device keys stay unless the service proves no application uses
//! them, and the device record is written before the request leaves.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::app::screen::submit::{self, Problem, Stage};
use crate::app::shared::{Prepared, Storage};
use qoltanba_core::store::StoreError;
use qoltanba_core::token::{DeviceKey, DeviceKeys, DevicePrepared};
use std::sync::Arc;

fn device_prepared() -> DevicePrepared {
    let key = |id: &str, label: &str| DeviceKey {
        id: id.into(),
        label: label.into(),
    };
    DevicePrepared {
        keys: DeviceKeys {
            label: "Citizen".into(),
            model: "SoftHSM v2".into(),
            serial: "0001".into(),
            module: "/usr/lib/softhsm/libsofthsm2.so".into(),
            algorithm: Default::default(),
            auth: key("0a0b", "Qoltanba AUTH"),
            sign: key("0c0d", "Qoltanba SIGN"),
        },
        csr_auth: "-----BEGIN CERTIFICATE REQUEST-----\nA\n-----END CERTIFICATE REQUEST-----\n"
            .into(),
        csr_sign: "-----BEGIN CERTIFICATE REQUEST-----\nB\n-----END CERTIFICATE REQUEST-----\n"
            .into(),
        csr: None,
    }
}

#[test]
fn the_number_is_kept_at_once_and_a_failed_folder_does_not_leave_the_step_sending() {
    let dir = tempfile::tempdir().unwrap();
    let subject = qoltanba_core::pki::Subject {
        surname: "Сәрсенбаева".into(),
        given_name: "Әйгерім".into(),
        patronymic: None,
        iin: Iin::parse(IIN).unwrap(),
        email: None,
    };
    let keys = qoltanba_core::pki::generate_key_set(&subject).unwrap();
    let password = qoltanba_core::domain::KeyPassword::parse("Qoltanba2026").unwrap();
    let pending = qoltanba_core::store::save_pending(dir.path(), &keys, &password).unwrap();
    let mut ctx = shared();
    ctx.application.prepared = Some(Prepared {
        copy: pending.copy().ok(),
        pending: pending.clone(),
        requests: crate::app::shared::Requests::Rsa {
            auth: keys.csr_auth_pem().into(),
            sign: keys.csr_sign_pem().into(),
        },
    });
    let mut step = submit::State::default();
    _ = step.update(
        submit::Message::Submitted(Ok("1234567890".into())),
        &mut ctx,
    );
    assert_eq!(
        ctx.application.number.as_ref().map(|n| n.as_str()),
        Some("1234567890"),
        "shown before the disk is asked"
    );
    assert_eq!(
        ctx.progress.application_number.as_deref(),
        Some("1234567890"),
        "and kept in the progress file"
    );
    assert_eq!(step.stage, Stage::Writing);

    // The stick is pulled before the number is written next to the keys.
    let error = Arc::new(StoreError::Io(std::io::Error::from(
        std::io::ErrorKind::NotFound,
    )));
    _ = step.update(submit::Message::NumberRecorded(Err(error)), &mut ctx);
    assert_eq!(step.stage, Stage::NotWritten, "not stuck in 'sending'");
    assert!(matches!(step.problem, Some(Problem::Store(_))));
    assert!(
        ctx.application.number.is_some(),
        "the number is still shown"
    );
    assert_eq!(step.folder, dir.path().display().to_string());
    assert!(!step.can_continue(&ctx));

    // Another folder: the kit is written there with its number, and the step is done.
    let elsewhere = dir.path().join("elsewhere");
    _ = step.update(
        submit::Message::Folder(elsewhere.display().to_string()),
        &mut ctx,
    );
    _ = step.update(submit::Message::WriteKit, &mut ctx);
    assert_eq!(step.stage, Stage::Writing);
    let number = qoltanba_core::domain::ApplicationNumber::parse("1234567890").unwrap();
    let moved = pending
        .copy()
        .unwrap()
        .save_in(&elsewhere, &number)
        .unwrap();
    _ = step.update(submit::Message::NumberRecorded(Ok(moved)), &mut ctx);
    assert_eq!(step.stage, Stage::Done);
    assert!(step.can_continue(&ctx));
    assert_eq!(
        ctx.application
            .pending
            .as_ref()
            .map(|p| p.folder().to_path_buf()),
        Some(elsewhere.clone())
    );
    assert_eq!(ctx.progress.folder, Some(elsewhere));
}

#[test]
fn device_keys_are_recorded_before_the_request_and_kept_when_the_answer_is_in_doubt() {
    let mut ctx = shared();
    ctx.application.storage = Some(Storage::Device);
    let mut step = submit::State::default();
    _ = step.update(
        submit::Message::DeviceKeysMade(Ok(device_prepared())),
        &mut ctx,
    );
    assert_eq!(
        step.stage,
        Stage::Recording,
        "nothing is sent before the record is on disk"
    );
    let request = ctx
        .progress
        .request
        .clone()
        .expect("the request is recorded");
    assert_eq!(ctx.progress.device, Some(device_prepared().keys));
    assert_eq!(request.csr_auth, device_prepared().csr_auth);

    // "This session already has an application": an earlier attempt may have been accepted.
    for doubt in [
        refused(ErrorCode::StepOutOfOrder),
        refused(ErrorCode::Unauthorized),
        ClientError::Timeout,
    ] {
        _ = step.update(submit::Message::Submitted(Err(doubt.clone())), &mut ctx);
        assert!(
            ctx.devices.prepared.is_some() && ctx.progress.device.is_some(),
            "{doubt:?} took the keys off the device"
        );
        assert_eq!(ctx.progress.request.as_ref(), Some(&request), "{doubt:?}");
        assert!(!matches!(step.problem, Some(Problem::KeysRemoved)));
    }

    // A refusal of the requests themselves proves there is no application: the keys go.
    _ = step.update(
        submit::Message::Submitted(Err(refused(ErrorCode::CsrInvalid))),
        &mut ctx,
    );
    assert!(ctx.devices.prepared.is_none());
    assert_eq!(ctx.progress.device, None);
    assert_eq!(ctx.progress.request, None);
}

#[test]
fn a_device_record_that_cannot_be_written_sends_nothing() {
    let mut ctx = shared();
    ctx.application.storage = Some(Storage::Device);
    let mut step = submit::State::default();
    _ = step.update(
        submit::Message::DeviceKeysMade(Ok(device_prepared())),
        &mut ctx,
    );
    let error = Arc::new(StoreError::Io(std::io::Error::other("disk full")));
    _ = step.update(submit::Message::DeviceRecorded(Err(error)), &mut ctx);
    assert_eq!(step.stage, Stage::Idle);
    assert!(matches!(step.problem, Some(Problem::RecordNotSaved(_))));
    assert!(!ctx.service.waiting, "no request went out");
    assert_eq!(ctx.progress.device, None);
}
