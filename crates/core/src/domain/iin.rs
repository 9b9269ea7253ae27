//! IIN (ИИН): the 12-digit individual identification number of a person in Kazakhstan.
//!
//! Layout: `YYMMDD` birth date, one digit for century and sex, four serial digits, one check
//! digit (see `checksum.rs`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::bin::Bin;
use super::checksum::check_digit;
use super::digits::{DigitsProblem, digit_values, strip_spaces_and_dashes};

const IIN_LEN: usize = 12;

/// The sex encoded in the 7th digit of an IIN (odd = male, even = female).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    Male,
    Female,
}

/// Why a string is not a valid IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IinError {
    #[error("the IIN is empty")]
    Empty,
    #[error("the IIN must contain only digits")]
    NotDigits,
    #[error("the IIN must have 12 digits, not {len}")]
    WrongLength { len: usize },
    #[error("the 7th digit of an IIN must be 1 to 6, not {digit}")]
    InvalidCenturyDigit { digit: u8 },
    #[error("the first six digits of the IIN are not a real date of birth")]
    InvalidBirthDate,
    #[error("this is a BIN (a business number), not an IIN")]
    LooksLikeBin,
    #[error("no IIN with these digits is ever issued")]
    NeverIssued,
    #[error("the IIN check digit does not match; the number has a typo")]
    Checksum,
}

/// A validated IIN, stored as exactly 12 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iin(String);

impl Iin {
    /// Parses an IIN, ignoring surrounding whitespace and spaces or dashes between digits.
    pub fn parse(input: &str) -> Result<Self, IinError> {
        let digits = strip_spaces_and_dashes(input).map_err(|problem| match problem {
            DigitsProblem::Empty => IinError::Empty,
            DigitsProblem::NotDigits => IinError::NotDigits,
        })?;
        let values: [u8; IIN_LEN] =
            digit_values(&digits).ok_or(IinError::WrongLength { len: digits.len() })?;
        if let Err(structure_error) = check_date_and_century(&values) {
            // A BIN always fails here (its "day" is 40..=63), so this is the moment to tell
            // the user they typed their company's number rather than a typo in their own.
            return Err(if Bin::parse(&digits).is_ok() {
                IinError::LooksLikeBin
            } else {
                structure_error
            });
        }
        let [first11 @ .., last] = values;
        match check_digit(&first11) {
            None => Err(IinError::NeverIssued),
            Some(expected) if expected != last => Err(IinError::Checksum),
            Some(_) => Ok(Self(digits)),
        }
    }

    /// Builds a valid IIN from its parts, computing the check digit.
    ///
    /// Meant for test fixtures, so no real person's number has to appear in the code.
    /// Returns `None` for an impossible date, a year outside 1800..=2099, a serial above
    /// 9999, or a combination whose check digit is never issued.
    pub fn from_parts(year: u16, month: u8, day: u8, sex: Sex, serial: u16) -> Option<Self> {
        let century_base = match year {
            1800..=1899 => 1,
            1900..=1999 => 3,
            2000..=2099 => 5,
            _ => return None,
        };
        if serial > 9999 || !is_real_date(year, month, day) {
            return None;
        }
        let century_digit = match sex {
            Sex::Male => century_base,
            Sex::Female => century_base + 1,
        };
        let first11 = format!(
            "{:02}{month:02}{day:02}{century_digit}{serial:04}",
            year % 100
        );
        let check = check_digit(&digit_values(&first11)?)?;
        Some(Self(format!("{first11}{check}")))
    }

    /// The 12 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Date of birth as (year, month, day).
    pub fn birth_date(&self) -> (u16, u8, u8) {
        let values = self.values();
        let (year, month, day) = decode_date(&values);
        (century_start(values[6]).unwrap_or(0) + year, month, day)
    }

    /// Sex from the 7th digit: odd is male, even is female.
    pub fn sex(&self) -> Sex {
        if self.values()[6] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    fn values(&self) -> [u8; IIN_LEN] {
        // The string was validated on construction; zeros are an unreachable fallback.
        digit_values(&self.0).unwrap_or([0; IIN_LEN])
    }
}

/// Checks the century digit and the birth date, the parts a BIN can never satisfy.
fn check_date_and_century(values: &[u8; IIN_LEN]) -> Result<(), IinError> {
    let century_digit = values[6];
    let century = century_start(century_digit).ok_or(IinError::InvalidCenturyDigit {
        digit: century_digit,
    })?;
    let (year_in_century, month, day) = decode_date(values);
    if is_real_date(century + year_in_century, month, day) {
        Ok(())
    } else {
        Err(IinError::InvalidBirthDate)
    }
}

/// First year of the century encoded by the 7th digit (1/2 → 1800, 3/4 → 1900, 5/6 → 2000).
fn century_start(century_digit: u8) -> Option<u16> {
    match century_digit {
        1 | 2 => Some(1800),
        3 | 4 => Some(1900),
        5 | 6 => Some(2000),
        _ => None,
    }
}

/// Reads `YYMMDD` as (year within the century, month, day).
fn decode_date(values: &[u8; IIN_LEN]) -> (u16, u8, u8) {
    let pair = |index: usize| values[index] * 10 + values[index + 1];
    (u16::from(pair(0)), pair(2), pair(4))
}

fn is_real_date(year: u16, month: u8, day: u8) -> bool {
    let is_leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Iin {
    type Error = IinError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Iin> for String {
    fn from(iin: Iin) -> Self {
        iin.0
    }
}

#[cfg(test)]
#[path = "iin_tests.rs"]
mod tests;
