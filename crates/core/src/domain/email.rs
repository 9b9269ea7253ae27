//! The e-mail address that goes into the certificate request (SubjectAltName rfc822Name).
//!
//! Deliberately narrower than RFC 5322 — no quoted local parts, comments or IP literals —
//! because the address ends up in an X.509 certificate and in НУЦ's forms, which expect
//! plain ASCII `local@domain.tld`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest address that fits in an SMTP forward path (RFC 5321 §4.5.3.1.3).
const MAX_TOTAL_LEN: usize = 254;
/// Longest local part (RFC 5321 §4.5.3.1.1).
const MAX_LOCAL_LEN: usize = 64;
/// Longest DNS label (RFC 1035 §2.3.4).
const MAX_LABEL_LEN: usize = 63;
/// Punctuation allowed in an unquoted local part (RFC 5322 `atext`).
const LOCAL_PUNCTUATION: &str = ".!#$%&'*+/=?^_`{|}~-";

/// Why a string is not an acceptable e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("the e-mail address is empty")]
    Empty,
    #[error("the e-mail address has no '@'")]
    MissingAt,
    #[error("the part of the e-mail address before '@' is not valid")]
    InvalidLocalPart,
    #[error("the part of the e-mail address after '@' is not a valid domain")]
    InvalidDomain,
    #[error("the e-mail address is longer than 254 characters")]
    TooLong,
}

/// A validated e-mail address with a lower-cased domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address after trimming surrounding whitespace.
    ///
    /// The domain is lower-cased (domains are case-insensitive); the local part is kept as
    /// typed, because a mail server may treat its case as significant.
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(EmailError::Empty);
        }
        if trimmed.chars().count() > MAX_TOTAL_LEN {
            return Err(EmailError::TooLong);
        }
        // Split at the last '@': a domain can never contain one, so any extra '@' belongs
        // to (and invalidates) the local part.
        let (local, domain) = trimmed.rsplit_once('@').ok_or(EmailError::MissingAt)?;
        if !is_valid_local_part(local) {
            return Err(EmailError::InvalidLocalPart);
        }
        if !is_valid_domain(domain) {
            return Err(EmailError::InvalidDomain);
        }
        Ok(Self(format!("{local}@{}", domain.to_ascii_lowercase())))
    }

    /// The address as `local@domain`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn is_valid_local_part(local: &str) -> bool {
    (1..=MAX_LOCAL_LEN).contains(&local.len())
        && local
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || LOCAL_PUNCTUATION.contains(ch))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
}

fn is_valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let Some(top_level) = labels.last() else {
        return false;
    };
    labels.len() >= 2
        && labels.iter().all(|label| is_valid_label(label))
        && top_level.len() >= 2
        && top_level.chars().all(|ch| ch.is_ascii_alphabetic())
}

fn is_valid_label(label: &str) -> bool {
    (1..=MAX_LABEL_LEN).contains(&label.len())
        && label
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> Self {
        email.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_addresses_and_lower_cases_the_domain() {
        let max_local = "a".repeat(64);
        let max_local_address = format!("{max_local}@mail.kz");
        // 64 + 1 + 189 = 254 characters, the longest allowed.
        let max_total = format!(
            "{max_local}@{}.{}.{}.kz",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(58)
        );
        let cases = [
            ("user@mail.kz", "user@mail.kz"),
            ("  User.Name@Mail.KZ ", "User.Name@mail.kz"),
            ("a@b.co", "a@b.co"),
            (
                "first+tag@sub.example-host.com",
                "first+tag@sub.example-host.com",
            ),
            ("o'brien@x1.org", "o'brien@x1.org"),
            (
                "!#$%&'*+/=?^_`{|}~-@e.gov.kz",
                "!#$%&'*+/=?^_`{|}~-@e.gov.kz",
            ),
            ("user@123.example.kz", "user@123.example.kz"),
            (max_local_address.as_str(), max_local_address.as_str()),
            (max_total.as_str(), max_total.as_str()),
        ];
        for (input, expected) in cases {
            let email = Email::parse(input);
            assert_eq!(email.as_ref().map(Email::as_str), Ok(expected), "{input:?}");
            let shown = email.as_ref().map(ToString::to_string);
            assert_eq!(shown.as_deref(), Ok(expected));
        }
    }

    #[test]
    fn reports_every_error_variant() {
        let long_local = format!("{}@mail.kz", "a".repeat(65));
        let long_label = format!("user@{}.kz", "a".repeat(64));
        let too_long = format!("user@{}.kz", vec!["a".repeat(60); 5].join("."));
        // Every part valid, but 64 + 1 + 190 = 255 characters in all.
        let one_over = format!(
            "{}@{}.{}.{}.kz",
            "a".repeat(64),
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(59)
        );
        let cases = [
            ("", EmailError::Empty),
            ("   ", EmailError::Empty),
            ("user.mail.kz", EmailError::MissingAt),
            ("user", EmailError::MissingAt),
            ("@mail.kz", EmailError::InvalidLocalPart),
            (".user@mail.kz", EmailError::InvalidLocalPart),
            ("user.@mail.kz", EmailError::InvalidLocalPart),
            ("us..er@mail.kz", EmailError::InvalidLocalPart),
            ("us er@mail.kz", EmailError::InvalidLocalPart),
            ("a@b@mail.kz", EmailError::InvalidLocalPart),
            ("пользователь@mail.kz", EmailError::InvalidLocalPart),
            ("\"quoted\"@mail.kz", EmailError::InvalidLocalPart),
            (long_local.as_str(), EmailError::InvalidLocalPart),
            ("user@", EmailError::InvalidDomain),
            ("user@localhost", EmailError::InvalidDomain),
            ("user@mail..kz", EmailError::InvalidDomain),
            ("user@.mail.kz", EmailError::InvalidDomain),
            ("user@mail.kz.", EmailError::InvalidDomain),
            ("user@-mail.kz", EmailError::InvalidDomain),
            ("user@mail-.kz", EmailError::InvalidDomain),
            ("user@mail.k", EmailError::InvalidDomain),
            ("user@mail.k2", EmailError::InvalidDomain),
            ("user@mail_box.kz", EmailError::InvalidDomain),
            ("user@почта.қаз", EmailError::InvalidDomain),
            ("user@[127.0.0.1]", EmailError::InvalidDomain),
            (long_label.as_str(), EmailError::InvalidDomain),
            (too_long.as_str(), EmailError::TooLong),
            (one_over.as_str(), EmailError::TooLong),
        ];
        for (input, expected) in cases {
            assert_eq!(Email::parse(input), Err(expected), "input {input:?}");
        }
    }

    #[test]
    fn converts_to_and_from_string_for_serde() {
        let email = Email::try_from("User@MAIL.kz".to_owned());
        assert_eq!(email.map(String::from).as_deref(), Ok("User@mail.kz"));
    }
}
