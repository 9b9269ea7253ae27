//! A logged-in session on one token: PIN change and object clean-up. Key pairs, CSRs and
//! certificates are in `keys`, `csr` and `certificate`.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use cryptoki::error::Error as Pkcs11Error;
use cryptoki::mechanism::MechanismType;
use cryptoki::object::{Attribute, AttributeType, ObjectClass, ObjectHandle};
use cryptoki::session::Session;
use cryptoki::slot::Slot;

use super::error::TokenError;
use super::info::TokenInfo;
use super::module::LoadedModule;
use super::object_names::{KeyId, LABEL_PREFIX};
use super::pin::{TokenPin, is_factory_pin};
use super::pin_checks::{check_new_pin, pin_failure};
use super::presence::{read_present, removal_aware};
use super::state::DeviceKind;

/// The session and what it needs to tell a pulled device from a failing one. Shared by the
/// session and the keys made in it.
pub(crate) struct SessionShared {
    // Declared first so it is closed before the module may be finalized.
    session: Mutex<Session>,
    pub(crate) module: Arc<LoadedModule>,
    pub(crate) slot: Slot,
    pub(crate) token: TokenInfo,
    pub(crate) mechanisms: Vec<MechanismType>,
}

impl SessionShared {
    pub(crate) fn new(
        session: Session,
        module: Arc<LoadedModule>,
        slot: Slot,
        token: TokenInfo,
        mechanisms: Vec<MechanismType>,
    ) -> Arc<Self> {
        Arc::new(Self {
            session: Mutex::new(session),
            module,
            slot,
            token,
            mechanisms,
        })
    }

    /// The session, for one operation at a time (a PKCS#11 session is not for concurrent use).
    pub(crate) fn lock(&self) -> MutexGuard<'_, Session> {
        self.session.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Maps a failure, asking the slot whether the device is still there.
    pub(crate) fn fail(&self, error: Pkcs11Error) -> TokenError {
        removal_aware(&self.module, self.slot, &self.token, error)
    }

    /// Checks the device is still in its slot. Some modules answer searches on a pulled device
    /// with "nothing found" rather than an error (SoftHSM2 does), which must not read as
    /// "the key is missing" or "nothing to clean up".
    pub(crate) fn ensure_present(&self) -> Result<(), TokenError> {
        read_present(&self.module, self.slot, &self.token).map(|_| ())
    }

    /// Whether the token lists the mechanism (a token that lists none is given the benefit of
    /// the doubt; the operation itself then says whether it works).
    pub(crate) fn offers(&self, mechanism: MechanismType) -> bool {
        self.mechanisms.is_empty() || self.mechanisms.contains(&mechanism)
    }

    /// Whether the token lists the GOST 2012-512 key-pair mechanism (an empty list: no).
    pub(crate) fn offers_gost_512_key_pairs(&self) -> bool {
        // CK_ULONG is 64 bits here but 32 on Windows, where the conversion is not useless.
        #[allow(clippy::useless_conversion)]
        let listed: Vec<u64> = self.mechanisms.iter().map(|m| u64::from(**m)).collect();
        super::gost_support::offers_gost_512_key_pairs(&listed)
    }

    pub(crate) fn find(
        &self,
        session: &Session,
        template: &[Attribute],
    ) -> Result<Vec<ObjectHandle>, TokenError> {
        session
            .find_objects(template)
            .map_err(|error| self.fail(error))
    }

    /// Every object with this CKA_ID (any class).
    pub(crate) fn find_by_id(
        &self,
        session: &Session,
        id: &KeyId,
    ) -> Result<Vec<ObjectHandle>, TokenError> {
        self.find(session, &[Attribute::Id(id.as_bytes().to_vec())])
    }

    pub(crate) fn find_class(
        &self,
        session: &Session,
        class: ObjectClass,
        id: &KeyId,
    ) -> Result<Option<ObjectHandle>, TokenError> {
        Ok(self
            .find(
                session,
                &[
                    Attribute::Class(class),
                    Attribute::Id(id.as_bytes().to_vec()),
                ],
            )?
            .into_iter()
            .next())
    }
}

/// A logged-in read/write session on one token. Dropping it closes the session (the token logs
/// the application out when its last session closes).
pub struct TokenSession {
    pub(crate) shared: Arc<SessionShared>,
    uses_factory_pin: bool,
}

impl fmt::Debug for TokenSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenSession")
            .field("label", &self.shared.token.label)
            .field("serial", &self.shared.token.serial)
            .field("uses_factory_pin", &self.uses_factory_pin)
            .finish_non_exhaustive()
    }
}

impl TokenSession {
    pub(crate) fn new(shared: Arc<SessionShared>, kind: DeviceKind, pin: &TokenPin) -> Self {
        Self {
            shared,
            uses_factory_pin: is_factory_pin(kind, pin),
        }
    }

    /// The token as it was when the session was opened.
    pub fn token(&self) -> &TokenInfo {
        &self.shared.token
    }

    /// Whether the session was opened with the device's factory PIN (the user should change it
    /// before keys are made; see [`Self::change_pin`]).
    pub fn uses_factory_pin(&self) -> bool {
        self.uses_factory_pin
    }

    /// Changes the user PIN (`C_SetPIN`). The new PIN must differ from the old one, must not be
    /// the factory PIN, and must fit the token's length rules.
    pub fn change_pin(&mut self, old: &TokenPin, new: &TokenPin) -> Result<(), TokenError> {
        let token = &self.shared.token;
        check_new_pin(token, old, new)?;
        let session = self.shared.lock();
        session
            .set_pin(&old.auth_pin(), &new.auth_pin())
            .map_err(|error| pin_failure(&self.shared.module, self.shared.slot, token, error))?;
        self.uses_factory_pin = false;
        Ok(())
    }

    /// A fresh random key identifier (20 bytes from the token's generator).
    pub fn new_key_id(&self) -> Result<KeyId, TokenError> {
        let session = self.shared.lock();
        let bytes = session
            .generate_random_vec(20)
            .map_err(|error| self.shared.fail(error))?;
        KeyId::new(bytes).ok_or(TokenError::ModuleFailed {
            code: "empty random output".into(),
        })
    }

    /// Removes every object (keys, certificates, anything) with one of these CKA_IDs, e.g. after
    /// an application failed. Returns how many objects were removed.
    pub fn remove_objects(&self, ids: &[KeyId]) -> Result<usize, TokenError> {
        self.shared.ensure_present()?;
        let session = self.shared.lock();
        let mut removed = 0;
        for id in ids {
            for object in self.shared.find_by_id(&session, id)? {
                session
                    .destroy_object(object)
                    .map_err(|error| self.shared.fail(error))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Removes key pairs this application made (label starting with [`LABEL_PREFIX`]) that have
    /// no certificate: what an attempt interrupted by a pulled device or a failed application
    /// leaves behind. Returns the identifiers removed. Call it after login, before a new attempt.
    pub fn remove_incomplete(&self) -> Result<Vec<KeyId>, TokenError> {
        self.remove_incomplete_except(&[])
    }

    /// [`Self::remove_incomplete`], but keeping the pairs in `keep`: those of an application
    /// that was sent (or may have been) and waits for its certificates.
    pub fn remove_incomplete_except(&self, keep: &[KeyId]) -> Result<Vec<KeyId>, TokenError> {
        self.shared.ensure_present()?;
        let mut ours = Vec::new();
        {
            let session = self.shared.lock();
            for class in [ObjectClass::PRIVATE_KEY, ObjectClass::PUBLIC_KEY] {
                for object in self.shared.find(&session, &[Attribute::Class(class)])? {
                    let attributes = session
                        .get_attributes(object, &[AttributeType::Label, AttributeType::Id])
                        .map_err(|error| self.shared.fail(error))?;
                    let (mut label, mut id) = (None, None);
                    for attribute in attributes {
                        match attribute {
                            Attribute::Label(value) => label = Some(value),
                            Attribute::Id(value) => id = KeyId::new(value),
                            _ => {}
                        }
                    }
                    let is_ours = label.is_some_and(|l| l.starts_with(LABEL_PREFIX.as_bytes()));
                    if let (true, Some(id)) = (is_ours, id)
                        && !ours.contains(&id)
                    {
                        ours.push(id);
                    }
                }
            }
            let mut incomplete = Vec::new();
            for id in ours {
                let certificate =
                    self.shared
                        .find_class(&session, ObjectClass::CERTIFICATE, &id)?;
                if certificate.is_none() && !keep.contains(&id) {
                    incomplete.push(id);
                }
            }
            ours = incomplete;
        }
        self.remove_objects(&ours)?;
        Ok(ours)
    }
}
