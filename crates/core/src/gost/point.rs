//! Points in projective coordinates, the complete addition law and constant-time scalar
//! multiplication.
//!
//! **Ours, and why:** RustCrypto's `primeorder` has these formulas, but it needs field types
//! implementing `ff::PrimeField` for the curve, and no maintained crate provides 512-bit GOST
//! fields (RustCrypto's curve crates generate theirs with fiat-crypto). The field arithmetic
//! itself is crypto-bigint's (`FixedMontyForm`: constant-time Montgomery multiplication and
//! safegcd inversion); what is written here is the point formula — Renes, Costello, Batina,
//! "Complete addition formulas for prime order elliptic curves" (2015), algorithm 1, for any
//! `a`, so that the same code runs paramSetA (a = −3) and the standard's example (a = 7) — and
//! a Montgomery ladder over all 512 bits with constant-time swaps.

use crypto_bigint::{Choice, CtSelect, U512};
use zeroize::Zeroize;

use super::curve::{Curve, Element, Params};

/// (X : Y : Z) with x = X/Z, y = Y/Z; the identity is (0 : 1 : 0).
#[derive(Clone, Copy)]
pub(crate) struct ProjectivePoint {
    x: Element,
    y: Element,
    z: Element,
}

impl ProjectivePoint {
    pub(crate) fn from_affine(x: Element, y: Element, field: &Params) -> Self {
        ProjectivePoint {
            x,
            y,
            z: Element::one(field),
        }
    }

    fn identity(field: &Params) -> Self {
        ProjectivePoint {
            x: Element::zero(field),
            y: Element::one(field),
            z: Element::zero(field),
        }
    }

    /// The affine coordinates, or `None` for the identity.
    pub(crate) fn to_affine(self) -> Option<(U512, U512)> {
        let z_inv = self.z.invert().into_option()?;
        Some((self.x.mul(&z_inv).retrieve(), self.y.mul(&z_inv).retrieve()))
    }

    /// P + Q by RCB algorithm 1; complete: also right for P = Q and for the identity.
    pub(crate) fn add(&self, other: &Self, curve: &Curve) -> Self {
        let (x1, y1, z1) = (&self.x, &self.y, &self.z);
        let (x2, y2, z2) = (&other.x, &other.y, &other.z);
        let a = &curve.a;
        let b3 = &curve.b3;
        let mut t0 = x1.mul(x2);
        let mut t1 = y1.mul(y2);
        let mut t2 = z1.mul(z2);
        let mut t3 = x1.add(y1);
        let mut t4 = x2.add(y2);
        t3 = t3.mul(&t4);
        t4 = t0.add(&t1);
        t3 = t3.sub(&t4);
        t4 = x1.add(z1);
        let mut t5 = x2.add(z2);
        t4 = t4.mul(&t5);
        t5 = t0.add(&t2);
        t4 = t4.sub(&t5);
        t5 = y1.add(z1);
        let mut x3 = y2.add(z2);
        t5 = t5.mul(&x3);
        x3 = t1.add(&t2);
        t5 = t5.sub(&x3);
        let mut z3 = a.mul(&t4);
        x3 = b3.mul(&t2);
        z3 = x3.add(&z3);
        x3 = t1.sub(&z3);
        z3 = t1.add(&z3);
        let mut y3 = x3.mul(&z3);
        t1 = t0.add(&t0);
        t1 = t1.add(&t0);
        t2 = a.mul(&t2);
        t4 = b3.mul(&t4);
        t1 = t1.add(&t2);
        t2 = t0.sub(&t2);
        t2 = a.mul(&t2);
        t4 = t4.add(&t2);
        t0 = t1.mul(&t4);
        y3 = y3.add(&t0);
        t0 = t5.mul(&t4);
        x3 = t3.mul(&x3);
        x3 = x3.sub(&t0);
        t0 = t3.mul(&t1);
        z3 = t5.mul(&z3);
        z3 = z3.add(&t0);
        ProjectivePoint {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    fn swap(a: &mut Self, b: &mut Self, choice: Choice) {
        a.x.ct_swap(&mut b.x, choice);
        a.y.ct_swap(&mut b.y, choice);
        a.z.ct_swap(&mut b.z, choice);
    }

    /// k·P by a Montgomery ladder over all 512 bits of `k`: the same operations whatever
    /// the scalar, with constant-time swaps (no branch or index depends on a secret bit).
    pub(crate) fn mul(&self, k: &U512, curve: &Curve) -> Self {
        let mut r0 = ProjectivePoint::identity(&curve.field);
        let mut r1 = *self;
        for bit in (0..U512::BITS).rev() {
            let choice = k.bit(bit);
            ProjectivePoint::swap(&mut r0, &mut r1, choice);
            r1 = r0.add(&r1, curve);
            r0 = r0.add(&r0, curve);
            ProjectivePoint::swap(&mut r0, &mut r1, choice);
        }
        r1.zeroize();
        r0
    }
}

impl Zeroize for ProjectivePoint {
    fn zeroize(&mut self) {
        self.x.zeroize();
        self.y.zeroize();
        self.z.zeroize();
    }
}

impl Curve {
    /// The base point P in projective coordinates.
    pub(crate) fn generator(&self) -> ProjectivePoint {
        let (x, y) = self.generator_xy;
        ProjectivePoint::from_affine(x, y, &self.field)
    }
}
