//! The curves: parameter set A (the only one НУЦ РК uses) and the GOST R 34.10-2012 appendix
//! A.2 example curve (test vectors only).

use std::sync::LazyLock;

use crypto_bigint::modular::{FixedMontyForm, FixedMontyParams};
use crypto_bigint::{Odd, U512};

/// An element of the base field or of the scalar field, in Montgomery form.
pub(crate) type Element = FixedMontyForm<{ U512::LIMBS }>;
pub(crate) type Params = FixedMontyParams<{ U512::LIMBS }>;

/// A short Weierstrass curve y² = x³ + ax + b over F_p of prime order q (cofactor 1).
pub struct Curve {
    pub(crate) field: Params,
    pub(crate) scalars: Params,
    pub(crate) order: U512,
    pub(crate) a: Element,
    pub(crate) b: Element,
    /// 3·b, used by the complete formulas.
    pub(crate) b3: Element,
    /// The base point P, affine (`point` makes the projective one).
    pub(crate) generator_xy: (Element, Element),
}

impl std::fmt::Debug for Curve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Curve")
            .field("order", &self.order)
            .finish_non_exhaustive()
    }
}

struct CurveHex {
    p: &'static str,
    q: &'static str,
    a: &'static str,
    b: &'static str,
    x: &'static str,
    y: &'static str,
}

/// id-tc26-gost-3410-12-512-paramSetA (RFC 7836 / Р 50.1.114-2016); НУЦ names it
/// 1.2.398.3.10.1.1.2.2.1.
const PARAM_SET_A: CurveHex = CurveHex {
    p: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC7",
    q: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF27E69532F48D89116FF22B8D4E0560609B4B38ABFAD2B85DCACDB1411F10B275",
    a: "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFDC4",
    b: "E8C2505DEDFC86DDC1BD0B2B6667F1DA34B82574761CB0E879BD081CFD0B6265EE3CB090F30D27614CB4574010DA90DD862EF9D4EBEE4761503190785A71C760",
    x: "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003",
    y: "7503CFE87A836AE3A61B8816E25450E6CE5E1C93ACF1ABC1778064FDCBEFA921DF1626BE4FD036E93D75E6A50E3A41E98028FE5FC235F5B889A589CB5215F2A4",
};

/// GOST R 34.10-2012, appendix A.2 (also RFC 7091 §7.2): the 512-bit example.
const APPENDIX_A2: CurveHex = CurveHex {
    p: "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DF1D852741AF4704A0458047E80E4546D35B8336FAC224DD81664BBF528BE6373",
    q: "4531ACD1FE0023C7550D267B6B2FEE80922B14B2FFB90F04D4EB7C09B5D2D15DA82F2D7ECB1DBAC719905C5EECC423F1D86E25EDBE23C595D644AAF187E6E6DF",
    a: "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000007",
    b: "1CFF0806A31116DA29D8CFA54E57EB748BC5F377E49400FDD788B649ECA1AC4361834013B2AD7322480A89CA58E0CF74BC9E540C2ADD6897FAD0A3084F302ADC",
    x: "24D19CC64572EE30F396BF6EBBFD7A6C5213B3B3D7057CC825F91093A68CD762FD60611262CD838DC6B60AA7EEE804E28BC849977FAC33B4B530F1B120248A9A",
    y: "2BB312A43BD2CE6E0D020613C857ACDDCFBF061E91E5F2C3F32447C259F39B2C83AB156D77F1496BF7EB3351E1EE4E43DC1A18B91B24640B6DBB92CB1ADD371E",
};

static CURVE_A: LazyLock<Curve> = LazyLock::new(|| Curve::from_hex(&PARAM_SET_A));
static CURVE_A2: LazyLock<Curve> = LazyLock::new(|| Curve::from_hex(&APPENDIX_A2));

impl Curve {
    /// Parameter set A, 512 bits: every GOST kit НУЦ issues today.
    pub fn param_set_a() -> &'static Curve {
        &CURVE_A
    }

    /// The standard's appendix A.2 example curve; for test vectors.
    pub fn appendix_a2() -> &'static Curve {
        &CURVE_A2
    }

    fn from_hex(hex: &CurveHex) -> Curve {
        // Both moduli are odd primes written above; `from_be_hex` panics only on a malformed
        // literal, which the curve tests would show at once.
        let field = Params::new_vartime(odd(hex.p));
        let scalars = Params::new_vartime(odd(hex.q));
        let element = |h: &str| Element::new(&U512::from_be_hex(h), &field);
        let a = element(hex.a);
        let b = element(hex.b);
        let b3 = b.add(&b).add(&b);
        let generator_xy = (element(hex.x), element(hex.y));
        Curve {
            field,
            scalars,
            order: U512::from_be_hex(hex.q),
            a,
            b,
            b3,
            generator_xy,
        }
    }

    /// A base-field element from an integer (reduced mod p).
    pub(crate) fn field_element(&self, value: &U512) -> Element {
        Element::new(value, &self.field)
    }

    /// A scalar from an integer (reduced mod q).
    pub(crate) fn scalar(&self, value: &U512) -> Element {
        Element::new(value, &self.scalars)
    }

    /// Is (x, y) on the curve?
    pub(crate) fn contains(&self, x: &Element, y: &Element) -> bool {
        let rhs = x.square().mul(x).add(&self.a.mul(x)).add(&self.b);
        y.square().retrieve() == rhs.retrieve()
    }
}

fn odd(hex: &str) -> Odd<U512> {
    match Odd::new(U512::from_be_hex(hex)).into_option() {
        Some(odd) => odd,
        None => unreachable!("curve moduli are odd primes"),
    }
}
