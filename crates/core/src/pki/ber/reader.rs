//! The BER reader: one element at a time, normalised as it is read.

use super::BerError;
use super::element::{END_OF_CONTENTS, Element, OCTET_STRING, Tag, concat};

pub(super) struct Reader<'a> {
    pub(super) input: &'a [u8],
    pub(super) position: usize,
    pub(super) max_depth: usize,
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
    pub(super) fn element(&mut self, depth: usize) -> Result<Option<Element>, BerError> {
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
