//! The token behind the module, in safe code: one slot, one token whose objects live in a
//! JSON file (named by `QOLTANBA_TEST_TOKEN_STATE`), written after every change so they
//! survive a module reload. The token is "plugged in" while that file exists: moving it away
//! pulls the token out (sessions end, calls answer CKR_DEVICE_REMOVED), moving it back plugs
//! it in again with its objects.
//!
//! The file holds the private keys in the clear: this is a test fixture, never shipped.

#![forbid(unsafe_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use cryptoki_sys::*;
use qoltanba_core::gost::{Curve, SigningKey};
use qoltanba_core::token::{
    CKA_GOSTR3410_PARAMS, CKA_GOSTR3411_PARAMS, CKK_GOSTR3410_512, CKM_GOSTR3410_512,
    CKM_GOSTR3410_512_KEY_PAIR_GEN, CKM_GOSTR3410_WITH_GOSTR3411_12_512, PARAM_SET_A_512_DER,
    STREEBOG_512_DER,
};
use serde::{Deserialize, Serialize};

/// The environment variable naming the state file.
pub const STATE_VAR: &str = "QOLTANBA_TEST_TOKEN_STATE";
/// Wrong PINs before the PIN locks.
const MAX_WRONG_PINS: u32 = 10;

/// An object: its attributes as the raw bytes PKCS#11 passes (CK_BBOOL one byte, CK_ULONG
/// native-endian).
pub type Attributes = BTreeMap<CK_ATTRIBUTE_TYPE, Vec<u8>>;

/// What the state file holds.
#[derive(Debug, Serialize, Deserialize)]
pub struct Stored {
    pub label: String,
    pub serial: String,
    pub pin: String,
    #[serde(default)]
    pub wrong_pins: u32,
    #[serde(default)]
    pub objects: BTreeMap<CK_OBJECT_HANDLE, Attributes>,
    #[serde(default = "first_handle")]
    pub next_handle: CK_OBJECT_HANDLE,
}

fn first_handle() -> CK_OBJECT_HANDLE {
    1
}

/// One open session.
#[derive(Debug, Default)]
pub struct Session {
    /// Handles still to be returned by C_FindObjects.
    pub found: Option<Vec<CK_OBJECT_HANDLE>>,
    /// C_SignInit's mechanism and key.
    pub signing: Option<(CK_MECHANISM_TYPE, CK_OBJECT_HANDLE)>,
}

/// The token while the module is initialised.
#[derive(Debug)]
pub struct Token {
    path: PathBuf,
    pub stored: Option<Stored>,
    pub sessions: BTreeMap<CK_SESSION_HANDLE, Session>,
    next_session: CK_SESSION_HANDLE,
    pub logged_in: bool,
}

pub type Result<T> = std::result::Result<T, CK_RV>;

pub fn bool_bytes(value: bool) -> Vec<u8> {
    vec![u8::from(value)]
}

pub fn ulong_bytes(value: CK_ULONG) -> Vec<u8> {
    value.to_ne_bytes().to_vec()
}

fn is_true(attributes: &Attributes, kind: CK_ATTRIBUTE_TYPE) -> bool {
    attributes.get(&kind).is_some_and(|v| v.first() == Some(&1))
}

fn ulong_of(attributes: &Attributes, kind: CK_ATTRIBUTE_TYPE) -> Option<CK_ULONG> {
    let bytes: [u8; size_of::<CK_ULONG>()] = attributes.get(&kind)?.as_slice().try_into().ok()?;
    Some(CK_ULONG::from_ne_bytes(bytes))
}

/// The mechanisms this token lists.
pub const MECHANISMS: [CK_MECHANISM_TYPE; 3] = [
    CKM_GOSTR3410_512_KEY_PAIR_GEN as CK_MECHANISM_TYPE,
    CKM_GOSTR3410_512 as CK_MECHANISM_TYPE,
    CKM_GOSTR3410_WITH_GOSTR3411_12_512 as CK_MECHANISM_TYPE,
];

impl Token {
    /// The token of the state file named by [`STATE_VAR`].
    pub fn open() -> Result<Token> {
        let path = std::env::var_os(STATE_VAR).ok_or(CKR_GENERAL_ERROR)?;
        let mut token = Token {
            path: PathBuf::from(path),
            stored: None,
            sessions: BTreeMap::new(),
            next_session: 1,
            logged_in: false,
        };
        token.refresh();
        Ok(token)
    }

    /// Follows the state file: gone means pulled out, back means plugged in again.
    pub fn refresh(&mut self) {
        match std::fs::read(&self.path) {
            Ok(bytes) if self.stored.is_none() => {
                self.stored = serde_json::from_slice(&bytes).ok();
            }
            Ok(_) => {}
            Err(_) => {
                self.stored = None;
                self.sessions.clear();
                self.logged_in = false;
            }
        }
    }

    pub fn present(&mut self) -> bool {
        self.refresh();
        self.stored.is_some()
    }

    fn save(&self) -> Result<()> {
        let stored = self.stored.as_ref().ok_or(CKR_DEVICE_REMOVED)?;
        let json = serde_json::to_vec(stored).map_err(|_| CKR_GENERAL_ERROR)?;
        let temporary = self.path.with_extension("tmp");
        std::fs::write(&temporary, json).map_err(|_| CKR_DEVICE_ERROR)?;
        std::fs::rename(&temporary, &self.path).map_err(|_| CKR_DEVICE_ERROR)
    }

    pub fn stored(&mut self) -> Result<&mut Stored> {
        self.refresh();
        self.stored.as_mut().ok_or(CKR_DEVICE_REMOVED)
    }

    pub fn session(&mut self, handle: CK_SESSION_HANDLE) -> Result<&mut Session> {
        self.refresh();
        if self.stored.is_none() {
            return Err(CKR_DEVICE_REMOVED);
        }
        self.sessions
            .get_mut(&handle)
            .ok_or(CKR_SESSION_HANDLE_INVALID)
    }

    pub fn open_session(&mut self) -> Result<CK_SESSION_HANDLE> {
        self.stored()?;
        let handle = self.next_session;
        self.next_session += 1;
        self.sessions.insert(handle, Session::default());
        Ok(handle)
    }

    pub fn close_session(&mut self, handle: CK_SESSION_HANDLE) -> Result<()> {
        self.session(handle)?;
        self.sessions.remove(&handle);
        if self.sessions.is_empty() {
            self.logged_in = false;
        }
        Ok(())
    }

    pub fn login(
        &mut self,
        session: CK_SESSION_HANDLE,
        user: CK_USER_TYPE,
        pin: &[u8],
    ) -> Result<()> {
        self.session(session)?;
        if user != CKU_USER {
            return Err(CKR_USER_TYPE_INVALID);
        }
        if self.logged_in {
            return Err(CKR_USER_ALREADY_LOGGED_IN);
        }
        let stored = self.stored()?;
        if stored.wrong_pins >= MAX_WRONG_PINS {
            return Err(CKR_PIN_LOCKED);
        }
        if stored.pin.as_bytes() != pin {
            stored.wrong_pins += 1;
            self.save()?;
            return Err(CKR_PIN_INCORRECT);
        }
        stored.wrong_pins = 0;
        self.save()?;
        self.logged_in = true;
        Ok(())
    }

    pub fn logout(&mut self, session: CK_SESSION_HANDLE) -> Result<()> {
        self.session(session)?;
        if !self.logged_in {
            return Err(CKR_USER_NOT_LOGGED_IN);
        }
        self.logged_in = false;
        Ok(())
    }

    pub fn set_pin(&mut self, session: CK_SESSION_HANDLE, old: &[u8], new: &[u8]) -> Result<()> {
        self.session(session)?;
        let stored = self.stored()?;
        if stored.pin.as_bytes() != old {
            return Err(CKR_PIN_INCORRECT);
        }
        if !(4..=32).contains(&new.len()) {
            return Err(CKR_PIN_LEN_RANGE);
        }
        stored.pin = String::from_utf8(new.to_vec()).map_err(|_| CKR_PIN_INVALID)?;
        self.save()
    }

    /// The token flags of CK_TOKEN_INFO.
    pub fn flags(&mut self) -> Result<CK_FLAGS> {
        let stored = self.stored()?;
        let mut flags =
            CKF_RNG | CKF_LOGIN_REQUIRED | CKF_USER_PIN_INITIALIZED | CKF_TOKEN_INITIALIZED;
        if stored.wrong_pins > 0 {
            flags |= CKF_USER_PIN_COUNT_LOW;
        }
        if stored.wrong_pins + 1 == MAX_WRONG_PINS {
            flags |= CKF_USER_PIN_FINAL_TRY;
        }
        if stored.wrong_pins >= MAX_WRONG_PINS {
            flags |= CKF_USER_PIN_LOCKED;
        }
        Ok(flags)
    }

    /// An object the session may see (private ones only after login).
    pub fn object(
        &mut self,
        session: CK_SESSION_HANDLE,
        handle: CK_OBJECT_HANDLE,
    ) -> Result<&mut Attributes> {
        self.session(session)?;
        let logged_in = self.logged_in;
        let object = self
            .stored()?
            .objects
            .get_mut(&handle)
            .ok_or(CKR_OBJECT_HANDLE_INVALID)?;
        if is_true(object, CKA_PRIVATE) && !logged_in {
            return Err(CKR_OBJECT_HANDLE_INVALID);
        }
        Ok(object)
    }

    pub fn create(
        &mut self,
        session: CK_SESSION_HANDLE,
        attributes: Attributes,
    ) -> Result<CK_OBJECT_HANDLE> {
        self.session(session)?;
        if is_true(&attributes, CKA_PRIVATE) && !self.logged_in {
            return Err(CKR_USER_NOT_LOGGED_IN);
        }
        if !attributes.contains_key(&CKA_CLASS) {
            return Err(CKR_TEMPLATE_INCOMPLETE);
        }
        let stored = self.stored()?;
        let handle = stored.next_handle;
        stored.next_handle += 1;
        stored.objects.insert(handle, attributes);
        self.save()?;
        Ok(handle)
    }

    pub fn destroy(&mut self, session: CK_SESSION_HANDLE, handle: CK_OBJECT_HANDLE) -> Result<()> {
        self.object(session, handle)?;
        self.stored()?.objects.remove(&handle);
        self.save()
    }

    pub fn update(
        &mut self,
        session: CK_SESSION_HANDLE,
        handle: CK_OBJECT_HANDLE,
        changes: Attributes,
    ) -> Result<()> {
        let object = self.object(session, handle)?;
        object.extend(changes);
        self.save()
    }

    pub fn find_init(&mut self, session: CK_SESSION_HANDLE, template: &Attributes) -> Result<()> {
        self.session(session)?;
        let logged_in = self.logged_in;
        let found = self
            .stored()?
            .objects
            .iter()
            .filter(|(_, object)| logged_in || !is_true(object, CKA_PRIVATE))
            .filter(|(_, object)| {
                template
                    .iter()
                    .all(|(kind, value)| object.get(kind) == Some(value))
            })
            .map(|(handle, _)| *handle)
            .collect();
        let session = self.session(session)?;
        if session.found.is_some() {
            return Err(CKR_OPERATION_ACTIVE);
        }
        session.found = Some(found);
        Ok(())
    }

    /// Generates a GOST 34.10-2015 512-bit pair on paramSetA with our own GOST code. The
    /// public template must name the curve (CKA_GOSTR3410_PARAMS), as Rutoken's and
    /// JaCarta's modules require; the hash parameters, when given, must be Streebog-512.
    pub fn generate_gost_pair(
        &mut self,
        session: CK_SESSION_HANDLE,
        mut public: Attributes,
        mut private: Attributes,
    ) -> Result<(CK_OBJECT_HANDLE, CK_OBJECT_HANDLE)> {
        self.session(session)?;
        if !self.logged_in {
            return Err(CKR_USER_NOT_LOGGED_IN);
        }
        let gost_type = CKK_GOSTR3410_512 as CK_ULONG;
        for template in [&public, &private] {
            if ulong_of(template, CKA_KEY_TYPE).is_some_and(|kind| kind != gost_type) {
                return Err(CKR_TEMPLATE_INCONSISTENT);
            }
            if let Some(curve) = template.get(&(CKA_GOSTR3410_PARAMS as CK_ULONG))
                && curve.as_slice() != PARAM_SET_A_512_DER
            {
                return Err(CKR_DOMAIN_PARAMS_INVALID);
            }
            if let Some(hash) = template.get(&(CKA_GOSTR3411_PARAMS as CK_ULONG))
                && hash.as_slice() != STREEBOG_512_DER
            {
                return Err(CKR_ATTRIBUTE_VALUE_INVALID);
            }
        }
        if !public.contains_key(&(CKA_GOSTR3410_PARAMS as CK_ULONG)) {
            return Err(CKR_TEMPLATE_INCOMPLETE);
        }
        let key = SigningKey::generate(Curve::param_set_a());
        let point = key.verifying_key().to_le_bytes().to_vec();
        for (template, class) in [
            (&mut public, CKO_PUBLIC_KEY),
            (&mut private, CKO_PRIVATE_KEY),
        ] {
            template.insert(CKA_CLASS, ulong_bytes(class));
            template.insert(CKA_KEY_TYPE, ulong_bytes(gost_type));
            template.insert(CKA_LOCAL, bool_bytes(true));
            template
                .entry(CKA_GOSTR3410_PARAMS as CK_ULONG)
                .or_insert_with(|| PARAM_SET_A_512_DER.to_vec());
            template
                .entry(CKA_GOSTR3411_PARAMS as CK_ULONG)
                .or_insert_with(|| STREEBOG_512_DER.to_vec());
        }
        public.insert(CKA_VALUE, point);
        let sensitive = !private.contains_key(&CKA_SENSITIVE) || is_true(&private, CKA_SENSITIVE);
        let extractable = is_true(&private, CKA_EXTRACTABLE);
        private.insert(CKA_SENSITIVE, bool_bytes(sensitive));
        private.insert(CKA_EXTRACTABLE, bool_bytes(extractable));
        private.insert(CKA_ALWAYS_SENSITIVE, bool_bytes(sensitive));
        private.insert(CKA_NEVER_EXTRACTABLE, bool_bytes(!extractable));
        private
            .entry(CKA_PRIVATE)
            .or_insert_with(|| bool_bytes(true));
        private.insert(CKA_VALUE, key.to_le_bytes().to_vec());
        let public = self.create(session, public)?;
        let private = self.create(session, private)?;
        Ok((public, private))
    }

    pub fn sign_init(
        &mut self,
        session: CK_SESSION_HANDLE,
        mechanism: CK_MECHANISM_TYPE,
        key: CK_OBJECT_HANDLE,
    ) -> Result<()> {
        if !MECHANISMS[1..].contains(&mechanism) {
            return Err(CKR_MECHANISM_INVALID);
        }
        let object = self.object(session, key)?;
        let is_gost_private = ulong_of(object, CKA_CLASS) == Some(CKO_PRIVATE_KEY)
            && ulong_of(object, CKA_KEY_TYPE) == Some(CKK_GOSTR3410_512 as CK_ULONG);
        if !is_gost_private {
            return Err(CKR_KEY_TYPE_INCONSISTENT);
        }
        if !is_true(object, CKA_SIGN) {
            return Err(CKR_KEY_FUNCTION_NOT_PERMITTED);
        }
        let session = self.session(session)?;
        if session.signing.is_some() {
            return Err(CKR_OPERATION_ACTIVE);
        }
        session.signing = Some((mechanism, key));
        Ok(())
    }

    /// The signature, s_BE ‖ r_BE (PKCS#11's GOST layout). CKM_GOSTR3410_512 takes the
    /// 64-byte Streebog-512 digest; the combined mechanism hashes `data` itself. Ends the
    /// operation.
    pub fn sign(&mut self, session: CK_SESSION_HANDLE, data: &[u8]) -> Result<Vec<u8>> {
        let (mechanism, key) = self
            .session(session)?
            .signing
            .take()
            .ok_or(CKR_OPERATION_NOT_INITIALIZED)?;
        let digest: [u8; 64] = if mechanism == CKM_GOSTR3410_512 as CK_ULONG {
            data.try_into().map_err(|_| CKR_DATA_LEN_RANGE)?
        } else {
            qoltanba_core::gost::streebog512(data)
        };
        let object = self.object(session, key)?;
        let secret = zeroize::Zeroizing::new(object.get(&CKA_VALUE).cloned().unwrap_or_default());
        let key = SigningKey::from_le_bytes(Curve::param_set_a(), &secret)
            .map_err(|_| CKR_KEY_HANDLE_INVALID)?;
        Ok(key.sign_prehashed(&digest).to_rfc_bytes().to_vec())
    }
}

/// Whether an attribute may be read: a sensitive (or non-extractable) private key's value
/// may not.
pub fn readable(object: &Attributes, kind: CK_ATTRIBUTE_TYPE) -> bool {
    let secret = ulong_of(object, CKA_CLASS) == Some(CKO_PRIVATE_KEY) && kind == CKA_VALUE;
    !secret || (!is_true(object, CKA_SENSITIVE) && is_true(object, CKA_EXTRACTABLE))
}
