//! How long making a kit takes: `generate_key_set` (two RSA-2048 pairs with their requests,
//! aws-lc through rcgen, on two threads) beside `openssl genpkey -algorithm RSA -pkeyopt
//! rsa_keygen_bits:2048` run twice, and RustCrypto `rsa` making two keys (the alternative
//! that was not chosen). RSA prime search varies a lot from run to run, so each figure is
//! the median of several rounds.
//!
//! Run: `cargo bench -p qoltanba-core --bench keygen` (rounds: `QOLTANBA_BENCH_ROUNDS`,
//! default 10; RustCrypto rounds: `QOLTANBA_BENCH_RSA_ROUNDS`, default 3, 0 to skip).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench binary stops at the first surprise

use std::process::Command;
use std::time::{Duration, Instant};

use qoltanba_core::domain::{Email, Iin, Sex};
use qoltanba_core::pki::{Subject, generate_key_set};

fn rounds(variable: &str, default: usize) -> usize {
    std::env::var(variable)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn mean(samples: &[Duration]) -> Duration {
    samples.iter().sum::<Duration>() / samples.len() as u32
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn time(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn openssl_genpkey() {
    let status = Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            if cfg!(windows) { "NUL" } else { "/dev/null" },
        ])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("openssl must be installed");
    assert!(status.success());
}

/// Starting an openssl process that does nothing: the share of `openssl_genpkey` that is
/// process start-up, not key generation.
fn openssl_start() {
    let status = Command::new("openssl")
        .arg("version")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("openssl must be installed");
    assert!(status.success());
}

fn report(name: &str, samples: &[Duration]) -> Duration {
    let median = median(samples.to_vec());
    println!(
        "{name:<58} median {:>8.1} ms   mean {:>8.1} ms   min {:>8.1} ms   max {:>8.1} ms   ({} rounds)",
        ms(median),
        ms(mean(samples)),
        ms(*samples.iter().min().unwrap()),
        ms(*samples.iter().max().unwrap()),
        samples.len()
    );
    median
}

fn main() {
    let subject = Subject {
        surname: "Тестов".into(),
        given_name: "Тест".into(),
        patronymic: Some("Тестович".into()),
        iin: (1..100)
            .find_map(|serial| Iin::from_parts(1990, 1, 2, Sex::Male, serial))
            .unwrap(),
        email: Some(Email::parse("test@example.kz").unwrap()),
    };
    let rounds_main = rounds("QOLTANBA_BENCH_ROUNDS", 10).max(1);
    let rounds_rsa = rounds("QOLTANBA_BENCH_RSA_ROUNDS", 3);
    println!(
        "RSA-2048 key generation, two keys per round, {} cores",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    // Warm up (first use loads aws-lc and the process image of openssl).
    generate_key_set(&subject).unwrap();
    openssl_genpkey();

    let mut ours = Vec::new();
    let mut openssl = Vec::new();
    for _ in 0..rounds_main {
        ours.push(time(|| {
            std::hint::black_box(generate_key_set(&subject).unwrap());
        }));
        openssl.push(time(|| {
            openssl_genpkey();
            openssl_genpkey();
        }));
    }
    let mut start_up = Vec::new();
    for _ in 0..rounds_main {
        start_up.push(time(|| {
            openssl_start();
            openssl_start();
        }));
    }
    let mut sequential = Vec::new();
    for _ in 0..rounds_main {
        sequential.push(time(|| {
            for _ in 0..2 {
                std::hint::black_box(
                    rcgen::KeyPair::generate_rsa_for(
                        &rcgen::PKCS_RSA_SHA256,
                        rcgen::RsaKeySize::_2048,
                    )
                    .unwrap(),
                );
            }
        }));
    }
    let ours_median = report("generate_key_set (2 keys + 2 CSRs, 2 threads)", &ours);
    report("rcgen/aws-lc, 2 keys one after the other", &sequential);
    let openssl_median = report("openssl genpkey rsa_keygen_bits:2048, run twice", &openssl);
    let start_up_median = report(
        "  of which process start-up (openssl version, twice)",
        &start_up,
    );
    if rounds_rsa > 0 {
        let mut rust_crypto = Vec::new();
        for _ in 0..rounds_rsa {
            rust_crypto.push(time(|| {
                for _ in 0..2 {
                    let mut rng = rsa::rand_core::OsRng;
                    std::hint::black_box(rsa::RsaPrivateKey::new(&mut rng, 2048).unwrap());
                }
            }));
        }
        let rust_crypto_median = report(
            "RustCrypto rsa 0.9, 2 keys one after the other",
            &rust_crypto,
        );
        println!(
            "ratio RustCrypto rsa / generate_key_set (median): {:.2}",
            ms(rust_crypto_median) / ms(ours_median)
        );
    }
    println!(
        "ratio generate_key_set / openssl genpkey ×2 (median): {:.2}",
        ms(ours_median) / ms(openssl_median)
    );
    println!(
        "ratio generate_key_set / (openssl genpkey ×2 − start-up) (median): {:.2}",
        ms(ours_median) / (ms(openssl_median) - ms(start_up_median)).max(f64::EPSILON)
    );
}
