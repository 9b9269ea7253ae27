//! Turns the domain rules' errors into the user's language. One function per error type,
//! one Fluent message per variant, so adding a variant fails to compile until it is worded.

use qoltanba_core::domain::{
    AccountPinError, ApplicationNumberError, EmailError, IinError, KeyPasswordError, OtpError,
    PhoneError,
};

use crate::i18n::Language;
use crate::t;

pub fn iin(lang: Language, error: IinError) -> String {
    match error {
        IinError::Empty => t!(lang, "iin-error-empty"),
        IinError::NotDigits => t!(lang, "iin-error-not-digits"),
        IinError::WrongLength { len } => t!(lang, "iin-error-length", len = len),
        IinError::InvalidCenturyDigit { digit } => t!(lang, "iin-error-century", digit = digit),
        IinError::InvalidBirthDate => t!(lang, "iin-error-date"),
        IinError::LooksLikeBin => t!(lang, "iin-error-bin"),
        IinError::NeverIssued => t!(lang, "iin-error-never-issued"),
        IinError::Checksum => t!(lang, "iin-error-checksum"),
    }
}

pub fn phone(lang: Language, error: PhoneError) -> String {
    match error {
        PhoneError::Empty => t!(lang, "phone-error-empty"),
        PhoneError::InvalidCharacter { ch } => {
            t!(lang, "phone-error-character", ch = ch.to_string())
        }
        PhoneError::WrongLength => t!(lang, "phone-error-length"),
        PhoneError::NotKazakhMobile => t!(lang, "phone-error-not-mobile"),
    }
}

pub fn otp(lang: Language, error: OtpError) -> String {
    match error {
        OtpError::Empty => t!(lang, "otp-error-empty"),
        OtpError::NotDigits => t!(lang, "otp-error-not-digits"),
        OtpError::WrongLength { expected, len } => {
            t!(lang, "otp-error-length", expected = expected, len = len)
        }
    }
}

pub fn account_pin(lang: Language, error: AccountPinError) -> String {
    match error {
        AccountPinError::Empty => t!(lang, "pin-error-empty"),
        AccountPinError::NotDigits => t!(lang, "pin-error-not-digits"),
        AccountPinError::WrongLength { expected, len } => {
            t!(lang, "pin-error-length", expected = expected, len = len)
        }
        AccountPinError::TooSimple => t!(lang, "pin-error-simple"),
    }
}

pub fn email(lang: Language, error: EmailError) -> String {
    match error {
        // An empty e-mail is allowed (it is optional), so the screen never asks for this one;
        // it is still worded in case a caller does.
        EmailError::Empty | EmailError::MissingAt => t!(lang, "email-error-missing-at"),
        EmailError::InvalidLocalPart => t!(lang, "email-error-local"),
        EmailError::InvalidDomain => t!(lang, "email-error-domain"),
        EmailError::TooLong => t!(lang, "email-error-too-long"),
    }
}

pub fn key_password(lang: Language, error: KeyPasswordError) -> String {
    match error {
        KeyPasswordError::Empty => t!(lang, "password-error-empty"),
        KeyPasswordError::ForbiddenCharacter { ch } => {
            t!(lang, "password-error-character", ch = ch.to_string())
        }
        KeyPasswordError::TooShort { min, len } => {
            t!(lang, "password-error-short", min = min, len = len)
        }
        KeyPasswordError::TooLong { max, len } => {
            t!(lang, "password-error-long", max = max, len = len)
        }
        KeyPasswordError::NeedsLetter => t!(lang, "password-error-letter"),
        KeyPasswordError::NeedsDigit => t!(lang, "password-error-digit"),
    }
}

pub fn application_number(lang: Language, error: ApplicationNumberError) -> String {
    match error {
        ApplicationNumberError::Empty => t!(lang, "status-error-empty"),
        ApplicationNumberError::NotDigits => t!(lang, "status-error-not-digits"),
        ApplicationNumberError::WrongLength { expected, len } => {
            t!(lang, "status-error-length", expected = expected, len = len)
        }
    }
}

/// Why the issuance service could not be reached or started, in the user's language.
pub fn connect(lang: Language, error: &crate::app::service::ConnectError) -> String {
    use crate::app::service::ConnectError;
    use qoltanba_core::client::ClientError;
    match error {
        ConnectError::NoServiceUrl => t!(lang, "service-url-missing"),
        ConnectError::Client(ClientError::Config(detail)) => {
            t!(lang, "service-failed-config", detail = detail.as_str())
        }
        ConnectError::Client(ClientError::PlainHttp { url }) => {
            t!(lang, "service-failed-plain-http", url = url.as_str())
        }
        ConnectError::Client(other) => service(lang, other),
        ConnectError::SandboxData { path, .. } => t!(
            lang,
            "service-failed-sandbox-data",
            path = path.display().to_string()
        ),
        ConnectError::SandboxListen(_) => t!(lang, "service-failed-sandbox-listen"),
        ConnectError::SandboxFailed(_) => t!(lang, "service-failed-sandbox"),
    }
}

/// What went wrong talking to the issuance service, in the user's language.
pub fn service(lang: Language, error: &qoltanba_core::client::ClientError) -> String {
    use qoltanba_core::client::ClientError;
    use qoltanba_core::protocol::ErrorCode;
    let (code, retry_after) = match error {
        ClientError::Timeout => return t!(lang, "error-timeout"),
        ClientError::Unreachable(_) => return t!(lang, "error-unreachable"),
        ClientError::Malformed(_) => return t!(lang, "error-malformed"),
        ClientError::Config(detail) => return t!(lang, "error-config", detail = detail.as_str()),
        ClientError::PlainHttp { url } => {
            return t!(lang, "service-failed-plain-http", url = url.as_str());
        }
        // Locked across sessions for a while (the service says how long).
        ClientError::Api {
            code: ErrorCode::OtpLocked,
            retry_after: Some(seconds),
            ..
        } => {
            let minutes = seconds.div_ceil(60).max(1);
            return t!(lang, "error-otp-locked-wait", minutes = minutes);
        }
        ClientError::Api {
            code, retry_after, ..
        } => (*code, retry_after.unwrap_or(60)),
    };
    match code {
        ErrorCode::MalformedRequest => t!(lang, "error-malformed"),
        ErrorCode::InvalidIin => t!(lang, "error-invalid-iin"),
        ErrorCode::InvalidPhone => t!(lang, "error-invalid-phone"),
        ErrorCode::InvalidEmail => t!(lang, "error-invalid-email"),
        ErrorCode::InvalidPin => t!(lang, "error-invalid-pin"),
        ErrorCode::UnknownCitizen => t!(lang, "error-unknown-citizen"),
        ErrorCode::UnknownSession => t!(lang, "error-unknown-session"),
        ErrorCode::Unauthorized => t!(lang, "error-unauthorized"),
        ErrorCode::PhoneNotRegistered => t!(lang, "error-phone-not-registered"),
        ErrorCode::OtpInvalid => t!(lang, "error-otp-invalid"),
        ErrorCode::OtpExpired => t!(lang, "error-otp-expired"),
        ErrorCode::OtpLocked => t!(lang, "error-otp-locked"),
        ErrorCode::ResendTooSoon => t!(lang, "error-resend-too-soon", seconds = retry_after),
        ErrorCode::PayloadTooLarge => t!(lang, "error-payload-too-large"),
        ErrorCode::UnsupportedMediaType => t!(lang, "error-unsupported-media"),
        ErrorCode::InvalidMedia => t!(lang, "error-invalid-media"),
        ErrorCode::StepOutOfOrder => t!(lang, "error-step-out-of-order"),
        ErrorCode::VerificationPending => t!(lang, "error-verification-pending"),
        ErrorCode::VerificationRejected => t!(lang, "error-verification-rejected"),
        ErrorCode::CsrInvalid => t!(lang, "error-csr-invalid"),
        ErrorCode::CsrSubjectMismatch => t!(lang, "error-csr-subject-mismatch"),
        ErrorCode::UnknownApplication => t!(lang, "error-unknown-application"),
        ErrorCode::NotReady => t!(lang, "error-not-ready"),
        ErrorCode::Unavailable => t!(lang, "error-unavailable"),
        ErrorCode::IdempotencyKeyReused => t!(lang, "error-idempotency-key-reused"),
        ErrorCode::RequestInProgress => t!(lang, "error-request-in-progress"),
        ErrorCode::NotFound | ErrorCode::MethodNotAllowed | ErrorCode::Internal => {
            t!(lang, "error-internal")
        }
        ErrorCode::Unknown => t!(lang, "error-unknown"),
    }
}

pub fn photo(lang: Language, error: &crate::app::photo::PhotoError) -> String {
    use crate::app::photo::PhotoError;
    match error {
        PhotoError::Unreadable { path, .. } => {
            t!(
                lang,
                "photo-error-unreadable",
                path = path.display().to_string()
            )
        }
        PhotoError::TooLarge { bytes } => {
            let size = format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0));
            let max = qoltanba_core::protocol::MAX_IMAGE_BYTES / (1024 * 1024);
            t!(lang, "photo-error-too-large", size = size, max = max)
        }
        PhotoError::NotAPicture => t!(lang, "photo-error-not-a-picture"),
        PhotoError::TooManyPixels { .. } => t!(lang, "photo-error-too-many-pixels"),
        PhotoError::Quality(qoltanba_camera::DocumentHint::Blurry) => {
            t!(lang, "photo-error-blurry")
        }
        PhotoError::Quality(qoltanba_camera::DocumentHint::Glare) => t!(lang, "photo-error-glare"),
        PhotoError::Quality(qoltanba_camera::DocumentHint::TooDark) => {
            t!(lang, "photo-error-dark")
        }
        PhotoError::Quality(qoltanba_camera::DocumentHint::NotFilling) => {
            t!(lang, "photo-error-not-filling")
        }
        PhotoError::Damaged(_) => t!(lang, "photo-error-damaged"),
        PhotoError::TooSmall { width, height } => {
            let (min_width, min_height) = qoltanba_core::protocol::MIN_IMAGE_SIZE;
            let (width, height) = (*width, *height);
            t!(
                lang,
                "photo-error-too-small",
                width = width,
                height = height,
                min_width = min_width,
                min_height = min_height
            )
        }
    }
}

/// Key files on disk: what went wrong, in the citizen's words.
pub fn store(lang: Language, error: &qoltanba_core::store::StoreError) -> String {
    use qoltanba_core::pki::KeyRole;
    use qoltanba_core::store::StoreError;
    let role = |role: &KeyRole| match role {
        KeyRole::Auth => t!(lang, "key-role-auth"),
        KeyRole::Sign => t!(lang, "key-role-sign"),
    };
    match error {
        StoreError::NotADirectory { path } => {
            let path = path.display().to_string();
            t!(lang, "store-error-not-a-folder", path = path)
        }
        StoreError::CannotCreate { path, .. } => {
            let path = path.display().to_string();
            t!(lang, "store-error-cannot-create", path = path)
        }
        StoreError::ReadOnly { path } => {
            let path = path.display().to_string();
            t!(lang, "store-error-read-only", path = path)
        }
        StoreError::NotEnoughSpace { needed, available } => {
            let needed = needed.div_ceil(1024);
            let available = available / 1024;
            t!(
                lang,
                "store-error-space",
                needed = needed,
                available = available
            )
        }
        StoreError::KeysAlreadyPresent { files } => {
            let count = files.len();
            t!(lang, "storage-folder-has-keys", count = count)
        }
        StoreError::WrongPassword => t!(lang, "store-error-wrong-password"),
        StoreError::CertificateMismatch { role: r } => {
            let key = role(r);
            t!(lang, "store-error-mismatch", key = key)
        }
        StoreError::CertificateInvalid { role: r } => {
            let key = role(r);
            t!(lang, "store-error-certificate", key = key)
        }
        StoreError::DiskFull => t!(lang, "store-error-disk-full"),
        StoreError::PendingCorrupt { path } => {
            let path = path.display().to_string();
            t!(lang, "store-error-pending-corrupt", path = path)
        }
        StoreError::Pki(_) => t!(lang, "store-error-keys"),
        StoreError::Io(error) => {
            let detail = error.to_string();
            t!(lang, "store-error-io", detail = detail)
        }
    }
}

/// A device operation failed: what happened and what to do, in the citizen's words.
pub fn device(lang: Language, error: &qoltanba_core::token::DeviceError) -> String {
    use qoltanba_core::token::DeviceError;
    match error {
        DeviceError::Token(error) => token(lang, error),
        DeviceError::Request(_) => t!(lang, "token-error-request"),
        DeviceError::NotConnected { label, serial } => t!(
            lang,
            "token-error-not-connected",
            label = label.as_str(),
            serial = serial.as_str()
        ),
        DeviceError::CertificateUnreadable => t!(lang, "token-error-certificate-invalid"),
        DeviceError::Interrupted => t!(lang, "token-error-interrupted"),
    }
}

/// One message per [`TokenError`] variant.
pub fn token(lang: Language, error: &qoltanba_core::token::TokenError) -> String {
    use qoltanba_core::token::{Capability, TokenError};
    match error {
        TokenError::WrongPin {
            final_try: true, ..
        } => t!(lang, "token-error-wrong-pin-final-try"),
        TokenError::WrongPin {
            count_low: true, ..
        } => t!(lang, "token-error-wrong-pin-count-low"),
        TokenError::WrongPin { .. } => t!(lang, "token-error-wrong-pin"),
        TokenError::PinLocked => t!(lang, "token-error-pin-locked"),
        TokenError::PinExpired => t!(lang, "token-error-pin-expired"),
        TokenError::PinLength { min, max } => {
            t!(lang, "token-error-pin-length", min = min, max = max)
        }
        TokenError::NewPinRejected => t!(lang, "token-error-new-pin-rejected"),
        TokenError::NewPinUnchanged => t!(lang, "token-error-new-pin-unchanged"),
        TokenError::NewPinIsFactory => t!(lang, "token-error-new-pin-is-factory"),
        TokenError::UserPinNotInitialised => t!(lang, "pin-advice-user-pin-not-initialised"),
        TokenError::TokenNotInitialised => t!(lang, "pin-advice-token-not-initialised"),
        TokenError::TokenRemoved => t!(lang, "token-error-removed"),
        TokenError::WriteProtected => t!(lang, "token-error-write-protected"),
        TokenError::DeviceFull => t!(lang, "token-error-full"),
        TokenError::NotSupported(Capability::Gost512KeyGeneration) => {
            t!(lang, "token-error-gost-key-generation")
        }
        TokenError::NotSupported(Capability::Gost512Signing) => {
            t!(lang, "token-error-gost-signing")
        }
        TokenError::NotSupported(capability) => {
            let capability = match capability {
                Capability::Rsa2048KeyGeneration | Capability::Gost512KeyGeneration => {
                    "key-generation"
                }
                Capability::RsaSigning | Capability::Gost512Signing => "signing",
                Capability::PinPad => "pin-pad",
                Capability::Other => "other",
            };
            t!(lang, "token-error-not-supported", capability = capability)
        }
        TokenError::TokenBusy => t!(lang, "token-error-busy"),
        TokenError::LoggedOut => t!(lang, "token-error-logged-out"),
        TokenError::ModuleNotLoaded { module } => {
            let module = module.display().to_string();
            t!(lang, "token-error-module-not-loaded", module = module)
        }
        TokenError::ModuleFailed { code } => {
            t!(lang, "token-error-module-failed", code = code.as_str())
        }
        TokenError::KeyIdInUse | TokenError::LabelInvalid => t!(lang, "token-error-internal"),
        TokenError::KeyNotProtected => t!(lang, "token-error-key-not-protected"),
        TokenError::KeyMissing => t!(lang, "token-error-key-missing"),
        TokenError::CertificateMissing => t!(lang, "token-error-certificate-missing"),
        TokenError::CertificateExists => t!(lang, "token-error-certificate-exists"),
        TokenError::CertificateInvalid => t!(lang, "token-error-certificate-invalid"),
        TokenError::CertificateMismatch => t!(lang, "token-error-certificate-mismatch"),
        TokenError::CsrFailed(_) => t!(lang, "token-error-request"),
        TokenError::SignatureInvalid => t!(lang, "token-error-signature"),
    }
}

/// The PIN state as the device list shows it.
pub fn pin_state(lang: Language, state: qoltanba_core::token::PinState) -> String {
    use qoltanba_core::token::PinState;
    match state {
        PinState::Ok => t!(lang, "pin-state-ok"),
        PinState::CountLow => t!(lang, "pin-state-count-low"),
        PinState::FinalTry => t!(lang, "pin-state-final-try"),
        PinState::Locked => t!(lang, "pin-state-locked"),
        PinState::MustChange => t!(lang, "pin-state-must-change"),
        PinState::UserPinNotInitialised => t!(lang, "pin-state-user-pin-not-initialised"),
        PinState::TokenNotInitialised => t!(lang, "pin-state-token-not-initialised"),
    }
}

/// What to do about a PIN state, when there is something to do.
pub fn pin_advice(lang: Language, state: qoltanba_core::token::PinState) -> Option<String> {
    use qoltanba_core::token::PinState;
    Some(match state {
        PinState::Ok => return None,
        PinState::CountLow => t!(lang, "pin-advice-count-low"),
        PinState::FinalTry => t!(lang, "pin-advice-final-try"),
        PinState::Locked => t!(lang, "pin-advice-locked"),
        PinState::MustChange => t!(lang, "pin-advice-must-change"),
        PinState::UserPinNotInitialised => t!(lang, "pin-advice-user-pin-not-initialised"),
        PinState::TokenNotInitialised => t!(lang, "pin-advice-token-not-initialised"),
    })
}

/// The kind of device, by name.
pub fn device_kind(lang: Language, kind: qoltanba_core::token::DeviceKind) -> String {
    use qoltanba_core::token::DeviceKind;
    let kind = match kind {
        DeviceKind::Kaztoken => "kaztoken",
        DeviceKind::EToken72K => "etoken",
        DeviceKind::JaCarta => "jacarta",
        DeviceKind::AKey => "akey",
        DeviceKind::IdCard => "id-card",
        DeviceKind::SoftHsm => "softhsm",
        DeviceKind::Other => "other",
    };
    t!(lang, "device-kind", kind = kind)
}

/// A PKCS#11 module that could not be used, with its path.
pub fn module_problem(lang: Language, problem: &qoltanba_core::token::ModuleProblem) -> String {
    use qoltanba_core::token::ProblemKind;
    let path = problem.path.display().to_string();
    match &problem.kind {
        ProblemKind::NotFound => t!(lang, "module-problem-not-found", path = path),
        ProblemKind::LoadFailed { detail } => t!(
            lang,
            "module-problem-load-failed",
            path = path,
            detail = detail.as_str()
        ),
        ProblemKind::NotPkcs11 => t!(lang, "module-problem-not-pkcs11", path = path),
        ProblemKind::InitFailed { code } => t!(
            lang,
            "module-problem-init-failed",
            path = path,
            code = code.as_str()
        ),
        ProblemKind::ListFailed { code } => t!(
            lang,
            "module-problem-list-failed",
            path = path,
            code = code.as_str()
        ),
    }
}

/// Why the settings file could not be changed.
pub fn settings(lang: Language, error: &crate::config::SettingsError) -> String {
    match error {
        crate::config::SettingsError::Broken { path } => {
            t!(lang, "settings-broken", path = path.display().to_string())
        }
        crate::config::SettingsError::Unwritable { path, reason } => t!(
            lang,
            "settings-unwritable",
            path = path.display().to_string(),
            reason = reason.as_str()
        ),
    }
}
