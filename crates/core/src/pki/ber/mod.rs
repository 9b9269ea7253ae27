//! BER → DER: what BouncyCastle-based software (Kalkan, NCALayer) writes, made readable by a
//! DER-only parser.
//!
//! Two BER liberties are undone, recursively: indefinite lengths (`30 80 … 00 00`) become
//! definite, minimal ones, and constructed OCTET STRINGs (content split into chunks,
//! `24 80 04 … 04 … 00 00`) become one primitive OCTET STRING holding the chunks' octets in
//! order. Input that is already DER comes out byte for byte the same. Nesting depth and input
//! size are bounded so hostile input cannot exhaust the stack or memory; anything malformed
//! fails with a typed [`BerError`].
//!
//! The normaliser knows no schema: an implicitly tagged OCTET STRING in constructed form
//! (`[0] IMPLICIT OCTET STRING` written as `A0 80 04 …`) looks like an explicit tag around
//! one and is left as it is; the caller who knows the schema merges it with
//! `Element::merge_implicit_octet_string` (as `pki::pfx` does for CMS encrypted content).
//!
//! `element` holds the normalised tree and its DER encoding, `reader` the BER reader.

mod element;
mod reader;

pub(crate) use element::{Element, OBJECT_IDENTIFIER, OCTET_STRING, SEQUENCE, Tag};
use reader::Reader;

/// Deepest nesting accepted. PKCS#12 structures nest about ten levels per layer (the
/// contents of an OCTET STRING are not descended into), certificates about as much.
pub const MAX_DEPTH: usize = 32;

/// Largest input accepted, in bytes: a key file is a few kilobytes.
pub const MAX_INPUT: usize = 1024 * 1024;

/// Bounds on what [`to_der_with`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of constructed elements; the outermost element is at depth 1.
    pub max_depth: usize,
    /// Largest input in bytes. The output is never more than a few bytes larger.
    pub max_input: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_depth: MAX_DEPTH,
            max_input: MAX_INPUT,
        }
    }
}

/// Why BER input could not be made DER.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BerError {
    /// The input ends inside an element (or before the end-of-contents of an indefinite one).
    #[error("the encoding ends in the middle of an element")]
    Truncated,
    /// Bytes follow the outermost element.
    #[error("{extra} bytes follow the encoded element")]
    TrailingData { extra: usize },
    /// A tag number that is badly formed or too large.
    #[error("a tag is malformed")]
    BadTag,
    /// A length octet that BER reserves, or a length too large for this program.
    #[error("a length is malformed")]
    BadLength,
    /// An indefinite length on a primitive element, which BER forbids.
    #[error("a primitive element has an indefinite length")]
    IndefinitePrimitive,
    /// An end-of-contents marker outside an indefinite-length element, or a malformed one.
    #[error("an end-of-contents marker is misplaced")]
    MisplacedEndOfContents,
    /// A constructed OCTET STRING holds something other than OCTET STRINGs.
    #[error("a constructed OCTET STRING holds something other than OCTET STRINGs")]
    BadStringSegment,
    /// Nested deeper than [`Limits::max_depth`].
    #[error("the encoding nests deeper than {limit} levels")]
    TooDeep { limit: usize },
    /// Longer than [`Limits::max_input`].
    #[error("the input is {size} bytes, more than {limit}")]
    TooLarge { size: usize, limit: usize },
}

/// Normalises BER `input` (one element, nothing after it) to DER, with the default
/// [`Limits`].
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, BerError> {
    to_der_with(input, Limits::default())
}

/// As [`to_der`], within `limits`.
pub fn to_der_with(input: &[u8], limits: Limits) -> Result<Vec<u8>, BerError> {
    Ok(parse(input, limits)?.to_der())
}

/// Reads BER `input` (exactly one element) into a tree already normalised as [`to_der`]
/// describes.
pub(crate) fn parse(input: &[u8], limits: Limits) -> Result<Element, BerError> {
    if input.len() > limits.max_input {
        return Err(BerError::TooLarge {
            size: input.len(),
            limit: limits.max_input,
        });
    }
    let mut reader = Reader {
        input,
        position: 0,
        max_depth: limits.max_depth,
    };
    let element = reader.element(1)?.ok_or(BerError::MisplacedEndOfContents)?;
    match input.len() - reader.position {
        0 => Ok(element),
        extra => Err(BerError::TrailingData { extra }),
    }
}

#[cfg(test)]
mod tests;
