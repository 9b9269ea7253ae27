//! How long writing a kit's two PKCS#12 files takes (`store::install`: open both pending keys,
//! check the certificates, build and write `AUTH_RSA256_<id>.p12` and `RSA256_<id>.p12`), in
//! each `Pkcs12Format`, and how long reading one back with `inspect_pkcs12` takes. The key
//! derivation (PBKDF2 / the PKCS#12 KDF) is most of it, so the figures follow the iteration
//! counts. Prints medians; it asserts nothing about time.
//!
//! Run: `cargo bench -p qoltanba-core --bench pkcs12_write` (rounds: `QOLTANBA_BENCH_ROUNDS`,
//! default 5).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench binary stops at the first surprise

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{PASSWORD, TestCa, password};
use qoltanba_core::pki::inspect::inspect_pkcs12;
use qoltanba_core::pki::{Pkcs12Format, generate_key_set};
use qoltanba_core::store::{install, save_pending};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let rounds: usize = std::env::var("QOLTANBA_BENCH_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(5);
    let ca = TestCa::new();
    let keys = generate_key_set(&common::subject()).unwrap();
    let certificates = ca.certificates(&keys);
    println!("PKCS#12 kits, medians of {rounds} rounds");
    for format in [Pkcs12Format::Modern, Pkcs12Format::Compatible] {
        let mut installs = Vec::new();
        let mut reads = Vec::new();
        for _ in 0..rounds {
            let dir = tempfile::tempdir().unwrap();
            // Pending keys are written outside the timing (their own 100,000 PBKDF2 rounds).
            let pending = save_pending(dir.path(), &keys, &password()).unwrap();
            let start = Instant::now();
            let files = install(&pending, &password(), &certificates, format).unwrap();
            installs.push(start.elapsed());
            let bytes = std::fs::read(&files.files[0].path).unwrap();
            let start = Instant::now();
            inspect_pkcs12(&bytes, PASSWORD).unwrap();
            reads.push(start.elapsed());
        }
        println!(
            "{format:?}: install (2 files) {:.0} ms, inspect one file {:.0} ms",
            ms(median(installs)),
            ms(median(reads))
        );
    }
}
