//! ID document capture: the ID-1 card frame for the overlay, sharpness (variance of the
//! Laplacian) and glare checks with hints, loading a JPEG/PNG file with its EXIF orientation,
//! and JPEG encoding for upload.
//!
//! `card` holds the card's shape and the frame drawn over the preview, `check` the picture
//! checks and their hints, `file` loading a chosen file and encoding the upload.

mod card;
mod check;
mod file;

pub use card::{CARD_FRAME_MARGIN, CardFrame, CardSide, ID1_ASPECT};
pub use check::{
    DocumentCheck, DocumentHint, DocumentRules, MIN_CARD_COVERAGE, card_coverage,
    check_card_capture, check_document, check_document_with,
};
pub use file::{
    DocumentFileError, MAX_FILE_BYTES, MAX_SIDE, MIN_RESOLUTION, UPLOAD_MAX_SIDE,
    encode_document_jpeg, load_document_bytes, load_document_file,
};
