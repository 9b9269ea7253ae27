//! Key storage on protected devices (tokens, smart cards) through their vendors' PKCS#11
//! modules.
//!
//! [`TokenRegistry::load`] loads the known vendor modules and any added by path, reporting
//! (never panicking on) modules that are missing, fail to load or misbehave. `tokens()` lists
//! the devices present now, with their kind and PIN state; calling it again sees devices
//! inserted or removed since. [`TokenRegistry::login`] opens a [`TokenSession`], in which RSA-2048
//! key pairs ([`TokenSession::generate_key_pair`]) or, where the module offers them, GOST
//! 34.10-2015 512-bit ones ([`TokenSession::generate_gost_key_pair`]) are generated on the
//! device, their requests signed there ([`TokenKey::csr_pem`], [`TokenKey::gost_csr_pem`]), and certificates written next to them
//! ([`TokenSession::import_certificate`], [`TokenSession::read_back`]). An interrupted attempt's
//! objects are found and removed by [`TokenSession::remove_incomplete`].
//!
//! The app's use of all this lives in [`devices`] (the registry shared with worker threads,
//! the one open session) and [`enrolment`] (the two pairs of an application made on the device,
//! their certificates written there); what is remembered of them is [`DeviceKeys`].
//!
//! Every call may block on the device; the GUI runs them off the UI thread. See docs/tokens.md.

mod certificate;
mod csr;
mod device_error;
mod device_keys;
pub mod devices;
pub mod enrolment;
mod error;
mod gost_keys;
mod gost_objects;
mod gost_support;
mod info;
mod keys;
mod known;
mod module;
mod object_names;
mod pin;
mod pin_checks;
mod presence;
mod registry;
mod session;
mod state;

pub use certificate::StoredKeyPair;
pub use csr::SignMechanism;
pub use device_error::DeviceError;
pub use device_keys::{DeviceKey, DeviceKeys, DevicePrepared};
pub use error::{Capability, TokenError};
pub use gost_support::{
    CKA_GOSTR3410_PARAMS, CKA_GOSTR3411_PARAMS, CKK_GOSTR3410_512, CKM_GOSTR3410_512,
    CKM_GOSTR3410_512_KEY_PAIR_GEN, CKM_GOSTR3410_WITH_GOSTR3411_12_512, PARAM_SET_A_512_DER,
    STREEBOG_512_DER, offers_gost_512_key_pairs,
};
pub use info::TokenInfo;
pub use keys::TokenKey;
pub use known::{
    KNOWN_MODULES, KnownModule, Location, Os, Vendor, current_os, device_modules, softhsm_module,
    vendor_of,
};
pub use module::LibraryInfo;
pub use module::{ModuleProblem, ProblemKind};
pub use object_names::{KeyId, KeyRole, LABEL_PREFIX};
pub use pin::{PinLength, TokenPin, is_factory_pin};
pub use registry::{ModuleInfo, ModuleOrigin, TokenRegistry};
pub use session::TokenSession;
pub use state::{DeviceKind, PinState, TokenFlags, factory_pin};
