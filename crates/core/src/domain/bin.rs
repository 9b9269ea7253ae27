//! BIN (БИН): the 12-digit business identification number of a legal entity, branch or
//! individual entrepreneur in Kazakhstan.
//!
//! Layout: `YYMM` of registration, entity kind, unit, five serial digits, check digit (the
//! same two-pass rule as the IIN, see `checksum.rs`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::checksum::check_digit;
use super::digits::{DigitsProblem, digit_values, strip_spaces_and_dashes};

const BIN_LEN: usize = 12;

/// Who registered the number: the 5th digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// 4: a resident legal entity.
    Resident,
    /// 5: a non-resident legal entity.
    NonResident,
    /// 6: individual entrepreneurs in joint business (ИП(С)); a sole entrepreneur uses an IIN.
    IndividualEntrepreneur,
}

impl EntityKind {
    fn from_digit(digit: u8) -> Option<Self> {
        match digit {
            4 => Some(Self::Resident),
            5 => Some(Self::NonResident),
            6 => Some(Self::IndividualEntrepreneur),
            _ => None,
        }
    }

    fn digit(self) -> u8 {
        match self {
            Self::Resident => 4,
            Self::NonResident => 5,
            Self::IndividualEntrepreneur => 6,
        }
    }
}

/// Which part of the organisation the number belongs to: the 6th digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BinUnit {
    HeadOffice,
    Branch,
    Representative,
    PeasantFarm,
}

impl BinUnit {
    fn from_digit(digit: u8) -> Option<Self> {
        match digit {
            0 => Some(Self::HeadOffice),
            1 => Some(Self::Branch),
            2 => Some(Self::Representative),
            3 => Some(Self::PeasantFarm),
            _ => None,
        }
    }

    fn digit(self) -> u8 {
        match self {
            Self::HeadOffice => 0,
            Self::Branch => 1,
            Self::Representative => 2,
            Self::PeasantFarm => 3,
        }
    }
}

/// Why a string is not a valid BIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BinError {
    #[error("the BIN is empty")]
    Empty,
    #[error("the BIN must contain only digits")]
    NotDigits,
    #[error("the BIN must have 12 digits, not {len}")]
    WrongLength { len: usize },
    #[error("digits 3 and 4 of a BIN must be a month from 01 to 12")]
    InvalidMonth,
    #[error("the 5th digit of a BIN must be 4, 5 or 6, not {digit}")]
    InvalidEntityKind { digit: u8 },
    #[error("the 6th digit of a BIN must be 0 to 3, not {digit}")]
    InvalidUnit { digit: u8 },
    #[error("no BIN with these digits is ever issued")]
    NeverIssued,
    #[error("the BIN check digit does not match; the number has a typo")]
    Checksum,
}

/// A validated BIN, stored as exactly 12 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bin(String);

impl Bin {
    /// Parses a BIN, ignoring surrounding whitespace and spaces or dashes between digits.
    pub fn parse(input: &str) -> Result<Self, BinError> {
        let digits = strip_spaces_and_dashes(input).map_err(|problem| match problem {
            DigitsProblem::Empty => BinError::Empty,
            DigitsProblem::NotDigits => BinError::NotDigits,
        })?;
        let values: [u8; BIN_LEN] =
            digit_values(&digits).ok_or(BinError::WrongLength { len: digits.len() })?;
        let month = values[2] * 10 + values[3];
        if !(1..=12).contains(&month) {
            return Err(BinError::InvalidMonth);
        }
        EntityKind::from_digit(values[4])
            .ok_or(BinError::InvalidEntityKind { digit: values[4] })?;
        BinUnit::from_digit(values[5]).ok_or(BinError::InvalidUnit { digit: values[5] })?;
        let [first11 @ .., last] = values;
        match check_digit(&first11) {
            None => Err(BinError::NeverIssued),
            Some(expected) if expected != last => Err(BinError::Checksum),
            Some(_) => Ok(Self(digits)),
        }
    }

    /// Builds a valid BIN from its parts, computing the check digit.
    ///
    /// Meant for test fixtures. Returns `None` for `yy` above 99, a month outside 1..=12, a
    /// serial above 99999, or a combination whose check digit is never issued.
    pub fn from_parts(
        yy: u8,
        month: u8,
        kind: EntityKind,
        unit: BinUnit,
        serial: u32,
    ) -> Option<Self> {
        if yy > 99 || !(1..=12).contains(&month) || serial > 99_999 {
            return None;
        }
        let first11 = format!(
            "{yy:02}{month:02}{}{}{serial:05}",
            kind.digit(),
            unit.digit()
        );
        let check = check_digit(&digit_values(&first11)?)?;
        Some(Self(format!("{first11}{check}")))
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The kind of entity, from the 5th digit.
    pub fn kind(&self) -> EntityKind {
        // Validated on construction; the fallback is unreachable.
        EntityKind::from_digit(self.digit_at(4)).unwrap_or(EntityKind::Resident)
    }

    /// The organisational unit, from the 6th digit.
    pub fn unit(&self) -> BinUnit {
        // Validated on construction; the fallback is unreachable.
        BinUnit::from_digit(self.digit_at(5)).unwrap_or(BinUnit::HeadOffice)
    }

    fn digit_at(&self, index: usize) -> u8 {
        self.0.as_bytes().get(index).map_or(0, |byte| byte - b'0')
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Bin {
    type Error = BinError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Bin> for String {
    fn from(bin: Bin) -> Self {
        bin.0
    }
}

#[cfg(test)]
#[path = "bin_tests.rs"]
mod tests;
