//! GOST 34.10-2015 key pairs and signatures on a [`Curve`], with НУЦ's byte layouts:
//! private key d little-endian (64 bytes), public key x_LE ‖ y_LE (128 bytes), signature
//! r_LE ‖ s_LE (128 bytes). The signing equations are the standard's (§6.1, §6.2).

use crypto_bigint::U512;
use rand::RngCore;
use streebog::{Digest, Streebog512};
use zeroize::{Zeroize, Zeroizing};

use super::GostError;
use super::curve::{Curve, Element};
use super::point::ProjectivePoint;

/// Bytes of one coordinate or scalar.
pub const SCALAR_LEN: usize = 64;
/// x_LE ‖ y_LE.
pub const PUBLIC_KEY_LEN: usize = 128;
/// r_LE ‖ s_LE.
pub const SIGNATURE_LEN: usize = 128;

/// A private key: the scalar d, 0 < d < q. Zeroized on drop; no `Debug` shows it.
pub struct SigningKey {
    curve: &'static Curve,
    d: U512,
}

impl Drop for SigningKey {
    fn drop(&mut self) {
        self.d.zeroize();
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(..)")
    }
}

/// A public key: the point Q = d·P, checked to lie on the curve.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyingKey {
    curve: &'static Curve,
    x: U512,
    y: U512,
}

impl std::fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "VerifyingKey({})", hex::encode(self.to_le_bytes()))
    }
}

impl PartialEq for Curve {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
impl Eq for Curve {}

/// A signature (r, s).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub r: U512,
    pub s: U512,
}

impl Signature {
    /// НУЦ's layout, r_LE ‖ s_LE: every НУЦ certificate verifies only in this one.
    pub fn to_nuc_bytes(&self) -> [u8; SIGNATURE_LEN] {
        let mut out = [0u8; SIGNATURE_LEN];
        out[..SCALAR_LEN].copy_from_slice(&self.r.to_le_bytes());
        out[SCALAR_LEN..].copy_from_slice(&self.s.to_le_bytes());
        out
    }

    pub fn from_nuc_bytes(bytes: &[u8]) -> Result<Signature, GostError> {
        if bytes.len() != SIGNATURE_LEN {
            return Err(GostError::SignatureLength(bytes.len()));
        }
        Ok(Signature {
            r: U512::from_le_slice(&bytes[..SCALAR_LEN]),
            s: U512::from_le_slice(&bytes[SCALAR_LEN..]),
        })
    }

    /// The RFC 4491 / RFC 9215 layout s_BE ‖ r_BE (what gost-engine reads, and what a
    /// PKCS#11 token returns for CKM_GOSTR3410 / CKM_GOSTR3410_512): the byte reversal of
    /// [`Signature::to_nuc_bytes`].
    pub fn to_rfc_bytes(&self) -> [u8; SIGNATURE_LEN] {
        let mut out = self.to_nuc_bytes();
        out.reverse();
        out
    }

    /// The signature from s_BE ‖ r_BE (see [`Signature::to_rfc_bytes`]).
    pub fn from_rfc_bytes(bytes: &[u8]) -> Result<Signature, GostError> {
        let mut reversed = bytes.to_vec();
        reversed.reverse();
        Self::from_nuc_bytes(&reversed)
    }
}

/// Streebog-512 of `message`, as the 64 bytes the `streebog` crate emits: what a token's
/// CKM_GOSTR3410_512 is given to sign.
pub fn streebog512(message: &[u8]) -> [u8; DIGEST_LEN] {
    let mut out = [0u8; DIGEST_LEN];
    out.copy_from_slice(&Streebog512::digest(message));
    out
}

/// Bytes of a Streebog-512 digest.
pub const DIGEST_LEN: usize = 64;

/// Streebog-512 of the message, as the integer e of the standard: the digest bytes read
/// little-endian, reduced mod q, 0 replaced by 1.
fn message_scalar(curve: &Curve, message: &[u8]) -> Element {
    prehash_scalar(curve, &streebog512(message))
}

/// A digest given as bytes (as `streebog` emits them), read little-endian.
fn prehash_scalar(curve: &Curve, digest: &[u8; DIGEST_LEN]) -> Element {
    digest_scalar(curve, &U512::from_le_slice(digest))
}

fn digest_scalar(curve: &Curve, alpha: &U512) -> Element {
    let e = curve.scalar(alpha);
    let is_zero = e.retrieve() == U512::ZERO;
    if is_zero { curve.scalar(&U512::ONE) } else { e }
}

/// A uniformly random scalar in [1, q) by rejection sampling.
fn random_scalar(curve: &Curve) -> U512 {
    let mut bytes = Zeroizing::new([0u8; SCALAR_LEN]);
    loop {
        rand::rng().fill_bytes(bytes.as_mut());
        let mut k = U512::from_le_slice(bytes.as_ref());
        if k != U512::ZERO && k < curve.order {
            return k;
        }
        k.zeroize();
    }
}

impl SigningKey {
    /// A new key on `curve` from the operating system's generator.
    pub fn generate(curve: &'static Curve) -> SigningKey {
        SigningKey {
            curve,
            d: random_scalar(curve),
        }
    }

    /// The key from its 64 little-endian bytes (PKCS#8's inner OCTET STRING).
    pub fn from_le_bytes(curve: &'static Curve, bytes: &[u8]) -> Result<SigningKey, GostError> {
        if bytes.len() != SCALAR_LEN {
            return Err(GostError::PrivateKeyLength(bytes.len()));
        }
        let d = U512::from_le_slice(bytes);
        if d == U512::ZERO || d >= curve.order {
            return Err(GostError::PrivateKeyRange);
        }
        Ok(SigningKey { curve, d })
    }

    pub fn to_le_bytes(&self) -> Zeroizing<[u8; SCALAR_LEN]> {
        let mut out = Zeroizing::new([0u8; SCALAR_LEN]);
        let mut bytes = self.d.to_le_bytes();
        out.copy_from_slice(&bytes);
        bytes.zeroize();
        out
    }

    /// Q = d·P.
    pub fn verifying_key(&self) -> VerifyingKey {
        let point = self.curve.generator().mul(&self.d, self.curve);
        match point.to_affine() {
            Some((x, y)) => VerifyingKey {
                curve: self.curve,
                x,
                y,
            },
            // 0 < d < q and P has order q, so d·P is never the identity.
            None => unreachable!("d·P is the identity only for d = 0 mod q"),
        }
    }

    /// Signs Streebog-512(message).
    pub fn sign(&self, message: &[u8]) -> Signature {
        self.sign_e(&message_scalar(self.curve, message))
    }

    /// Signs a Streebog-512 digest computed elsewhere (a token's CKM_GOSTR3410_512 does
    /// this: the hash is the caller's).
    pub fn sign_prehashed(&self, digest: &[u8; DIGEST_LEN]) -> Signature {
        self.sign_e(&prehash_scalar(self.curve, digest))
    }

    fn sign_e(&self, e: &Element) -> Signature {
        loop {
            let mut k = random_scalar(self.curve);
            let signature = self.sign_with(e, &k);
            k.zeroize();
            if let Some(signature) = signature {
                return signature;
            }
        }
    }

    /// The standard's steps 4–6 with a given k; `None` when r or s is 0 (pick another k).
    fn sign_with(&self, e: &Element, k: &U512) -> Option<Signature> {
        let curve = self.curve;
        let (x, _) = curve.generator().mul(k, curve).to_affine()?;
        let r = curve.scalar(&x);
        if r.retrieve() == U512::ZERO {
            return None;
        }
        let mut d = curve.scalar(&self.d);
        let mut k = curve.scalar(k);
        let s = r.mul(&d).add(&k.mul(e));
        d.zeroize();
        k.zeroize();
        let s = s.retrieve();
        if s == U512::ZERO {
            return None;
        }
        Some(Signature { r: r.retrieve(), s })
    }

    /// Signs a given integer α (the standard's example gives e, not a message) with a given
    /// k: for test vectors only.
    #[cfg(test)]
    pub(crate) fn sign_digest_with_k(&self, alpha: &U512, k: &U512) -> Option<Signature> {
        self.sign_with(&digest_scalar(self.curve, alpha), k)
    }
}

impl VerifyingKey {
    /// The key from x_LE ‖ y_LE (the OCTET STRING inside the SPKI BIT STRING).
    pub fn from_le_bytes(curve: &'static Curve, bytes: &[u8]) -> Result<VerifyingKey, GostError> {
        if bytes.len() != PUBLIC_KEY_LEN {
            return Err(GostError::PublicKeyLength(bytes.len()));
        }
        let x = U512::from_le_slice(&bytes[..SCALAR_LEN]);
        let y = U512::from_le_slice(&bytes[SCALAR_LEN..]);
        Self::from_coordinates(curve, x, y)
    }

    pub fn from_coordinates(
        curve: &'static Curve,
        x: U512,
        y: U512,
    ) -> Result<VerifyingKey, GostError> {
        let modulus = curve.field.modulus().get();
        if x >= modulus || y >= modulus {
            return Err(GostError::NotOnCurve);
        }
        if !curve.contains(&curve.field_element(&x), &curve.field_element(&y)) {
            return Err(GostError::NotOnCurve);
        }
        Ok(VerifyingKey { curve, x, y })
    }

    pub fn to_le_bytes(&self) -> [u8; PUBLIC_KEY_LEN] {
        let mut out = [0u8; PUBLIC_KEY_LEN];
        out[..SCALAR_LEN].copy_from_slice(&self.x.to_le_bytes());
        out[SCALAR_LEN..].copy_from_slice(&self.y.to_le_bytes());
        out
    }

    /// (x, y) as integers.
    pub fn coordinates(&self) -> (&U512, &U512) {
        (&self.x, &self.y)
    }

    /// Does `signature` sign Streebog-512(message) under this key?
    pub fn verify(&self, message: &[u8], signature: &Signature) -> bool {
        self.verify_e(&message_scalar(self.curve, message), signature)
    }

    /// Does `signature` sign this Streebog-512 digest (computed elsewhere)?
    pub fn verify_prehashed(&self, digest: &[u8; DIGEST_LEN], signature: &Signature) -> bool {
        self.verify_e(&prehash_scalar(self.curve, digest), signature)
    }

    #[cfg(test)]
    pub(crate) fn verify_digest(&self, alpha: &U512, signature: &Signature) -> bool {
        self.verify_e(&digest_scalar(self.curve, alpha), signature)
    }

    /// The standard's verification, steps 2–7 (public data only).
    fn verify_e(&self, e: &Element, signature: &Signature) -> bool {
        let curve = self.curve;
        let in_range = |v: &U512| *v != U512::ZERO && *v < curve.order;
        if !in_range(&signature.r) || !in_range(&signature.s) {
            return false;
        }
        let Some(v) = e.invert().into_option() else {
            return false;
        };
        let z1 = curve.scalar(&signature.s).mul(&v).retrieve();
        let z2 = curve.scalar(&signature.r).mul(&v).neg().retrieve();
        let q = ProjectivePoint::from_affine(
            curve.field_element(&self.x),
            curve.field_element(&self.y),
            &curve.field,
        );
        let c = curve
            .generator()
            .mul(&z1, curve)
            .add(&q.mul(&z2, curve), curve);
        match c.to_affine() {
            Some((x, _)) => curve.scalar(&x).retrieve() == signature.r,
            None => false,
        }
    }
}
