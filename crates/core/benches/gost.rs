//! GOST 34.10-2015 512-bit speed: key generation + request (`gost_request_der`, as the wizard
//! makes a kit), signatures and verifications per second — ours beside gost-engine
//! (`openssl genpkey -engine gost -algorithm gost2012_512 -pkeyopt paramset:A`, `openssl
//! pkeyutl -engine gost -sign/-verify`) in the same run. gost-engine figures are per
//! `openssl` process, so they include starting it; the time of `openssl version` is printed
//! beside them to show that part.
//!
//! Run: `cargo bench -p qoltanba-core --bench gost` (rounds: `QOLTANBA_BENCH_ROUNDS`,
//! default 20).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a bench binary stops at the first surprise

use std::process::Command;
use std::time::{Duration, Instant};

use qoltanba_core::domain::{Iin, Sex};
use qoltanba_core::gost::{Curve, SigningKey};
use qoltanba_core::pki::{KeyStoreOid, Subject, gost_request_der};

fn rounds() -> usize {
    std::env::var("QOLTANBA_BENCH_ROUNDS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(20)
}

fn per_op(total: Duration, n: usize) -> f64 {
    total.as_secs_f64() * 1000.0 / n as f64
}

fn timed(n: usize, mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed()
}

fn openssl(dir: &std::path::Path, args: &[&str]) -> bool {
    Command::new("openssl")
        .current_dir(dir)
        .args(args)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

fn main() {
    let n = rounds();
    let subject = Subject {
        surname: "Тестов".into(),
        given_name: "Тест".into(),
        patronymic: None,
        iin: Iin::from_parts(1990, 1, 2, Sex::Male, 1).unwrap(),
        email: None,
    };
    let params = subject.request_params(&KeyStoreOid::pkcs12_file()).unwrap();
    let curve = Curve::param_set_a();
    let keygen = timed(n, || {
        let key = SigningKey::generate(curve);
        gost_request_der(&params, &key).unwrap();
    });
    let key = SigningKey::generate(curve);
    let public = key.verifying_key();
    let message = vec![0x5a_u8; 1024];
    let signature = key.sign(&message);
    let sign = timed(n, || {
        key.sign(&message);
    });
    let verify = timed(n, || assert!(public.verify(&message, &signature)));
    println!("GOST 34.10-2015 512 (paramSetA), {n} rounds each, 1 KiB message");
    println!("ours:       key + request {:8.2} ms", per_op(keygen, n));
    println!(
        "ours:       sign          {:8.2} ms  ({:.1}/s)",
        per_op(sign, n),
        n as f64 / sign.as_secs_f64()
    );
    println!(
        "ours:       verify        {:8.2} ms  ({:.1}/s)",
        per_op(verify, n),
        n as f64 / verify.as_secs_f64()
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path();
    std::fs::write(path.join("msg.bin"), &message).unwrap();
    let genpkey = [
        "genpkey",
        "-engine",
        "gost",
        "-algorithm",
        "gost2012_512",
        "-pkeyopt",
        "paramset:A",
        "-out",
        "key.pem",
    ];
    if !openssl(path, &genpkey) {
        println!("gost-engine: SKIPPED (apt-get install libengine-gost-openssl)");
        return;
    }
    openssl(
        path,
        &[
            "pkey", "-engine", "gost", "-in", "key.pem", "-pubout", "-out", "pub.pem",
        ],
    );
    let sign_args = [
        "dgst",
        "-engine",
        "gost",
        "-md_gost12_512",
        "-sign",
        "key.pem",
        "-out",
        "sig.bin",
        "msg.bin",
    ];
    let verify_args = [
        "dgst",
        "-engine",
        "gost",
        "-md_gost12_512",
        "-verify",
        "pub.pem",
        "-signature",
        "sig.bin",
        "msg.bin",
    ];
    let spawn = timed(n, || assert!(openssl(path, &["version"])));
    let engine_keygen = timed(n, || assert!(openssl(path, &genpkey)));
    openssl(
        path,
        &[
            "pkey", "-engine", "gost", "-in", "key.pem", "-pubout", "-out", "pub.pem",
        ],
    );
    let engine_sign = timed(n, || assert!(openssl(path, &sign_args)));
    let engine_verify = timed(n, || assert!(openssl(path, &verify_args)));
    println!(
        "gost-engine: genpkey      {:8.2} ms per openssl run",
        per_op(engine_keygen, n)
    );
    println!(
        "gost-engine: dgst -sign   {:8.2} ms per openssl run",
        per_op(engine_sign, n)
    );
    println!(
        "gost-engine: dgst -verify {:8.2} ms per openssl run",
        per_op(engine_verify, n)
    );
    println!(
        "(openssl version alone:   {:8.2} ms per run: process start-up)",
        per_op(spawn, n)
    );
}
