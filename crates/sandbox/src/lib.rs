//! The sandbox issuance service (being written).
