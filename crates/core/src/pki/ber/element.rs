//! One element of a normalised tree, its tag, and its DER encoding.

use super::BerError;

/// Universal class, the only one given meaning here.
const UNIVERSAL: u8 = 0;
/// Context-specific class (`[0]`, `[1]` …).
pub(crate) const CONTEXT: u8 = 2;
/// Universal tag numbers used here.
pub(crate) const OCTET_STRING: u32 = 4;
pub(crate) const OBJECT_IDENTIFIER: u32 = 6;
pub(crate) const SEQUENCE: u32 = 16;
pub(super) const END_OF_CONTENTS: u32 = 0;

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
pub(super) fn concat(segments: Vec<Element>) -> Result<Vec<u8>, BerError> {
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
