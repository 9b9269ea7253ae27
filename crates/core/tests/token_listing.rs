//! Module loading and token listing against SoftHSM2 (each test in its own process).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod token_support;

use std::fs;
use std::path::PathBuf;

use qoltanba_core::token::{
    DeviceKind, ModuleOrigin, PinState, ProblemKind, TokenError, TokenInfo, TokenPin, TokenRegistry,
};
use token_support::{isolated, isolated_broken};

/// The initialised tokens (SoftHSM2 always adds one free, uninitialised slot).
fn initialised(registry: &TokenRegistry) -> Vec<TokenInfo> {
    let mut tokens: Vec<_> = registry
        .tokens()
        .into_iter()
        .filter(|token| token.pin_state != PinState::TokenNotInitialised)
        .collect();
    tokens.sort_by(|a, b| a.label.cmp(&b.label));
    tokens
}

#[test]
fn lists_two_tokens() {
    isolated("lists_two_tokens", |hsm| {
        hsm.init_token("first", "11112222");
        hsm.init_token("second", "33334444");
        let registry = hsm.registry();
        let tokens = initialised(&registry);
        let labels: Vec<_> = tokens.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(labels, ["first", "second"], "{tokens:#?}");
        for token in &tokens {
            assert_eq!(token.kind, DeviceKind::SoftHsm);
            assert_eq!(token.pin_state, PinState::Ok);
            assert_eq!(token.manufacturer, "SoftHSM project");
            assert_eq!(token.model, "SoftHSM v2");
            assert!(!token.serial.is_empty());
            assert_eq!((token.pin_length.min, token.pin_length.max), (4, 255));
            assert_eq!(token.module, hsm.module.canonicalize().unwrap());
            assert_eq!(token.factory_pin(), None);
        }
        assert_ne!(tokens[0].serial, tokens[1].serial);
        // The free slot SoftHSM2 keeps is listed as a token that is not initialised.
        let free: Vec<_> = registry
            .tokens()
            .into_iter()
            .filter(|token| token.pin_state == PinState::TokenNotInitialised)
            .collect();
        assert_eq!(free.len(), 1, "{free:#?}");
        let modules = registry.modules();
        assert_eq!(modules.len(), 1);
        assert_eq!(modules[0].library.manufacturer, "SoftHSM");
        assert_eq!(modules[0].origin, ModuleOrigin::Added);
        assert!(modules[0].library.cryptoki_version.starts_with("2."));
    });
}

#[test]
fn relisting_sees_a_removed_token_and_reloading_an_inserted_one() {
    isolated(
        "relisting_sees_a_removed_token_and_reloading_an_inserted_one",
        |hsm| {
            hsm.init_token("first", "11112222");
            let registry = hsm.registry();
            let first = hsm.token(&registry, "first");

            // SoftHSM2 finds tokens made by another process only when initialised again.
            hsm.init_token("second", "33334444");
            assert_eq!(initialised(&registry).len(), 1);
            drop(registry);
            let registry = hsm.registry();
            let labels: Vec<_> = initialised(&registry)
                .into_iter()
                .map(|t| t.label)
                .collect();
            assert_eq!(labels, ["first", "second"]);

            // "Pull" the first token: move its directory away. Listing again no longer shows it.
            let first_dir = token_dir(hsm, &first);
            let away = first_dir.with_extension("away");
            fs::rename(&first_dir, &away).unwrap();
            let labels: Vec<_> = initialised(&registry)
                .into_iter()
                .map(|t| t.label)
                .collect();
            assert_eq!(labels, ["second"]);
            assert_eq!(
                registry
                    .login(&first, &TokenPin::new("11112222"))
                    .unwrap_err(),
                TokenError::TokenRemoved
            );
            assert_eq!(registry.refresh(&first), Err(TokenError::TokenRemoved));
            fs::rename(&away, &first_dir).unwrap();
        },
    );
}

/// The directory SoftHSM2 keeps a token in (named after its serial's UUID).
fn token_dir(hsm: &token_support::SoftHsm, token: &TokenInfo) -> PathBuf {
    let tail = &token.serial[token.serial.len() - 8..];
    fs::read_dir(hsm.tokens())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.to_string_lossy().replace('-', "").ends_with(tail))
        .unwrap_or_else(|| panic!("a directory for serial {}", token.serial))
}

#[test]
fn a_missing_module_is_reported_and_skipped() {
    let missing = PathBuf::from("/nonexistent/libvendor-pkcs11.so");
    let (registry, problems) = TokenRegistry::load(std::slice::from_ref(&missing));
    let problem = problems
        .iter()
        .find(|p| p.path == missing)
        .expect("the missing module is reported");
    assert_eq!(problem.kind, ProblemKind::NotFound);
    assert!(
        registry.modules().iter().all(|m| m.path != missing),
        "{registry:?}"
    );
}

#[test]
fn a_library_that_is_not_pkcs11_is_reported() {
    let libc = [
        "/lib/x86_64-linux-gnu/libc.so.6",
        "/usr/lib/x86_64-linux-gnu/libc.so.6",
        "/lib/aarch64-linux-gnu/libc.so.6",
        "/usr/lib64/libc.so.6",
        "/lib64/libc.so.6",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|path| path.is_file())
    .expect("a C library to load");
    let (registry, problems) = TokenRegistry::load_only(std::slice::from_ref(&libc));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].path, libc);
    assert_eq!(problems[0].kind, ProblemKind::NotPkcs11);
    assert!(registry.modules().is_empty());
    assert!(registry.tokens().is_empty());
}

#[test]
fn a_file_that_is_not_a_library_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("libfake-pkcs11.so");
    fs::write(&text, "not a shared object").unwrap();
    let (registry, problems) = TokenRegistry::load_only(std::slice::from_ref(&text));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        matches!(&problems[0].kind, ProblemKind::LoadFailed { detail } if !detail.is_empty()),
        "{problems:?}"
    );
    assert!(registry.modules().is_empty());
}

#[test]
fn a_module_that_fails_to_start_is_reported() {
    isolated_broken("a_module_that_fails_to_start_is_reported", |hsm| {
        let missing = PathBuf::from("/nonexistent/other.so");
        let (registry, problems) = TokenRegistry::load_only(&[hsm.module.clone(), missing.clone()]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].path, hsm.module);
        assert!(
            matches!(&problems[0].kind, ProblemKind::InitFailed { code } if !code.is_empty()),
            "{problems:?}"
        );
        assert_eq!(problems[1].kind, ProblemKind::NotFound);
        assert!(registry.modules().is_empty());
    });
}

#[test]
fn the_same_module_given_twice_is_loaded_once() {
    isolated("the_same_module_given_twice_is_loaded_once", |hsm| {
        hsm.init_token("only", "11112222");
        let (registry, problems) =
            TokenRegistry::load_only(&[hsm.module.clone(), hsm.module.clone()]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(registry.modules().len(), 1);
        // A second registry shares the initialised module instead of failing.
        let second = hsm.registry();
        assert_eq!(initialised(&second).len(), 1);
        drop(registry);
        assert_eq!(initialised(&second).len(), 1);
    });
}
