//! `qoltanba inspect FILE.p12`: what a key file holds — owner, IIN or BIN, issuer, validity
//! with days left, key usage, serial and whether it is the AUTH or the signing key. Reads our
//! files and the legacy ones existing ЭЦП kits use. The password is asked on the terminal
//! without echo, or read from `--password-file`; it is wiped after use and never printed.

use std::path::Path;

use qoltanba_core::pki::KeyRole;
use qoltanba_core::pki::inspect::{
    ExtendedKeyUsage, HolderRole, InspectError, KeyFileInfo, KeyUsage, PublicKeyKind,
    inspect_pkcs12,
};
use zeroize::Zeroizing;

use crate::cli::InspectArgs;
use crate::i18n::Language;
use crate::t;

/// Reads the password: first line of the file, or typed on the terminal without echo.
fn password(args: &InspectArgs, lang: Language) -> Result<Zeroizing<String>, String> {
    match &args.password_file {
        Some(path) => {
            let text = Zeroizing::new(std::fs::read_to_string(path).map_err(|e| {
                t!(
                    lang,
                    "inspect-error-password-file",
                    path = path.display().to_string(),
                    reason = e.to_string()
                )
            })?);
            Ok(Zeroizing::new(
                text.lines().next().unwrap_or_default().to_owned(),
            ))
        }
        None => rpassword::prompt_password(t!(lang, "inspect-password-prompt"))
            .map(Zeroizing::new)
            .map_err(|e| t!(lang, "inspect-error-terminal", reason = e.to_string())),
    }
}

/// Runs the subcommand; the report or a translated error.
pub fn run(args: &InspectArgs, lang: Language) -> Result<String, String> {
    let bytes = read(&args.file, lang)?;
    let password = password(args, lang)?;
    let info = inspect_pkcs12(&bytes, &password).map_err(|e| error(lang, &e))?;
    Ok(render(&info, lang))
}

fn read(path: &Path, lang: Language) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| {
        t!(
            lang,
            "inspect-error-read",
            path = path.display().to_string(),
            reason = e.to_string()
        )
    })
}

pub fn error(lang: Language, error: &InspectError) -> String {
    match error {
        InspectError::TooLarge { .. } | InspectError::NotPkcs12 => {
            t!(lang, "inspect-error-not-pkcs12")
        }
        InspectError::WrongPassword => t!(lang, "store-error-wrong-password"),
        InspectError::UnsupportedProtection => t!(lang, "inspect-error-protection"),
        InspectError::NoCertificate => t!(lang, "inspect-error-no-certificate"),
        InspectError::CertificateUnreadable => t!(lang, "inspect-error-certificate"),
    }
}

/// The report, one "label: value" line each, labels in the user's language.
pub fn render(info: &KeyFileInfo, lang: Language) -> String {
    let unknown = t!(lang, "review-unknown");
    let date = |d: &time::OffsetDateTime| {
        format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
    };
    let role = match info.role {
        // A GOST kit is one key for logging in and signing.
        _ if info.public_key == PublicKeyKind::Gost => t!(lang, "inspect-role-both"),
        Some(KeyRole::Auth) => t!(lang, "inspect-role-auth"),
        Some(KeyRole::Sign) => t!(lang, "inspect-role-sign"),
        None => unknown.clone(),
    };
    let validity = if info.days_left < 0 {
        t!(lang, "inspect-expired")
    } else {
        t!(lang, "inspect-days-left", days = info.days_left)
    };
    let usage: Vec<String> = info
        .key_usage
        .iter()
        .map(|u| key_usage(*u).to_owned())
        .chain(info.extended_key_usage.iter().map(extended_usage))
        .collect();
    let mut lines = vec![
        (t!(lang, "inspect-file-role"), role),
        (
            t!(lang, "inspect-owner"),
            info.owner.clone().unwrap_or_else(|| unknown.clone()),
        ),
    ];
    if let Some(iin) = &info.iin {
        lines.push((t!(lang, "review-iin"), iin.as_str().to_owned()));
    } else if let Some(digits) = &info.iin_unchecked {
        lines.push((
            t!(lang, "review-iin"),
            t!(lang, "inspect-iin-check-failed", iin = digits.clone()),
        ));
    }
    if !info.holder.is_empty() {
        let roles: Vec<String> = info.holder.iter().map(|r| holder(lang, *r)).collect();
        lines.push((t!(lang, "inspect-holder"), roles.join(", ")));
    }
    if let Some(organization) = &info.organization {
        lines.push((t!(lang, "inspect-organization"), organization.clone()));
    }
    if let Some(bin) = &info.bin {
        lines.push((t!(lang, "inspect-bin"), bin.as_str().to_owned()));
    }
    if let Some(email) = &info.email {
        lines.push((t!(lang, "email-label"), email.clone()));
    }
    lines.extend([
        (t!(lang, "inspect-issuer"), info.issuer.clone()),
        (
            t!(lang, "inspect-valid"),
            format!(
                "{} — {} ({validity})",
                date(&info.not_before),
                date(&info.not_after)
            ),
        ),
        (
            t!(lang, "inspect-algorithm"),
            algorithm(lang, &info.public_key),
        ),
        (t!(lang, "inspect-key-check"), key_check(lang, info)),
        (t!(lang, "inspect-usage"), usage.join(", ")),
        (t!(lang, "inspect-serial"), info.serial_hex.clone()),
        (t!(lang, "inspect-key-id"), info.key_id.clone()),
    ]);
    let width = lines
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    lines
        .into_iter()
        .map(|(label, value)| {
            let pad = width - label.chars().count();
            format!("{label}:{} {value}\n", " ".repeat(pad))
        })
        .collect()
}

fn holder(lang: Language, role: HolderRole) -> String {
    match role {
        HolderRole::Individual => t!(lang, "inspect-holder-individual"),
        HolderRole::Head => t!(lang, "inspect-holder-head"),
        HolderRole::RightToSign => t!(lang, "inspect-holder-right-to-sign"),
        HolderRole::Finance => t!(lang, "inspect-holder-finance"),
        HolderRole::Employee => t!(lang, "inspect-holder-employee"),
        HolderRole::InformationSystem => t!(lang, "inspect-holder-information-system"),
        HolderRole::LegalEntity => t!(lang, "inspect-holder-legal-entity"),
    }
}

fn algorithm(lang: Language, kind: &PublicKeyKind) -> String {
    match kind {
        PublicKeyKind::Gost => t!(lang, "inspect-algorithm-gost"),
        PublicKeyKind::Rsa { bits } => {
            let bits = *bits;
            t!(lang, "inspect-algorithm-rsa", bits = bits)
        }
        PublicKeyKind::Ec => t!(lang, "inspect-algorithm-ec"),
        PublicKeyKind::Other(oid) => t!(lang, "inspect-algorithm-other", oid = oid.clone()),
    }
}

fn key_check(lang: Language, info: &KeyFileInfo) -> String {
    match (info.has_private_key, info.key_matches_certificate) {
        (false, _) => t!(lang, "inspect-key-absent"),
        (true, Some(true)) => t!(lang, "inspect-key-matches"),
        (true, Some(false)) => t!(lang, "inspect-key-mismatch"),
        (true, None) => t!(lang, "inspect-key-unchecked"),
    }
}

/// Standard names (RFC 5280), the same in every language, as certificate viewers show them.
fn key_usage(usage: KeyUsage) -> &'static str {
    match usage {
        KeyUsage::DigitalSignature => "digitalSignature",
        KeyUsage::NonRepudiation => "nonRepudiation",
        KeyUsage::KeyEncipherment => "keyEncipherment",
        KeyUsage::DataEncipherment => "dataEncipherment",
        KeyUsage::KeyAgreement => "keyAgreement",
        KeyUsage::KeyCertSign => "keyCertSign",
        KeyUsage::CrlSign => "cRLSign",
        KeyUsage::EncipherOnly => "encipherOnly",
        KeyUsage::DecipherOnly => "decipherOnly",
    }
}

fn extended_usage(usage: &ExtendedKeyUsage) -> String {
    match usage {
        ExtendedKeyUsage::Any => "anyExtendedKeyUsage".into(),
        ExtendedKeyUsage::ServerAuth => "serverAuth".into(),
        ExtendedKeyUsage::ClientAuth => "clientAuth".into(),
        ExtendedKeyUsage::CodeSigning => "codeSigning".into(),
        ExtendedKeyUsage::EmailProtection => "emailProtection".into(),
        ExtendedKeyUsage::TimeStamping => "timeStamping".into(),
        ExtendedKeyUsage::OcspSigning => "OCSPSigning".into(),
        ExtendedKeyUsage::NcaIndividual => "1.2.398.3.3.4.1.1".into(),
        ExtendedKeyUsage::NcaLegalEntity => "1.2.398.3.3.4.1.2".into(),
        ExtendedKeyUsage::NcaIdentifiedInPerson => "1.2.398.3.3.4.3.1".into(),
        ExtendedKeyUsage::NcaIdentifiedRemotely => "1.2.398.3.3.4.3.2".into(),
        ExtendedKeyUsage::NcaIdentifiedDigitalId => "1.2.398.3.3.4.3.2.1".into(),
        ExtendedKeyUsage::Other(oid) => oid.clone(),
    }
}
