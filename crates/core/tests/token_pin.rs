//! PIN handling against SoftHSM2: wrong PIN, length rules, factory-PIN warning, PIN change.
//! (SoftHSM2 never reports "final try" or "locked"; those states are tested on the flags in
//! the library's unit tests.)
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod token_support;

use qoltanba_core::token::{DeviceKind, PinState, TokenError, TokenPin};
use token_support::isolated;

const PIN: &str = "40917263";

#[test]
fn a_wrong_pin_is_refused_and_sets_count_low() {
    isolated("a_wrong_pin_is_refused_and_sets_count_low", |hsm| {
        hsm.init_token("citizen", PIN);
        let registry = hsm.registry();
        let token = hsm.token(&registry, "citizen");
        assert_eq!(token.pin_state, PinState::Ok);

        let error = registry
            .login(&token, &TokenPin::new("00000000"))
            .unwrap_err();
        assert_eq!(
            error,
            TokenError::WrongPin {
                count_low: true,
                final_try: false
            }
        );
        let after = registry.refresh(&token).unwrap();
        assert_eq!(after.pin_state, PinState::CountLow);
        assert!(after.flags.user_pin_count_low);

        // The right PIN still works and clears the count.
        let session = registry.login(&token, &TokenPin::new(PIN)).unwrap();
        assert!(!session.uses_factory_pin());
        drop(session);
        assert_eq!(registry.refresh(&token).unwrap().pin_state, PinState::Ok);
    });
}

#[test]
fn a_pin_of_the_wrong_length_costs_no_try() {
    isolated("a_pin_of_the_wrong_length_costs_no_try", |hsm| {
        hsm.init_token("citizen", PIN);
        let registry = hsm.registry();
        let token = hsm.token(&registry, "citizen");
        for pin in ["", "123", &"9".repeat(256)] {
            assert_eq!(
                registry.login(&token, &TokenPin::new(pin)).unwrap_err(),
                TokenError::PinLength { min: 4, max: 255 }
            );
        }
        assert_eq!(registry.refresh(&token).unwrap().pin_state, PinState::Ok);
    });
}

#[test]
fn the_factory_pin_is_detected_and_changed() {
    isolated("the_factory_pin_is_detected_and_changed", |hsm| {
        // A SoftHSM2 token stands in for a Kaztoken still on its factory PIN; the picker lets
        // the user say which device it is, which is what setting `kind` does here.
        hsm.init_token("kaztoken", "12345678");
        let registry = hsm.registry();
        let mut token = hsm.token(&registry, "kaztoken");
        assert_eq!(token.kind, DeviceKind::SoftHsm);
        token.kind = DeviceKind::Kaztoken;
        assert_eq!(token.factory_pin(), Some("12345678"));

        let factory = TokenPin::new("12345678");
        let mut session = registry.login(&token, &factory).unwrap();
        assert!(session.uses_factory_pin());

        // Refused before reaching the device: same PIN, factory PIN, too short.
        assert_eq!(
            session.change_pin(&factory, &factory),
            Err(TokenError::NewPinUnchanged)
        );
        assert_eq!(
            session.change_pin(&factory, &TokenPin::new("123")),
            Err(TokenError::PinLength { min: 4, max: 255 })
        );
        // A wrong current PIN is the device's answer.
        assert!(matches!(
            session.change_pin(&TokenPin::new("87878787"), &TokenPin::new(PIN)),
            Err(TokenError::WrongPin { .. })
        ));
        assert!(session.uses_factory_pin());

        session.change_pin(&factory, &TokenPin::new(PIN)).unwrap();
        assert!(!session.uses_factory_pin());
        drop(session);

        assert!(matches!(
            registry.login(&token, &factory),
            Err(TokenError::WrongPin { .. })
        ));
        let session = registry.login(&token, &TokenPin::new(PIN)).unwrap();
        assert!(!session.uses_factory_pin());
        drop(session);

        // Going back to the factory PIN is refused too.
        assert_eq!(
            registry.change_pin(&token, &TokenPin::new(PIN), &factory),
            Err(TokenError::NewPinIsFactory)
        );
    });
}

#[test]
fn the_pin_can_be_changed_without_a_login() {
    isolated("the_pin_can_be_changed_without_a_login", |hsm| {
        hsm.init_token("citizen", PIN);
        let registry = hsm.registry();
        let token = hsm.token(&registry, "citizen");
        let new = TokenPin::new("55117733");
        assert!(matches!(
            registry.change_pin(&token, &TokenPin::new("00000000"), &new),
            Err(TokenError::WrongPin {
                count_low: true,
                ..
            })
        ));
        registry
            .change_pin(&token, &TokenPin::new(PIN), &new)
            .unwrap();
        registry.login(&token, &new).unwrap();
    });
}

#[test]
fn a_wrong_pin_is_refused_while_another_session_is_logged_in() {
    isolated(
        "a_wrong_pin_is_refused_while_another_session_is_logged_in",
        |hsm| {
            hsm.init_token("citizen", PIN);
            let registry = hsm.registry();
            let token = hsm.token(&registry, "citizen");
            // The login state is the application's, shared by its sessions: without a fresh
            // check, this second login would get CKR_USER_ALREADY_LOGGED_IN and pass.
            let first = registry.login(&token, &TokenPin::new(PIN)).unwrap();
            let error = registry
                .login(&token, &TokenPin::new("00000000"))
                .unwrap_err();
            assert_eq!(
                error,
                TokenError::WrongPin {
                    count_low: true,
                    final_try: false
                }
            );
            // The right PIN, typed while another session is logged in, is accepted.
            let again = registry.login(&token, &TokenPin::new(PIN)).unwrap();
            assert!(!again.uses_factory_pin());
            drop(first);
            drop(again);
            assert_eq!(registry.refresh(&token).unwrap().pin_state, PinState::Ok);
        },
    );
}
