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

/// Universal class, the only one given meaning here.
const UNIVERSAL: u8 = 0;
/// Context-specific class (`[0]`, `[1]` …).
pub(crate) const CONTEXT: u8 = 2;
/// Universal tag numbers used here.
pub(crate) const OCTET_STRING: u32 = 4;
pub(crate) const OBJECT_IDENTIFIER: u32 = 6;
pub(crate) const SEQUENCE: u32 = 16;
const END_OF_CONTENTS: u32 = 0;

/// An element's tag: its class (0 universal … 3 private) and number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tag {
    pub class: u8,
    pub number: u32,
}

impl Tag {
    pub(crate) const fn universal(number: u32) -> Self {
        Self {
            class: UNIVERSAL,
            number,
        }
    }

    pub(crate) const fn context(number: u32) -> Self {
        Self {
            class: CONTEXT,
            number,
        }
    }
}

/// One element of a normalised tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    tag: Tag,
    body: Body,
    /// Length of the DER contents, kept so encoding is one pass.
    content_len: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Body {
    Primitive(Vec<u8>),
    Constructed(Vec<Element>),
}

impl Element {
    /// A primitive element.
    pub(crate) fn primitive(tag: Tag, content: Vec<u8>) -> Self {
        Self {
            tag,
            content_len: content.len(),
            body: Body::Primitive(content),
        }
    }

    /// A constructed element holding `children`.
    pub(crate) fn constructed(tag: Tag, children: Vec<Element>) -> Self {
        Self {
            tag,
            content_len: children.iter().map(Element::encoded_len).sum(),
            body: Body::Constructed(children),
        }
    }

    /// The contents of a primitive element.
    pub(crate) fn content(&self) -> Option<&[u8]> {
        match &self.body {
            Body::Primitive(content) => Some(content),
            Body::Constructed(_) => None,
        }
    }

    /// The children of a constructed element (none for a primitive one).
    pub(crate) fn children(&self) -> &[Element] {
        match &self.body {
            Body::Primitive(_) => &[],
            Body::Constructed(children) => children,
        }
    }

    /// A primitive element's contents when it has tag `tag`.
    pub(crate) fn content_if(&self, tag: Tag) -> Option<&[u8]> {
        (self.tag == tag).then(|| self.content()).flatten()
    }

    /// Whether this is a constructed element with tag `tag`.
    pub(crate) fn is_constructed(&self, tag: Tag) -> bool {
        self.tag == tag && matches!(self.body, Body::Constructed(_))
    }

    /// Replaces the child at `index` (no-op when there is none), keeping lengths right.
    pub(crate) fn replace_child(&mut self, index: usize, child: Element) {
        if let Body::Constructed(children) = &mut self.body
            && let Some(slot) = children.get_mut(index)
        {
            *slot = child;
            self.content_len = children.iter().map(Element::encoded_len).sum();
        }
    }

    /// An implicitly tagged OCTET STRING (`[n] IMPLICIT OCTET STRING`) in constructed form
    /// made primitive, keeping its tag. Fails unless every child is an OCTET STRING; a
    /// primitive element is returned as it is.
    pub(crate) fn merge_implicit_octet_string(self) -> Result<Element, BerError> {
        match self.body {
            Body::Primitive(_) => Ok(self),
            Body::Constructed(children) => Ok(Element::primitive(self.tag, concat(children)?)),
        }
    }

    /// Length of the whole DER encoding: identifier, length and contents octets.
    fn encoded_len(&self) -> usize {
        identifier_len(self.tag.number) + length_len(self.content_len) + self.content_len
    }

    /// The DER encoding.
    pub(crate) fn to_der(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut Vec<u8>) {
        let constructed = matches!(self.body, Body::Constructed(_));
        write_identifier(self.tag, constructed, out);
        write_length(self.content_len, out);
        match &self.body {
            Body::Primitive(content) => out.extend_from_slice(content),
            Body::Constructed(children) => children.iter().for_each(|child| child.write(out)),
        }
    }
}

/// The octets of OCTET STRING segments, in order.
fn concat(segments: Vec<Element>) -> Result<Vec<u8>, BerError> {
    let mut octets = Vec::with_capacity(segments.iter().map(|s| s.content_len).sum());
    for segment in segments {
        // Nested constructed segments were merged already, so each is primitive now.
        match segment.content_if(Tag::universal(OCTET_STRING)) {
            Some(content) => octets.extend_from_slice(content),
            None => return Err(BerError::BadStringSegment),
        }
    }
    Ok(octets)
}

struct Reader<'a> {
    input: &'a [u8],
    position: usize,
    max_depth: usize,
}

/// What a length octet said.
enum Length {
    Definite(usize),
    Indefinite,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, BerError> {
        let byte = *self.input.get(self.position).ok_or(BerError::Truncated)?;
        self.position += 1;
        Ok(byte)
    }

    /// The identifier octets: tag and whether the element is constructed.
    fn identifier(&mut self) -> Result<(Tag, bool), BerError> {
        let first = self.byte()?;
        let class = first >> 6;
        let constructed = first & 0x20 != 0;
        let mut number = u32::from(first & 0x1f);
        if number == 0x1f {
            // High-tag-number form: base-128 digits, most significant first.
            number = 0;
            for index in 0.. {
                let byte = self.byte()?;
                // No leading zero digit, and at most four digits (28 bits).
                if (index == 0 && byte == 0x80) || index == 4 {
                    return Err(BerError::BadTag);
                }
                number = (number << 7) | u32::from(byte & 0x7f);
                if byte & 0x80 == 0 {
                    break;
                }
            }
            if number < 0x1f {
                return Err(BerError::BadTag);
            }
        }
        Ok((Tag { class, number }, constructed))
    }

    fn length(&mut self) -> Result<Length, BerError> {
        let first = self.byte()?;
        let length = match first {
            0..0x80 => usize::from(first),
            0x80 => return Ok(Length::Indefinite),
            0xff => return Err(BerError::BadLength),
            _ => {
                let count = usize::from(first & 0x7f);
                if count > 4 {
                    return Err(BerError::BadLength);
                }
                let mut length = 0usize;
                for _ in 0..count {
                    length = (length << 8) | usize::from(self.byte()?);
                }
                length
            }
        };
        if length > self.input.len() - self.position {
            return Err(BerError::Truncated);
        }
        Ok(Length::Definite(length))
    }

    /// The next element, normalised; `None` for an end-of-contents marker.
    fn element(&mut self, depth: usize) -> Result<Option<Element>, BerError> {
        let (tag, constructed) = self.identifier()?;
        let length = self.length()?;
        if tag == Tag::universal(END_OF_CONTENTS) {
            return match (constructed, length) {
                (false, Length::Definite(0)) => Ok(None),
                _ => Err(BerError::MisplacedEndOfContents),
            };
        }
        if !constructed {
            let Length::Definite(length) = length else {
                return Err(BerError::IndefinitePrimitive);
            };
            let content = self.input[self.position..self.position + length].to_vec();
            self.position += length;
            return Ok(Some(Element::primitive(tag, content)));
        }
        if depth > self.max_depth {
            return Err(BerError::TooDeep {
                limit: self.max_depth,
            });
        }
        let mut children = Vec::new();
        match length {
            Length::Definite(length) => {
                let end = self.position + length;
                let outer = self.input;
                // Children may not run past this element's end.
                self.input = &outer[..end];
                while self.position < end {
                    let child = self.element(depth + 1)?;
                    children.push(child.ok_or(BerError::MisplacedEndOfContents)?);
                }
                self.input = outer;
            }
            Length::Indefinite => {
                while let Some(child) = self.element(depth + 1)? {
                    children.push(child);
                }
            }
        }
        if tag == Tag::universal(OCTET_STRING) {
            return Ok(Some(Element::primitive(tag, concat(children)?)));
        }
        Ok(Some(Element::constructed(tag, children)))
    }
}

fn identifier_len(number: u32) -> usize {
    if number < 0x1f {
        1
    } else {
        1 + base128_digits(number)
    }
}

fn base128_digits(number: u32) -> usize {
    (32 - number.leading_zeros() as usize).div_ceil(7).max(1)
}

fn write_identifier(tag: Tag, constructed: bool, out: &mut Vec<u8>) {
    let first = (tag.class << 6) | if constructed { 0x20 } else { 0 };
    if tag.number < 0x1f {
        out.push(first | tag.number as u8); // fits in five bits here
        return;
    }
    out.push(first | 0x1f);
    let digits = base128_digits(tag.number);
    for index in (0..digits).rev() {
        let digit = ((tag.number >> (7 * index)) & 0x7f) as u8;
        out.push(if index == 0 { digit } else { digit | 0x80 });
    }
}

fn length_len(length: usize) -> usize {
    if length < 0x80 {
        1
    } else {
        1 + length_octets(length).len()
    }
}

/// The big-endian octets of `length` without leading zeros.
fn length_octets(length: usize) -> Vec<u8> {
    let bytes = length.to_be_bytes();
    let skip = bytes.iter().take_while(|byte| **byte == 0).count();
    bytes[skip..].to_vec()
}

fn write_length(length: usize, out: &mut Vec<u8>) {
    if length < 0x80 {
        out.push(length as u8); // fits in seven bits here
        return;
    }
    let octets = length_octets(length);
    // At most size_of::<usize>() octets, so the count fits in seven bits.
    out.push(0x80 | octets.len() as u8);
    out.extend_from_slice(&octets);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        let digits: String = text.split_whitespace().collect();
        hex::decode(digits).unwrap()
    }

    #[test]
    fn indefinite_lengths_become_definite() {
        // SEQUENCE (indefinite) { INTEGER 5, SEQUENCE (indefinite) { NULL } }
        let ber = hex("30 80 02 01 05 30 80 05 00 00 00 00 00");
        assert_eq!(to_der(&ber).unwrap(), hex("30 07 02 01 05 30 02 05 00"));
    }

    #[test]
    fn a_constructed_octet_string_is_merged_into_one() {
        let ber = hex("24 80 04 02 aa bb 04 01 cc 00 00");
        assert_eq!(to_der(&ber).unwrap(), hex("04 03 aa bb cc"));
        // Definite-length constructed form too.
        let ber = hex("24 07 04 02 aa bb 04 01 cc");
        assert_eq!(to_der(&ber).unwrap(), hex("04 03 aa bb cc"));
        // No segments at all: an empty string.
        assert_eq!(to_der(&hex("24 80 00 00")).unwrap(), hex("04 00"));
    }

    #[test]
    fn nested_constructed_strings_and_sequences_are_normalised_throughout() {
        // [0] EXPLICIT (indefinite) { OCTET STRING (indefinite) {
        //     OCTET STRING (indefinite) { 04 01 11, 04 01 22 }, 04 01 33 } }
        // inside a definite-length SEQUENCE whose length shrinks accordingly.
        let ber = hex(
            "30 18 a0 80 24 80 24 80 04 01 11 04 01 22 00 00 04 01 33 00 00 00 00 \
             02 01 07",
        );
        assert_eq!(
            to_der(&ber).unwrap(),
            hex("30 0a a0 05 04 03 11 22 33 02 01 07")
        );
    }

    #[test]
    fn long_content_gets_a_minimal_long_form_length() {
        let mut ber = hex("24 80");
        for _ in 0..3 {
            ber.extend(hex("04 81 64"));
            ber.extend([0x5a; 100]);
        }
        ber.extend(hex("00 00"));
        let der = to_der(&ber).unwrap();
        assert_eq!(&der[..4], &hex("04 82 01 2c")[..]);
        assert_eq!(der.len(), 4 + 300);
        assert!(der[4..].iter().all(|byte| *byte == 0x5a));
        // A non-minimal definite length is made minimal.
        assert_eq!(to_der(&hex("04 82 00 01 aa")).unwrap(), hex("04 01 aa"));
    }

    #[test]
    fn der_input_comes_out_byte_identical() {
        let samples = [
            hex("30 07 02 01 05 30 02 05 00"),
            hex("04 00"),
            // A high tag number ([200] IMPLICIT) and a private-class constructed element.
            hex("9f 81 48 02 01 02"),
            hex("ff 82 00 03 02 01 01"),
        ];
        for der in samples {
            assert_eq!(to_der(&der).unwrap(), der, "{}", hex::encode(&der));
        }
        // A real certificate with a long-form length and many nested elements.
        let key = rcgen::KeyPair::generate().unwrap();
        let certificate = rcgen::CertificateParams::new(vec!["example.kz".to_owned()])
            .unwrap()
            .self_signed(&key)
            .unwrap();
        let der = certificate.der().to_vec();
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn truncated_input_is_refused() {
        for ber in [
            hex(""),
            hex("30"),
            hex("30 05 02 01 05"),
            hex("30 80 02 01 05"),
            hex("30 80 02 01 05 00"),
            hex("24 80 04 02 aa"),
            hex("04 82 01"),
            hex("9f 81"),
        ] {
            assert_eq!(
                to_der(&ber),
                Err(BerError::Truncated),
                "{}",
                hex::encode(&ber)
            );
        }
    }

    #[test]
    fn malformed_input_is_refused_with_the_reason() {
        assert_eq!(
            to_der(&hex("02 01 05 00")),
            Err(BerError::TrailingData { extra: 1 })
        );
        assert_eq!(
            to_der(&hex("04 80 00 00")),
            Err(BerError::IndefinitePrimitive)
        );
        assert_eq!(to_der(&hex("00 00")), Err(BerError::MisplacedEndOfContents));
        assert_eq!(
            to_der(&hex("30 05 02 01 05 00 00")),
            Err(BerError::MisplacedEndOfContents)
        );
        assert_eq!(
            to_der(&hex("30 80 00 01 aa 00 00")),
            Err(BerError::MisplacedEndOfContents)
        );
        assert_eq!(
            to_der(&hex("24 80 02 01 05 00 00")),
            Err(BerError::BadStringSegment)
        );
        assert_eq!(to_der(&hex("04 ff")), Err(BerError::BadLength));
        assert_eq!(
            to_der(&hex("04 85 01 00 00 00 00")),
            Err(BerError::BadLength)
        );
        // Leading zero digit, a low number in long form, five digits.
        assert_eq!(to_der(&hex("9f 80 01 00")), Err(BerError::BadTag));
        assert_eq!(to_der(&hex("9f 05 00")), Err(BerError::BadTag));
        assert_eq!(to_der(&hex("9f 81 81 81 81 01 00")), Err(BerError::BadTag));
        // A child running past its parent's end.
        assert_eq!(to_der(&hex("30 02 04 02 aa bb")), Err(BerError::Truncated));
    }

    #[test]
    fn a_depth_bomb_is_refused_without_exhausting_the_stack() {
        // 100 000 nested indefinite SEQUENCEs: 200 kB, far past any real nesting.
        let levels = 100_000;
        let mut bomb = Vec::with_capacity(4 * levels);
        for _ in 0..levels {
            bomb.extend([0x30, 0x80]);
        }
        for _ in 0..levels {
            bomb.extend([0, 0]);
        }
        assert_eq!(to_der(&bomb), Err(BerError::TooDeep { limit: MAX_DEPTH }));
        // Exactly at the limit it is accepted.
        let mut deep = Vec::new();
        for _ in 0..MAX_DEPTH {
            deep.extend([0x30, 0x80]);
        }
        for _ in 0..MAX_DEPTH {
            deep.extend([0, 0]);
        }
        let der = to_der(&deep).unwrap();
        assert_eq!(der.len(), 2 * MAX_DEPTH);
        let too_deep = Limits {
            max_depth: MAX_DEPTH - 1,
            ..Limits::default()
        };
        assert_eq!(
            to_der_with(&deep, too_deep),
            Err(BerError::TooDeep {
                limit: MAX_DEPTH - 1
            })
        );
    }

    #[test]
    fn oversized_input_is_refused_before_parsing() {
        let limits = Limits {
            max_input: 8,
            ..Limits::default()
        };
        assert_eq!(
            to_der_with(&hex("04 07 00 00 00 00 00 00 00"), limits),
            Err(BerError::TooLarge { size: 9, limit: 8 })
        );
    }

    #[test]
    fn an_implicit_octet_string_is_merged_when_the_schema_says_so() {
        // [0] IMPLICIT OCTET STRING in constructed form, as CMS EncryptedContentInfo allows.
        let element = parse(&hex("a0 80 04 02 aa bb 04 01 cc 00 00"), Limits::default()).unwrap();
        // Without the schema it stays an explicit-looking [0].
        assert_eq!(element.to_der(), hex("a0 07 04 02 aa bb 04 01 cc"));
        let merged = element.merge_implicit_octet_string().unwrap();
        assert_eq!(merged.to_der(), hex("80 03 aa bb cc"));
        let wrong = parse(&hex("a0 03 02 01 05"), Limits::default()).unwrap();
        assert_eq!(
            wrong.merge_implicit_octet_string(),
            Err(BerError::BadStringSegment)
        );
    }
}
